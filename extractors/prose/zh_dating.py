"""Dating Chinese period phrases: which year a month printed without one means.

A month or quarter without a year takes the year the text last stated with a
month, quarter, half or full year ("2025年12月…；全年…"); failing that, the
publication date (a month later than the publication month is last year);
failing that, a year the text named alone ("2023年"), or the one year the
whole text names. 全年 is the year last stated (alone or with a month), or that of the month the text
reports. 今年以来 / 今年累计 run to the month the text reports (in a text of a part of a month, 4月1-14日,
to a day: skipped);
上月 is the month before publication (or the month the text reports, when
undated); 去年 needs the publication date. A phrase that cannot be dated
says why, naming the missing publication date.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.helpers import month, shift_month, ytd_period
from extractors.prose.zh_periods import PeriodMention

_YEARS = re.compile(r"(?<!\d)(20\d\d)\s*(?:年|全年)")
_YEAR_MONTHS = re.compile(r"(?<!\d)(20\d\d)\s*年\s*(?:1\s*[-—~至]\s*)?\d{1,2}\s*月")
_COMPARED = re.compile(r"(?:较|比|相比|对比|与|同期)\s*$")
# "小米汽车方面预计,YU7将于2025年6月上市": a year a plan or forecast names is not the text's
_FUTURE = re.compile(r"预计|预测|预期|将于|将在|计划|有望|规划|展望")
PARTIAL = "a part of a month (days or weeks), not a month's figure"
NO_DATE = "needs a year, and the text states none before it and has no publication date"


def _single_year(text: str) -> int | None:
    """The one year a text names, a year it compares with (较2022年4月) aside."""
    years = {m[1] for m in _YEARS.finditer(text) if not _COMPARED.search(text[max(0, m.start() - 4):m.start()])
             and not _FUTURE.search(re.split(r"[。！？!?\n]", text[:m.start()])[-1])}
    if len(years) == 1:
        return int(years.pop())
    # an undated text naming several years reports the latest it names with a month ("2025年1-4月",
    # "2025年4月乘用车市场的特征"; "2018年4月181万的最高水平" and "2024年5月的市场" lie before it)
    months = [int(m[1]) for m in _YEAR_MONTHS.finditer(text)
              if not _COMPARED.search(text[max(0, m.start() - 4):m.start()])
              and not _FUTURE.search(re.split(r"[。！？!?\n]", text[:m.start()])[-1])]
    return max(months) if months else None


class Dating:
    """What a reader knows of the dates of the text it has read so far."""

    def __init__(self, published_on: date | None, text: str):
        self.published_on = published_on
        self.text_year = _single_year(text)
        self.strong_year: int | None = None
        self.weak_year: int | None = None
        self.latest_year: int | None = None  # the year last stated, alone or with a month ("2017年,…全年…": 2017)
        self.focus: tuple[int, int] | None = None  # the month the text reports: the latest it names
        self.written: int | None = None  # the month of a date the text gives (12月25日), when undated
        self.partial = False  # the text reports a part of a month (4月1-14日, 4月前两周)
        self._pending: list[PeriodMention] = []
        self._ahead: int | None = None

    # ------------------------------------------------ reading along

    def begin(self, periods: list[PeriodMention], sentence: str = "") -> None:
        # "展望5月,…5月共有19个工作日": a month looked ahead to is not the month the text reports
        ahead = _FUTURE.search(sentence)
        self._ahead = ahead.start() if ahead else None
        # "2024年5月的市场逐步恢复,今年5月的基数会相对较高": a year set against 今年's same month is a past one
        this_year = [after for before, after in zip(periods, periods[1:])
                     if before.kind == "this_year" and after.kind == "month" and after.year is None
                     and after.start - before.end <= 1]
        past = {p.year for p in periods if p.kind == "month" and p.year and p.number in {m.number for m in this_year}}
        self._pending = [p for p in periods if not (p.year in past or (past and p in this_year and not self.published_on))]

    def advance(self, upto: int) -> None:
        """Learn from the period phrases that end before `upto`."""
        while self._pending and self._pending[0].end <= upto:
            self._learn(self._pending.pop(0))

    def _learn(self, mention: PeriodMention) -> None:
        if mention.comparison or mention.since:
            return
        if mention.kind == "date":
            self.written = mention.number
            return
        if mention.kind == "partial":
            self.partial = True
            return
        if mention.kind == "past_year":
            # "2026年1月,乘联分会公布了过去一年…。全年…": the year before the one the text is in
            self.strong_year = self.latest_year = self._past_year() or self.strong_year
            return
        if mention.strong:
            self.strong_year = mention.year
            self.latest_year = mention.year or self.latest_year
        elif mention.kind == "year" and mention.year:
            self.weak_year = self.latest_year = mention.year
        if mention.kind == "month" and (self._ahead is None or mention.start < self._ahead):
            year = self.year_for(mention.number, mention.year)
            if year and (self.focus is None or (year, mention.number) > self.focus):
                self.focus = (year, mention.number)

    def note(self, period: str) -> None:
        """A figure's period: the latest month of a figure is the month the text reports."""
        m = re.fullmatch(r"(\d{4})-(\d{2})", period)
        if m and (self.focus is None or (int(m[1]), int(m[2])) > self.focus):
            self.focus = (int(m[1]), int(m[2]))

    # ------------------------------------------------ dating

    def year_for(self, mon: int | None, year: int | None = None) -> int | None:
        if year:
            return year
        if self.strong_year:
            return self.strong_year
        if self.published_on and mon:
            pub = self.published_on
            return pub.year if mon <= pub.month else pub.year - 1
        return self.weak_year or self.text_year

    def _this_year(self) -> int | None:
        if self.published_on:
            return self.published_on.year
        return self.strong_year or self.weak_year or self.text_year

    def _past_year(self) -> int | None:
        """The year before the one the text is in: its publication's, else the year it last stated."""
        if self.published_on:
            return self.published_on.year - 1
        year = self.strong_year or (self.focus[0] if self.focus else None)
        return year - 1 if year else None

    def _now(self) -> str | None:
        if self.published_on:
            return month(self.published_on.year, self.published_on.month)
        if self.written:
            year = self.year_for(self.written)
            return month(year, self.written) if year else None
        return month(*self.focus) if self.focus else None

    def period(self, mention: PeriodMention, cumulative: bool = False, running: bool = False) -> tuple[str | None, str | None]:
        """(period, None) for a phrase, or (None, why it cannot be dated): `cumulative` for a count since the
        maker's start (its period the month it runs to), `running` for one the text says is 累计."""
        kind, number = mention.kind, mention.number
        if kind == "partial":
            return None, PARTIAL
        if kind == "range":
            return None, "a span of months not from January, not a standard period"
        if kind == "month":
            year = self.year_for(number, mention.year)
            return (month(year, number), None) if year else (None, NO_DATE)
        if kind == "ytd":
            year = mention.year or self.year_for(number)
            return (ytd_period(year, number), None) if year else (None, NO_DATE)
        if kind in ("quarter", "half"):
            last = number * 3 if kind == "quarter" else number * 6
            year = self.year_for(last, mention.year)
            label = f"Q{number}" if kind == "quarter" else f"H{number}"
            return (f"{year}-{label}", None) if year else (None, NO_DATE)
        if kind == "year":
            return str(mention.year), None
        if kind == "full_year":
            year = self.latest_year or self.strong_year or self.weak_year or (self.focus[0] if self.focus else None) or self.text_year
            return (str(year), None) if year else (None, "a full year with no year stated before it")
        return self._relative(kind, number, mention.year, cumulative, running or cumulative)

    def _relative(self, kind: str, number: int | None, year: int | None, cumulative: bool,
                  running: bool) -> tuple[str | None, str | None]:
        if kind == "ytd_open" and self.partial:
            return None, "a year to date in a text of a part of a month (it runs to a day), not a standard period"
        if kind == "ytd_open" or (kind == "this_year" and not running):
            if kind == "this_year":
                return None, "this year (今年) with no month: a part of a year"
            return (ytd_period(*self.focus), None) if self.focus else (None, "a year to date with no month it runs to")
        if kind == "this_year":
            return (ytd_period(*self.focus), None) if self.focus else (None, NO_DATE)
        if kind == "last_year":
            if not self.published_on:
                return None, "last year (去年) needs the publication date, and the text has none"
            return str(self.published_on.year - 1), None
        if kind == "past_year":
            year = self._past_year()
            return (str(year), None) if year else (None, "the past year (过去一年) with no year or date to count back from")
        if kind == "last_year_month":
            if not self.published_on:
                return None, "last year (去年) needs the publication date, and the text has none"
            return month(self.published_on.year - 1, number), None
        if kind == "last_month":
            if self.published_on:
                return shift_month(month(self.published_on.year, self.published_on.month), -1), None
            return (month(*self.focus), None) if self.focus else (None, NO_DATE)
        if kind == "this_month":
            now = month(*self.focus) if self.focus else self._now()
            return (now, None) if now else (None, NO_DATE)
        if kind == "asof":
            year = self.year_for(number, year)
            if not year:
                return None, NO_DATE
            return (month(year, number), None) if cumulative else (ytd_period(year, number), None)
        if kind == "asof_now":
            now = self._now()
            return (now, None) if now and running else (None, "a count to date that is no standard period")
        if kind == "asof_last_year":
            if not self.published_on:
                return None, "last year (去年) needs the publication date, and the text has none"
            return month(self.published_on.year - 1, 12), None
        return None, f"no period ({kind})"
