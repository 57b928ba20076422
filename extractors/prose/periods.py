"""Period phrases in English prose and the periods they name.

A phrase ("in July", "the first 11 months of 2023", "H1 2025", "a year
earlier") becomes a `PeriodMention`; `resolve` turns it into a period string
(YYYY-MM, YYYY-Qn, YYYY-H1, YYYY, YYYY-MM-YTD), dating a month printed
without a year from the publication date or else from what the text itself
settles. A mention that cannot be dated resolves to None (or raises Undated).

A text with no publication date dates a month printed without a year
(`TextDating`, built from the whole text by `text_dating`), in this order:

1. the same month printed with a year elsewhere in the text ("December
   deliveries … in December 2023"), when the text prints it with one year only;
   mentions in sentences of plans or forecasts are not evidence (for 1 and 3);
2. the period the text last named (the anchor), when the month is not after
   the anchor's month;
3. the latest full date the text states outside a plan or forecast ("on July
   17, 2024" in a photo caption) is a lower bound on publication; a month
   within the half-year that starts at that date's month resolves to that
   year (its first occurrence on or after the date). Nothing else does: a
   month before the date's month may be that year's (before the date) or the
   next, and a month further on would assume the date is recent. The bound is
   not used when the text names any period after it (the date is then not the
   latest thing the text knows of).

A month dated this way does not make a publication date: `last year`, `last
month` still need one, and `this year` too, but for a target in a text that
reports a month before December (`reported_year`). A `full year` or `annual`
printed without a year takes the year of the months the text reports (its
anchor); the reader gives a reported figure none from the publication date
alone, and reads one of a year not yet over as the year so far
(`year_so_far`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from extractors.helpers import MONTHS_EN, month, parse_month, shift_month, ytd_period

_MONTH_NAMES = sorted(MONTHS_EN, key=len, reverse=True)
MONTH = r"(?:" + "|".join(n.capitalize() + (r"\.?" if len(n) <= 4 and n != "may" else "") for n in _MONTH_NAMES) + r")"
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_COUNT_WORDS = {w: i for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), start=1)}
_QUARTER_OF_MONTH = {"march": 1, "june": 2, "september": 3, "december": 4}
_HALF = r"(?:first|1st)[- ]half|H1|1H"

# Kinds a mention can be. Those in RELATIVE take their meaning from another period (the anchor).
RELATIVE = ("year_earlier", "ytd_open", "same", "corresponding", "previous_month", "given_month", "the_quarter")


def month_number(name: str) -> int:
    return MONTHS_EN[name.rstrip(".").lower()]


@dataclass(frozen=True)
class PeriodMention:
    """A period phrase; `year` None means the reader must date it."""

    kind: str  # month, quarter, half, year, ytd, asof, date, part_month, this_year, last_year, last_month, or one of RELATIVE
    year: int | None = None
    number: int | None = None  # month (month, ytd, asof) or quarter


def _y(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if len(text) == 4 else 2000 + int(text)


def _months(word: str) -> int:
    return _COUNT_WORDS.get(word.lower()) or int(word)


def _ytd(year: int | None, through: int) -> PeriodMention:
    """January through a month; January–March is the first quarter, January–June the first half."""
    if through == 3:
        return PeriodMention("quarter", year, 1)
    if through == 6:
        return PeriodMention("half", year, 1)
    return PeriodMention("ytd", year, through)


_YEAR = r"(?:,? (?:of |in )?(\d{4}))?"

PERIOD_PATTERNS: list[tuple[re.Pattern, callable]] = [
    (re.compile(r"\b(\d{4})[-/](\d{1,2})[-/]\d{1,2}\b"), lambda m: PeriodMention("date", int(m[1]), int(m[2]))),
    # part of a month: "February 1-23", "the Mar. 1 to 16 period", "month-to-date", "the first two weeks of May"
    (re.compile(rf"\b({MONTH}) \d{{1,2}}\s*(?:-|–|to|through|until)\s*(?:{MONTH} )?\d{{1,2}}\b(?!,\d)(?:,? (\d{{4}}))?(?: period)?"),
     lambda m: PeriodMention("part_month", _y(m[2]), month_number(m[1]))),
    (re.compile(r"\bmonth[- ]to[- ]date\b|\bMTD\b|\bthe (?:first|past|last) (?:one|two|three|\d) weeks?\b", re.I), lambda m: PeriodMention("part_month")),
    (re.compile(rf"\b[Aa]s of ({MONTH}) \d{{1,2}}(?:st|nd|rd|th)?,? (\d{{4}})"), lambda m: PeriodMention("asof", _y(m[2]), month_number(m[1]))),
    (re.compile(rf"\b(?:[Bb]y|[Aa]t|[Aa]s of|[Tt]hrough|[Tt]o) the end of ({MONTH})(?:,? (?:of )?(\d{{4}}))?"), lambda m: PeriodMention("asof", _y(m[2]), month_number(m[1]))),
    (re.compile(rf"\b[Bb]y ({MONTH})(?![\w.])(?:,? (\d{{4}}))?(?! \d)"), lambda m: PeriodMention("asof", _y(m[2]), month_number(m[1]))),
    (re.compile(r"\b(?:by|at|as of) (?:the end of )?the (first|second|third|fourth) quarter(?: of (\d{4}))?", re.I),
     lambda m: _ytd(_y(m[2]), 3 * _ORDINAL[m[1].lower()])),  # "By the third quarter, BYD had sold …": the year through it
    (re.compile(r"\b(?:by|at|as of) the end of (\d{4})\b", re.I), lambda m: PeriodMention("asof", _y(m[1]), 12)),
    (re.compile(r"\b(?:by|at) the end of (?:the|this) year\b", re.I), lambda m: PeriodMention("this_year")),
    (re.compile(rf"\b(?:three|3) months ended ({MONTH}) \d{{1,2}},? (\d{{4}})", re.I), lambda m: PeriodMention("quarter", _y(m[2]), (month_number(m[1]) + 2) // 3)),
    (re.compile(r"\b(?:six|6) months ended (?:June|Jun\.?) \d{1,2},? (\d{4})", re.I), lambda m: PeriodMention("half", _y(m[1]), 1)),
    (re.compile(r"\b(?:the )?(?:fiscal )?year ended December 31,? (\d{4})", re.I), lambda m: PeriodMention("year", _y(m[1]))),
    (re.compile(rf"\b(?:from )?(?:January|Jan\.?)\s*(?:to|through|until|-|–)\s*({MONTH}){_YEAR}"), lambda m: _ytd(_y(m[2]), month_number(m[1]))),
    # a quarter as its months: "April to June 2025", "between July and September"
    (re.compile(r"\b(?:[Ff]rom )?(?:April\s*(?:to|through|-|–)\s*June|July\s*(?:to|through|-|–)\s*September|October\s*(?:to|through|-|–)\s*December)" + _YEAR
                + r"|\b[Bb]etween (?:April and June|July and September|October and December)" + _YEAR),
     lambda m: PeriodMention("quarter", _y(m[1] or m[2]), (month_number(re.search(r"April|July|October", m[0])[0]) + 2) // 3)),
    (re.compile(rf"\byear[- ]to[- ]date (?:through|to|until) ({MONTH}){_YEAR}", re.I), lambda m: _ytd(_y(m[2]), month_number(m[1]))),
    # "year-to-date sales through October": the metric word between stays outside the phrase
    (re.compile("(?:" + "|".join(f"(?<=year{j}to{j}date {w} )" for j in "- " for w in ("sales", "deliveries")) + rf")(?:through|to|until) ({MONTH}){_YEAR}", re.I), lambda m: _ytd(_y(m[2]), month_number(m[1]))),
    (re.compile(r"\bthe first (two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2}) months(?: of (?:the year|this year|(\d{4})))?", re.I),
     lambda m: _ytd(_y(m[2]), _months(m[1]))),
    # "in the current year up to May 31": January through that month (a day before the month's end is part of it)
    (re.compile(rf"\b(?:the current|this) year,? (?:up to|through|until|till|to) ({MONTH})(?: (\d{{1,2}})(?:st|nd|rd|th)?)?(?:,? (\d{{4}}))?", re.I),
     lambda m: PeriodMention("part_month") if m[2] and int(m[2]) < 28 else _ytd(_y(m[3]), month_number(m[1]))),
    (re.compile(r"\byear[- ]to[- ]date\b|\bYTD\b|\bsince the (?:beginning|start) of (?:the|this) year\b|\bso far (?:this year|in (?:the year|\d{4}))|\bso far\b|\bfor the year\b|\bthis year so far\b", re.I),
     lambda m: PeriodMention("ytd_open")),
    (re.compile(rf"\b(?:the )?(?:{_HALF})(?: of)?[ ,]*(\d{{4}})?\b|\b(\d{{4}}) ?(?:{_HALF})\b", re.I), lambda m: PeriodMention("half", _y(m[1] or m[2]), 1)),
    (re.compile(r"\b(?:the )?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter" + _YEAR, re.I),
     lambda m: PeriodMention("quarter", _y(m[2]), _ORDINAL[m[1].lower()])),
    (re.compile(r"\b(?:the )?(March|June|September|December) quarter" + _YEAR), lambda m: PeriodMention("quarter", _y(m[2]), _QUARTER_OF_MONTH[m[1].lower()])),
    (re.compile(r"\bQ([1-4])(?:[ -]?(\d{4}))?\b"), lambda m: PeriodMention("quarter", _y(m[2]), int(m[1]))),
    (re.compile(r"\b(\d{4}) ?Q([1-4])\b"), lambda m: PeriodMention("quarter", _y(m[1]), int(m[2]))),
    (re.compile(r"\b([1-4])Q[ -]?(\d{4}|\d{2})\b"), lambda m: PeriodMention("quarter", _y(m[2]), int(m[1]))),
    (re.compile(r"\b(?:full[- ]year|fiscal year|FY)\s?(\d{4})\b", re.I), lambda m: PeriodMention("year", _y(m[1]))),
    (re.compile(r"\b(\d{4}) full[- ]year\b", re.I), lambda m: PeriodMention("year", _y(m[1]))),
    (re.compile(r"\b(?:in )?the (?:corresponding|same) (?:month|period|quarter) (?:of|in) (\d{4})\b", re.I), lambda m: PeriodMention("corresponding", _y(m[1]))),
    (re.compile(r"\b(?:the )?(?:same|corresponding) (?:month|period|quarter) (?:of |in )?(?:the )?(?:last|previous|prior) year\b|\ba year (?:earlier|ago|before)\b"
                r"|\bthe (?:previous|prior) year\b|\blast year'?s? (?:same )?(?:month|period|quarter)\b|\bthe same (?:period|month|quarter) a year"
                r"|\bthe same (?:period|month|quarter) (?:of|in) the year (?:prior|before|earlier)\b", re.I),
     lambda m: PeriodMention("year_earlier")),
    (re.compile(r"\b(?:in )?the same (?:month|period|quarter)\b", re.I), lambda m: PeriodMention("same")),
    # "deliveries were 30,000 in the quarter": the quarter the text is about, read against a quarter named before
    (re.compile(r"\b(?:in|for|during|over|of) the quarter\b(?! (?:of|ended|ending)\b)", re.I), lambda m: PeriodMention("the_quarter")),
    (re.compile(r"\b(?:in )?the given month\b", re.I), lambda m: PeriodMention("given_month")),
    (re.compile(r"\b(?:the )?(?:previous|prior|preceding) month(?:'s)?\b|\blast month's\b", re.I), lambda m: PeriodMention("previous_month")),
    (re.compile(rf"\b({MONTH}) (?:of )?last year\b"), lambda m: PeriodMention("month_last_year", None, month_number(m[1]))),  # "in August last year"
    (re.compile(rf"\b({MONTH}) \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? (\d{{4}}))?"), lambda m: PeriodMention("date", _y(m[2]), month_number(m[1]))),
    (re.compile(rf"\b\d{{1,2}} ({MONTH}),? (\d{{4}})"), lambda m: PeriodMention("date", _y(m[2]), month_number(m[1]))),
    (re.compile(rf"\b({MONTH})(?:,? (?:of )?(\d{{4}}))?\b"), lambda m: PeriodMention("month", _y(m[2]), month_number(m[1]))),
    (re.compile(r"\blast month\b", re.I), lambda m: PeriodMention("last_month")),
    (re.compile(r"\b(?:this|the current) year(?:'s)?\b", re.I), lambda m: PeriodMention("this_year")),
    (re.compile(r"\blast year\b", re.I), lambda m: PeriodMention("last_year")),
    (re.compile(r"\b(?:in|for|of|during|throughout|over) (?:the (?:full )?year )?(20\d\d)\b|\b(20\d\d)(?=(?:'s)?\s+(?:annual |full-year |delivery |deliveries|sales|target|goal|total))", re.I),
     lambda m: PeriodMention("year", _y(m[1] or m[2]))),
    (re.compile(r"\b(?:the )?(?:full[- ]year|annual|whole[- ]year)\b", re.I), lambda m: PeriodMention("year")),
    (re.compile(r"\b(20\d\d)\b"), lambda m: PeriodMention("year", _y(m[1]))),
]


class Undated(Exception):
    """A month or quarter printed without a year, in a text that gives nothing to date it by."""


_DATED_BY_MONTH = ("month", "asof", "ytd")  # kinds whose number is a month the text may print with a year elsewhere
_BOUND_SPAN = 6  # months from the latest full date in which a yearless month is dated by it


@dataclass(frozen=True)
class TextDating:
    """What an undated text settles about the years of the months it prints without one (see the module docstring)."""

    month_years: dict[int, int] = field(default_factory=dict)  # a month the text prints with exactly one year
    since: tuple[int, int] | None = None  # (year, month) of the latest full date it states, when nothing it names is later
    settled: int | None = None  # the one year the text can be of: its lower bound's, when a plan names that year too

    def year_of_month(self, number: int) -> int | None:
        return self.month_years.get(number)

    def year_after_bound(self, number: int) -> int | None:
        if self.settled:  # published within that year, after the months it reports
            return self.settled
        if self.since and self.since[1] <= number < self.since[1] + _BOUND_SPAN:
            return self.since[0]
        return None


def text_dating(mentions: list[tuple[PeriodMention, bool]], reported_years: tuple[int, ...] = ()) -> TextDating:
    """The dating an undated text gives itself, from its period mentions (each with whether its sentence is a plan or
    forecast) and the years it reports a whole year's figure for (each then over)."""
    years: dict[int, set[int]] = {}
    dates, named = [], []
    planned_years = [m.year for m, planned in mentions if planned and m.kind == "year" and m.year]
    for mention, planned in mentions:
        if planned or mention.year is None or mention.kind in RELATIVE or not (mention.number is None or 1 <= mention.number <= 12):
            continue
        if mention.kind in _DATED_BY_MONTH:
            years.setdefault(mention.number, set()).add(mention.year)
        if mention.kind == "date":
            dates.append((mention.year, mention.number))
        else:
            named.append((mention.year, _first_month(mention) if mention.number else 1))
    since = max(dates) if dates else None
    if since and any(start > since for start in named):
        since = None
    lower = max(since[0] if since else 0, max(reported_years, default=-1) + 1) or None
    settled = lower if lower and planned_years and min(planned_years) == lower else None
    return TextDating({number: next(iter(found)) for number, found in years.items() if len(found) == 1}, since, settled)


def resolve(mention: PeriodMention, published: date | None, anchor: str | None, dating: TextDating | None = None) -> str | None:
    """A mention as a period string: relative ones from `anchor`, a missing year from the publication date, else from
    what the text settles (`dating`, the anchor).

    Raises Undated when the mention needs a year and nothing gives one."""
    kind = mention.kind
    if kind in ("date", "part_month"):
        return None
    if kind in RELATIVE:
        return _relative(mention, anchor)
    if kind == "month_last_year":
        return month(int(_from_publication("last_year", published)), mention.number)
    if kind in ("this_year", "last_year", "last_month"):
        return _from_publication(kind, published)
    if kind == "year":
        year = mention.year or _year_of(anchor) or (published.year if published else None)
        return str(year) if year else None
    year = mention.year or _year_for(mention, anchor, published, dating or TextDating())
    if kind == "quarter":
        return f"{year}-Q{mention.number}"
    if kind == "half":
        return f"{year}-H{mention.number}"
    if kind == "ytd":
        return ytd_period(year, mention.number)
    return month(year, mention.number)


def _from_publication(kind: str, published: date | None) -> str:
    if published is None:
        raise Undated(kind.replace("_", " "))
    if kind == "this_year":
        return str(published.year)
    if kind == "last_year":
        return str(published.year - 1)
    return shift_month(month(published.year, published.month), -1)


def _first_month(mention: PeriodMention) -> int:
    if mention.kind == "quarter":
        return 3 * mention.number - 2
    if mention.kind == "half":
        return 6 * mention.number - 5
    return mention.number


def _year_for(mention: PeriodMention, anchor: str | None, published: date | None, dating: TextDating) -> int:
    """The year of a month or quarter printed without one: the publication's (a later month is last year's),
    else, in an undated text, what the text settles (in the module docstring's order)."""
    if published is not None:
        return published.year if _first_month(mention) <= published.month else published.year - 1
    by_month = mention.kind in _DATED_BY_MONTH
    if by_month and dating.year_of_month(mention.number):
        return dating.year_of_month(mention.number)
    if anchor and re.match(r"\d{4}-\d{2}(?!\d)", anchor):
        year, last = parse_month(anchor[:7])
        if _first_month(mention) <= last:
            return year
    elif anchor and re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12])", anchor):
        return int(anchor[:4])
    if by_month and dating.year_after_bound(mention.number):
        return dating.year_after_bound(mention.number)
    raise Undated(mention.kind)


def _year_of(period: str | None) -> int | None:
    return int(period[:4]) if period else None


def _relative(mention: PeriodMention, anchor: str | None) -> str | None:
    if anchor is None:
        return None
    kind = mention.kind
    if kind == "same":
        return anchor
    if kind == "the_quarter":
        return anchor if re.fullmatch(r"\d{4}-Q[1-4]", anchor) else None
    if kind == "year_earlier":
        return year_earlier(anchor)
    if kind == "corresponding":
        return f"{mention.year}{anchor[4:]}" if mention.year else None
    if kind == "given_month":  # "In the given month": the month the text is about (of "the year up to May", May)
        return anchor[:7] if re.fullmatch(r"\d{4}-\d{2}(?:-YTD)?", anchor) else None
    if kind == "previous_month":
        return shift_month(anchor, -1) if re.fullmatch(r"\d{4}-\d{2}", anchor) else None
    if re.fullmatch(r"\d{4}-\d{2}", anchor):  # ytd_open: the year through the month the text is about
        return ytd_period(*parse_month(anchor))
    return anchor if re.fullmatch(r"\d{4}-\d{2}-YTD|\d{4}", anchor) else None


def year_earlier(period: str) -> str | None:
    """The same period a year before (2024-07 → 2023-07, 2024-Q3 → 2023-Q3, 2024-07-YTD → 2023-07-YTD)."""
    match = re.fullmatch(r"(\d{4})((?:-\d{2})?(?:-Q[1-4]|-H[12]|-YTD)?)", period)
    return f"{int(match[1]) - 1}{match[2]}" if match else None


def previous_period(period: str) -> str | None:
    """The month before a month (for month-on-month changes)."""
    return shift_month(period, -1) if re.fullmatch(r"\d{4}-\d{2}", period) else None


def fit_period(metric: str, period: str) -> str | None:
    """The period in the grain the metric is kept in (targets by year, cumulative by month)."""
    if metric == "target":  # a year's target, however the year was named ("this year", "for the year")
        return period[:4] if re.fullmatch(r"\d{4}(?:-\d{2}-YTD)?", period) else None
    if metric == "deliveries_cumulative":
        if re.fullmatch(r"\d{4}-\d{2}", period):
            return period
        if re.fullmatch(r"\d{4}", period):
            return f"{period}-12"
        if re.fullmatch(r"\d{4}-Q[1-4]", period):
            return month(period[:4], 3 * int(period[-1]))
        return None
    return period


YEARISH = ("year", "this_year", "last_year")  # kinds naming a whole year, tried after more specific ones


def reported_year(mention: PeriodMention, reported_month: str | None) -> str | None:
    """In an undated text, a target "by the end of the year" is for the year of the month it reports, when that month
    is before December (a text reporting December may be of the next year)."""
    if mention.kind == "this_year" and reported_month:
        year, last = parse_month(reported_month)
        return str(year) if last < 12 else None
    return None


def month_before(published: date | None, month: str | None) -> bool:
    """The month a text reports is the one before its publication's."""
    if published is None or not month or not re.fullmatch(r"\d{4}-\d{2}", month):
        return False
    year, number = parse_month(month)
    return (year * 12 + number) == (published.year * 12 + published.month - 1)


def year_so_far(mention: PeriodMention, period: str, reported_month: str | None, running: bool = False) -> str:
    """A yearless "full year's" or "annual" figure of the year whose months the text reports, before that year is
    over, is the year so far ("brings its full year's deliveries to …" after November's figure): January to that month;
    so is a year named with a running total ("For 2024, it has now delivered …")."""
    if mention.kind == "year" and (mention.year is None or running) and reported_month and re.fullmatch(r"\d{4}", period or ""):
        year, last = parse_month(reported_month)
        if str(year) == period and last < 12:
            return ytd_period(year, last)
    return period


def cumulative_or_year(metric: str, period: str, base: str, against_year: bool) -> tuple[str, str]:
    """Cumulative words with a year ("cumulative sales for the year") or set against a full-year target mean the year
    to date (measured as `base`), not since inception."""
    if metric != "deliveries_cumulative" or not period:
        return metric, period
    if re.fullmatch(r"\d{4}(?:-\d{2}-YTD)?", period):
        return base, period
    if against_year and re.fullmatch(r"\d{4}-\d{2}", period):
        return base, ytd_period(*parse_month(period))
    if "-" in period and not re.fullmatch(r"\d{4}-\d{2}", period):
        return metric, fit_period(metric, period) or period
    return metric, period


_NOT_RUNNING = ("target", "deliveries_cumulative")  # kept for a period still running: a goal, a count since inception


def period_end(period: str) -> date | None:
    """The last day of a period (2025, 2025-H1, 2025-Q3, 2025-11, 2025-11-YTD)."""
    m = re.fullmatch(r"(\d{4})(?:-(?:H([12])|Q([1-4])|(\d{2})(?:-YTD)?))?", period)
    if not m:
        return None
    year = int(m[1])
    last = int(m[2]) * 6 if m[2] else int(m[3]) * 3 if m[3] else int(m[4]) if m[4] else 12
    return date(year + 1, 1, 1) - timedelta(days=1) if last == 12 else date(year, last + 1, 1) - timedelta(days=1)


def still_running(metric: str, period: str, published: date | None) -> bool:
    """A period not over when the text was published ("December retail is estimated at 2.3 million" on December 19):
    an estimate or a running count, not the period's figure. A text dated on the 1st may be dated by its month alone,
    so is not judged."""
    if published is None or published.day == 1 or metric in _NOT_RUNNING:
        return False
    end = period_end(period)
    return end is not None and end > published
