"""CPCA sample pages in cpcaauto.com's layout: list pages and monthly analyses."""

from __future__ import annotations

from datetime import date
from html import escape

from extractors.helpers import month_range, parse_month, shift_month
from samples.writers import Figures, SampleDoc, pct_change, wan

SITE = "https://www.cpcaauto.com"
ANALYSIS_BASIS = "cpca-monthly-analysis"
ANALYSIS_SECTION = "news.php?types=csjd&anid=129"
LIST_PAGE_SIZE = 10


def detail_id(period: str, offset: int = 0) -> int:
    """Detail ids grow by about 30 a month (Jan-2025 about 3748)."""
    year, mon = parse_month(period)
    return 3748 + 30 * ((year - 2025) * 12 + mon - 1) + offset


def page_html(title: str, published: date, paragraphs: list[str], charset: str) -> str:
    body = "\n".join(f"<section><span>{escape(p)}</span></section>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(title)}-乘联分会</title>
</head>
<body>
<div class="top"><div class="nav"><a href="index.php">首页</a><a href="news.php?types=csjd&anid=129">市场解读</a><a href="news.php?types=bgzl&anid=126">报告资料</a></div></div>
<div class="main">
<div class="news_detail">
<div class="tit">{escape(title)}</div>
<div class="view"><span>发布时间：{published.isoformat()}</span><span>来源：乘联分会</span></div>
<div class="text">
{body}
</div>
</div>
</div>
<div class="footer">全国乘用车市场信息联席会 版权所有</div>
</body>
</html>
"""


def list_html(section_title: str, items: list[tuple[str, str, date]], page: int, pages: int, section: str) -> str:
    rows = "\n".join(
        f'<li class="q"><a href="{escape(href)}" target="_blank">{escape(title)}</a><span>{published.isoformat()}</span></li>'
        for title, href, published in items
    )
    nav = " ".join(f'<a href="{escape(section)}&page={n}">{n}</a>' for n in range(1, pages + 1))
    return f"""<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{escape(section_title)}-乘联分会</title></head>
<body>
<div class="main">
<div class="list_d">
<ul>
{rows}
</ul>
</div>
<div class="page">{nav}</div>
</div>
</body>
</html>
"""


def encode_page(html: str, charset: str) -> bytes:
    return html.encode("gb18030" if charset == "gbk" else "utf-8")


def _change(word_up: str, word_down: str, pct: float | None) -> str:
    if pct is None:
        return ""
    return f"，{word_up if pct >= 0 else word_down}{abs(pct):.1f}%"


def _changes(figures: Figures, metric: str, scope: str, period: str) -> str:
    value = figures.value("market", metric, scope, period, ANALYSIS_BASIS)
    yoy = pct_change(value, figures.value("market", metric, scope, shift_month(period, -12), ANALYSIS_BASIS))
    mom = pct_change(value, figures.value("market", metric, scope, shift_month(period, -1), ANALYSIS_BASIS))
    return _change("同比增长", "同比下降", yoy) + _change("环比增长", "环比下降", mom)


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
            text += f"；1-12月累计零售{wan(annual)}万辆{_change('同比增长', '同比下降', growth)}"
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


def write(figures: Figures, start: str = "2024-01", end: str = "2025-12") -> list[SampleDoc]:
    docs, listed = [], []
    for index, period in enumerate(month_range(start, end)):
        charset = "gbk" if index % 2 else "utf-8"
        title, published = analysis_title(period), analysis_published(period)
        href = f"newslist.php?types=csjd&id={detail_id(period, 12)}"
        # The real list mixes both link forms: some items carry anid= instead of id=.
        if index % 5 == 3:
            href = f"newslist.php?types=csjd&anid={detail_id(period, 12)}"
        html = page_html(title, published, analysis_paragraphs(figures, period), charset)
        docs.append(
            SampleDoc(
                url=f"{SITE}/{href}", source="cpca", kind="monthly_analysis", period=period,
                content=encode_page(html, charset), content_type=f"text/html; charset={charset}",
                fetched_at=f"{published.isoformat()}T02:00:00+00:00", encoding="gb18030" if charset == "gbk" else "utf-8",
                title=title,
            )
        )
        listed.append((title, href, published))
    docs.extend(list_pages("月度分析", ANALYSIS_SECTION, listed))
    return docs


def list_pages(section_title: str, section: str, items: list[tuple[str, str, date]]) -> list[SampleDoc]:
    """The section's list, newest first, cut into pages as the site does."""
    items = sorted(items, key=lambda item: item[2], reverse=True)
    pages = max(1, -(-len(items) // LIST_PAGE_SIZE))
    newest = items[0][2].isoformat() if items else "2026-01-01"
    return [
        SampleDoc(
            url=f"{SITE}/{section}&page={page}", source="cpca", kind="list", period="",
            content=list_html(section_title, items[(page - 1) * LIST_PAGE_SIZE : page * LIST_PAGE_SIZE], page, pages, section).encode("utf-8"),
            content_type="text/html; charset=utf-8", fetched_at=f"{newest}T03:00:00+00:00", encoding="utf-8",
        )
        for page in range(1, pages + 1)
    ]
