"""maker_headline_monthly: each maker's headline monthly volume (its own
deliveries, else its own sales, else CPCA's wholesale), after the offline
backfill of the bundled samples, checked against the reference figures."""

from __future__ import annotations

import pytest
from figures_warehouse import precedence, publish_figures
from support import rows

pytestmark = pytest.mark.usefixtures("prefect_harness")

COLUMNS = "entity, month, measure, metric, scope, segment, value, publisher"


@pytest.fixture(scope="module")
def published(sample_backfill):
    state, settings = sample_backfill
    assert state.is_completed(), state.message
    return settings.published_path


def headline(path, entity: str) -> list[dict]:
    names = [c.strip() for c in COLUMNS.split(",")]
    found = rows(path, f"SELECT {COLUMNS} FROM maker_headline_monthly WHERE entity = ? ORDER BY month", [entity])
    return [dict(zip(names, row)) for row in found]


def reference_value(published_figures, row: dict, bases: tuple[str, ...]) -> int:
    """The reference figure of the row's key from these bases, by the documented precedence."""
    candidates = [
        r for r in published_figures.where(entity=row["entity"], metric=row["metric"], scope=row["scope"], segment=row["segment"], period=row["month"])
        if r["basis"] in bases
    ]
    return int(min(candidates, key=precedence)["value"])


def test_one_row_per_maker_and_month_and_one_measure_per_maker(published):
    assert rows(published, "SELECT count(*) - count(DISTINCT (entity, month)) FROM maker_headline_monthly") == [(0,)]
    assert rows(published, "SELECT count(*) FROM maker_headline_monthly") != [(0,)]
    mixed = rows(published, "SELECT entity FROM maker_headline_monthly GROUP BY entity HAVING count(DISTINCT (measure, metric, scope, segment)) > 1")
    assert mixed == []


def test_byd_reports_sales_and_its_sales_are_its_headline(published, published_figures):
    assert not published_figures.where(entity="byd", metric="deliveries", basis="company")
    months = headline(published, "byd")
    assert months and {m["measure"] for m in months} == {"company sales"} and {m["publisher"] for m in months} == {"byd"}
    for month in months:
        assert month["value"] == reference_value(published_figures, month, ("company",)), month


def test_tesla_china_has_cpca_wholesale_only_and_it_is_its_headline(published, published_figures):
    assert not [r for r in published_figures.where(entity="tesla-china") if r["basis"].startswith("company")]
    months = headline(published, "tesla-china")
    assert months and {m["measure"] for m in months} == {"cpca wholesale"} and {m["publisher"] for m in months} == {"cpca"}
    cpca = tuple(b for b in {r["basis"] for r in published_figures.rows} if b.startswith("cpca"))
    for month in months:
        assert month["value"] == reference_value(published_figures, month, cpca), month


def test_every_maker_with_a_monthly_figure_of_its_own_or_from_cpca_is_there(published):
    """The makers and groups the figures hold a candidate month for, found from the figures mart itself."""
    expected = rows(published, """
        SELECT DISTINCT f.entity FROM figures AS f JOIN dim_entity AS d ON d.id = f.entity
        WHERE d.kind IN ('maker', 'group') AND f.period_grain = 'month'
          AND ((f.publisher NOT IN ('cpca', 'press') AND f.metric IN ('deliveries', 'sales')) OR (f.publisher = 'cpca' AND f.metric = 'wholesale'))
        ORDER BY 1""")
    assert rows(published, "SELECT DISTINCT entity FROM maker_headline_monthly ORDER BY 1") == expected
    assert {"byd", "tesla-china", "xpeng"} <= {e for (e,) in expected}


def test_a_maker_reporting_deliveries_and_sales_has_its_deliveries_as_headline(tmp_path, published_figures):
    """XPeng's reference months, also stated as sales (one more vehicle each): the headline stays its deliveries."""
    deliveries = [r for r in published_figures.where(entity="xpeng", metric="deliveries", basis="company") if len(r["period"]) == 7]
    sales = [{**r, "metric": "sales", "value": str(int(r["value"]) + 1)} for r in deliveries]
    path = publish_figures(tmp_path, published_figures.rows + sales)
    months = headline(path, "xpeng")
    assert {m["measure"] for m in months} == {"company deliveries"}
    assert {m["month"]: m["value"] for m in months} == {r["period"]: int(r["value"]) for r in deliveries if r["scope"] == "all"}
