"""The temporary Prefect server a CLI run starts when no Prefect API is configured.
(Importing this module imports Prefect's server: set Prefect's defaults first, flows.settings.prefect_defaults.)

Prefect starts it as a child process on first use and stops it when the run
ends. Two things go wrong with that, and are handled here, before the flow:

- A run killed mid-way (kill -9) cannot stop it: the server goes on (about
  200 MB, a port). So each run signs the server it starts with its own
  identity (`SERVER_OWNER` in the server's environment, which it inherits),
  and before starting stops the servers of its Prefect home whose signer no
  longer runs.
- On a busy machine the server can miss its start deadline
  (`PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`). The start is tried
  once more, and a second miss is one line (`ServerNotStarted`), not
  Prefect's traceback.

- Its database (`$PREFECT_HOME/prefect.db`) only grows: the temporary server
  never runs Prefect's flow-run vacuum (that service skips ephemeral servers).
  Before the server starts, a database over `EVD_PREFECT_DB_MAX_MB` (256 by
  default) is set aside as `prefect.db.previous`, replacing the one set aside
  before, and the server makes a new one: Prefect's state here is the working
  memory of runs that are over; their record is the warehouse's `runs` table.
  So the two files never hold more than twice the bound.

- A new database is migrated before the server answers: about 10 s of
  Prefect's ~100 schema migrations on every new data home. So a new Prefect
  home's `prefect.db` is copied from a migrated, empty one kept per Prefect
  version in the user's cache (`$XDG_CACHE_HOME/ev-deliveries/`, made once by
  `prefect server database upgrade`); the server finds it up to date. Should
  the copy fail, the server makes its own, as before.

(What else a dead run leaves is closed or removed where it is written: its
`running` row by Writer.start_run, its temporary published file by
models.publish.)
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from prefect.server.api.server import SubprocessASGIServer
from prefect.server.api.server import subprocess_server_logger as server_logger
from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

from extractors.helpers import positive_setting
from warehouse.processes import Process, command_line, environment, pids, start_ticks

SERVER_APP = "prefect.server.api.server:create_app"  # in the command line of Prefect's temporary server
SERVER_OWNER = "EVD_SERVER_OWNER"  # the process that started the server, as Process.token
START_ATTEMPTS = 2
DATABASE_MAX_MB = 256.0  # Prefect's database is set aside past this size; EVD_PREFECT_DB_MAX_MB overrides


class ServerNotStarted(RuntimeError):
    """The temporary Prefect server missed its start deadline on every attempt."""


def _orphaned_servers(prefect_home: str | None) -> list[Process]:
    """Temporary Prefect servers of this Prefect home signed by a process that no longer runs."""
    found = []
    for pid in pids():
        if pid == os.getpid() or SERVER_APP not in command_line(pid, width=10_000):
            continue
        env = environment(pid)
        if env.get("PREFECT_HOME") == prefect_home and SERVER_OWNER in env and not Process.of_token(env[SERVER_OWNER]).alive():
            found.append(Process(pid, started=start_ticks(pid)))
    return found


def _stop(server: Process, grace: float = 5.0) -> None:
    """SIGTERM, then SIGKILL if it is still there after `grace` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not server.alive():
            return
        try:
            os.kill(server.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while server.alive() and time.monotonic() < deadline:
            time.sleep(0.1)


def reap_orphaned_servers() -> list[str]:
    """Stop the servers of this Prefect home (PREFECT_HOME) whose run died, and sign the
    server this process will start so that a later run can stop it if this one dies.
    Returns what was stopped, in words."""
    stopped = []
    for server in _orphaned_servers(os.environ.get("PREFECT_HOME")):
        _stop(server)
        stopped.append(f"stopped the temporary Prefect server (PID {server.pid}) that a run which died left running")
    os.environ[SERVER_OWNER] = Process.current().token
    return stopped


def bound_database(prefect_home: Path) -> str | None:
    """Set Prefect's database aside (with its -wal and -shm files) when it is over the bound; what was done, in words."""
    bound = positive_setting("EVD_PREFECT_DB_MAX_MB", DATABASE_MAX_MB, "megabytes")
    database = prefect_home / "prefect.db"
    files = [database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm")]
    size = sum(f.stat().st_size for f in files if f.exists()) / 2**20
    if size <= bound:
        return None
    for file in files:
        kept = file.with_name(file.name.replace("prefect.db", "prefect.db.previous"))
        if file.exists():
            os.replace(file, kept)
        else:
            kept.unlink(missing_ok=True)
    return (f"Prefect's database ({database}, {size:,.0f} MB) was over EVD_PREFECT_DB_MAX_MB={bound:g}: set aside as "
            f"prefect.db.previous, and a new one made (the runs' record is the warehouse's runs table)")


def template_database() -> Path:
    """The migrated, empty Prefect database of this Prefect version in the user's cache, made when missing
    (by `prefect server database upgrade`, in a Prefect home of its own, then moved into place whole)."""
    import prefect

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ev-deliveries"
    template = cache / f"prefect-{prefect.__version__}.db"
    if not template.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache) as making:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API_", "PREFECT_SERVER_DATABASE"))}
            subprocess.run(
                [sys.executable, "-c", "from prefect.cli import app; app()", "server", "database", "upgrade", "-y"],
                env={**env, "PREFECT_HOME": making}, check=True, capture_output=True, timeout=300,
            )
            os.replace(Path(making) / "prefect.db", template)
    return template


def seed_database(prefect_home: Path) -> None:
    """A Prefect home with no database yet gets a copy of the migrated template (linked into place only if still
    absent, so a database that appeared meanwhile is never replaced); a copy that fails leaves the migrating
    to the server (a slower start, nothing lost, nothing half-copied left behind)."""
    database = prefect_home / "prefect.db"
    if database.exists():
        return
    try:
        template = template_database()
    except (OSError, subprocess.SubprocessError):
        return
    copy = prefect_home / f"prefect.db.copying-{os.getpid()}"
    try:
        shutil.copyfile(template, copy)
        os.link(copy, database)
    except OSError:
        pass
    finally:
        copy.unlink(missing_ok=True)


def _default_database(prefect_home: str | None) -> Path | None:
    """The Prefect home whose `prefect.db` the temporary server will use, or None when a database was configured."""
    configured = {"PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL"} & set(os.environ)
    return Path(prefect_home) if prefect_home and not configured else None


def start_temporary_server(say: Callable[[str], None]) -> None:
    """Start the temporary server a run will use, unless a Prefect API is configured: orphans
    reaped and its database bounded first, a start that misses its deadline tried once more. `say` gets each line worth
    telling the user; ServerNotStarted when every attempt missed. (It may run in a thread of its own: the
    server boots in its own process, and the caller goes on meanwhile.)"""
    if PREFECT_API_URL.value():
        return
    for line in reap_orphaned_servers():
        say(line)
    home = _default_database(os.environ.get("PREFECT_HOME"))
    if home is not None:
        if set_aside := bound_database(home):
            say(set_aside)
        seed_database(home)
    deadline = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
    for attempt in range(1, START_ATTEMPTS + 1):
        server = SubprocessASGIServer()  # the instance Prefect's client uses: once running, the run reuses it
        try:
            with _quiet(server_logger):
                server.start()
            return
        except RuntimeError:
            with _quiet(server_logger):
                server.stop()  # Prefect leaves a server that missed its deadline running; the next attempt is a new one
            if attempt < START_ATTEMPTS:
                say(f"the temporary Prefect server did not answer within {deadline} s; starting it once more")
    raise ServerNotStarted(
        f"the temporary Prefect server did not answer within {deadline} s, {START_ATTEMPTS} times (a busy machine?): "
        "raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or set PREFECT_API_URL to a running server"
    )



@contextmanager
def _quiet(logger: logging.Logger) -> Iterator[None]:
    """Prefect's own lines on starting and stopping the server left out: what matters is said above."""
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
