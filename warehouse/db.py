"""Opening the warehouse: versioned migrations are applied on every read-write open."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential_jitter

from warehouse.processes import command_line, started_at

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")  # in DuckDB's lock error: 'Conflicting lock is held in <program> (PID n)'


class WarehouseLocked(duckdb.IOException):
    """Another process held the warehouse file for the whole wait; the message says which, in one line."""


def migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"migration file {path.name} is not named NNN_name.sql")
        found.append((int(match.group(1)), match.group(2), path))
    return found


def migrate(conn: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration not yet applied, each in its own transaction."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    done = []
    for version, name, path in migrations():
        if version in applied:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(path.read_text(encoding="utf-8"))
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        done.append(version)
    return done


def _is_lock_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _held(path: Path, error: duckdb.IOException, waited: float) -> WarehouseLocked:
    """The lock error in one line: who holds the file (PID, command, start), how long it was waited for."""
    found = _LOCK_HOLDER.search(str(error))
    if not found:
        return WarehouseLocked(f"{path} is held by another process ({error}); waited {waited:.0f} s")
    pid = int(found.group(1))
    command, since = command_line(pid), started_at(pid)
    holder = ", ".join([f"PID {pid}"] + ([command] if command else []) + ([f"started {since:%Y-%m-%d %H:%M:%S}"] if since else []))
    return WarehouseLocked(f"{path} is held by another process ({holder}); waited {waited:.0f} s for it to end")


# DuckDB's allocator hands memory a query freed back to the system from a thread of its own; without it, what a
# load or a build once used stays resident until a later query allocates again (tens of MB over a run).
CONFIG = {"allocator_background_threads": True}


def connect(path: str | Path, read_only: bool = False, lock_wait: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file; a read-write one is migrated to the latest schema.

    DuckDB locks the file per process: a short read (`status`, `validate`)
    and a run exclude each other, so the other side is waited for, with
    jittered backoff, up to `lock_wait` seconds; then WarehouseLocked says
    which process holds it.
    """
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    retrying = Retrying(
        retry=retry_if_exception(_is_lock_conflict),
        stop=stop_after_delay(lock_wait),
        wait=wait_exponential_jitter(initial=0.05, max=1.0),
        reraise=True,
    )
    try:
        conn = retrying(duckdb.connect, str(path), read_only=read_only, config=CONFIG)
    except duckdb.IOException as exc:
        if _is_lock_conflict(exc):
            raise _held(path, exc, lock_wait) from None
        raise
    if not read_only:
        migrate(conn)
    return conn
