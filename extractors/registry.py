"""The one place sources are registered. Adding a source: write its module in
`extractors/`, then add its SOURCE here."""

from __future__ import annotations

from extractors.base import Document, Source
from extractors.cpca import SOURCE as CPCA
from extractors.cpca.api import SOURCE as CPCA_API

SOURCES: dict[str, Source] = {source.name: source for source in (CPCA, CPCA_API)}


def get_source(name: str) -> Source:
    try:
        return SOURCES[name]
    except KeyError:
        raise KeyError(f"unknown source {name!r}; known: {', '.join(sorted(SOURCES))}") from None


def recognise(doc: Document) -> tuple[Source, str] | None:
    """The source and document kind of a document nobody named, or None."""
    for source in SOURCES.values():
        kind = source.sniff(doc)
        if kind:
            return source, kind
    return None
