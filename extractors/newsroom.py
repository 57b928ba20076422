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
from datetime import date
from typing import Iterator

from bs4 import BeautifulSoup

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.helpers import MONTHS_EN, month, parse_date
from extractors.listing import ListItem, discover_listed, read_list_items
from extractors.prose import Context, Reading, defined_company, read_statements, table_statements

log = logging.getLogger(__name__)
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
QUARTER_NAMES = "First|Second|Third|Fourth"

_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# ---------------------------------------------------------------- layouts


@dataclass(frozen=True)
class Layout:
    """CSS selectors of one site's list and release pages."""

    list_item: str
    list_link: str
    list_date: str
    pager_link: str
    first_page: int
    title: str
    date: str
    body: str


NOTIFIED = Layout(
    list_item="div.nir-widget--list article",
    list_link=".nir-widget--news--headline a[href]",
    list_date=".nir-widget--news--date-time",
    pager_link="nav.pager a[href]",
    first_page=0,
    title="h1.article-heading, article h1",
    date="article .nir-widget--news--date-time time[datetime], article .nir-widget--news--date-time",
    body="article div.node__content",
)


@dataclass(frozen=True)
class Page:
    title: str
    published_on: date | None
    body: str
    tables: list[list[list[str]]]


def list_items(doc: Document, layout: Layout) -> list[ListItem]:
    return read_list_items(doc, layout.list_item, layout.list_link, layout.list_date)


def last_page(doc: Document, layout: Layout) -> int:
    soup = BeautifulSoup(doc.text, "lxml")
    pages = [int(m[1]) for a in soup.select(layout.pager_link) if (m := re.search(r"[?&]page=(\d+)", a["href"]))]
    return max(pages, default=layout.first_page)


def table_rows(table) -> list[list[str]]:
    return [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def read_page(doc: Document, layout: Layout) -> Page:
    """Title, date, prose and tables of a release page, or a ParseError naming what is missing."""
    soup = BeautifulSoup(doc.text, "lxml")
    title, body = soup.select_one(layout.title), soup.select_one(layout.body)
    missing = [css for css, node in ((layout.title, title), (layout.body, body)) if node is None or not node.get_text(strip=True)]
    if missing:
        raise ParseError(doc, f"expected a release page with a title ({layout.title}) and a body ({layout.body}); missing or empty: {'; '.join(missing)}")
    tables = []
    for table in body.find_all("table"):
        tables.append(table_rows(table))
        table.decompose()
    when = soup.select_one(layout.date)
    published = None
    if when is not None:
        published = parse_date(when.get("datetime", "")) or parse_date(when.get_text(" ", strip=True))
    text = "\n\n".join(p.get_text(" ", strip=True) for p in body.find_all(["p", "li"]) if p.get_text(strip=True))
    return Page(title.get_text(" ", strip=True), published, text or body.get_text("\n", strip=True), tables)


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


def figures_from(doc: Document, reading: Reading, *, publisher: str, release: str, published_on: date | None) -> list[Figure]:
    """Figures from what a reader found, stamped with the document's provenance."""
    if reading.skipped:
        log.debug("%s: %d counts not tied to entity, metric and period", doc.url or doc.sha256[:12], len(reading.skipped))
    return [
        doc.figure(
            publisher=publisher, entity=s.entity, metric=s.metric, scope=s.scope, segment="passenger", period=s.period,
            value=s.value, qualifier=s.qualifier, release=release, yoy_pct=s.yoy_pct, published_on=published_on,
            evidence=s.evidence,
        )
        for s in reading.statements
    ]


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
            page = read_page(doc, self.layout)
        except (ParseError, UnicodeDecodeError):
            return None
        publication = self.publication(page.title)
        return publication.kind if publication else None

    def parse(self, doc: Document) -> list[Figure]:
        page = read_page(doc, self.layout)
        publication = self.publication(page.title)
        if publication is None:
            raise ParseError(doc, f"expected a {self.description} title like {self.publications[0].title.pattern!r}; found {page.title!r}")
        context = Context(page.published_on, defined_company(page.body, self.company))
        reading = read_statements(page.body, context)
        for rows in page.tables:
            reading.extend(table_statements(rows, context))
        figures = figures_from(doc, reading, publisher=self.publisher, release=publication.release, published_on=page.published_on)
        if not figures:
            raise ParseError(doc, f"expected delivery figures ('delivered N vehicles in <Month YYYY>' or a Deliveries table row) in {self.layout.body}; found none")
        return figures

    def source(self) -> Source:
        return Source(
            name=self.name, publisher=self.publisher, base_url=self.base_url, discover=self.discover, parse=self.parse,
            sniff=self.sniff, kinds=tuple(dict.fromkeys(p.kind for p in self.publications)), description=self.description,
        )
