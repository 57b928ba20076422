"""Writers of the bundled sample documents, one module per source.

Each writer turns rows of `samples/reference/figures.csv` (real published
figures) into documents in that source's real layout. Text is our own; the
numbers are the published ones, and a document states only figures the CSV
holds (YoY and MoM percentages are computed from CSV values where both ends
are known, so they agree with the figures to rounding).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

FIGURES_CSV = Path(__file__).resolve().parents[1] / "reference" / "figures.csv"


@dataclass(frozen=True)
class SampleDoc:
    url: str
    source: str
    kind: str
    period: str
    content: bytes
    content_type: str
    fetched_at: str
    encoding: str | None = None
    title: str = ""


class Figures:
    """figures.csv indexed by (entity, metric, scope, period, basis)."""

    def __init__(self, path: Path = FIGURES_CSV):
        with path.open(encoding="utf-8") as fh:
            self.rows = list(csv.DictReader(fh))
        self._index = defaultdict(list)
        for row in self.rows:
            self._index[(row["entity"], row["metric"], row["scope"], row["period"], row["basis"])].append(row)

    def value(self, entity: str, metric: str, scope: str, period: str, basis: str) -> int | None:
        rows = self._index.get((entity, metric, scope, period, basis))
        return int(rows[0]["value"]) if rows else None

    def where(self, **match) -> list[dict]:
        return [r for r in self.rows if all(r[k] == v for k, v in match.items())]


def wan(value: int, decimals: int = 1) -> str:
    """Vehicles as 万辆 with at least `decimals` decimals and no rounding loss."""
    amount = (Decimal(value) / Decimal(10_000)).normalize()
    text = format(amount, "f")
    places = len(text.split(".")[1]) if "." in text else 0
    return format(amount, f".{max(places, decimals)}f")


def pct_change(new: int | None, old: int | None) -> float | None:
    if not new or not old:
        return None
    return round((new / old - 1) * 100, 1)
