"""Runs as a user starts them: `ev-deliveries` in a process of its own, in an
environment without the test session's Prefect settings (so each data home gets
its own Prefect home and its own temporary server, as on a user's machine)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from warehouse.processes import parent_of

CLI = [sys.executable, "-m", "flows.cli"]
MONTH = "2025-12"
SERVER_APP = "prefect.server.api.server:create_app"


def user_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "EVD_"))} | {"COLUMNS": "250"}


def backfill_args(home: Path) -> list[str]:
    return [*CLI, "backfill", "--start", MONTH, "--end", MONTH, "--offline", "--home", str(home)]


def start(args: list[str], log: Path) -> subprocess.Popen:
    """A process in a session of its own (as from its own terminal), its output in `log`."""
    with log.open("wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=user_env(), start_new_session=True)


def run(args: list[str], timeout: float = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command to its end, in the user's environment plus `env`."""
    return subprocess.run(args, capture_output=True, text=True, env=user_env() | (env or {}), timeout=timeout)


def wait_for(condition, timeout: float, every: float = 0.02, what: str = "condition"):
    """Poll until `condition()` is truthy; its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def servers_of(parent: int) -> list[int]:
    """The temporary Prefect servers a process started (its children running Prefect's server app)."""
    return children_running(parent, SERVER_APP)


def workers_of(parent: int) -> list[int]:
    """The pool processes a process spawned (its parse workers, its validation engine)."""
    return children_running(parent, "spawn_main")


def children_running(parent: int, marker: str) -> list[int]:
    """The children of a process whose command line holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and parent_of(int(entry.name)) == parent and marker.encode() in command:
            found.append(int(entry.name))
    return found
