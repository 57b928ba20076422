"""Parsing apart from loading: documents read where the flow's task runner puts the work (a thread, a
process of a pool, a Dask worker), their figures loaded after by the run's single writer, in order.

A batch is a list of manifest rows and the archives' folders: the worker reads the bytes itself (read only,
so the flow's thread is left to the writer, and a Dask worker needs the folders on a disk it shares), and
never sees the warehouse. What comes back is a `Parsed` per document (flows.reading).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Iterator

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.reading import Parsed, parse_entries
from warehouse.archive import ManifestEntry
from warehouse.processes import exit_with_parent

BATCH_MIN, BATCH_MAX = 8, 250  # documents a parse task reads: few tasks (each costs Prefect API calls), enough to spread
WORKER_MIN_DOCUMENTS = 400  # fewer documents than this parse faster in the flow's process than a pool takes to start
# (unless one is a picture: the OCR engine's few hundred MB then stay in a worker, gone when the parsing is)

_workers: tuple[int, ProcessPoolExecutor] | None = None  # (the process that opened it, its pool): worker_processes


@task(cache_policy=NO_CACHE, task_run_name="parse-{label}")
def parse_batch(archives: tuple[str, ...], entries: list[ManifestEntry], label: str) -> list[Parsed]:
    """A batch of archived documents read and parsed, in order (no database, no network: it runs on any worker);
    by the run's worker processes when the task runs where they were opened (`worker_processes`)."""
    if _workers and _workers[0] == os.getpid():
        try:
            return _workers[1].submit(parse_entries, archives, entries).result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): this process reads the batch itself
            pass
    return parse_entries(archives, entries)


@contextmanager
def worker_processes(entries: list[ManifestEntry]) -> Iterator[None]:
    """While open, the parse batches that run in this process (the threads runner's) are parsed by a pool of
    worker processes (spawned, so nothing of the flow's threads is forked into them) when there is more than one
    core: a process per core for WORKER_MIN_DOCUMENTS documents or more, one for fewer with a picture among
    them (the OCR engine); the flow's thread is then left to the writer. Under a task runner that runs tasks
    elsewhere (processes, Dask), no pool is opened."""
    global _workers
    cores = os.cpu_count() or 1
    many = len(entries) >= WORKER_MIN_DOCUMENTS
    pictures = any(entry.content_type.startswith("image/") for entry in entries)
    if not (many or pictures) or cores < 2 or _workers or not _tasks_run_here():
        yield
        return
    pool = ProcessPoolExecutor(cores if many else 1, mp_context=multiprocessing.get_context("spawn"),  # pictures alone: one OCR engine
                               initializer=exit_with_parent)
    _workers = (os.getpid(), pool)
    try:
        yield
    finally:
        _workers = None
        pool.shutdown(wait=True, cancel_futures=True)


def _tasks_run_here() -> bool:
    """Whether the flow run's task runner (if any: outside a flow, this process) runs its tasks in this process."""
    from prefect.context import FlowRunContext
    from prefect.task_runners import ThreadPoolTaskRunner

    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)


TASK_RUNNERS = ("threads", "processes", "dask")


def task_runner(name: str, address: str | None = None):
    """The Prefect task runner the parse batches run on: `threads` (one core: the GIL), `processes` (a pool of a
    process per core) or `dask` (prefect-dask: the cluster at `address`, else a local cluster of a worker process
    per core)."""
    from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

    if name == "threads":
        return ThreadPoolTaskRunner(max_workers=os.cpu_count() or 1)  # more threads than cores only fight for the GIL
    if name == "processes":
        return ProcessPoolTaskRunner(max_workers=os.cpu_count() or 1)
    if name == "dask":
        try:
            from prefect_dask import DaskTaskRunner
        except ImportError:
            raise ValueError("--task-runner dask needs prefect-dask: pip install 'ev-deliveries[dask]'") from None
        if address:
            return DaskTaskRunner(address=address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": os.cpu_count() or 1, "threads_per_worker": 1, "processes": True})
    raise ValueError(f"unknown task runner {name!r}; known: {', '.join(TASK_RUNNERS)}")


def batch_size(documents: int, workers: int | None = None) -> int:
    """Documents per parse task: about two tasks per worker, within BATCH_MIN and BATCH_MAX."""
    workers = workers or os.cpu_count() or 1
    return max(BATCH_MIN, min(BATCH_MAX, -(-documents // (2 * workers))))
