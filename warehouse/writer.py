"""The single writer: every write to the warehouse goes through here.

A document's figures are loaded in one transaction (a backfill's batch of
documents in one, a statement per table for all of them, and each document in
one of its own should that fail). Loading the same figures
again changes nothing (their fingerprint is unchanged); loading different
figures for a document (a parser fix) replaces that document's figures, and
only that document's, atomically.
"""

from __future__ import annotations

import hashlib
import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

import pyarrow as pa

from extractors.base import Figure
from warehouse.archive import ManifestEntry
from warehouse.bi import named_queries
from warehouse.db import connect
from warehouse.processes import Process

SQL = {name: query.sql for name, query in named_queries(Path(__file__).with_name("queries") / "writer.sql").items()}


class ConflictingFigures(ValueError):
    """A document states two different values for the same key."""


@dataclass(frozen=True)
class CrashedRun:
    """A run whose process died before finishing it (kill -9, a power cut), closed by the next run."""

    load_id: str
    started_at: datetime
    process: Process

    def describe(self) -> str:
        where = f"PID {self.process.pid} on {self.process.host}" if self.process.pid else "its process not recorded"
        return f"run {self.load_id} (started {self.started_at:%Y-%m-%d %H:%M:%S}, {where}) ended without finishing: closed as crashed"


@dataclass(frozen=True)
class ParsedDocument:
    """What a reader made of one archived document, for the writer to load."""

    entry: ManifestEntry
    figures: list[Figure]
    skipped: Sequence = ()
    passed_over: str = ""


@dataclass(frozen=True)
class LoadResult:
    sha256: str
    outcome: str  # inserted, replaced, unchanged
    figures: int
    passed_over: str = ""  # why the document holds nothing of ours, when it was passed over


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def dedupe(figures: list[Figure]) -> list[Figure]:
    """Drop exact repeats of a key within one document; refuse contradictions."""
    kept: dict[tuple, Figure] = {}
    for figure in figures:
        previous = kept.get(figure.key)
        if previous is None:
            kept[figure.key] = figure
        elif (previous.value, previous.qualifier) != (figure.value, figure.qualifier):
            raise ConflictingFigures(
                f"{figure.entity} {figure.metric}/{figure.scope} {figure.period} is stated as both "
                f"{previous.value} ({previous.qualifier}) and {figure.value} ({figure.qualifier})"
            )
    return list(kept.values())


def fingerprint(figures: list[Figure], skipped: Sequence = ()) -> str:
    """A hash of what a parse found: its figures and the numbers it skipped with their reasons."""
    rows = sorted(json.dumps(f.as_record(), sort_keys=True, ensure_ascii=False) for f in figures)
    rows += sorted(json.dumps([s.number, s.reason, s.sentence], ensure_ascii=False) for s in skipped)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def _insert_rows(c, statement: str, rows: list[tuple]) -> None:
    """The rows inserted by `statement` (an INSERT … SELECT * FROM new_rows) from an Arrow table of them:
    DuckDB reads the columns at once, with no statement per row and no placeholder per value."""
    if rows:
        c.register("new_rows", pa.table({f"c{i}": list(column) for i, column in enumerate(zip(*rows))}))
        try:
            c.execute(statement)
        finally:
            c.unregister("new_rows")


@dataclass(frozen=True)
class PendingLoad:
    """What loading one document writes: its new rows, or (its figures unchanged) only the readers' version."""

    sha256: str
    document_row: tuple | None = None  # None: the same figures as loaded, only the version to record
    figure_rows: list[tuple] = field(default_factory=list)
    skipped_rows: list[tuple] = field(default_factory=list)


def _document_row(entry: ManifestEntry, load_id: str, **state) -> tuple:
    """The `documents` row of a document with its manifest facts and its parse state."""
    return (
        entry.sha256, entry.url, entry.source, entry.kind, entry.period, entry.title,
        datetime.fromisoformat(entry.fetched_at).replace(tzinfo=None), entry.http_status,
        entry.content_type, entry.encoding, entry.size, state.get("published_on"),
        state["parse_status"], state.get("figure_count", 0), state.get("fingerprint"),
        state.get("parser_error"), load_id, _now(), state.get("parser_version"),
    )


def _replace_documents(c, rows: list[tuple]) -> None:
    c.execute(SQL["delete_documents"], [[row[0] for row in rows]])
    _insert_rows(c, SQL["insert_documents"], rows)


def _prepared(document: ParsedDocument, state: tuple | None, load_id: str, parser_version: str | None):
    """(the document's LoadResult or refusal, what loading it writes or None), `state` being what was last
    loaded from it (fingerprint, parse status, readers' version) or None."""
    entry, passed_over = document.entry, document.passed_over
    try:
        figures = dedupe(document.figures)
    except ConflictingFigures as exc:
        return exc, None
    if not figures and not passed_over:
        return ValueError(f"refusing to load {entry.url or entry.sha256}: a parse that yields nothing is a failure"), None
    print_ = fingerprint(figures, document.skipped)
    if state and state[0] == print_ and state[1] == "parsed":
        result = LoadResult(entry.sha256, "unchanged", len(figures), passed_over)
        return result, (PendingLoad(entry.sha256) if parser_version and state[2] != parser_version else None)
    loaded_at = _now()
    return LoadResult(entry.sha256, "replaced" if state else "inserted", len(figures), passed_over), PendingLoad(
        entry.sha256,
        _document_row(
            entry, load_id, parse_status="parsed", figure_count=len(figures), fingerprint=print_,
            published_on=next((f.published_on for f in figures if f.published_on), None), parser_version=parser_version,
        ),
        [
            (
                f.publisher, f.entity, f.metric, f.scope, f.segment, f.period, f.value, f.qualifier,
                f.release, f.yoy_pct, f.mom_pct, f.published_on, entry.sha256, f.url or entry.url,
                entry.source, f.evidence, load_id, loaded_at, f.cites,
            )
            for f in figures
        ],
        [(entry.sha256, entry.url, entry.source, str(s.number), s.reason, s.sentence, load_id, loaded_at) for s in document.skipped],
    )


def _write(c, loads: list[PendingLoad], parser_version: str | None) -> None:
    """The loads' rows, a statement per table: each loaded document's old figures, skipped numbers and row
    replaced by its new ones; the unchanged ones' readers' version set."""
    if versions := [load.sha256 for load in loads if load.document_row is None]:
        c.execute(SQL["set_parser_versions"], [parser_version, versions])
    loaded = [load for load in loads if load.document_row is not None]
    if loaded:
        sha256s = [load.sha256 for load in loaded]
        c.execute(SQL["delete_documents_figures"], [sha256s])
        _insert_rows(c, SQL["insert_figures"], [row for load in loaded for row in load.figure_rows])
        c.execute(SQL["delete_documents_skipped"], [sha256s])
        _insert_rows(c, SQL["insert_skipped"], [row for load in loaded for row in load.skipped_rows])
        _replace_documents(c, [load.document_row for load in loaded])


class Writer:
    """Owns the read-write connection to the warehouse; serialises all writes."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn = connect(self.path)
        self._lock = threading.RLock()
        self.crashed_runs: list[CrashedRun] = []  # what the last start_run closed

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _transaction(self, work) -> None:
        with self._lock:
            self.conn.execute("BEGIN TRANSACTION")
            try:
                work(self.conn)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------ runs

    def start_run(self, flow: str, params: dict) -> str:
        """Record a new run with its process; first close as crashed every unfinished run
        whose process is gone (listed in `crashed_runs`)."""
        load_id = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        me, crashed = Process.current(), []

        def work(c):
            crashed[:] = self._close_crashed_runs(c, load_id)
            c.execute(SQL["insert_run"], [load_id, flow, json.dumps(params, default=str), _now(), me.pid, me.host, me.started])

        self._transaction(work)
        self.crashed_runs = crashed
        return load_id

    @staticmethod
    def _close_crashed_runs(c, load_id: str) -> list[CrashedRun]:
        """Unfinished runs whose process no longer runs on this host, closed as crashed. (One
        of another host counts as dead too: this writer holds the warehouse's lock, so no
        other process is writing to it.)"""
        crashed = [
            CrashedRun(run_id, started_at, process)
            for run_id, started_at, *recorded in c.execute(SQL["running_runs"]).fetchall()
            if not (process := Process(*recorded)).alive()
        ]
        for run in crashed:
            c.execute(SQL["crash_run"], [_now(), json.dumps({"crashed": run.describe(), "found_by": load_id}), run.load_id])
        return crashed

    def finish_run(self, load_id: str, status: str, summary: dict) -> None:
        self._transaction(
            lambda c: c.execute(
                SQL["finish_run"],
                [_now(), status, json.dumps(summary, default=str, ensure_ascii=False), load_id],
            )
        )

    # ------------------------------------------------------------ documents

    def _upsert_document(self, c, entry: ManifestEntry, load_id: str, **state) -> None:
        _replace_documents(c, [_document_row(entry, load_id, **state)])

    def load_document(
        self, entry: ManifestEntry, figures: list[Figure], load_id: str, skipped: Sequence = (), parser_version: str | None = None,
        passed_over: str = "",
    ) -> LoadResult:
        """Load one parsed document's figures and skipped numbers: insert, replace, or leave unchanged;
        `parser_version` records which version of the readers read them. A document with no figure loads only
        when the reader `passed_over` it, saying why (a slide of a chart): its skipped entries keep the reason."""
        (result,) = self.load_documents([ParsedDocument(entry, figures, skipped, passed_over)], load_id, parser_version)
        if isinstance(result, Exception):
            raise result
        return result

    def load_documents(self, documents: Sequence["ParsedDocument"], load_id: str, parser_version: str | None = None) -> list:
        """Load several parsed documents (a batch of a backfill) in one transaction, a statement per table for
        all of them; should it fail, each is loaded in a transaction of its own, so that a document the warehouse
        refuses fails alone. Each result is the document's LoadResult, or the exception that refused it."""
        with self._lock:
            states = self._document_states([document.entry.sha256 for document in documents])
            prepared = [_prepared(document, states.get(document.entry.sha256), load_id, parser_version) for document in documents]
            loads = [load for _, load in prepared if load]
            try:
                self._transaction(lambda c: _write(c, loads, parser_version))
                return [result for result, _ in prepared]
            except Exception:  # one document's rows refused: the others still load, each on its own
                return [self._alone(result, load, parser_version) for result, load in prepared]

    def _document_states(self, sha256s: list[str]) -> dict[str, tuple]:
        """sha256 -> (fingerprint, parse status, readers' version) of the documents already loaded."""
        rows = self.conn.execute(SQL["document_states"], [sha256s]).fetchall() if sha256s else []
        return {sha256: state for sha256, *state in rows}

    def _alone(self, result, load: "PendingLoad | None", parser_version: str | None):
        if load is None:
            return result
        try:
            self._transaction(lambda c: _write(c, [load], parser_version))
        except Exception as exc:
            return exc
        return result

    def parsed_figures(self, sha256s: list[str], parser_version: str) -> dict[str, int]:
        """How many figures this version of the readers loaded from each of the documents, in one query; a
        document absent was not (never parsed, failed last time, or parsed by another version): it must be read again."""
        with self._lock:
            return dict(self.conn.execute(SQL["parsed_figures"], [sha256s, parser_version]).fetchall())

    def documents_digest(self) -> str:
        with self._lock:
            return self.conn.execute(SQL["documents_digest"]).fetchone()[0]

    def last_publication(self) -> tuple[str, str] | None:
        """(the state it published, its load id) of the last run that published."""
        with self._lock:
            return self.conn.execute(SQL["last_publication"]).fetchone()

    def checkpoint(self) -> None:
        """What was loaded written into the file itself (DuckDB's CHECKPOINT, as at close): rows appended since
        the last checkpoint are otherwise held in memory, about 16 MiB at 3,000 documents, which the build of
        the models would add to."""
        with self._lock:
            self.conn.execute("CHECKPOINT")

    def record_published_state(self, load_id: str, state: str) -> None:
        self._transaction(lambda c: c.execute(SQL["set_published_state"], [state, load_id]))

    def record_parse_error(self, entry: ManifestEntry, error: Exception, load_id: str) -> None:
        """Log the failure; the document's previously loaded figures stay as they were."""

        def work(c):
            c.execute(
                SQL["insert_parse_error"],
                [entry.sha256, entry.url, entry.source, entry.period, type(error).__name__, str(error), load_id, _now()],
            )
            known = c.execute(SQL["document_state"], [entry.sha256]).fetchone()
            if known:
                c.execute(
                    SQL["mark_document_failed"],
                    [str(error), load_id, _now(), entry.sha256],
                )
            else:
                self._upsert_document(c, entry, load_id, parse_status="failed", parser_error=str(error))

        self._transaction(work)

    def record_fetch_error(self, url: str, source: str, period: str, status: int | None, message: str, load_id: str) -> None:
        self._transaction(
            lambda c: c.execute(
                SQL["insert_fetch_error"],
                [url, source, period, status, message, load_id, _now()],
            )
        )

