"""The marts on a real warehouse holding the reference figures (figures.csv),
loaded through the single writer and published to a real DuckDB file.

Expected values are the CSV's own rows (or sums of them), or facts the issue
states independently (Xiaomi reached its 2025 target of 350,000 in December).
"""

from __future__ import annotations

import csv
import dataclasses

import duckdb
import pytest
from figures_warehouse import csv_value, figure_documents, load_figures, precedence

from extractors.cpca import parse
from extractors.helpers import entities, month_range, shift_month
from warehouse import models
from warehouse.bi import bi_queries
from warehouse.writer import Writer

MARTS = (
    "dim_entity", "figures", "monthly_deliveries", "quarterly_deliveries", "annual_deliveries",
    "market_monthly", "maker_share", "target_tracking", "reconciliation", "revisions",
    "maker_headline_monthly",
)
FLOW = ("deliveries", "wholesale", "retail", "production", "exports", "sales", "overseas_sales")


@pytest.fixture(scope="module")
def published(tmp_path_factory, published_figures):
    home = tmp_path_factory.mktemp("marts")
    with load_figures(home / "warehouse.duckdb", published_figures.rows) as writer:
        counts = models.publish(writer.conn, home / "published.duckdb")
    return home / "published.duckdb", counts


@pytest.fixture(scope="module")
def query(published):
    conn = duckdb.connect(str(published[0]), read_only=True)

    def run(sql, params=()):
        return conn.execute(sql, list(params)).fetchall()

    yield run
    conn.close()


def test_every_mart_is_published_with_rows_and_described(published, query):
    _, counts = published
    assert set(counts) == set(MARTS)
    assert all(counts[m] > 0 for m in MARTS), counts
    tables = dict(query("SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main'"))
    assert set(tables) == set(MARTS) and all(tables.values())
    undocumented = query(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND schema_name = 'main' AND coalesce(comment, '') = ''"
    )
    assert undocumented == []


def test_dim_entity_is_the_seed(query):
    rows = {r[0]: r[1:] for r in query("SELECT id, name_en, name_zh, kind, parent FROM dim_entity")}
    assert {k: v for k, v in rows.items()} == {
        e.id: (e.name_en, e.name_zh, e.kind, e.parent or None) for e in entities().values()
    }


def test_monthly_value_follows_the_precedence_for_every_key(published_figures, query):
    monthly = {
        (e, m, s, g, p): v
        for e, m, s, g, p, v in query("SELECT entity, metric, scope, segment, month, value FROM monthly_deliveries")
    }
    expected = {}
    for row in published_figures.rows:
        if row["metric"] in FLOW and "-Q" not in row["period"] and len(row["period"]) == 7:
            key = (row["entity"], row["metric"], row["scope"], row["segment"], row["period"])
            if key not in expected or precedence(row) < precedence(expected[key]):
                expected[key] = row
    assert monthly == {k: int(r["value"]) for k, r in expected.items()}
    # Xiaomi July 2025: the company's floor outranks a press count; the NEV wholesale of Nov 2025: the API outranks the final
    assert monthly[("xiaomi", "deliveries", "all", "passenger", "2025-07")] == csv_value(published_figures, "xiaomi", "deliveries", "2025-07")
    assert query("SELECT qualifier, publisher FROM monthly_deliveries WHERE entity='xiaomi' AND month='2025-07'") == [("at_least", "xiaomi")]
    (api,) = published_figures.where(entity="market", metric="wholesale", scope="nev", period="2025-11", basis="cpca-data-api")
    assert query(
        "SELECT value, release FROM monthly_deliveries WHERE entity='market' AND metric='wholesale' AND scope='nev' AND month='2025-11'"
    ) == [(int(api["value"]), "api")]


def test_yoy_mom_and_ytd_are_computed_from_the_months(published_figures, query):
    rows = query(
        "SELECT month, value, yoy_pct, yoy_basis, mom_pct, ytd_value, ytd_basis FROM monthly_deliveries "
        "WHERE entity='xpeng' AND metric='deliveries' AND year=2025 ORDER BY month"
    )
    months = month_range("2025-01", "2025-12")
    assert [r[0] for r in rows] == months
    values = {m: csv_value(published_figures, "xpeng", "deliveries", m) for m in month_range("2024-01", "2025-12")}
    for month, value, yoy, basis, mom, ytd, ytd_basis in rows:
        assert value == values[month]
        assert (yoy, basis) == (round((value / values[shift_month(month, -12)] - 1) * 100, 1), "computed")
        assert mom == round((value / values[shift_month(month, -1)] - 1) * 100, 1)
        summed = sum(values[m] for m in month_range("2025-01", month))
        assert ytd == (summed if month != "2025-12" else csv_value(published_figures, "xpeng", "deliveries", "2025"))
    assert rows[-1][5] == sum(values[m] for m in months), "XPeng's reported 2025 equals its months"
    # a floor is never the base of a computed change
    assert query("SELECT yoy_pct, mom_pct FROM monthly_deliveries WHERE entity='xiaomi' AND month='2025-12'") == [(None, None)]


def test_ytd_builds_on_reported_quarters(published_figures, query):
    quarters = sum(csv_value(published_figures, "xiaomi", "deliveries", f"2025-Q{q}") for q in (1, 2, 3))
    assert query("SELECT ytd_value, ytd_basis, ytd_qualifier FROM monthly_deliveries WHERE entity='xiaomi' AND month='2025-09' AND metric='deliveries'") == [
        (quarters, "summed", "exact")
    ]
    october = quarters + csv_value(published_figures, "xiaomi", "deliveries", "2025-10")
    assert query("SELECT ytd_value, ytd_qualifier FROM monthly_deliveries WHERE entity='xiaomi' AND month='2025-10' AND metric='deliveries'") == [
        (october, "at_least")
    ]


def test_reported_cpca_changes_are_kept(tmp_path, sample_archive):
    (entry,) = sample_archive.find(source="cpca", period="2025-12", kind="monthly_analysis")
    figures = parse(sample_archive.document(entry))
    stated = next(f for f in figures if f.metric == "retail" and f.scope == "all" and f.period == "2025-12")
    assert stated.yoy_pct is not None
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, figures, "load-1")
        models.publish(writer.conn, tmp_path / "p.duckdb")
    conn = duckdb.connect(str(tmp_path / "p.duckdb"), read_only=True)
    row = conn.execute(
        "SELECT yoy_pct, yoy_basis FROM monthly_deliveries WHERE entity='market' AND metric='retail' AND scope='all' AND month='2025-12'"
    ).fetchall()
    conn.close()
    assert row == [(stated.yoy_pct, "reported")]


def test_quarters_and_years_are_reported_else_summed(published_figures, query):
    q3 = csv_value(published_figures, "xiaomi", "deliveries", "2025-Q3")
    assert query("SELECT value, basis, qualifier FROM quarterly_deliveries WHERE entity='xiaomi' AND quarter='2025-Q3'") == [(q3, "reported", "exact")]
    xpeng_q1 = sum(csv_value(published_figures, "xpeng", "deliveries", m) for m in ("2025-01", "2025-02", "2025-03"))
    assert query("SELECT value, basis, months_found, reported_value FROM quarterly_deliveries WHERE entity='xpeng' AND quarter='2025-Q1'") == [
        (xpeng_q1, "summed", 3, None)
    ]
    assert query("SELECT value, basis FROM annual_deliveries WHERE entity='nio-group' AND year=2025 AND metric='deliveries'") == [
        (csv_value(published_figures, "nio-group", "deliveries", "2025"), "reported")
    ]
    # a year without any reported total, but all four quarters: summed
    nio_2024 = sum(csv_value(published_figures, "nio-group", "deliveries", f"2024-Q{q}") for q in range(1, 5))
    assert query("SELECT summed_value, quarters_found FROM annual_deliveries WHERE entity='nio-group' AND year=2024") == [(nio_2024, 4)]


def test_market_monthly_and_penetration(published_figures, query):
    total = csv_value(published_figures, "market", "retail", "2025-12")
    nev = csv_value(published_figures, "market", "retail", "2025-12", scope="nev")
    assert query("SELECT total, nev, nev_penetration_pct, penetration_basis FROM market_monthly WHERE month='2025-12' AND metric='retail'") == [
        (total, nev, round(nev / total * 100, 1), "computed")
    ]
    metrics = {m for (m,) in query("SELECT DISTINCT metric FROM market_monthly")}
    assert metrics == {r["metric"] for r in published_figures.where(entity="market")}


def test_maker_share_is_cpca_maker_wholesale_over_cpca_market_wholesale(published_figures, query):
    shares = query("SELECT month, maker_nev_wholesale, market_nev_wholesale, share FROM maker_share WHERE entity='byd' ORDER BY month")
    expected = []
    for row in published_figures.where(entity="byd", metric="wholesale", scope="nev", basis="cpca-maker-flash"):
        market = csv_value(published_figures, "market", "wholesale", row["period"], scope="nev")
        if market:
            expected.append((row["period"], int(row["value"]), market, int(row["value"]) / market))
    assert shares == sorted(expected) and shares
    assert all(0 < s < 1 for (s,) in query("SELECT share FROM maker_share"))


def test_target_tracking(published_figures, query):
    target = csv_value(published_figures, "xiaomi", "target", "2025")
    delivered = csv_value(published_figures, "xiaomi", "deliveries", "2025")
    assert query(
        "SELECT target, delivered_ytd, delivered_qualifier, share_of_target, run_rate_needed, month_reached, status "
        "FROM target_tracking WHERE entity='xiaomi' AND year=2025"
    ) == [(target, delivered, "at_least", delivered / target, 0, "2025-12", "reached")]

    xpeng_target = csv_value(published_figures, "xpeng", "target", "2025")
    running, reached = 0, None
    for month in month_range("2025-01", "2025-12"):
        running += csv_value(published_figures, "xpeng", "deliveries", month)
        reached = reached or (month if running >= xpeng_target else None)
    assert query("SELECT month_reached FROM target_tracking WHERE entity='xpeng' AND year=2025") == [(reached,)]

    # Zeekr Group: three quarters known, so the pace still needed is for the last three months
    zeekr_target = csv_value(published_figures, "zeekr-group", "target", "2025")
    done = sum(csv_value(published_figures, "zeekr-group", "deliveries", f"2025-Q{q}") for q in (1, 2, 3))
    assert query(
        "SELECT delivered_through, delivered_ytd, run_rate_needed, projected_year_end FROM target_tracking WHERE entity='zeekr-group' AND year=2025"
    ) == [("2025-09", done, -(-(zeekr_target - done) // 3), round(done / 9 * 12))]
    # BYD reports sales, not deliveries: its target is tracked against NEV sales
    assert query("SELECT delivered_metric, delivered_ytd FROM target_tracking WHERE entity='byd' AND year=2025") == [
        ("sales", csv_value(published_figures, "byd", "sales", "2025", scope="nev"))
    ]


def test_reconciliation(published_figures, query):
    li = csv_value(published_figures, "li-auto", "deliveries", "2024-07")
    assert query(
        "SELECT company_value, cpca_value, company_minus_cpca, reason_vs_cpca FROM reconciliation WHERE entity='li-auto' AND period='2024-07'"
    ) == [(li, li, 0, "match")]
    months = [csv_value(published_figures, "xiaomi", "deliveries", m) for m in ("2024-04", "2024-05", "2024-06")]
    assert query(
        "SELECT company_value, parts_sum, parts_found, reason_vs_parts FROM reconciliation WHERE entity='xiaomi' AND period='2024-Q2'"
    ) == [(csv_value(published_figures, "xiaomi", "deliveries", "2024-Q2"), sum(months), 3, "lower bound")]
    # Xiaomi 2024: the year as filed vs its three quarters (the figures say the quarters sum to 136,794)
    quarters = sum(csv_value(published_figures, "xiaomi", "deliveries", f"2024-Q{q}") for q in (2, 3, 4))
    assert quarters == 136_794
    assert query("SELECT parts_sum, company_minus_parts, parts_found FROM reconciliation WHERE entity='xiaomi' AND period='2024'") == [
        (quarters, csv_value(published_figures, "xiaomi", "deliveries", "2024") - quarters, 3)
    ]


def test_revisions_keep_both_values_dates_and_documents(published_figures, query):
    (final,) = published_figures.where(entity="market", metric="wholesale", scope="nev", period="2025-11", basis="cpca-monthly-analysis")
    (api,) = published_figures.where(entity="market", metric="wholesale", scope="nev", period="2025-11", basis="cpca-data-api")
    rows = query(
        "SELECT previous_value, previous_release, new_value, new_release, change, new_is_current, "
        "previous_published_on < new_published_on, previous_url <> new_url FROM revisions WHERE entity='market' AND period='2025-11'"
    )
    assert rows == [(int(final["value"]), "final", int(api["value"]), "api", int(api["value"]) - int(final["value"]), True, True, True)]


def test_a_restated_company_month_is_a_revision(tmp_path, published_figures):
    """A company figure replaced by a later document: both values are kept, the later is current."""
    rows = published_figures.where(entity="xiaomi", metric="deliveries", period="2024-05")
    (entry, figures), = figure_documents(rows)
    later = dataclasses.replace(entry, sha256="f" * 64, url=entry.url + "?restated", fetched_at="2024-08-20T08:00:00")
    from datetime import date

    restated = [dataclasses.replace(f, sha256=later.sha256, url=later.url, value=f.value + 16, published_on=date(2024, 8, 20)) for f in figures]
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, figures, "load-1")
        writer.load_document(later, restated, "load-2")
        models.publish(writer.conn, tmp_path / "p.duckdb")
    conn = duckdb.connect(str(tmp_path / "p.duckdb"), read_only=True)
    revision = conn.execute("SELECT previous_value, new_value, new_is_current FROM revisions").fetchall()
    current = conn.execute("SELECT value FROM monthly_deliveries WHERE entity='xiaomi' AND month='2024-05'").fetchall()
    conn.close()
    assert revision == [(figures[0].value, figures[0].value + 16, True)]
    assert current == [(figures[0].value + 16,)]


def test_the_seed_is_read_as_it_is_now_and_unknown_ids_stay_joinable(tmp_path, published_figures):
    seed = tmp_path / "entities.csv"
    with models.SEEDS["entities"].open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows.append({**rows[-1], "id": "test-maker", "name_en": "Test Maker", "name_zh": "测试汽车", "parent": "", "aliases": ""})
    with seed.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (entry, figures), = figure_documents(published_figures.where(entity="xpeng", metric="deliveries", period="2025-12"))
    stray = dataclasses.replace(figures[0], entity="unheard-of")
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, [stray], "load-1")
        models.publish(writer.conn, tmp_path / "p.duckdb", seeds={"entities": seed})
    conn = duckdb.connect(str(tmp_path / "p.duckdb"), read_only=True)
    found = dict(conn.execute("SELECT id, kind FROM dim_entity WHERE id IN ('test-maker', 'unheard-of')").fetchall())
    conn.close()
    assert found == {"test-maker": "maker", "unheard-of": "unmapped"}


def test_publishing_refuses_an_undocumented_column(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    model = models.Model("marts", "example", "SELECT 1 AS entity, 2 AS mystery", "An example.", {"gone": "was here"})
    conn.execute("ATTACH ':memory:' AS build")
    conn.execute("CREATE SCHEMA build.marts")
    conn.execute(f"CREATE TABLE build.marts.example AS {model.sql}")
    with pytest.raises(ValueError, match=r"undocumented columns \['mystery'\].*absent columns \['gone'\]"):
        models.column_comments(conn, model, models.glossary())
    conn.close()


def test_every_bi_query_answers(query):
    for named in bi_queries().values():
        assert query(named.sql), f"{named.name} returned no row"


def test_the_documented_sqlalchemy_url_reads_the_marts_read_only(tmp_path, published_figures):
    """What Superset or Metabase is given (the duckdb-sqlalchemy dialect): reads tables and their comments, cannot write."""
    import sqlalchemy as sa
    from figures_warehouse import publish_figures

    published = publish_figures(tmp_path, published_figures.where(entity="xpeng"))
    engine = sa.create_engine(f"duckdb:///{published}?access_mode=read_only")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM monthly_deliveries WHERE entity = 'xpeng'")).scalar() == len(
            [r for r in published_figures.where(entity="xpeng", metric="deliveries") if "-Q" not in r["period"] and len(r["period"]) == 7]
        )
        described = conn.execute(sa.text(
            "SELECT bool_and(coalesce(comment, '') <> '') FROM duckdb_columns() WHERE NOT internal AND table_name = 'monthly_deliveries'"
        )).scalar()
        assert described
        with pytest.raises(sa.exc.DBAPIError, match="read-only"):
            conn.execute(sa.text("CREATE TABLE scratch (a INTEGER)"))
    inspector = sa.inspect(engine)
    assert set(MARTS) <= set(inspector.get_table_names())
    assert inspector.get_table_comment("target_tracking")["text"]
    engine.dispose()


def test_publishing_copies_the_build_it_is_given_not_a_new_one(tmp_path, published_figures):
    """What a run validated is what it publishes: a row taken out of the build is absent from the published file."""
    (entry, figures), = figure_documents(published_figures.where(entity="xpeng", metric="deliveries", period="2025-12"))
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, figures, "load-1")
        with models.build(writer.conn) as built:
            built_rows = writer.conn.execute("SELECT count(*) FROM build.marts.figures").fetchone()[0]
            writer.conn.execute("DELETE FROM build.marts.figures")
            counts = models.publish_build(writer.conn, built, tmp_path / "p.duckdb")
        assert writer.conn.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = 'build'").fetchone()[0] == 0
    assert built_rows > 0 and counts["figures"] == 0


def test_a_build_that_fails_publishes_nothing_and_says_why(tmp_path, published_figures):
    """A seed that cannot be read is the build's error, not an exception; publishing it is refused and the
    file published before is left as it was."""
    (entry, figures), = figure_documents(published_figures.where(entity="xpeng", metric="deliveries", period="2025-12"))
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, figures, "load-1")
        models.publish(writer.conn, tmp_path / "p.duckdb")
        before = (tmp_path / "p.duckdb").stat().st_ino
        with models.build(writer.conn, seeds={"entities": tmp_path / "missing.csv"}) as built:
            assert built.models == [] and "missing.csv" in built.error
            with pytest.raises(RuntimeError, match="missing.csv"):
                models.publish_build(writer.conn, built, tmp_path / "p.duckdb")
    assert (tmp_path / "p.duckdb").stat().st_ino == before
