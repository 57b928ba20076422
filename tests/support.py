"""Small helpers the test modules share."""

from __future__ import annotations

import duckdb

# What the bundled samples cover, and what the shared offline backfill loads.
SAMPLE_RANGE = ("2024-01", "2026-02")


def rows(path, sql, params=()):
    """Run one query on a DuckDB file through a short-lived read-only connection."""
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()
