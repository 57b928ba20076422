"""The marts after the offline backfill of the bundled samples (real Prefect
flow, real parsers, real published file), answering the issue's questions."""

from __future__ import annotations

import duckdb
import pytest
from figures_warehouse import csv_value

from extractors.helpers import month_range, shift_month
from warehouse.bi import bi_queries
from warehouse.models import load_models

pytestmark = pytest.mark.usefixtures("prefect_harness")

@pytest.fixture(scope="module")
def published(sample_backfill):
    state, settings = sample_backfill
    assert state.is_completed(), state.message
    return settings.published_path


@pytest.fixture(scope="module")
def query(published):
    conn = duckdb.connect(str(published), read_only=True)

    def run(sql, params=()):
        return conn.execute(sql, list(params)).fetchall()

    yield run
    conn.close()


def named(name: str) -> str:
    return bi_queries()[name].sql


@pytest.mark.parametrize("mart", [m.name for m in load_models() if m.layer == "marts"])
def test_each_mart_has_rows(query, mart):
    assert query(f"SELECT count(*) FROM {mart}")[0][0] > 0


def test_every_published_table_and_column_is_described(query):
    assert query("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND coalesce(comment, '') = ''") == [(0,)]
    assert query("SELECT count(*) FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main' AND coalesce(comment, '') = ''") == [(0,)]


def test_the_market_is_published_as_cpca_states_it(query, published_figures):
    for month in ("2024-12", "2025-12"):
        total = csv_value(published_figures, "market", "retail", month)
        nev = csv_value(published_figures, "market", "retail", month, scope="nev")
        assert query("SELECT total, nev, nev_penetration_pct FROM market_monthly WHERE month = ? AND metric = 'retail'", [month]) == [
            (total, nev, round(nev / total * 100, 1))
        ]


def test_xiaomi_2025_12(query, published_figures):
    rows = query(named("xiaomi_2025_12"))
    assert [(r[2], r[3], r[4]) for r in rows] == [(csv_value(published_figures, "xiaomi", "deliveries", "2025-12"), "at_least", "xiaomi")]
    assert rows[0][2] == 50_000


def test_nio_group_2025_by_brand(query, published_figures):
    rows = {r[0]: r[3] for r in query(named("nio_group_2025_by_brand"))}
    expected = {e: csv_value(published_figures, e, "deliveries", "2025") for e in ("nio-group", "nio", "onvo", "firefly")}
    assert rows == expected
    assert rows["nio"] + rows["onvo"] + rows["firefly"] == rows["nio-group"]


def test_xpeng_2025_monthly_yoy(query, published_figures):
    rows = query(named("xpeng_2025_monthly_yoy"))
    assert [r[0] for r in rows] == month_range("2025-01", "2025-12")
    for month, value, yoy, basis, _ in rows:
        before = csv_value(published_figures, "xpeng", "deliveries", shift_month(month, -12))
        assert value == csv_value(published_figures, "xpeng", "deliveries", month)
        assert basis in ("reported", "computed")
        assert abs(yoy - (value / before - 1) * 100) < 0.15, month


def test_xiaomi_2025_target_reached_in_december(query, published_figures):
    """The reference notes: the 2025 target, raised to 350,000 in March and to 'over 400,000' in
    November, was reached in early December; the mart tracks the latest revision."""
    ((target, delivered, qualifier, share, month_reached, status),) = query(named("xiaomi_2025_target"))
    ((previous, revised_on),) = query("SELECT previous_target, target_published_on FROM target_tracking WHERE entity = 'xiaomi' AND year = 2025")
    assert previous == csv_value(published_figures, "xiaomi", "target", "2025")
    assert target > previous and str(revised_on) == "2025-11-20"
    assert (delivered, qualifier) == (csv_value(published_figures, "xiaomi", "deliveries", "2025"), "at_least")
    assert share == delivered / target
    assert (month_reached, status) == ("2025-12", "reached")


def test_byd_share_of_cpca_nev_wholesale(query, published_figures):
    rows = query(named("byd_share_of_nev_wholesale"))
    assert rows
    for month, byd, market, share in rows:
        assert byd == csv_value(published_figures, "byd", "wholesale", month, scope="nev")
        assert market == csv_value(published_figures, "market", "wholesale", month, scope="nev")
        assert share == pytest.approx(byd / market)


def test_every_bi_query_runs(query):
    for named_query in bi_queries().values():
        query(named_query.sql)
