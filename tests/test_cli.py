"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


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


@pytest.mark.usefixtures("prefect_harness")
def test_status_shows_loaded_missing_and_failed(evd_home, settings):
    from flows.pipeline import backfill

    assert backfill(start="2025-10", end="2025-12", offline=True, home=str(evd_home), return_state=True).is_completed()
    result = cli("status", "--start", "2025-09", "--end", "2025-12", env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    lines = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 2}
    assert "missing" in lines["2025-09"]
    assert "loaded 2d/" in lines["2025-12"]  # CPCA's monthly analysis and ranking flash


def test_sources_lists_every_registered_source_with_its_configured_url():
    from extractors.registry import SOURCES

    result = cli("sources", env={"COLUMNS": "250", "EVD_CPCA_BASE_URL": "http://127.0.0.1:9/cpca"})
    assert result.returncode == 0, result.stderr
    assert all(name in result.stdout for name in SOURCES)
    assert "http://127.0.0.1:9/cpca" in result.stdout


def test_bad_month_is_refused():
    result = cli("backfill", "--start", "2025-13", "--end", "2025-12", "--offline")
    assert result.returncode != 0 and "not a month" in result.stderr
