"""What a CPCA detail page states, as CPCA's own figures.

The page's text is read by the shared readers (`extractors.reading.statements`:
Chinese prose and tables); an unnamed subject is the market CPCA reports on.
Every figure is published by CPCA itself: publisher `cpca`, no `cites` (the
page naming 乘联分会 is CPCA speaking, not a citation), and the release stage
of its publication kind.
"""

from __future__ import annotations

import dataclasses

from extractors.base import Document, Figure
from extractors.cpca.makers import unmapped_makers
from extractors.cpca.pages import DetailPage
from extractors.prose import Context, Reading
from extractors.reading import figures_from, statements


def page_figures(doc: Document, page: DetailPage, release: str, *, maker_rows: bool = False) -> list[Figure]:
    """The page's figures; with `maker_rows` (a maker ranking), makers nobody mapped are kept, flagged."""
    reading = statements(page.text, Context(page.published_on, subject="market"))
    stated = reading.statements + (unmapped_makers(reading) if maker_rows else [])
    own = Reading([dataclasses.replace(s, cites=None) for s in stated], reading.skipped)
    return figures_from(doc, own, publisher="cpca", release=release, published_on=page.published_on)
