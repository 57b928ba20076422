"""The published file, opened by the clients BI users run: the DuckDB 1.x CLI
binary (package duckdb-cli) and SQLAlchemy's inspector, pandas and Table
reflection through the duckdb-sqlalchemy dialect, all on the file the shared
offline backfill of the samples published."""

from __future__ import annotations

import re
import shlex
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.models import load_models

README = Path(__file__).resolve().parents[1] / "README.md"
MARTS = sorted(m.name for m in load_models() if m.layer == "marts")
# The storage format's version number as DuckDB writes it in a file's header
# (64 is what DuckDB 1.0 writes; 1.x clients read 64 to 68, DuckDB 2.0 writes 69).
DUCKDB_1_STORAGE = 64


def duckdb_cli() -> str:
    """The `duckdb` CLI binary installed beside this Python (the test extra's duckdb-cli), else on PATH."""
    beside = Path(sys.executable).with_name("duckdb")
    found = str(beside) if beside.exists() else shutil.which("duckdb")
    if not found:
        pytest.fail("the duckdb CLI is not installed: pip install -e '.[test]' installs duckdb-cli")
    return found


def readme_cli_example() -> list[str]:
    """The README's `duckdb -readonly …` command, as its words."""
    block = re.search(r"```sh\n(duckdb -readonly .*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert block, "the README shows no `duckdb -readonly` example"
    return shlex.split(block.group(1).replace("\\\n", " "))


@pytest.fixture(scope="module")
def published(sample_backfill) -> Path:
    return sample_backfill[1].published_path


def test_the_published_file_is_in_duckdb_1_storage(published):
    header = published.read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert struct.unpack("<Q", header[12:20])[0] == DUCKDB_1_STORAGE


def test_the_readme_cli_example_runs_in_the_duckdb_1_cli(published, published_figures):
    version = subprocess.run([duckdb_cli(), "--version"], capture_output=True, text=True, timeout=30).stdout
    assert version.startswith("v1."), version
    words = readme_cli_example()
    assert words[:2] == ["duckdb", "-readonly"] and words[2].endswith("published/ev_deliveries.duckdb")
    command = [duckdb_cli(), "-readonly", "-csv", str(published), *words[3:]]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    (expected,) = published_figures.where(entity="xiaomi", metric="deliveries", period="2025-12", basis="company")
    header, *lines = done.stdout.strip().splitlines()
    assert header.split(",")[:3] == ["month", "value", "qualifier"]
    assert [line.split(",")[:3] for line in lines] == [["2025-12", expected["value"], expected["qualifier"]]]


def test_a_duckdb_1_cli_cannot_write_the_published_file(published):
    done = subprocess.run([duckdb_cli(), "-readonly", str(published), "-c", "CREATE TABLE scratch (a INTEGER)"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "read-only" in (done.stdout + done.stderr)


@pytest.fixture(scope="module")
def engine(published):
    import sqlalchemy as sa

    engine = sa.create_engine(f"duckdb:///{published}?access_mode=read_only")
    yield engine
    engine.dispose()


def test_sqlalchemy_reflects_every_marts_columns_and_comments(engine):
    import sqlalchemy as sa

    inspector = sa.inspect(engine)
    assert set(MARTS) <= set(inspector.get_table_names())
    catalogue = sa.text("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = :mart ORDER BY column_index")
    with engine.connect() as conn:
        for mart in MARTS:
            expected = [tuple(row) for row in conn.execute(catalogue, {"mart": mart})]
            reflected = [(c["name"], c["comment"]) for c in inspector.get_columns(mart)]
            assert reflected == expected and all(comment for _, comment in reflected), mart
            assert inspector.get_table_comment(mart)["text"], mart


def test_pandas_and_table_reflection_read_a_mart(engine, published_figures):
    import pandas as pd
    import sqlalchemy as sa

    frame = pd.read_sql_table("monthly_deliveries", engine)
    (expected,) = published_figures.where(entity="xiaomi", metric="deliveries", period="2025-12", basis="company")
    xiaomi = frame[(frame.entity == "xiaomi") & (frame.metric == "deliveries") & (frame.month == "2025-12")]
    assert xiaomi.value.tolist() == [int(expected["value"])]

    table = sa.Table("target_tracking", sa.MetaData(), autoload_with=engine)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.entity, table.c.year).where(table.c.entity == "xiaomi")).fetchall()
    assert ("xiaomi", 2025) in [tuple(r) for r in rows]
