"""Shared reading helpers: numbers in Chinese and English prose, change words,
periods, and canonical entity names. Every extractor uses these, so a fix here
is a fix everywhere."""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

# ---------------------------------------------------------------- numbers

_UNITS = {
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "千": Decimal(1_000),
    "k": Decimal(1_000),
    "K": Decimal(1_000),
    "thousand": Decimal(1_000),
    "million": Decimal(1_000_000),
    "m": Decimal(1_000_000),
    "M": Decimal(1_000_000),
    "": Decimal(1),
}

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def to_units(number: str, unit: str = "") -> int:
    """Exact integer vehicles from a printed number and its unit.

    Decimal arithmetic, never float: "226.1" with 万 is exactly 2,261,000 and
    "170.6382" with 万 is exactly 1,706,382.
    """
    try:
        amount = Decimal(number.replace(",", "").replace("，", "")) * _UNITS[unit.strip()]
    except (InvalidOperation, KeyError) as exc:
        raise ValueError(f"not a vehicle count: {number!r} {unit!r}") from exc
    if amount != amount.to_integral_value():
        raise ValueError(f"{number}{unit} is not a whole number of vehicles")
    return int(amount)


def to_units_rounded(number: str, unit: str = "") -> int:
    """Like `to_units`, for counts printed with more decimals than vehicles."""
    amount = Decimal(number.replace(",", "")) * _UNITS[unit.strip()]
    return int(amount.to_integral_value())


def basis_points(percent: str) -> int:
    """A printed percentage as exact basis points: "53.2" -> 5320 (Decimal, no float)."""
    return to_units(str(Decimal(percent) * 100))


_COUNT = re.compile(rf"^(约|超过|突破|逾)?\s*({NUMBER})\s*(万)?\s*(\+)?\s*(?:辆|台)?$")


def read_count(text: str) -> tuple[int, str] | None:
    """A vehicle count as printed in a ranking cell or after a maker's name.

    Returns (value, qualifier): "340,799" or "340799辆" is exact; "2万+",
    "20,000+" and "超过2万" are floors (at_least); "约172万" and any count in
    万 are approx. None when the text is not a count (blank, "-", words).
    """
    match = _COUNT.match(text.strip())
    if not match:
        return None
    word, number, wan, plus = match.groups()
    value = to_units_rounded(number, "万" if wan else "")
    if plus or word in ("超过", "突破", "逾"):
        return value, "at_least"
    return value, "approx" if (wan or word) else "exact"


# ---------------------------------------------------------------- change words

_UP = ("增长", "上涨", "提升", "增加", "上升", "increase", "up", "growth", "rise", "rose", "higher")
_DOWN = ("下降", "减少", "下滑", "回落", "降低", "下跌", "decrease", "down", "decline", "fell", "drop", "lower")


def signed_pct(word: str, number: str) -> float:
    """A percentage whose sign is carried by a word (增长 +, 下降/减少 -)."""
    value = float(Decimal(number))
    lowered = word.lower()
    if any(w in lowered for w in _DOWN):
        return -value
    if any(w in lowered for w in _UP):
        return value
    raise ValueError(f"no direction in {word!r}")


_CELL_PCT = re.compile(r"^([+\-−－]?)\s*(\d+(?:\.\d+)?)\s*%$")


def cell_pct(text: str) -> float | None:
    """A change printed in a table cell ("-14.0%", "+3.1%", "下降14.0%"), signed; None when blank."""
    text = text.strip()
    match = _CELL_PCT.match(text)
    if match:
        value = float(Decimal(match.group(2)))
        return -value if match.group(1) in ("-", "−", "－") else value
    worded = re.match(r"^(\D{1,4}?)\s*(\d+(?:\.\d+)?)\s*%$", text)
    if worded:
        try:
            return signed_pct(worded.group(1), worded.group(2))
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------- periods

MONTHS_EN = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def positive_setting(name: str, default: float, unit: str) -> float:
    """The positive number of `unit` the environment variable `name` sets, else `default`; anything else is a ValueError
    naming the variable."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = 0
    if not value > 0:
        raise ValueError(f"{name} must be a positive number of {unit}, not {raw!r}")
    return value


def month(year: int | str, mon: int | str) -> str:
    return f"{int(year):04d}-{int(mon):02d}"


def parse_month(period: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"not a month (YYYY-MM): {period!r}")
    return int(match.group(1)), int(match.group(2))


def shift_month(period: str, delta: int) -> str:
    year, mon = parse_month(period)
    index = year * 12 + (mon - 1) + delta
    return month(index // 12, index % 12 + 1)


def month_range(start: str, end: str) -> list[str]:
    """Every month from start to end inclusive."""
    months, current = [], start
    parse_month(end)
    while current <= end:
        months.append(current)
        current = shift_month(current, 1)
    return months


def previous_month(today: date | None = None) -> str:
    today = today or date.today()
    return shift_month(month(today.year, today.month), -1)


def quarter_of(period: str) -> str:
    year, mon = parse_month(period)
    return f"{year}-Q{(mon - 1) // 3 + 1}"


def ytd_period(year: int | str, through: int | str) -> str:
    """January through `through`: YYYY-MM-YTD, or the year itself when it runs to December."""
    return str(int(year)) if int(through) == 12 else f"{month(year, through)}-YTD"


_DATE_FORMS = [
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), lambda m: date(int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})"), lambda m: date(int(m[3]), MONTHS_EN[m[1].lower()], int(m[2]))),
    (re.compile(r"(\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})"), lambda m: date(int(m[3]), MONTHS_EN[m[2].lower()], int(m[1]))),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})"), lambda m: date(int(m[3]), int(m[2]), int(m[1]))),
]


def parse_date(text: str | None) -> date | None:
    """The first date in English text: ISO, "Jan 1, 2026", "1 December 2025", or "01/12/2025" (day first, as HKEX prints it)."""
    for pattern, build in _DATE_FORMS:
        for match in pattern.finditer(text or ""):
            try:
                return build(match)
            except (KeyError, ValueError):
                continue
    return None


# ---------------------------------------------------------------- entities


@dataclass(frozen=True)
class Entity:
    id: str
    name_en: str
    name_zh: str
    kind: str
    parent: str
    aliases: tuple[str, ...]


ENTITIES_CSV = Path(__file__).with_name("entities.csv")


@lru_cache(maxsize=1)
def entities() -> dict[str, Entity]:
    """The canonical entities, from the seed file `entities.csv`."""
    with ENTITIES_CSV.open(encoding="utf-8") as fh:
        return {
            row["id"]: Entity(
                id=row["id"],
                name_en=row["name_en"],
                name_zh=row["name_zh"],
                kind=row["kind"],
                parent=row["parent"],
                aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
            )
            for row in csv.DictReader(fh)
        }


def _fold(name: str) -> str:
    return re.sub(r"[\s\-_.·•()（）]", "", name).lower()


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for entity in entities().values():
        for name in (entity.id, entity.name_en, entity.name_zh, *entity.aliases):
            if name:
                index.setdefault(_fold(name), entity.id)
    return index


def entity_id(name: str) -> str | None:
    """The canonical id for a maker or brand name in any of its spellings."""
    return _alias_index().get(_fold(name))


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern:
    names = {name for e in entities().values() if e.kind != "market" for name in (e.name_en, e.name_zh, *e.aliases) if len(name) >= 2}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.I)


def names_in(text: str):
    """The makers, groups and brands a text names, in order, as canonical ids (any script, any alias)."""
    return (entity_id(match[0]) for match in _name_pattern().finditer(text))


def slug(name: str) -> str:
    """A stable id made from a name nobody has mapped yet ("Voyah Auto" -> "voyah-auto", 岚图汽车 kept as is)."""
    return re.sub(r"[\W_]+", "-", name.strip().lower()).strip("-")


def maker_entity(name: str) -> tuple[str, bool]:
    """(canonical id, True) for a known maker name, else (a slug of the name, False): never dropped."""
    known = entity_id(name)
    return (known, True) if known else (slug(name), False)
