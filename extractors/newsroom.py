"""Makers' newsrooms: paged list pages for discovery, release pages for parsing.

NIO, XPeng, Li Auto and Zeekr publish on investor-relations sites built on
one platform (Notified: ir.nio.com/news-events/news-releases,
ir.xiaopeng.com/news-releases, ir.lixiang.com/news-releases,
ir.zeekr.com/news-releases): a list paged with `?page=N` from 0, newest
first, each entry a dated `.nir-widget--news--headline` link to
`/news-releases/news-release-details/<slug>`, and release pages whose body
holds the prose and its tables. Leapmotor's site (ir.leapmotor.com) is laid
out differently and read the same way. A `Newsroom` is one maker's site:
where its list is, how its pages are laid out, which release titles carry
figures, and which entity "the Company" is.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Iterator

from bs4 import BeautifulSoup

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.formats import read_text
from extractors.helpers import MONTHS_EN, month
from extractors.listing import ListItem, discover_listed, read_list_items
from extractors.prose import Context, defined_company
from extractors.reading import figures_from, statements

log = logging.getLogger(__name__)
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
QUARTER_NAMES = "First|Second|Third|Fourth"

_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# ---------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Layout:
    """CSS selectors of one site's list pages (release pages are read by the format layer)."""

    list_item: str
    list_link: str
    list_date: str
    pager_link: str
    first_page: int


NOTIFIED = Layout(
    list_item="div.nir-widget--list article",
    list_link=".nir-widget--news--headline a[href]",
    list_date=".nir-widget--news--date-time",
    pager_link="nav.pager a[href]",
    first_page=0,
)


def list_items(doc: Document, layout: Layout) -> list[ListItem]:
    return read_list_items(doc, layout.list_item, layout.list_link, layout.list_date)


def last_page(doc: Document, layout: Layout) -> int:
    soup = BeautifulSoup(doc.text, "lxml")
    pages = [int(m[1]) for a in soup.select(layout.pager_link) if (m := re.search(r"[?&]page=(\d+)", a["href"]))]
    return max(pages, default=layout.first_page)


# ---------------------------------------------------------------- publications


@dataclass(frozen=True)
class Publication:
    """A kind of release, recognised by its title; the title also names its data month.

    The pattern's named groups: `year`, and `month`, `quarter` (first … fourth
    or 1-4), `half` or `annual`. Quarterly results are filed under the
    quarter's last month, annual ones under December.
    """

    kind: str
    release: str
    title: re.Pattern

    def data_month(self, title: str) -> str | None:
        match = self.title.search(title)
        if not match:
            return None
        groups = {k: v for k, v in match.groupdict().items() if v}
        year = int(groups["year"])
        if "month" in groups:
            return month(year, MONTHS_EN[groups["month"].lower()])
        if "quarter" in groups:
            return month(year, 3 * _QUARTERS[groups["quarter"].lower()])
        if "half" in groups:
            return month(year, 6)
        return month(year, 12)


# ---------------------------------------------------------------- a maker's newsroom


@dataclass(frozen=True)
class Newsroom:
    """One maker's release site and how to read it."""

    name: str
    publisher: str
    company: str | None  # the entity "the Company" means unless the release defines it
    base_url: str
    list_path: str  # with {page}
    layout: Layout
    publications: tuple[Publication, ...]
    description: str

    def publication(self, title: str) -> Publication | None:
        return next((p for p in self.publications if p.title.search(title)), None)

    def classify(self, item: ListItem) -> tuple[str, str] | None:
        publication = self.publication(item.title)
        if publication is None:
            return None
        data_month = publication.data_month(item.title)
        return (publication.kind, data_month) if data_month else None

    def discover(self, period: str, web: Web) -> Iterator[DocumentRef]:
        return discover_listed(
            period, web, source=self.name, list_path=lambda page: self.list_path.format(page=page),
            read_list=lambda doc: list_items(doc, self.layout), pages=lambda doc: last_page(doc, self.layout),
            first_page=self.layout.first_page, classify=self.classify,
        )

    def sniff(self, doc: Document) -> str | None:
        if b"<" not in doc.content[:512] or doc.content.startswith(b"%PDF"):
            return None
        try:
            publication = self.publication(read_text(doc).title)
        except (ParseError, UnicodeDecodeError):
            return None
        return publication.kind if publication else None

    def parse(self, doc: Document) -> list[Figure]:
        text = read_text(doc)
        publication = self.publication(text.title)
        if publication is None:
            raise ParseError(doc, f"expected a {self.description} title like {self.publications[0].title.pattern!r}; found {text.title!r}")
        reading = statements(text, Context(text.published_on, defined_company(text.body, self.company)))
        figures = figures_from(doc, reading, publisher=self.publisher, release=publication.release, published_on=text.published_on)
        if not figures:
            raise ParseError(doc, "expected delivery figures ('delivered N vehicles in <Month YYYY>' or a Deliveries table row); "
                                  f"found none ({len(reading.skipped)} counts skipped)")
        return figures

    def source(self) -> Source:
        return Source(
            name=self.name, publisher=self.publisher, base_url=self.base_url, discover=self.discover, parse=self.parse,
            sniff=self.sniff, kinds=tuple(dict.fromkeys(p.kind for p in self.publications)), description=self.description,
        )
