"""The format layer: any document's bytes → one normalized `Text`.

A `Text` is what every statement reader reads: a title, a publication date,
a language, paragraphs and tables. Chinese in traditional script is converted
to simplified (萬輛 → 万辆) so one reader serves both; `original` keeps the
document's own words for evidence. Which module reads the bytes is decided
by what they are (PDF, JSON, HTML, plain text), never by the site.
"""

from __future__ import annotations

from datetime import date

from extractors.base import Document, ParseError
from extractors.formats import html, plain
from extractors.formats.model import Table, Text


def read_text(doc: Document, published: date | None = None) -> Text:
    """The normalized text of a document; `published` is used when the document carries no date."""
    head = doc.content.lstrip()[:1024]
    if head.startswith(b"%PDF"):
        raise ParseError(doc, "expected HTML, JSON or plain text; PDF documents are read by their source")
    reader = html.read if html.looks_like_html(head) else plain.read
    text = reader(doc)
    if published and text.published_on is None:
        text = text.dated(published)
    return text


__all__ = ["Table", "Text", "read_text"]
