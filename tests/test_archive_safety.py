"""The raw archive opens only what a SHA-256 names, and reads only intact bytes.

A tampered manifest row (`sha256` = `../x`) is refused, naming the row, before
any file is opened (the key would name a file outside the archive). A corrupt
copy in the data home's archive no longer shadows an intact copy in the bundled
one: the intact bytes are read, and a warning says so."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest
from support import rows

from flows.pipeline import backfill
from warehouse.archive import Archive, ArchiveChain, CorruptDocument, InvalidKey


@pytest.fixture
def xpeng_december(sample_archive):
    (entry,) = sample_archive.find(source="xpeng", period="2025-12", kind="delivery_results")
    return entry


def tampered(entry, url="https://example.invalid/tampered"):
    return dataclasses.replace(entry, sha256="../x", url=url)


def append_rows(archive: Archive, *entries) -> None:
    archive.root.mkdir(parents=True, exist_ok=True)
    with archive.manifest_path.open("a", encoding="utf-8") as fh:
        fh.writelines(json.dumps(dataclasses.asdict(e)) + "\n" for e in entries)


def corrupt_copy(home: Archive, bundled: Archive, entry) -> Path:
    """The entry's bytes put in the home archive, then damaged on disk."""
    home.put(bundled.read(entry.sha256), url=entry.url, source=entry.source, kind=entry.kind, period=entry.period)
    path = home.path_of(entry.sha256)
    path.write_bytes(path.read_bytes()[:-10] + b"tampered!!")
    return path


def test_a_key_that_is_not_a_sha256_names_no_file(tmp_path):
    archive = Archive(tmp_path / "home" / "raw")
    (tmp_path / "x").write_bytes(b"outside the archive")  # where '../x' would lead: raw/../../x
    for key in ("../x", "../../etc/passwd", "A" * 64, "0" * 63, "0" * 64 + "\n"):
        with pytest.raises(InvalidKey, match="is not a SHA-256"):
            archive.read(key)
        with pytest.raises(InvalidKey):
            archive.has(key)


def test_a_tampered_manifest_row_is_refused_naming_it_and_opens_nothing(tmp_path, sample_archive, xpeng_december, monkeypatch):
    home = Archive(tmp_path / "home" / "raw")
    (tmp_path / "x").write_bytes(b"outside the archive")
    append_rows(home, tampered(xpeng_december))
    opened = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self) or real_read_bytes(self))
    (entry,) = [e for e in ArchiveChain(home, sample_archive).find(source="xpeng", period="2025-12") if e.sha256 == "../x"]
    with pytest.raises(InvalidKey) as refused:
        ArchiveChain(home, sample_archive).document(entry)
    refusal = "manifest row of https://example.invalid/tampered (xpeng 2025-12) refused: '../x' is not a SHA-256"
    assert str(refused.value).startswith(refusal)
    assert opened == []


def test_a_corrupt_home_copy_falls_back_to_the_intact_bundled_one_and_says_so(tmp_path, sample_archive, xpeng_december, caplog):
    home = Archive(tmp_path / "raw")
    damaged = corrupt_copy(home, sample_archive, xpeng_december)
    chain = ArchiveChain(home, sample_archive)
    with caplog.at_level(logging.WARNING, logger="warehouse.archive"):
        first, again = chain.document(xpeng_december), chain.document(xpeng_december)
    assert first.content == again.content == sample_archive.read(xpeng_december.sha256)
    (warning,) = chain.warnings  # once per corrupt file
    assert warning.startswith(f"archived document {damaged} is corrupt")
    assert warning.endswith(f"read the intact copy in {sample_archive.root} instead")
    assert [r.getMessage() for r in caplog.records if r.name == "warehouse.archive"] == [warning]


def test_a_corrupt_copy_with_no_intact_one_fails_naming_the_file(tmp_path, sample_archive, xpeng_december):
    home = Archive(tmp_path / "raw")
    damaged = corrupt_copy(home, sample_archive, xpeng_december)
    with pytest.raises(CorruptDocument, match=f"archived document {damaged} is corrupt"):
        ArchiveChain(home).document(xpeng_december)


def test_a_run_reads_the_intact_copy_and_fails_only_the_tampered_row(prefect_harness, settings, sample_archive, xpeng_december, caplog):
    home = Archive(settings.raw_dir)
    damaged = corrupt_copy(home, sample_archive, xpeng_december)
    append_rows(home, tampered(xpeng_december))
    with caplog.at_level(logging.WARNING, logger="warehouse.archive"):
        state = backfill(start="2025-12", end="2025-12", sources=["xpeng"], offline=True, home=str(settings.home), return_state=True)
    assert state.is_failed()
    (failure,) = [line for line in state.message.splitlines() if line.startswith("  FAILED")]
    assert "FAILED parse xpeng 2025-12 https://example.invalid/tampered: " in failure and "'../x' is not a SHA-256" in failure
    assert any(f"archived document {damaged} is corrupt" in r.getMessage() for r in caplog.records)
    assert f"warning: archived document {damaged} is corrupt" in state.message  # the run's summary says so too
    loaded = rows(settings.warehouse_path, "SELECT parse_status FROM documents WHERE sha256 = ?", [xpeng_december.sha256])
    assert loaded == [("parsed",)]
