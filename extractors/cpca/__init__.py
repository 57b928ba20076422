"""CPCA (乘联分会, cpcaauto.com): the market's reference publications.

Each publication kind is found in a list section of the site by its title
pattern and read by its own parser. Discovery pages each section's list until
the month's documents of that section are all found or the list has gone past
the month (its oldest item on a page is dated before the month began).

Sections (list pages `news.php?types=…&anid=…&page=N`):
- 月度 `csjd&anid=129`: 【月度分析】 (final) and the ranking flash 【月度排名】,
  both monthly commentary tagged as such on the real site;
- 周度 `csjd&anid=128`: the weekly 车市扫描, of which only the month-end
  edition (1-30日 / 1-31日) is about a whole month;
- 新能源月报 `bgzl&anid=126`: the NEV maker wholesale flash
  (新能源乘用车厂商批发销量快讯), CPCA's NEV reporting.
The monthly analysis page also shows about ten slide pictures; each is a
document of its own (kind `slide`, titled by its page: `attachments`),
fetched once the page is, and read by OCR (`slides`): the NEV slide's table,
the others passed over. The data API (data.cpcadata.com) is its own source,
`cpca-api` (see `api`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterator

from extractors.base import Document, DocumentRef, Extraction, Figure, ParseError, Source, Web
from extractors.cpca import flashes, monthly_analysis, slides
from extractors.cpca.pages import DetailPage, detail_page, last_page, list_items, slide_links
from extractors.listing import ListItem, discover_listed, discover_sections

BASE_URL = "https://www.cpcaauto.com"
MONTHLY_SECTION = "news.php?types=csjd&anid=129"
WEEKLY_SECTION = "news.php?types=csjd&anid=128"
NEV_SECTION = "news.php?types=bgzl&anid=126"


@dataclass(frozen=True)
class Publication:
    kind: str
    section: str
    period: Callable[[str, date | None], str | None]  # the month a title (dated) is about, or None
    parse: Callable[[Document, DetailPage], list[Figure]]


PUBLICATIONS: tuple[Publication, ...] = (
    Publication("monthly_analysis", MONTHLY_SECTION, monthly_analysis.period, monthly_analysis.parse),
    Publication("ranking_flash", MONTHLY_SECTION, flashes.ranking_period, flashes.parse_ranking),
    Publication("month_end_scan", WEEKLY_SECTION, flashes.scan_period, flashes.parse_scan),
    Publication("nev_maker_flash", NEV_SECTION, flashes.nev_flash_period, flashes.parse_nev_flash),
)
_BY_KIND = {p.kind: p for p in PUBLICATIONS}


def _classifier(publications: list[Publication]) -> Callable[[ListItem], tuple[str, str] | None]:
    def classify(item: ListItem) -> tuple[str, str] | None:
        for publication in publications:
            found = publication.period(item.title, item.published_on)
            if found:
                return publication.kind, found
        return None

    return classify


def discover(period: str, web: Web) -> Iterator[DocumentRef]:
    """The month's CPCA documents, found by paging each section's list; a failing section hides none of the others."""
    sections: dict[str, list[Publication]] = {}
    for publication in PUBLICATIONS:
        sections.setdefault(publication.section, []).append(publication)
    return discover_sections(
        discover_listed(
            period, web, source="cpca", list_path=lambda page, section=section: f"{section}&page={page}",
            read_list=list_items, pages=last_page, first_page=1, classify=_classifier(publications),
            expected_kinds=frozenset(p.kind for p in publications),
        )
        for section, publications in sections.items()
    )


def attachments(doc: Document, title: str) -> list[DocumentRef]:
    """The slide pictures a fetched monthly analysis page shows, each a document of its own (kind `slide`,
    titled by the page it is shown on)."""
    if doc.kind != "monthly_analysis":
        return []
    return [DocumentRef(url=path, source="cpca", kind="slide", period=doc.period, title=f"slide {number} of {title}")
            for number, path in enumerate(slide_links(doc), 1)]


def sniff(doc: Document) -> str | None:
    """The publication kind of a CPCA detail page (`slide` for a picture: no other source publishes them), or None."""
    if doc.is_image:
        return "slide"
    if b"div" not in doc.content[:200_000] or b"tit" not in doc.content:
        return None
    try:
        page = detail_page(doc)
    except (ParseError, UnicodeDecodeError):
        return None
    return next((p.kind for p in PUBLICATIONS if p.period(page.title, page.published_on)), None)


def parse(doc: Document) -> list[Figure]:
    kind = doc.kind if doc.kind in (*_BY_KIND, "slide") else sniff(doc)
    if kind == "slide":
        return slides.read_slide(doc).figures
    if kind not in _BY_KIND:
        raise ParseError(doc, f"expected one of the CPCA publications {sorted(_BY_KIND)}; the title matches none")
    return _BY_KIND[kind].parse(doc, detail_page(doc))


def read(doc: Document) -> Extraction:
    """A slide's checked table (or the slide passed over), else a page's figures."""
    if doc.kind == "slide" or doc.is_image:
        return slides.read_slide(doc)
    return Extraction(parse(doc), [])


SOURCE = Source(
    name="cpca",
    publisher="cpca",
    base_url=BASE_URL,
    discover=discover,
    parse=parse,
    sniff=sniff,
    kinds=(*_BY_KIND, "slide"),
    description="CPCA monthly analysis, flashes, scans (cpcaauto.com HTML) and slides (OCR)",
    read=read,
    attachments=attachments,
)
