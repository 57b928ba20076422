"""The Data Docs as a user opens them, after two real validations (DuckDB, Great
Expectations, the gate's Data Docs site) of one warehouse: the first only warns
(XPeng's 2024 without February: a month missing inside a series), the second
fails a critical rule (Xiaomi's December 2025 stated as 48,000, under its own
floor of 50,000). Every page opens offline, both runs stay listed and
browsable from the index, and each suite is labelled by its verdict."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from figures_warehouse import figure_documents, load_figures

from expectations import validate

SUITES = ("figures", "business_rules", "delivery_tables")


class References(HTMLParser):
    """Every URL a page refers to, by tag: stylesheets and scripts, images, links."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.found.append((tag, value))


def references(page: Path) -> list[tuple[str, str]]:
    parser = References()
    text = page.read_text(encoding="utf-8")
    parser.feed(text)
    return parser.found + [("style", url) for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text)]


def index_rows(docs: Path) -> list[tuple[str, str, str]]:
    """The index's validation rows: (verdict, run name, page)."""
    index = (docs / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<td><a href="(validations/[^"]+)"[^>]*>([^<]+)</a></td>\s*<td>[^<]*</td>\s*<td>([^<]+)</td>', index)
    return [(verdict, run, unquote(page)) for page, verdict, run in rows]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, published_figures):
    home = tmp_path_factory.mktemp("data-docs")
    xpeng = [
        r for r in published_figures.where(entity="xpeng", metric="deliveries", scope="all")
        if len(r["period"]) == 7 and r["period"].startswith("2024-") and r["period"] != "2024-02"
    ]
    (december,) = published_figures.where(entity="xiaomi", metric="deliveries", scope="all", period="2025-12")
    with load_figures(home / "warehouse.duckdb", xpeng) as writer:
        first = validate(writer.conn, home / "docs", "first-run")
        for entry, figures in figure_documents([{**december, "value": "48000", "qualifier": "exact"}]):
            writer.load_document(entry, figures, "second-run")
        second = validate(writer.conn, home / "docs", "second-run")
    return home, first, second


def test_the_runs_are_what_the_pages_will_say(two_runs):
    _, first, second = two_runs
    assert first.critical_failures == [] and any("months_without_gaps" in w for w in first.warnings)
    assert any("xiaomi_2025_12_deliveries_exceed_50000" in c for c in second.critical_failures)


def test_every_page_opens_offline(two_runs):
    """No stylesheet, script or image from the network (GX's pages took them from CDNs and
    its logo from S3), and every local reference is a file of the site."""
    home, _, _ = two_runs
    pages = sorted((home / "docs").rglob("*.html"))
    assert len(pages) >= 1 + len(SUITES) + 2 * len(SUITES)  # the index, the suites, each run's results
    for page in pages:
        for tag, url in references(page):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                assert tag == "a", f"{page}: <{tag}> fetches {url}"
            elif parts.scheme == "" and parts.path:
                assert (page.parent / unquote(parts.path)).resolve().is_file(), f"{page}: {url} is not in the site"


def test_the_index_lists_every_run_with_its_verdict(two_runs):
    home, _, _ = two_runs
    docs = home / "docs"
    rows = index_rows(docs)
    verdicts = {(run, page.split("/")[1]): verdict for verdict, run, page in rows}
    assert verdicts == {
        ("second-run", "figures"): "Passed", ("second-run", "business_rules"): "Failed",
        ("second-run", "delivery_tables"): "Passed with warnings",
        ("first-run", "figures"): "Passed", ("first-run", "business_rules"): "Passed",
        ("first-run", "delivery_tables"): "Passed with warnings",
    }
    assert [run for _, run, _ in rows] == ["second-run"] * 3 + ["first-run"] * 3  # newest first
    assert all((docs / page).is_file() for _, _, page in rows)
    assert not [p for p in home.iterdir() if p.name.startswith(".docs")]  # each build was swapped in whole


@pytest.mark.parametrize("run, suite, verdict", [
    ("first-run", "delivery_tables", "Passed with warnings"),
    ("second-run", "business_rules", "Failed"),
    ("second-run", "figures", "Passed"),
])
def test_a_validation_page_says_its_suites_verdict(two_runs, run, suite, verdict):
    home, _, _ = two_runs
    ((page,),) = [[p for _, r, p in index_rows(home / "docs") if r == run and p.split("/")[1] == suite]]
    text = (home / "docs" / page).read_text(encoding="utf-8")
    status = re.search(r"Status:</span>\s*<i [^>]*></i>\s*([A-Za-z ]+?)\s*<", text)
    assert status and status.group(1) == verdict
