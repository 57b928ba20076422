"""CPCA (乘联分会, cpcaauto.com): the market's reference publications.

Each publication kind is found in a list section of the site by its title
pattern and read by its own parser. Discovery pages a section's list until
the month's documents are found or the list has gone past the month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterator

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.cpca import monthly_analysis
from extractors.cpca.pages import DetailPage, detail_page, last_page, list_items
from extractors.helpers import month, parse_month

BASE_URL = "https://www.cpcaauto.com"
MAX_LIST_PAGES = 12


@dataclass(frozen=True)
class Publication:
    kind: str
    section: str
    title: re.Pattern
    parse: Callable[[Document, DetailPage], list[Figure]]


PUBLICATIONS: tuple[Publication, ...] = (
    Publication("monthly_analysis", "news.php?types=csjd&anid=129", monthly_analysis.TITLE, monthly_analysis.parse),
)
_BY_KIND = {p.kind: p for p in PUBLICATIONS}


def _title_period(publication: Publication, title: str) -> str | None:
    match = publication.title.search(title)
    return month(match.group(1), match.group(2)) if match else None


def discover(period: str, web: Web) -> Iterator[DocumentRef]:
    """The month's CPCA documents, found by paging each section's list."""
    year, mon = parse_month(period)
    month_start = date(year, mon, 1)
    sections: dict[str, list[Publication]] = {}
    for publication in PUBLICATIONS:
        sections.setdefault(publication.section, []).append(publication)
    for section, publications in sections.items():
        wanted = {p.kind for p in publications}
        for page in range(1, MAX_LIST_PAGES + 1):
            listing = web.get(f"{section}&page={page}", kind="list", period=period)
            items = list_items(listing)
            if not items:
                break
            for item in items:
                for publication in publications:
                    if publication.kind in wanted and _title_period(publication, item.title) == period:
                        wanted.discard(publication.kind)
                        yield DocumentRef(url=item.href, source="cpca", kind=publication.kind, period=period, title=item.title)
            dated = [item.published_on for item in items if item.published_on]
            passed_month = bool(dated) and min(dated) < month_start
            if not wanted or passed_month or page >= last_page(listing):
                break


def sniff(doc: Document) -> str | None:
    """The publication kind of a CPCA detail page, or None."""
    if b"div" not in doc.content[:200_000] or "tit" not in doc.text:
        return None
    try:
        page = detail_page(doc)
    except ParseError:
        return None
    return next((p.kind for p in PUBLICATIONS if p.title.search(page.title)), None)


def parse(doc: Document) -> list[Figure]:
    kind = doc.kind if doc.kind in _BY_KIND else sniff(doc)
    if kind not in _BY_KIND:
        raise ParseError(doc, f"expected one of the CPCA publications {sorted(_BY_KIND)}; the title matches none")
    return _BY_KIND[kind].parse(doc, detail_page(doc))


SOURCE = Source(
    name="cpca",
    publisher="cpca",
    base_url=BASE_URL,
    discover=discover,
    parse=parse,
    sniff=sniff,
    kinds=tuple(_BY_KIND),
    description="CPCA monthly analysis, flashes and scans (cpcaauto.com HTML)",
)
