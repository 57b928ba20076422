"""A run killed with SIGKILL mid-publish, and the run after it, as real processes.

The killed run leaves what it cannot clean up: its temporary Prefect server
(orphaned, still listening), its `runs` row `running`, and its temporary
published file. `status` says the run crashed; the next run stops the server,
closes the row as `crashed`, removes the file, and ends with the data a clean
run gives (the same documents loaded through the writer and published, in this
process)."""

from __future__ import annotations

import os
import signal

import pytest
from real_runs import MONTH, backfill_args, run, servers_of, start, wait_for, workers_of
from support import rows

from extractors.registry import get_source
from flows.settings import load_settings
from warehouse import models
from warehouse.processes import running
from warehouse.status import partition_status
from warehouse.writer import Writer

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

RUN_COLUMNS = ("load_id", "loaded_at")  # what differs between two runs loading the same documents


def temp_files(published_dir):
    return sorted(published_dir.glob(".ev_deliveries.*.tmp.duckdb*"))


def clean_run(sample_archive, home):
    """The month's documents loaded and published without Prefect, as a run that nothing interrupted."""
    settings = load_settings(home)
    with Writer(settings.warehouse_path) as writer:
        for entry in sample_archive.find(period=MONTH):
            if entry.kind != "list":
                found = get_source(entry.source).extract(sample_archive.document(entry))
                if found.figures:
                    writer.load_document(entry, found.figures, "clean", found.skipped)
        models.publish(writer.conn, settings.published_path)
    return settings


def data(settings) -> dict[str, list]:
    """Every figure of the warehouse and every published table, without what names the run."""
    found = {"warehouse.figures": rows(settings.warehouse_path, f"SELECT * EXCLUDE ({', '.join(RUN_COLUMNS)}) FROM figures ORDER BY ALL")}
    columns = rows(settings.published_path, "SELECT table_name, column_name FROM information_schema.columns ORDER BY ALL")
    for table in sorted({table for table, _ in columns}):
        exclude = [c for c in RUN_COLUMNS if (table, c) in columns]
        select = f"SELECT * EXCLUDE ({', '.join(exclude)})" if exclude else "SELECT *"
        found[table] = rows(settings.published_path, f"{select} FROM {table} ORDER BY ALL")
    return found


def test_the_run_after_a_kill_9_reaps_what_the_dead_run_left(tmp_path, sample_archive):
    home = tmp_path / "evd"
    settings = load_settings(home)
    killed = start(backfill_args(home), tmp_path / "killed.log")
    try:
        wait_for(lambda: temp_files(settings.published_path.parent), timeout=240, what="the killed run to start publishing")
        (server,) = servers_of(killed.pid)
        workers = workers_of(killed.pid)
        os.kill(killed.pid, signal.SIGKILL)
    finally:
        killed.kill()
        killed.wait()

    assert workers, "the run's validation process was running"
    wait_for(lambda: not any(map(running, workers)), timeout=30, what="the dead run's worker processes to end on their own")
    assert running(server), "the dead run's temporary server should be orphaned, still running"
    assert temp_files(settings.published_path.parent)
    ((dead_run,),) = rows(settings.warehouse_path, "SELECT load_id FROM runs WHERE status = 'running'")
    assert partition_status(settings.warehouse_path).last_run[:2] == (dead_run, "crashed")  # what `status` shows as the last run

    after = run(backfill_args(home))
    assert after.returncode == 0, after.stdout + after.stderr
    assert f"stopped the temporary Prefect server (PID {server})" in after.stdout + after.stderr
    assert f"warning: run {dead_run} (started " in after.stdout and ") ended without finishing: closed as crashed" in after.stdout
    assert not running(server)
    runs = rows(settings.warehouse_path, "SELECT load_id, status, finished_at IS NOT NULL FROM runs ORDER BY started_at")
    assert [(status, finished) for _, status, finished in runs] == [("crashed", True), ("completed", True)]
    assert runs[0][0] == dead_run
    assert temp_files(settings.published_path.parent) == []

    assert data(settings) == data(clean_run(sample_archive, tmp_path / "clean"))
