"""`ev-deliveries extract` recognises every makers' and news document type on
its own (no --source): HTML releases, Weibo JSON posts, HKEX PDFs, articles."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from flows.cli import app

MAKER_SOURCES = ("nio", "xpeng", "li-auto", "leapmotor", "xiaomi", "xiaomi-hkex", "byd", "zeekr", "press")


def one_of_each_kind(archive) -> list:
    seen, picked = set(), []
    for entry in archive.entries():
        if entry.source in MAKER_SOURCES and entry.kind != "list" and (entry.source, entry.kind) not in seen:
            seen.add((entry.source, entry.kind))
            picked.append(entry)
    return picked


def test_every_kind_is_covered(sample_archive):
    kinds = {(e.source, e.kind) for e in one_of_each_kind(sample_archive)}
    assert {source for source, _ in kinds} == set(MAKER_SOURCES)
    assert ("press", "article") in kinds and ("byd", "production_sales") in kinds and ("xiaomi", "post") in kinds


def test_extract_recognises_each_document_without_a_source(sample_archive, tmp_path):
    runner = CliRunner()
    for entry in one_of_each_kind(sample_archive):
        path = tmp_path / f"{entry.source}-{entry.kind}"
        path.write_bytes(sample_archive.read(entry.sha256))
        result = runner.invoke(app, ["extract", str(path), "--url", entry.url])
        assert result.exit_code == 0, (entry.url, result.output)
        records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
        assert records, entry.url
        assert {r["url"] for r in records} == {entry.url}
        assert {r["sha256"] for r in records} == {entry.sha256}
        expected_publisher = {"xiaomi-hkex": "xiaomi"}.get(entry.source, entry.source)
        assert {r["publisher"] for r in records} == {expected_publisher}
