"""The batches the three suites validate, computed from the warehouse in SQL.

Figures are validated as they are stored. Business rules and delivery tables
need comparisons across rows, which SQL does well: each rule kind's SQL file
turns the rules of that kind into one row per comparison, with the measured
deviation, the figures in words (`subject`) and their `documents`. The
suites (gate.py) then hold each rule's rows to its threshold. The batches are
Arrow tables, which the suites' process of its own (engine.py) receives.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from expectations import sql
from expectations.rules import Rule, Rules

BUSINESS_KINDS = ("facts", "sums", "changes", "stages")
BUSINESS_COLUMNS = pa.schema({"rule": pa.string(), "subject": pa.string(), "documents": pa.string(), "deviation": pa.float64()})
TABLE_COLUMNS = pa.schema(
    {"rule": pa.string(), "subject": pa.string(), "documents": pa.string(), "value": pa.float64(), "present": pa.bool_()}
)


@dataclass(frozen=True)
class NotRun:
    """A rule that could not run: its table or a column is not built yet (a warning),
    or its query failed on this warehouse (a failure of the rule's severity)."""

    rule: Rule
    reason: str
    severity: str


@dataclass
class Batches:
    figures: pa.Table
    business: pa.Table
    tables: pa.Table
    period_years: tuple[int, int]  # the first and last year a figure's period may lie in (rules.toml periods), as of now
    business_rules: list[Rule] = field(default_factory=list)
    table_rules: list[Rule] = field(default_factory=list)
    not_run: list[NotRun] = field(default_factory=list)


def _frame(frames: list[pa.Table], columns: pa.Schema) -> pa.Table:
    """The rows of every frame in the batch's columns, by rule and subject."""
    tables = [frame.select(columns.names).cast(columns) for frame in frames]
    return pa.concat_tables(tables).sort_by([("rule", "ascending"), ("subject", "ascending")]) if tables else columns.empty_table()


def _with_table(conn: duckdb.DuckDBPyConnection, name: str, rows: list[dict], query: str) -> pa.Table:
    """Run a query that reads `rows` as the table `name`."""
    conn.register(name, pa.Table.from_pylist(rows))
    try:
        return conn.execute(query).to_arrow_table()
    finally:
        conn.unregister(name)


def figures_batch(conn: duckdb.DuckDBPyConnection, rules: Rules) -> pa.Table:
    ceilings = [dataclasses.asdict(c) for c in rules.ceilings]
    return _with_table(conn, "validation_ceilings", ceilings, sql("figures"))


def _failed(rule: Rule, error: Exception | str) -> NotRun:
    return NotRun(rule, f"could not be evaluated: {error}", rule.severity)


def business_batch(conn: duckdb.DuckDBPyConnection, rules: Rules) -> tuple[pa.Table, list[Rule], list[NotRun]]:
    """One row per comparison a business rule makes (see sql/{facts,sums,changes,stages}.sql)."""
    frames, ran, not_run = [], [], []
    try:
        conn.execute(sql("validation_figures"))
    except duckdb.Error as exc:
        return _frame([], BUSINESS_COLUMNS), [], [_failed(rule, exc) for kind in BUSINESS_KINDS for rule in rules.of(kind)]
    for kind in BUSINESS_KINDS:
        if not rules.of(kind):
            continue
        try:
            frames.append(_with_table(conn, f"validation_rules_{kind}", rules.table(kind), sql(kind)))
            ran += rules.of(kind)
        except duckdb.Error as exc:
            not_run += [_failed(rule, exc) for rule in rules.of(kind)]
    return _frame([f for f in frames if f.num_rows], BUSINESS_COLUMNS), ran, not_run


def _quoted(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _key(columns: list[str]) -> str:
    return "concat_ws(' ', " + ", ".join(f"coalesce(CAST({_quoted(c)} AS VARCHAR), 'NULL')" for c in columns) + ")"


def _table_queries(rule: Rule) -> list[str]:
    """The SQL for one delivery-table rule, its identifiers already checked against the table."""
    table, columns = _quoted(rule["table"]), rule["columns"]
    documents = _quoted(rule["documents"]) if rule.get("documents") else "NULL::VARCHAR"
    if rule["check"] == "unique":
        return [sql("tables_unique").format(table=table, key=_key(columns), documents=documents)]
    if rule["check"] == "between":
        return [
            sql("tables_between").format(
                table=table, key=_key(rule["key"]), column=_quoted(column), name=column.replace("'", "''"), documents=documents
            )
            for column in columns
        ]
    series = ", ".join(_quoted(c) for c in columns)
    return [sql("tables_no_gaps").format(table=table, series=series, key=_key(columns))]


def _columns_needed(rule: Rule) -> list[str]:
    needed = list(rule["columns"]) + list(rule.get("key", []))
    needed += [rule["documents"]] if rule.get("documents") else []
    return needed + (["month"] if rule["check"] == "no_gaps" else [])


def tables_batch(conn: duckdb.DuckDBPyConnection, rules: Rules) -> tuple[pa.Table, list[Rule], list[NotRun]]:
    """Rows of the marts about to be published, for each delivery-table rule whose mart exists."""
    columns_of: dict[str, set[str]] = {}
    for table, column in conn.execute(sql("mart_columns")).fetchall():
        columns_of.setdefault(table, set()).add(column)
    frames, ran, not_run = [], [], []
    for rule in rules.of("tables"):
        table = rule["table"]
        if table not in columns_of:
            not_run.append(NotRun(rule, f"skipped: marts.{table} does not exist yet", "warning"))
            continue
        missing = [c for c in _columns_needed(rule) if c not in columns_of[table]]
        if missing:
            not_run.append(NotRun(rule, f"skipped: marts.{table} has no column {', '.join(missing)}", "warning"))
            continue
        try:
            frames += [conn.execute(query, [rule.name]).to_arrow_table() for query in _table_queries(rule)]
            ran.append(rule)
        except duckdb.Error as exc:
            not_run.append(_failed(rule, exc))
    return _frame([f for f in frames if f.num_rows], TABLE_COLUMNS), ran, not_run


def batches(conn: duckdb.DuckDBPyConnection, rules: Rules, build_error: str | None = None) -> Batches:
    """Every batch, from a warehouse whose models are built (warehouse.models.materialize).
    When they could not be built (`build_error`), only the figures are validated: every
    other rule fails with that error, at its own severity."""
    conn.execute(sql("setup"))
    figures, years = figures_batch(conn, rules), rules.periods.years()
    if build_error:
        failed = [_failed(rule, build_error) for kind in (*BUSINESS_KINDS, "tables") for rule in rules.of(kind)]
        return Batches(figures, _frame([], BUSINESS_COLUMNS), _frame([], TABLE_COLUMNS), years, not_run=failed)
    business, business_rules, business_not_run = business_batch(conn, rules)
    tables, table_rules, tables_not_run = tables_batch(conn, rules)
    return Batches(figures, business, tables, years, business_rules, table_rules, business_not_run + tables_not_run)
