"""CPCA's flash pages about a month, in cpcaauto.com's layout:

- NEV maker wholesale flash (section bgzl/126, about the 4th): the
  `cpca-maker-flash` rows of figures.csv with scope nev, as prose
  ("比亚迪汽车340799辆，环比增长0.7%") or as a reprinted table, alternately;
  Xiaomi's floor is printed "2万+". The market estimate is printed only where
  it is known: Nov-2025 "约172万辆" (the 1.72M the CSV's data-API row notes
  as the flash, "flash said 1.72M", as sources.md also records);
- ranking flash 【月度排名】 (section csjd/129, about the 8th): the makers'
  wholesale over all powertrains (scope all) with 1-M月累计 where known
  (December's is the full year), and an exports table where the CSV has
  exports;
- month-end 车市扫描 (section csjd/128, about the 3rd): the market's
  month-to-date figures. The only flash-stage market figure known is the
  Nov-2025 NEV wholesale above, so Nov-2025 is the only month-end scan; the
  list also shows that month's mid-month editions (titles only: they state
  no whole-month figure and are not archived).

Ranks are not in the CSV, so tables have no rank column; YoY / MoM are
computed from two CSV figures of the same basis where both are known; unknown
cells stay blank. A month whose publication would state nothing is skipped.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal

from extractors.helpers import parse_month, shift_month, ytd_period
from samples.writers import Figures, SampleDoc, pct_change
from samples.writers.cpca_site import (
    MONTHLY_SECTION,
    NEV_SECTION,
    WEEKLY_SECTION,
    Listing,
    Table,
    change_words,
    detail_doc,
    detail_href,
    detail_id,
    pct_cell,
)

FLASH_BASIS = "cpca-maker-flash"
# How CPCA's rankings print the makers of figures.csv.
CPCA_NAMES = {
    "byd": "比亚迪汽车", "tesla-china": "特斯拉中国", "geely": "吉利汽车", "li-auto": "理想汽车",
    "leapmotor": "零跑汽车", "xiaomi": "小米汽车",
}
_FLASH_NOTE = re.compile(r"flash said (\d+(?:\.\d+)?)M")


def flash_estimates(figures: Figures) -> dict[str, Decimal]:
    """NEV wholesale market estimates of the flash, in 万辆, by month (from the CSV's notes)."""
    found = {}
    for row in figures.where(entity="market", metric="wholesale", scope="nev"):
        note = _FLASH_NOTE.search(row["note"])
        if note:
            found[row["period"]] = Decimal(note.group(1)) * 100
    return found


def _in_range(period: str, start: str, end: str) -> bool:
    return start <= period <= end


def _maker_rows(figures: Figures, metric: str, scope: str, period: str) -> list[dict]:
    """The CSV's flash rows of makers for one month, largest first, with what else is known about them."""
    year, mon = parse_month(period)
    rows = []
    for row in figures.where(metric=metric, scope=scope, period=period, basis=FLASH_BASIS):
        if row["entity"] == "market":
            continue
        value, floor = int(row["value"]), row["qualifier"] == "at_least"
        same = lambda p: None if floor else figures.value(row["entity"], metric, scope, p, FLASH_BASIS)  # noqa: E731
        rows.append(dict(
            name=CPCA_NAMES[row["entity"]], value=value, floor=floor,
            yoy=pct_change(value, same(shift_month(period, -12))), mom=pct_change(value, same(shift_month(period, -1))),
            cumulative=same(ytd_period(year, mon)),
        ))
    return sorted(rows, key=lambda r: r["value"], reverse=True)


def _count(row: dict) -> str:
    return f"{row['value'] // 10_000}万+" if row["floor"] else str(row["value"])


def _table(rows: list[dict], mon: int) -> Table:
    """Only the columns something is known for; blank cells where a row's figure is unknown."""
    columns = [("厂商", lambda r: r["name"]), (f"{mon}月", _count)]
    optional = [
        ("同比", "yoy", lambda r: pct_cell(r["yoy"])),
        ("环比", "mom", lambda r: pct_cell(r["mom"])),
        (f"1-{mon}月累计", "cumulative", lambda r: str(r["cumulative"] or "")),
    ]
    columns += [(label, cell) for label, key, cell in optional if any(r[key] is not None for r in rows)]
    return Table(tuple(label for label, _ in columns), tuple(tuple(cell(r) for _, cell in columns) for r in rows))


def _prose(rows: list[dict]) -> str:
    clauses = []
    for r in rows:
        text = f"{r['name']}{_count(r)}" + ("" if r["floor"] else "辆")
        clauses.append(text + change_words("同比增长", "同比下降", r["yoy"]) + change_words("环比增长", "环比下降", r["mom"]))
    return "；".join(clauses)


def _published(period: str, day: int) -> date:
    year, mon = parse_month(shift_month(period, 1))
    return date(year, mon, day)


def nev_flashes(figures: Figures, start: str, end: str) -> list[tuple[SampleDoc, Listing]]:
    estimates = flash_estimates(figures)
    months = sorted(
        {r["period"] for r in figures.where(metric="wholesale", scope="nev", basis=FLASH_BASIS)} | set(estimates)
    )
    written = []
    for index, period in enumerate(p for p in months if _in_range(p, start, end)):
        year, mon = parse_month(period)
        rows = _maker_rows(figures, "wholesale", "nev", period)
        title = f"{year}年{mon}月新能源乘用车厂商批发销量快讯" if index % 2 else f"乘联分会：{mon}月新能源乘用车厂商批发销量快讯"
        listing = Listing(NEV_SECTION, title, detail_href("bgzl", detail_id(period, 4), anid_form=index == 2), _published(period, 4))
        blocks: list[str | Table] = [f"乘联分会根据厂商快报数据统计，{mon}月新能源乘用车厂商批发销量情况如下。"]
        if period in estimates:
            blocks.append(
                f"根据批发销量超过1万辆的厂商数据估算，{mon}月全国新能源乘用车厂商批发销量约{estimates[period].normalize():f}万辆。"
            )
        if rows and index % 2:
            blocks += [f"{mon}月新能源乘用车厂商批发销量排名（单位：辆）", _table(rows, mon)]
        elif rows:
            blocks.append(f"{mon}月新能源乘用车厂商批发销量居前的厂商中，{_prose(rows)}。")
        blocks.append("快讯为厂商初步数据，可能与厂商最终数据存在差异，以月度分析为准。")
        written.append((detail_doc("nev_maker_flash", period, listing, blocks, "gbk" if index % 2 else "utf-8"), listing))
    return written


def ranking_flashes(figures: Figures, start: str, end: str) -> list[tuple[SampleDoc, Listing]]:
    months = {
        r["period"] for r in figures.where(scope="all", basis=FLASH_BASIS)
        if r["metric"] in ("wholesale", "exports") and len(r["period"]) == 7 and _in_range(r["period"], start, end)
    }
    written = []
    for index, period in enumerate(sorted(months)):
        year, mon = parse_month(period)
        title = f"【月度排名】{year}年{mon}月厂商销量排名快报"
        listing = Listing(MONTHLY_SECTION, title, detail_href("csjd", detail_id(period, 9)), _published(period, 8))
        blocks: list[str | Table] = [f"乘联分会根据厂商快报数据初步统计，{mon}月主要乘用车厂商销量排名如下，新能源厂商数据见新能源乘用车厂商批发销量快讯。"]
        for metric, label in (("wholesale", "批发"), ("exports", "出口")):
            rows = _maker_rows(figures, metric, "all", period)
            if rows:
                blocks += [f"{mon}月乘用车厂商{label}销量排名（单位：辆）", _table(rows, mon)]
        blocks.append("排名为厂商快报初步数据，最终数据以月度分析为准。")
        written.append((detail_doc("ranking_flash", period, listing, blocks, "gbk" if index % 2 else "utf-8"), listing))
    return written


def _scan_title(period: str, last_day: int) -> str:
    year, mon = parse_month(period)
    return f"【车市扫描】{year}年{mon}月1-{last_day}日全国乘用车市场初步统计"


def month_end_scans(figures: Figures, start: str, end: str) -> list[tuple[SampleDoc, Listing]]:
    written = []
    for period, estimate in sorted(flash_estimates(figures).items()):
        if not _in_range(period, start, end):
            continue
        year, mon = parse_month(period)
        last = calendar.monthrange(year, mon)[1]
        listing = Listing(WEEKLY_SECTION, _scan_title(period, last), detail_href("csjd", detail_id(period, 2)), _published(period, 3))
        blocks = [
            f"一、{mon}月1-{last}日全国乘用车市场初步统计",
            f"{mon}月1-{last}日，全国乘用车厂商新能源批发{estimate.normalize():f}万辆。",
            "注：周度数据为初步统计，月度数据以月度分析为准。",
        ]
        written.append((detail_doc("month_end_scan", period, listing, blocks, "gbk"), listing))
    return written


def mid_month_scans(figures: Figures, start: str, end: str) -> list[Listing]:
    """The weekly editions before a month-end scan: list items only (1-9日, 1-16日, 1-23日)."""
    return [
        Listing(WEEKLY_SECTION, _scan_title(period, day), detail_href("csjd", detail_id(shift_month(period, -1), 8 + day)),
                date(*parse_month(period), day + 3))
        for period in sorted(flash_estimates(figures)) if _in_range(period, start, end)
        for day in (9, 16, 23)
    ]


def write(figures: Figures, start: str, end: str) -> list[tuple[SampleDoc, Listing]]:
    return nev_flashes(figures, start, end) + ranking_flashes(figures, start, end) + month_end_scans(figures, start, end)
