"""Opening the warehouse: versioned migrations are applied on every read-write open."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
from tenacity import Retrying, retry_if_exception, stop_after_delay, wait_exponential_jitter

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


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


def connect(path: str | Path, read_only: bool = False, lock_wait: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file; a read-write one is migrated to the latest schema.

    DuckDB locks the file per process: a short read (`status`, `validate`)
    and a run exclude each other, so the other side is waited for, with
    jittered backoff, up to `lock_wait` seconds before the lock error is raised.
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
    conn = retrying(duckdb.connect, str(path), read_only=read_only)
    if not read_only:
        migrate(conn)
    return conn
