"""What the statement readers exchange: the context a document gives them,
the statements they find, and the numbers they skip with their reasons."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Context:
    """What a document tells the reader before its prose does."""

    published_on: date | None  # dates months and quarters printed without a year
    company: str | None = None  # what "the Company" and unnamed subjects mean (None in news)
    subject: str | None = None  # the entity the title is about, for sentences that name none ("July deliveries dropped …")


@dataclass(frozen=True)
class Statement:
    entity: str
    metric: str
    scope: str
    period: str
    value: int
    qualifier: str
    yoy_pct: float | None
    evidence: str
    cites: str | None = None  # whom the text gives as the figure's source ("cpca" for 乘联会 / CPCA)
    mom_pct: float | None = None
    segment: str = "passenger"


@dataclass(frozen=True)
class Skipped:
    number: str
    reason: str
    sentence: str
    unknown_maker: Statement | None = None  # a count of a maker no entity list names: what it would state, its entity the printed name


@dataclass
class Reading:
    statements: list[Statement] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def extend(self, other: "Reading") -> None:
        self.statements += other.statements
        self.skipped += other.skipped


def _first(*values):
    return next((v for v in values if v is not None), None)


def _precision(statement: Statement) -> tuple:
    """Exact before rounded, more significant digits before fewer (460万2436辆 over 460万辆, 59.6万 over 近60万)."""
    return statement.qualifier == "exact", len(str(statement.value).rstrip("0")), statement.qualifier == "at_least"


def most_precise(reading: Reading) -> Reading:
    """A text that states a key twice keeps its most precise value; the other is skipped with its reason."""
    kept: dict[tuple, Statement] = {}
    skipped = list(reading.skipped)
    for statement in reading.statements:
        key = (statement.entity, statement.metric, statement.scope, statement.segment, statement.period)
        previous = kept.get(key)
        if previous is not None and (previous.value, previous.qualifier) == (statement.value, statement.qualifier):
            kept[key] = dataclasses.replace(  # a headline restated in the body: the body's changes complete it
                previous, yoy_pct=_first(previous.yoy_pct, statement.yoy_pct), mom_pct=_first(previous.mom_pct, statement.mom_pct),
                cites=previous.cites or statement.cites)
            continue
        if previous is None or _precision(statement) > _precision(previous):
            kept[key] = statement
        worse = previous if kept[key] is statement else statement
        if worse is not None:
            skipped.append(Skipped(str(worse.value), f"a less precise value for {'/'.join(key)} in the same text", worse.evidence))
    return Reading(list(kept.values()), skipped)


def reported_month(reading: Reading, published_on: date | None) -> str | None:
    """The month a headline or post reports (its latest month figure), or, when it
    states only figures of no month (a target), the month it was published."""
    months = sorted(s.period for s in reading.statements if re.fullmatch(r"\d{4}-\d{2}", s.period))
    if months:
        return months[-1]
    if reading.statements and published_on:
        return f"{published_on.year:04d}-{published_on.month:02d}"
    return None
