"""The format layer: any document's bytes → one normalized `Text`.

A `Text` is what every statement reader reads: a title, a publication date,
a language, paragraphs and tables. Chinese in traditional script is converted
to simplified (萬輛 → 万辆) so one reader serves both; `original` keeps the
document's own words for evidence. Which module reads the bytes is decided
by what they are (PDF, picture, JSON, HTML, plain text), never by the site.

Modules: `plain` (text, and the text every other format shows), `html`,
`pdf`, `image` (pictures, through the OCR engine `ocr`), `structured` (JSON), `tabular` (tables printed as text), `dates`,
`chinese` and `normal` (one script, one language), `model`.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from extractors.base import Document, ParseError
from extractors.formats import html, image, pdf, plain, structured
from extractors.formats.model import Table, Text


def _reader(doc: Document):
    if doc.is_pdf:
        return pdf.read
    if doc.is_image:
        return image.read
    head = doc.content.lstrip()[:1024]
    if head[:1] in (b"{", b"["):
        return structured.read
    return html.read if html.looks_like_html(head) else plain.read


_RECENT: OrderedDict[tuple, Text] = OrderedDict()  # recognising a document asks several sources to read the same bytes
_RECENT_SIZE = 16


def read_text(doc: Document, published: date | None = None) -> Text:
    """The normalized text of a document; `published` (or the document's own `published_on`) dates it
    when its bytes carry no date."""
    key = (doc.content, doc.url, doc.content_type, doc.encoding, published or doc.published_on)
    if key not in _RECENT:
        _RECENT[key] = _read(doc, published)
        if len(_RECENT) > _RECENT_SIZE:
            _RECENT.popitem(last=False)
    return _RECENT[key]


def _read(doc: Document, published: date | None) -> Text:
    text = _reader(doc)(doc)
    if not text.paragraphs and not text.tables and not text.title:
        raise ParseError(doc, f"expected readable text (a title, paragraphs or tables); found {len(doc.content)} bytes with none")
    if text.published_on is None and (published or doc.published_on):
        text = text.dated(published or doc.published_on)
    return text


__all__ = ["Table", "Text", "read_text"]
