"""Great Expectations in a process of its own.

Importing GX takes seconds and over 100 MB, which would make the run's
process the largest of a run for the sake of a step of a few seconds. So the
suites (gate.py) run in one spawned process:
`start` spawns it and lets it import GX while the caller does other work, and
every validation of the caller's life reuses it. The caller sends the batches
(Arrow tables, checks.py) and gets the outcomes back; it never imports GX.
An engine process that dies, or a validation that takes longer than
EVD_VALIDATION_TIMEOUT_S, is a RuntimeError that says so (the engine is then
stopped, and the next validation starts a new one).
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from expectations import Outcome
from expectations.checks import Batches
from extractors.helpers import positive_setting

TIMEOUT_S = 600.0  # one validation, GX's import included; EVD_VALIDATION_TIMEOUT_S overrides

_engine: ProcessPoolExecutor | None = None
_engine_lock = threading.Lock()


def start() -> None:
    """Spawn the engine process, if it is not running, and have it import GX; returns at once."""
    _running()


def run(batches: Batches, docs_dir: Path, load_id: str) -> list[Outcome]:
    """The suites on `batches`, this run added to the Data Docs in `docs_dir` (gate.run), in the engine process."""
    timeout = positive_setting("EVD_VALIDATION_TIMEOUT_S", TIMEOUT_S, "seconds")
    try:
        return _running().submit(_validate, batches, docs_dir, load_id).result(timeout=timeout)
    except BrokenProcessPool as exc:
        stop()
        raise RuntimeError(f"the validation process (Great Expectations) died: {exc}") from exc
    except FutureTimeout as exc:
        stop(grace=0)
        raise RuntimeError(f"validation did not finish within EVD_VALIDATION_TIMEOUT_S={timeout:g} s; stopped") from exc


def stop(grace: float = 5.0) -> None:
    """End the engine process, if there is one: it is asked to exit once idle and killed if it has not
    within `grace` seconds (0 for a validation that ran out of time: what it was doing is of no more use)."""
    global _engine
    with _engine_lock:
        engine, _engine = _engine, None
    if engine is None:
        return
    processes = list((engine._processes or {}).values())  # the pool's own record of its process
    engine.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(grace)
        if process.is_alive():
            process.kill()
    engine.shutdown(wait=True)


def _running() -> ProcessPoolExecutor:
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_import_gate)
            _engine.submit(int)  # a pool spawns its process on the first task: now, so that the import overlaps
        return _engine


def _import_gate() -> None:
    from warehouse.processes import exit_with_parent

    exit_with_parent()  # a run killed with -9 leaves no engine behind
    from expectations import gate  # noqa: F401


def _validate(batches: Batches, docs_dir: Path, load_id: str) -> list[Outcome]:
    from expectations import gate

    return gate.run(batches, docs_dir, load_id)
