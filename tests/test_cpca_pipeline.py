"""CPCA end to end: an offline backfill of the samples loads every CPCA figure of
figures.csv, keeps every stage, and publishes the highest-precedence one; the
CLI recognises each CPCA document type on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support import rows

from samples.writers import cpca_api

pytestmark = pytest.mark.usefixtures("prefect_harness")

START, END = "2024-01", "2025-12"
RELEASE_OF_BASIS = {"cpca-monthly-analysis": "final", "cpca-maker-flash": "flash", "cpca-data-api": "api"}
# The fact: Nov-2025 NEV wholesale, flash 1.72M (revised to the API's 1,706,382).
NOV_2025_FLASH = ("market", "wholesale", "nev", "passenger", "2025-11", 1_720_000, "approx", "flash")


def in_backfill(period: str) -> bool:
    return START <= period[:7] <= END if len(period) >= 7 else START[:4] <= period <= END[:4]


def cpca_rows(published_figures) -> list[dict]:
    return [r for r in published_figures.rows if r["basis"] in RELEASE_OF_BASIS]


@pytest.fixture(scope="module")
def loaded(sample_backfill):
    """The session's offline backfill of every source over the sample range."""
    return sample_backfill


def test_the_backfill_completes_without_a_cpca_problem(loaded):
    state, settings = loaded
    assert "cpca" not in "\n".join(line for line in state.message.splitlines() if "FAILED" in line), state.message
    assert rows(settings.warehouse_path, "SELECT count(*) FROM parse_errors WHERE source LIKE 'cpca%'") == [(0,)]
    assert state.is_completed(), state.message


def loaded_cpca(settings) -> set[tuple]:
    return set(rows(
        settings.warehouse_path,
        "SELECT entity, metric, scope, segment, period, value, qualifier, release FROM figures WHERE publisher='cpca'",
    ))


def stated(row: dict) -> tuple:
    """A figures.csv row as the warehouse holds it (the basis says which release published it)."""
    return (row["entity"], row["metric"], row["scope"], row["segment"], row["period"], int(row["value"]),
            row["qualifier"], RELEASE_OF_BASIS[row["basis"]])


def test_every_cpca_figure_of_figures_csv_is_loaded_row_by_row(loaded, published_figures):
    _, settings = loaded
    found = loaded_cpca(settings)
    expected = [r for r in cpca_rows(published_figures) if in_backfill(r["period"])]
    assert len(expected) > 100
    assert [stated(r) for r in expected if stated(r) not in found] == []
    # the only CPCA rows left out are those after the sample range (January 2026)
    assert {r["period"] for r in cpca_rows(published_figures) if not in_backfill(r["period"])} == {"2026-01"}


def test_nothing_cpca_is_loaded_that_figures_csv_does_not_state(loaded, published_figures):
    _, settings = loaded
    found = loaded_cpca(settings)
    assert found and found - {stated(r) for r in cpca_rows(published_figures)} == {NOV_2025_FLASH}


def test_nov_2025_nev_wholesale_keeps_every_stage_and_publishes_the_api_value(loaded, published_figures):
    _, settings = loaded
    stages = rows(
        settings.warehouse_path,
        "SELECT release, value, qualifier FROM figures WHERE entity='market' AND metric='wholesale' AND scope='nev' "
        "AND period='2025-11' ORDER BY release",
    )
    api_value = published_figures.value("market", "wholesale", "nev", "2025-11", "cpca-data-api")
    final_value = published_figures.value("market", "wholesale", "nev", "2025-11", "cpca-monthly-analysis")
    assert ("api", api_value, "exact") in stages and ("flash", 1_720_000, "approx") in stages
    assert ("final", final_value, "approx") in stages
    current = rows(
        settings.published_path,
        "SELECT value, qualifier, release FROM monthly_deliveries WHERE entity='market' AND month='2025-11' "
        "AND metric='wholesale' AND scope='nev'",
    )
    assert current == [(api_value, "exact", "api")]


def test_a_final_figure_supersedes_the_flash_without_removing_it(loaded, published_figures):
    _, settings = loaded
    flash = published_figures.value("tesla-china", "wholesale", "nev", "2024-07", "cpca-maker-flash")
    assert rows(settings.published_path, "SELECT value, release FROM monthly_deliveries WHERE entity='tesla-china' AND month='2024-07' AND scope='nev'") == [(flash, "flash")]
    current = rows(settings.published_path, "SELECT release FROM monthly_deliveries WHERE entity='market' AND month='2025-11' AND metric='retail' AND scope='all'")
    assert current == [("final",)]


def cli_extract(path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", "extract", str(path)], capture_output=True, text=True, env=dict(os.environ),
    )


def test_extract_recognises_each_cpca_document_type_without_a_source(sample_archive, published_figures, tmp_path):
    files = {}
    for entry in sample_archive.entries():
        if entry.source.startswith("cpca") and entry.kind != "list":
            files.setdefault((entry.source, entry.kind), sample_archive.path_of(entry.sha256))
    assert set(files) == {
        ("cpca", "monthly_analysis"), ("cpca", "ranking_flash"), ("cpca", "nev_maker_flash"), ("cpca", "month_end_scan"),
        ("cpca", "slide"), ("cpca-api", "api_nev"),
    }
    built = [r for r in published_figures.rows if r["period"] == "2025-12" and r["scope"] == "all" and r["metric"] in ("retail", "wholesale")]
    for doc in cpca_api.answers(built, 2025):
        path = tmp_path / f"{doc.kind}-{len(files)}.json"
        path.write_bytes(doc.content)
        files[("cpca-api", doc.kind)] = path
    assert {kind for _, kind in files} >= {"api_market", "api_makers", "api_nev"}
    for (source, kind), path in files.items():
        result = cli_extract(path)
        assert result.returncode == 0, (kind, result.stderr)
        assert f"from {source} {kind} document" in result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert records and {r["publisher"] for r in records} == {"cpca"}
