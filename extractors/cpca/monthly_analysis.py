"""【月度分析】YYYY年M月份全国乘用车市场分析: CPCA's final monthly figures.

Production, wholesale, retail, exports, NEV retail and wholesale, BEV / PHEV /
EREV wholesale, ICE retail and NEV penetration, each with YoY and MoM, plus
year-to-date (1-N月累计) figures: all read from the page by the shared readers
(`figures`).
"""

from __future__ import annotations

import re
from datetime import date

from extractors.base import Document, Figure, ParseError
from extractors.cpca.figures import page_figures
from extractors.cpca.pages import DetailPage, title_period

TITLE = re.compile(r"【月度分析】\s*(?P<year>\d{4})年(?P<mon>\d{1,2})月份?全国乘用车市场分析")
RELEASE = "final"


def period(title: str, published_on: date | None) -> str | None:
    return title_period(TITLE, title, published_on)


def parse(doc: Document, page: DetailPage) -> list[Figure]:
    if not period(page.title, page.published_on):
        raise ParseError(doc, f"expected a title like 【月度分析】YYYY年M月份全国乘用车市场分析 (div.tit), found {page.title!r}")
    figures = page_figures(doc, page, RELEASE)
    if not figures:
        raise ParseError(
            doc, "expected figures in 万辆 after 零售 / 批发 / 新能源 / 出口 / 生产 in div.text; found none"
        )
    return figures
