"""Whole-market figures in CPCA's Chinese prose, for every publication kind.

Each figure is a number in 万辆 whose subject (retail, NEV wholesale, exports,
production, ...) is the nearest subject phrase before it in the same sentence,
or the previous figure's subject when the sentence goes on ("；1-12月累计零售…").
The change words after it (同比增长 / 同比下降 …) give YoY and MoM with their
sign; a 1-N月累计 lead makes it a year-to-date figure. NEV penetration
(渗透率 N%) is kept in basis points. Makers' counts are printed in 辆 and are
read by `makers`, never here.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.base import Document, Figure
from extractors.helpers import NUMBER, basis_points, change_pcts, month, to_units, ytd_period

# Subject phrases -> (metric, scope); None keeps what the sentence already said.
SUBJECTS: list[tuple[re.Pattern, str, str | None]] = [
    (re.compile(p), metric, scope)
    for p, metric, scope in [
        (r"新能源(?:乘用)?车?(?:市场)?零售", "retail", "nev"),
        (r"常规燃油(?:乘用)?车(?:市场)?零售|燃油车(?:市场)?零售", "retail", "ice"),
        (r"(?:全国)?乘用车(?:市场)?零售", "retail", "all"),
        (r"(?:全国)?(?:乘用车)?厂商新能源(?:乘用车)?批发|新能源(?:乘用)?车?(?:厂商)?批发", "wholesale", "nev"),
        (r"纯电动(?:乘用车)?(?:批发)?", "wholesale", "bev"),
        (r"(?:狭义)?插混(?:乘用车)?(?:批发)?", "wholesale", "phev"),
        (r"增程式?(?:乘用车)?(?:批发)?", "wholesale", "erev"),
        (r"(?:全国)?乘用车(?:厂商)?批发", "wholesale", "all"),
        (r"乘用车(?:出口|整车出口)|出口", "exports", "all"),
        (r"乘用车(?:生产|产量)|生产|产量", "production", "all"),
        (r"零售", "retail", None),
        (r"批发", "wholesale", None),
    ]
]
_VALUE = re.compile(rf"(约)?\s*({NUMBER})\s*万辆")
# "销量突破1万辆的企业": a threshold that selects makers, not a figure.
_THRESHOLD = re.compile(r"^\s*(?:以上)?(?:的)?(?:企业|厂商)")
_YTD = re.compile(r"1\s*[-–~至]\s*(\d{1,2})\s*月(?:累计)?|今年以来累计|全年累计|年累计")
# Retail penetration only: CPCA also states a wholesale one (批发渗透率), a different measure.
_PENETRATION = re.compile(r"新能源[^。；]{0,30}?零售渗透率(?:为|达到|达)?\s*(\d+(?:\.\d+)?)\s*%")


def _subject(lead: str, current: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """The subject named last in `lead` (longest phrase on a tie), else `current`."""
    best = None
    for pattern, metric, scope in SUBJECTS:
        for match in pattern.finditer(lead):
            rank = (match.end(), match.end() - match.start())
            if best is None or rank > best[0]:
                best = (rank, metric, scope)
    if best is None:
        return current
    _, metric, scope = best
    return metric, scope if scope is not None else (current[1] or "all")


def _period(lead: str, year: int, mon: int) -> str:
    ytd = _YTD.search(lead)
    if not ytd:
        return month(year, mon)
    return ytd_period(year, int(ytd.group(1)) if ytd.group(1) else mon)


def market_figures(doc: Document, body: str, year: int, mon: int, release: str, published_on: date | None) -> list[Figure]:
    """Every whole-market figure the prose states for month `mon` of `year` (possibly none)."""
    figures: list[Figure] = []
    common = dict(publisher="cpca", entity="market", segment="passenger", release=release, published_on=published_on)
    for sentence in re.split(r"[。\n]", body):
        values = [v for v in _VALUE.finditer(sentence) if not _THRESHOLD.match(sentence[v.end() :])]
        subject: tuple[str | None, str | None] = (None, None)
        previous_end = 0
        for i, match in enumerate(values):
            lead = sentence[previous_end : match.start()]
            tail = sentence[match.end() : values[i + 1].start() if i + 1 < len(values) else len(sentence)]
            subject = _subject(lead, subject)
            previous_end = match.end()
            metric, scope = subject
            if metric is None:
                continue
            yoy, mom = change_pcts(tail.split("；")[0])
            figures.append(
                doc.figure(
                    metric=metric, scope=scope or "all", period=_period(lead, year, mon),
                    value=to_units(match.group(2), "万"), qualifier="approx",
                    yoy_pct=yoy, mom_pct=mom, evidence=(lead[-24:] + match.group(0)).strip("，；、 "), **common,
                )
            )
        for pct in _PENETRATION.findall(sentence):
            figures.append(
                doc.figure(
                    metric="penetration", scope="nev", period=month(year, mon), value=basis_points(pct),
                    qualifier="approx", evidence=f"渗透率{pct}%", **common,
                )
            )
    return figures
