"""HTML of any layout: the page's own structure when it has one, else its
main content as trafilatura finds it. The page's text is then read as plain
text is (tables printed in paragraphs, datelines), its metadata dating it."""

from __future__ import annotations

import re

import htmldate
import trafilatura
from bs4 import BeautifulSoup
from lxml import etree

from extractors.base import Document
from extractors.formats.model import Table, Text
from extractors.formats.plain import text_of
from extractors.helpers import parse_date

_HTML = re.compile(rb"<(?:!doctype html|html|head|body|article|div|p)\b", re.I)
_BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "blockquote", "pre"]
_CONTAINERS = "article, main, [itemprop=articleBody], .article, .content, #content"
_ENOUGH_TEXT = 200  # characters of paragraph text below which the page's structure is not trusted
_CHROME = ["script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe"]


def looks_like_html(head: bytes) -> bool:
    return bool(_HTML.search(head))


def _title(soup: BeautifulSoup) -> str:
    meta = soup.select_one('meta[property="og:title"]')
    heading = soup.select_one("article h1, h1")
    return ((meta.get("content", "") if meta else "") or (heading.get_text(" ", strip=True) if heading else "")
            or (soup.title.get_text(strip=True) if soup.title else "")).strip()


def _metadata_date(page: str):
    """The publication date the page's markup states (meta tags, JSON-LD, <time>), never its body text."""
    try:
        found = htmldate.find_date(page, extensive_search=False, original_date=True)
    except ValueError:
        found = None
    return parse_date(found) if found else None


def own_rows(table) -> list:
    """A table's own rows, in order (a table nested in a cell keeps its rows to itself): looking no deeper than
    thead / tbody / tfoot keeps reading deeply nested tables linear."""
    found = []
    for child in table.find_all(True, recursive=False):
        if child.name == "tr":
            found.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            found += child.find_all("tr", recursive=False)
    return found


def own_cells(tr) -> list:
    return tr.find_all(["th", "td"], recursive=False)


def rows(table) -> Table:
    return tuple(tuple(cell.get_text(" ", strip=True) for cell in own_cells(tr)) for tr in own_rows(table))


def _caption(table) -> str:
    """A table's <caption>, else the paragraph or heading printed before it."""
    caption = table.find("caption") or table.find_previous(_BLOCKS)
    return caption.get_text(" ", strip=True) if caption else ""


def _own_structure(soup: BeautifulSoup) -> tuple[list[str], list[tuple[Table, str]]]:
    tables = [(rows(t), _caption(t)) for t in soup.find_all("table")]
    for table in soup.find_all("table"):
        table.decompose()
    container = soup.select_one(_CONTAINERS) or soup.body or soup
    paragraphs = [p.get_text(" ", strip=True) for p in container.find_all(_BLOCKS) if not p.find(_BLOCKS)]
    return [p for p in paragraphs if p], tables


def _main_content(page: str) -> tuple[list[str], list[tuple[Table, str]]]:
    """Paragraphs and tables of the page's main content, as trafilatura extracts it."""
    extracted = trafilatura.extract(page, include_tables=True, output_format="xml", favor_recall=True)
    if not extracted:
        return [], []
    main = etree.fromstring(extracted.encode("utf-8")).find("main")
    paragraphs, tables = [], []
    for element in main.iter("p", "head", "item", "quote", "table"):
        if element.tag == "table":
            cells = tuple(tuple(" ".join(c.itertext()).strip() for c in row.iter("cell")) for row in element.iter("row"))
            tables.append((cells, paragraphs[-1] if paragraphs else ""))
        elif element.getparent() is None or element.getparent().tag != "cell":
            text = " ".join(" ".join(element.itertext()).split())
            if text:
                paragraphs.append(text)
    return paragraphs, tables


def read(doc: Document) -> Text:
    page = doc.text
    soup = BeautifulSoup(page, "lxml")
    for node in soup(_CHROME):
        node.decompose()
    title = _title(soup)
    paragraphs, tables = _own_structure(soup)
    if sum(len(p) for p in paragraphs) < _ENOUGH_TEXT:
        extracted, extracted_tables = _main_content(page)
        if sum(len(p) for p in extracted) > sum(len(p) for p in paragraphs):
            paragraphs, tables = extracted, extracted_tables or tables
    return text_of(doc, "\n\n".join(paragraphs), title, tuple(tables), _metadata_date(page), page)
