"""What has been loaded: documents per source and month, for `status`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractors.helpers import month_range
from extractors.registry import SOURCES
from warehouse.db import connect

QUERY = (Path(__file__).with_name("queries") / "partition_status.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Cell:
    documents: int
    failed: int
    figures: int

    @property
    def state(self) -> str:
        return "failed" if self.failed and not self.documents else "loaded"


@dataclass
class Grid:
    sources: list[str]
    months: list[str]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    last_run: tuple | None = None


def partition_status(warehouse: Path, start: str | None = None, end: str | None = None) -> Grid:
    conn = connect(warehouse, read_only=True, lock_wait=5)
    try:
        if not (start and end):
            first, last = conn.execute(
                "SELECT min(period), max(period) FROM documents WHERE kind <> 'list' AND length(period) = 7"
            ).fetchone()
            start, end = start or first, end or last
        if not (start and end):
            return Grid(sorted(SOURCES), [])
        rows = conn.execute(QUERY, [start, end]).fetchall()
        last_run = conn.execute("SELECT load_id, status, finished_at FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    grid = Grid(sorted(set(SOURCES) | {r[0] for r in rows}), month_range(start, end), last_run=last_run)
    for source, period, loaded, failed, figures in rows:
        grid.cells[(source, period)] = Cell(loaded, failed, figures)
    return grid
