"""【月度分析】YYYY年M月份全国乘用车市场分析: CPCA's final monthly figures.

The body is Chinese prose. Each figure is a number in 万辆 whose subject
(retail, NEV wholesale, exports, ...) is the nearest subject phrase before it
in the same sentence, or the previous figure's subject when the sentence goes
on ("；1-12月累计零售…"). The change words after it (同比增长 / 同比下降 …)
give YoY and MoM with their sign.
"""

from __future__ import annotations

import re

from extractors.base import Document, Figure, ParseError
from extractors.cpca.pages import DetailPage
from extractors.helpers import NUMBER, change_pcts, month, to_units

TITLE = re.compile(r"【月度分析】\s*(\d{4})年(\d{1,2})月份?全国乘用车市场分析")

# Subject phrases -> (metric, scope); None keeps what the sentence already said.
SUBJECTS: list[tuple[re.Pattern, str | None, str | None]] = [
    (re.compile(p), metric, scope)
    for p, metric, scope in [
        (r"新能源(?:乘用车)?(?:市场)?零售", "retail", "nev"),
        (r"常规燃油(?:乘用)?车(?:市场)?零售|燃油车零售", "retail", "ice"),
        (r"(?:全国)?乘用车(?:市场)?零售", "retail", "all"),
        (r"(?:全国)?(?:乘用车)?厂商新能源(?:乘用车)?批发|新能源(?:乘用车)?(?:厂商)?批发", "wholesale", "nev"),
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
_VALUE = re.compile(rf"({NUMBER})\s*(万辆|辆)")
_YTD = re.compile(r"1\s*[-–~至]\s*(\d{1,2})\s*月(?:累计)?|今年以来累计|全年累计|年累计")
_PENETRATION = re.compile(r"新能源[^。；]{0,30}?渗透率(?:为|达到|达)?\s*(\d+(?:\.\d+)?)\s*%")


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
    through = int(ytd.group(1)) if ytd.group(1) else mon
    return str(year) if through == 12 else f"{month(year, through)}-YTD"


def parse(doc: Document, page: DetailPage) -> list[Figure]:
    title = TITLE.search(page.title)
    if not title:
        raise ParseError(doc, f"expected a title like 【月度分析】YYYY年M月份全国乘用车市场分析, found {page.title!r}")
    year, mon = int(title.group(1)), int(title.group(2))
    figures: list[Figure] = []
    common = dict(publisher="cpca", segment="passenger", release="final", published_on=page.published_on)

    for sentence in re.split(r"[。\n]", page.body):
        values = list(_VALUE.finditer(sentence))
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
            number, unit = match.groups()
            yoy, mom = change_pcts(tail.split("；")[0])
            figures.append(
                doc.figure(
                    entity="market", metric=metric, scope=scope or "all", period=_period(lead, year, mon),
                    value=to_units(number, "万" if unit == "万辆" else ""),
                    qualifier="approx" if unit == "万辆" else "exact",
                    yoy_pct=yoy, mom_pct=mom, evidence=(lead[-24:] + match.group(0)).strip("，；、 "), **common,
                )
            )
        for pct in _PENETRATION.findall(sentence):
            figures.append(
                doc.figure(
                    entity="market", metric="penetration", scope="nev", period=month(year, mon),
                    value=round(float(pct) * 100), qualifier="approx", evidence=f"渗透率{pct}%", **common,
                )
            )
    if not figures:
        raise ParseError(
            doc, "expected figures in 万辆 after 零售 / 批发 / 新能源 / 出口 / 生产 in div.text; found none"
        )
    return figures
