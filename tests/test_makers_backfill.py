"""Makers and news end to end: an offline backfill of the samples loads every
maker row of figures.csv (company months, quarters, years, cumulative, targets,
and the third-party counts the press carries) with the right fields, and
discovery walks each site's real list pages over HTTP."""

from __future__ import annotations

import re

import pytest
from support import SAMPLE_RANGE, rows

from extractors.registry import get_source
from flows.pipeline import backfill
from warehouse.archive import Archive

pytestmark = pytest.mark.usefixtures("prefect_harness")

START, END = SAMPLE_RANGE
SOURCES = ["nio", "xpeng", "li-auto", "leapmotor", "xiaomi", "xiaomi-hkex", "byd", "zeekr", "press"]
# basis -> the releases a figure of that basis may come in
RELEASES = {"company": {"final", "results"}, "company-quarterly": {"results"}, "company-target": {"final", "results"}, "third-party": {"article"}}
# BYD announces targets to the press but files none: its target comes from an article.
TARGET_REPORTED_BY_PRESS = {"byd"}


# A maker publishes for its group and brands under its own id.
PUBLISHER = {"nio-group": "nio", "onvo": "nio", "firefly": "nio", "zeekr-group": "zeekr"}


def expected_publisher(row: dict) -> str:
    if row["basis"] == "third-party" or (row["basis"] == "company-target" and row["entity"] in TARGET_REPORTED_BY_PRESS):
        return "press"
    return PUBLISHER.get(row["entity"], row["entity"])


def in_range(period: str) -> bool:
    return START <= period[:7] <= END if len(period) >= 7 else START[:4] <= period <= END[:4]


def maker_rows(published_figures) -> list[dict]:
    return [r for r in published_figures.rows if r["basis"] in RELEASES and in_range(r["period"])]


@pytest.fixture(scope="module")
def loaded(sample_backfill):
    """The session's offline backfill of every source over the sample range."""
    return sample_backfill


def test_the_backfill_completes_without_a_problem(loaded):
    state, settings = loaded
    assert state.is_completed(), state.message
    assert rows(settings.warehouse_path, "SELECT count(*) FROM parse_errors") == [(0,)]


def test_every_maker_row_of_figures_csv_is_loaded_with_its_fields(loaded, published_figures):
    _, settings = loaded
    expected = maker_rows(published_figures)
    assert len(expected) > 150
    loaded_figures = set(rows(
        settings.warehouse_path,
        "SELECT publisher, entity, metric, scope, segment, period, value, qualifier, release FROM figures",
    ))
    missing = []
    for row in expected:
        publisher = expected_publisher(row)
        releases = {"article"} if publisher == "press" else RELEASES[row["basis"]]
        key = (publisher, row["entity"], row["metric"], row["scope"], row["segment"], row["period"], int(row["value"]), row["qualifier"])
        if not any(key + (release,) in loaded_figures for release in releases):
            missing.append((row["basis"], *key))
    assert missing == []


def test_xiaomi_floors_and_exact_quarters(loaded):
    _, settings = loaded
    figure = ("SELECT value, qualifier, release FROM figures WHERE publisher='xiaomi' AND source LIKE 'xiaomi%' AND entity='xiaomi' "
              "AND metric='deliveries' AND period=?")
    assert rows(settings.warehouse_path, figure, ["2025-12"]) == [(50_000, "at_least", "final")]
    assert rows(settings.warehouse_path, figure, ["2025-Q3"]) == [(108_796, "exact", "results")]


def test_the_nio_brand_split_sums_to_the_group(loaded, published_figures):
    _, settings = loaded
    for period in ("2025-12", "2025-Q4", "2025", "2026-01"):
        group = rows(settings.warehouse_path, "SELECT value FROM figures WHERE source='nio' AND entity='nio-group' AND metric='deliveries' AND period=?", [period])
        brands = rows(
            settings.warehouse_path,
            "SELECT sum(value) FROM figures WHERE source='nio' AND entity IN ('nio', 'onvo', 'firefly') AND metric='deliveries' "
            "AND period=? AND release='final'",
            [period],
        )
        assert {value for (value,) in group} == {published_figures.value("nio-group", "deliveries", "all", period, "company")}
        assert brands == [(published_figures.value("nio-group", "deliveries", "all", period, "company"),)]
    assert published_figures.value("nio-group", "deliveries", "all", "2025-12", "company") == 48_135


def test_targets_carry_their_announcement_date_and_revisions_stay_apart(loaded, published_figures):
    _, settings = loaded
    undated = rows(settings.warehouse_path, "SELECT entity, period FROM figures WHERE metric='target' AND published_on IS NULL")
    assert undated == []
    note = published_figures.where(entity="xiaomi", metric="target", period="2025")[0]["note"]
    raised_on, later_on = re.findall(r"\d{4}-\d{2}-\d{2}", note)
    revisions = rows(
        settings.warehouse_path,
        "SELECT value, qualifier, CAST(published_on AS VARCHAR), document_sha256 FROM figures "
        "WHERE publisher='xiaomi' AND entity='xiaomi' AND metric='target' AND period='2025' ORDER BY published_on",
    )
    assert [(value, qualifier, day) for value, qualifier, day, _ in revisions] == [
        (350_000, "exact", raised_on), (400_000, "at_least", later_on),
    ]
    assert len({sha for *_, sha in revisions}) == 2, "each revision is its own document's row"


def test_brand_and_group_are_kept_apart(loaded):
    _, settings = loaded
    entities_by_period = dict(rows(
        settings.warehouse_path,
        "SELECT period, string_agg(DISTINCT entity, ',') FROM figures WHERE publisher='zeekr' AND metric='deliveries' GROUP BY period",
    ))
    assert entities_by_period["2024-Q4"] == "zeekr" and entities_by_period["2025-Q1"] == "zeekr-group"


def test_online_discovery_finds_exactly_the_months_documents(sample_site, evd_home, settings, sample_archive):
    months = ("2025-11", "2025-12")
    state = backfill(start=months[0], end=months[-1], sources=SOURCES, home=str(evd_home), return_state=True)
    assert state.is_completed(), state.message
    fetched = {(e.source, e.kind, e.period) for e in Archive(settings.raw_dir).entries() if e.kind != "list"}
    discoverable = {name: get_source(name).base_url for name in SOURCES}  # the reprints live on sites no source pages
    archived = {(e.source, e.kind, e.period) for e in sample_archive.entries()
                if e.source in SOURCES and e.period in months and e.kind != "list" and e.url.startswith(discoverable[e.source])}
    assert fetched == archived
    lists = {e.source for e in Archive(settings.raw_dir).entries() if e.kind == "list"}
    assert lists == set(SOURCES)
    urls = rows(settings.warehouse_path, "SELECT DISTINCT url FROM documents")
    assert all(url.startswith(("http://localhost", "http://127.0.0.1")) for (url,) in urls)
    assert rows(settings.warehouse_path, "SELECT value FROM figures WHERE entity='nio-group' AND metric='deliveries' AND period='2025-12'") == [(48_135,)]
