"""cpcaauto.com's page layouts for the CPCA sample writers: detail pages
(`div.tit`, `div.view span`, `div.text` of `section > span` runs, optional
reprinted ranking tables and slide pictures), list pages (`div.list_d ul li.q`, a pager) and the
detail ids and link forms the real site uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from extractors.cpca import BASE_URL, MONTHLY_SECTION, NEV_SECTION, WEEKLY_SECTION
from extractors.helpers import parse_month
from samples.writers import SampleDoc

SITE = BASE_URL
LIST_PAGE_SIZE = 10
# The list sections: 月度 commentary, 周度 commentary, the NEV monthly report.
SECTION_TITLES = {MONTHLY_SECTION: "月度", WEEKLY_SECTION: "周度", NEV_SECTION: "新能源月报"}


@dataclass(frozen=True)
class Table:
    """A ranking reprinted as an HTML table (the heading is the paragraph before it)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Picture:
    """A slide shown in a page's body, as the site's editor (ewebeditor) uploads it."""

    path: str  # admin/ewebeditor/uploadfile/….jpg


@dataclass(frozen=True)
class Listing:
    """One item of a section's list page."""

    section: str
    title: str
    href: str
    published: date


def detail_id(period: str, offset: int = 0) -> int:
    """Detail ids grow by about 30 a month (Jan-2025 about 3748)."""
    year, mon = parse_month(period)
    return 3748 + 30 * ((year - 2025) * 12 + mon - 1) + offset


def detail_href(types: str, ident: int, anid_form: bool = False) -> str:
    """A detail link; the real list mixes both forms (`id=` and `anid=`)."""
    return f"newslist.php?types={types}&{'anid' if anid_form else 'id'}={ident}"


def _block(block: str | Table | Picture) -> str:
    if isinstance(block, str):
        return f"<section><span>{escape(block)}</span></section>"
    if isinstance(block, Picture):
        return f'<p style="text-align: center;"><img src="/{escape(block.path)}" border="0" alt="" /></p>'
    head = "".join(f"<th>{escape(cell)}</th>" for cell in block.header)
    body = "\n".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
    return f'<table border="1" cellspacing="0">\n<tr>{head}</tr>\n{body}\n</table>'


def page_html(title: str, published: date, blocks: list[str | Table | Picture], charset: str) -> str:
    body = "\n".join(_block(block) for block in blocks)
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


def encode_page(html: str, charset: str) -> bytes:
    return html.encode("gb18030" if charset == "gbk" else "utf-8")


def detail_doc(kind: str, period: str, listing: Listing, blocks: list[str | Table | Picture], charset: str) -> SampleDoc:
    """A detail page as archived the day it was published."""
    html = page_html(listing.title, listing.published, blocks, charset)
    return SampleDoc(
        url=f"{SITE}/{listing.href}", source="cpca", kind=kind, period=period,
        content=encode_page(html, charset), content_type=f"text/html; charset={charset}",
        fetched_at=f"{listing.published.isoformat()}T02:00:00+00:00", encoding="gb18030" if charset == "gbk" else "utf-8",
        title=listing.title,
    )


def list_html(section_title: str, items: list[Listing], page: int, pages: int, section: str) -> str:
    rows = "\n".join(
        f'<li class="q"><a href="{escape(item.href)}" target="_blank">{escape(item.title)}</a><span>{item.published.isoformat()}</span></li>'
        for item in items
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


def list_pages(section_title: str, section: str, items: list[Listing]) -> list[SampleDoc]:
    """The section's list, newest first, cut into pages as the site does."""
    items = sorted(items, key=lambda item: item.published, reverse=True)
    pages = max(1, -(-len(items) // LIST_PAGE_SIZE))
    newest = items[0].published.isoformat() if items else "2026-01-01"
    return [
        SampleDoc(
            url=f"{SITE}/{section}&page={page}", source="cpca", kind="list", period="",
            content=list_html(section_title, items[(page - 1) * LIST_PAGE_SIZE : page * LIST_PAGE_SIZE], page, pages, section).encode("utf-8"),
            content_type="text/html; charset=utf-8", fetched_at=f"{newest}T03:00:00+00:00", encoding="utf-8",
        )
        for page in range(1, pages + 1)
    ]


def change_words(up: str, down: str, pct: float | None) -> str:
    """"，同比增长3.2%" / "，同比下降3.2%" (the sign is a word), or nothing when unknown."""
    if pct is None:
        return ""
    return f"，{up if pct >= 0 else down}{abs(pct):.1f}%"


def pct_cell(pct: float | None) -> str:
    """A change as a ranking table prints it ("+12.1%", "-14.0%"), blank when unknown."""
    return "" if pct is None else f"{pct:+.1f}%"
