"""Parsing on every core: the offline backfill's parse batches on a process pool and on a real Dask cluster
(a LocalCluster of two worker processes, through prefect-dask) load the same figures as on threads."""

from __future__ import annotations

import pytest
from support import rows

from flows.parsing import task_runner
from flows.pipeline import backfill
from flows.settings import load_settings

pytestmark = pytest.mark.usefixtures("prefect_harness")

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


def test_an_unknown_task_runner_is_refused():
    with pytest.raises(ValueError, match="unknown task runner 'gpu'; known: threads, processes, dask"):
        task_runner("gpu")
