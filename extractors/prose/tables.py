"""Results tables: the "Deliveries" row of a maker's quarterly table, one
figure per period column."""

from __future__ import annotations

import re

from extractors.helpers import to_units
from extractors.prose.english import _COUNT, _resolve, _spans, _State
from extractors.prose.model import Context, Reading, Skipped, Statement

_DELIVERIES_ROW = re.compile(r"^\s*(?:total |vehicle )?deliveries(?: of vehicles)?\s*(?:\(.*\))?\s*$", re.I)


def header_period(cell: str, context: Context) -> str | None:
    """The period a results-table column header names ("Q4 2025", "Three months ended …", "FY2025")."""
    state = _State(context)
    for span in _spans(cell):
        if span.kind == "period" and span.period.kind in ("quarter", "year", "month"):
            return _resolve(span.period, state, None)
    return None


def table_statements(rows: list[list[str]], context: Context) -> Reading:
    """The "Deliveries" row of a results table, one figure per period column."""
    reading = Reading()
    columns: dict[int, str] = {}
    for row in rows:
        labels = [cell for cell in row[1:] if cell]
        periods = {i: header_period(cell, context) for i, cell in enumerate(row) if i and cell}
        if labels and not _DELIVERIES_ROW.match(row[0] or "") and 2 * sum(1 for p in periods.values() if p) >= len(labels):
            columns = {i: p for i, p in periods.items() if p}
            continue
        if not row or not _DELIVERIES_ROW.match(row[0] or ""):
            continue
        if context.company is None:
            reading.skipped += [Skipped(c, "a results table with no company", row[0]) for c in row[1:] if c]
            continue
        for i, cell in enumerate(row[1:], start=1):
            match = _COUNT.fullmatch((cell or "").strip())
            if not match:
                continue
            if i not in columns:
                reading.skipped.append(Skipped(cell, "a column without a period header", row[0]))
                continue
            number, unit, plus = match.groups()
            try:
                value = to_units(number, (unit or "").replace("mn", "m"))
            except ValueError:
                reading.skipped.append(Skipped(cell, "not a whole number of vehicles", row[0]))
                continue
            reading.statements.append(
                Statement(
                    entity=context.company, metric="deliveries", scope="all", period=columns[i], value=value,
                    qualifier="at_least" if plus else "approx" if unit else "exact", yoy_pct=None, evidence=f"{row[0]} {cell}",
                )
            )
    return reading
