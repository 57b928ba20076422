"""The flows end to end: real Prefect runs, real HTTP on 127.0.0.1, real DuckDB files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import local_key
from support import SAMPLE_RANGE, rows
from werkzeug import Response

from flows.pipeline import backfill, monthly_run
from flows.settings import load_settings
from warehouse.archive import Archive

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

def expected_market(published_figures, *periods):
    """What the CPCA monthly analyses of these months state, per figures.csv."""
    return sorted(
        (r["metric"], r["scope"], r["period"], int(r["value"]))
        for r in published_figures.where(entity="market", basis="cpca-monthly-analysis")
        if r["period"] in periods
    )


ANALYSES = "document_sha256 IN (SELECT sha256 FROM documents WHERE kind = 'monthly_analysis')"  # not the slides they show


def loaded_market(path, *periods):
    """The market figures loaded from monthly analyses (flash and API figures of the same months, and the slides', are other rows)."""
    return rows(
        path,
        f"SELECT metric, scope, period, value FROM figures WHERE entity='market' AND release='final' AND {ANALYSES} "
        f"AND period IN ({', '.join('?' * len(periods))}) ORDER BY ALL",
        periods,
    )


def analysis_url(sample_archive, period):
    (entry,) = sample_archive.find(source="cpca", period=period, kind="monthly_analysis")
    return entry.url


def test_offline_backfill_loads_the_samples_and_reruns_change_nothing(sample_backfill, evd_home, published_figures):
    state, loaded = sample_backfill
    assert state.is_completed(), state.message
    figure = f"SELECT value, qualifier FROM figures WHERE entity='market' AND metric=? AND scope=? AND period=? AND release='final' AND {ANALYSES}"
    assert rows(loaded.warehouse_path, figure, ["retail", "all", "2025-12"]) == [(2261000, "approx")]
    assert rows(loaded.warehouse_path, figure, ["retail", "nev", "2025-12"]) == [(1337000, "approx")]
    everything = tuple(sorted({r["period"] for r in published_figures.where(entity="market")}))
    assert set(expected_market(published_figures, *everything)) <= set(loaded_market(loaded.warehouse_path, *everything))
    published = "SELECT value FROM monthly_deliveries WHERE entity='market' AND month='2025-12' AND metric='retail' AND scope='nev'"
    assert rows(loaded.published_path, published) == [(1337000,)]

    # Run the same backfill again on a private copy of that data home.
    shutil.copytree(loaded.home, evd_home)
    settings = load_settings(evd_home)
    snapshot = "SELECT * FROM {} ORDER BY ALL"
    before = {t: rows(settings.warehouse_path, snapshot.format(t)) for t in ("figures", "documents", "parse_errors")}
    again = backfill(start=SAMPLE_RANGE[0], end=SAMPLE_RANGE[1], offline=True, home=str(evd_home), return_state=True)
    assert again.is_completed(), again.message
    assert "0 new, 0 re-parsed" in again.message
    after = {t: rows(settings.warehouse_path, snapshot.format(t)) for t in before}
    assert after == before


def test_online_backfill_discovers_fetches_and_archives(sample_site, evd_home, settings, published_figures):
    state = backfill(start="2025-11", end="2025-12", sources=["cpca"], home=str(evd_home), return_state=True)
    assert state.is_completed(), state.message
    periods = ("2025-11", "2025-12", "2025")
    assert loaded_market(settings.warehouse_path, *periods) == expected_market(published_figures, *periods)
    kinds = sorted(e.kind for e in Archive(settings.raw_dir).entries())
    assert kinds.count("monthly_analysis") == 2 and "list" in kinds
    untitled = rows(settings.warehouse_path, "SELECT url FROM documents WHERE kind <> 'list' AND coalesce(title, '') = ''")
    assert untitled == [], "titles found by discovery are kept"
    (loaded,) = rows(settings.warehouse_path, "SELECT count(*) FROM figures")[0]
    assert f"{loaded} figures" in state.message
    fetched = rows(settings.warehouse_path, "SELECT url FROM documents WHERE kind='monthly_analysis'")
    assert all(url.startswith("http://localhost") or url.startswith("http://127.0.0.1") for (url,) in fetched)


def test_a_broken_document_fails_alone_with_a_clear_message(sample_site, evd_home, settings, sample_archive, published_figures):
    url = analysis_url(sample_archive, "2025-12")
    (entry,) = sample_archive.find(source="cpca", period="2025-12", kind="monthly_analysis")
    broken = re.sub(r'<div class="text">.*?</div>', "", sample_archive.document(entry).text, flags=re.S)
    sample_site.set(url, Response(broken.encode("utf-8"), content_type="text/html; charset=utf-8"))

    state = backfill(start="2025-11", end="2025-12", sources=["cpca"], home=str(evd_home), return_state=True)
    assert state.is_failed()
    assert "FAILED parse cpca 2025-12" in state.message and "div.text" in state.message
    assert loaded_market(settings.warehouse_path, "2025-11") == expected_market(published_figures, "2025-11")
    assert rows(settings.warehouse_path, "SELECT count(*) FROM figures WHERE period='2025-12' AND release='final'") == [(0,)]
    (error,) = rows(settings.warehouse_path, "SELECT url, message FROM parse_errors")
    assert "div.text" in error[1] and error[0].endswith(url.split("/")[-1])
    # the broken page itself is archived, so it can be re-parsed after a fix
    archived = [e for e in Archive(settings.raw_dir).entries() if e.period == "2025-12" and e.kind == "monthly_analysis"]
    assert len(archived) == 1
    # the rest was published
    published = rows(settings.published_path, "SELECT count(*) FROM monthly_deliveries WHERE month='2025-11' AND entity='market'")
    assert published == [(len(expected_market(published_figures, "2025-11")),)]


def test_a_truncated_pdf_fails_alone_naming_it(sample_site, evd_home, settings, sample_archive):
    first, second = sorted(sample_archive.find(source="byd", kind="production_sales"), key=lambda e: e.period)[:2]
    content = sample_archive.read(second.sha256)
    sample_site.set(second.url, Response(content[: len(content) // 2], content_type="application/pdf"))
    state = backfill(start=first.period, end=second.period, sources=["byd"], home=str(evd_home), return_state=True)
    assert state.is_failed()
    assert f"FAILED parse byd {second.period}" in state.message and "readable PDF" in state.message
    assert rows(settings.warehouse_path, "SELECT count(*) > 0 FROM figures WHERE document_sha256 = ?", [first.sha256]) == [(True,)]
    (error,) = rows(settings.warehouse_path, "SELECT error, message FROM parse_errors")
    assert error[0] == "ParseError" and "truncated" in error[1]


def test_a_list_page_whose_layout_changed_fails_its_partition_by_name(sample_site, evd_home, settings):
    section = "https://www.cpcaauto.com/news.php?types=csjd&anid=129&page=1"
    sample_site.set(section, Response("<html><body><ul class='news'><li>改版</li></ul></body></html>", content_type="text/html"))
    state = backfill(start="2025-12", end="2025-12", sources=["cpca"], home=str(evd_home), return_state=True)
    assert state.is_failed()
    assert "FAILED discover cpca 2025-12" in state.message and "layout" in state.message
    (run,) = rows(settings.warehouse_path, "SELECT status, finished_at IS NOT NULL FROM runs")
    assert run == ("failed", True)


@pytest.mark.parametrize("status", [403, 500])
def test_http_errors_fail_the_document_not_the_run(sample_site, evd_home, settings, sample_archive, published_figures, status):
    url = analysis_url(sample_archive, "2025-12")
    sample_site.set(url, Response("nope", status=status))
    state = backfill(start="2025-11", end="2025-12", sources=["cpca"], home=str(evd_home), return_state=True)
    assert state.is_failed()
    assert "FAILED fetch cpca 2025-12" in state.message and f"HTTP {status}" in state.message
    assert loaded_market(settings.warehouse_path, "2025-11") == expected_market(published_figures, "2025-11")
    assert rows(settings.warehouse_path, "SELECT http_status FROM fetch_errors") == [(status,)]
    attempts = settings.http.retries + 1 if status == 500 else 1
    assert sample_site.hits[local_key(url)] == attempts, "one retry layer: the fetcher's attempts, never re-run by Prefect"


def test_monthly_run_fetches_one_month_live(sample_site, evd_home, settings, published_figures):
    state = monthly_run(month="2025-12", sources=["cpca"], home=str(evd_home), return_state=True)
    assert state.is_completed(), state.message
    assert loaded_market(settings.warehouse_path, "2025-12", "2025") == expected_market(published_figures, "2025-12", "2025")


READER = textwrap.dedent(
    """
    import sys, time, duckdb
    from warehouse.bi import bi_queries
    conn = duckdb.connect(sys.argv[1], read_only=True)
    def every_bi_query():  # what a dashboard on every mart asks, as sorted rows
        return {q.name: sorted(conn.execute(q.sql).fetchall(), key=repr) for q in bi_queries().values()}
    first = every_bi_query()
    count = conn.execute("SELECT count(*) FROM monthly_deliveries").fetchone()[0]
    print("ready", flush=True)
    sys.stdin.readline()  # hold the file open while the run publishes
    second = every_bi_query()
    print(first == second, count, flush=True)
    """
)


def test_publish_while_a_reader_holds_the_published_file(evd_home, settings):
    assert backfill(start="2025-01", end="2025-06", offline=True, home=str(evd_home), return_state=True).is_completed()
    old_count = rows(settings.published_path, "SELECT count(*) FROM monthly_deliveries")[0][0]
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(settings.published_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "ready"
        state = backfill(start="2024-01", end="2025-12", offline=True, home=str(evd_home), return_state=True)
        assert state.is_completed(), state.message
        out, _ = reader.communicate("go\n", timeout=60)
    finally:
        reader.kill()
    same, seen = out.split()
    assert same == "True" and int(seen) == old_count, "the reader kept its consistent old version"
    new_count = rows(settings.published_path, "SELECT count(*) FROM monthly_deliveries")[0][0]
    assert new_count > old_count, "a fresh connection sees the new data"
    leftovers = [p.name for p in settings.published_path.parent.iterdir() if p.name != settings.published_path.name]
    assert leftovers == []
