"""Every text no site-specific source claims: news in English and Chinese,
Chinese reprints of CPCA's analyses, wire, SEC and HKEX copies of makers'
releases (source `press`).

What a document is comes from what it says (`extractors.reading`): a copy of a
maker's release is published under that maker; anything else is publisher
`press`, release `article`, each figure citing whom the text names as its
source (乘联会 / CPCA → `cites = "cpca"`). A count the readers cannot tie to
an entity, a metric and a period is skipped with its reason, never guessed;
a figure that needs a publication date and has none is skipped, not the whole
document.

Discovery pages a WordPress news site's date archives (`YYYY/MM/page/N/`,
default cnevpost.com) for the month and the next one, and keeps articles
whose headline reports the month, or announces something (a target) in it.
Press figures have the lowest precedence; those citing CPCA rank above plain press.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Iterator

from bs4 import BeautifulSoup

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.helpers import parse_month, shift_month
from extractors.listing import ListItem, discover_listed, discover_sections, read_list_items
from extractors.prose import Context, read_statements, reported_month
from extractors.reading import DocumentReading, read_document

log = logging.getLogger(__name__)
BASE_URL = "https://cnevpost.com"


def read(doc: Document) -> DocumentReading:
    """The figures a document states and the counts it skipped (with reasons); a ParseError when it states none."""
    reading = read_document(doc)
    if not reading.figures:
        reasons = "; ".join(dict.fromkeys(f"{s.number}: {s.reason}" for s in reading.skipped[:3]))
        raise ParseError(doc, "expected a count tied to a maker or the market, a metric (delivered, sold, 零售, 批发 …) and a period; "
                              f"found none ({len(reading.skipped)} counts skipped{': ' + reasons if reasons else ''})")
    if reading.skipped:
        log.info("%s: %d counts skipped (no entity, metric or period to tie them to)", doc.url or doc.sha256[:12], len(reading.skipped))
    return reading


def parse(doc: Document) -> list[Figure]:
    return read(doc).figures


def sniff(doc: Document) -> str | None:
    """Every document is the press's to read by content: it is asked last, after every source with a layout of its own."""
    return "article"


# ---------------------------------------------------------------- discovery


def _archive_items(doc: Document) -> list[ListItem]:
    return read_list_items(doc, "article", ".entry-title a[href], h2 a[href]", "time[datetime]", date_attribute="datetime")


def _last_page(doc: Document) -> int:
    soup = BeautifulSoup(doc.text, "lxml")
    pages = [int(m[1]) for a in soup.select("a.page-numbers[href]") if (m := re.search(r"/page/(\d+)/", a["href"]))]
    return max(pages, default=1)


def headline_month(title: str, published_on: date | None) -> str | None:
    """The month a headline reports, or the month it was published when it states a figure of no month (a target)."""
    return reported_month(read_statements(title, Context(published_on)), published_on)


def archive_path(archive_month: str, page: int) -> str:
    """A WordPress date archive page: YYYY/MM/page/N/."""
    year, mon = parse_month(archive_month)
    return f"{year}/{mon:02d}/page/{page}/"


def discover(period: str, web: Web) -> Iterator[DocumentRef]:
    """The month's articles, from the date archives of the month after it and of the month itself (either failing
    hides none of the other's)."""
    return discover_sections(
        discover_listed(
            period, web, source="press", list_path=lambda page, archive=archive_month: archive_path(archive, page),
            read_list=_archive_items, pages=_last_page, first_page=1,
            classify=lambda item: ("article", found) if (found := headline_month(item.title, item.published_on)) else None,
        )
        for archive_month in (shift_month(period, 1), period)
    )


SOURCE = Source(
    name="press",
    publisher="press",
    base_url=BASE_URL,
    discover=discover,
    parse=parse,
    sniff=sniff,
    read=read,
    kinds=("article",),
    description="Any other text: news in English and Chinese, reprints of CPCA, copies of makers' releases",
)
