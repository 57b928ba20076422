"""`ev-deliveries`: a thin command line over the flows.

Prefect and Great Expectations are imported inside the commands that need
them, so `--help` and `extract` answer at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable, Iterator, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(add_completion=False, no_args_is_help=True, help="China EV deliveries: fetch, archive, parse, validate, publish.")
console = Console(stderr=True, soft_wrap=True)

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _month(value: Optional[str]) -> Optional[str]:
    if value is not None and not _MONTH.match(value):
        raise typer.BadParameter(f"{value!r} is not a month (YYYY-MM)")
    return value


def _sources(value: Optional[str]) -> Optional[list[str]]:
    """The names given (checked against the registry by `_run_flow`, once the server is on its way)."""
    return [name.strip() for name in value.split(",") if name.strip()] if value else None


def _known(sources: Optional[list[str]]) -> list[str]:
    """The sources a run covers: those named, every one known, else all."""
    from extractors.registry import SOURCES

    unknown = [name for name in sources or () if name not in SOURCES]
    if unknown:
        raise typer.BadParameter(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(SOURCES))}", param_hint="'--sources'")
    return sources or list(SOURCES)


HomeOption = typer.Option(None, "--home", envvar="EVD_HOME", help="Data home (default ./data).")


def _prefect_for(home: Optional[Path]) -> Path:
    """Prefect's defaults for this data home (set before Prefect is imported); the home, resolved."""
    from flows.settings import load_settings, prefect_defaults

    resolved = load_settings(home).home
    prefect_defaults(resolved)
    return resolved


@contextmanager
def _prefect_api() -> Iterator[Callable[[], None]]:
    """Prefect's API for a flow run: the one Prefect's settings name, else a temporary server of this run's,
    launched at once, before Prefect is imported here, so that its boot overlaps whatever the block imports
    before it calls what this yields (which waits for the server and points Prefect at it). A server that
    does not start ends the command in one line; the server ends with the block."""
    from flows.server import ServerNotStarted, TemporaryServer

    try:
        server = TemporaryServer.launch(lambda line: console.print(line, markup=False, highlight=False))
    except ValueError as exc:  # a malformed EVD_PREFECT_DB_MAX_MB
        _fail(exc)
    try:
        with ExitStack() as stack:

            def ready() -> None:
                from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

                if server is None:
                    return
                if PREFECT_API_URL.value():  # an API named in a profile or prefect.toml: that one, not this
                    server.stop()
                    return
                try:
                    server.wait_until_ready(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
                except ServerNotStarted as exc:
                    _fail(exc)
                stack.enter_context(temporary_settings(updates={PREFECT_API_URL: server.api_url}))
                stack.callback(_send_queued_to_api)

            yield ready
    finally:
        if server is not None:
            server.stop()


def _send_queued_to_api(timeout: float = 5.0) -> None:
    """The logs and events Prefect still holds for the API sent before the server stops (else Prefect retries
    them at exit against a closed port)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for queue in (APILogWorker, EventsWorker):
        queue.drain_all(timeout=timeout)


def _fail(error: Exception) -> NoReturn:
    console.print(f"error: {error}", markup=False, highlight=False)
    raise typer.Exit(1)


def _run_flow(flow_name: str, months: int, home: Optional[Path], runner: tuple[str, str | None] = ("threads", None), **params) -> None:
    """A flow of the pipeline run on its own Prefect API (`_prefect_api`), with a progress bar of its
    months × sources; exit code 1 when it did not complete."""
    from warehouse.processes import hand_back_large_blocks

    hand_back_large_blocks()  # before any process of the run is started: they inherit it
    home = _prefect_for(home)
    with _prefect_api() as prefect_ready:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from flows import pipeline
        from flows.parsing import task_runner

        total = months * len(_known(params["sources"]))
        try:
            chosen_runner = task_runner(*runner)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--task-runner") from None
        flow_fn = getattr(pipeline, flow_name).with_options(task_runner=chosen_runner)
        prefect_ready()
        logging.getLogger("prefect.task_runs").setLevel(logging.WARNING)
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console) as bar:
            job = bar.add_task("starting", total=total)

            def on_progress(event: str, detail: str) -> None:
                if event == "partition":
                    bar.update(job, advance=1, description=detail)
                else:
                    bar.update(job, completed=total, description=detail)

            pipeline.progress = on_progress
            try:
                state = flow_fn(**params, home=str(home), return_state=True)
            finally:
                pipeline.progress = lambda event, detail: None
    typer.echo(state.message or state.name)
    if not state.is_completed():
        raise typer.Exit(1)


@app.command()
def backfill(
    start: str = typer.Option(..., callback=_month, help="First month, YYYY-MM."),
    end: str = typer.Option(..., callback=_month, help="Last month, YYYY-MM."),
    sources: Optional[str] = typer.Option(None, callback=_sources, help="Comma-separated sources (default: all)."),
    offline: bool = typer.Option(False, help="Replay the archive (yours, then the bundled samples); no network."),
    reparse: bool = typer.Option(False, help="Read every document again, even those this version of the readers already read."),
    task_runner: str = typer.Option("threads", help="Where --offline parses: threads, processes (every core) or dask."),
    dask_address: Optional[str] = typer.Option(None, help="With --task-runner dask: the scheduler (default: a local cluster)."),
    home: Optional[Path] = HomeOption,
):
    """Load a range of months into the warehouse and publish the marts (a document already read by this
    version of the readers is not read again; when nothing changed, the published file is left as it was)."""
    from extractors.helpers import month_range

    if end < start:
        raise typer.BadParameter("--end is before --start")
    _run_flow("backfill", len(month_range(start, end)), home, runner=(task_runner, dask_address),
              start=start, end=end, sources=sources, offline=offline, reparse=reparse)


@app.command()
def run(
    month: Optional[str] = typer.Option(None, callback=_month, help="Month to fetch (default: the previous month)."),
    sources: Optional[str] = typer.Option(None, callback=_sources, help="Comma-separated sources (default: all)."),
    home: Optional[Path] = HomeOption,
):
    """The monthly run: fetch one month from the live sites."""
    _run_flow("monthly_run", 1, home, month=month, sources=sources)


@app.command()
def extract(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A local document (HTML, JSON, PDF, text, a slide picture)."),
    source: Optional[str] = typer.Option(None, help="The source that published it (recognised from its content when omitted)."),
    url: Optional[str] = typer.Option(None, help="The URL it came from, kept as provenance (a date in it dates the document)."),
    published: Optional[str] = typer.Option(None, help="Its publication date, YYYY-MM-DD, when the document carries none."),
):
    """Parse one local file: its figures on stdout, one JSON object per line; skipped numbers on stderr."""
    from datetime import date

    from extractors.base import Document, ParseError
    from extractors.registry import extract as extract_document

    try:
        published_on = date.fromisoformat(published) if published else None
    except ValueError:
        raise typer.BadParameter(f"--published takes YYYY-MM-DD, not {published!r}") from None
    content = file.read_bytes()
    doc = Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url=url or file.resolve().as_uri(), published_on=published_on)
    try:
        chosen, doc, extraction = extract_document(doc, source)
    except KeyError as exc:
        raise typer.BadParameter(str(exc.args[0])) from None
    except (ParseError, ValueError, UnicodeDecodeError) as exc:
        console.print(f"[red]{escape(str(file))}: {escape(str(exc))}[/red]")
        raise typer.Exit(2)
    for skipped in extraction.skipped:
        console.print(f"skipped {skipped.number}: {skipped.reason} — {skipped.sentence[:160]}", markup=False, highlight=False)
    if not extraction.figures:
        console.print(f"[red]{file}: the {chosen.name} parser found no figure.[/red]")
        raise typer.Exit(2)
    for figure in extraction.figures:
        sys.stdout.write(json.dumps(figure.as_record(), ensure_ascii=False) + "\n")
    console.print(f"{len(extraction.figures)} figures from {chosen.name} {doc.kind or ''} document, {len(extraction.skipped)} numbers skipped")


@app.command()
def status(
    start: Optional[str] = typer.Option(None, callback=_month, help="First month shown."),
    end: Optional[str] = typer.Option(None, callback=_month, help="Last month shown."),
    home: Optional[Path] = HomeOption,
):
    """What is loaded per source and month (a mark per month, counts per year), the last run and validation."""
    import duckdb

    from flows.settings import load_settings
    from warehouse.status import legend, partition_status, year_tables

    if start and end and start > end:
        raise typer.BadParameter(f"{start} is after --end {end}", param_hint="--start")
    settings = load_settings(home)
    if not settings.warehouse_path.exists():
        console.print(f"No warehouse at {settings.warehouse_path} yet: run a backfill first.")
        raise typer.Exit(1)
    try:
        grid = partition_status(settings.warehouse_path, start, end)
    except duckdb.IOException as exc:  # a run holds the warehouse for its whole length
        console.print(f"[red]{settings.warehouse_path} is in use (a run is going on?): {escape(str(exc))}[/red]")
        console.print("The published file stays readable meanwhile: " + str(settings.published_path))
        raise typer.Exit(1)
    out = Console()
    if grid.months:
        out.print(f"Documents per source and month, {grid.months[0]} to {grid.months[-1]}", style="bold")
        out.print(legend())
        for table in year_tables(grid):
            out.print("", table, sep="\n")
    else:
        out.print("No document loaded" + (f" from {start}" if start else "") + (f" to {end}" if end else "") + ".")
    if grid.last_run:
        load_id, run_status, finished_at = grid.last_run
        out.print(f"\nlast run {load_id} ({run_status})" + (f", finished {finished_at:%Y-%m-%d %H:%M:%S}" if finished_at else ""))
    _print_last_validation(settings.warehouse_path)


def _print_last_validation(warehouse_path: Path) -> None:
    """The last validation result per suite (status): how many expectations passed, the
    critical failures by name, the warnings, and which run."""
    from rich.table import Table

    from expectations import last_results

    summaries = last_results(warehouse_path)
    if not summaries:
        Console().print("No validation yet: run `ev-deliveries validate` or a backfill.")
        return
    table = Table(title="Last validation per suite", title_justify="left")
    for column in ("suite", "result", "run"):
        table.add_column(column, overflow="fold")
    for s in summaries:
        result = f"{s.passed}/{s.expectations} passed"
        if s.critical_failed:
            result = f"[red]{result}, {s.critical_failed} critical failed: {s.critical_expectations}[/red]"
        elif s.warnings:
            result = f"[yellow]{result}, {s.warnings} {'warning' if s.warnings == 1 else 'warnings'}[/yellow]"
        else:
            result = f"[green]{result}[/green]"
        table.add_row(s.suite, result, f"{s.load_id} {s.validated_at:%Y-%m-%d %H:%M:%S}")
    Console().print(table)


@app.command()
def validate(home: Optional[Path] = HomeOption):
    """Run the validation suites against the current warehouse; exit 1 on a critical failure."""
    from itertools import groupby

    import duckdb
    from rich.table import Table

    from expectations import validate_warehouse
    from flows.settings import load_settings

    settings = load_settings(home)
    if not settings.warehouse_path.exists():
        console.print(f"No warehouse at {settings.warehouse_path} yet: run a backfill first.")
        raise typer.Exit(1)
    try:
        load_id, report = validate_warehouse(settings.warehouse_path, settings.docs_dir)
    except duckdb.IOException as exc:  # another process (a running flow) holds the warehouse
        console.print(f"[red]Cannot open {settings.warehouse_path} for validation: {escape(str(exc))}[/red]")
        raise typer.Exit(1)
    table = Table(title=f"Validation {load_id}", title_justify="left")
    for column in ("expectation", "severity", "result", "observed"):
        table.add_column(column, overflow="fold")
    for suite, outcomes in groupby(report.outcomes, key=lambda o: o.suite):
        table.add_row(f"[bold]{suite}[/bold]")
        for o in outcomes:
            result = "passed" if o.success else "not run" if o.expectation_type == "not_run" else "FAILED"
            style = "green" if o.success else "red" if o.severity == "critical" else "yellow"
            table.add_row(o.expectation, o.severity, f"[{style}]{result}[/{style}]", escape(o.observed))
        table.add_section()
    out = Console()
    out.print(table)
    for line in report.critical_failures:
        out.print(f"[red]critical: {escape(line)}[/red]", soft_wrap=True, highlight=False)
    for line in report.warnings:
        out.print(f"[yellow]warning: {escape(line)}[/yellow]", soft_wrap=True, highlight=False)
    critical, warnings = len(report.critical_failures), len(report.warnings)
    out.print(
        f"{critical} critical {'failure' if critical == 1 else 'failures'}, {warnings} {'warning' if warnings == 1 else 'warnings'}; "
        f"Data Docs (every validation): {report.docs_index}"
    )
    if report.critical_failures:
        raise typer.Exit(1)


def _published_path(home: Optional[Path]) -> Path:
    from flows.settings import load_settings

    path = load_settings(home).published_path
    if not path.is_file():
        console.print(f"No published file at {path} yet: run a backfill first.")
        raise typer.Exit(1)
    return path


@app.command()
def export(
    format: str = typer.Option(..., "--format", help="parquet (partitioned by year) or csv (UTF-8 with BOM, for Excel)."),
    out: Path = typer.Option(..., "--out", file_okay=False, help="Folder to write one Parquet folder or CSV file per mart into."),
    home: Optional[Path] = HomeOption,
):
    """Export every published mart as Parquet or CSV files."""
    from warehouse.export import FORMATS
    from warehouse.export import export as export_marts

    if format not in FORMATS:
        raise typer.BadParameter(f"{format!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    for item in export_marts(_published_path(home), out, format):
        typer.echo(f"{item.table}: {item.rows} rows -> {item.path}")


@app.command()
def report(
    out: Path = typer.Option(..., "--out", dir_okay=False, help="The HTML file to write."),
    home: Optional[Path] = HomeOption,
):
    """Write a static, offline HTML report with charts of the published marts."""
    from flows.settings import load_settings
    from warehouse.report import write_report

    written = write_report(_published_path(home), out, load_settings(home).warehouse_path)
    typer.echo(f"report written to {written}")


@app.command()
def sources(home: Optional[Path] = HomeOption):
    """The registered sources: publisher, document kinds and the base URL in force (after settings)."""
    from rich.table import Table

    from extractors.registry import SOURCES
    from flows.settings import load_settings

    settings = load_settings(home)
    table = Table(title="Sources (extractors/registry.py)")
    for column in ("source", "publisher", "kinds", "base URL", "what"):
        table.add_column(column)
    for source in SOURCES.values():
        table.add_row(source.name, source.publisher, ", ".join(source.kinds), settings.base_url(source.name, source.base_url), source.description)
    Console().print(table)


@app.command()
def serve():
    """Serve the monthly_run deployment (10th and 20th, Asia/Shanghai) to a Prefect server."""
    _prefect_for(None)
    from flows.deploy import serve_monthly

    serve_monthly()


if __name__ == "__main__":
    app()
