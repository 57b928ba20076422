"""Reading cpcaauto.com pages: list pages (for discovery) and detail pages.

Selectors are the ones the real site uses: list items `div.list_d ul li.q`,
detail title `div.tit`, body `div.text` (runs of `section > span`, a
paragraph to each line), date in `div.view span`. A detail page's body becomes
the format layer's `Text` (`formats.plain.text_of`): its paragraphs, and the
rankings reprinted as HTML tables, each with the heading that names it as its
caption; the shared statement readers read it from there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup

from extractors.base import Document, ParseError
from extractors.formats import Text
from extractors.formats.html import own_cells, own_rows
from extractors.formats.plain import text_of
from extractors.helpers import month
from extractors.listing import ListItem, site_path

_DATE = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")
_DETAIL_LINK = re.compile(r"newslist\.php\?[^\"'#]*\b(?:id|anid)=\d+")


@dataclass(frozen=True)
class DetailPage:
    title: str
    published_on: date | None
    text: Text  # div.text as the statement readers read it, titled and dated


def _date(text: str) -> date | None:
    """The first date printed (2025-11-10, 2025年11月10日); None when there is none, or it is no date (2025-13-45)."""
    match = _DATE.search(text or "")
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
    except ValueError:
        return None


def list_items(doc: Document) -> list[ListItem]:
    """The detail links of a list page, newest first as the site shows them."""
    soup = BeautifulSoup(doc.text, "lxml")
    items = soup.select("div.list_d ul li.q") or soup.select("div.list_d li")
    found = []
    for item in items:
        link = item.find("a", href=_DETAIL_LINK)
        if link is None:
            continue
        found.append(ListItem(link.get_text(" ", strip=True), site_path(link["href"]), _date(item.get_text(" ", strip=True))))
    return found


def last_page(doc: Document) -> int:
    """The highest page number the list's pager links to (1 when it has none)."""
    soup = BeautifulSoup(doc.text, "lxml")
    numbers = [int(m.group(1)) for a in soup.select("div.page a[href]") if (m := re.search(r"[?&]page=(\d+)", a["href"]))]
    return max(numbers, default=1)


def detail_page(doc: Document) -> DetailPage:
    """Title, date and body text of a detail page, or a ParseError naming what is missing."""
    soup = BeautifulSoup(doc.text, "lxml")
    title, body = soup.select_one("div.tit"), soup.select_one("div.text")
    missing = [name for name, node in (("div.tit", title), ("div.text", body)) if node is None or not node.get_text(strip=True)]
    if missing:
        raise ParseError(doc, f"expected a CPCA detail page with div.tit and div.text; missing or empty: {', '.join(missing)}")
    dates = " ".join(span.get_text(" ", strip=True) for span in soup.select("div.view span"))
    tables = tuple((_rows(node), _heading(node)) for node in body.find_all("table"))
    for node in body.find_all("table"):
        node.decompose()
    heading, published_on = title.get_text(" ", strip=True), _date(dates)
    prose = _spaces(body.get_text("\n", strip=True))
    return DetailPage(heading, published_on, text_of(doc, prose, heading, tables, published_on, doc.text))


def slide_links(doc: Document) -> list[str]:
    """The slide pictures a detail page shows in its body (`admin/ewebeditor/uploadfile/*.jpg`), in page order,
    as site paths."""
    body = BeautifulSoup(doc.text, "lxml").select_one("div.text")
    sources = [img.get("src", "") for img in body.find_all("img")] if body is not None else []
    return list(dict.fromkeys(site_path(src) for src in sources if _SLIDE.search(src)))


_SLIDE = re.compile(r"uploadfile/[^\"'?#]+\.(?:jpe?g|png)$", re.I)


def _spaces(text: str) -> str:
    return re.sub(r"[ \t\u3000\xa0]+", " ", text)


def _heading(node) -> str:
    """A table's caption, else the text printed just before it."""
    caption = node.find("caption")
    if caption is not None and caption.get_text(strip=True):
        return _spaces(caption.get_text(" ", strip=True))
    before = node.find_previous(
        lambda tag: tag.name in _TEXT_TAGS and tag.get_text(strip=True) and not tag.find("table") and not tag.find_parent("table")
    )
    return _spaces(before.get_text(" ", strip=True)) if before is not None else ""


def _rows(node) -> tuple[tuple[str, ...], ...]:
    rows = (tuple(_spaces(cell.get_text(" ", strip=True)) for cell in own_cells(row)) for row in own_rows(node))
    return tuple(row for row in rows if any(row))


_TEXT_TAGS = {"span", "p", "section", "strong", "b", "h2", "h3", "h4", "div"}


def title_month(pattern: re.Pattern, title: str, published_on: date | None) -> tuple[int, int] | None:
    """(year, month) a title is about (None for a month that does not exist). `pattern` has groups `year` (may be absent from
    the title, e.g. "7月新能源乘用车厂商批发销量快讯") and `mon`; a missing year is the
    one in which that month last ended before the publication date."""
    match = pattern.search(title)
    if not match or not 1 <= int(match.group("mon")) <= 12:
        return None
    mon = int(match.group("mon"))
    if match.group("year"):
        return int(match.group("year")), mon
    if published_on is None:
        return None
    return (published_on.year - 1 if mon >= published_on.month else published_on.year), mon


def title_period(pattern: re.Pattern, title: str, published_on: date | None) -> str | None:
    """The month (YYYY-MM) a title is about, or None when the title is not of this pattern."""
    found = title_month(pattern, title, published_on)
    return month(*found) if found else None
