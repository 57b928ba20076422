"""CPCA's data API (JSON behind data.cpcadata.com's charts): the `api` release.

Endpoints, each answering for the current and the previous year only (so
every answer is archived):
- `api/chartlist?charttype=1` whole market, kind `api_market`;
- `api/chartlist?charttype=2` and `api/chartlist_2?charttype=2` the makers'
  rankings (by wholesale, by retail), kind `api_makers`;
- `api/chartlist?charttype=6` NEVs, kind `api_nev`.

An answer is a JSON array of charts `{"category": …, "dataList": [row, …]}`:
- month rows `{"month": "11月", "2025年": [产量, 批发, 零售, 出口], "2024年": […],
  "同比": […]?}` (charttype 1; the first NEV chart, 整体市场) — production,
  wholesale, retail, exports of that month in each year; a month not yet
  published has no current-year key or nulls;
- maker rows `{"厂商": "比亚迪汽车", "2025年11月": [批发, 零售], "2024年11月": […],
  "同比": [批发%, 零售%]}`, and in the cumulative charts keys like
  "2025年1-11月" — counted over all powertrains (scope `all`);
- share rows `{"月份": "2025-11", "NEV": [批发, 零售, 批发占比%, 零售占比%], "ICE": […]}`
  (the NEV charts "销量占比-…"): NEV's retail share is the penetration. The
  BEV/PHEV share chart is not read: whether its PHEV includes EREVs is not
  documented, and the monthly analysis gives those splits.
Charts whose category says 广义 (broad passenger cars, with minivans) are
skipped: every CPCA figure here is 狭义 (sedan + SUV + MPV), as in the prose.

Values are 万辆 with four decimals, converted exactly (170.6382 -> 1,706,382).

Hosts: the API moved twice; `BASE_URL` is today's host and `ALTERNATE_HOSTS`
the earlier ones, any of which can be configured as the `cpca-api` base URL
(`EVD_CPCA_API_BASE_URL`, or `[sources.cpca-api] base_url` in the settings file).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Iterator

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.cpca.makers import UNMAPPED
from extractors.helpers import basis_points, maker_entity, month, to_units, ytd_period

BASE_URL = "https://data.cpcadata.com"
ALTERNATE_HOSTS = ("https://data.cpcaauto.com", "http://cpcadata.chinaautomarket.com:8081")
RELEASE = "api"
ENDPOINTS: tuple[tuple[str, str], ...] = (
    ("api/chartlist?charttype=1", "api_market"),
    ("api/chartlist?charttype=2", "api_makers"),
    ("api/chartlist_2?charttype=2", "api_makers"),
    ("api/chartlist?charttype=6", "api_nev"),
)
MONTH_SERIES = ("production", "wholesale", "retail", "exports")  # order of a month row's arrays
MAKER_SERIES = ("wholesale", "retail")  # order of a maker row's arrays
STRUCTURE = 'a JSON array of charts {"category", "dataList"} (CPCA data API chartlist)'

_YEAR_KEY = re.compile(r"^(\d{4})年$")
_MAKER_MONTH_KEY = re.compile(r"^(\d{4})年\s*(\d{1,2})月$")
_MAKER_YTD_KEY = re.compile(r"^(\d{4})年\s*1\s*[-–~至]\s*(\d{1,2})月$")


def discover(period: str, web: Web) -> Iterator[DocumentRef]:
    """Every endpoint: each answers for its whole two-year window, whatever the month asked for."""
    for path, kind in ENDPOINTS:
        yield DocumentRef(url=path, source="cpca-api", kind=kind, period=period, title=path)


def _charts(doc: Document) -> list[dict]:
    try:
        charts = json.loads(doc.text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ParseError(doc, f"expected {STRUCTURE}; the body is not JSON ({exc})") from None
    except RecursionError:
        raise ParseError(doc, f"expected {STRUCTURE}; found JSON nested too deep to read") from None
    if not isinstance(charts, list) or not charts or not all(isinstance(c, dict) and isinstance(c.get("dataList"), list) for c in charts):
        raise ParseError(doc, f"expected {STRUCTURE}; found {type(charts).__name__} without them")
    return charts


def _kind_of(charts: list[dict]) -> str | None:
    rows = [row for chart in charts for row in chart["dataList"] if isinstance(row, dict)]
    categories = " ".join(str(chart.get("category", "")) for chart in charts)
    if any("厂商" in row for row in rows):
        return "api_makers"
    if "占比" in categories or "整体市场" in categories or any("月份" in row for row in rows):
        return "api_nev"
    if "乘用车" in categories or any("month" in row for row in rows):
        return "api_market"
    return None


def sniff(doc: Document) -> str | None:
    """The kind of a data-API answer, or None for anything else."""
    if doc.content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"[":
        return None
    try:
        return _kind_of(_charts(doc))
    except ParseError:
        return None


def _wan(value) -> int | None:
    """Exact vehicles from a 万辆 value of the API (None stays None)."""
    return None if value is None or value == "" else to_units(str(value), "万")


def _change(changes, index: int) -> float | None:
    if not isinstance(changes, list) or index >= len(changes) or changes[index] in (None, ""):
        return None
    return float(changes[index])


def _narrow(charts: list[dict]) -> list[dict]:
    return [chart for chart in charts if "广义" not in str(chart.get("category", ""))]


def _series_figures(doc, common, entity: str, scope: str, series: tuple[str, ...], values, period: str,
                    changes=None, label: str = "") -> list[Figure]:
    """One figure per non-null value of an array, the i-th value being `series[i]` (null: not published yet)."""
    if values is None:
        return []
    if not isinstance(values, list):
        raise ParseError(doc, f"expected an array [{', '.join(series)}] for {entity} {period}; found {values!r}")
    return [
        doc.figure(
            entity=entity, metric=metric, scope=scope, period=period, value=_wan(value), qualifier="exact",
            yoy_pct=_change(changes, index), evidence=f"{label}{period} {metric} {value}万辆", **common,
        )
        for index, (metric, value) in enumerate(zip(series, values))
        if _wan(value) is not None
    ]


def _month_rows(doc, common, chart: dict, scope: str) -> list[Figure]:
    figures = []
    for row in chart["dataList"]:
        if "month" not in row:
            continue
        mon = int(re.sub(r"\D", "", str(row["month"])) or 0)
        if not 1 <= mon <= 12:
            raise ParseError(doc, f"expected a month like \"11月\" in dataList rows; found {row['month']!r}")
        years = sorted(int(m.group(1)) for key in row if (m := _YEAR_KEY.match(key)))
        for year in years:
            changes = row.get("同比") if year == years[-1] else None
            figures += _series_figures(doc, common, "market", scope, MONTH_SERIES, row[f"{year}年"], month(year, mon), changes)
    return figures


def _share_rows(doc, common, chart: dict) -> list[Figure]:
    """NEV penetration: NEV's retail share (the fourth value) of each month."""
    figures = []
    for row in chart["dataList"]:
        shares, when = row.get("NEV"), re.findall(r"\d+", str(row.get("月份", "")))
        if not isinstance(shares, list) or len(shares) < 4 or shares[3] is None or len(when) < 2:
            continue
        figures.append(
            doc.figure(entity="market", metric="penetration", scope="nev", period=month(when[0], when[-1]),
                       value=basis_points(str(shares[3])), qualifier="approx", evidence=f"NEV零售占比{shares[3]}%", **common)
        )
    return figures


def _maker_rows(doc, common, chart: dict) -> list[Figure]:
    figures = []
    for row in chart["dataList"]:
        name = str(row.get("厂商", "")).strip()
        if not name:
            continue
        entity, mapped = maker_entity(name)
        label = f"{name} " if mapped else f"{UNMAPPED} {name!r}: "
        keys = [(key, _MAKER_MONTH_KEY.match(key), _MAKER_YTD_KEY.match(key)) for key in row]
        latest = max((int((m or y).group(1)) for _, m, y in keys if m or y), default=None)
        for key, monthly, ytd in keys:
            if not (monthly or ytd):
                continue
            year, through = int((monthly or ytd).group(1)), int((monthly or ytd).group(2))
            period = month(year, through) if monthly else ytd_period(year, through)
            changes = row.get("同比") if year == latest else None
            figures += _series_figures(doc, common, entity, "all", MAKER_SERIES, row[key], period, changes, label)
    return figures


def parse(doc: Document) -> list[Figure]:
    charts = _charts(doc)
    kind = doc.kind if doc.kind in {k for _, k in ENDPOINTS} else _kind_of(charts)
    if kind is None:
        raise ParseError(doc, f"expected {STRUCTURE} with month rows (\"month\"), maker rows (\"厂商\") or share rows (\"月份\")")
    # The API states no date: its figures are dated by their fetch (the warehouse falls back to it).
    common = dict(publisher="cpca", segment="passenger", release=RELEASE, published_on=None)
    figures: list[Figure] = []
    for chart in _narrow(charts):
        if kind == "api_makers":
            figures += _maker_rows(doc, common, chart)
        elif any("month" in row for row in chart["dataList"]):
            figures += _month_rows(doc, common, chart, "nev" if kind == "api_nev" else "all")
        elif kind == "api_nev":
            figures += _share_rows(doc, common, chart)
    if not figures:
        raise ParseError(doc, f"expected {STRUCTURE} holding at least one non-null value in 万辆; found none")
    return figures


SOURCE = Source(
    name="cpca-api",
    publisher="cpca",
    base_url=BASE_URL,
    discover=discover,
    parse=parse,
    sniff=sniff,
    kinds=("api_market", "api_makers", "api_nev"),
    description="CPCA data API (data.cpcadata.com JSON: market, makers, NEV), exact units",
)
