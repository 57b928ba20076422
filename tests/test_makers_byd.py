"""BYD's HKEX production and sales volume PDFs: every row and column of the
samples, a table missing a column, one with a production block, a scan."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from extractors import byd
from extractors.base import Document, ParseError
from samples.writers.makers import BYD_ROWS, byd_cells, byd_columns
from samples.writers.pdfs import byd_volume_pdf, scanned_pdf


def pdf_document(content: bytes) -> Document:
    return Document(content, hashlib.sha256(content).hexdigest(), url="https://www1.hkexnews.hk/test.pdf", source="byd")


def byd_csv(published_figures) -> dict[tuple, int]:
    return {(r["metric"], r["scope"], r["segment"], r["period"]): int(r["value"])
            for r in published_figures.where(entity="byd", basis="company")}


def test_every_sample_announcement_gives_exactly_the_csv_figures_it_holds(sample_archive, published_figures):
    expected = byd_csv(published_figures)
    parsed = {}
    for entry in sample_archive.find(source="byd", kind="production_sales"):
        figures = byd.parse(sample_archive.document(entry))
        assert {(f.publisher, f.entity, f.release, f.qualifier) for f in figures} == {("byd", "byd", "final", "exact")}
        assert all(f.published_on for f in figures)
        parsed.update({(f.metric, f.scope, f.segment, f.period): f.value for f in figures})
    assert parsed == expected


def test_december_year_to_date_columns_are_the_years_with_their_change(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="byd", period="2025-12", kind="production_sales")
    figures = {(f.metric, f.segment, f.period): f for f in byd.parse(sample_archive.document(entry))}
    total, before = (published_figures.value("byd", "sales", "nev", year, "company") for year in ("2025", "2024"))
    assert figures[("sales", "all", "2025")].value == total
    assert figures[("sales", "all", "2024")].value == before
    assert figures[("sales", "all", "2025")].yoy_pct == round((total / before - 1) * 100, 1)
    assert figures[("overseas_sales", "all", "2025")].value == published_figures.value("byd", "overseas_sales", "nev", "2025", "company")
    assert ("sales", "passenger", "2024-12") in figures, "the same month last year is read as that month"


def test_a_table_missing_a_column_reads_the_columns_it_has(published_figures):
    period = "2025-11"
    keep = [0, 2, 3, 4, 5]  # no "same month last year" column
    columns = [byd_columns(period)[i] for i in keep]
    rows = [(label, [byd_cells(published_figures, *kind, period)[i] for i in keep]) for label, *kind in BYD_ROWS]
    figures = byd.parse(pdf_document(byd_volume_pdf(period, date(2025, 12, 1), columns, rows)))
    got = {(f.metric, f.scope, f.segment, f.period): f.value for f in figures}
    expected = {k: v for k, v in byd_csv(published_figures).items() if k[3] == period}
    assert got == expected
    assert not any(f.period == "2024-11" for f in figures)


def test_a_production_block_is_read_as_production_beside_sales(published_figures):
    """A test table, not a filing: the production cells reuse CSV numbers so the two blocks can be told apart."""
    period = "2025-11"
    columns = byd_columns(period)
    rows = [(label, byd_cells(published_figures, *kind, period)) for label, *kind in BYD_ROWS]
    produced = published_figures.value("byd", "sales", "nev", "2025-10", "company")
    production = {"New energy vehicles": [f"{produced:,}", "", "", "", "", ""]}
    figures = byd.parse(pdf_document(byd_volume_pdf(period, date(2025, 12, 1), columns, rows, production=production)))
    by_metric = {(f.metric, f.scope, f.segment, f.period): f.value for f in figures}
    assert by_metric[("production", "nev", "all", period)] == produced
    assert by_metric[("sales", "nev", "all", period)] == published_figures.value("byd", "sales", "nev", period, "company")
    assert [k for k in by_metric if k[0] == "production"] == [("production", "nev", "all", period)]


def test_a_scanned_announcement_fails_clearly():
    with pytest.raises(ParseError, match="no text layer"):
        byd.parse(pdf_document(scanned_pdf(date(2025, 12, 1))))


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_a_truncated_announcement_fails_clearly_naming_it(sample_archive, keep):
    (entry, *_) = sample_archive.find(source="byd")
    content = sample_archive.read(entry.sha256)
    truncated = Document(content=content[: int(len(content) * keep)], sha256="t" * 64, url=entry.url, source="byd")
    with pytest.raises(ParseError, match="readable PDF") as err:
        byd.parse(truncated)
    assert entry.url in str(err.value)
    assert byd.sniff(truncated) is None


def test_bytes_that_are_not_a_pdf_fail_clearly():
    with pytest.raises(ParseError, match="expected a PDF"):
        byd.parse(pdf_document(b"<html><body>Production and sales volume</body></html>"))


def test_sniff_knows_the_announcement_and_nothing_else(sample_archive):
    (entry,) = sample_archive.find(source="byd", period="2025-11", kind="production_sales")
    assert byd.sniff(Document(sample_archive.read(entry.sha256), entry.sha256)) == "production_sales"
    (results,) = sample_archive.find(source="xiaomi-hkex", period="2025-09")
    assert byd.sniff(Document(sample_archive.read(results.sha256), results.sha256)) is None
