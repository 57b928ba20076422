"""PDF: the text layer outside the tables, and the tables as rows of cells
(pdfplumber), read then as plain text is; dated by its text, else by the
file's creation date."""

from __future__ import annotations

import re

from extractors.base import Document
from extractors.formats.model import Table, Text
from extractors.formats.plain import text_of
from extractors.helpers import parse_date
from extractors.hkex import open_pdf, pdf_text

_CREATED = re.compile(r"D:(\d{4})(\d{2})(\d{2})")


def _page(page) -> tuple[str, list[Table]]:
    """A page's text outside its tables, and its tables."""
    found = page.find_tables()
    tables = [tuple(tuple((cell or "").replace("\n", " ").strip() for cell in row) for row in t.extract()) for t in found]
    outside = page
    for table in found:
        outside = outside.outside_bbox(table.bbox)
    return outside.extract_text() or "", tables


def read(doc: Document) -> Text:
    with open_pdf(doc) as pdf:
        pdf_text(doc, pdf, "a PDF with text")
        pages = [_page(page) for page in pdf.pages]
        created = _CREATED.match(str(pdf.metadata.get("CreationDate", "")))
    shown = "\n\n".join(text for text, _ in pages)
    tables = tuple((table, "") for _, found in pages for table in found)
    published_on = parse_date("-".join(created.groups())) if created else None
    return text_of(doc, shown, tables=tables, original=shown, created_on=published_on)
