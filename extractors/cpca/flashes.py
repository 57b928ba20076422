"""CPCA's early (flash) publications about a month, all `release="flash"`:

- the NEV maker wholesale flash (新能源乘用车厂商批发销量快讯, 1st-5th): a
  market total estimated from the makers above 10,000 units ("约172万辆") and
  the makers' rows, as prose or as a reprinted table; counts are NEV wholesale;
- the ranking flash (【月度排名】YYYY年M月厂商销量排名快报): market prose and
  the makers' rankings over all powertrains (wholesale, and exports where a
  table says 出口);
- the month-end edition of the weekly market scan (车市扫描 … 1-30日 / 1-31日):
  month-to-date market figures that are the whole month's first numbers.
  Mid-month editions (1-9日, 1-16日 …) are not about a whole month and are
  not read.

CPCA warns flash figures can differ from the makers' final data; the monthly
analysis (`final`) and the data API (`api`) supersede them in the warehouse's
precedence without removing them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from extractors.base import Document, Figure, ParseError
from extractors.cpca.figures import page_figures
from extractors.cpca.pages import DetailPage, title_period
from extractors.helpers import month

RELEASE = "flash"

NEV_FLASH_TITLE = re.compile(r"(?:(?P<year>\d{4})年)?(?P<mon>\d{1,2})月份?\s*新能源乘用车厂商批发销量快讯")
RANKING_TITLE = re.compile(r"【月度排名】\s*(?P<year>\d{4})年(?P<mon>\d{1,2})月份?厂商销量排名快报")
SCAN_TITLE = re.compile(r"车市扫描.*?(?P<year>\d{4})年(?P<mon>\d{1,2})月\s*1\s*[-–~至]\s*(?P<end>\d{1,2})日")


def nev_flash_period(title: str, published_on: date | None) -> str | None:
    return title_period(NEV_FLASH_TITLE, title, published_on)


def ranking_period(title: str, published_on: date | None) -> str | None:
    return title_period(RANKING_TITLE, title, published_on)


def scan_period(title: str, published_on: date | None) -> str | None:
    """The month of a month-end scan (its count runs from the 1st to the month's last day), else None."""
    match = SCAN_TITLE.search(title)
    if not match or not 1 <= int(match.group("mon")) <= 12:
        return None
    year, mon = int(match.group("year")), int(match.group("mon"))
    return month(year, mon) if int(match.group("end")) == calendar.monthrange(year, mon)[1] else None


def _makers_and_market(doc: Document, page: DetailPage, pattern: re.Pattern, expected_title: str, what: str) -> list[Figure]:
    if not title_period(pattern, page.title, page.published_on):
        raise ParseError(doc, f"expected a title like {expected_title} (div.tit), found {page.title!r}")
    figures = page_figures(doc, page, RELEASE, maker_rows=True)
    if not figures:
        raise ParseError(
            doc,
            f"expected {what} in div.text: a market total in 万辆, or maker rows (a table whose header has a "
            "厂商 column, or clauses like 比亚迪汽车340799辆 / 小米汽车2万+); found none",
        )
    return figures


def parse_nev_flash(doc: Document, page: DetailPage) -> list[Figure]:
    return _makers_and_market(doc, page, NEV_FLASH_TITLE, "[YYYY年]M月新能源乘用车厂商批发销量快讯", "the NEV makers' wholesale")


def parse_ranking(doc: Document, page: DetailPage) -> list[Figure]:
    return _makers_and_market(doc, page, RANKING_TITLE, "【月度排名】YYYY年M月厂商销量排名快报", "the makers' ranking")


def parse_scan(doc: Document, page: DetailPage) -> list[Figure]:
    if not scan_period(page.title, page.published_on):
        raise ParseError(
            doc, f"expected a month-end 车市扫描 title like 【车市扫描】YYYY年M月1-30日… (div.tit), found {page.title!r}"
        )
    figures = page_figures(doc, page, RELEASE)
    if not figures:
        raise ParseError(doc, "expected month-to-date figures in 万辆 after 零售 / 批发 / 新能源 in div.text; found none")
    return figures
