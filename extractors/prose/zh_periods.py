"""Period phrases in Chinese prose, and how a reader dates them.

Read: 2025年12月 / 12月份 / 6月1-30日 / 6月1日-30日 (the whole month; 4月1-14日, 4月前两周, 4月第1周: a part of
it), 1-11月 / 前11个月 /
今年以来 / 今年累计 / 截至10月 / 截止到10月31日 (January to that month), 第三季度 / 三季度 /
第4季 / Q3, 上半年 / 下半年, 2025年 / 2025全年 / 全年 / 年度, 上月 / 本月 /
当月 / 单月, 今年 / 去年 (去年全年, 去年12月: of the year before publication). A phrase right after 较 / 比 / 相比 / 同期 is a
comparison (yet "4月…同比2020年4月" dates the 4月 before it: 2021); 自2021年以来 / 2025年3月起 is a starting point; neither is the
period of a count unless it sits right before it ("较2022年6月194万").
Dates (12月25日) are kept as hints of when the text was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12}


def _number(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) if text.isdigit() else _CN_DIGITS.get(text)


@dataclass(frozen=True)
class PeriodMention:
    """A period phrase at [start, end) of its sentence; year None means the reader must date it."""

    start: int
    end: int
    kind: str  # month, ytd, ytd_open, quarter, half, year, last_month, this_month, asof, date, partial, range, this_year, last_year, past_year, last_year_month
    year: int | None = None
    number: int | None = None  # month, last month of a ytd, quarter, half (1, 2)
    comparison: bool = False
    since: bool = False
    strong: bool = False  # states its own year with a month, quarter, half or the full year


_LAST_DAY = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
M = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:份)?\s*(\d{1,2})\s*(?:日|号)?\s*[-~—–至到]\s*(?:\d{1,2}\s*月\s*)?(\d{1,2})\s*(?:日|号)"),
     "days"),
    # "4月前两周", "4月第1-2周", "4月首周": weeks of a month, a part of it
    (re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:份)?\s*(?:的)?\s*(?:前|头|首|第)\s*(?:[一两二三四五1-5]\s*[-~至]\s*)?[一两二三四五1-5]?\s*(?:个)?\s*周"),
     "weeks"),
    (re.compile(rf"(?:截至|截止(?:到|至)?)\s*(?:(\d{{4}})\s*年\s*)?{M}\s*月(?:份)?(?:底|末|(?:2[89]|3[01])\s*日)?(?!\s*\d)"), "asof"),
    (re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"), "date"),
    (re.compile(r"(?:截至|截止(?:到|至)?)\s*(\d{4})\s*年\s*(?:底|末)"), "asof_year"),
    (re.compile(r"截至(?:去年|上年)(?:底|末)?"), "asof_last_year"),
    (re.compile(r"截至(?:本月|目前|今日|当前|发稿|本月底)"), "asof_now"),
    (re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*[-~—–至到]\s*(\d{1,2})\s*月(?:份)?"), "months"),
    (re.compile(rf"(?:(\d{{4}})\s*年\s*)?前\s*{M}\s*个?月"), "first_months"),
    (re.compile(r"今年以来|今年累计|年内累计|年初至今|今年迄今"), "ytd_open"),
    (re.compile(r"(?:(\d{4})\s*年\s*)?(?:第\s*([1-4一二三四])\s*季(?:度)?|([1-4一二三四])\s*季度|Q([1-4])(?![\d]))"), "quarter"),
    (re.compile(r"(\d{4})\s*Q([1-4])"), "quarter_q"),
    (re.compile(r"(?:(\d{4})\s*年?\s*)?(上|下)半年"), "half"),
    (re.compile(rf"(\d{{4}})\s*年\s*{M}\s*月(?:份)?"), "month_year"),
    (re.compile(rf"(?:去年|上年)\s*{M}\s*月(?:份)?"), "last_year_month"),
    (re.compile(rf"(?<![\d.]){M}\s*月(?:份)?"), "month"),
    (re.compile(r"(\d{4})\s*年?\s*(?:全年|年度|整年)"), "year_full"),
    (re.compile(r"(?<![\d.])(\d{4})\s*年(?![\d底末])"), "year"),
    (re.compile(r"上个?月"), "last_month"),
    (re.compile(r"本月|当月|单月"), "this_month"),
    (re.compile(r"今年"), "this_year"),
    (re.compile(r"(?:去年|上年)(?:全年|整年|年度)?"), "last_year"),
    (re.compile(r"过去(?:的)?(?:一|1)\s*(?:整)?年(?!\d)"), "past_year"),
    (re.compile(r"全年|年度|完整年份|(?<![去今全上])年销"), "full_year"),
]
_COMPARISON_BEFORE = re.compile(r"(?:较|比|相比|对比|与|低于|高于|同期|超越|超过)\s*(?:去年|今年)?\s*$")
_SINCE_AFTER = re.compile(r"^\s*(?:以来|起|开始|至今)")
_SINCE_BEFORE = re.compile(r"(?:自|从)\s*$")
_SAME_PERIOD_LAST_YEAR = re.compile(r"同比\s*$")


def _mention(kind: str, m: re.Match) -> PeriodMention | None:
    g = m.groups()
    span = (m.start(), m.end())
    year = int(g[0]) if g and g[0] and g[0].isdigit() and len(g[0]) == 4 else None
    if kind == "days":
        first, last, number = int(g[2]), int(g[3]), int(g[1])
        # the whole month runs from the 1st to its last day (February: 28 or 29, the year may be unknown)
        if first == 1 and 1 <= number <= 12 and (last == _LAST_DAY[number] or (number == 2 and last == 29)):
            return PeriodMention(*span, "month", year, int(g[1]), strong=year is not None)
        return PeriodMention(*span, "partial", year, int(g[1]))
    if kind == "weeks":
        return PeriodMention(*span, "partial", year, int(g[1]))
    if kind == "date":
        return PeriodMention(*span, "date", year, int(g[1]))
    if kind == "asof":
        return PeriodMention(*span, "asof", year, _number(g[1]))
    if kind == "asof_year":
        return PeriodMention(*span, "asof", int(g[0]), 12)
    if kind == "asof_last_year":
        return PeriodMention(*span, "asof_last_year")
    if kind == "asof_now":
        return PeriodMention(*span, "asof_now")
    if kind == "months":
        first, last = int(g[1]), int(g[2])
        if first == 1 and 1 < last <= 12:
            return PeriodMention(*span, "ytd", year, last, strong=year is not None)
        return PeriodMention(*span, "range", year, last)
    if kind == "first_months":
        return PeriodMention(*span, "ytd", year, _number(g[1]), strong=year is not None)
    if kind == "ytd_open":
        return PeriodMention(*span, "ytd_open")
    if kind == "quarter":
        number = _number(g[1] or g[2] or g[3])
        return PeriodMention(*span, "quarter", year, number, strong=year is not None)
    if kind == "quarter_q":
        return PeriodMention(*span, "quarter", int(g[0]), int(g[1]), strong=True)
    if kind == "half":
        return PeriodMention(*span, "half", year, 1 if g[1] == "上" else 2, strong=year is not None)
    if kind == "month_year":
        return PeriodMention(*span, "month", year, _number(g[1]), strong=True)
    if kind == "last_year_month":
        number = _number(g[0])
        return PeriodMention(*span, "last_year_month", None, number) if number and 1 <= number <= 12 else None
    if kind == "month":
        number = _number(g[0])
        return PeriodMention(*span, "month", None, number) if number and 1 <= number <= 12 else None
    if kind in ("year_full", "year"):
        return PeriodMention(*span, "year", year, strong=kind == "year_full")
    return PeriodMention(*span, kind)


def find_periods(sentence: str) -> list[PeriodMention]:
    """Every period phrase of a sentence, in order, none overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            mention = _mention(kind, m)
            if mention is None:
                continue
            taken.append((m.start(), m.end()))
            before, after = sentence[max(0, m.start() - 4):m.start()], sentence[m.end():m.end() + 3]
            comparison = bool(_COMPARISON_BEFORE.search(before))
            since = bool(_SINCE_AFTER.match(after) or _SINCE_BEFORE.search(before))
            found.append(PeriodMention(mention.start, mention.end, mention.kind, mention.year, mention.number,
                                       comparison, since, mention.strong and not comparison and not since))
    found = sorted(found, key=lambda p: p.start)
    # "2025年11月单月", "12月当月": the month itself, not the month the text reports
    found = [p for i, p in enumerate(found) if not (
        i and p.kind == "this_month" and found[i - 1].kind == "month" and not sentence[found[i - 1].end:p.start].strip())]
    return _dated_by_comparison(sentence, found)


def _dated_by_comparison(sentence: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """"4月交付N辆,同比2020年4月增长…": a month or quarter printed without its year, compared with the same one
    of a named year (同比 only: the same period of the year before), is of the year after."""
    dated = list(found)
    for index, compared in enumerate(found):
        if not (compared.comparison and compared.year and compared.kind in ("month", "quarter")):
            continue
        if not _SAME_PERIOD_LAST_YEAR.search(sentence[max(0, compared.start - 4):compared.start]) or index == 0:
            continue
        own = found[index - 1]
        if own.kind == compared.kind and own.year is None and own.number == compared.number and not own.comparison and not own.since:
            dated[index - 1] = PeriodMention(own.start, own.end, own.kind, compared.year + 1, own.number, strong=True)
    return dated
