"""HTML of any layout: the page's own structure when it has one, else
main-content extraction (trafilatura)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from extractors.base import Document
from extractors.formats.dates import date_in_lines, date_in_url
from extractors.formats.model import Text
from extractors.formats.plain import normalized
from extractors.helpers import parse_date

_HTML = re.compile(rb"<(?:!doctype html|html|head|body|article|div|p)\b", re.I)


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML.search(head))


def _title(soup: BeautifulSoup) -> str:
    meta = soup.select_one('meta[property="og:title"]')
    heading = soup.select_one("article h1, h1")
    return ((meta.get("content", "") if meta else "") or (heading.get_text(" ", strip=True) if heading else "")
            or (soup.title.get_text(strip=True) if soup.title else ""))


def _published(soup: BeautifulSoup):
    stamp = soup.select_one('meta[property="article:published_time"], meta[name="date"], meta[itemprop="datePublished"], '
                           'meta[name="pubdate"], meta[name="publishdate"]')
    found = parse_date(stamp.get("content", "")) if stamp else None
    if found is None and (time := soup.select_one("time[datetime]")):
        found = parse_date(time["datetime"])
    return found


def rows(table) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])) for tr in table.find_all("tr"))


def read(doc: Document) -> Text:
    original = doc.text
    soup = BeautifulSoup(original, "lxml")
    for node in soup(["script", "style", "noscript", "nav", "footer", "header", "aside"]):
        node.decompose()
    title = _title(soup)
    tables = tuple(rows(t) for t in soup.find_all("table"))
    for table in soup.find_all("table"):
        table.decompose()
    container = soup.select_one("article, main, [itemprop=articleBody]") or soup.body or soup
    paragraphs = [p.get_text(" ", strip=True) for p in container.find_all(["p", "li", "h2", "h3"]) if p.get_text(strip=True)]
    if not paragraphs:
        paragraphs = [line.strip() for line in container.get_text("\n").splitlines() if line.strip()]
    published_on = _published(soup) or date_in_lines(paragraphs[:3]) or date_in_url(doc.url)
    return normalized(title, paragraphs, original, published_on, tables)
