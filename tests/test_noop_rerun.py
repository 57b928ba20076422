"""A re-run when nothing changed does nothing (issue 12, point 2): no document read again,
no validation, the published file left as it was (same inode, same bytes, same mtime).
A document whose readers' version differs is read again; `reparse` reads all and publishes;
a new document publishes. Real Prefect runs on copies of the shared offline backfill."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date

import duckdb
import pytest
from support import SAMPLE_RANGE, rows

from extractors.base import Figure
from extractors.code_version import parser_version
from flows.pipeline import backfill
from flows.settings import load_settings
from warehouse.archive import ManifestEntry
from warehouse.writer import Writer

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]


@pytest.fixture
def home_copy(sample_backfill, evd_home):
    """A private copy of the data home the shared offline backfill of the samples left."""
    state, loaded = sample_backfill
    assert state.is_completed(), state.message
    shutil.copytree(loaded.home, evd_home)
    return load_settings(evd_home)


def again(settings, **options):
    return backfill(start=SAMPLE_RANGE[0], end=SAMPLE_RANGE[1], offline=True, home=str(settings.home), return_state=True, **options)


def published_file(settings):
    stat = settings.published_path.stat()
    return stat.st_ino, stat.st_mtime_ns, settings.published_path.read_bytes()


def documents(settings) -> int:
    return rows(settings.warehouse_path, "SELECT count(*) FROM documents WHERE parse_status = 'parsed'")[0][0]


def test_a_rerun_with_nothing_changed_reads_nothing_and_leaves_the_published_file(home_copy):
    before, count = published_file(home_copy), documents(home_copy)
    state = again(home_copy)
    assert state.is_completed(), state.message
    assert f"{count} documents (0 new, 0 re-parsed, {count} unchanged, {count} of them not read again)" in state.message
    assert "nothing changed since run " in state.message and "the published file left as it was" in state.message
    assert published_file(home_copy) == before
    ((published,),) = rows(home_copy.warehouse_path, "SELECT count(*) FROM runs WHERE published_state IS NOT NULL")
    assert published == 1, "only the first run published"


def test_a_document_read_by_another_version_of_the_readers_is_read_again(home_copy):
    (sha,) = rows(home_copy.warehouse_path, "SELECT sha256 FROM documents WHERE source = 'xpeng' ORDER BY sha256 LIMIT 1")[0]
    with duckdb.connect(str(home_copy.warehouse_path)) as conn:
        conn.execute("UPDATE documents SET parser_version = 'older' WHERE sha256 = ?", [sha])
    count = documents(home_copy)
    state = again(home_copy)
    assert state.is_completed(), state.message
    assert f"{count} unchanged, {count - 1} of them not read again" in state.message, "read again, to the same figures"
    assert rows(home_copy.warehouse_path, "SELECT parser_version FROM documents WHERE sha256 = ?", [sha]) == [(parser_version(),)]
    assert "nothing changed since run " in state.message, "the same figures: nothing to publish anew"


def test_reparse_reads_every_document_and_publishes(home_copy):
    before, count = published_file(home_copy), documents(home_copy)
    state = again(home_copy, reparse=True)
    assert state.is_completed(), state.message
    assert f"{count} unchanged, 0 of them not read again" in state.message and "; published " in state.message
    assert published_file(home_copy)[0] != before[0], "a new file swapped in"


def test_a_new_document_is_published(home_copy):
    """A document loaded since the last publication (here a press copy of XPeng's November figure,
    through the writer as a parse would load it) changes the state: the run validates and publishes."""
    url = "https://example.invalid/press/xpeng-november"
    sha = hashlib.sha256(url.encode()).hexdigest()
    entry = ManifestEntry(sha256=sha, url=url, source="press", kind="article", period="2025-11", fetched_at="2025-12-02T08:00:00",
                          http_status=200, content_type="text/html; charset=utf-8", encoding="utf-8", size=0, title="XPeng November")
    figure = Figure(publisher="press", entity="xpeng", metric="deliveries", scope="all", segment="passenger", period="2025-11",
                    value=36_728, qualifier="exact", release="article", sha256=sha, url=url, published_on=date(2025, 12, 2))
    with Writer(home_copy.warehouse_path) as writer:
        writer.load_document(entry, [figure], "test-new-document")
    before = published_file(home_copy)
    state = again(home_copy)
    assert state.is_completed(), state.message
    assert "; published " in state.message and published_file(home_copy)[0] != before[0]
