"""The one place sources are registered. Adding a source: write its module in
`extractors/`, then add its SOURCE here."""

from __future__ import annotations

import dataclasses

from extractors import byd, leapmotor, li_auto, nio, press, xiaomi, xpeng, zeekr
from extractors.base import Document, Extraction, Source
from extractors.cpca import SOURCE as CPCA
from extractors.cpca.api import SOURCE as CPCA_API
from extractors.guard import guarded

# Makers' sources before press: `recognise` asks in this order, and the news
# reader would also read a maker's release, so it must come last.
MAKERS = (nio.SOURCE, xpeng.SOURCE, li_auto.SOURCE, leapmotor.SOURCE, xiaomi.SOURCE, xiaomi.RESULTS_SOURCE, byd.SOURCE, zeekr.SOURCE)
SOURCES: dict[str, Source] = {source.name: source for source in (CPCA, CPCA_API, *MAKERS, press.SOURCE)}


def get_source(name: str) -> Source:
    try:
        return SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(sorted(SOURCES))}") from None


def recognise(doc: Document) -> tuple[Source, str]:
    """The source and document kind of a document nobody named: the first source that claims it
    (press, asked last, reads whatever no source with a layout of its own claims)."""
    return next((source, kind) for source in SOURCES.values() if (kind := source.sniff(doc)))


def extract(doc: Document, source: str | None = None) -> tuple[Source, Document, Extraction]:
    """Read one document: with the named source, or the one its content is recognised by; bounded as
    `Source.extract` is, the recognising included (one deadline for both, every failure a ParseError)."""
    named = get_source(source) if source else None
    return guarded(doc, "a document one of the registered sources reads", lambda: _recognised_and_read(doc, named))


def _recognised_and_read(doc: Document, named: Source | None) -> tuple[Source, Document, Extraction]:
    chosen, kind = (named, named.sniff(doc) or "") if named else recognise(doc)
    doc = dataclasses.replace(doc, source=chosen.name, kind=kind)
    return chosen, doc, chosen.extract(doc)
