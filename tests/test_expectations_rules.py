"""Each validation rule against data that passes it and data that fails it, on
real DuckDB warehouses loaded through the single writer, validated by real
Great Expectations.

Both warehouses are built from rows of figures.csv (`published_figures`). The
passing one holds unaltered rows chosen so that every rule has something to
check (plus YoY/MoM and a year to date derived from those rows, and the CPCA
flash of 2025-11 NEV wholesale the CPCA issue states: 1.72M). The failing one
holds, for each rule, rows altered so that rule must fail; figures the
parsers could never produce are slipped into the figures table with SQL.
One validation per warehouse keeps the file fast: the tests read its outcomes.
"""

from __future__ import annotations

import dataclasses
import re
import shutil

import duckdb
import pytest
from figures_warehouse import figure_documents

from expectations import SHOWN_OFFENDERS, month_ranges, validate, validate_build
from expectations.rules import load_rules
from extractors.helpers import month_range
from extractors.registry import get_source
from warehouse import models
from warehouse.writer import Writer

PUBLISHERS = {"nio-group": "nio"}
MONTHS = r"\d{4}-\d{2}(\.\.\d{4}-\d{2})?"  # a month, or a range of them
FLASH_NEV_WHOLESALE_2025_11 = 1_720_000  # CPCA issue: "NEV wholesale 2025-11: flash 1.72M, API 1,706,382"


def rows_of(published_figures, entity, metric, periods, scope="all", bases=None):
    """figures.csv rows of one series, for periods starting with any of `periods`."""
    return [
        r for r in published_figures.where(entity=entity, metric=metric, scope=scope)
        if r["period"].startswith(tuple(periods)) and (bases is None or r["basis"] in bases)
    ]


def is_month(period):
    return len(period) == 7 and "-Q" not in period


def months(rows):
    return [r for r in rows if is_month(r["period"])]


def altered(row, **changes):
    return {**row, **{k: str(v) for k, v in changes.items()}}


def value_of(rows, period):
    (row,) = [r for r in rows if r["period"] == period]
    return int(row["value"])


def ytd_row(month_rows, through):
    """A year to date stated as the sum of its months (the parts are the CSV's)."""
    year = through[:4]
    parts = [r for r in month_rows if year + "-01" <= r["period"] <= through]
    return {**parts[-1], "period": f"{through}-YTD", "value": str(sum(int(r["value"]) for r in parts)), "note": "sum of its months"}


def flash_row(period, value):
    return {
        "entity": "market", "metric": "wholesale", "scope": "nev", "segment": "passenger", "period": period,
        "value": str(value), "qualifier": "approx", "basis": "cpca-maker-flash", "note": "CPCA flash",
    }


def with_changes(documents, changes):
    """Set yoy_pct / mom_pct on the figures of these keys: {(entity, metric, scope, period): {...}}, and
    publish NIO group figures as the registered NIO source does (publisher nio)."""
    return [
        (entry, [
            dataclasses.replace(
                f, publisher=PUBLISHERS.get(f.publisher, f.publisher), **changes.get((f.entity, f.metric, f.scope, f.period), {})
            )
            for f in figures
        ])
        for entry, figures in documents
    ]


def pct(new, old):
    return round((new / old - 1) * 100, 1)


def reported_changes(month_rows, shift_yoy=0.0, shift_mom=0.0):
    """YoY and MoM as a publisher would state them, computed from the CSV's own months (optionally off)."""
    value = {(r["entity"], r["metric"], r["scope"], r["period"]): int(r["value"]) for r in month_rows}
    changes = {}
    for r in month_rows:
        series = (r["entity"], r["metric"], r["scope"])
        year, mon = int(r["period"][:4]), int(r["period"][5:])
        year_ago = value.get((*series, f"{year - 1}-{mon:02d}"))
        month_ago = value.get((*series, f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"))
        found = {}
        if year_ago:
            found["yoy_pct"] = pct(int(r["value"]), year_ago) + shift_yoy
        if month_ago:
            found["mom_pct"] = pct(int(r["value"]), month_ago) + shift_mom
        changes[(r["entity"], r["metric"], r["scope"], r["period"])] = found
    return changes


def load(path, documents, slipped=()):
    """A warehouse at `path` holding these documents, plus rows slipped in with SQL; returns the open writer."""
    writer = Writer(path)
    for entry, figures in documents:
        writer.load_document(entry, figures, "rules-test")
    for row in slipped:
        writer.conn.execute(
            "INSERT INTO figures (publisher, entity, metric, scope, segment, period, value, qualifier, release, yoy_pct, mom_pct,"
            " document_sha256, url, source, load_id, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'slipped', now())",
            row,
        )
    return writer


def run_validation(path, documents, slipped=(), load_id="rules-test"):
    with load(path, documents, slipped) as writer:
        return validate(writer.conn, path.parent / "docs", load_id)


def outcome(report, name):
    (found,) = [o for o in report.outcomes if o.expectation == name]
    return found


def failure(report, name):
    """The report's line for a failed rule (critical or warning)."""
    (line,) = [line for line in report.critical_failures + report.warnings if f"/{name} (" in line]
    return line


# ------------------------------------------------------------------ the samples


def test_the_offline_backfill_of_the_samples_passes_every_critical_expectation(sample_archive, tmp_path):
    """What `backfill --start 2024-01 --end 2025-12 --offline` loads (each archived
    document parsed by its source, loaded by the writer), validated."""
    months = set(month_range("2024-01", "2025-12"))
    with Writer(tmp_path / "warehouse.duckdb") as writer:
        for entry in sample_archive.find():
            if entry.kind != "list" and entry.period in months:
                found = get_source(entry.source).extract(sample_archive.document(entry))
                writer.load_document(entry, found.figures, "samples", found.skipped, passed_over=found.passed_over)
        report = validate(writer.conn, tmp_path / "docs", "samples")
    assert report.critical_failures == []
    assert {o.suite for o in report.outcomes if o.success} == {"figures", "business_rules", "delivery_tables"}


# ------------------------------------------------------------------ passing data


@pytest.fixture(scope="module")
def passing(tmp_path_factory, published_figures):
    f = published_figures
    xiaomi = [
        r for r in rows_of(f, "xiaomi", "deliveries", ["2025"], bases={"company", "company-quarterly"})
        if (is_month(r["period"]) and r["period"] >= "2025-07") or r["period"] in ("2025", "2025-Q3")
    ]
    nio = [r for r in rows_of(f, "nio-group", "deliveries", ["2025"]) if r["period"] >= "2025-07" or not is_month(r["period"])]
    brands = [r for e in ("nio", "onvo", "firefly") for r in rows_of(f, e, "deliveries", ["2025"])]
    xpeng = rows_of(f, "xpeng", "deliveries", ["2024", "2025"])
    retail = [r for s in ("all", "nev") for r in rows_of(f, "market", "retail", ["2024", "2025"], scope=s, bases={"cpca-monthly-analysis"})]
    wholesale = [
        r for s in ("all", "nev", "bev", "phev", "erev")
        for r in rows_of(f, "market", "wholesale", ["2024", "2025"], scope=s, bases={"cpca-monthly-analysis", "cpca-data-api"})
    ]
    byd = rows_of(f, "byd", "wholesale", ["2024-10", "2024-11"], scope="nev", bases={"cpca-maker-flash"})
    target = f.where(entity="xiaomi", metric="target", period="2025")
    rows = xiaomi + nio + brands + xpeng + retail + wholesale + byd + target + [
        ytd_row(months(xpeng), "2025-03"), flash_row("2025-11", FLASH_NEV_WHOLESALE_2025_11)
    ]
    documents = with_changes(figure_documents(rows), reported_changes(months(retail)))
    path = tmp_path_factory.mktemp("passing") / "warehouse.duckdb"
    return path, run_validation(path, documents)


BUSINESS_AND_TABLE_RULES = [rule.name for rule in load_rules().rules]


def test_the_passing_data_passes_every_expectation(passing):
    _, report = passing
    assert report.critical_failures == [] and report.warnings == []
    assert {o.suite for o in report.outcomes} == {"figures", "business_rules", "delivery_tables"}


@pytest.mark.parametrize("name", BUSINESS_AND_TABLE_RULES)
def test_each_rule_passes_on_data_it_checks(passing, name):
    found = outcome(passing[1], name)
    assert found.success and found.element_count > 0, found


# ------------------------------------------------------------------ failing data


@pytest.fixture(scope="module")
def slipped_document(published_figures):
    """The document the slipped rows claim to come from (a real one of the warehouse)."""
    ((entry, _),) = figure_documents(published_figures.where(entity="xpeng", metric="deliveries", period="2024"))
    return entry


SLIPPED = {  # rule -> (publisher, entity, metric, scope, segment, period, value, qualifier, release, yoy_pct, mom_pct)
    "metric_known": ("xpeng", "xpeng", "registrations", "all", "passenger", "2019-01", 1000, "exact", "final", None, None),
    "value_positive": ("xpeng", "xpeng", "deliveries", "all", "passenger", "2019-02", -5, "exact", "final", None, None),
    "scope_known": ("xpeng", "xpeng", "deliveries", "hybrid", "passenger", "2019-03", 1000, "exact", "final", None, None),
    "segment_known": ("xpeng", "xpeng", "deliveries", "all", "buses", "2019-04", 1000, "exact", "final", None, None),
    "qualifier_known": ("xpeng", "xpeng", "deliveries", "all", "passenger", "2019-05", 1000, "roughly", "final", None, None),
    "release_known": ("xpeng", "xpeng", "deliveries", "all", "passenger", "2019-06", 1000, "exact", "rumour", None, None),
    "period_format": ("xpeng", "xpeng", "deliveries", "all", "passenger", "2019/07", 1000, "exact", "final", None, None),
    "yoy_pct_above_minus_100": ("xpeng", "xpeng", "deliveries", "all", "passenger", "2019-08", 1000, "exact", "final", -150.0, None),
    "mom_pct_above_minus_100": ("xpeng", "xpeng", "deliveries", "all", "passenger", "2019-09", 1000, "exact", "final", None, -150.0),
    "value_within_its_ceiling": ("cpca", "market", "production", "all", "passenger", "2025-11", 50_000_000, "approx", "final", None, None),
    "entity_known": ("xpeng", "mystery-motors", "deliveries", "all", "passenger", "2019-10", 1000, "exact", "final", None, None),
    "publisher_known": ("someone", "xpeng", "deliveries", "all", "passenger", "2019-11", 1000, "exact", "final", None, None),
}


@pytest.fixture(scope="module")
def failing(tmp_path_factory, published_figures, slipped_document):
    f = published_figures
    xiaomi = [r for r in rows_of(f, "xiaomi", "deliveries", ["2025"], bases={"company", "company-quarterly"})
              if r["period"] in ("2025-07", "2025-08", "2025-09", "2025-Q3", "2025-12", "2025")]
    xiaomi = [
        altered(r, value=48_000) if r["period"] == "2025-12"  # the December floor is 50,000
        else altered(r, value=400_000) if r["period"] == "2025"  # the 2025 floor is 410,000
        else altered(r, value=50_000) if r["period"] == "2025-09"  # floors now above their quarter
        else r
        for r in xiaomi
    ]
    nio = rows_of(f, "nio-group", "deliveries", ["2025-07", "2025-08", "2025-09", "2025-Q3", "2025-12"])
    nio = [altered(r, value=int(r["value"]) + 1000) if r["period"] == "2025-08" else r for r in nio]
    nio_2024 = [r for r in rows_of(f, "nio-group", "deliveries", ["2024"]) if not is_month(r["period"])]
    nio_2024 = [altered(r, value=int(r["value"]) + 5000) if r["period"] == "2024" else r for r in nio_2024]
    brands = [r for e in ("nio", "onvo", "firefly") for r in rows_of(f, e, "deliveries", ["2025-12"])]
    brands = [altered(r, value=int(r["value"]) + 1000) if r["entity"] == "onvo" else r for r in brands]
    xpeng = rows_of(f, "xpeng", "deliveries", ["2024", "2025-01", "2025-02", "2025-03"])
    ytd = ytd_row(months(xpeng), "2025-03")
    xpeng = [altered(r, value=int(r["value"]) - 3000) if r["period"] == "2024-06" else r for r in xpeng] + [ytd]
    xpeng = [altered(r, value=int(int(r["value"]) * 1.01)) if r["period"] == "2025-03-YTD" else r for r in xpeng]
    retail_nev = rows_of(f, "market", "retail", ["2024-06", "2025-05", "2025-06"], scope="nev", bases={"cpca-monthly-analysis"})
    retail_2025_12 = [
        altered(r, value=2_300_000) if r["scope"] == "nev" else r  # NEV above all powertrains
        for s in ("all", "nev") for r in rows_of(f, "market", "retail", ["2025-12"], scope=s, bases={"cpca-monthly-analysis"})
    ]
    wholesale = [
        r for s in ("nev", "bev", "phev", "erev")
        for r in rows_of(f, "market", "wholesale", ["2025-11", "2025-12"], scope=s, bases={"cpca-monthly-analysis", "cpca-data-api"})
    ]
    wholesale = [altered(r, value=int(r["value"]) + 100_000) if (r["scope"], r["period"]) == ("bev", "2025-12") else r for r in wholesale]
    byd = altered(rows_of(f, "byd", "wholesale", ["2024-10"], scope="nev")[0], period="2025-12", value=2_000_000)  # above the market
    rows = xiaomi + nio + nio_2024 + brands + xpeng + retail_nev + retail_2025_12 + wholesale + [byd, flash_row("2025-11", 1_900_000)]
    documents = with_changes(figure_documents(rows), reported_changes(months(retail_nev), shift_yoy=3.0, shift_mom=3.0))
    slipped = [(*row, slipped_document.sha256, slipped_document.url, "xpeng") for row in SLIPPED.values()]
    path = tmp_path_factory.mktemp("failing") / "warehouse.duckdb"
    return path, run_validation(path, documents, slipped)


FAILING = {  # rule -> what its failure must name (figures in words, and their documents)
    "xiaomi_2025_12_deliveries_exceed_50000": ["xiaomi deliveries/all/passenger 2025-12 = 48,000 at_least", "figures.invalid/company/xiaomi/2025-12"],
    "xiaomi_2025_deliveries_reach_410000": ["xiaomi deliveries/all/passenger 2025 = 400,000 at_least", "figures.invalid/company/xiaomi/2025"],
    "months_sum_to_their_quarter": ["nio-group deliveries/all/passenger 2025-Q3 = 87,071", "xiaomi deliveries/all/passenger 2025-Q3 = 108,796",
                                    "figures.invalid/company/nio-group/2025-08"],
    "months_sum_to_their_year_to_date": ["xpeng deliveries/all/passenger 2025-03-YTD", "figures.invalid/company/xpeng/2025-03"],
    "quarters_sum_to_their_year": ["nio-group deliveries/all/passenger 2024 = 226,970", "figures.invalid/company/nio-group/2024-Q1"],
    "months_sum_to_their_year": ["xpeng deliveries/all/passenger 2024 = 190,068", "figures.invalid/company/xpeng/2024-06"],
    "nio_brands_sum_to_the_group": ["nio-group deliveries/all/passenger 2025-12 = 48,135", "onvo 10,154"],
    "nev_within_all_powertrains": ["market retail/all/passenger 2025-12 = 2,261,000 approx", "nev 2,300,000 approx"],
    "bev_phev_erev_make_nev": ["market wholesale/nev/passenger 2025-12 = 1,563,000 approx", "bev 1,040,000 approx"],
    "reported_yoy_matches_computed": ["market retail/nev/passenger 2025-06", "from market retail/nev/passenger 2024-06"],
    "reported_mom_matches_computed": ["market retail/nev/passenger 2025-06", "from market retail/nev/passenger 2025-05"],
    "cpca_final_within_5pct_of_flash": ["market wholesale/nev/passenger 2025-11 = 1,706,382 exact (cpca api) vs market wholesale/nev/passenger 2025-11 = 1,900,000 approx (cpca flash)"],
    "maker_share_between_0_and_1": ["byd 2025-12 passenger share", "figures.invalid/cpca-maker-flash/cpca/2025-12"],
    "market_nev_share_between_0_and_100": ["2025-12 retail passenger nev_share_pct"],
    "monthly_deliveries_months_without_gaps": ["nio-group deliveries all passenger 2025-10", "nio-group deliveries all passenger 2025-11"],
    **{rule: [f"{row[1]} {row[2]}/{row[3]}/{row[4]} {row[5]} = {row[6]:,} {row[7]}", "figures.invalid/company/xpeng/2024"]
       for rule, row in SLIPPED.items()},
}


@pytest.mark.parametrize("name", sorted(FAILING))
def test_each_rule_fails_on_data_that_breaks_it_naming_figures_and_documents(failing, name):
    _, report = failing
    found = outcome(report, name)
    assert not found.success, found
    named = " ".join(f"{o['subject']} [{o['documents']}]" for o in found.offenders)
    for words in FAILING[name]:
        assert words in named, named
    line = failure(report, name)
    assert line.startswith(f"{found.suite}/{name} ({found.severity}): expected: {found.says}; found")
    first = found.offenders[0]["subject"]
    assert (first.rsplit(" ", 1)[0] + ": " if found.gaps else first) in line
    assert line in (report.critical_failures if found.severity == "critical" else report.warnings)


def test_months_missing_inside_a_series_are_listed_by_series_as_ranges(failing):
    """Not 'No month is missing ...: <the months missing>', but what was found, one series a line."""
    _, report = failing
    found = outcome(report, "monthly_deliveries_months_without_gaps")
    head, *lines = failure(report, "monthly_deliveries_months_without_gaps").split("\n    ")
    series = {o["subject"].rsplit(" ", 1)[0] for o in found.offenders}
    assert head.endswith(f"; found {len(found.offenders)} months missing in {len(series)} series:")
    assert "nio-group deliveries all passenger: 2025-10..2025-11" in lines
    listed = [line for line in lines if not line.startswith("and ")]
    assert all(re.fullmatch(rf"[^:]+: {MONTHS}(, {MONTHS})*", line) for line in listed), listed
    more = [int(m) for line in lines for m in re.findall(r"^and (\d+) more series$", line)]
    assert len(listed) + sum(more) == len(series) and len(listed) <= SHOWN_OFFENDERS


def test_consecutive_months_read_as_a_range():
    months = ["2024-08", "2024-03", "2024-07", "2024-09", "2024-12", "2025-01"]
    assert month_ranges(months) == "2024-03, 2024-07..2024-09, 2024-12..2025-01"


def test_the_rules_table_names_every_rule_once():
    rules = load_rules()
    names = [r.name for r in rules.rules]
    assert len(names) == len(set(names)) and rules.ceilings


@pytest.mark.parametrize("line, complaint", [
    ('{ name = "x", severity = "fatal", says = "s", entity = "a", metric = "b", scope = "c", segment = "d", period = "e", min = 1 }', "severity"),
    ('{ name = "x", severity = "critical", says = "s", entity = "a", metric = "b", scope = "c", segment = "d", period = "e" }', "min, a max"),
    ('{ name = "x", severity = "critical", says = "s", entity = "a", metric = "b", scope = "c", segment = "d", period = "e", min = 1, minimum = 2 }', "unknown key(s) minimum"),
])
def test_a_wrong_line_in_the_rules_table_is_refused_by_name(tmp_path, line, complaint):
    path = tmp_path / "rules.toml"
    path.write_text(f"facts = [\n  {line},\n]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rules.toml facts x") as error:
        load_rules(path)
    assert complaint in str(error.value)


# ------------------------------------------------------------------ what no parser could write


@pytest.fixture(scope="module")
def loosened(tmp_path_factory, published_figures):
    """A warehouse whose figures table lost its types and constraints (as a careless
    migration might), then took rows the old schema refused."""
    documents = with_changes(figure_documents(rows_of(published_figures, "xpeng", "deliveries", ["2025"])), {})
    path = tmp_path_factory.mktemp("loosened") / "warehouse.duckdb"
    with load(path, documents) as writer:
        c = writer.conn
        c.execute("CREATE TABLE loose AS SELECT * REPLACE (CAST(value AS DOUBLE) AS value, CAST(yoy_pct AS VARCHAR) AS yoy_pct) FROM figures")
        c.execute("DROP TABLE figures")
        c.execute("ALTER TABLE loose RENAME TO figures")
        c.execute("INSERT INTO figures SELECT * REPLACE (value + 1 AS value, '+12.5%' AS yoy_pct) FROM figures WHERE period = '2025-01'")
        c.execute("INSERT INTO figures SELECT * REPLACE (NULL AS entity, '2025-13' AS period) FROM figures WHERE period = '2025-02'")
        return validate(c, path.parent / "docs", "loosened")


@pytest.mark.parametrize("name, observed", [
    ("value_is_an_integer", "float64"),
    ("yoy_pct_is_a_number", "str"),
    ("entity_present", "1 of"),
    ("one_value_per_key_per_document", "2 of"),
])
def test_the_figures_suite_catches_what_the_schema_no_longer_refuses(loosened, name, observed):
    found = outcome(loosened, name)
    assert not found.success and observed in found.observed, found
    assert failure(loosened, name) in loosened.critical_failures


def test_a_figure_without_entity_is_named_by_the_rest_of_its_key_and_its_document(loosened):
    line = failure(loosened, "entity_present")
    assert "NULL deliveries/all/passenger 2025-13" in line and "figures.invalid/company/xpeng/2025-02" in line


# ------------------------------------------------------------------ delivery tables


UNIQUE_TABLES = sorted({r["table"] for r in load_rules().of("tables") if r["check"] == "unique"} - {"maker_share"})


@pytest.fixture(scope="module")
def repeating_marts(passing, tmp_path_factory):
    """The passing warehouse with each mart repeating one of its rows, and maker_share not built."""
    path = tmp_path_factory.mktemp("marts") / "warehouse.duckdb"
    shutil.copy(passing[0], path)
    with Writer(path) as writer:
        models.materialize(writer.conn)
        for table in UNIQUE_TABLES:
            writer.conn.execute(f"INSERT INTO build.marts.{table} SELECT * FROM build.marts.{table} LIMIT 1")
        writer.conn.execute("DROP TABLE build.marts.maker_share")
        return validate_build(writer.conn, path.parent / "docs", "repeating-marts")


@pytest.mark.parametrize("table", UNIQUE_TABLES)
def test_a_mart_repeating_a_key_fails_its_critical_expectation(repeating_marts, table):
    (rule,) = [r for r in load_rules().of("tables") if r["table"] == table and r["check"] == "unique"]
    found = outcome(repeating_marts, rule.name)
    assert not found.success and found.unexpected_count == 2 and len(found.offenders) == 2
    assert failure(repeating_marts, rule.name) in repeating_marts.critical_failures


def test_a_mart_not_built_yet_is_skipped_with_a_warning(repeating_marts):
    for rule in [r for r in load_rules().of("tables") if r["table"] == "maker_share"]:
        found = outcome(repeating_marts, rule.name)
        assert found.expectation_type == "not_run" and found.severity == "warning"
        assert "marts.maker_share does not exist yet" in failure(repeating_marts, rule.name)
        assert failure(repeating_marts, rule.name) in repeating_marts.warnings


def test_when_the_transforms_cannot_build_the_figures_are_still_validated_and_publishing_stops(passing, tmp_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(passing[0], path)
    with Writer(path) as writer:
        report = validate_build(writer.conn, tmp_path / "docs", "no-build", build_error="transform marts/broken.sql failed")
    figures = [o for o in report.outcomes if o.suite == "figures"]
    assert figures and all(o.success for o in figures)
    others = [o for o in report.outcomes if o.suite != "figures"]
    assert {o.expectation for o in others} == set(BUSINESS_AND_TABLE_RULES)
    assert all(o.expectation_type == "not_run" and "marts/broken.sql" in o.observed for o in others)
    assert len(report.critical_failures) == len([o for o in others if o.severity == "critical"]) > 0


def test_status_reads_no_validation_from_a_warehouse_that_predates_it(tmp_path):
    from expectations import last_results

    conn = duckdb.connect(str(tmp_path / "old.duckdb"))
    conn.execute("CREATE TABLE figures (value BIGINT)")
    conn.close()
    assert last_results(tmp_path / "old.duckdb") == []
