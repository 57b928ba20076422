"""Parsing on every core: the offline backfill's parse batches on a process pool and on a real Dask cluster
(a LocalCluster of two worker processes, through prefect-dask) load the same figures as on threads."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest
from support import rows

from flows.parsing import parse_batch, task_runner, worker_processes
from flows.pipeline import backfill
from flows.reading import parse_entries
from flows.settings import load_settings
from warehouse.archive import Archive

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

SUBSET = dict(start="2025-11", end="2025-12", sources=["cpca", "xiaomi", "byd"], offline=True)  # pages, a slide, PDFs
FIGURES = ("SELECT publisher, entity, metric, scope, segment, period, value, qualifier, release, document_sha256, evidence, "
           "yoy_pct, mom_pct FROM figures ORDER BY ALL")


def figures_with(runner, home) -> list[tuple]:
    state = backfill.with_options(task_runner=runner)(**SUBSET, home=str(home), return_state=True)
    assert state.is_completed(), state.message
    return rows(load_settings(home).warehouse_path, FIGURES)


@pytest.fixture(scope="module")
def on_threads(tmp_path_factory):
    return figures_with(task_runner("threads"), tmp_path_factory.mktemp("threads") / "evd")


def test_a_process_pool_loads_the_same_figures(on_threads, tmp_path):
    assert len(on_threads) > 50
    assert figures_with(task_runner("processes"), tmp_path / "evd") == on_threads


def test_a_dask_cluster_of_two_workers_loads_the_same_figures(on_threads, tmp_path):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert figures_with(task_runner("dask", cluster.scheduler_address), tmp_path / "evd") == on_threads
        with Client(cluster.scheduler_address) as client:
            ran = client.run(lambda: __import__("sys").modules.get("flows.parsing") is not None)
    assert len(ran) == 2 and all(ran.values()), "both workers parsed"


def test_worker_processes_parse_a_batch_elsewhere_and_a_killed_worker_loses_nothing():
    """With a picture to read, the flow's parse batches go to spawned worker processes (the OCR engine's memory
    stays there); a worker killed mid-run leaves the batch to the flow's process, with the same figures."""
    bundled = load_settings(None).bundled_archive
    entries = [e for e in Archive(bundled, read_only=True).find(source="cpca", period="2025-12") if e.kind != "list"]
    assert any(e.content_type.startswith("image/") for e in entries)
    roots = (str(bundled),)
    read_here = figures_of(parse_entries(roots, entries))
    with worker_processes(entries):
        assert figures_of(parse_batch.fn(roots, entries, "1")) == read_here
        workers = multiprocessing.active_children()
        assert workers, "parsed by worker processes"
        for worker in workers:
            os.kill(worker.pid, signal.SIGKILL)
        assert figures_of(parse_batch.fn(roots, entries, "2")) == read_here
    assert multiprocessing.active_children() == [], "the pool is gone with the parsing"


def figures_of(parsed) -> list:
    return [(p.sha256, p.error, p.extraction.figures if p.extraction else None) for p in parsed]


def test_an_unknown_task_runner_is_refused():
    with pytest.raises(ValueError, match="unknown task runner 'gpu'; known: threads, processes, dask"):
        task_runner("gpu")
