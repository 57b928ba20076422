"""Parsing apart from loading: documents read where the flow's task runner puts the work (a thread, a
process of a pool, a Dask worker), their figures loaded after by the run's single writer, in order.

A batch is a list of manifest rows and the archives' folders: the worker reads the bytes itself (read only,
so the flow's thread is left to the writer, and a Dask worker needs the folders on a disk it shares), and
never sees the warehouse. What comes back is a `Parsed` per document: its extraction, or the error that says
why not (ParseErrors survive pickling, `extractors.base.ParseError.__reduce__`), and what reading the archive
had to say (a corrupt copy passed over for an intact one).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from prefect import task
from prefect.cache_policies import NO_CACHE

from extractors.base import Document, Extraction, ParseError
from extractors.registry import get_source
from warehouse.archive import Archive, ArchiveChain, ManifestEntry

BATCH_MIN, BATCH_MAX = 8, 64  # documents a parse task reads: few enough tasks to cost Prefect little, enough to spread


@dataclass(frozen=True)
class Parsed:
    """One document as a parse worker read it."""

    sha256: str
    extraction: Extraction | None
    error: Exception | None = None  # a ParseError, or the archive's (no intact copy)
    warnings: tuple[str, ...] = ()  # the archive's: a corrupt copy passed over for an intact one


def read_document(document: Document) -> Parsed:
    """The document's figures by its source's reader; a parse that yields nothing (and passes nothing over)
    is an error, never a zero. Whatever a reader raises is this document's error, never the batch's."""
    try:
        extraction = get_source(document.source).extract(document)
        if not extraction.figures and not extraction.passed_over:
            raise ParseError(document, "the parser found no figure")
        return Parsed(document.sha256, extraction)
    except ParseError as exc:
        return Parsed(document.sha256, None, exc)
    except Exception as exc:  # not a reader's (an unknown source): still this document's alone
        return Parsed(document.sha256, None, ParseError(document, f"reading it raised {type(exc).__name__}: {exc}"))


def read_entry(archive: ArchiveChain, entry: ManifestEntry) -> Parsed:
    """The archived document of `entry` read from `archive` and parsed."""
    try:
        document = archive.document(entry)
    except Exception as exc:  # a corrupt or missing copy, a manifest row naming no file: this document's failure only
        return Parsed(entry.sha256, None, exc, tuple(archive.warnings))
    return dataclasses.replace(read_document(document), warnings=tuple(archive.warnings))


@task(cache_policy=NO_CACHE, task_run_name="parse-{label}")
def parse_batch(archives: tuple[str, ...], entries: list[ManifestEntry], label: str) -> list[Parsed]:
    """A batch of archived documents read and parsed, in order (no database, no network: it runs on any worker)."""
    chain = ArchiveChain(*(Archive(Path(root), read_only=True) for root in archives))
    return [read_entry(chain, entry) for entry in entries]


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
