"""Plain text: a title line, then paragraphs (blank-line separated, or one a
line), with the tables printed as text lifted out and HTML that was stored
escaped (`\\u003cp\\u003e…`) read as text."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

from extractors.base import Document
from extractors.formats.dates import metadata_date, publication_date, strip_metadata
from extractors.formats.model import Text
from extractors.formats.normal import normalized
from extractors.formats.tabular import lift_tables

_ESCAPED_HTML = re.compile(r"\\u003c/?[a-z!]|&lt;/?(?:p|div|br|span)\b", re.I)
_JSON_ESCAPES = {'\\"': '"', "\\/": "/", "\\n": "\n", "\\t": " "}
_SENTENCE_END = re.compile(r"[.。!?！？]$")
_BULLET = re.compile(r"^[•·\-–*]\s*")


def unescaped(text: str) -> str:
    """Text whose HTML was stored escaped, as the text that HTML shows; other text unchanged."""
    if not _ESCAPED_HTML.search(text):
        return text
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    for escape, char in _JSON_ESCAPES.items():
        text = text.replace(escape, char)
    soup = BeautifulSoup(html.unescape(text), "lxml")
    for block in soup.find_all(["p", "div", "br", "li", "tr", "h1", "h2", "h3"]):
        block.insert_after("\n")
    return soup.get_text()


def _blocks(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) <= 2:
        blocks = [line.strip() for line in lines if line.strip()]
    return blocks


def _title(blocks: list[str]) -> str:
    first = _BULLET.sub("", blocks[0]) if blocks else ""
    return first if len(blocks) > 1 and len(first) <= 160 and "\n" not in first and not _SENTENCE_END.search(first) else ""


def text_of(shown: str, url: str = "", title: str = "", tables: tuple = (), published_on=None, original: str = "",
            created_on=None) -> Text:
    """The Text of plain text, or of the text a page shows: `title`, `tables` ((rows, caption) pairs) and
    `published_on` when the page's markup gave them, `original` the document's own words; `created_on`
    (a file's creation date) dates it only when its text does not."""
    lines = unescaped(shown).splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), 0)
    metadata = metadata_date(lines[start]) if lines else None
    if metadata:
        lines[start] = strip_metadata(lines[start])
    lines, lifted = lift_tables(lines)
    blocks = _blocks(lines)
    title = title or _title(blocks)
    paragraphs = [b for b in blocks if _BULLET.sub("", b) != title] if title else blocks
    opening = [line.strip() for line in lines if line.strip()]
    published_on = publication_date(opening, url, "\n".join(paragraphs), created_on, stated=metadata or published_on, title=title)
    found = [*tables, *lifted]
    return normalized(title, paragraphs, original or shown, published_on, [t for t, _ in found], [c for _, c in found])


def read(doc: Document) -> Text:
    return text_of(doc.text, doc.url)
