"""Routing by content: a document nobody vouched for is read for what it says.

The documents are the samples' reprints (`samples/writers/reprints.py`): each
channel's layout and wording, carrying figures.csv's values. What each must
yield is looked up in figures.csv, never written here.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.base import Document, ParseError
from extractors.registry import extract
from samples.writers.reprints import (
    cpca_reprint_simplified,
    cpca_reprint_traditional,
    leapmotor_story_traditional,
    nio_wire_copy,
    ranking_story,
    xiaomi_results_copy,
)

ROOT = Path(__file__).resolve().parents[1]


def _document(reprint, **fields) -> Document:
    content = reprint.body.encode("utf-8")
    return Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url=reprint.url, **fields)


def _read(reprint):
    source, doc, extraction = extract(_document(reprint))
    return {(f.entity, f.metric, f.scope, f.period): f for f in extraction.figures}


def _expect(published_figures, found, entity, metric, scope, period, basis, qualifier):
    value = published_figures.value(entity, metric, scope, period, basis)
    figure = found.get((entity, metric, scope, period))
    assert figure is not None, f"{entity} {metric}/{scope} {period} not read; read: {sorted(found)}"
    assert (figure.value, figure.qualifier) == (value, qualifier)
    return figure


@pytest.mark.parametrize("writer, period", [(cpca_reprint_simplified, "2025-10"), (cpca_reprint_traditional, "2025-09")])
def test_a_chinese_reprint_of_cpca_is_press_citing_cpca(published_figures, writer, period):
    found = _read(writer(published_figures))
    for metric, scope in (("retail", "all"), ("retail", "nev"), ("wholesale", "all"), ("wholesale", "nev")):
        figure = _expect(published_figures, found, "market", metric, scope, period, "cpca-monthly-analysis", "approx")
        assert (figure.publisher, figure.cites, figure.release) == ("press", "cpca", "article")
        assert figure.yoy_pct is not None


def test_a_wire_copy_of_a_release_is_the_makers_own(published_figures):
    found = _read(nio_wire_copy(published_figures))
    for entity in ("nio-group", "nio", "onvo", "firefly"):
        figure = _expect(published_figures, found, entity, "deliveries", "all", "2025-12", "company", "exact")
        assert (figure.publisher, figure.cites, figure.release) == ("nio", None, "final")
    _expect(published_figures, found, "nio-group", "deliveries_cumulative", "all", "2025-12", "company", "exact")


def test_a_results_table_flattened_into_text_is_read_column_by_column(published_figures):
    found = _read(xiaomi_results_copy(published_figures))
    for quarter in ("2025-Q3", "2025-Q2", "2025-Q1", "2024-Q4", "2024-Q3", "2024-Q2"):
        figure = _expect(published_figures, found, "xiaomi", "deliveries", "all", quarter, "company-quarterly", "exact")
        assert (figure.publisher, figure.release) == ("xiaomi", "results")


def test_a_ranking_table_in_a_story_is_cpca_wholesale_by_maker(published_figures):
    found = _read(ranking_story(published_figures))
    for entity in ("byd", "geely", "tesla-china", "li-auto", "leapmotor"):
        figure = _expect(published_figures, found, entity, "wholesale", "nev", "2024-10", "cpca-maker-flash", "exact")
        assert (figure.publisher, figure.cites) == ("press", "cpca")


def test_a_traditional_chinese_story_is_read_through_simplified_script(published_figures):
    found = _read(leapmotor_story_traditional(published_figures))
    for period in ("2025-12", "2025-Q4", "2025"):
        figure = _expect(published_figures, found, "leapmotor", "deliveries", "all", period, "company", "exact")
        assert (figure.publisher, figure.cites) == ("press", None)


def test_a_text_stating_no_figure_fails_naming_the_document():
    content = "Carmakers in China expect a busy end of the year as trade-in subsidies continue.\n".encode()
    doc = Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url="https://news.example.com/outlook")
    with pytest.raises(ParseError, match="news.example.com/outlook"):
        extract(doc)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_extract_reads_any_channel_without_a_source(tmp_path, published_figures):
    reprint = cpca_reprint_traditional(published_figures)
    path = tmp_path / "page.html"
    path.write_text(reprint.body, encoding="utf-8")
    result = _cli("extract", str(path), "--url", reprint.url)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(r["publisher"], r["cites"], r["url"]) for r in records} == {("press", "cpca", reprint.url)}
    assert "numbers skipped" in result.stderr


def test_extract_published_dates_a_text_that_carries_no_date(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Leapmotor delivered 70,327 vehicles in November, the company said.\n", encoding="utf-8")
    undated = _cli("extract", str(path))
    dated = _cli("extract", str(path), "--published", "2025-12-01")
    assert undated.returncode == 2 and "publication date" in undated.stderr
    assert dated.returncode == 0, dated.stderr
    (record,) = [json.loads(line) for line in dated.stdout.splitlines()]
    assert (record["entity"], record["period"], record["published_on"]) == ("leapmotor", "2025-11", "2025-12-01")


def test_a_groups_figures_before_it_had_a_second_brand_are_the_brands(published_figures):
    quarter = published_figures.value("zeekr", "deliveries", "all", "2024-Q4", "company")
    text = (f"HANGZHOU, China, March 20, 2025 (PR Newswire) -- ZEEKR Intelligent Technology Holding Limited (\"ZEEKR Group\" "
            f"or the \"Company\") today announced its results. The Company delivered {quarter:,} vehicles in the fourth quarter of 2024.")
    content = text.encode()
    doc = Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url="https://wire.example.com/zeekr-q4-2024")
    _, _, extraction = extract(doc)
    assert [(f.entity, f.period, f.value, f.publisher) for f in extraction.figures] == [("zeekr", "2024-Q4", quarter, "zeekr")]


def test_a_grown_groups_restated_earlier_figures_stay_the_groups():
    text = ("HANGZHOU, China, Nov. 17, 2025 /PRNewswire/ -- ZEEKR Intelligent Technology Holding Limited (\"Zeekr Group\" "
            "or the \"Company\") today announced its results. The Zeekr brand and the Lynk & Co brand delivered more.\n"
            "Deliveries\n2025 Q3\n2024 Q3\n150,000\n130,000\n")
    content = text.encode()
    doc = Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url="https://wire.example.com/zeekr-q3-2025")
    _, _, extraction = extract(doc)
    assert {(f.entity, f.period, f.value) for f in extraction.figures} >= {("zeekr-group", "2024-Q3", 130000)}
    assert not any(f.entity == "zeekr" and f.period == "2024-Q3" for f in extraction.figures)


def test_extract_reads_a_pdf_exhibit_no_source_claims(tmp_path, published_figures):
    from fpdf import FPDF

    quarter = published_figures.value("xiaomi", "deliveries", "all", "2025-Q3", "company-quarterly")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Exhibit 99.1", "Xiaomi Corporation Announces Third Quarter 2025 Results",
                 'BEIJING, November 18, 2025 -- Xiaomi Corporation ("Xiaomi" or the "Company") today announced its results.',
                 f"In the third quarter of 2025, the Company delivered {quarter:,} new vehicles."):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "exhibit.pdf"
    pdf.output(str(path))
    result = _cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["publisher"], r["release"], r["entity"], r["period"], r["value"]) for r in records] == [
        ("xiaomi", "results", "xiaomi", "2025-Q3", quarter)]
