"""CPCA data-API answers (JSON), as data.cpcadata.com returns them, for the
window 2024 and 2025 (the API answers for the current and the previous year
only; these are answers fetched in the month after the latest figure).

The shape follows the public scrapers of the API (akshare's `car_market_*_cpca`
and others), which is all that is known of it:
- the answer is an array of charts `{"category": …, "dataList": […]}`;
- charttype 1 has the charts 狭义乘用车 and 广义乘用车, charttype 6 the charts
  整体市场, 销量占比-PHEV-BEV, 销量占比-ICE-NEV; their month rows are
  `{"month": "11月", "2025年": [产量, 批发, 零售, 出口], "2024年": […]}`, the
  current year's key first; share rows are keyed "月份";
- charttype 2 (and chartlist_2) has 狭义乘用车-累计, 狭义乘用车-单月,
  广义乘用车-累计, 广义乘用车-单月, rows `{"厂商": …, "2025年11月": [批发, 零售],
  "2024年11月": […], "同比": […]}` (cumulative keys "2025年1-11月") for the
  latest month;
- values are 万辆 with up to four decimals (JSON numbers).
Assumptions where the scrapers are silent: the category names (taken from
the chart labels the scrapers use), and that a value CPCA has not published
is null. Only `cpca-data-api` rows of figures.csv are stated: a month row
appears only where one of its values is known, every other value is null,
broad (广义) and share charts are empty, and an endpoint for which nothing is
known is not written at all (its answer would hold no figure). With the CSV as
it is, that leaves charttype 6 holding Nov-2025 NEV wholesale, 170.6382万辆.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from extractors.cpca.api import BASE_URL, MAKER_SERIES, MONTH_SERIES
from extractors.helpers import month, parse_month, shift_month
from samples.writers import Figures, SampleDoc
from samples.writers.cpca_flashes import CPCA_NAMES

API_SITE = BASE_URL
API_BASIS = "cpca-data-api"
MARKET_CHARTS = ("狭义乘用车", "广义乘用车")
NEV_CHARTS = ("整体市场", "销量占比-PHEV-BEV", "销量占比-ICE-NEV")
MAKER_CHARTS = ("狭义乘用车-累计", "狭义乘用车-单月", "广义乘用车-累计", "广义乘用车-单月")


def wan4(value: int | None) -> float | None:
    """Vehicles as the API prints them: 万辆, up to four decimals (1706382 -> 170.6382)."""
    return None if value is None else float(Decimal(value) / Decimal(10_000))


def month_chart(category: str, known: dict[tuple[str, str], int], year: int) -> dict:
    """A chart of month rows for `year` and the year before; known maps (metric, YYYY-MM) to vehicles."""
    rows = []
    for mon in range(1, 13):
        if not any((metric, month(y, mon)) in known for metric in MONTH_SERIES for y in (year, year - 1)):
            continue
        row: dict = {"month": f"{mon}月"}
        for y in (year, year - 1):
            row[f"{y}年"] = [wan4(known.get((metric, month(y, mon)))) for metric in MONTH_SERIES]
        rows.append(row)
    return {"category": category, "dataList": rows}


def maker_chart(category: str, known: dict[tuple[str, str, str], int], names: dict[str, str], as_of: str, cumulative: bool) -> dict:
    """A makers' chart for the month `as_of` (or January through it); known maps (entity, metric, period) to vehicles."""
    year, mon = parse_month(as_of)
    periods = {y: (str(y) if mon == 12 else f"{month(y, mon)}-YTD") if cumulative else month(y, mon) for y in (year, year - 1)}
    label = (lambda y: f"{y}年1-{mon}月") if cumulative else (lambda y: f"{y}年{mon}月")
    rows = []
    for entity in sorted({e for e, _, p in known if p in periods.values()}):
        row: dict = {"厂商": names[entity]}
        for y, period in periods.items():
            row[label(y)] = [wan4(known.get((entity, metric, period))) for metric in MAKER_SERIES]
        rows.append(row)
    return {"category": category, "dataList": rows}


def answer_bytes(charts: list[dict]) -> bytes:
    return json.dumps(charts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _doc(path: str, kind: str, as_of: str, charts: list[dict]) -> SampleDoc:
    year, mon = parse_month(shift_month(as_of, 1))
    return SampleDoc(
        url=f"{API_SITE}/{path}", source="cpca-api", kind=kind, period=as_of, content=answer_bytes(charts),
        content_type="application/json;charset=UTF-8", fetched_at=f"{date(year, mon, 12).isoformat()}T04:00:00+00:00",
        encoding="utf-8", title=path,
    )


def answers(rows: list[dict], year: int) -> list[SampleDoc]:
    """The answers of every endpoint stating these figures.csv rows, for `year` and the year before;
    an endpoint none of the rows belongs to is not written."""
    docs = []
    for path, kind, scope, categories in (
        ("api/chartlist?charttype=1", "api_market", "all", MARKET_CHARTS),
        ("api/chartlist?charttype=6", "api_nev", "nev", NEV_CHARTS),
    ):
        known = {(r["metric"], r["period"]): int(r["value"]) for r in rows
                 if r["entity"] == "market" and r["scope"] == scope and r["metric"] in MONTH_SERIES and len(r["period"]) == 7}
        if known:
            charts = [month_chart(categories[0], known, year)] + [{"category": c, "dataList": []} for c in categories[1:]]
            docs.append(_doc(path, kind, max(p for _, p in known), charts))
    makers = {(r["entity"], r["metric"], r["period"]): int(r["value"]) for r in rows
              if r["entity"] != "market" and r["scope"] == "all" and r["metric"] in MAKER_SERIES}
    as_of = max((p for _, _, p in makers if len(p) == 7), default=None)
    if as_of:
        charts = [maker_chart(MAKER_CHARTS[0], makers, CPCA_NAMES, as_of, True), maker_chart(MAKER_CHARTS[1], makers, CPCA_NAMES, as_of, False)]
        charts += [{"category": c, "dataList": []} for c in MAKER_CHARTS[2:]]
        docs += [_doc(path, "api_makers", as_of, charts) for path in ("api/chartlist?charttype=2", "api/chartlist_2?charttype=2")]
    return docs


def write(figures: Figures, start: str = "2024-01", end: str = "2025-12") -> list[SampleDoc]:
    year = int(end[:4])
    in_window = lambda period: str(year - 1) <= period[:4] <= str(year) and start <= period[:7] <= end  # noqa: E731
    return answers([r for r in figures.where(basis=API_BASIS) if in_window(r["period"])], year)
