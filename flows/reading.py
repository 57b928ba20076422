"""Reading archived documents, apart from where the work runs: bytes from the archive's folders (read only) →
each document's extraction, or the error that says why not. Nothing here imports Prefect, so a parse worker
process (flows.parsing.worker_processes) starts with the readers alone.

What comes back is a `Parsed` per document: its extraction, or the error (ParseErrors survive pickling,
`extractors.base.ParseError.__reduce__`), and what reading the archive had to say (a corrupt copy passed over
for an intact one).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from extractors.base import Document, Extraction, ParseError
from extractors.registry import get_source
from warehouse.archive import Archive, ArchiveChain, ManifestEntry


@dataclass(frozen=True)
class Parsed:
    """One document as a parse worker read it."""

    sha256: str
    extraction: Extraction | None
    error: Exception | None = None  # a ParseError, or the archive's (no intact copy)
    warnings: tuple[str, ...] = ()  # the archive's: a corrupt copy passed over for an intact one


def read_document(document: Document) -> Parsed:
    """The document's figures by its source's reader; a parse that yields nothing (and passes nothing over)
    is an error, never a zero. Whatever a reader raises is this document's error, never the batch's."""
    try:
        extraction = get_source(document.source).extract(document)
        if not extraction.figures and not extraction.passed_over:
            raise ParseError(document, "the parser found no figure")
        return Parsed(document.sha256, extraction)
    except ParseError as exc:
        return Parsed(document.sha256, None, exc)
    except Exception as exc:  # not a reader's (an unknown source): still this document's alone
        return Parsed(document.sha256, None, ParseError(document, f"reading it raised {type(exc).__name__}: {exc}"))


def read_entry(archive: ArchiveChain, entry: ManifestEntry) -> Parsed:
    """The archived document of `entry` read from `archive` and parsed."""
    try:
        document = archive.document(entry)
    except Exception as exc:  # a corrupt or missing copy, a manifest row naming no file: this document's failure only
        return Parsed(entry.sha256, None, exc, tuple(archive.warnings))
    return dataclasses.replace(read_document(document), warnings=tuple(archive.warnings))


def parse_entries(archives: tuple[str, ...], entries: list[ManifestEntry]) -> list[Parsed]:
    """A batch of archived documents read from the archives' folders (read only) and parsed, in order."""
    chain = ArchiveChain(*(Archive(Path(root), read_only=True) for root in archives))
    return [read_entry(chain, entry) for entry in entries]
