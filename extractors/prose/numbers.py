"""Numbers in English prose: the counts a text prints, what is not a count
(money, percentages, ordinals, a year glued to a footnote mark), and whether
a printed count was rounded by its writer, and sentences that are a table
row printed as text."""

from __future__ import annotations

import re

from extractors.helpers import NUMBER, to_units

# Thousands grouped by spaces, as South African and European prints do ("380 089", "1 770 000").
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[,.]\d)"
COUNT = re.compile(rf"(?<![\w.$€¥])((?<!\d[ \u00a0\u202f]){_SPACED}|{NUMBER})(?:\s?(万|thousand|million|mln|mn|k|K|m)(?![A-Za-z]))?(\+)?(?!\d|,\d|st\b|nd\b|rd\b|th\b|-(?:unit|vehicle|car)|(?:\s|-)?(?:milestone|threshold|mark)\b)")
MONEY = re.compile(
    rf"(?:RMB|US\$|HK\$|HKD|\$|¥|€|CNY|USD|EUR)\s?(?:{NUMBER})(?:\s?(?:billion|million|bn|mn|m|k))?"
    rf"|(?:{NUMBER})\s?(?:billion|bn|yuan|euros?|dollars?|percent|per cent|percentage points?|%|kWh|GWh|km|pts)\b|(?:{NUMBER})\s?%",
    re.I,
)
# A year with a footnote mark glued on ("in 20257" for "in 2025" and note 7): not a count.
GLUED_YEAR = re.compile(r"\b20[0-4]\d\d(?![\d,])")
_UNITS = {"万": "万", "thousand": "k", "million": "m", "mln": "m", "mn": "m", "k": "k", "K": "k", "m": "m"}


def printed(text: str) -> str:
    """The digits of a printed count, its space-grouped thousands written with commas ("380 089" → "380,089")."""
    return re.sub(r"[ \u00a0\u202f]", ",", re.match(r"\d[\d,. \u00a0\u202f]*", text)[0].rstrip(" \u00a0\u202f"))


def count_value(number: str, unit: str) -> int | None:
    """The vehicles a printed count stands for ("1.38 mln" → 1,380,000), or None when it is no whole number
    (an amount printed with decimals and no scale word, "6,067.0", is money or a rate in a table, not vehicles)."""
    if "." in number and not unit:
        return None
    try:
        return to_units(number, _UNITS.get(unit, unit))
    except ValueError:
        return None


def visibly_rounded(number: str, unit: str, value: int) -> bool:
    """Written in million/k/万, or a figure ending in hundreds in prose (24,000; 61,200)."""
    return bool(unit) or (value >= 1_000 and value % 100 == 0 and "," in number)


# Counts in a row ("124,807 87,071 …", "2025 Q4 2025 Q3 2025 Q2"): a table printed as text, read by `tables`.
_TABLE_ROW = re.compile(r"(?:\d{1,3}(?:,\d{3})+[\s|]+){2,}\d{1,3}(?:,\d{3})+|\d,\d{3}\d|(?:(?:\d{4} ?Q[1-4]|Q[1-4] \d{4}|FY\d{4})[\s|]*){3,}")


def table_row(sentence: str) -> bool:
    return bool(_TABLE_ROW.search(sentence))
