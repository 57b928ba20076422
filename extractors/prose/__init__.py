"""Statements: text → figures. One reader per language, each finding the
vehicle counts a text states and tying each to an entity, a metric and a
period, or skipping it with its reason; tables are read apart (`tables`).

The package's pieces: `model` (what readers exchange, and `most_precise` for a
key stated twice); `english` with `periods`, `subjects`, `measures` and
`numbers`; `chinese` with its `zh_*` modules (numbers, periods, dating,
subjects, rules, resolve, shares); `tables`.
"""

from __future__ import annotations

from extractors.prose import chinese, english
from extractors.prose.model import Context, Reading, Skipped, Statement, reported_month
from extractors.prose.subjects import defined_company, resolve_entity
from extractors.prose.tables import table_statements

READERS = {"en": english.read_statements, "zh": chinese.read_statements}


def read_statements(text: str, context: Context, language: str = "en") -> Reading:
    """Every count in `text` (prose in `language`) tied to entity, metric and period."""
    return READERS[language](text, context)


__all__ = [
    "Context", "Reading", "Skipped", "Statement", "defined_company", "read_statements", "reported_month",
    "resolve_entity", "table_statements",
]
