"""Publication dates from wherever a document carries them.

In order of trust: a copy's metadata line (" date 2024-01-09"), a dateline
("SHANGHAI, China, Nov. 01, 2025 (GLOBE NEWSWIRE)", "BEIJING, Oct 12
(Reuters)"), a byline ("超电实验室 2025-12-02 07:36", "DATE:  Nov 19 2025"), a
Chinese lead ("快科技12月9日消息"), then the URL. Only the opening lines are
looked at, and only short lines or line starts: a date inside the body's
statements ("as of September 30, 2024", "截至2023年12月31日") is data, not
publication. A dateline without a year takes it from the metadata or the
URL, else from the latest year the text names.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.helpers import MONTHS_EN, parse_date

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_METADATA = re.compile(r"^\s*date\s+(20\d\d)-(\d{2})(?:-(\d{2}))?(?:\s+|$)", re.I)
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Za-z .'’-]{{1,40}},\s*(?:[A-Z][a-z]+(?: [A-Z][a-z]+)*,\s*)?|\(\w+\)\s*)"
    rf"(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>20\d\d))?\s*(?:\(|--|—|–|/|-)"
)
_ZH_DATE = re.compile(r"(20\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([/.-])(\d{1,2})\4(\d{1,2}))")
_ZH_LEAD = re.compile(r"^[^\d。]{0,20}?(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:消息|电|電|讯|訊|报道|報道|[(（])")
_URL_DATE = re.compile(r"/(20\d\d)[/-]?(\d{2})[/-]?(\d{2})(?:/|[^\d])|/(20\d\d)/(\d{2})(\d{2})/")
_URL_MONTH = re.compile(r"/(20\d\d)(0[1-9]|1[0-2])/")  # "/202312/2222141337.html": a month, its day glued to an id
_DATA_WORDS = re.compile(r"\bas of\b|\bended\b|\bthrough\b|截至|截止|until", re.I)
_YEAR_NAMED = re.compile(r"(20\d\d)\s*年(?!\s*\d{1,2}\s*月)|(20\d\d)\s*年\s*(\d{1,2})\s*月|\b(20\d\d)\b")
_OPENING_LINES = 12  # bylines are looked for here
_DATELINE_LINES = 60  # datelines (distinctive enough) here: a filing's cover pages come first
_BYLINE_LENGTH = 100


def _valid(year, mon, day) -> date | None:
    try:
        return date(int(year), int(mon), int(day))
    except (TypeError, ValueError):
        return None


def metadata_date(line: str) -> date | None:
    """A copy's leading metadata line: " date 2024-01-09" (a month alone dates its first day)."""
    match = _METADATA.match(line)
    return _valid(match[1], match[2], match[3] or 1) if match else None


def strip_metadata(line: str) -> str:
    return _METADATA.sub("", line, count=1)


def _printed_date(text: str) -> date | None:
    found = parse_date(text)
    if found is None and (match := _ZH_DATE.search(text)):
        found = _valid(match[1], match[2] or match[5], match[3] or match[6])
    return found


def _dateline(line: str) -> tuple[int | None, int, int] | None:
    """A dateline's (year or None, month, day)."""
    match = _DATELINE.match(line)
    mon = MONTHS_EN.get(match["month"].rstrip(".").lower()) if match else None
    return (int(match["year"]) if match["year"] else None, mon, int(match["day"])) if mon else None


def opening_date(lines: list[str]) -> tuple[date | None, tuple[int, int] | None]:
    """The date a document's opening lines print: (full date or None, a yearless month and day or None)."""
    yearless = None
    for line in lines[:_DATELINE_LINES]:
        if dateline := _dateline(line):
            if dateline[0]:
                return _valid(*dateline), None
            yearless = yearless or dateline[1:]
    for line in lines[:_OPENING_LINES]:
        if len(line) <= _BYLINE_LENGTH and not _DATA_WORDS.search(line) and (found := _printed_date(line)):
            return found, None
        if lead := _ZH_LEAD.match(line):
            if lead[1]:
                return _valid(*lead.group(1, 2, 3)), None
            yearless = yearless or (int(lead[2]), int(lead[3]))
    return None, yearless


def latest_year(text: str, month_day: tuple[int, int]) -> int | None:
    """The year a yearless dateline falls in: the latest year the text names, or the next one when the
    text already reports a later month, or the whole, of that year."""
    years: dict[int, int] = {}
    for whole, year, mon, bare in _YEAR_NAMED.findall(text):
        value = int(whole or year or bare)
        years[value] = max(years.get(value, 0), 13 if whole else int(mon) if mon else 0)
    if not years:
        return None
    latest = max(years)
    return latest + 1 if years[latest] > month_day[0] else latest


def date_in_url(url: str) -> date | None:
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return _valid(*match.group(1, 2, 3)) if match[1] else _valid(*match.group(4, 5, 6))


def publication_date(lines: list[str], url: str, body: str = "", created_on: date | None = None) -> date | None:
    """The date a document was published: its opening lines' dateline or byline, else (a file's)
    `created_on`, else its URL; a yearless dateline takes its year from those, else from the body."""
    printed, yearless = opening_date(lines)
    if printed:
        return printed
    elsewhere = created_on or date_in_url(url)
    if yearless:
        url_month = _URL_MONTH.search(url or "")
        if reference := elsewhere or (_valid(url_month[1], url_month[2], 1) if url_month else None):
            year = reference.year - (yearless[0] - reference.month > 6)  # a December dateline on a January URL
        else:
            year = latest_year(body, yearless)
        return _valid(year, *yearless) if year else elsewhere
    return elsewhere
