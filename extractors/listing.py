"""Discovery over a site's paged, newest-first list of documents.

Every source that finds its documents on paged lists (CPCA's sections, the
makers' newsrooms, Weibo, the press; HKEX's title search answers in one page)
pages them the same way: from the
first page on, until the month's documents are found or a page reaches back
before the month (documents about a month appear from that month on, so the
rest of the list is older still), or the pager has no further page. A page
that lists nothing, first or later (an error page, an empty body, a new
layout), is a ParseError naming it: the month would otherwise go missing
without a word. A site with several lists (sections) walks each with
`discover_sections`, so that one failing list hides none of the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from extractors.base import Document, DocumentRef, ParseError, Web
from extractors.helpers import parse_date, parse_month

MAX_LIST_PAGES = 40


def site_path(href: str) -> str:
    """A link as a path relative to the site root, so a configured base URL decides the host."""
    parts = urlsplit(href)
    return parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")


@dataclass(frozen=True)
class ListItem:
    """One entry of a list page: a document's title, link and date."""

    title: str
    href: str
    published_on: date | None


def read_list_items(doc: Document, item: str, link: str, when: str, date_attribute: str = "") -> list[ListItem]:
    """A list page's entries by CSS selectors: each `item`'s `link` and its date,
    read from the `when` element's text or, if named, its `date_attribute`."""
    found = []
    for entry in BeautifulSoup(doc.text, "lxml").select(item):
        anchor, dated = entry.select_one(link), entry.select_one(when)
        if anchor is None:
            continue
        stamp = (dated.get(date_attribute, "") if date_attribute else dated.get_text(" ", strip=True)) if dated else ""
        found.append(ListItem(anchor.get_text(" ", strip=True), site_path(anchor["href"]), parse_date(stamp) if stamp else None))
    return found


def discover_listed(
    period: str,
    web: Web,
    *,
    source: str,
    list_path: Callable[[int], str],
    read_list: Callable[[Document], list[ListItem]],
    pages: Callable[[Document], int],
    first_page: int,
    classify: Callable[[ListItem], tuple[str, str] | None],
    expected_kinds: frozenset[str] = frozenset(),
    ended: Callable[[Document], bool] = lambda doc: False,
) -> Iterator[DocumentRef]:
    """The list's documents about `period`, paging only as far as needed.

    `classify` gives an item's (kind, data month) or None; an item whose data
    month is `period` is yielded. With `expected_kinds`, each of those kinds is
    yielded once and paging stops as soon as all of them are found. `ended`
    tells a later page that lists nothing because the list is over (an API's own
    end-of-list answer) from one that is an error page.
    """
    year, mon = parse_month(period)
    month_start = date(year, mon, 1)
    wanted = set(expected_kinds)
    for page in range(first_page, first_page + MAX_LIST_PAGES):
        listing = web.get(list_path(page), kind="list", period=period)
        items = read_list(listing)
        if not items and page > first_page and ended(listing):
            return
        if not items:
            where = "the list's first page" if page == first_page else (
                f"list page {page}, which page {page - 1} goes on to without reaching back before {period}"
            )
            raise ParseError(listing, f"expected dated document links on {where}; found none (an error page, an empty body, or a changed layout)")
        for item in items:
            found = classify(item)
            if not found or found[1] != period or (expected_kinds and found[0] not in wanted):
                continue
            wanted.discard(found[0])
            yield DocumentRef(url=item.href, source=source, kind=found[0], period=period, title=item.title)
        dated = [item.published_on for item in items if item.published_on]
        if (expected_kinds and not wanted) or (dated and min(dated) < month_start) or page >= pages(listing):
            return


def discover_sections(sections: Iterable[Iterator[DocumentRef]]) -> Iterator[DocumentRef]:
    """Every section's documents, each section walked even when another failed; the
    failures are raised together at the end, as an ExceptionGroup."""
    failures = []
    for section in sections:
        try:
            yield from section
        except Exception as exc:  # its list could not be fetched or read; the next section may still be
            failures.append(exc)
    if failures:
        raise ExceptionGroup(f"{len(failures)} of the lists failed", failures)
