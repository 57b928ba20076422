"""Tables printed as text, lifted out of the lines around them.

Two layouts: pipe tables (`| a | b |`, with or without `|---|` rows and the
`| ||||` artefacts of converted pages), and tables whose cells were flattened
into lines ("2024 Q3 2024 Q2 Deliveries 152,831 108,581" on one line, the
header and the values on lines of their own, glued cells "2024Q42024Q3",
or one cell a line; a grid of months by year under a header of consecutive years, "Month 2024 2025 2026"), tables
flattened inside a sentence of prose ("… Highlights 2024Q22024Q1Total deliveries30,20721,821 Total deliveries were …",
as many numbers as periods, two or more), and tables whose header printed one cell a line over rows one a line ("品牌 /
交付量 / 同比增幅", then "零跑 50,129 +126%"). A flattened run becomes a table only when it holds a
header of periods and a row of numbers; anything else stays prose, but a
line that is mostly numbers and reads as no table (a results release's
financial table flattened with its headers scrambled: "2025 YoY QoQ RMB RMB
Vehicle sales 30,319.7 24,678.6 … Gross profit 6,176.9 …") is taken out of
the prose all the same: no sentence can be read from it.
"""

from __future__ import annotations

import re

from extractors.helpers import NUMBER

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# A period as column headers print it; what it means is read by the table reader.
PERIOD_CELL = (
    r"(?:FY\s?\d{4}|\d{4}\s?(?:Q[1-4]|H[12])|Q[1-4]\s?\d{4}|[1-4]Q\s?\d{2}(?!\d)|H[12]\s?\d{4}"
    rf"|{_MONTH}\s\d{{4}}|\d{{4}}\s?[财財]年|[财財]年\s?\d{{4}}|\d{{4}}\s?年\s?(?:第?[一二三四1-4]季度|\d{{1,2}}\s?月|[上下]半年|全年)?|\d{{1,2}}\s?-\s?\d{{1,2}}\s?月|\d{{1,2}}\s?月)"
)
# A number cell ends at a space, a letter, or where a glued comma-grouped number begins ("91,50746,533").
_NUMBER_CELL = rf"\(?[+\-−]?(?:{NUMBER})\)?\s?%?(?:\s?万)?(?=\s|$|\||[A-Za-z\u4e00-\u9fff]|\d{{1,3}},\d{{3}})"
_LABEL = r"[A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff'’&/()\- ]{0,40}?"
_ROW = re.compile(
    rf"\s*(?P<label>{_LABEL})?\s*(?:(?P<periods>(?:{PERIOD_CELL}\s*){{2,}})|(?P<values>(?:(?!{PERIOD_CELL}){_NUMBER_CELL}\s*){{2,}}))(?=\s|$|[A-Za-z\u4e00-\u9fff])"
)
# A header of consecutive years ("Month 2024 2025 2026"): a grid of months by year; bare years head no other table.
_YEARS_ROW = re.compile(r"\s*(?P<label>Month|Months|月份|月度|月)?\s*(?P<years>(?:20\d\d\s+)+20\d\d)(?=\s|$)", re.I)
_PERIOD_ROW = re.compile(rf"^\s*[•\-]?\s*(?P<period>{PERIOD_CELL}|{_MONTH})\s*[:：|]?\s*(?P<value>{_NUMBER_CELL})\s*\|?\s*$")
_PERIOD = re.compile(PERIOD_CELL)
_VALUE = re.compile(_NUMBER_CELL)
_SEPARATOR = re.compile(r"^:?-{3,}:?$")
_INLINE_SEPARATOR = re.compile(r"(?:\|\s*:?-{3,}:?\s*)+\|")
_LONGEST_CELL = 150  # a "cell" longer than this is prose that happens to hold a pipe
_CELLISH = re.compile(rf"^\s*(?:{PERIOD_CELL}|{_NUMBER_CELL}|[A-Za-z\u4e00-\u9fff][\w ]{{0,30}})\s*$")


def pipe_cells(line: str) -> list[str] | None:
    """The cells of a pipe-table line, trailing empty cells dropped; None when the line is not one."""
    if line.count("|") < 2:
        return None
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells if all(len(cell) <= _LONGEST_CELL for cell in cells) else None


def inline_table(line: str) -> tuple[str, list[list[str]], str] | None:
    """A markdown table printed inside a line of prose ("… Key Data | A | B | | :--- | :--- | | x | 1 | …"):
    (the prose before, the rows, the prose after); None when the line holds none."""
    separator = _INLINE_SEPARATOR.search(line)
    if not separator:
        return None
    width = separator[0].count("-") and separator[0].count("|") - 1
    before, after = line[: separator.start()], line[separator.end():]
    head = before.rstrip().rstrip("|").split("|")
    if len(head) <= width:
        return None
    prose_before, header = "|".join(head[:-width]), [c.strip() for c in head[-width:]]
    body, _, prose_after = after.rpartition("|")
    cells = [c.strip() for c in body.split("|")]
    rows, row = [header], []
    for cell in cells:
        if not row and not cell:
            continue  # the empty cell between two rows
        row.append(cell)
        if len(row) == width:
            rows.append(row)
            row = []
    return prose_before.strip(), rows, prose_after.strip()


_IN_PROSE = re.compile(
    rf"(?P<periods>(?:{PERIOD_CELL}\s?){{2,}})(?P<label>[A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff ]{{1,40}}?)\s?"
    rf"(?P<values>(?:{_NUMBER_CELL}\s?){{2,}})(?=\s|$|[A-Za-z\u4e00-\u9fff])"
)


def flattened_in_prose(line: str) -> tuple[str, list[list[str]], str] | None:
    """A table flattened inside a line of prose ("… Highlights 2024Q22024Q12023Q4Total deliveries30,20721,82160,158
    Total deliveries of vehicles were …"): a run of period headers, a label, then exactly as many numbers; (the prose
    before, the rows, the prose after), or None."""
    for match in _IN_PROSE.finditer(line):
        periods, values = _PERIOD.findall(match["periods"]), _VALUE.findall(match["values"])
        if len(periods) == len(values) >= 2 and not line[: match.start()][-1:].isdigit():
            rows = [["", *(p.strip() for p in periods)], [match["label"].strip(), *(v.strip() for v in values)]]
            return line[: match.start()].strip(), rows, line[match.end():].strip()
    return None


def flattened_rows(text: str) -> list[list[str]] | None:
    """Rows of a table whose cells were flattened into `text`, each row its label then its cells; None when
    the text is not wholly such rows."""
    rows, position, text = [], 0, text.strip()
    while position < len(text):
        if (years := _YEARS_ROW.match(text, position)) and _consecutive(years["years"].split()):
            rows.append([(years["label"] or "").strip(), *years["years"].split()])
            position = years.end()
            continue
        match = _ROW.match(text, position)
        if not match or match.end() == position:
            return None
        label = (match["label"] or "").strip()
        cells = _PERIOD.findall(match["periods"]) if match["periods"] else _VALUE.findall(match["values"])
        rows.append([label, *(cell.strip() for cell in cells)])
        position = match.end()
    return rows or None


def _consecutive(years: list[str]) -> bool:
    steps = {int(b) - int(a) for a, b in zip(years, years[1:])}
    return steps in ({1}, {-1})


def _is_table(rows: list[list[str]]) -> bool:
    has_header = any(len(row) > 2 and (_PERIOD.fullmatch(row[1]) or all(re.fullmatch(r"20\d\d", c) for c in row[1:]) and _consecutive(row[1:]))
                     for row in rows)
    has_values = any(len(row) > 2 and _VALUE.fullmatch(row[1]) for row in rows)
    return has_header and has_values


def _pipe_run(lines: list[str], start: int) -> tuple[int, list[list[str]]]:
    rows, end = [], start
    while end < len(lines) and (cells := pipe_cells(lines[end])) is not None:
        if any(cells) and not all(_SEPARATOR.match(c) or not c for c in cells):
            rows.append(cells)
        end += 1
    return end, rows


def _flattened_run(lines: list[str], start: int) -> tuple[int, list[list[str]] | None]:
    """The longest run of lines from `start` that reads as one flattened table (blank lines allowed inside)."""
    best: tuple[int, list[list[str]] | None] = (start, None)
    end, taken = start, []
    while end < len(lines) and (not lines[end].strip() or flattened_rows(lines[end]) or _CELLISH.match(lines[end])):
        taken.append(lines[end])
        end += 1
        rows = flattened_rows(" ".join(taken))
        if rows and _is_table(rows) and lines[end - 1].strip():
            best = (end, rows)
    return best


def _period_rows_run(lines: list[str], start: int) -> tuple[int, list[list[str]] | None]:
    """A vertical list of periods and counts, one a line ("January 12,345", "2月: 13,000")."""
    rows, end = [], start
    while end < len(lines) and (match := _PERIOD_ROW.match(lines[end])):
        rows.append([match["period"].strip(), match["value"].strip()])
        end += 1
    return (end, rows) if len(rows) >= 2 else (start, None)


_SENTENCE_END = re.compile(r"[.。!?！？;；]['\"’”)）]*(?:\[\d{1,2}\])*$")  # a footnote mark may follow ("….[1]")
_NUMBER_TOKEN = re.compile(r"^\(?[+\-−]?\d[\d,]*(?:\.\d+)?\)?%?(?:pts)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


_HEADER_CELL = re.compile(r"^[A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff ()（）/]{0,15}$")


def _header_lines_run(lines: list[str], start: int) -> tuple[int, list[list[str]] | None]:
    """A table whose header printed one cell a line and whose rows one a line, cells parted by spaces ("品牌 / 交付量 /
    同比增幅 / 核心车型", then "零跑 50,129 +126% C10/B10"): three or more header cells of words, then two or more rows
    each a label and then as many cells (the last taking the rest of the line), a number in the same place in every row."""
    header, end = [], start
    while end < len(lines) and _HEADER_CELL.match(lines[end].strip()) and not _SENTENCE_END.search(lines[end].strip()):
        header.append(lines[end].strip())
        end += 1
    if not 3 <= len(header) <= 8:
        return start, None
    rows = []
    while end < len(lines) and (cells := lines[end].split(None, len(header) - 1)) and len(cells) == len(header):
        if len(lines[end]) > 80 or re.search(r"[。，;；!?！？]|,(?!\d{3})", lines[end]) or _VALUE.fullmatch(cells[0]) or not _VALUE.fullmatch(cells[1]):
            break
        rows.append(cells)
        end += 1
    return (end, [header, *rows]) if len(rows) >= 2 else (start, None)


def _numbers_only(line: str) -> bool:
    """A line of a dozen or more words, at least eight of them and two in five numbers, no Chinese: a table
    flattened past reading, not a sentence."""
    tokens = line.split()
    numbers = sum(1 for token in tokens if _NUMBER_TOKEN.match(token))
    return len(tokens) >= 12 and numbers >= 8 and numbers * 5 >= len(tokens) * 2 and not _CJK.search(line)


def _caption(kept: list[str]) -> str:
    """The paragraph just before a table: the kept lines back to the last blank one, or, in a text printed one
    paragraph a line, back to the last line that ends a sentence (a heading and the sentence introducing the table,
    not the whole story before it)."""
    lines: list[str] = []
    for line in reversed(kept):
        if not line.strip():
            if lines:
                break
            continue
        if lines and _SENTENCE_END.search(line.strip()):
            break
        lines.insert(0, line.strip())
    return " ".join(lines)


def lift_tables(lines: list[str]) -> tuple[list[str], list[tuple[list[list[str]], str]]]:
    """The lines with their tables taken out (each replaced by a blank line), and the tables, each with
    the paragraph printed just before it."""
    kept, tables, index = [], [], 0
    while index < len(lines):
        if inline := inline_table(lines[index]):
            before, rows, after = inline
            tables.append((rows, before))
            kept += [before, "", after]
            index += 1
            continue
        if flattened_rows(lines[index]) is None and (inline := flattened_in_prose(lines[index])):
            before, rows, after = inline
            tables.append((rows, re.split(r"(?<=[.。!?！？])\s*", before)[-1] or _caption(kept)))
            kept += [before, "", after]
            index += 1
            continue
        end, rows = _pipe_run(lines, index)
        if end == index:
            end, rows = _flattened_run(lines, index)
        if end == index:
            end, rows = _period_rows_run(lines, index)
        if end == index:
            end, rows = _header_lines_run(lines, index)
        if end == index and _numbers_only(lines[index]):
            end = index + 1
        if end > index:
            if rows:
                tables.append((rows, _caption(kept)))
            kept.append("")
            index = end
            continue
        kept.append(lines[index])
        index += 1
    return kept, tables
