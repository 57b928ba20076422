"""Publication dates from wherever a document carries them: a dateline or
byline in its first lines, a Chinese date, or its URL."""

from __future__ import annotations

import re
from datetime import date

from extractors.helpers import parse_date

_ZH_DATE = re.compile(r"(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(20\d\d)([/.-])(\d{1,2})\5(\d{1,2})")
_URL_DATE = re.compile(r"/(20\d\d)[/-]?(\d{2})[/-]?(\d{2})(?:/|[^\d])")


def _valid(year: str, mon: str, day: str) -> date | None:
    try:
        return date(int(year), int(mon), int(day))
    except ValueError:
        return None


def date_in_lines(lines: list[str]) -> date | None:
    """The first date printed in a document's opening lines (dateline, byline, 'Published:')."""
    for line in lines:
        found = parse_date(line[:160])
        if found:
            return found
        match = _ZH_DATE.search(line[:160])
        if match and (found := _valid(*(match.group(1, 2, 3) if match[1] else match.group(4, 6, 7)))):
            return found
    return None


def date_in_url(url: str) -> date | None:
    match = _URL_DATE.search(url or "")
    return _valid(*match.groups()) if match else None
