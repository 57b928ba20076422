"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from extractors.registry import SOURCES
from warehouse.status import MONTH_INITIALS

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)


def cli(*args, env=None, **kw):
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, **kw
    )


def test_help_does_not_import_prefect_or_gx():
    code = "import sys; from flows.cli import app; app(['--help'], standalone_mode=False); " \
           "print(sorted(m for m in ('prefect', 'great_expectations') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_extract_recognises_a_cpca_monthly_analysis(sample_archive, tmp_path):
    (entry,) = sample_archive.find(source="cpca", period="2025-12", kind="monthly_analysis")
    result = cli("extract", str(sample_archive.path_of(entry.sha256)), "--url", entry.url)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    retail = next(r for r in records if (r["metric"], r["scope"], r["period"]) == ("retail", "all", "2025-12"))
    assert retail["value"] == 2261000 and retail["qualifier"] == "approx"
    assert {r["url"] for r in records} == {entry.url}
    assert {r["sha256"] for r in records} == {entry.sha256}
    assert set(retail) >= {"publisher", "entity", "metric", "scope", "segment", "period", "value", "qualifier",
                           "yoy_pct", "mom_pct", "release", "sha256", "url"}


def test_extract_says_clearly_when_nothing_is_recognised(tmp_path):
    junk = tmp_path / "junk.html"
    junk.write_text("<html><body><p>Nothing to see</p></body></html>", encoding="utf-8")
    result = cli("extract", str(junk))
    assert result.returncode != 0
    assert "expected a count tied to" in result.stderr and "junk.html" in result.stderr


def month_marks(stdout: str, year: str) -> dict[str, str]:
    """The marks of each source's months in `status`'s table of `year` (' ' outside the months shown)."""
    lines = stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.split()[:1] == [year] and MONTH_INITIALS in line)
    column = lines[at].index(MONTH_INITIALS)
    rows = [line for line in lines[at + 2:at + 2 + len(SOURCES)]]
    return {row.split()[0]: row[column:column + len(MONTH_INITIALS)][::2] for row in rows}


@pytest.mark.usefixtures("prefect_harness")
def test_status_shows_loaded_missing_and_failed_in_80_columns(evd_home, settings):
    from flows.pipeline import backfill
    from warehouse.writer import Writer

    assert backfill(start="2025-10", end="2025-12", offline=True, home=str(evd_home), return_state=True).is_completed()
    with Writer(settings.warehouse_path) as writer:  # a fetch that failed, alone in its month, and beside a loaded one
        writer.record_fetch_error("https://example.invalid/xpeng/2025-09", "xpeng", "2025-09", 503, "unavailable", "test")
        writer.record_fetch_error("https://example.invalid/cpca/2025-12", "cpca", "2025-12", 404, "gone", "test")
    result = cli("status", "--start", "2025-09", "--end", "2025-12", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80 and "…" not in result.stdout, result.stdout
    marks = month_marks(result.stdout, "2025")
    assert set(marks) == set(SOURCES)
    assert marks["cpca"] == " " * 8 + ".##!"  # CPCA's monthly analysis and ranking flash, 2025-12 also a failed fetch
    assert marks["xpeng"] == " " * 8 + "x###"
    assert "Last validation per suite" in result.stdout and "delivery_tables" in result.stdout


def test_status_refuses_a_start_after_its_end():
    result = cli("status", "--start", "2025-05", "--end", "2025-01", env={"COLUMNS": "80"})
    assert result.returncode == 2
    assert any("--start: 2025-05 is after --end 2025-01" in line for line in result.stderr.splitlines()), result.stderr


def test_sources_lists_every_registered_source_with_its_configured_url():
    from extractors.registry import SOURCES

    result = cli("sources", env={"COLUMNS": "250", "EVD_CPCA_BASE_URL": "http://127.0.0.1:9/cpca"})
    assert result.returncode == 0, result.stderr
    assert all(name in result.stdout for name in SOURCES)
    assert "http://127.0.0.1:9/cpca" in result.stdout


def test_bad_month_is_refused():
    result = cli("backfill", "--start", "2025-13", "--end", "2025-12", "--offline")
    assert result.returncode != 0 and "not a month" in result.stderr
