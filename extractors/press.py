"""English news articles that quote makers' figures (publisher `press`, release `article`).

For the many months no release covers, news prose is the only record. The
shared reader (`extractors.releases`) ties each count to an entity, a metric
and a period from its sentence or the sentences before it; a count it cannot
tie is skipped and counted (`read_article(doc).skipped`, and a warning in the
log), never guessed. News has no company of its own, so a bare name that is
both a brand and its group ("NIO") is not taken for either. An article needs
a publication date (`<meta property="article:published_time">`, `<time
datetime>`, or a dateline / "Published:" line in plain text): months and
quarters printed without a year are dated from it.

Discovery pages a WordPress news site's date archives (`YYYY/MM/page/N/`,
default cnevpost.com) for the month and the next one, and keeps articles
whose headline reports the month, or announces something (a target) in it.
Press figures have the lowest precedence of all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from bs4 import BeautifulSoup

from extractors.base import Document, DocumentRef, Figure, ParseError, Source, Web
from extractors.helpers import parse_date, parse_month, shift_month
from extractors.listing import ListItem, discover_listed, read_list_items
from extractors.newsroom import figures_from
from extractors.releases import Context, Reading, Skipped, read_statements, reported_month

log = logging.getLogger(__name__)
BASE_URL = "https://cnevpost.com"
_QUALIFIER_RANK = {"exact": 0, "at_least": 1, "approx": 2}
_DATE_LABEL = re.compile(r"^(?:published|posted|date|updated)(?: on)?\s*:?\s*(.+)$", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,")


@dataclass(frozen=True)
class Article:
    title: str
    published_on: date
    body: str


@dataclass
class ArticleReading:
    figures: list[Figure]
    skipped: list[Skipped]


def _is_html(doc: Document) -> bool:
    return bool(re.search(rb"<(?:html|article|body|p)\b", doc.content[:4096], re.I))


def article(doc: Document) -> Article:
    """Headline, publication date and body of an HTML or plain-text article."""
    if doc.content.startswith(b"%PDF"):
        raise ParseError(doc, "expected a news article in HTML or plain text, not a PDF")
    if _is_html(doc):
        soup = BeautifulSoup(doc.text, "lxml")
        meta_title = soup.select_one('meta[property="og:title"]')
        heading = soup.select_one("article h1, h1")
        title = (meta_title.get("content", "") if meta_title else "") or (heading.get_text(" ", strip=True) if heading else "") or \
            (soup.title.get_text(strip=True) if soup.title else "")
        stamp = soup.select_one('meta[property="article:published_time"], meta[name="date"], meta[itemprop="datePublished"]')
        when = parse_date(stamp.get("content", "")) if stamp else None
        if when is None:
            time = soup.select_one("time[datetime]")
            when = parse_date(time["datetime"]) if time else None
        container = soup.select_one("article .entry-content, article, main") or soup.body or soup
        paragraphs = [p.get_text(" ", strip=True) for p in container.find_all("p") if p.get_text(strip=True)]
        body = "\n\n".join(paragraphs)
        if when is None and paragraphs and _DATELINE.match(paragraphs[0]):
            when = parse_date(paragraphs[0][:60])
    else:
        lines = [line.strip() for line in doc.text.splitlines() if line.strip()]
        labelled = [(line, parse_date(m.group(1))) for line in lines[:4] if (m := _DATE_LABEL.match(line))]
        datelined = [parse_date(line[:60]) for line in lines[:4] if _DATELINE.match(line)]
        when = next((day for _, day in labelled if day), None) or next((day for day in datelined if day), None)
        starts_with_story = bool(lines) and (_DATELINE.match(lines[0]) or _DATE_LABEL.match(lines[0]))
        title = "" if starts_with_story or not lines else lines[0]
        body = "\n\n".join(line for line in lines[0 if starts_with_story else 1 :] if line not in {text for text, _ in labelled})
    if when is None:
        raise ParseError(doc, "expected a news article with a publication date (meta article:published_time, <time datetime>, "
                              "or a dateline / 'Published:' line); found none, so its months cannot be dated")
    if not body.strip():
        raise ParseError(doc, "expected a news article with body paragraphs; found none")
    return Article(title, when, body)


def _one_per_key(reading: Reading) -> Reading:
    """An article that states a key twice keeps its most exact value; the rest are skipped."""
    kept: dict[tuple, object] = {}
    skipped = list(reading.skipped)
    for statement in reading.statements:
        key = (statement.entity, statement.metric, statement.scope, statement.period)
        previous = kept.get(key)
        if previous is None:
            kept[key] = statement
        elif previous.value != statement.value or previous.qualifier != statement.qualifier:
            better = min(previous, statement, key=lambda s: _QUALIFIER_RANK[s.qualifier])
            worse = statement if better is previous else previous
            kept[key] = better
            skipped.append(Skipped(f"{worse.value}", f"a second value for {key} in the same article", worse.evidence))
    return Reading(list(kept.values()), skipped)


def read_article(doc: Document) -> ArticleReading:
    """The figures an article states and the counts it skipped (with reasons)."""
    found = article(doc)
    reading = _one_per_key(read_statements(found.body, Context(found.published_on)))
    figures = figures_from(doc, reading, publisher="press", release="article", published_on=found.published_on)
    return ArticleReading(figures, reading.skipped)


def parse(doc: Document) -> list[Figure]:
    reading = read_article(doc)
    if reading.skipped:
        log.warning("%s: %d counts skipped (no entity, metric or period to tie them to)", doc.url or doc.sha256[:12], len(reading.skipped))
    if not reading.figures:
        raise ParseError(doc, "expected a count tied to a maker, a metric (delivered, sold, target …) and a period; "
                              f"found none ({len(reading.skipped)} counts skipped)")
    return reading.figures


def sniff(doc: Document) -> str | None:
    """An English news article (HTML or plain text) with at least one figure the reader can tie."""
    if doc.content.startswith(b"%PDF") or b"{" == doc.content.lstrip()[:1]:
        return None
    try:
        return "article" if read_article(doc).figures else None
    except (ParseError, UnicodeDecodeError):
        return None


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
    for archive_month in (shift_month(period, 1), period):
        yield from discover_listed(
            period, web, source="press", list_path=lambda page, archive=archive_month: archive_path(archive, page),
            read_list=_archive_items, pages=_last_page, first_page=1,
            classify=lambda item: ("article", found) if (found := headline_month(item.title, item.published_on)) else None,
        )


SOURCE = Source(
    name="press",
    publisher="press",
    base_url=BASE_URL,
    discover=discover,
    parse=parse,
    sniff=sniff,
    kinds=("article",),
    description="English news articles quoting makers' figures (lowest precedence)",
)
