"""Great Expectations runs in a process of its own (expectations/engine.py): the caller never imports it,
an engine that dies or overruns its time is an error that says so, and the next validation gets a new one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from real_runs import workers_of

from expectations import engine, validate
from warehouse.processes import pids
from warehouse.writer import Writer

ROOT = Path(__file__).resolve().parents[1]


def _validated(tmp_path: Path, name: str):
    with Writer(tmp_path / "warehouse.duckdb") as writer:
        return validate(writer.conn, tmp_path / "docs", name)


def _engine_processes() -> list[int]:
    return workers_of(os.getpid())


def test_the_caller_never_imports_great_expectations(tmp_path):
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from expectations import validate
        from warehouse.writer import Writer
        with Writer(Path({str(tmp_path / 'w.duckdb')!r})) as writer:
            report = validate(writer.conn, Path({str(tmp_path / 'docs')!r}), "apart")
        print(len(report.outcomes), "great_expectations" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    outcomes, gx = done.stdout.split()
    assert int(outcomes) > 0 and gx == "False"
    assert (tmp_path / "docs" / "index.html").is_file()


def test_a_validation_over_its_time_is_stopped_and_the_next_gets_a_new_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("EVD_VALIDATION_TIMEOUT_S", "0.01")
    with pytest.raises(RuntimeError, match=r"did not finish within EVD_VALIDATION_TIMEOUT_S=0.01 s"):
        _validated(tmp_path, "too-slow")
    assert not _engine_processes()
    monkeypatch.delenv("EVD_VALIDATION_TIMEOUT_S")
    assert _validated(tmp_path, "in-time").outcomes


def test_an_engine_that_died_is_named_and_replaced(tmp_path):
    assert _validated(tmp_path, "first").outcomes
    (pid,) = _engine_processes()
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while pid in pids() and time.monotonic() < deadline:
        time.sleep(0.05)
    with pytest.raises(RuntimeError, match=r"the validation process \(Great Expectations\) died"):
        _validated(tmp_path, "engine-dead")
    assert _validated(tmp_path, "replaced").outcomes
    engine.stop()
    assert not _engine_processes()
