"""HKEXnews (www1.hkexnews.hk): listed companies' filings, and reading their PDFs.

Discovery asks HKEXnews' title search for one stock's filings in a date
window: `search/prefix.do` turns the stock code into HKEX's internal stock
id (a JSONP answer), then `search/titlesearch.xhtml?…&stockId=…&from=…&to=…`
lists the filings, newest first, as table rows (`td.release-time`,
`div.doc-link a` → `/listedco/listconews/sehk/YYYY/MMDD/….pdf`). The window
is the data month and the months after it in which its filings appear, so
one page holds them all.
"""

from __future__ import annotations

import calendar
import io
import json
import re
import zlib
from contextlib import contextmanager
from datetime import date
from typing import Callable, Iterator

import pdfplumber
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extractors.base import Document, DocumentRef, ParseError, Web
from extractors.helpers import parse_month, shift_month
from extractors.listing import ListItem, read_list_items

BASE_URL = "https://www1.hkexnews.hk"


def prefix_path(stock_code: str) -> str:
    return f"search/prefix.do?callback=callback&lang=EN&type=A&name={stock_code}&market=SEHK"


def titlesearch_path(stock_id: str, first: date, last: date) -> str:
    return ("search/titlesearch.xhtml?lang=EN&category=0&market=SEHK&searchType=0&documentType=-1&t1code=-2&t2Gcode=-2"
            f"&t2code=-2&stockId={stock_id}&from={first:%Y%m%d}&to={last:%Y%m%d}&title=")


def filing_window(period: str, months_after: int) -> tuple[date, date]:
    """From the month's first day to the last day `months_after` months later."""
    last_year, last_month = parse_month(shift_month(period, months_after))
    return date(*parse_month(period), 1), date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])


def stock_id(web: Web, stock_code: str, period: str) -> str:
    """HKEX's internal id for a stock code, from the title search's prefix lookup."""
    answer = web.get(prefix_path(stock_code), kind="list", period=period)
    payload = re.search(r"\((\{.*\})\)\s*;?\s*$", answer.text, re.S)
    try:
        stocks = json.loads(payload.group(1))["stockInfo"] if payload else []
    except (json.JSONDecodeError, KeyError) as exc:
        raise ParseError(answer, f"expected a JSONP stockInfo list for stock {stock_code}") from exc
    for stock in stocks:
        if str(stock.get("code", "")).lstrip("0") == stock_code.lstrip("0"):
            return str(stock["stockId"])
    raise ParseError(answer, f"expected stock {stock_code} in the prefix lookup's stockInfo")


def filings(doc: Document) -> list[ListItem]:
    return read_list_items(doc, "tbody tr", "div.doc-link a[href]", "td.release-time")


def discover_filings(
    period: str, web: Web, *, source: str, stock_code: str, classify: Callable[[ListItem], tuple[str, str] | None], months_after: int = 3
) -> Iterator[DocumentRef]:
    """The stock's filings about `period`: those filed from the month's start to `months_after` months later."""
    listing = web.get(titlesearch_path(stock_id(web, stock_code, period), *filing_window(period, months_after)), kind="list", period=period)
    for item in filings(listing):
        found = classify(item)
        if found and found[1] == period:
            yield DocumentRef(url=item.href, source=source, kind=found[0], period=period, title=item.title)


# ---------------------------------------------------------------- PDFs


# What pdfplumber and pdfminer raise on a damaged or truncated file, when
# opening it or lazily, when a page is read.
PDF_ERRORS = (PdfminerException, MalformedPDFException, PSException, ValueError, KeyError, TypeError, AssertionError)
# Bytes of page content (the text and drawing operators, inflated) a PDF may hold: a filing's hundred pages hold
# a few MB; reading 1 MB of dense text operators takes pdfminer about half a minute.
PDF_CONTENT_CAP = 16 * 1024 * 1024


@contextmanager
def open_pdf(doc: Document) -> Iterator[pdfplumber.PDF]:
    """The document as an open PDF; anything unreadable inside the block is a ParseError naming it, and so is a
    PDF whose pages inflate to more than PDF_CONTENT_CAP bytes of content."""
    if not doc.content.startswith(b"%PDF"):
        raise ParseError(doc, "expected a PDF (the bytes do not start with %PDF)")
    try:
        with pdfplumber.open(io.BytesIO(doc.content)) as pdf:
            if _content_size(pdf) > PDF_CONTENT_CAP:
                raise ParseError(doc, f"expected a PDF whose pages inflate to at most {PDF_CONTENT_CAP:,} bytes of content "
                                      f"(PDF_CONTENT_CAP); the {len(pdf.pages)} page(s) of this one inflate to more")
            yield pdf
    except ParseError:
        raise
    except PDF_ERRORS as exc:
        raise ParseError(doc, f"expected a readable PDF (truncated or damaged?): {type(exc).__name__}: {exc}") from exc


def _content_size(pdf: pdfplumber.PDF) -> int:
    """Bytes the pages' content streams inflate to, counted no further than one past PDF_CONTENT_CAP."""
    size = 0
    for page in pdf.pages:
        for stream in map(resolve1, page.page_obj.contents):
            if isinstance(stream, PDFStream):
                size += _inflated(stream, PDF_CONTENT_CAP + 1 - size)
            if size > PDF_CONTENT_CAP:
                return size
    return size


def _inflated(stream: PDFStream, limit: int) -> int:
    """A content stream's inflated size, or `limit` when it is larger: a Flate stream (nearly all) is inflated
    only that far, so a compression bomb is never inflated whole; any other is decoded as pdfminer decodes it."""
    filters = [name for name, _ in stream.get_filters()]
    if stream.data is None and stream.decipher is None and len(filters) == 1 and filters[0] in LITERALS_FLATE_DECODE:
        try:
            return len(zlib.decompressobj().decompress(stream.rawdata, limit))
        except zlib.error:
            pass  # damaged: pdfminer's own recovery below
    return min(limit, len(stream.get_data()))


def pdf_text(doc: Document, pdf: pdfplumber.PDF, expected: str) -> str:
    """All pages' text; a PDF without a text layer (a scan) is a ParseError, not an empty result."""
    text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    if not text.strip():
        raise ParseError(doc, f"expected {expected}, but the PDF has no text layer (a scanned image?); OCR it or enter the figures by hand")
    return text


def first_page_text(doc: Document) -> str:
    """The first page's text, for sniffing; empty for anything that is not a readable PDF."""
    try:
        with open_pdf(doc) as pdf:
            return (pdf.pages[0].extract_text() or "") if pdf.pages else ""
    except ParseError:
        return ""
