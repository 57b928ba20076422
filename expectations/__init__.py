"""The validation gate: nothing wrong reaches the published tables.

Three Great Expectations suites, one per layer: `figures` (what the parsers
produced), `business_rules` (figures against each other, driven by the
thresholds and facts of rules.toml) and `delivery_tables` (the marts about to
be published). Each expectation is critical (a failure stops publishing) or a
warning. Every run's outcomes are stored in the warehouse
(validation_results) and rendered as Data Docs under the docs folder.

Great Expectations runs in a process of its own (engine.py), started when
`validate` first runs, or sooner by a caller that will validate
(`engine.start`, so that GX imports while the caller does other work).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).with_name("sql")
SHOWN_OFFENDERS = 10


@cache
def sql(name: str) -> str:
    """The text of expectations/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def month_ranges(months: list[str]) -> str:
    """Months (YYYY-MM) in words, consecutive ones as a range: '2024-03, 2024-07..2024-09'."""
    from extractors.helpers import shift_month

    spans: list[list[str]] = []
    for month in sorted(set(months)):
        if spans and shift_month(spans[-1][-1], 1) == month:
            spans[-1].append(month)
        else:
            spans.append([month])
    return ", ".join(span[0] if len(span) == 1 else f"{span[0]}..{span[-1]}" for span in spans)


def _indented(lines: list[str], unit: str) -> str:
    """Lines under a message, at most SHOWN_OFFENDERS of them, then how many more."""
    more = len(lines) - SHOWN_OFFENDERS
    shown = lines[:SHOWN_OFFENDERS] + ([f"and {more} more {unit}".rstrip()] if more > 0 else [])
    return "".join(f"\n    {line}" for line in shown)


@dataclass(frozen=True)
class Outcome:
    """One expectation's result in one validation run."""

    suite: str
    expectation: str
    expectation_type: str
    severity: str
    says: str  # what should hold
    success: bool
    observed: str
    element_count: int | None = None
    unexpected_count: int | None = None
    offenders: list[dict] = field(default_factory=list)  # [{subject, documents}]
    gaps: bool = False  # the offenders are months missing from series: subjects '<series> <YYYY-MM>'
    evaluated: bool = True  # False: skipped, or its check raised; `observed` says why

    def describe(self) -> str:
        """The failure in words: the rule, what it expects, then what was found (the figures at
        fault with their documents, one per line, or the missing months by series), or why
        it could not be checked."""
        head = f"{self.suite}/{self.expectation} ({self.severity}): expected: {self.says}; "
        if not self.evaluated:
            return head + self.observed
        if self.gaps:
            return head + self._gaps_found()
        if not self.offenders:
            return head + f"found: {self.observed}"
        named = [o["subject"] + (f" [{o['documents']}]" if o.get("documents") else "") for o in self.offenders]
        if len(named) == 1:
            return head + f"found: {named[0]}"
        return head + f"found {self.unexpected_count} of {self.element_count} failing:" + _indented(named, "")

    def _gaps_found(self) -> str:
        by_series: dict[str, list[str]] = {}
        for offender in self.offenders:
            series, month = offender["subject"].rsplit(" ", 1)
            by_series.setdefault(series, []).append(month)
        lines = [f"{series}: {month_ranges(months)}" for series, months in sorted(by_series.items())]
        found = f"found {len(self.offenders)} months missing in {len(by_series)} series:"
        return found + _indented(lines, "series")


@dataclass
class ValidationReport:
    critical_failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    docs_index: Path | None = None  # the Data Docs of this validation

    @classmethod
    def of(cls, outcomes: list[Outcome], docs_index: Path) -> "ValidationReport":
        failed = [o for o in outcomes if not o.success]
        return cls(
            critical_failures=[o.describe() for o in failed if o.severity == "critical"],
            warnings=[o.describe() for o in failed if o.severity == "warning"],
            outcomes=outcomes,
            docs_index=docs_index,
        )


def store_outcomes(conn, load_id: str, outcomes: list[Outcome]) -> None:
    """Keep a run's outcomes in validation_results (validating a run again replaces them)."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = [
        (
            load_id, o.suite, o.expectation, o.expectation_type, o.severity, o.success, o.observed,
            o.element_count, o.unexpected_count, json.dumps(o.offenders, ensure_ascii=False, default=str), now,
        )
        for o in outcomes
    ]
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(sql("results_forget"), [load_id])
        conn.executemany(sql("results_store"), rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def validate(conn, docs_dir: Path, load_id: str) -> ValidationReport:
    """Run every suite against the warehouse behind `conn` (the writer's connection) and a build
    of its models (warehouse.models.build), store the outcomes under `load_id` and render the
    Data Docs into `docs_dir`."""
    from warehouse import models

    with models.build(conn) as built:
        return validate_build(conn, Path(docs_dir), load_id, built.error)


def validate_build(conn, docs_dir: Path, load_id: str, build_error: str | None = None) -> ValidationReport:
    """Run every suite against the warehouse and its build as it is now (warehouse.models.build;
    `build_error` says why it could not be built), store the outcomes and render the Data Docs."""
    from expectations import checks, engine
    from expectations.rules import load_rules

    rules = load_rules()
    batches = checks.batches(conn, rules, build_error)
    outcomes = engine.run(batches, docs_dir, load_id)
    outcomes += [
        Outcome(_suite_of(n.rule), n.rule.name, "not_run", n.severity, n.rule.says, False, n.reason, evaluated=False)
        for n in batches.not_run
    ]
    store_outcomes(conn, load_id, outcomes)
    return ValidationReport.of(outcomes, docs_dir / "index.html")


def _suite_of(rule) -> str:
    return "delivery_tables" if rule.kind == "tables" else "business_rules"


def validate_warehouse(warehouse_path: Path, docs_dir: Path) -> tuple[str, ValidationReport]:
    """Validate the warehouse file on its own (`ev-deliveries validate`), outside any flow
    run: its results are stored under an id of its own, `validate-<time>-<random>`."""
    from expectations import engine
    from warehouse.writer import Writer

    engine.start()  # GX imports in its process while this one waits for the warehouse's lock

    load_id = f"validate-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    with Writer(warehouse_path) as writer:
        return load_id, validate(writer.conn, docs_dir, load_id)


@dataclass(frozen=True)
class SuiteSummary:
    """The last validation of a suite, for `ev-deliveries status`."""

    suite: str
    load_id: str
    validated_at: datetime
    expectations: int
    passed: int
    critical_failed: int
    warnings: int
    critical_expectations: str


def last_results(warehouse_path: Path) -> list[SuiteSummary]:
    """The last result per suite; none when the warehouse predates validation or was never validated."""
    import duckdb

    from warehouse.db import connect

    conn = connect(warehouse_path, read_only=True, lock_wait=5)
    try:
        return [SuiteSummary(*row) for row in conn.execute(sql("results_last")).fetchall()]
    except duckdb.CatalogException:  # a warehouse from before migration 002, opened read-only
        return []
    finally:
        conn.close()
