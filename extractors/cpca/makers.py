"""Makers' rows of CPCA's flashes, from an HTML table or from prose.

A ranking reprinted as a table has a header naming its columns (排名, 厂商,
M月, 1-M月累计, 同比, 环比, 累计同比); the table's heading says what was
counted (批发 / 零售 / 出口) and whether only NEVs (新能源). In prose each
maker is a clause "比亚迪汽车340799辆", optionally followed by its change
words and "1-M月累计N辆". A "2万+" or "20,000+" count is a floor (at_least).

Names map to canonical entities through `entities.csv`; a name nobody has
mapped is kept under a slug of itself and flagged in the figure's evidence
("unmapped maker name …"), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extractors.base import Document, Figure
from extractors.cpca.pages import Table
from extractors.helpers import NUMBER, cell_pct, change_pcts, entity_id, maker_entity, month, read_count, ytd_period

UNMAPPED = "unmapped maker name"

_MAKER_HEADER = re.compile(r"厂商|企业|制造商|品牌")
_RANK_HEADER = re.compile(r"排名|名次|序号")
_CUMULATIVE = re.compile(r"累计|1\s*[-–~至]\s*\d{1,2}\s*月")
_THROUGH = re.compile(r"1\s*[-–~至]\s*(\d{1,2})\s*月")
_MONTH_HEADER = re.compile(r"(?<![-–~至\d])(\d{1,2})\s*月|本月|当月|销量|批发量")

# A maker clause: a name (no digits) then a count in 辆, or a floor "2万+" / "20,000+".
_NAME = r"(?P<name>[^\d\s，,、；;：:。%（）()]{2,16}?)"
_MAKER_CLAUSE = re.compile(
    rf"^(?:其中)?{_NAME}\s*(?:批发销量|批发|销量)?(?:为|达)?\s*"
    rf"(?:(?P<exact>约?\s*(?:{NUMBER}))\s*辆|(?P<floor>(?:{NUMBER})\s*万?\s*\+)\s*辆?)$"
)
_CUMULATIVE_CLAUSE = re.compile(rf"^(?:1\s*[-–~至]\s*(?P<through>\d{{1,2}})\s*月)?累计\s*(?P<count>{NUMBER})\s*辆$")
# Words that head a market total or a remainder, never an unknown maker's name.
_NOT_A_MAKER = re.compile(r"合计|总计|全国|市场|乘用车|新能源|行业|其他|出口|纯电动|插混|增程|零售|批发|生产")


def _is_maker(name: str) -> bool:
    known = entity_id(name) if name else None
    if known is not None:
        return known != "market"
    return bool(name) and not _NOT_A_MAKER.search(name)


@dataclass(frozen=True)
class Reading:
    """What one publication's maker rows mean: the month, and what the count is of by default."""

    year: int
    mon: int
    metric: str
    scope: str
    release: str
    published_on: date | None


def _maker_figure(doc: Document, reading: Reading, name: str, count: tuple[int, str], period: str,
                  metric: str, scope: str, evidence: str, yoy: float | None = None, mom: float | None = None) -> Figure:
    entity, mapped = maker_entity(name)
    return doc.figure(
        publisher="cpca", entity=entity, metric=metric, scope=scope, segment="passenger", period=period,
        value=count[0], qualifier=count[1], release=reading.release, yoy_pct=yoy, mom_pct=mom,
        published_on=reading.published_on, evidence=evidence if mapped else f"{UNMAPPED} {name!r}: {evidence}",
    )


# ---------------------------------------------------------------- tables


def _what_is_counted(heading: str, reading: Reading) -> tuple[str, str]:
    metric = "exports" if "出口" in heading else "retail" if "零售" in heading else "wholesale" if "批发" in heading else reading.metric
    return metric, "nev" if "新能源" in heading else reading.scope


def _columns(header: tuple[str, ...], reading: Reading) -> tuple[dict[str, int], str]:
    """Which column holds what (maker, month, cumulative, yoy, mom, cumulative_yoy), and the cumulative's period."""
    roles: dict[str, int] = {}
    cumulative_period = ytd_period(reading.year, reading.mon)
    for index, label in enumerate(header):
        if _MAKER_HEADER.search(label):
            roles.setdefault("maker", index)
        elif _RANK_HEADER.search(label):
            continue  # a position, not a count ("销量排名" must not read as the month's count)
        elif "同比" in label:
            roles.setdefault("cumulative_yoy" if "累计" in label else "yoy", index)
        elif "环比" in label:
            roles.setdefault("mom", index)
        elif _CUMULATIVE.search(label):
            roles.setdefault("cumulative", index)
            through = _THROUGH.search(label)
            cumulative_period = ytd_period(reading.year, through.group(1)) if through else cumulative_period
        elif _MONTH_HEADER.search(label):
            roles.setdefault("month", index)
    return roles, cumulative_period


def table_figures(doc: Document, tables: tuple[Table, ...], reading: Reading) -> list[Figure]:
    """Every maker row of every ranking table (a table is one when its header names the makers' column)."""
    figures: list[Figure] = []
    for table in tables:
        header_at = next((i for i, row in enumerate(table.rows) if any(_MAKER_HEADER.search(c) for c in row)), None)
        if header_at is None:
            continue
        roles, cumulative_period = _columns(table.rows[header_at], reading)
        if "maker" not in roles or not ({"month", "cumulative"} & set(roles)):
            continue
        metric, scope = _what_is_counted(table.heading, reading)
        cell = lambda row, role: row[roles[role]] if role in roles and roles[role] < len(row) else ""  # noqa: E731
        for row in table.rows[header_at + 1 :]:
            name = cell(row, "maker")
            if not _is_maker(name):
                continue
            evidence = f"{table.heading}: " + " | ".join(row)
            count = read_count(cell(row, "month"))
            if count:
                figures.append(
                    _maker_figure(doc, reading, name, count, month(reading.year, reading.mon), metric, scope, evidence,
                                  cell_pct(cell(row, "yoy")), cell_pct(cell(row, "mom")))
                )
            cumulative = read_count(cell(row, "cumulative"))
            if cumulative:
                figures.append(
                    _maker_figure(doc, reading, name, cumulative, cumulative_period, metric, scope, evidence,
                                  cell_pct(cell(row, "cumulative_yoy")))
                )
    return figures


# ---------------------------------------------------------------- prose


def prose_figures(doc: Document, body: str, reading: Reading) -> list[Figure]:
    """Maker clauses of the prose, each with the change words and 累计 clause that follow it."""
    figures: list[Figure] = []
    current: dict | None = None

    def flush():
        if current:
            figures.append(_maker_figure(doc, reading, **current))

    for clause in re.split(r"[，、；：。\n]", body):
        clause = clause.strip()
        maker = _MAKER_CLAUSE.match(clause)
        if maker and _is_maker(maker.group("name")):
            flush()
            count = read_count(maker.group("exact") or maker.group("floor"))
            current = dict(name=maker.group("name"), count=count, period=month(reading.year, reading.mon),
                           metric=reading.metric, scope=reading.scope, evidence=clause)
            continue
        if current is None:
            continue
        cumulative = _CUMULATIVE_CLAUSE.match(clause)
        if cumulative:
            figures.append(
                _maker_figure(doc, reading, current["name"], read_count(cumulative.group("count")),
                              ytd_period(reading.year, cumulative.group("through") or reading.mon),
                              reading.metric, reading.scope, f"{current['evidence']}，{clause}")
            )
            continue
        yoy, mom = change_pcts(clause)
        if yoy is None and mom is None:
            flush()
            current = None
            continue
        current["yoy"] = current.get("yoy") if yoy is None else yoy
        current["mom"] = current.get("mom") if mom is None else mom
        current["evidence"] += f"，{clause}"
    flush()
    return figures
