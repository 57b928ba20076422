"""Tables into figures, wherever a document prints them.

Two layouts:
- period columns (a maker's results table): a header row of periods, then a
  metric row ("Deliveries", "交付量"), each cell under its own column's period;
  the entity is the document's company, else the one the text is about;
- entity rows (a ranking: `| Ranking | Automaker | NEV Sales | Share |`): the
  entity from the maker cell, the value from the count column; metric, scope
  and period from the header, and from the text around the table where the
  header is silent (the story restating a row says "CPCA NEV retail, February").

Header cells are a narrow grammar ("2024 Q3", "3Q24", "Sep 2025", "2025年9月",
"2024年第三季度", "FY2024", "2025 H1", "1-9月"), read here. A value in a column
without a period header, or of an entity no list names, is skipped with its
reason, never guessed; percentage and money columns are not counts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from extractors.helpers import MONTHS_EN, NUMBER, cell_pct, entities, entity_id, month, names_in, read_count, to_units, ytd_period
from extractors.prose.model import Context, Reading, Skipped, Statement


@dataclass(frozen=True)
class Surroundings:
    """What the text around a table says: its prose, the statements read from that prose, and the
    paragraph printed just before the table."""

    words: str = ""
    statements: tuple[Statement, ...] = ()
    caption: str = ""


# ---------------------------------------------------------------- header cells

_QUARTER_ZH = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_HEADER_FORMS: list[tuple[re.Pattern, callable]] = [
    (re.compile(r"(?P<y>\d{4})\s?Q(?P<q>[1-4])|Q(?P<q2>[1-4])\s?(?P<y2>\d{4})"), lambda m, _: f"{m['y'] or m['y2']}-Q{m['q'] or m['q2']}"),
    (re.compile(r"(?<!\d)(?P<q>[1-4])Q\s?(?P<y>\d{2})(?!\d)"), lambda m, _: f"20{m['y']}-Q{m['q']}"),
    (re.compile(r"(?P<y>\d{4})\s?年\s?第?(?P<q>[一二三四1-4])季度"), lambda m, _: f"{m['y']}-Q{_QUARTER_ZH[m['q']]}"),
    (re.compile(r"(?P<y>\d{4})\s?H(?P<h>[12])|H(?P<h2>[12])\s?(?P<y2>\d{4})"), lambda m, _: f"{m['y'] or m['y2']}-H{m['h'] or m['h2']}"),
    (re.compile(r"(?P<y>\d{4})\s?年\s?(?P<h>[上下])半年"), lambda m, _: f"{m['y']}-H{1 if m['h'] == '上' else 2}"),
    (re.compile(r"(?:(?P<y>\d{4})\s?年\s?)?1\s?[-—~至]\s?(?P<to>\d{1,2})\s?月"), lambda m, y: _dated(m["y"], m["to"], y, ytd_period)),
    (re.compile(r"(?:(?P<y>\d{4})\s?年\s?)?(?P<m>\d{1,2})\s?月"), lambda m, y: _dated(m["y"], m["m"], y, month)),
    (re.compile(rf"{_MONTH},?\s(?P<y>\d{{4}})"), lambda m, _: month(m["y"], MONTHS_EN[m["mon"].lower()]) if m["mon"].lower() in MONTHS_EN else None),
    (re.compile(r"(?:FY|[财財]年|full[- ]year\s?)\s?(?P<y>\d{4})|(?P<y2>\d{4})\s?(?:年|[财財]年|全年|full[- ]year|FY)|^(?P<y3>20\d\d)$", re.I),
     lambda m, _: m["y"] or m["y2"] or m["y3"]),
    (re.compile(r"\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
                r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?!\s?\d)"),
     lambda m, y: _dated(None, MONTHS_EN[m["mon"].lower()], y, month)),
]


def _dated(year: str | None, mon: str, published_on: date | None, build) -> str | None:
    """A month header as a period; without a year, the latest such month not after publication."""
    if not 1 <= int(mon) <= 12 or not (year or published_on):
        return None
    if year is None:
        year = published_on.year - (int(mon) > published_on.month)
    return build(year, mon)


def periods_named(text: str, published_on: date | None = None) -> set[str]:
    """Every period a caption names, each phrase read once (by the first form that reads it)."""
    taken: list[tuple[int, int]] = []
    found = set()
    for pattern, build in _HEADER_FORMS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            if period := build(match, published_on):
                found.add(period)
    return found


def header_period(cell: str, published_on: date | None = None) -> str | None:
    """The period a column header names; a month without a year ("9月") is dated from `published_on`."""
    for pattern, build in _HEADER_FORMS:
        for match in pattern.finditer(cell.strip()):
            if found := build(match, published_on):
                return found
    return None


# ---------------------------------------------------------------- cells

_NOT_A_COUNT = re.compile(r"%|RMB|US\$|HK\$|\$|¥|€|元|yuan|pts|percent", re.I)
_UNIT_COUNT = re.compile(rf"^({NUMBER})\s?(k|K|thousand|million|mn|m|M)\s?(\+)?(?:\s?(?:units|vehicles))?$")


def cell_count(cell: str) -> tuple[int, str] | None:
    """A vehicle count as a table cell prints it ("72,689", "5.6万", "20.4k", "20,000+"), with its
    qualifier; None for anything else (percentages, money, decimals without a unit, blanks)."""
    cell = cell.strip()
    if not cell or _NOT_A_COUNT.search(cell):
        return None
    if match := _UNIT_COUNT.match(cell):
        number, unit, plus = match.groups()
        try:
            return to_units(number, unit.replace("mn", "m")), "at_least" if plus else "approx"
        except ValueError:
            return None
    if re.fullmatch(r"\d+\.\d+", cell):
        return None
    return read_count(cell)


def _is_number(cell: str) -> bool:
    return bool(re.fullmatch(rf"\(?[+\-−]?(?:{NUMBER})\)?\s?%?(?:\s?[万k])?\+?", cell.strip()))


# ---------------------------------------------------------------- what a label or header counts

_DELIVERY_ROW = re.compile(r"^(?:total\s+)?(?:vehicle\s+)?deliver(?:ies|ed)(?:\s+of\s+vehicles)?\b(?!.*(?:RMB|revenue|%))|^(?:车辆|汽车)?(?:交付量?|配送)", re.I)
_SALES_ROW = re.compile(r"^(?:汽车|车辆)?销量")
_METRIC_WORDS = [
    (re.compile(r"retail|零售", re.I), "retail"),
    (re.compile(r"wholesale|批发", re.I), "wholesale"),
    (re.compile(r"production|output|产量", re.I), "production"),
    (re.compile(r"exports?|出口", re.I), "exports"),
    (re.compile(r"deliver|交付", re.I), "deliveries"),
    (re.compile(r"sales|sold|volume|units|销量|销售", re.I), "sales"),
]
_SCOPE_WORDS = [
    (re.compile(r"\bPHEVs?\b|插混|插电", re.I), "phev"),
    (re.compile(r"\bBEVs?\b|纯电", re.I), "bev"),
    (re.compile(r"\bNEVs?\b|new energy|新能源", re.I), "nev"),
]
_NOT_A_COUNT_HEADER = re.compile(r"share|%|yoy|mom|growth|change|rank|份额|占比|同比|环比|增速|增长|排名|RMB|revenue|price|元", re.I)
_ENTITY_HEADER = re.compile(r"automaker|maker|manufacturer|brand|company|group|oem|厂商|车企|品牌|企业|集团", re.I)
_YOY_HEADER = re.compile(r"同比|\byoy\b", re.I)
_MOM_HEADER = re.compile(r"环比|\bmom\b", re.I)
_CPCA = re.compile(r"\bCPCA\b|China Passenger Car Association|乘联会|乘联分会|乘用车市场信息联席分会")


def row_metric(label: str) -> str | None:
    """What a results-table row counts, from its label: deliveries, or 销量 sales; None for any other row."""
    label = label.strip()
    if _DELIVERY_ROW.match(label):
        return "deliveries"
    return "sales" if _SALES_ROW.match(label) else None


def header_metric(cell: str) -> str | None:
    return next((metric for pattern, metric in _METRIC_WORDS if pattern.search(cell)), None)


def header_scope(cell: str) -> str | None:
    return next((scope for pattern, scope in _SCOPE_WORDS if pattern.search(cell)), None)


# ---------------------------------------------------------------- entities


def first_named(words: str) -> str | None:
    """The first maker, group or brand a text names (a release names its company first)."""
    return next(names_in(words), None)


def automaker(name: str) -> str | None:
    """The entity an automaker cell names; a brand sharing its group's name ("Nio") means the group."""
    key = entity_id(re.sub(r"\s+", " ", name.strip()))
    if key is None:
        return None
    brand = entities()[key]
    parent = entities().get(brand.parent)
    if brand.kind == "brand" and parent and parent.kind == "group" and parent.name_en.lower().startswith(brand.name_en.lower()):
        return parent.id
    return key


# ---------------------------------------------------------------- period columns


def _period_header(row: list[str], published_on: date | None) -> dict[int, str] | None:
    """The periods a header row names by column, when most of its cells are periods."""
    periods = {i: header_period(cell, published_on) for i, cell in enumerate(row) if cell}
    named = {i: p for i, p in periods.items() if p}
    others = [i for i in periods if i not in named and i != 0]
    if named and not any(_is_number(row[i]) for i in others) and len(named) >= len(others):
        return named
    return None


def _pairs(row: list[str], header: list[str], columns: dict[int, str]) -> list[tuple[str, str | None]]:
    """Each value cell of a row with the period of its column: by position when the row is as wide as
    its header, else in order when the row has as many values as the header has periods."""
    values = [(i, cell) for i, cell in enumerate(row) if cell and _is_number(cell)]
    if len(row) != len(header) and len(values) == len(columns):
        return [(cell, period) for (_, cell), period in zip(values, columns.values())]
    return [(cell, columns.get(i)) for i, cell in values]


def _cut_off(row: list[str], columns: dict[int, str], cell: str) -> bool:
    """The last value of a row with fewer values than its header has periods: a copy cut mid-number may have left it."""
    return sum(1 for c in row if c and _is_number(c)) < len(columns) and cell == row[-1]


def _label_month(label: str) -> int | None:
    """The month a row label names alone ("March", "Sept.", "3月"); None for any other label."""
    label = label.strip().rstrip(".").lower()
    if label in MONTHS_EN:
        return MONTHS_EN[label]
    match = re.fullmatch(r"(\d{1,2})\s?月(?:份)?", label)
    return int(match[1]) if match and 1 <= int(match[1]) <= 12 else None


def _read_month_grid(rows: list[list[str]], header: list[str], columns: dict[int, str], context: Context,
                     around: Surroundings) -> Reading:
    """A grid of months by year (rows "January … March", columns "2024 2025 2026"): each cell the month of its row in
    the year of its column; the metric and maker from the header's label, else the caption, else the text. A row
    shorter than the header is the calendar's (the latest year's months not yet reported), save a last row shorter
    than the one before it, which a cut copy may have left."""
    reading = Reading()
    heading = f"{header[0]} {around.caption}"
    metric = header_metric(header[0]) or header_metric(around.caption)
    scope = header_scope(header[0]) or header_scope(around.caption) or "all"
    entity = context.company or first_named(heading) or first_named(around.words)
    months = [row for row in rows if row is not header and _label_month(row[0])]
    for index, row in enumerate(months):
        mon = _label_month(row[0])
        values = [(i, cell) for i, cell in enumerate(row) if i and cell and _is_number(cell)]
        cut = index == len(months) - 1 and index > 0 and len(row) < len(months[index - 1])
        for i, cell in values:
            count, year = cell_count(cell), columns.get(i)
            if count is None:
                reading.skipped.append(Skipped(cell, "not a whole number of vehicles", row[0]))
            elif year is None:
                reading.skipped.append(Skipped(cell, "a column without a period header", row[0]))
            elif cut and i == values[-1][0]:
                reading.skipped.append(Skipped(cell, "the last cell of a row shorter than the one before (cut off?)", row[0]))
            elif metric is None or entity is None:
                reading.skipped.append(Skipped(cell, "a grid of months whose header and caption name no metric or maker", row[0]))
            else:
                period = month(year, mon)
                reading.statements.append(Statement(entity, metric, scope, period, count[0], count[1], None, f"{row[0]} {year} {cell}"))
    return reading


def _month_grid(rows: list[list[str]], published_on: date | None) -> tuple[list[str], dict[int, str]] | None:
    """The header of a grid of months by year: a row of years over rows labelled by months alone."""
    for row in rows:
        if (periods := _period_header(row, published_on)) is not None:
            years = all(re.fullmatch(r"\d{4}", p) for p in periods.values()) and 0 not in periods and len(periods) >= 2
            labelled = sum(1 for r in rows if r is not row and _label_month(r[0]))
            return (row, periods) if years and labelled >= 2 else None
    return None


def _read_period_columns(rows: list[list[str]], context: Context, around: Surroundings) -> Reading:
    if grid := _month_grid(rows, context.published_on):
        return _read_month_grid(rows, *grid, context, around)
    reading = Reading()
    header, columns, header_label = [], {}, ""
    entity = context.company or first_named(around.words)
    for row in rows:
        if (periods := _period_header(row, context.published_on)) is not None:
            header, columns = row, periods
            header_label = row[0] if 0 not in periods else ""
            continue
        label = row[0] if row[0] and not _is_number(row[0]) else header_label
        metric = row_metric(label)
        if metric is None:
            continue
        for cell, period in _pairs(row, header, columns):
            count = cell_count(cell)
            if count is None:
                reading.skipped.append(Skipped(cell, "not a whole number of vehicles", label))
            elif _cut_off(row, columns, cell):
                reading.skipped.append(Skipped(cell, "the last cell of a row shorter than its header (cut off?)", label))
            elif period is None:
                reading.skipped.append(Skipped(cell, "a column without a period header", label))
            elif entity is None:
                reading.skipped.append(Skipped(cell, "a results table whose text names no company", label))
            else:
                reading.statements.append(Statement(entity, metric, "all", period, count[0], count[1], None, f"{label} {period} {cell}"))
    return reading


# ---------------------------------------------------------------- period rows


def _period_rows(rows: list[list[str]], published_on: date | None) -> list[tuple[str, str]]:
    """(period, count cell) of each row naming a period in its first cell and a count in its second."""
    return [(period, row[1]) for row in rows if len(row) == 2 and (period := header_period(row[0], published_on)) and _is_number(row[1])]


def _read_period_rows(rows: list[list[str]], context: Context, around: Surroundings) -> Reading:
    """A vertical list of periods and counts: the metric from its header row, else from the words before it."""
    reading = Reading()
    heading = " ".join(cell for row in rows if not header_period(row[0], context.published_on) for cell in row)
    metric = header_metric(heading) or header_metric(around.caption)
    scope = header_scope(heading) or header_scope(around.caption) or "all"
    entity = context.company or first_named(around.words)
    for period, cell in _period_rows(rows, context.published_on):
        count = cell_count(cell)
        if count is None:
            reading.skipped.append(Skipped(cell, "not a whole number of vehicles", period))
        elif metric is None or entity is None:
            reading.skipped.append(Skipped(cell, "a list of periods whose header and caption name no metric or maker", period))
        else:
            reading.statements.append(Statement(entity, metric, scope, period, count[0], count[1], None, f"{period} {cell}"))
    return reading


# ---------------------------------------------------------------- entity rows


def _entity_column(rows: list[list[str]]) -> int | None:
    """The column naming makers: headed so, or mostly cells the entities list knows."""
    header = rows[0]
    for i, cell in enumerate(header):
        if _ENTITY_HEADER.search(cell) and not _NOT_A_COUNT_HEADER.search(cell):
            return i
    width = max(len(r) for r in rows)
    for i in range(width):
        cells = [r[i] for r in rows[1:] if len(r) > i and r[i]]
        if len(cells) >= 2 and sum(1 for c in cells if automaker(c)) * 2 >= len(cells):
            return i
    return None


def _count_column(rows: list[list[str]], skip: int) -> int | None:
    """The column of counts: the one its header says counts vehicles, else the only one of whole counts."""
    header = rows[0]
    for i, cell in enumerate(header):
        if i != skip and header_metric(cell) and not _NOT_A_COUNT_HEADER.search(cell):
            return i
    counted = _counted(rows, skip)
    return counted[0] if len(counted) == 1 else None


def _counted(rows: list[list[str]], skip: int) -> list[int]:
    """The columns (but `skip`) not headed as shares or changes whose cells are mostly whole counts."""
    header = rows[0]
    return [i for i in range(len(header)) if i != skip and not _NOT_A_COUNT_HEADER.search(header[i])
            and sum(1 for r in rows[1:] if len(r) > i and cell_count(r[i])) * 2 > len(rows) - 1]


def _count_columns(rows: list[list[str]], skip: int, published_on: date | None) -> list[int]:
    """The count column, or the columns of counts each headed by its own period ("12月", "1-12月累计")."""
    single = _count_column(rows, skip)
    if single is not None:
        return [single]
    periodic = [i for i in _counted(rows, skip) if header_period(rows[0][i], published_on)]
    distinct = {header_period(rows[0][i], published_on) for i in periodic}
    return periodic if len(periodic) >= 2 and len(distinct) == len(periodic) else []


def _change_columns(header: list[str], counts: list[int]) -> dict[int, dict[str, int]]:
    """Each count column's change columns (同比 / YoY, 环比 / MoM): those to its right before the next count column."""
    changes: dict[int, dict[str, int]] = {column: {} for column in counts}
    for i, cell in enumerate(header):
        owner = max((c for c in counts if c < i), default=None)
        kind = "yoy" if _YOY_HEADER.search(cell) else "mom" if _MOM_HEADER.search(cell) else None
        if owner is not None and kind:
            changes[owner].setdefault(kind, i)
    return changes


_SALES_KINDS = {"sales", "retail", "wholesale", "deliveries"}


def _same_measure(header: str, statement: Statement) -> bool:
    """A statement counts what a column's header says it counts: its metric, or a kind of sales under "sales"; a
    header naming no metric agrees with any."""
    named = header_metric(header)
    return named is None or statement.metric == named or (named == "sales" and statement.metric in _SALES_KINDS)


def _restated(rows: list[list[str]], names: int, column: int, around: Surroundings) -> list[Statement]:
    """The statements of the text around a table that restate one of its rows: the same maker's same count, of what
    the column's header says it counts. A statement of another maker that happens to share a value restates nothing."""
    counted = {(automaker(r[names]), count[0]) for r in rows[1:] if len(r) > max(names, column) and (count := cell_count(r[column]))}
    return [s for s in around.statements
            if (s.entity, s.value) in counted and s.value >= 100 and _same_measure(rows[0][column], s)]


def _only_word(words: str, kinds: list[tuple[re.Pattern, str]]) -> str | None:
    found = {kind for pattern, kind in kinds if pattern.search(words)}
    return found.pop() if len(found) == 1 else None


def _ranking_terms(header: str, context: Context, around: Surroundings, restated: list[Statement]) -> dict:
    """Metric, scope, period and cites of a ranking's counts: the header's words, else what the text's own
    statements of the same counts say, else (for sales of no kind) the one kind of sales the text names."""
    agreed = Counter((s.metric, s.scope, s.period, s.cites) for s in restated).most_common(1)
    metric, scope, period, cites = agreed[0][0] if agreed else (None, None, None, None)
    named = header_metric(header) or header_metric(around.caption)
    if named and named != "sales":
        metric = named
    elif metric in (None, "sales"):
        metric = _only_word(around.words, _METRIC_WORDS[:2]) or named or metric
    scope = header_scope(header) or scope or header_scope(around.caption) or "all"
    captioned = periods_named(around.caption, context.published_on)
    period = header_period(header, context.published_on) or period or (captioned.pop() if len(captioned) == 1 else None)
    if cites is None and context.company is None and _CPCA.search(around.words):
        cites = "cpca"
    return {"metric": metric, "scope": scope, "period": period, "cites": cites}


def _read_entity_rows(rows: list[list[str]], names: int, counts: list[int], context: Context, around: Surroundings) -> Reading:
    reading = Reading()
    changes = _change_columns(rows[0], counts)
    for column in counts:
        restated = _restated(rows, names, column, around)
        terms = _ranking_terms(rows[0][column], context, around, restated)
        echoes = {s.value: s for s in restated}
        for row in rows[1:]:
            if len(row) <= max(names, column) or not (count := cell_count(row[column])):
                continue
            evidence = " | ".join(row)
            if terms["metric"] is None or terms["period"] is None:
                reading.skipped.append(Skipped(row[column], "a ranking whose header and text name no metric or period", evidence))
                continue
            echo = echoes.get(count[0])
            change = {kind: cell_pct(row[i]) if i < len(row) else None for kind, i in changes[column].items()}
            statement = Statement(automaker(row[names]) or row[names], terms["metric"], terms["scope"], terms["period"],
                                  count[0], count[1], _first(change.get("yoy"), echo and echo.yoy_pct), evidence,
                                  cites=terms["cites"], mom_pct=_first(change.get("mom"), echo and echo.mom_pct))
            if automaker(row[names]) is None:
                reading.skipped.append(Skipped(row[column], f"an automaker the entities list does not name: {row[names]!r}",
                                               evidence, unknown_maker=statement))
            else:
                reading.statements.append(statement)
    return reading


def _first(*values):
    return next((v for v in values if v is not None), None)


# ---------------------------------------------------------------- the reader


def table_statements(rows: list[list[str]], context: Context, around: Surroundings = Surroundings()) -> Reading:
    """The figures a table states: one per period column of its metric rows, or one per ranked entity."""
    rows = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        return Reading()
    if (names := _entity_column(rows)) is not None and (counts := _count_columns(rows, names, context.published_on)):
        return _read_entity_rows(rows, names, counts, context, around)
    if len(_period_rows(rows, context.published_on)) >= 2:
        return _read_period_rows(rows, context, around)
    return _read_period_columns(rows, context, around)
