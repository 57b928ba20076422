"""What has been loaded: documents per source and month, for `status`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich import box
from rich.table import Table
from rich.text import Text

from extractors.helpers import month_range
from extractors.registry import SOURCES
from warehouse.db import connect
from warehouse.processes import Process

QUERY = (Path(__file__).with_name("queries") / "partition_status.sql").read_text(encoding="utf-8")
MARKS = {  # a month's mark in `status`, its style and its meaning
    "loaded": ("#", "green", "loaded"),
    "partly": ("!", "yellow", "loaded, a document failed"),
    "failed": ("x", "red", "failed"),
    "missing": (".", "dim", "nothing"),
}
MONTH_INITIALS = "J F M A M J J A S O N D"


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
        last_run = _last_run(conn)
        if not (start and end):
            first, last = conn.execute(
                "SELECT min(period), max(period) FROM documents WHERE kind <> 'list' AND length(period) = 7"
            ).fetchone()
            start, end = start or first, end or last
        if not (start and end):
            return Grid(sorted(SOURCES), [], last_run=last_run)
        rows = conn.execute(QUERY, [start, end]).fetchall()
    finally:
        conn.close()
    grid = Grid(sorted(set(SOURCES) | {r[0] for r in rows}), month_range(start, end), last_run=last_run)
    for source, period, loaded, failed, figures in rows:
        grid.cells[(source, period)] = Cell(loaded, failed, figures)
    return grid


def _last_run(conn) -> tuple | None:
    """(load id, status, finished at) of the last run; one still `running` whose process is
    gone is shown `crashed` (the next run closes it so). Read whole, so that a warehouse
    opened read-only before migration 004 (no process columns) reads too."""
    cursor = conn.execute("SELECT * FROM runs ORDER BY started_at DESC LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        return None
    run = dict(zip([d[0] for d in cursor.description], row))
    process = Process(run.get("pid"), run.get("host"), run.get("pid_started"))
    status = "crashed" if run["status"] == "running" and not process.alive() else run["status"]
    return run["load_id"], status, run["finished_at"]


def _mark(cell: Cell | None) -> str:
    if cell is None:
        return "missing"
    return "partly" if cell.state == "loaded" and cell.failed else cell.state


def legend() -> Text:
    """What the marks of the year tables mean."""
    return Text("  ").join(Text.assemble((mark, style), f" {meaning}") for mark, style, meaning in MARKS.values())


def year_tables(grid: Grid) -> list[Table]:
    """The grid as one narrow table per year: a row per source, a mark per month (blank
    outside the months shown), and the year's documents, figures and failures."""
    shown = set(grid.months)
    tables = []
    for year in sorted({month[:4] for month in grid.months}):
        months = [f"{year}-{n:02d}" for n in range(1, 13)]
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        table.add_column(year, style="bold")
        table.add_column(MONTH_INITIALS, no_wrap=True)
        for column in ("documents", "figures", "failed"):
            table.add_column(column, justify="right")
        for source in grid.sources:
            cells = [grid.cells.get((source, month)) for month in months if month in shown]
            strip = Text(" ").join(
                Text(*MARKS[_mark(grid.cells.get((source, month)))][:2]) if month in shown else Text(" ") for month in months
            )
            counts = [sum(getattr(c, name) for c in cells if c) for name in ("documents", "figures", "failed")]
            table.add_row(source, strip, *(str(n) for n in counts))
        tables.append(table)
    return tables
