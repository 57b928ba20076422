"""Exports of the published marts as files, for people without a SQL client.

Parquet: one folder per mart, partitioned by year in the Hive layout
(`<mart>/year=2025/data_0.parquet`; a mart without a year is one file), which
DuckDB, pandas/pyarrow, Spark and BI tools read as one table. CSV: one file per
mart, UTF-8 with a byte-order mark so that Excel shows the Chinese names.

Everything is written under a temporary folder inside the target first, then
each mart's file or folder is swapped in, so a half-written export never
replaces a good one.
"""

from __future__ import annotations

import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.models import sql_literal

FORMATS = ("parquet", "csv")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Exported:
    table: str
    rows: int
    path: Path


def mart_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    return [t for (t,) in conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal ORDER BY table_name"
    ).fetchall()]


def _write_parquet(conn: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    columns = {c for (c,) in conn.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()}
    if "year" in columns:
        conn.execute(f"COPY {table} TO {sql_literal(str(target))} (FORMAT parquet, PARTITION_BY (year))")
    else:
        target.mkdir()
        conn.execute(f"COPY {table} TO {sql_literal(str(target / 'data_0.parquet'))} (FORMAT parquet)")


def _write_csv(conn: duckdb.DuckDBPyConnection, table: str, target: Path) -> None:
    plain = target.with_suffix(".plain.csv")
    conn.execute(f"COPY {table} TO {sql_literal(str(plain))} (FORMAT csv, HEADER true)")
    with target.open("wb") as out, plain.open("rb") as body:
        out.write(UTF8_BOM)
        shutil.copyfileobj(body, out)
    plain.unlink()


def export(published_path: Path, out_dir: Path, fmt: str) -> list[Exported]:
    """Write every mart of the published file to `out_dir` in `fmt` (parquet or csv)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if not Path(published_path).is_file():
        raise FileNotFoundError(f"no published file at {published_path}: run a backfill first")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".export-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    conn = duckdb.connect(str(published_path), read_only=True)
    try:
        written = []
        for table in mart_tables(conn):
            name = table if fmt == "parquet" else f"{table}.csv"
            (_write_parquet if fmt == "parquet" else _write_csv)(conn, table, staging / name)
            rows = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            written.append(Exported(table, rows, out_dir / name))
        for item in written:  # the old copy is set aside before the new one takes its name
            retired = staging / f".old-{item.path.name}"
            if item.path.exists():
                os.replace(item.path, retired)
            os.replace(staging / item.path.name, item.path)
        return written
    finally:
        conn.close()
        shutil.rmtree(staging, ignore_errors=True)
