"""Exports of the published marts, read back with DuckDB and pandas."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from figures_warehouse import publish_figures
from typer.testing import CliRunner

from extractors.helpers import entities
from flows.cli import app
from warehouse.export import UTF8_BOM, export, mart_tables


@pytest.fixture(scope="module")
def published(tmp_path_factory, published_figures):
    return publish_figures(tmp_path_factory.mktemp("evd"), published_figures.rows)


@pytest.fixture(scope="module")
def marts(published):
    conn = duckdb.connect(str(published), read_only=True)
    yield conn
    conn.close()


def differences(conn, table: str, other: str, columns: list[str]) -> int:
    """Rows of one side missing from the other, both ways (as multisets)."""
    cols = ", ".join(columns)
    return conn.execute(
        f"SELECT (SELECT count(*) FROM (SELECT {cols} FROM {table} EXCEPT ALL SELECT {cols} FROM {other}))"
        f" + (SELECT count(*) FROM (SELECT {cols} FROM {other} EXCEPT ALL SELECT {cols} FROM {table}))"
    ).fetchall()[0][0]


def test_parquet_round_trips_with_duckdb_and_pandas(published, marts, tmp_path):
    written = export(published, tmp_path, "parquet")
    assert sorted(w.table for w in written) == sorted(mart_tables(marts))
    for item in written:
        columns = [c for (c,) in marts.execute(f"SELECT column_name FROM (DESCRIBE {item.table})").fetchall()]
        source = marts.execute(f"SELECT count(*) FROM {item.table}").fetchone()[0]
        assert item.rows == source
        glob = str(item.path / "**" / "*.parquet")
        marts.execute(f"CREATE OR REPLACE TEMP VIEW back AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true)")
        assert differences(marts, item.table, "back", columns) == 0, item.table

        frame = pd.read_parquet(item.path)
        assert len(frame) == source
        if "year" in columns:
            frame["year"] = frame["year"].astype(int)
            years = sorted(p.name for p in item.path.iterdir())
            expected = sorted(f"year={y}" for (y,) in marts.execute(f"SELECT DISTINCT year FROM {item.table}").fetchall())
            assert years == expected
        marts.register("frame", frame[columns])
        assert differences(marts, item.table, "frame", columns) == 0, item.table
        marts.unregister("frame")


def test_csv_has_a_bom_keeps_chinese_names_and_round_trips(published, marts, tmp_path):
    written = {w.table: w for w in export(published, tmp_path, "csv")}
    raw = written["dim_entity"].path.read_bytes()
    assert raw.startswith(UTF8_BOM)
    text = raw.decode("utf-8-sig")
    assert all(e.name_zh in text for e in entities().values())
    assert pd.read_csv(written["dim_entity"].path, encoding="utf-8-sig")["name_zh"].tolist() == [
        n for (n,) in marts.execute("SELECT name_zh FROM dim_entity").fetchall()
    ]
    for table, item in written.items():
        columns = [c for (c,) in marts.execute(f"SELECT column_name FROM (DESCRIBE {table})").fetchall()]
        as_text = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in columns)
        marts.execute(f"CREATE OR REPLACE TEMP VIEW published_text AS SELECT {as_text} FROM {table}")
        marts.execute(f"CREATE OR REPLACE TEMP VIEW back AS SELECT * FROM read_csv('{item.path}', header = true, all_varchar = true)")
        assert differences(marts, "published_text", "back", columns) == 0, table
        assert len(pd.read_csv(item.path, encoding="utf-8-sig")) == item.rows


def test_a_new_export_replaces_the_old_one_whole(published, tmp_path):
    (tmp_path / "monthly_deliveries" / "year=1999").mkdir(parents=True)
    export(published, tmp_path, "parquet")
    assert not (tmp_path / "monthly_deliveries" / "year=1999").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]


def test_export_command(published, tmp_path):
    home = published.parent.parent
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "csv"), "--home", str(home)])
    assert result.exit_code == 0, result.output
    assert "monthly_deliveries:" in result.output and (tmp_path / "csv" / "monthly_deliveries.csv").is_file()
    wrong = CliRunner().invoke(app, ["export", "--format", "xlsx", "--out", str(tmp_path), "--home", str(home)])
    assert wrong.exit_code == 2 and "parquet, csv" in wrong.output
    missing = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(tmp_path), "--home", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "run a backfill first" in missing.output
