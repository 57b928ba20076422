"""Reading cpcaauto.com pages: list pages (for discovery) and detail pages.

Selectors are the ones the real site uses: list items `div.list_d ul li.q`,
detail title `div.tit`, body `div.text` (runs of `section > span`, so its
whole text is taken), date in `div.view span`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bs4 import BeautifulSoup

from extractors.base import Document, ParseError

_DATE = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")
_DETAIL_LINK = re.compile(r"newslist\.php\?[^\"'#]*\b(?:id|anid)=\d+")


@dataclass(frozen=True)
class ListItem:
    title: str
    href: str
    published_on: date | None


@dataclass(frozen=True)
class DetailPage:
    title: str
    published_on: date | None
    body: str


def _date(text: str) -> date | None:
    match = _DATE.search(text or "")
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None


def list_items(doc: Document) -> list[ListItem]:
    """The detail links of a list page, newest first as the site shows them."""
    soup = BeautifulSoup(doc.text, "lxml")
    items = soup.select("div.list_d ul li.q") or soup.select("div.list_d li")
    found = []
    for item in items:
        link = item.find("a", href=_DETAIL_LINK)
        if link is None:
            continue
        found.append(ListItem(link.get_text(" ", strip=True), link["href"], _date(item.get_text(" ", strip=True))))
    return found


def last_page(doc: Document) -> int:
    """The highest page number the list's pager links to (1 when it has none)."""
    soup = BeautifulSoup(doc.text, "lxml")
    numbers = [int(m.group(1)) for a in soup.select("div.page a[href]") if (m := re.search(r"[?&]page=(\d+)", a["href"]))]
    return max(numbers, default=1)


def detail_page(doc: Document, markers: str = "div.tit, div.text") -> DetailPage:
    """Title, date and body text of a detail page, or a ParseError naming what is missing."""
    soup = BeautifulSoup(doc.text, "lxml")
    title, body = soup.select_one("div.tit"), soup.select_one("div.text")
    missing = [name for name, node in (("div.tit", title), ("div.text", body)) if node is None or not node.get_text(strip=True)]
    if missing:
        raise ParseError(doc, f"expected a CPCA detail page with {markers}; missing or empty: {', '.join(missing)}")
    dates = " ".join(span.get_text(" ", strip=True) for span in soup.select("div.view span"))
    return DetailPage(
        title=title.get_text(" ", strip=True),
        published_on=_date(dates),
        body=re.sub(r"[ \t\u3000\xa0]+", " ", body.get_text("\n", strip=True)),
    )
