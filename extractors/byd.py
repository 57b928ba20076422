"""BYD (比亚迪, HKEX 1211): the monthly "VOLUNTARY ANNOUNCEMENT — PRODUCTION AND
SALES VOLUME FOR <MONTH YEAR>" PDF, read with pdfplumber.

The table's rows are new energy vehicles (the total, commercial vehicles
included: segment `all`), passenger vehicles, battery electric and plug-in
hybrid (passenger), commercial vehicles (bus, others) and overseas sales
(metric `overseas_sales`). Its columns are a block per measure (sales, and in
later versions production too), each with this month, the same month last
year, the year-on-year change, the year to date, the same period last year
and its change. A column's period comes from its header ("November 2024",
"January to November 2025" → 2025-11-YTD, to December → the year), so a
missing or extra column is read as what it says it is. Commercial vehicles
have no segment of their own in the figure vocabulary, so their rows are
read but not kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.helpers import MONTHS_EN, cell_pct, month, parse_date, shift_month, to_units, ytd_period
from extractors.hkex import BASE_URL, discover_filings, first_page_text, open_pdf, pdf_text
from extractors.listing import ListItem

STOCK_CODE = "01211"
MONTHS_AFTER = 1  # the announcement is filed on the next month's first days
TITLE = re.compile(r"PRODUCTION\s+AND\s+SALES\s+VOLUME\s+FOR\s+([A-Z]+)\s+(\d{4})", re.I)
_MONTH = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_BLANK = {"", "-", "—", "–", "N/A", "n/a", "NA"}

# Row labels → (metric kind, scope, segment); None: read, not kept (commercial vehicles).
_ROWS: list[tuple[re.Pattern, tuple[str, str, str] | None]] = [
    (re.compile(r"overseas", re.I), ("overseas", "nev", "all")),
    (re.compile(r"commercial|\bbus(es)?\b|\bothers?\b", re.I), None),
    (re.compile(r"battery[- ]electric|\bBEV", re.I), ("volume", "bev", "passenger")),
    (re.compile(r"plug-in hybrid|\bPHEV", re.I), ("volume", "phev", "passenger")),
    (re.compile(r"passenger", re.I), ("volume", "nev", "passenger")),
    (re.compile(r"new energy vehicles?|\bNEVs?\b|^total$", re.I), ("volume", "nev", "all")),
]


@dataclass(frozen=True)
class Column:
    block: str  # sales or production
    period: str | None  # None for a change column
    is_change: bool = False


def _column(label: str, block: str, year: int, mon: int) -> Column | None:
    """What a header cell names, in the announcement for month `mon` of `year`."""
    lowered = re.sub(r"\s+", " ", label).strip().lower()
    if re.search(r"year[- ]on[- ]year|yoy|change", lowered):
        return Column(block, None, True)
    ranged = re.search(rf"jan(?:uary)?\.?\s*(?:to|-|–|through)\s*({_MONTH})\.?,?\s*(\d{{4}})", lowered)
    if ranged:
        return Column(block, ytd_period(ranged.group(2), MONTHS_EN[ranged.group(1)]))
    if re.search(r"year to date|cumulative|accumulated|same period last year", lowered):
        return Column(block, ytd_period(year - 1 if "last year" in lowered else year, mon))
    named = re.search(rf"\b({_MONTH})\.?,?\s*(\d{{4}})", lowered)
    if named:
        return Column(block, month(named.group(2), MONTHS_EN[named.group(1)]))
    if "this month" in lowered or "current month" in lowered:
        return Column(block, month(year, mon))
    if "same month last year" in lowered:
        return Column(block, shift_month(month(year, mon), -12))
    return None


def _cell_value(text: str) -> int | float | None:
    """A count (int), a change (float, signed) or None for a blank cell."""
    text = re.sub(r"\s+", "", text or "")
    if text in _BLANK:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", text):
        return to_units(text)
    return cell_pct(text.replace("–", "-"))


def _block(cell: str) -> str | None:
    return "production" if re.search(r"production", cell, re.I) else "sales" if re.search(r"sales", cell, re.I) else None


def _columns(rows: list[list[str]], year: int, mon: int) -> tuple[int, dict[int, Column]] | None:
    """(index of the header row, column index → Column) of a production/sales table.

    A row of block labels ("Production volume", "Sales volume") may sit above
    the header; a label spans the columns after it up to the next label.
    """
    block_of: dict[int, str] = {}
    for r, row in enumerate(rows):
        if any(_block(c) for c in row) and not any(_column(c, "sales", year, mon) for c in row[1:] if c):
            current = None
            for i, cell in enumerate(row):
                if cell:
                    current = _block(cell)
                if current:
                    block_of[i] = current
            continue
        columns = {i: col for i, c in enumerate(row) if i and c and (col := _column(c, block_of.get(i, "sales"), year, mon))}
        if len(columns) >= 2:
            return r, columns
    return None


def _row_kind(label: str) -> tuple[str, str, str] | None | bool:
    for pattern, kind in _ROWS:
        if pattern.search(label):
            return kind
    return False


def table_figures(doc: Document, rows: list[list[str]], year: int, mon: int, published_on: date | None) -> list[Figure]:
    found = _columns(rows, year, mon)
    if found is None:
        return []
    header, columns = found
    figures: list[Figure] = []
    parent_commercial = False
    for row in rows[header + 1 :]:
        label = re.sub(r"\s+", " ", row[0] or "").strip()
        if not label:
            continue
        is_child = bool(re.match(r"^[-–—·•]", label))
        kind = _row_kind(label)
        if not is_child:
            parent_commercial = kind is None
        if kind is None or kind is False or (is_child and parent_commercial):
            continue
        measure, scope, segment = kind
        values = {i: _cell_value(row[i]) for i in columns if i < len(row)}
        for i, column in columns.items():
            value = values.get(i)
            if column.is_change or not isinstance(value, int):
                continue
            if measure == "overseas" and column.block != "sales":
                continue
            metric = "overseas_sales" if measure == "overseas" else column.block
            figures.append(
                doc.figure(
                    publisher="byd", entity="byd", metric=metric, scope=scope, segment=segment, period=column.period,
                    value=value, qualifier="exact", release="final", yoy_pct=_change_for(i, columns, values),
                    published_on=published_on, evidence=f"{label} | {rows[header][i]} | {row[i]}",
                )
            )
    return figures


def _change_for(index: int, columns: dict[int, Column], values: dict[int, object]) -> float | None:
    """The change column after a pair of value columns belongs to the later of the two."""
    column = columns[index]
    later = sorted(i for i in columns if i > index)
    change = next((i for i in later if columns[i].is_change and columns[i].block == column.block), None)
    if change is None:
        return None
    earlier_changes = [i for i in columns if i < index and columns[i].is_change and columns[i].block == column.block]
    start = max(earlier_changes, default=-1)
    group = [i for i in columns if start < i < change and not columns[i].is_change and columns[i].block == column.block]
    latest = max(group, key=lambda i: columns[i].period)
    value = values.get(change)
    return value if latest == index and isinstance(value, float) else None


def parse(doc: Document) -> list[Figure]:
    with open_pdf(doc) as pdf:
        text = pdf_text(doc, pdf, "BYD's production and sales volume announcement")
        tables = [[[cell or "" for cell in row] for row in table] for page in pdf.pages for table in page.extract_tables()]
    title = TITLE.search(text)
    if not title or title.group(1).lower() not in MONTHS_EN:
        raise ParseError(doc, "expected the title 'PRODUCTION AND SALES VOLUME FOR <MONTH> <YEAR>'")
    year, mon = int(title.group(2)), MONTHS_EN[title.group(1).lower()]
    signed = re.findall(rf"(?:Shenzhen|PRC),?\s*(?:the PRC,?\s*)?(\d{{1,2}} (?:{_MONTH}),? \d{{4}}|(?:{_MONTH}) \d{{1,2}},? \d{{4}})", text, re.I)
    published_on = parse_date(signed[-1]) if signed else None
    figures = [f for rows in tables for f in table_figures(doc, rows, year, mon, published_on)]
    if not figures:
        raise ParseError(
            doc, "expected a table with rows 'New energy vehicles' / 'Passenger vehicles' / 'Battery electric' / 'Plug-in hybrid' "
            "and month or year-to-date columns; found none"
        )
    return figures


def classify(item: ListItem) -> tuple[str, str] | None:
    title = TITLE.search(item.title)
    if not title or title.group(1).lower() not in MONTHS_EN:
        return None
    return "production_sales", month(title.group(2), MONTHS_EN[title.group(1).lower()])


def discover(period: str, web: Web) -> Iterator[DocumentRef]:
    return discover_filings(period, web, source="byd", stock_code=STOCK_CODE, classify=classify, months_after=MONTHS_AFTER)


def sniff(doc: Document) -> str | None:
    text = first_page_text(doc)
    return "production_sales" if "BYD" in text.upper() and TITLE.search(text) else None


SOURCE = Source(
    name="byd",
    publisher="byd",
    base_url=BASE_URL,
    discover=discover,
    parse=parse,
    sniff=sniff,
    kinds=("production_sales",),
    description="BYD production and sales volume announcements (HKEX PDF, stock 1211)",
)
