"""The archive, the migrations and the single writer, on real DuckDB files."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import duckdb
import pytest

from extractors.cpca import parse
from warehouse.archive import Archive, ArchiveChain
from warehouse.db import connect, migrations
from warehouse.models import publish
from warehouse.processes import HOST, Process
from warehouse.status import partition_status
from warehouse.writer import ConflictingFigures, ParsedDocument, Writer


@pytest.fixture
def december(sample_archive):
    (entry,) = sample_archive.find(source="cpca", period="2025-12", kind="monthly_analysis")
    return entry, parse(sample_archive.document(entry))


def test_migrations_apply_once(tmp_path):
    path = tmp_path / "w.duckdb"
    connect(path).close()
    conn = connect(path)
    applied = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [v for (v,) in applied] == [v for v, _, _ in migrations()]
    conn.close()


def test_same_figures_twice_change_nothing(tmp_path, december):
    entry, figures = december
    with Writer(tmp_path / "w.duckdb") as writer:
        first = writer.load_document(entry, figures, "load-1")
        before = writer.conn.execute("SELECT * FROM figures ORDER BY ALL").fetchall()
        second = writer.load_document(entry, figures, "load-2")
        after = writer.conn.execute("SELECT * FROM figures ORDER BY ALL").fetchall()
    assert (first.outcome, second.outcome) == ("inserted", "unchanged")
    assert before == after


def test_reparse_replaces_only_that_documents_figures(tmp_path, december, sample_archive):
    entry, figures = december
    (other,) = sample_archive.find(source="cpca", period="2025-11", kind="monthly_analysis")
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, figures, "load-1")
        writer.load_document(other, parse(sample_archive.document(other)), "load-1")
        fixed = [dataclasses.replace(f, evidence="re-read") for f in figures[:3]]
        result = writer.load_document(entry, fixed, "load-2")
        mine = writer.conn.execute("SELECT DISTINCT evidence, load_id FROM figures WHERE document_sha256=?", [entry.sha256]).fetchall()
        theirs = writer.conn.execute("SELECT DISTINCT load_id FROM figures WHERE document_sha256=?", [other.sha256]).fetchall()
    assert result.outcome == "replaced" and result.figures == 3
    assert mine == [("re-read", "load-2")]
    assert theirs == [("load-1",)]


def test_a_document_contradicting_itself_is_refused_whole(tmp_path, december):
    entry, figures = december
    contradiction = dataclasses.replace(figures[0], value=figures[0].value + 1)
    with Writer(tmp_path / "w.duckdb") as writer:
        with pytest.raises(ConflictingFigures, match="stated as both"):
            writer.load_document(entry, figures + [contradiction], "load-1")
        assert writer.conn.execute("SELECT count(*) FROM figures").fetchone() == (0,)


def test_an_empty_parse_is_never_loaded_as_zero(tmp_path, december):
    entry, _ = december
    with Writer(tmp_path / "w.duckdb") as writer, pytest.raises(ValueError, match="yields nothing"):
        writer.load_document(entry, [], "load-1")


def test_parse_failure_keeps_the_last_good_figures(tmp_path, december):
    entry, figures = december
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, figures, "load-1")
        writer.record_parse_error(entry, ValueError("layout changed"), "load-2")
        status = writer.conn.execute("SELECT parse_status, parser_error FROM documents").fetchall()
        kept = writer.conn.execute("SELECT count(*) FROM figures").fetchone()[0]
    assert status == [("failed", "layout changed")]
    assert kept == len(figures)


def test_archive_chain_prefers_home_and_falls_back_to_bundled(tmp_path, sample_archive):
    home = Archive(tmp_path / "raw")
    chain = ArchiveChain(home, sample_archive)
    bundled = chain.find(source="cpca", period="2025-12", kind="monthly_analysis")
    assert len(bundled) == 1
    assert chain.document(bundled[0]).sha256 == bundled[0].sha256
    with pytest.raises(PermissionError):
        sample_archive.put(b"x", url="u", source="s", kind="k", period="2025-01")


def test_a_corrupt_archived_file_is_detected(tmp_path):
    archive = Archive(tmp_path / "raw")
    entry = archive.put(b"<html>ok</html>", url="http://x/a", source="cpca", kind="list", period="2025-01")
    archive.path_of(entry.sha256).write_bytes(b"<html>tampered</html>")
    with pytest.raises(OSError, match="corrupt"):
        archive.read(entry.sha256)


def test_read_only_connection_sees_the_schema(tmp_path):
    path = tmp_path / "w.duckdb"
    connect(path).close()
    conn = connect(path, read_only=True)
    assert conn.execute("SELECT count(*) FROM figures").fetchone() == (0,)
    with pytest.raises(duckdb.Error):
        conn.execute("DELETE FROM figures")
    conn.close()


def test_skipped_numbers_and_cites_are_kept_with_the_document(tmp_path, december):
    from extractors.prose import Skipped

    entry, figures = december
    cited = [dataclasses.replace(f, cites="cpca") for f in figures]
    skipped = [Skipped("63,200", "a daily average, not a month's total", "日均零售63,200辆")]
    with Writer(tmp_path / "w.duckdb") as writer:
        first = writer.load_document(entry, cited, "load-1", skipped)
        again = writer.load_document(entry, cited, "load-2", skipped)
        fewer = writer.load_document(entry, cited, "load-3")
        kept = writer.conn.execute("SELECT DISTINCT cites FROM figures WHERE document_sha256 = ?", [entry.sha256]).fetchall()
        left = writer.conn.execute("SELECT count(*) FROM skipped_numbers WHERE document_sha256 = ?", [entry.sha256]).fetchone()
    assert (first.outcome, again.outcome, fewer.outcome) == ("inserted", "unchanged", "replaced")
    assert kept == [("cpca",)] and left == (0,)


def test_skipped_numbers_are_readable_after_a_load(tmp_path, december):
    from extractors.prose import Skipped

    entry, figures = december
    with Writer(tmp_path / "w.duckdb") as writer:
        writer.load_document(entry, figures, "load-1", [Skipped("12", "a percentage", "增长12%")])
        rows = writer.conn.execute("SELECT number, reason, source, load_id FROM skipped_numbers").fetchall()
    assert rows == [("12", "a percentage", entry.source, "load-1")]


def ended_process() -> Process:
    """A process that ran and ended (its PID may be handed out again: its start time tells)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return Process(int(done.stdout), HOST, 1)


def test_a_run_whose_process_is_gone_is_closed_as_crashed_by_the_next(tmp_path):
    path = tmp_path / "w.duckdb"
    with Writer(path) as writer:
        live = writer.start_run("backfill", {})  # this process: still running
        dead = ended_process()
        writer.conn.execute(
            "INSERT INTO runs (load_id, flow, started_at, status, pid, host, pid_started)"
            " VALUES ('dead', 'backfill', now(), 'running', ?, ?, ?)",
            [dead.pid, dead.host, dead.started],
        )
        writer.conn.execute("INSERT INTO runs (load_id, flow, started_at, status) VALUES ('unrecorded', 'backfill', now(), 'running')")
    assert partition_status(path).last_run[:2] == ("unrecorded", "crashed")  # shown so before the next run closes it
    with Writer(path) as writer:
        nxt = writer.start_run("backfill", {})
        found = dict(writer.conn.execute("SELECT load_id, status FROM runs WHERE finished_at IS NULL OR status = 'crashed'").fetchall())
        summary = writer.conn.execute("SELECT summary->>'crashed' FROM runs WHERE load_id = 'dead'").fetchone()[0]
    assert found == {live: "running", nxt: "running", "dead": "crashed", "unrecorded": "crashed"}
    assert {r.load_id for r in writer.crashed_runs} == {"dead", "unrecorded"}
    assert f"PID {dead.pid} on {HOST}) ended without finishing: closed as crashed" in summary


def test_publish_removes_the_temporary_files_of_dead_publishers_only(tmp_path):
    published = tmp_path / "published" / "ev_deliveries.duckdb"
    published.parent.mkdir()
    dead, live = ended_process(), Process.current()
    left = [published.with_name(name) for name in (
        f".ev_deliveries.{dead.pid}.0123abcd.tmp.duckdb",
        f".ev_deliveries.{dead.pid}.0123abcd.tmp.duckdb.wal",
        ".ev_deliveries.89abcdef.tmp.duckdb",  # named as before publishers were named
    )]
    building = published.with_name(f".ev_deliveries.{live.pid}.feedbeef.tmp.duckdb")
    for path in (*left, building):
        path.write_bytes(b"partial")
    with Writer(tmp_path / "w.duckdb") as writer:
        publish(writer.conn, published)
    assert not any(path.exists() for path in left)
    assert building.exists() and published.is_file()
    assert sorted(p.name for p in published.parent.iterdir()) == sorted([building.name, published.name])


def test_a_batch_loads_in_one_transaction_and_a_refused_document_fails_alone(tmp_path, sample_archive):
    entries = sample_archive.find(source="cpca", period="2025-11", kind=None)
    readable = [e for e in entries if e.kind != "list"][:3]
    documents = [ParsedDocument(e, parse(sample_archive.document(e))) for e in readable]
    refused = dataclasses.replace(documents[1], entry=dataclasses.replace(readable[1], kind=None))  # documents.kind is NOT NULL
    contradicted = dataclasses.replace(documents[2], figures=documents[2].figures + [
        dataclasses.replace(documents[2].figures[0], value=documents[2].figures[0].value + 1)])
    with Writer(tmp_path / "w.duckdb") as writer:
        results = writer.load_documents([documents[0], refused, contradicted], "load-1")
        assert results[0].outcome == "inserted"
        assert isinstance(results[1], duckdb.ConstraintException) and isinstance(results[2], ConflictingFigures)
        loaded = writer.conn.execute("SELECT sha256 FROM documents").fetchall()
        assert loaded == [(readable[0].sha256,)], "the refused ones left nothing behind"
        again = writer.load_documents([documents[0], documents[1]], "load-2")
        assert [r.outcome for r in again] == ["unchanged", "inserted"]


def test_a_checkpoint_writes_what_was_loaded_into_the_file_itself(tmp_path, december):
    entry, figures = december
    path = tmp_path / "w.duckdb"
    with Writer(path) as writer:
        writer.load_document(entry, figures, "load-1")
        wal = path.with_name(path.name + ".wal")
        assert wal.exists() and wal.stat().st_size > 0
        writer.checkpoint()
        assert not wal.exists() or wal.stat().st_size == 0
        assert writer.conn.execute("SELECT count(*) FROM figures").fetchone()[0] == len(figures)
