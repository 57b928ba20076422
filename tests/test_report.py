"""The offline HTML report: charts drawn and inlined, no network needed to open it."""

from __future__ import annotations

import html as markup
import json
import re
import shutil
import subprocess
import sys
import tempfile

import pytest
from figures_warehouse import publish_figures
from support import rows
from typer.testing import CliRunner

from extractors.helpers import entities
from extractors.registry import SOURCES
from flows.cli import app
from warehouse.report import SECTIONS, build_report, write_report

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

CHARTS = ("headline", "target", "penetration", "reconciliation")


@pytest.fixture(scope="module")
def published(tmp_path_factory, published_figures):
    return publish_figures(tmp_path_factory.mktemp("evd"), published_figures.rows)


def chart_svgs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<div class="chart" data-chart="([a-z]+)">(<svg.*?</svg>)</div>', html, flags=re.S))


def section(html: str, key: str) -> str:
    return re.search(rf'<section id="{key}".*?</section>', html, flags=re.S).group(0)


def table_rows(html: str, key: str) -> list[list[str]]:
    body = re.search(rf'<table data-table="{key}">.*?<tbody>(.*?)</tbody>', html, flags=re.S).group(1)
    return [[markup.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)]


def table_header(html: str, key: str) -> list[str]:
    head = re.search(rf'<table data-table="{key}">\s*<thead>(.*?)</thead>', html, flags=re.S).group(1)
    return [markup.unescape(c) for c in re.findall(r"<th>(.*?)</th>", head)]


def test_every_chart_is_drawn_with_marks_and_its_table(published):
    html = build_report(published)
    svgs = chart_svgs(html)
    assert tuple(svgs) == CHARTS and len(SECTIONS) == len(CHARTS)
    for key, svg in svgs.items():
        marks = re.findall(r'<(?:path|rect|line)[^>]*>', svg.split('role-mark', 1)[-1])
        assert 'role-mark' in svg and len(marks) > 3, f"chart {key} has no marks"
        assert table_rows(html, key), f"chart {key} has no table"


def test_the_report_needs_no_network(published):
    html = build_report(published)
    assert "<script" not in html.lower()
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', html, flags=re.I)
    assert not re.search(r'@import|url\(\s*["\']?(?:https?:)?//', html, flags=re.I)


def test_every_maker_is_drawn_with_its_headline_measure(published):
    """BYD (sales) and Tesla China (CPCA wholesale) have a panel next to the makers that report deliveries."""
    html = build_report(published)
    svg = chart_svgs(html)["headline"]
    makers = rows(published, "SELECT DISTINCT entity_name, measure FROM maker_headline_monthly")
    assert {"company sales", "cpca wholesale", "company deliveries"} <= {m for _, m in makers}
    for name, _ in makers:
        assert re.search(rf">{re.escape(markup.escape(name))}(?: ·[^<]*)?</text>", svg), f"{name} has no panel"
    for legend in ("own deliveries", "own sales", "CPCA wholesale"):
        assert f">{legend}</text>" in svg
    shown = {(r[0], r[1]) for r in table_rows(html, "headline")}
    assert {(entities()["byd"].name_en, "company sales"), (entities()["tesla-china"].name_en, "cpca wholesale")} <= shown


def test_the_target_chart_shows_the_entity_with_most_months_against_its_target(published, published_figures):
    """XPeng is the one maker with every month of 2025 in the figures: its 2025 target is drawn."""
    found = section(build_report(published), "target")
    (target,) = published_figures.where(entity="xpeng", metric="target", period="2025")
    assert f"<h2>{entities()['xpeng'].name_en} against its 2025 target</h2>" in found
    assert f"({int(target['value']):,}, latest revision, dashed)" in found
    assert found.count("<tr>") == 1 + 12


def test_the_monthly_bars_have_a_panel_of_their_own(published):
    """The bars are drawn on their own scale: the tallest is at least half as tall as the year-to-date line's rise
    (on one shared axis a month is a twelfth of the year and its bar a sliver)."""
    svg = chart_svgs(build_report(published))["target"]
    bars = [float(h) for h in re.findall(r'aria-roledescription="bar" d="M[-\d.e]+,[-\d.e]+h[-\d.e]+v([-\d.e]+)', svg)]
    line = re.search(r'aria-roledescription="line mark"[^>]*d="([^"]+)"', svg).group(1)
    ys = [float(y) for y in re.findall(r"[ML][-\d.e]+,([-\d.e]+)", line)]
    assert len(bars) == 12 and min(bars) > 0
    assert max(bars) >= 0.5 * (max(ys) - min(ys))
    assert ">year to date</text>" in svg and ">deliveries per month</text>" in svg


def test_company_vs_cpca_leads_with_the_differences(tmp_path, published_figures):
    """One CPCA month made to differ from Li Auto's own figure comes first, its difference in the first columns."""
    changed = [
        {**r, "value": str(int(r["value"]) - 1000)} if (r["entity"], r["period"], r["basis"]) == ("li-auto", "2024-10", "cpca-maker-flash") else r
        for r in published_figures.rows
    ]
    html = build_report(publish_figures(tmp_path, changed))
    (company,) = published_figures.where(entity="li-auto", metric="deliveries", period="2024-10", basis="company")
    (cpca,) = [r for r in changed if (r["entity"], r["period"], r["basis"]) == ("li-auto", "2024-10", "cpca-maker-flash")]
    assert table_header(html, "reconciliation")[:5] == ["maker", "month", "company − CPCA", "% of CPCA", "likely reason"]
    first, *others = table_rows(html, "reconciliation")
    assert first[:3] == [entities()["li-auto"].name_en, "2024-10", f"{int(company['value']) - int(cpca['value']):,}"]
    assert others and all(row[4] == "match" for row in others)


def test_the_header_says_the_as_of_month(published, published_figures):
    html = build_report(published)
    latest = max(r["period"] for r in published_figures.rows if len(r["period"]) == 7)
    assert re.search(rf"<dd data-as-of><strong>{latest}</strong>", html)
    assert "no warehouse given" in re.search(r"<dd data-last-run>(.*?)</dd>", html, flags=re.S).group(1)


def test_the_header_says_the_last_run_and_the_coverage(sample_backfill):
    state, settings = sample_backfill
    html = build_report(settings.published_path, settings.warehouse_path)
    (load_id, status) = rows(settings.warehouse_path, "SELECT load_id, status FROM runs ORDER BY started_at DESC LIMIT 1")[0]
    last_run = re.search(r"<dd data-last-run>(.*?)</dd>", html, flags=re.S).group(1)
    assert f"<strong>{status}</strong> · {load_id} · finished " in last_run
    coverage = re.search(r'<div class="coverage" data-coverage>(.*?)</div>', html, flags=re.S).group(1)
    grid = {
        (source, month): figures
        for source, cells in re.findall(r'<tr><th class="text">([a-z-]+)</th>(.*?)</tr>', coverage, flags=re.S)
        for month, figures in re.findall(r'title="[a-z-]+ (\d{4}-\d\d): \d+ documents, \d+ figures, \d+ failed">(\d+)', cells)
    }
    loaded = rows(settings.warehouse_path, """
        SELECT d.source, d.period, count(*) FROM figures AS f JOIN documents AS d ON d.sha256 = f.document_sha256
        WHERE d.kind <> 'list' GROUP BY ALL""")
    assert grid == {(source, period): str(count) for source, period, count in loaded}
    assert set(re.findall(r'<tr><th class="text">([a-z-]+)</th>', coverage)) >= set(SOURCES)


def test_a_warehouse_in_use_leaves_the_header_without_run_and_coverage(published):
    """A run holds the warehouse's write lock for its whole length: the report is still written, saying so."""
    warehouse = published.parent.parent / "warehouse.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(warehouse)!r}); print('held', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        html = build_report(published, warehouse)
    finally:
        holder.kill()
        holder.wait()
    assert "the warehouse is in use" in re.search(r"<dd data-last-run>(.*?)</dd>", html, flags=re.S).group(1)
    assert "data-coverage" not in html and len(chart_svgs(html)) == len(CHARTS)


def test_an_empty_warehouse_gives_a_report_without_charts(tmp_path):
    published = publish_figures(tmp_path, [])
    html = build_report(published)
    assert chart_svgs(html) == {}
    assert html.count("No data to draw yet.") == len(CHARTS)
    assert "no monthly figure yet" in html


def test_report_command(published, tmp_path):
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(app, ["report", "--out", str(out), "--home", str(published.parent.parent)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert set(chart_svgs(html)) == set(CHARTS)
    assert "no run recorded in the warehouse" in html and "data-coverage" in html


# ------------------------------------------------------------------ in a real browser

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed (apt-get install chromium)")
# What a layout measurement adds to a copy of the report (the report itself has no script): every table opened, the widths.
MEASURE = (
    '<script>document.querySelectorAll("details").forEach(d => d.open = true);'
    'document.body.dataset.measured = JSON.stringify({page: document.documentElement.clientWidth, content: document.documentElement.scrollWidth});'
    "</script></body>"
)


def chromium(page, width: int, height: int, *action: str) -> str:
    """Headless Chromium on a local page, with nothing fetched or synced; its stdout."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--window-size={width},{height}", *action, page.as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout


@pytest.fixture(scope="module")
def sample_report(sample_backfill, tmp_path_factory):
    state, settings = sample_backfill
    return write_report(settings.published_path, tmp_path_factory.mktemp("report") / "report.html", settings.warehouse_path)


@needs_chromium
def test_the_report_renders_in_headless_chromium(sample_report):
    from PIL import Image

    shot = sample_report.with_name("report.png")
    chromium(sample_report, 1280, 2400, f"--screenshot={shot}")
    with Image.open(shot) as image:
        assert image.size == (1280, 2400)
        pixels = image.convert("RGB").resize((320, 600))
    colours = pixels.getcolors(maxcolors=320 * 600)
    white = sum(n for n, rgb in colours if min(rgb) >= 250)
    assert len(colours) > 200, "the page looks blank"
    assert white < 0.9 * 320 * 600, "the page is almost all white"


@needs_chromium
def test_the_whole_report_fits_an_800_pixel_window(sample_report):
    """Every table open (the company-vs-CPCA one, the coverage grid, the data behind each chart): nothing wider than the window."""
    page = sample_report.with_name("measured.html")
    page.write_text(sample_report.read_text(encoding="utf-8").replace("</body>", MEASURE), encoding="utf-8")
    measured = re.search(r'data-measured="([^"]+)"', chromium(page, 800, 2000, "--dump-dom")).group(1)
    widths = json.loads(markup.unescape(measured))
    assert 700 < widths["page"] <= 800 and widths["content"] <= widths["page"], widths
