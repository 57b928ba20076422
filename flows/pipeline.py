"""The Prefect flows: discover → fetch → parse → load → validate → publish.

`monthly_run` picks up one month (by default the previous one) from the live
sites; `backfill` does a range of months, live or replayed from the archive
(`offline`). A document that fails does not stop the others: it is recorded
with its reason, and the run ends Failed with a summary naming it. So does a
list that fails: the documents discovery found before it, and those of the
source's other lists, still load.

A live run fetches each host's sources in a thread of its own, so a site
that stalls holds up only its own documents. Its fetching has a budget
(`run.budget_per_month` seconds per month it covers): once spent, every
remaining fetch fails at once, recorded like any other, and what did load is
validated and published as usual; the run ends Failed, naming what was not
fetched.
"""

from __future__ import annotations

import contextvars
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed

from expectations import engine as validation_engine
from extractors.base import Document, DocumentRef, ParseError
from extractors.code_version import code_digest, parser_version
from extractors.helpers import ENTITIES_CSV, month_range, previous_month
from extractors.registry import SOURCES, get_source
from flows.fetch import ArchivingWeb, Fetcher, FetchError
from flows.parsing import batch_size, parse_batch, worker_processes
from flows.reading import Parsed, read_entry
from flows.settings import Settings, load_settings
from warehouse import models
from warehouse.archive import Archive, ArchiveChain, ManifestEntry
from warehouse.db import WarehouseLocked
from warehouse.models import TRANSFORMS_DIR
from warehouse.processes import hand_back_large_blocks
from warehouse.writer import ConflictingFigures, ParsedDocument, Writer

# Set by the CLI to draw progress; called as progress(event, detail).
progress: Callable[[str, str], None] = lambda event, detail: None  # noqa: E731
EXPECTATIONS_DIR = Path(__file__).resolve().parents[1] / "expectations"  # not imported: Great Expectations loads only to validate


@dataclass
class Problem:
    stage: str  # discover, fetch, parse, validate, publish, run
    source: str
    period: str
    url: str
    message: str


@dataclass
class RunSummary:
    load_id: str = ""
    documents: int = 0
    inserted: int = 0
    replaced: int = 0
    unchanged: int = 0
    not_reparsed: int = 0  # of the unchanged: same bytes, same readers' version, so not read again
    passed_over: int = 0  # read, and holding nothing of ours (a slide of a chart), each saying why in skipped_numbers
    figures: int = 0
    unchanged_since: str = ""  # the run whose publication this one left as it was (nothing changed since)
    published: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, part: "RunSummary") -> None:
        """Count in what a part of the run (one host's sources) loaded and met."""
        for count in (f.name for f in fields(self) if isinstance(getattr(self, f.name), int)):
            setattr(self, count, getattr(self, count) + getattr(part, count))
        self.problems += part.problems
        self.warnings += part.warnings

    def describe(self) -> str:
        head = (
            f"run {self.load_id}: {self.documents} documents ({self.inserted} new, {self.replaced} re-parsed, "
            f"{self.unchanged} unchanged, {self.not_reparsed} of them not read again"
            + (f"; {self.passed_over} passed over, holding nothing of ours" if self.passed_over else "")
            + f"), {self.figures} figures"
        )
        if self.unchanged_since:
            head += f"; nothing changed since run {self.unchanged_since} published: not validated again, the published file left as it was"
        elif self.published:
            head += f"; published {sum(self.published.values())} rows in {len(self.published)} tables"
        else:
            head += "; not published"
        lines = [head] + [f"  FAILED {p.stage} {p.source} {p.period} {p.url}: {p.message}" for p in self.problems]
        return "\n".join(lines + [f"  warning: {w}" for w in self.warnings])


class RunFailed(Exception):
    """A run that ended with problems; its message is the run's summary."""


@dataclass
class Context:
    """What every task needs, opened once per flow run."""

    settings: Settings
    archive: ArchiveChain
    fetcher: Fetcher
    writer: Writer
    load_id: str = ""
    reparse: bool = False  # read every document again, even one this version of the readers already read


@dataclass(frozen=True)
class DiscoveryFailure:
    """A list that could not be fetched or read, as the run records it."""

    url: str
    status: int | None
    message: str


def open_context(settings: Settings, months: int) -> Context:
    primary = Archive(settings.raw_dir)
    chain = ArchiveChain(primary, Archive(settings.bundled_archive, read_only=True))
    fetcher = Fetcher(settings.http, primary, budget=settings.run.budget_per_month * months)
    return Context(settings, chain, fetcher, Writer(settings.warehouse_path))


# ------------------------------------------------------------------ tasks


@task(cache_policy=NO_CACHE)
def discover_documents(ctx: Context, source_name: str, period: str) -> tuple[list[DocumentRef], list[DiscoveryFailure]]:
    """What the source's discovery finds on its site for the period, and each list that failed
    (the documents found before or beside it are kept)."""
    source = get_source(source_name)
    web = ArchivingWeb(ctx.fetcher, source_name, ctx.settings.base_url(source_name, source.base_url))
    found: list[DocumentRef] = []
    try:
        for ref in source.discover(period, web):
            found.append(ref)  # one by one: a list that fails further on keeps what came before it
    except ExceptionGroup as group:  # a source's lists that failed, after the others were walked
        return found, [_discovery_failure(exc) for exc in group.exceptions]
    except Exception as exc:
        return found, [_discovery_failure(exc)]
    return found, []


def _discovery_failure(exc: Exception) -> DiscoveryFailure:
    if isinstance(exc, FetchError):
        return DiscoveryFailure(exc.url, exc.status, exc.reason)
    url = exc.doc.url if isinstance(exc, ParseError) and exc.doc else ""  # a list page that no longer reads as one
    return DiscoveryFailure(url, None, f"{type(exc).__name__}: {exc}")


def _replay(ctx: Context, sources: list[str], months: list[str], summary: RunSummary) -> None:
    """Offline: every source's months read from the archive. The documents not read yet by these readers are
    parsed in batches on the flow's task runner (threads, processes or Dask: every core) and loaded, in order,
    by the single writer as each batch comes back (one transaction a batch, each document alone should that
    fail), while the later ones are still being parsed; each document keeps its own outcome."""
    pending: list[tuple[str, ManifestEntry]] = []
    left: dict[str, int] = {}  # documents of each partition still to load
    for name, period in ((name, period) for name in sources for period in months):
        label = f"{name} {period}"
        left[label] = 0
        entries = [entry for entry in ctx.archive.find(source=name, period=period) if entry.kind != "list"]
        read_before = ctx.writer.parsed_figures([entry.sha256 for entry in entries], parser_version())
        for entry in entries:
            if not _already_read(ctx, entry, summary, read_before):
                pending.append((label, entry))
                left[label] += 1
    if pending:
        validation_engine.start()  # Great Expectations imports in its own process while the documents are parsed
    size = batch_size(len(pending))
    batches = [pending[i:i + size] for i in range(0, len(pending), size)]
    roots = tuple(str(archive.root) for archive in ctx.archive.archives)
    for label in [label for label, count in left.items() if not count]:
        progress("partition", label)
    warnings: dict[str, None] = {}
    with worker_processes([entry for _, entry in pending]):
        futures = [parse_batch.submit(roots, [entry for _, entry in batch], str(n)) for n, batch in enumerate(batches, 1)]
        for index, batch in enumerate(batches):
            parsed, futures[index] = futures[index].result(), None  # a loaded batch's figures not held to the end
            warnings.update(dict.fromkeys(w for p in parsed for w in p.warnings))
            for (label, entry), outcome in zip(batch, _loaded(ctx, [(entry, p) for (_, entry), p in zip(batch, parsed)])):
                _count(ctx, entry, outcome, summary)
                left[label] -= 1
                if not left[label]:
                    progress("partition", label)
    summary.warnings += list(warnings)


@task(cache_policy=NO_CACHE)
def fetch_document(ctx: Context, ref: DocumentRef) -> tuple[Document, ManifestEntry]:
    """Fetch one discovered document and archive it (the fetcher retries; Prefect does not): the archived
    document and its manifest row."""
    source = get_source(ref.source)
    web = ArchivingWeb(ctx.fetcher, ref.source, ctx.settings.base_url(ref.source, source.base_url))
    return ctx.fetcher.fetch_document(web.url(ref.url), source=ref.source, kind=ref.kind, period=ref.period, title=ref.title)


@task(cache_policy=NO_CACHE)
def parse_document(ctx: Context, entry: ManifestEntry) -> Parsed:
    """Live: one fetched document read from the archive and parsed, in the flow's process."""
    return read_entry(ctx.archive, entry)


@task(cache_policy=NO_CACHE)
def validate_warehouse(ctx: Context, built: models.Build) -> tuple[list[str], list[str]]:
    """The validation gate on the warehouse and its build: (critical failures, warnings). Critical ones block publishing."""
    from expectations import validate_build

    report = validate_build(ctx.writer.conn, ctx.settings.docs_dir, ctx.load_id, built.error)
    return report.critical_failures, report.warnings


@task(cache_policy=NO_CACHE)
def publish_marts(ctx: Context, built: models.Build) -> dict[str, int]:
    """The validated build's marts into a new file, swapped in atomically."""
    return models.publish_build(ctx.writer.conn, built, ctx.settings.published_path)


# ------------------------------------------------------------------ flows


def _ingest(ctx: Context, months: list[str], sources: list[str], offline: bool, summary: RunSummary) -> None:
    """Every source's months. Live, each host's sources run in a thread of their own, so that a site that
    stalls holds up only its own documents (each thread's counts are added up after, in the sources' order);
    offline, nothing waits on a site: the documents are parsed in batches on the task runner (`_replay`)."""
    if offline:
        _replay(ctx, sources, months, summary)
        return
    validation_engine.start()  # Great Expectations imports in its own process while the sites are read
    groups = _by_host(ctx, sources)
    parts = [RunSummary() for _ in groups]
    with ThreadPoolExecutor(max_workers=len(groups), thread_name_prefix="evd-host") as pool:
        running = [
            pool.submit(contextvars.copy_context().run, _ingest_sources, ctx, group, months, part)  # Prefect's run context
            for group, part in zip(groups, parts)
        ]
        for future in running:
            future.result()
    for part in parts:
        summary.add(part)


def _by_host(ctx: Context, sources: list[str]) -> list[list[str]]:
    """The sources grouped by the host they are fetched from, in the order given."""
    groups: dict[str, list[str]] = {}
    for name in sources:
        groups.setdefault(urlsplit(ctx.settings.base_url(name, get_source(name).base_url)).netloc, []).append(name)
    return list(groups.values())


def _ingest_sources(ctx: Context, sources: list[str], months: list[str], summary: RunSummary) -> None:
    """Live: each source's months, discovered and fetched from its site."""
    for source_name in sources:
        for period in months:
            refs, failures = discover_documents(ctx, source_name, period)
            for failure in failures:
                ctx.writer.record_fetch_error(failure.url, source_name, period, failure.status, failure.message, ctx.load_id)
                summary.problems.append(Problem("discover", source_name, period, failure.url, failure.message))
            for ref in refs:
                _ingest_fetched(ctx, ref, summary)
            progress("partition", f"{source_name} {period}")


def _ingest_fetched(ctx: Context, ref: DocumentRef, summary: RunSummary) -> None:
    """Live: one discovered document fetched, read and loaded, then the documents of their own it shows (a page's slides)."""
    try:
        document, entry = fetch_document(ctx, ref)
    except FetchError as exc:
        ctx.writer.record_fetch_error(exc.url, ref.source, ref.period, exc.status, exc.reason, ctx.load_id)
        summary.problems.append(Problem("fetch", ref.source, ref.period, exc.url, exc.reason))
        return
    _ingest_document(ctx, entry, summary)
    for attached in get_source(ref.source).attachments(document, entry.title):
        _ingest_fetched(ctx, attached, summary)


def _ingest_document(ctx: Context, entry: ManifestEntry, summary: RunSummary) -> None:
    """Live: one archived document read and loaded; its outcome counted in `summary`."""
    if not _already_read(ctx, entry, summary, ctx.writer.parsed_figures([entry.sha256], parser_version())):
        _load_parsed(ctx, entry, parse_document(ctx, entry), summary)


def _already_read(ctx: Context, entry: ManifestEntry, summary: RunSummary, read_before: dict[str, int]) -> bool:
    """Counts the document in; True (and counted unchanged) when these readers already read these bytes
    (`read_before`: the figures of the documents they did, Writer.parsed_figures)."""
    summary.documents += 1
    if ctx.reparse or (figures := read_before.get(entry.sha256)) is None:
        return False
    summary.unchanged, summary.not_reparsed, summary.figures = summary.unchanged + 1, summary.not_reparsed + 1, summary.figures + figures
    return True


def _load_parsed(ctx: Context, entry: ManifestEntry, parsed: Parsed, summary: RunSummary) -> None:
    """Live: a parsed document's figures loaded, or its failure recorded; counted in `summary`."""
    (outcome,) = _loaded(ctx, [(entry, parsed)])
    _count(ctx, entry, outcome, summary)


def _loaded(ctx: Context, batch: list[tuple[ManifestEntry, Parsed]]) -> list:
    """The batch's readable documents loaded by the writer in one transaction (each alone, should that fail);
    per document its LoadResult, or the error of its reading or its loading."""
    readable = [ParsedDocument(entry, p.extraction.figures, p.extraction.skipped, p.extraction.passed_over)
                for entry, p in batch if p.error is None]
    loaded = iter(ctx.writer.load_documents(readable, ctx.load_id, parser_version()) if readable else ())
    return [p.error if p.error is not None else next(loaded) for _, p in batch]


def _count(ctx: Context, entry: ManifestEntry, outcome, summary: RunSummary) -> None:
    """A document's outcome in `summary`: its counts, or (for an error: whatever a parser raised, or the writer
    refused) a recorded failure of this document only, never the run."""
    if isinstance(outcome, Exception):
        ctx.writer.record_parse_error(entry, outcome, ctx.load_id)
        message = str(outcome) if isinstance(outcome, (ParseError, ConflictingFigures)) else f"{type(outcome).__name__}: {outcome}"
        summary.problems.append(Problem("parse", entry.source, entry.period, entry.url or entry.sha256, message))
        return
    setattr(summary, outcome.outcome, getattr(summary, outcome.outcome) + 1)
    summary.figures += outcome.figures
    summary.passed_over += bool(outcome.passed_over)


def _publishable_state(ctx: Context) -> str:
    """What publishing now would publish, as a digest: every document's load and the code of the marts and their checks."""
    return f"{code_digest(TRANSFORMS_DIR, EXPECTATIONS_DIR, Path(models.__file__), ENTITIES_CSV)}:{ctx.writer.documents_digest()}"


def _validate_and_publish(ctx: Context, summary: RunSummary) -> None:
    """The gate: one build of the models is validated and, when no critical expectation failed, published; a
    crash in either step fails the run, named. When the warehouse is as the last publication left it (and
    --reparse was not asked), neither runs."""
    state, last = _publishable_state(ctx), ctx.writer.last_publication()
    if not ctx.reparse and last and last[0] == state and ctx.settings.published_path.is_file():
        summary.unchanged_since = last[1]
        return
    ctx.writer.checkpoint()  # the loads into the file first: the build's memory then adds to less
    with models.build(ctx.writer.conn) as built:
        progress("stage", "validate")
        try:
            critical, warnings = validate_warehouse(ctx, built)
            summary.warnings += warnings
        except Exception as exc:
            summary.problems.append(Problem("validate", "", "", "", f"validation could not run: {type(exc).__name__}: {exc}"))
            return
        summary.problems += [Problem("validate", "", "", "", message) for message in critical]
        if critical:
            return
        progress("stage", "publish")
        try:
            summary.published = publish_marts(ctx, built)
            ctx.writer.record_published_state(ctx.load_id, state)
        except Exception as exc:
            summary.problems.append(Problem("publish", "", "", "", f"{type(exc).__name__}: {exc} (the previous published file is unchanged)"))


def _nothing_found(ctx: Context, months: list[str], offline: bool) -> str:
    """Why a run that found no document fails rather than publishing empty tables."""
    span = months[0] if len(months) == 1 else f"{months[0]} to {months[-1]}"
    if offline:
        where = " and ".join(str(archive.root) for archive in ctx.archive.archives)
        return f"no archived document for {span} in {where}: nothing to load, nothing published"
    return f"no document was discovered for {span}: nothing to load, nothing published"


def _run(flow_name: str, months: list[str], sources: list[str] | None, offline: bool, settings: Settings, reparse: bool = False):
    hand_back_large_blocks()  # here too for a run a Prefect worker starts: its parse and GX processes inherit it
    sources = sources or sorted(SOURCES)
    for name in sources:
        get_source(name)
    logger = get_run_logger()
    try:
        ctx = open_context(settings, len(months))
        ctx.reparse = reparse
    except WarehouseLocked as exc:  # another run holds the warehouse: nothing was started, nothing to record
        return Failed(message=str(exc), data=RunFailed(str(exc)))
    summary = RunSummary()
    try:
        ctx.load_id = summary.load_id = ctx.writer.start_run(
            flow_name, {"months": [months[0], months[-1]], "sources": sources, "offline": offline, "reparse": reparse}
        )
        summary.warnings += [run.describe() for run in ctx.writer.crashed_runs]
        _ingest(ctx, months, sources, offline, summary)
        summary.warnings += ctx.archive.warnings
        if not summary.documents and not summary.problems:
            summary.problems.append(Problem("run", "", "", "", _nothing_found(ctx, months, offline)))
        else:
            _validate_and_publish(ctx, summary)
    except BaseException as exc:  # interrupted or crashed: the run is recorded as failed, then the error goes on
        summary.problems.append(Problem("run", "", "", "", f"{type(exc).__name__}: {exc}"))
        raise
    finally:
        validation_engine.stop()  # its process is the run's: a served deployment keeps none between runs
        try:
            ctx.writer.finish_run(summary.load_id, "failed" if summary.problems else "completed", asdict(summary))
        finally:
            ctx.writer.close()
    logger.info(summary.describe())
    if summary.problems:  # a Failed state carries an exception, which Prefect raises to a caller that asked for the result
        return Failed(message=summary.describe(), data=RunFailed(summary.describe()))
    return Completed(message=summary.describe(), data=asdict(summary))


@flow(name="backfill", log_prints=True)
def backfill(
    start: str, end: str, sources: list[str] | None = None, offline: bool = False, home: str | None = None, reparse: bool = False
):
    """Load every month from start to end (YYYY-MM), live or from the archive; `reparse` reads every document
    again (and validates and publishes), even those this version of the readers already read."""
    return _run("backfill", month_range(start, end), sources, offline, load_settings(home), reparse)


@flow(name="monthly_run", log_prints=True)
def monthly_run(month: str | None = None, sources: list[str] | None = None, home: str | None = None):
    """The scheduled run: one month (default: the previous month) from the live sites."""
    month = month or previous_month()
    return _run("monthly_run", [month], sources, False, load_settings(home))
