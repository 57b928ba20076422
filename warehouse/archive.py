"""The raw archive: every fetched document, stored once by SHA-256.

Parsing always reads from here, so any period can be re-parsed offline after
a parser fix. Layout: `<root>/<sha[:2]>/<sha>` for bytes and
`<root>/manifest.jsonl` with one row per (document, url). Only a SHA-256 (64
lowercase hex digits) names a file: a manifest row with any other key (`../x`)
is refused, never opened. Bytes are checked against their hash on every read.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from extractors.base import Document

log = logging.getLogger(__name__)
SHA256_KEY = re.compile(r"[0-9a-f]{64}")


class InvalidKey(ValueError):
    """A key that is not a SHA-256 (64 lowercase hex digits): it names no file of the archive."""


class CorruptDocument(OSError):
    """Archived bytes that no longer hash to their key."""


@dataclass(frozen=True)
class ManifestEntry:
    sha256: str
    url: str
    source: str
    kind: str
    period: str
    fetched_at: str
    http_status: int
    content_type: str
    encoding: str | None
    size: int
    title: str = ""


class Archive:
    """A content-addressed folder of raw documents with its manifest."""

    def __init__(self, root: Path, read_only: bool = False):
        self.root = Path(root)
        self.read_only = read_only
        self._lock = threading.Lock()
        self._entries: list[ManifestEntry] | None = None
        self._known: set[tuple[str, str]] = set()
        self._by_partition: dict[tuple[str, str], list[ManifestEntry]] = {}  # (source, period) -> its rows, in order

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.jsonl"

    def path_of(self, sha256: str) -> Path:
        if not SHA256_KEY.fullmatch(sha256):
            raise InvalidKey(f"{sha256!r} is not a SHA-256 (64 lowercase hex digits): it names no file of {self.root}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    def _load(self) -> None:
        """Read the manifest once; `put` keeps the cache current afterwards."""
        if self._entries is None:
            self._entries = []
            if self.manifest_path.is_file():
                with self.manifest_path.open(encoding="utf-8") as fh:
                    self._entries = [ManifestEntry(**json.loads(line)) for line in fh if line.strip()]
            self._known = {(e.sha256, e.url) for e in self._entries}
            self._by_partition = {}
            for entry in self._entries:
                self._by_partition.setdefault((entry.source, entry.period), []).append(entry)

    def entries(self) -> list[ManifestEntry]:
        with self._lock:
            self._load()
            return list(self._entries)

    def find(self, source: str | None = None, period: str | None = None, kind: str | None = None) -> list[ManifestEntry]:
        """Manifest rows matching the filters, one per document (first url wins); a partition (source and
        period) is looked up in an index, so a backfill's finds cost no more than the rows they return."""
        if source and period:
            with self._lock:
                self._load()
                rows = list(self._by_partition.get((source, period), ()))
        else:
            rows = self.entries()
        seen, found = set(), []
        for entry in rows:
            if (source and entry.source != source) or (period and entry.period != period) or (kind and entry.kind != kind):
                continue
            if entry.sha256 not in seen:
                seen.add(entry.sha256)
                found.append(entry)
        return found

    def put(
        self,
        content: bytes,
        *,
        url: str,
        source: str,
        kind: str,
        period: str,
        http_status: int = 200,
        content_type: str = "",
        encoding: str | None = None,
        title: str = "",
        fetched_at: datetime | None = None,
    ) -> ManifestEntry:
        """Store bytes (once) and record where they came from (once per url)."""
        if self.read_only:
            raise PermissionError(f"archive {self.root} is read-only")
        sha = hashlib.sha256(content).hexdigest()
        entry = ManifestEntry(
            sha256=sha,
            url=url,
            source=source,
            kind=kind,
            period=period,
            fetched_at=(fetched_at or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
            http_status=http_status,
            content_type=content_type,
            encoding=encoding,
            size=len(content),
            title=title,
        )
        with self._lock:
            self._load()
            path = self.path_of(sha)
            if not path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
                os.replace(tmp, path)
            if (sha, url) not in self._known:
                with self.manifest_path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
                self._known.add((sha, url))
                self._entries.append(entry)
                self._by_partition.setdefault((source, period), []).append(entry)
        return entry

    def read(self, sha256: str) -> bytes:
        path = self.path_of(sha256)
        content = path.read_bytes()
        found = hashlib.sha256(content).hexdigest()
        if found != sha256:
            raise CorruptDocument(f"archived document {path} is corrupt (hash mismatch: its bytes hash to {found[:12]}…)")
        return content

    def document(self, entry: ManifestEntry) -> Document:
        return Document(
            content=self.read(entry.sha256),
            sha256=entry.sha256,
            url=entry.url,
            source=entry.source,
            kind=entry.kind,
            period=entry.period,
            content_type=entry.content_type,
            encoding=entry.encoding,
        )


class ArchiveChain:
    """The data home's archive first, then read-only fallbacks (the bundled samples).

    A copy that is corrupt is passed over for an intact one further down the chain,
    and said so: logged as a warning and kept in `warnings` for the run's summary."""

    def __init__(self, primary: Archive, *fallbacks: Archive):
        self.archives = (primary, *fallbacks)
        self._warnings: dict[str, str] = {}  # by corrupt file, in the order found

    @property
    def warnings(self) -> list[str]:
        return list(self._warnings.values())

    def find(self, source: str | None = None, period: str | None = None, kind: str | None = None) -> list[ManifestEntry]:
        seen, found = set(), []
        for archive in self.archives:
            for entry in archive.find(source, period, kind):
                if entry.sha256 not in seen:
                    seen.add(entry.sha256)
                    found.append(entry)
        return found

    def document(self, entry: ManifestEntry) -> Document:
        """The document from the first archive holding an intact copy of its bytes."""
        try:
            holders = [archive for archive in self.archives if archive.has(entry.sha256)]
        except InvalidKey as exc:
            raise InvalidKey(f"manifest row of {entry.url or '?'} ({entry.source} {entry.period}) refused: {exc}") from None
        corrupt: list[CorruptDocument] = []
        for archive in holders:
            try:
                document = archive.document(entry)
            except CorruptDocument as exc:
                corrupt.append(exc)
                continue
            for exc in corrupt:
                self._fell_back(exc, archive)
            return document
        if corrupt:
            raise corrupt[0]
        raise FileNotFoundError(f"document {entry.sha256} ({entry.url}) is in no archive")

    def _fell_back(self, corrupt: CorruptDocument, intact: Archive) -> None:
        message = f"{corrupt}; read the intact copy in {intact.root} instead"
        if str(corrupt) not in self._warnings:
            log.warning(message)
            self._warnings[str(corrupt)] = message
