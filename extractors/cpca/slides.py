"""CPCA's NEV slide, 新能源市场-YYYY年M月零售、出口分析表: the month-by-month BEV /
PHEV / EREV / NEV split of retail, wholesale and exports, published only as a
picture on the monthly analysis page (`pages.slide_links`).

The picture is read by OCR (`extractors.formats.image`); this module reads
its table. Under each block's header row (零售 / 批发 / 出口, then 纯电动,
插混, 增程, 新能源) come rows "M月份" of values in 万辆 with one decimal; a cell
not stated is printed "-". Every row is checked before it is kept:
- each value is a number with one decimal, within the block's plausible bound;
- the parts are all stated or none, and when stated they add up to the NEV
  total within `SUM_TOLERANCE`;
- a value printed without its decimal point (OCR drops points) is restored
  only when the row's sum proves it; otherwise the row fails.
A row that fails is a ParseError naming the slide and the row (the whole
slide is refused: never a guess), and so is a header whose block label reads
as none of the three, or a month met twice in one block (a header misread,
its rows run on under the block above). The other slides of the page (maker charts,
other tables) are passed over, each saying what it was; a slide with this
table's header under a title not its own is refused, not passed over.
"""

from __future__ import annotations

import re

from extractors.base import Document, Extraction, Figure, ParseError
from extractors.formats import Text, image
from extractors.prose.model import Skipped

TITLE = re.compile(r"新能源市场[-—–－]?(\d{4})年(\d{1,2})月.{0,6}分析表")
BLOCKS = {"零售": "retail", "批发": "wholesale", "出口": "exports"}
COLUMNS = (("纯电", "bev"), ("插混", "phev"), ("增程", "erev"), ("新能源", "nev"))
PARTS = ("bev", "phev", "erev")
MONTH_LABEL = re.compile(r"(\d{1,2})月份?")
VALUE = re.compile(r"\d{1,3}\.\d")
POINT_DROPPED = re.compile(r"\d{2,4}")
NOT_STATED = re.compile(r"[-—–－一_~/、，,.。·]*|.")  # "-" as printed, and as OCR reads a lone dash: 一, 、, a dot,
# or one other mark (二, L or 1: the dash boxed with the cell's rule beside it). A value always has a decimal point;
# a part misread as one mark is refused by its row's checks (a part missing while the others are stated), never taken
SUM_TOLERANCE = 0.2  # 万辆: the parts, each rounded to 0.1万, add up to the total within this
BOUNDS = {"retail": 300.0, "wholesale": 300.0, "exports": 100.0}  # 万辆: the most one month's cell may hold
UNIT = "万辆"


def read_slide(doc: Document) -> Extraction:
    """The figures of a slide picture: its table's checked rows, or the slide passed over when it is not this table
    (a picture with no words at all, a logo or a QR code, among them)."""
    return slide_figures(doc, image.read(doc))


def slide_figures(doc: Document, text: Text) -> Extraction:
    """The figures of a slide's OCR'd text (`text_from_words`, whatever engine read it)."""
    lines = [re.sub(r"\s+", "", line) for line in (text.title, *text.paragraphs)]  # an engine may space out Chinese characters
    found = next((m for line in lines[:3] if (m := TITLE.search(line))), None)
    if found is None and any((header := _header(row)) and header[0] in BLOCKS for table in text.tables for row in table):
        raise ParseError(doc, f"expected the NEV table's title 新能源市场-YYYY年M月…分析表 above its 纯电动/插混/增程/新能源 header; found {lines[0][:80]!r}")
    if found is None:
        shown = next((line for line in lines if line), "")[:80]
        return Extraction([], [Skipped(shown or "(no text)", "a slide of another table or chart, not read", "")], passed_over=shown or "no text")
    year, last_month = int(found.group(1)), int(found.group(2))
    unit = next((line for line in lines if "单位" in line), UNIT)
    if UNIT not in unit:
        raise ParseError(doc, f"expected the slide's values in {UNIT}; its unit line reads {unit!r}")
    figures, refused = _table_figures(doc, text, year, last_month)
    if refused:
        raise ParseError(doc, "expected every row of the slide to pass its checks; " + "; ".join(refused))
    if not figures:
        raise ParseError(doc, f"expected month rows (M月份) under a header of {'/'.join(BLOCKS)} and 纯电动, 插混, 增程, 新能源; found none")
    return Extraction(figures, [])


def _table_figures(doc: Document, text: Text, year: int, last_month: int) -> tuple[list[Figure], list[str]]:
    figures: list[Figure] = []
    refused: list[str] = []
    block, columns, seen, misread = None, {}, set(), False
    for row in (row for table in text.tables for row in table):
        header = _header(row)
        if header:
            (block, columns), misread = header, header[0] not in BLOCKS
            if misread:  # its rows are no block's (nor the block's above): this refusal stands for them
                refused.append(f"a block header {block!r}: expected {'/'.join(BLOCKS)}")
            continue
        label = next((cell for cell in row if cell), "")
        month = MONTH_LABEL.fullmatch(re.sub(r"\s+", "", label))
        if not month or misread:
            continue
        where = f"{block or 'no block'} row {label!r}"
        if block is None or not 1 <= int(month.group(1)) <= last_month or (block, month.group(1)) in seen:
            refused.append(f"{where}: a month row outside a block's header, after {year}年{last_month}月, or twice in its block")
            continue
        seen.add((block, month.group(1)))
        cells = {scope: row[index] if index < len(row) else "" for scope, index in columns.items()}
        checked = checked_row(cells, BOUNDS[BLOCKS[block]])
        if isinstance(checked, str):
            refused.append(f"{where} {' '.join(cells.values())}: {checked}")
            continue
        period = f"{year}-{int(month.group(1)):02d}"
        figures += [_figure(doc, BLOCKS[block], scope, period, value, f"{where}, {scope}: {cells[scope]}{note}")
                    for scope, (value, note) in checked.items()]
    return figures, refused


def _header(row: tuple[str, ...]) -> tuple[str, dict[str, int]] | None:
    """(block label, column index of each scope) of a block's header row (a row with every scope's column),
    or None; the label is the row's first cell, a known block's name when it holds one."""
    row = tuple(re.sub(r"\s+", "", cell) for cell in row)
    columns = {scope: i for word, scope in COLUMNS for i, cell in enumerate(row) if word in cell and i > 0}
    first = row[0] if row else ""
    label = next((name for name in BLOCKS if name in first), first)
    return (label, columns) if len(columns) == len(COLUMNS) else None


def checked_row(cells: dict[str, str], bound: float) -> dict[str, tuple[float, str]] | str:
    """Each stated cell's value in 万辆 and how it was read (nothing for a row of "-"), or why the row fails its checks."""
    values: dict[str, float] = {}
    dropped: set[str] = set()
    for scope, cell in cells.items():
        printed = cell.replace(" ", "").replace(",", ".").replace("，", ".")
        if NOT_STATED.fullmatch(printed):
            continue
        if VALUE.fullmatch(printed):
            values[scope] = float(printed)
        elif POINT_DROPPED.fullmatch(printed):
            values[scope], _ = float(printed) / 10, dropped.add(scope)
        else:
            return f"{scope} cell {cell!r} is not a number of {UNIT} with one decimal"
    if not values:
        return {}
    if "nev" not in values:
        return "the NEV total is not stated"
    stated = [scope for scope in PARTS if scope in values]
    if stated and len(stated) < len(PARTS):
        return f"only {', '.join(stated)} of the parts are stated"
    if stated and abs(sum(values[s] for s in PARTS) - values["nev"]) > SUM_TOLERANCE:
        return f"the parts add up to {sum(values[s] for s in PARTS):.1f}, not the NEV total {values['nev']:.1f} (within {SUM_TOLERANCE})"
    if dropped and not stated:
        return f"{', '.join(sorted(dropped))} printed without a decimal point, and no parts to prove where it goes"
    beyond = [scope for scope, value in values.items() if not 0 <= value <= bound]
    if beyond or values["nev"] <= 0:
        return f"{', '.join(beyond) or 'nev'} beyond the plausible 0-{bound:g}万"
    return {scope: (value, ", decimal point restored (the row's sum proves it)" if scope in dropped else "")
            for scope, value in values.items()}


def _figure(doc: Document, metric: str, scope: str, period: str, value: float, evidence: str) -> Figure:
    return doc.figure(
        publisher="cpca", entity="market", metric=metric, scope=scope, segment="passenger", period=period,
        value=round(value * 10_000), qualifier="approx", release="final", published_on=doc.published_on,
        evidence=f"slide {doc.url}: {evidence}",
    )
