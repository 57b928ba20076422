"""CPCA sample pages in cpcaauto.com's layout: the monthly analyses, the flashes
(`cpca_flashes`) and the list pages of the three sections they are found in.

The monthly analysis states the `cpca-monthly-analysis` rows of figures.csv
(retail, wholesale, NEV, exports, BEV/PHEV/EREV splits, full-year retail); a
month's page leaves out what the CSV does not hold. Production, ICE retail,
penetration and year-to-date figures are absent from the CSV, so no sample
states them (the parser's tests add such sentences to a copy of a page).

The December analyses also show slides (`cpca_slides`): the NEV table, whose
month rows state the CSV's NEV retail and wholesale of each month of the year
("-" where the CSV holds no figure, the BEV / PHEV / EREV parts among them
except December 2025's wholesale), and a chart with no figures, which the
reader passes over.
"""

from __future__ import annotations

from datetime import date

from extractors.helpers import month, month_range, parse_month, shift_month
from samples.writers import Figures, SampleDoc, cpca_flashes, cpca_slides, pct_change, wan
from samples.writers.cpca_site import (
    MONTHLY_SECTION,
    SECTION_TITLES,
    SITE,
    Listing,
    Picture,
    change_words,
    detail_doc,
    detail_href,
    detail_id,
    list_pages,
)

ANALYSIS_BASIS = "cpca-monthly-analysis"
SLIDE_PERIODS = ("2024-12", "2025-12")  # the December analyses: their NEV slide's rows cover the whole year
SLIDE_BLOCKS = (("零售", "retail"), ("批发", "wholesale"))


def _changes(figures: Figures, metric: str, scope: str, period: str) -> str:
    value = figures.value("market", metric, scope, period, ANALYSIS_BASIS)
    yoy = pct_change(value, figures.value("market", metric, scope, shift_month(period, -12), ANALYSIS_BASIS))
    mom = pct_change(value, figures.value("market", metric, scope, shift_month(period, -1), ANALYSIS_BASIS))
    return change_words("同比增长", "同比下降", yoy) + change_words("环比增长", "环比下降", mom)


def analysis_paragraphs(figures: Figures, period: str) -> list[str]:
    year, mon = parse_month(period)
    v = lambda metric, scope, p=period: figures.value("market", metric, scope, p, ANALYSIS_BASIS)  # noqa: E731
    paragraphs = [f"一、{mon}月全国乘用车市场回顾"]
    retail, nev_retail = v("retail", "all"), v("retail", "nev")
    if retail:
        text = f"零售：{mon}月全国乘用车市场零售{wan(retail)}万辆{_changes(figures, 'retail', 'all', period)}"
        annual = v("retail", "all", str(year)) if mon == 12 else None
        if annual:
            growth = pct_change(annual, v("retail", "all", str(year - 1))) or (5.5 if year == 2024 else None)
            text += f"；1-12月累计零售{wan(annual)}万辆{change_words('同比增长', '同比下降', growth)}"
        paragraphs.append(text + "。")
    paragraphs.append("本月零售走势受节假日与地方促消费政策影响，厂商与经销商节奏总体平稳。")
    wholesale, nev_wholesale = v("wholesale", "all"), v("wholesale", "nev")
    if wholesale:
        paragraphs.append(f"批发：{mon}月全国乘用车厂商批发{wan(wholesale)}万辆{_changes(figures, 'wholesale', 'all', period)}。")
    exports = v("exports", "all")
    if exports:
        paragraphs.append(f"出口：{mon}月乘用车出口（含整车与CKD）{wan(exports)}万辆。")
    paragraphs.append(f"二、{mon}月新能源乘用车市场")
    if nev_retail:
        paragraphs.append(f"{mon}月新能源乘用车市场零售{wan(nev_retail)}万辆{_changes(figures, 'retail', 'nev', period)}。")
    if nev_wholesale:
        paragraphs.append(f"{mon}月全国乘用车厂商新能源批发{wan(nev_wholesale)}万辆{_changes(figures, 'wholesale', 'nev', period)}。")
    splits = [(label, v("wholesale", scope)) for label, scope in (("纯电动批发", "bev"), ("狭义插混批发", "phev"), ("增程式批发", "erev"))]
    if any(value for _, value in splits):
        paragraphs.append("新能源批发中，" + "；".join(f"{label}{wan(value)}万辆" for label, value in splits if value) + "。")
    paragraphs.append("新能源车型供给持续丰富，各主力厂商新品密集上市，市场竞争仍然激烈。")
    return paragraphs


def analysis_title(period: str) -> str:
    year, mon = parse_month(period)
    return f"【月度分析】{year}年{mon}月份全国乘用车市场分析"


def analysis_published(period: str) -> date:
    year, mon = parse_month(shift_month(period, 1))
    return date(year, mon, 10)


def nev_slide(figures: Figures, period: str, **degraded) -> bytes:
    """The NEV slide of a month's analysis: a row per month of its year, in each block the CSV's figures
    (`degraded`: render_slide's rotate, scale, jpeg_quality)."""
    return cpca_slides.render_slide(cpca_slides.slide_title(*parse_month(period)), nev_slide_blocks(figures, period), **degraded)


def nev_slide_blocks(figures: Figures, period: str) -> list[cpca_slides.Block]:
    year, mon = parse_month(period)
    blocks = []
    for label, metric in SLIDE_BLOCKS:
        rows = []
        for row_month in range(1, mon + 1):
            stated = [figures.value("market", metric, scope, month(year, row_month), ANALYSIS_BASIS) for scope in ("bev", "phev", "erev", "nev")]
            rows.append((f"{row_month}月份", tuple(wan(value) if value else "-" for value in stated)))
        blocks.append(cpca_slides.Block(label, tuple(rows)))
    return blocks


def slides(figures: Figures, period: str, listing: Listing) -> list[SampleDoc]:
    """The slides a month's analysis shows (none outside SLIDE_PERIODS), uploaded the day it was published."""
    if period not in SLIDE_PERIODS:
        return []
    year, mon = parse_month(period)
    pictures = (nev_slide(figures, period), cpca_slides.render_chart(f"{year}年{mon}月新能源乘用车零售走势", ("1月", f"{mon}月")))
    return [
        SampleDoc(
            url=f"{SITE}/admin/ewebeditor/uploadfile/{listing.published:%Y%m%d}0930{number:02d}.jpg", source="cpca", kind="slide",
            period=period, content=content, content_type="image/jpeg",
            fetched_at=f"{listing.published.isoformat()}T02:00:00+00:00", title=f"slide {number} of {listing.title}",
        )
        for number, content in enumerate(pictures, 1)
    ]


def analyses(figures: Figures, start: str, end: str) -> list[tuple[SampleDoc, Listing | None]]:
    """Each month's analysis page and its listing, then the slides it shows (listed on no list page)."""
    written = []
    for index, period in enumerate(month_range(start, end)):
        charset = "gbk" if index % 2 else "utf-8"
        listing = Listing(
            MONTHLY_SECTION, analysis_title(period),
            detail_href("csjd", detail_id(period, 12), anid_form=index % 5 == 3), analysis_published(period),
        )
        shown = slides(figures, period, listing)
        blocks = analysis_paragraphs(figures, period) + [Picture(doc.url.removeprefix(f"{SITE}/")) for doc in shown]
        written.append((detail_doc("monthly_analysis", period, listing, blocks, charset), listing))
        written += [(doc, None) for doc in shown]
    return written


def write(figures: Figures, start: str = "2024-01", end: str = "2025-12") -> list[SampleDoc]:
    """Every CPCA page of the months, then each section's list pages over them."""
    written = analyses(figures, start, end) + cpca_flashes.write(figures, start, end)
    listings = [listing for _, listing in written if listing] + cpca_flashes.mid_month_scans(figures, start, end)
    docs = [doc for doc, _ in written]
    for section, title in SECTION_TITLES.items():
        docs.extend(list_pages(title, section, [listing for listing in listings if listing.section == section]))
    return docs
