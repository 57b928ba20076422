"""The small interface every source implements, and the records it exchanges.

A source discovers the documents of a period (through a `Web` the pipeline
hands it, which fetches and archives) and parses archived bytes into
`Figure`s. Sources never see the database or the HTTP session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Callable, Iterable, Protocol

METRICS = (
    "deliveries",
    "wholesale",
    "retail",
    "production",
    "exports",
    "sales",
    "overseas_sales",
    "deliveries_cumulative",
    "target",
    "penetration",
)
SCOPES = ("all", "nev", "bev", "phev", "erev", "ice")
SEGMENTS = ("passenger", "commercial", "all")
QUALIFIERS = ("exact", "at_least", "approx")
RELEASES = ("flash", "final", "api", "results", "article")

BIGINT = 2**63 - 1  # the largest value the warehouse stores (DuckDB BIGINT; the smallest is -BIGINT - 1)
PERIOD_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-YTD)?|-Q[1-4]|-H[12])?$")


class ParseError(Exception):
    """A document could not be turned into figures; the message says why."""

    def __init__(self, doc: "Document | None", expected: str):
        self.doc = doc
        self.expected = expected
        where = f"{doc.source or '?'} document {doc.url or doc.sha256[:12]}" if doc else "document"
        super().__init__(f"{where}: {expected}")

    def __reduce__(self):
        """Pickled as its message (a parse in another process or on a Dask worker): the document's bytes stay there."""
        return (_restored_parse_error, (str(self), self.expected))


def _restored_parse_error(message: str, expected: str) -> ParseError:
    error = ParseError.__new__(ParseError)
    Exception.__init__(error, message)
    error.doc, error.expected = None, expected
    return error


@dataclass(frozen=True)
class DocumentRef:
    """A document found by discovery, not yet fetched."""

    url: str
    source: str
    kind: str
    period: str
    title: str = ""


@dataclass(frozen=True)
class Document:
    """Archived bytes plus what we know about where they came from."""

    content: bytes
    sha256: str
    url: str = ""
    source: str = ""
    kind: str = ""
    period: str = ""
    content_type: str = ""
    encoding: str | None = None
    published_on: date | None = None  # when known from outside the bytes (a list page, `extract --published`)

    @cached_property
    def decoded(self) -> tuple[str, str]:
        """The text and the encoding it was read in; bytes that do not decode read as U+FFFD."""
        from extractors.encoding import decode

        return decode(self.content, self.encoding, self.content_type)

    @property
    def text(self) -> str:
        return self.decoded[0]

    @property
    def is_pdf(self) -> bool:
        return self.content[:1024].lstrip().startswith(b"%PDF")

    @property
    def is_image(self) -> bool:
        """A JPEG or PNG picture (a slide), read by OCR rather than decoded as text."""
        return self.content.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))

    def figure(self, **fields) -> "Figure":
        """A figure stamped with this document's provenance."""
        return Figure(sha256=self.sha256, url=self.url, **fields)


@dataclass(frozen=True)
class Figure:
    """One published number, with everything needed to know what it means."""

    publisher: str
    entity: str
    metric: str
    scope: str
    segment: str
    period: str
    value: int
    qualifier: str
    release: str
    sha256: str
    url: str = ""
    yoy_pct: float | None = None
    mom_pct: float | None = None
    published_on: date | None = None
    evidence: str = ""
    cites: str | None = None  # whom the document gives as the figure's source ("cpca"), None when its own

    def __post_init__(self):
        problems = []
        if self.metric not in METRICS:
            problems.append(f"metric {self.metric!r}")
        if self.scope not in SCOPES:
            problems.append(f"scope {self.scope!r}")
        if self.segment not in SEGMENTS:
            problems.append(f"segment {self.segment!r}")
        if self.qualifier not in QUALIFIERS:
            problems.append(f"qualifier {self.qualifier!r}")
        if self.release not in RELEASES:
            problems.append(f"release {self.release!r}")
        if not PERIOD_RE.match(self.period):
            problems.append(f"period {self.period!r}")
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            problems.append(f"value {self.value!r} is not an integer")
        elif not -BIGINT - 1 <= self.value <= BIGINT:
            shown = self.value if self.value.bit_length() <= 256 else f"of {self.value.bit_length()} bits"
            problems.append(f"value {shown} is beyond the warehouse's BIGINT (-2^63 to 2^63 - 1)")
        if problems:
            raise ValueError(f"invalid figure for {self.entity}: " + ", ".join(problems))

    @property
    def key(self) -> tuple:
        return (self.publisher, self.entity, self.metric, self.scope, self.segment, self.period, self.sha256)

    def as_record(self) -> dict:
        record = dict(vars(self))  # its fields, in order: each a plain value (dataclasses.asdict deep-copies, 25x slower)
        record["published_on"] = self.published_on.isoformat() if self.published_on else None
        return record


class Web(Protocol):
    """What discovery may use: the source's base URL and a fetch that archives."""

    base_url: str

    def get(self, url: str, kind: str, period: str = "") -> Document: ...


@dataclass(frozen=True)
class Source:
    """A registered source: how to find its documents and how to read them."""

    name: str
    publisher: str
    base_url: str
    discover: Callable[[str, Web], Iterable[DocumentRef]]
    parse: Callable[[Document], list[Figure]]
    sniff: Callable[[Document], str | None]
    kinds: tuple[str, ...] = field(default=())
    description: str = ""
    read: Callable[[Document], "Extraction"] | None = None  # figures and skipped counts (and passed_over), where the source reports them
    # The documents of their own that a fetched document shows (CPCA's analysis page: its slides), given it and its title.
    attachments: Callable[[Document, str], list[DocumentRef]] = lambda doc, title: []

    def extract(self, doc: Document) -> "Extraction":
        """The figures of a document and the counts skipped with their reasons, bytes it could not decode among
        them. Bounded (`extractors.guard`): within the parse deadline, and every failure a ParseError naming it."""
        from extractors.guard import guarded

        return guarded(doc, f"a {self.name} document ({self.description})", lambda: self._extract(doc))

    def _extract(self, doc: Document) -> "Extraction":
        found = self.read(doc) if self.read is not None else Extraction(self.parse(doc), [])
        return Extraction(found.figures, [*found.skipped, *_undecodable(doc)], getattr(found, "passed_over", ""))


def _undecodable(doc: Document) -> list:
    """The bytes of a text document that did not decode, as one skipped entry: they read as U+FFFD, so a number
    they were part of is missing."""
    from extractors.encoding import undecodable
    from extractors.prose.model import Skipped

    if doc.is_pdf or doc.is_image or "\ufffd" not in doc.text:
        return []
    offsets = undecodable(doc.content, doc.decoded[1])
    if not offsets:
        return []
    around = doc.content[max(0, offsets[0] - 60):offsets[0] + 60].decode(doc.decoded[1], errors="replace")
    reason = f"bytes undecodable in {doc.decoded[1]} (the first at byte {offsets[0]}) read as U+FFFD; a number they were part of is missing"
    return [Skipped(f"{len(offsets)} × U+FFFD", reason, around)]


@dataclass(frozen=True)
class Extraction:
    figures: list[Figure]
    skipped: list  # extractors.prose.Skipped: number, reason, sentence
    passed_over: str = ""  # why a document of a kind that may hold nothing of ours holds nothing (a slide of a chart)
