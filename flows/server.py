"""The temporary Prefect server a CLI run starts when no Prefect API is configured.

The run starts it itself, first thing: Prefect's API app
(`prefect.server.api.server:create_app`, served by uvicorn on a free port of
127.0.0.1, as Prefect's own temporary server is) in a child process, before
Prefect is imported in the run's process. Its boot (about 5 s, mostly importing
Prefect's server) overlaps the run's own imports, and the run's process never
imports Prefect's server (about 75 MB and 2.5 s of CPU). The flow is pointed at
it with `prefect.settings.temporary_settings` (`flows.cli`); should Prefect's
settings turn out to name an API (a profile, `prefect.toml`), the server is
stopped before it serves anything. Four things go wrong with a child server,
and are handled here, before the flow:

- A run killed mid-way (kill -9) cannot stop it: the server goes on (about
  200 MB, a port). So each run signs the server it starts with its own
  identity (`SERVER_OWNER` in the server's environment), and before starting
  stops the servers of its Prefect home whose signer no longer runs.
- On a busy machine the server can miss its start deadline
  (`PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`), or end before it
  answers (its port taken meanwhile). The start is tried once more, on a new
  port, and a second miss is one line (`ServerNotStarted`), not a traceback.
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

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Callable

from extractors.helpers import positive_setting
from warehouse.processes import Process, command_line, environment, pids, start_ticks

SERVER_APP = "prefect.server.api.server:create_app"  # in the command line of Prefect's temporary server
SERVER_OWNER = "EVD_SERVER_OWNER"  # the process that started the server, as Process.token
START_ATTEMPTS = 2
DATABASE_MAX_MB = 256.0  # Prefect's database is set aside past this size; EVD_PREFECT_DB_MAX_MB overrides
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # to 127.0.0.1, whatever proxy the environment names


class ServerNotStarted(RuntimeError):
    """The temporary Prefect server did not answer on any attempt."""


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
    """Stop the servers of this Prefect home (PREFECT_HOME) whose run died; what was stopped, in words."""
    stopped = []
    for server in _orphaned_servers(os.environ.get("PREFECT_HOME")):
        _stop(server)
        stopped.append(f"stopped the temporary Prefect server (PID {server.pid}) that a run which died left running")
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
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ev-deliveries"
    template = cache / f"prefect-{version('prefect')}.db"
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


def seed_database(prefect_home: Path) -> bool:
    """A Prefect home with no database yet gets a copy of the migrated template (linked into place only if still
    absent, so a database that appeared meanwhile is never replaced); a copy that fails leaves the migrating
    to the server (a slower start, nothing lost, nothing half-copied left behind). Whether it was copied."""
    database = prefect_home / "prefect.db"
    if database.exists():
        return False
    try:
        template = template_database()
    except (OSError, subprocess.SubprocessError):
        return False
    copy = prefect_home / f"prefect.db.copying-{os.getpid()}"
    try:
        shutil.copyfile(template, copy)
        os.link(copy, database)
        return True
    except OSError:
        return False
    finally:
        copy.unlink(missing_ok=True)


def _boot_settings(seeded: bool) -> dict[str, str]:
    """What the server skips at boot, unless the environment says otherwise: registering Prefect's block types
    (no flow of ours saves a block; about 1 s in a new home), and checking the migrations of a database just
    copied from the template (it is at this version's head)."""
    skipped = {("PREFECT_SERVER_REGISTER_BLOCKS_ON_START", "PREFECT_API_BLOCKS_REGISTER_ON_START"): True}
    skipped[("PREFECT_SERVER_DATABASE_MIGRATE_ON_START", "PREFECT_API_DATABASE_MIGRATE_ON_START")] = seeded
    return {names[0]: "false" for names, skip in skipped.items() if skip and not set(names) & set(os.environ)}


def _default_database(prefect_home: str | None) -> Path | None:
    """The Prefect home whose `prefect.db` the temporary server will use, or None when a database was configured."""
    configured = {"PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL"} & set(os.environ)
    return Path(prefect_home) if prefect_home and not configured else None


class TemporaryServer:
    """Prefect's API server in a child process of this run, for this run: `launch` it (before Prefect is
    imported here), `wait_until_ready`, point the flow at `api_url`, `stop` it."""

    def __init__(self, say: Callable[[str], None], settings: dict[str, str]):
        self.say = say
        self.settings = settings  # Prefect settings of the server's environment, over this process's
        self.process: subprocess.Popen | None = None
        self.port = 0

    @classmethod
    def launch(cls, say: Callable[[str], None]) -> TemporaryServer | None:
        """Start the server unless PREFECT_API_URL is in the environment: orphans reaped and the database
        bounded and seeded first. `say` gets each line worth telling the user. ValueError: a malformed
        EVD_PREFECT_DB_MAX_MB."""
        if "PREFECT_API_URL" in os.environ:
            return None
        for line in reap_orphaned_servers():
            say(line)
        home, seeded = _default_database(os.environ.get("PREFECT_HOME")), False
        if home is not None:
            if set_aside := bound_database(home):
                say(set_aside)
            seeded = seed_database(home)
        server = cls(say, _boot_settings(seeded))
        server._spawn()
        return server

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _spawn(self) -> None:
        """uvicorn serving Prefect's API app on a free port, signed with this run's identity."""
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        prefect_parent = Path(find_spec("prefect").origin).parents[1]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect_parent), "--factory", SERVER_APP,
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, **self.settings, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                 "PREFECT__SERVER_FINAL": "1", SERVER_OWNER: Process.current().token},
            stdin=subprocess.DEVNULL,
        )

    def _answers(self, deadline: float) -> bool:
        """Whether the server answers /api/health before the deadline (False too when it ends first)."""
        while True:
            try:
                with _DIRECT.open(f"{self.api_url}/health", timeout=1) as answer:
                    if answer.status == 200:
                        return True
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    def wait_until_ready(self, timeout: float) -> None:
        """Until the server answers, within `timeout` s of now; a miss starts it once more, on a new port.
        ServerNotStarted when every attempt missed (no server left running)."""
        for attempt in range(1, START_ATTEMPTS + 1):
            if self._answers(time.monotonic() + timeout):
                return
            ended = self.process.poll()
            self.stop()
            missed = f"did not answer within {timeout:g} s" if ended is None else f"ended (exit code {ended}) before it answered"
            if attempt < START_ATTEMPTS:
                self.say(f"the temporary Prefect server {missed}; starting it once more")
                self._spawn()
        raise ServerNotStarted(
            f"the temporary Prefect server {missed}, {START_ATTEMPTS} times (a busy machine?): "
            "raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or set PREFECT_API_URL to a running server"
        )

    def stop(self, grace: float = 5.0) -> None:
        """SIGTERM, then SIGKILL if it is still there after `grace` seconds; reaped."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
