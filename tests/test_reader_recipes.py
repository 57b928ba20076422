"""The documented ways to read the published file from a long-lived process
(docs/bi.md, "Reading while the pipeline publishes") see a new publication:
each recipe runs in a second process that keeps running while the file is
replaced, and reads the row count before and after."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from figures_warehouse import publish_figures

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

RECIPES = {
    "sqlalchemy-nullpool": """
        import sqlalchemy as sa
        from sqlalchemy.pool import NullPool
        engine = sa.create_engine(f"duckdb:///{path}?access_mode=read_only", poolclass=NullPool)
        def count():
            with engine.connect() as conn:
                return conn.execute(sa.text("SELECT count(*) FROM figures")).scalar()
    """,
    "duckdb-per-query": """
        import duckdb
        def count():
            with duckdb.connect(path, read_only=True) as conn:
                return conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    """,
}
READER = """
import sys
path = sys.argv[1]
{recipe}
print(count(), flush=True)
sys.stdin.readline()
print(count(), flush=True)
"""


@pytest.mark.parametrize("recipe", sorted(RECIPES))
def test_a_long_lived_reader_sees_the_next_publication(tmp_path, published_figures, recipe):
    first = published_figures.where(entity="xpeng")
    second = published_figures.where(entity="nio")
    assert len(first) != len(second)
    published = publish_figures(tmp_path / "one", first)
    code = READER.format(recipe=textwrap.dedent(RECIPES[recipe]))
    reader = subprocess.Popen([sys.executable, "-c", code, str(published)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        before = int(reader.stdout.readline())
        os.replace(publish_figures(tmp_path / "two", second), published)  # what publishing does: a new file renamed over
        reader.stdin.write("\n")
        reader.stdin.flush()
        after = int(reader.stdout.readline())
    finally:
        out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert (before, after) == (len(first), len(second))
