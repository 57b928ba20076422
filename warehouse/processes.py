"""Processes known by identity: a PID with its start time, so that a PID the system
hands to a new process later is never taken for the one recorded.

Read from Linux's /proc; where there is none, a process is its PID alone (alive
while a process has that PID) and its command line and start are unknown.
"""

from __future__ import annotations

import ctypes
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

PROC = Path("/proc")
HOST = socket.gethostname()
MMAP_THRESHOLD = 256 * 1024  # bytes: glibc's own starting value, held there
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)


def hand_back_large_blocks() -> None:
    """glibc's malloc told to map every block of MMAP_THRESHOLD bytes or more on its own, in this process and
    (through MALLOC_MMAP_THRESHOLD_) in the processes it starts after, so that freeing one gives it back to the
    system. By default glibc raises that threshold each time such a block is freed, up to 32 MiB, and serves
    larger blocks from its heap from then on, which keeps the most it ever held: the OCR engine's buffers for
    one slide left its worker 390 MiB large instead of 250. A value the environment already sets is kept;
    elsewhere than glibc, nothing changes."""
    threshold = os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", str(MMAP_THRESHOLD))
    try:
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, int(threshold))
    except (OSError, AttributeError, ValueError):
        pass


def exit_with_parent(every: float = 1.0) -> None:
    """(In a worker process: a pool's initializer.) End this process once the process that started it is gone:
    a run killed with -9 cannot end its workers, and an idle pool worker waits on its queue for ever (it holds
    the queue's writing end too, so it never reads an end of file). A daemon thread looks every `every` s."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat from its third field (state) on; None when there is no such process."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except (OSError, ValueError):
        return None
    return text[text.rindex(")") + 2 :].split()


def start_ticks(pid: int) -> int | None:
    """When the process started, in clock ticks after boot (stat field 22); None when unknown."""
    fields = _stat(pid)
    return int(fields[19]) if fields else None


def parent_of(pid: int) -> int | None:
    """The PID of the process's parent (stat field 4); None when there is no such process."""
    fields = _stat(pid)
    return int(fields[1]) if fields else None


def running(pid: int) -> bool:
    """Whether a process runs with this PID on this host (a zombie has ended)."""
    fields = _stat(pid)
    if fields is not None:
        return fields[0] not in ("Z", "X")  # a zombie has ended: only its exit status is left
    if PROC.is_dir():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def started_at(pid: int) -> datetime | None:
    """The process's start as local time; None when unknown."""
    ticks = start_ticks(pid)
    try:
        boot = next(int(line.split()[1]) for line in (PROC / "stat").read_text().splitlines() if line.startswith("btime "))
    except (OSError, StopIteration):
        return None
    return datetime.fromtimestamp(boot + ticks / os.sysconf("SC_CLK_TCK")) if ticks is not None else None


def command_line(pid: int, width: int = 100) -> str:
    """The process's command on one line of at most `width` characters, the program by its
    name (`ev-deliveries backfill …`, not the interpreter's path); '' when unknown."""
    try:
        args = (PROC / str(pid) / "cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return ""
    args = [a for a in args if a]
    if len(args) > 1 and Path(args[0]).name.startswith("python") and not args[1].startswith("-"):
        args = args[1:]  # a console script run by its interpreter
    line = " ".join(" ".join([Path(args[0]).name, *args[1:]]).split()) if args else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def environment(pid: int) -> dict[str, str]:
    """The environment the process was started with; empty when unreadable."""
    try:
        raw = (PROC / str(pid) / "environ").read_bytes()
    except OSError:
        return {}
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def pids() -> list[int]:
    """Every process of this host visible in /proc."""
    return [int(p.name) for p in PROC.iterdir() if p.name.isdigit()] if PROC.is_dir() else []


@dataclass(frozen=True)
class Process:
    pid: int | None
    host: str | None = HOST
    started: int | None = None  # start_ticks at the time it was recorded

    @classmethod
    def current(cls) -> "Process":
        return cls(os.getpid(), HOST, start_ticks(os.getpid()))

    @property
    def token(self) -> str:
        """The identity as one string, `<pid>:<start ticks>` (this host's)."""
        return f"{self.pid}:{'' if self.started is None else self.started}"

    @classmethod
    def of_token(cls, token: str) -> "Process":
        pid, _, started = token.partition(":")
        return cls(int(pid) if pid.isdigit() else None, HOST, int(started) if started.isdigit() else None)

    def alive(self) -> bool:
        """Whether this very process still runs on this host (a process of another host never counts as running)."""
        if self.pid is None or self.host != HOST or not running(self.pid):
            return False
        return self.started is None or start_ticks(self.pid) in (None, self.started)
