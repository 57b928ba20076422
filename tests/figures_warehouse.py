"""A real warehouse loaded with rows of figures.csv through the single writer.

The mart tests need figures of every kind (company months, quarters, years,
targets, CPCA flashes, finals and the API) before the source samples that
carry them exist, so each CSV basis becomes one document per publisher and
period, loaded with `Writer.load_document` like a parsed document. Values,
qualifiers and periods are the CSV's; only the provenance (which publisher and
release a basis stands for, when its document appeared) is stated here.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from extractors.base import Figure
from extractors.helpers import entities
from warehouse.archive import ManifestEntry
from warehouse.writer import Writer

# basis -> (publisher kind, release, days after the period's end it was published)
BASES = {
    "cpca-maker-flash": ("cpca", "flash", 3),
    "cpca-monthly-analysis": ("cpca", "final", 10),
    "cpca-data-api": ("cpca", "api", 20),
    "company": ("company", "final", 1),
    "company-quarterly": ("company", "results", 60),
    "company-target": ("company", "final", None),
    "third-party": ("press", "article", 5),
}


# The documented precedence, stated independently of the SQL: lower wins.
RANK = {"cpca-data-api": 2, "cpca-monthly-analysis": 3, "cpca-maker-flash": 4, "third-party": 6}


def precedence(row: dict) -> int:
    if row["basis"].startswith("company"):
        return 1 if row["qualifier"] == "exact" else 5
    return RANK[row["basis"]]


def csv_value(published_figures, entity: str, metric: str, period: str, scope: str = "all") -> int | None:
    """The current value of a key per the CSV and the documented precedence."""
    rows = published_figures.where(entity=entity, metric=metric, scope=scope, period=period)
    return int(min(rows, key=precedence)["value"]) if rows else None


def period_end(period: str) -> date:
    year = int(period[:4])
    if "-Q" in period:
        month = int(period[-1]) * 3
    elif len(period) >= 7:
        month = int(period[5:7])
    else:
        month = 12
    return date(year + month // 12, month % 12 + 1, 1)


def published_on(basis: str, period: str) -> date:
    days = BASES[basis][2]
    if days is None:  # a target is announced at the start of its year
        return date(int(period[:4]), 1, 15)
    end = period_end(period)
    return date.fromordinal(end.toordinal() - 1 + days)


def publisher_of(entity: str, kind: str) -> str:
    if kind != "company":
        return kind
    known = entities().get(entity)
    return (known.parent if known and known.kind == "brand" and known.parent else entity) or entity


def figure_documents(rows: list[dict]) -> list[tuple[ManifestEntry, list[Figure]]]:
    """The CSV rows grouped into documents: one per basis, publisher and period."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for row in rows:
        kind = BASES[row["basis"]][0]
        groups[(row["basis"], publisher_of(row["entity"], kind), row["period"])].append(row)
    documents = []
    for (basis, publisher, period), members in sorted(groups.items()):
        kind, release, _ = BASES[basis]
        sha = hashlib.sha256(f"{basis}/{publisher}/{period}".encode()).hexdigest()
        url = f"https://figures.invalid/{basis}/{publisher}/{period}"
        day = published_on(basis, period)
        entry = ManifestEntry(
            sha256=sha, url=url, source=publisher if kind == "company" else kind, kind=basis, period=period[:7],
            fetched_at=datetime(day.year, day.month, day.day, 8).isoformat(), http_status=200,
            content_type="text/html; charset=utf-8", encoding="utf-8", size=0, title=f"{basis} {publisher} {period}",
        )
        figures = [
            Figure(
                publisher=publisher, entity=r["entity"], metric=r["metric"], scope=r["scope"], segment=r["segment"],
                period=r["period"], value=int(r["value"]), qualifier=r["qualifier"], release=release,
                sha256=sha, url=url, published_on=day, evidence=r["note"],
            )
            for r in members
        ]
        documents.append((entry, figures))
    return documents


def load_figures(path: Path, rows: list[dict], load_id: str = "figures-csv") -> Writer:
    """A writer on a new warehouse at `path` holding these rows; the caller closes it."""
    writer = Writer(path)
    for entry, figures in figure_documents(rows):
        writer.load_document(entry, figures, load_id)
    return writer


def publish_figures(home: Path, rows: list[dict]) -> Path:
    """A published file built from these rows, as the pipeline would publish it."""
    from warehouse.models import publish

    published = home / "published" / "ev_deliveries.duckdb"
    with load_figures(home / "warehouse.duckdb", rows) as writer:
        publish(writer.conn, published)
    return published
