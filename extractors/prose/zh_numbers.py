"""Vehicle counts and changes as Chinese prose prints them.

Counts: "42.04万辆" (万 x 10,000, rounded, so approx), "460万2436辆" (exact),
"60423辆" / "48135 台" (exact), a bare "194 万" before punctuation or 的,
"百万辆" (1,000,000), a floor with a plus ("2万+", "20,000+"). The words around a count give its qualifier: 超过 /
突破 / 逾 / 超 / 破 / 以上 / 余 / 多 are floors (at_least), 约 / 近 / 接近 /
左右 and every count in 万 are approx.

Changes: 同比增长 6% / 同比下降 / 年增 / 年减 / 按年增 (Hong Kong) / 较去年成长 /
"年增1.26倍" (126) for the year-on-year change, 环比 / 按月 for the
month-on-month one (持平: 0), and a bare 增长 / 下降 N% right after a count
where the text gives no other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.helpers import NUMBER, to_units, to_units_rounded

_NOT_AFTER_LETTER = r"(?<![A-Za-z\d.])"
_WAN_AND_UNITS = re.compile(_NOT_AFTER_LETTER + r"(\d+)\s*万\s*(\d{1,4})\s*(?:辆|台)")
_WITH_UNIT = re.compile(_NOT_AFTER_LETTER + rf"({NUMBER})\s*(万|亿)?\s*(余|多|\+)?\s*(?:辆|台)")
# A floor printed with a plus and no unit ("2万+", "20,000+"): in 万, or of four digits and more.
_PLUS = re.compile(_NOT_AFTER_LETTER + r"(\d{1,3}(?:,\d{3})+|\d{4,}|\d+(?:\.\d+)?\s*万)\s*\+(?![\d%])")
_BARE_WAN = re.compile(
    _NOT_AFTER_LETTER + rf"({NUMBER})\s*万(?!\s*(?:亿|元|美元|港元|人|家|个|次|公里|千米|套|座|平|吨|户|条|单|份))"
    r"(?=\s*(?:[，,。;；、)）的至到和与\s]|以上|左右|增长|下降|同比|召回|(?:全年|年度|年)?(?:销量|销售|交付|销)?量?目标|$))"
)
_MILLION = re.compile(r"(?<![\d.])(百万|千万)(?=\s*(?:辆|台|销售|销量|大关|级))(?:\s*(?:辆|台))?")
_MILLION_VALUES = {"百万": 1_000_000, "千万": 10_000_000}

_FLOOR_BEFORE = re.compile(r"(?:超过|突破|逾|超|破|多于|高于|不低于|冲击)\s*了?\s*$")
_APPROX_BEFORE = re.compile(r"(?:约|近|接近|将近|大约|约为|近乎|逼近)\s*$")
_FLOOR_AFTER = re.compile(r"^\s*(?:以上|多|余)")
_APPROX_AFTER = re.compile(r"^\s*左右")


@dataclass(frozen=True)
class Count:
    """A vehicle count at [start, end) of its sentence."""

    start: int
    end: int
    text: str
    value: int
    qualifier: str


def _qualifier(sentence: str, start: int, end: int, rounded: bool, floor: bool) -> str:
    before, after = sentence[max(0, start - 6):start], sentence[end:end + 4]
    if floor or _FLOOR_BEFORE.search(before) or _FLOOR_AFTER.match(after):
        return "at_least"
    if rounded or _APPROX_BEFORE.search(before) or _APPROX_AFTER.match(after):
        return "approx"
    return "exact"


def _value(number: str, unit: str) -> tuple[int, bool]:
    """(vehicles, rounded?) for a printed number and its unit."""
    if not unit:
        return to_units(number), False
    return to_units_rounded(number, unit), True


def find_counts(sentence: str) -> list[Count]:
    """Every vehicle count in a sentence, in order."""
    found: dict[int, Count] = {}
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: int, rounded: bool, floor: bool = False) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found[start] = Count(start, end, sentence[start:end], value, _qualifier(sentence, start, end, rounded, floor))

    for m in _WAN_AND_UNITS.finditer(sentence):
        add(m.start(), m.end(), int(m[1]) * 10_000 + int(m[2]), False)
    for m in _WITH_UNIT.finditer(sentence):
        try:
            value, rounded = _value(m[1], m[2] or "")
        except ValueError:
            continue
        add(m.start(), m.end(), value, rounded, floor=bool(m[3]))
    for m in _PLUS.finditer(sentence):
        wan = m[1].endswith("万")
        add(m.start(), m.end(), to_units_rounded(m[1].rstrip("万 "), "万") if wan else to_units(m[1]), wan, floor=True)
    for m in _BARE_WAN.finditer(sentence):
        add(m.start(), m.end(), to_units_rounded(m[1], "万"), True)
    for m in _MILLION.finditer(sentence):
        add(m.start(), m.end(), _MILLION_VALUES[m[1]], True)
    return [found[k] for k in sorted(found)]


# ---------------------------------------------------------------- changes

_UP = r"增长|增加|上涨|提升|成长|上升|攀升|激增|大增|暴涨|增幅|增速|增|涨"
_DOWN = r"下降|减少|下滑|下跌|回落|降低|萎缩|减|跌|降"
_FILLER = r"(?:率|了|幅|幅度|为|达到|达|高达|仅|约|近|超过|超)*"
_ALSO = r"(?:则是|则|亦|也|更)?(?:大幅|小幅|显著|明显|稳步|持续|微幅)?"
_PCT = r"(\d+(?:\.\d+)?)\s*(%|％|倍)"
_YOY = re.compile(rf"(?:同比|按年|年){_ALSO}\s*(?:({_UP})|({_DOWN})){_FILLER}\s*{_PCT}")
_YOY_FLAT = re.compile(r"(?:同比|按年)(?:基本|大致)?持平")
_YOY_LAST_YEAR = re.compile(rf"(?:较|比|相比|对比|与)(?:去年|上年|前一年)(?:同期)?(?:的\s*[\d,.]+\s*万?\s*(?:辆|台))?(?:相比)?\s*(?:({_UP})|({_DOWN})){_FILLER}\s*{_PCT}")
_YOY_YEAR = re.compile(
    rf"(?:较|比|相比|对比|与)\s*(\d{{4}})\s*年\s*(?:第\s*([一二三四1-4])\s*季度?|(\d{{1,2}})\s*月份?)?(?:同期)?(?:相比)?[，,]?\s*"
    rf"(?:({_UP})|({_DOWN})){_FILLER}\s*{_PCT}"
)
_MOM = re.compile(rf"(?:环比|按月)\s*(?:\d{{1,2}}\s*月份?)?{_ALSO}\s*(?:({_UP})|({_DOWN})){_FILLER}\s*{_PCT}")
_MOM_FLAT = re.compile(r"(?:环比|按月)(?:基本|大致)?持平")
_BARE = re.compile(rf"^[^同环较比]{{0,12}}?(?<![同环年月])(?:({_UP})|({_DOWN})){_FILLER}\s*{_PCT}")
_QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4}


def _signed(up: str | None, number: str, unit: str) -> float:
    value = Decimal(number) * (100 if unit == "倍" else 1)
    return float(value if up else -value)


def year_on_year(window: str, year: int | None, quarter: int | None, bare_allowed: bool, month: int | None = None) -> float | None:
    """The year-on-year change stated in the text after a count (None when it states none); a change against a
    named period ("比2024年第四季度", "同比2024年5月") only when that is the count's period a year before."""
    for pattern in (_YOY, _YOY_LAST_YEAR):
        m = pattern.search(window)
        if m:
            return _signed(m[1], m[3], m[4])
    m = _YOY_YEAR.search(window)
    if m and year is not None and int(m[1]) == year - 1:
        compared = _QUARTER_WORDS.get(m[2], None) or (int(m[2]) if m[2] and m[2].isdigit() else None)
        if compared == quarter and (m[3] is None or int(m[3]) == month):
            return _signed(m[4], m[6], m[7])
    flat = _YOY_FLAT.search(window)
    if flat:
        return 0.0
    if bare_allowed:
        m = _BARE.search(window)
        if m and not re.search(r"环比|按月", window[:m.start(3)]):
            return _signed(m[1], m[3], m[4])
    return None


def month_on_month(window: str) -> float | None:
    m = _MOM.search(window)
    if m:
        return _signed(m[1], m[3], m[4])
    return 0.0 if _MOM_FLAT.search(window) else None
