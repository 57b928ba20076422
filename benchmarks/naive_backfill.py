"""The naive baseline of an offline backfill: one process, no Prefect, one transaction.

    .venv/bin/python benchmarks/naive_backfill.py [--home DIR] [--archive DIR] [--validate]

Reads every non-list document of the bundled sample archive, parses each with
its source's extractor exactly as `flows.pipeline.parse_document` does (a parse
that yields nothing is a ParseError; a document stating one key twice with two
values is ConflictingFigures; whatever else reading raises also counts as a
parse error), writes the documents, figures, skipped numbers and parse errors
of all of them in ONE DuckDB transaction, with the rows the single writer
(`warehouse.writer.Writer`, one transaction per document) would write (columns
named; one the baseline does not know, such as a later migration's, is left to
its default), then publishes the marts with `warehouse.models.publish`, the pipeline's
own transform SQL. `--validate` also runs the validation suites before
publishing, as the pipeline does (off by default: the baseline is read, parse,
load, publish). The data home defaults to a new temporary folder.

Prints one summary line, shaped like the pipeline's:
`naive: N documents (p parsed, e parse errors), F figures; published R rows in T tables`.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.base import Figure, ParseError  # noqa: E402
from extractors.registry import get_source  # noqa: E402
from flows.settings import BUNDLED_ARCHIVE, load_settings  # noqa: E402
from warehouse import models  # noqa: E402
from warehouse.archive import Archive, ManifestEntry  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.processes import Process  # noqa: E402
from warehouse.writer import dedupe, fingerprint  # noqa: E402

CHUNK = 500  # rows per multi-row INSERT (DuckDB's executemany is much slower)
# The rows the single writer writes, column for column (named, so a column added later is left to its default).
INSERT = {
    "runs": "INSERT INTO runs (load_id, flow, params, started_at, finished_at, status, summary, pid, host, pid_started) VALUES",
    "documents": "INSERT INTO documents (sha256, url, source, kind, period, title, fetched_at, http_status, content_type, "
    "encoding, size, published_on, parse_status, figure_count, fingerprint, parser_error, load_id, loaded_at) VALUES",
    "figures": "INSERT INTO figures (publisher, entity, metric, scope, segment, period, value, qualifier, release, yoy_pct, "
    "mom_pct, published_on, document_sha256, url, source, evidence, load_id, loaded_at, cites) VALUES",
    "skipped_numbers": "INSERT INTO skipped_numbers (document_sha256, url, source, number, reason, sentence, load_id, loaded_at) VALUES",
    "parse_errors": "INSERT INTO parse_errors (document_sha256, url, source, period, error, message, load_id, occurred_at) VALUES",
}


def _now() -> datetime:
    """UTC without a zone, as the writer stamps its rows."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class Parsed:
    """One document as read: its figures and skipped numbers, or the error that stopped it."""

    entry: ManifestEntry
    figures: list[Figure] = field(default_factory=list)
    skipped: list = field(default_factory=list)
    error: Exception | None = None


def read_document(archive: Archive, entry: ManifestEntry) -> Parsed:
    """Parse one archived document as the pipeline's parse task and writer do (dedupe included)."""
    try:
        extraction = get_source(entry.source).extract(archive.document(entry))
        if not extraction.figures:
            raise ParseError(archive.document(entry), "the parser found no figure")
        return Parsed(entry, dedupe(extraction.figures), list(extraction.skipped))
    except Exception as exc:  # as the pipeline: whatever reading raises fails this document only
        return Parsed(entry, error=exc)


def insert_rows(conn, statement: str, rows: list[tuple]) -> None:
    """Multi-row INSERTs of at most CHUNK rows each."""
    for i in range(0, len(rows), CHUNK):
        chunk = rows[i:i + CHUNK]
        placeholders = ", ".join([f"({', '.join('?' * len(chunk[0]))})"] * len(chunk))
        conn.execute(f"{statement} {placeholders}", [value for row in chunk for value in row])


def document_row(p: Parsed, load_id: str, loaded_at: datetime) -> tuple:
    """The `documents` row the writer's _upsert_document writes for this document."""
    e, ok = p.entry, p.error is None
    published_on = next((f.published_on for f in p.figures if f.published_on), None)
    return (
        e.sha256, e.url, e.source, e.kind, e.period, e.title,
        datetime.fromisoformat(e.fetched_at).replace(tzinfo=None), e.http_status,
        e.content_type, e.encoding, e.size, published_on,
        "parsed" if ok else "failed", len(p.figures), fingerprint(p.figures, p.skipped) if ok else None,
        None if ok else str(p.error), load_id, loaded_at,
    )


def figure_rows(p: Parsed, load_id: str, loaded_at: datetime) -> list[tuple]:
    """The `figures` rows of one document, column for column as Writer.load_document writes them."""
    e = p.entry
    return [
        (
            f.publisher, f.entity, f.metric, f.scope, f.segment, f.period, f.value, f.qualifier,
            f.release, f.yoy_pct, f.mom_pct, f.published_on, e.sha256, f.url or e.url,
            e.source, f.evidence, load_id, loaded_at, f.cites,
        )
        for f in p.figures
    ]


def load_all(conn, parsed: list[Parsed], load_id: str) -> None:
    """Every document's rows, and the run's, in one BEGIN/COMMIT."""
    started, me = _now(), Process.current()
    good = [p for p in parsed if p.error is None]
    bad = [p for p in parsed if p.error is not None]
    status = "failed" if bad else "completed"
    conn.execute("BEGIN TRANSACTION")
    try:
        insert_rows(conn, INSERT["documents"], [document_row(p, load_id, started) for p in parsed])
        insert_rows(conn, INSERT["figures"], [row for p in good for row in figure_rows(p, load_id, started)])
        insert_rows(conn, INSERT["skipped_numbers"], [
            (p.entry.sha256, p.entry.url, p.entry.source, s.number, s.reason, s.sentence, load_id, started) for p in good for s in p.skipped
        ])
        insert_rows(conn, INSERT["parse_errors"], [
            (p.entry.sha256, p.entry.url, p.entry.source, p.entry.period, type(p.error).__name__, str(p.error), load_id, started)
            for p in bad
        ])
        insert_rows(conn, INSERT["runs"], [(
            load_id, "naive_backfill", json.dumps({"archive": "bundled"}), started, _now(), status,
            json.dumps({"documents": len(parsed)}), me.pid, me.host, me.started,
        )])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def run(home: Path, archive: Archive, validate: bool = False) -> dict:
    """Read, parse, load (one transaction) and publish into `home`; returns the counts."""
    settings = load_settings(home)
    parsed = [read_document(archive, entry) for entry in archive.find() if entry.kind != "list"]
    load_id = f"naive-{datetime.now():%Y%m%dT%H%M%S}"
    conn = connect(settings.warehouse_path)
    try:
        load_all(conn, parsed, load_id)
        if validate:
            from expectations import validate as run_suites

            run_suites(conn, settings.docs_dir, load_id)
        published = models.publish(conn, settings.published_path)
    finally:
        conn.close()
    return {
        "documents": len(parsed),
        "parsed": sum(p.error is None for p in parsed),
        "parse_errors": sum(p.error is not None for p in parsed),
        "figures": sum(len(p.figures) for p in parsed),
        "published_rows": sum(published.values()),
        "published_tables": len(published),
    }


def describe(counts: dict) -> str:
    return (
        f"naive: {counts['documents']} documents ({counts['parsed']} parsed, {counts['parse_errors']} parse errors), "
        f"{counts['figures']} figures; published {counts['published_rows']} rows in {counts['published_tables']} tables"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="data home to write (default: a new temporary folder)")
    parser.add_argument("--archive", type=Path, help="archive to read (default: the bundled samples)")
    parser.add_argument("--validate", action="store_true", help="run the validation suites before publishing, as the pipeline does")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="evd-naive-"))
    print(describe(run(home, Archive(args.archive or BUNDLED_ARCHIVE, read_only=True), validate=args.validate)))
    print(f"home: {home}")
