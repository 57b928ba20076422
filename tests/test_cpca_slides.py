"""CPCA's slide pictures: found on the monthly analysis page, read by the real OCR engine, every row checked.

The slides are the bundled samples' (rendered from figures.csv by `samples.writers.cpca`) and copies of them
rendered again degraded or with one cell changed; the engine is RapidOCR itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import rows

from extractors.base import Document, ParseError
from extractors.cpca import BASE_URL, SOURCE, slides
from flows.pipeline import monthly_run
from samples.writers import cpca, cpca_slides, wan

pytestmark = pytest.mark.slow  # end to end: real processes, flows, servers (the slow tier)

ROOT = Path(__file__).resolve().parents[1]
BASIS = "cpca-monthly-analysis"


def slide_document(content: bytes, period: str = "2025-12", url: str = "file:///slide.jpg") -> Document:
    return Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url=url, source="cpca", kind="slide",
                    period=period, content_type="image/jpeg")


def archived_slides(sample_archive, period: str) -> list[Document]:
    return [sample_archive.document(e) for e in sample_archive.find(source="cpca", period=period, kind="slide")]


def by_key(figures):
    return {(f.metric, f.scope, f.period): f.value for f in figures}


def expected(published_figures, period: str) -> dict:
    """What the month's NEV slide states: every figure the CSV holds for its blocks' rows."""
    year = int(period[:4])
    return {
        (metric, scope, f"{year}-{m:02d}"): value
        for _, metric in cpca.SLIDE_BLOCKS for scope in ("bev", "phev", "erev", "nev") for m in range(1, int(period[5:]) + 1)
        if (value := published_figures.value("market", metric, scope, f"{year}-{m:02d}", BASIS))
    }


@pytest.mark.parametrize("period", cpca.SLIDE_PERIODS)
def test_the_sample_nev_slide_reads_as_the_figures_it_was_drawn_from(sample_archive, published_figures, period):
    table, chart = archived_slides(sample_archive, period)
    read = slides.read_slide(table)
    assert by_key(read.figures) == expected(published_figures, period)
    figure = read.figures[0]
    assert (figure.publisher, figure.entity, figure.segment, figure.qualifier, figure.release) == ("cpca", "market", "passenger", "approx", "final")
    assert figure.evidence.startswith(f"slide {table.url}: 零售 row '1月份', nev: ")
    passed = slides.read_slide(chart)
    assert passed.figures == [] and "走势" in passed.passed_over
    assert passed.skipped[0].reason == "a slide of another table or chart, not read"


def test_december_2025_wholesale_row_carries_the_whole_split(sample_archive, published_figures):
    figures = by_key(slides.read_slide(archived_slides(sample_archive, "2025-12")[0]).figures)
    for scope in ("bev", "phev", "erev", "nev"):
        assert figures[("wholesale", scope, "2025-12")] == published_figures.value("market", "wholesale", scope, "2025-12", BASIS)


@pytest.mark.parametrize("degraded", [dict(jpeg_quality=35), dict(rotate=0.8), dict(rotate=-1.0), dict(scale=0.75)], ids=str)
def test_a_degraded_copy_reads_the_same(published_figures, degraded):
    content = cpca.nev_slide(published_figures, "2025-12", **degraded)
    assert by_key(slides.read_slide(slide_document(content)).figures) == expected(published_figures, "2025-12")


def changed(published_figures, row_label: str, block: str, column: int, cell: str) -> Document:
    """The December 2025 slide drawn again with one cell printed otherwise."""
    blocks = []
    for b in cpca.nev_slide_blocks(published_figures, "2025-12"):
        rows = tuple((label, tuple(cell if (b.label, label, i) == (block, row_label, column) else c for i, c in enumerate(cells)))
                     for label, cells in b.rows)
        blocks.append(dataclasses.replace(b, rows=rows))
    return slide_document(cpca_slides.render_slide(cpca_slides.slide_title(2025, 12), blocks), url="file:///changed.jpg")


def test_a_dropped_decimal_point_is_restored_only_when_the_row_sum_proves_it(published_figures):
    phev = published_figures.value("market", "wholesale", "phev", "2025-12", BASIS)
    doc = changed(published_figures, "12月份", "批发", 1, wan(phev).replace(".", ""))  # 47.6 printed 476
    figures = {(f.metric, f.scope, f.period): f for f in slides.read_slide(doc).figures}
    restored = figures[("wholesale", "phev", "2025-12")]
    assert restored.value == phev and "decimal point restored" in restored.evidence

    nev = published_figures.value("market", "retail", "nev", "2025-05", BASIS)
    unproven = changed(published_figures, "5月份", "零售", 3, wan(nev).replace(".", ""))  # no parts in the row to prove it
    with pytest.raises(ParseError, match=r"file:///changed\.jpg.*零售 row '5月份'.*without a decimal point"):
        slides.read_slide(unproven)


def test_a_cell_that_breaks_the_row_sum_refuses_the_slide_by_row(published_figures):
    erev = published_figures.value("market", "wholesale", "erev", "2025-12", BASIS)
    doc = changed(published_figures, "12月份", "批发", 2, wan(erev + 6000))  # 14.7 printed 15.3
    with pytest.raises(ParseError, match=r"批发 row '12月份'.*the parts add up to 156\.9, not the NEV total 156\.3"):
        slides.read_slide(doc)


@pytest.mark.parametrize("cells, why", [
    ({"bev": "94.0", "phev": "47.6", "erev": "-", "nev": "156.3"}, "only bev, phev of the parts are stated"),
    ({"bev": "-", "phev": "-", "erev": "-", "nev": "420.0"}, "nev beyond the plausible 0-300万"),
    ({"bev": "-", "phev": "-", "erev": "-", "nev": "1O.5"}, "not a number of 万辆 with one decimal"),
    ({"bev": "94.0", "phev": "-", "erev": "-", "nev": "-"}, "the NEV total is not stated"),
])
def test_row_checks(cells, why):
    assert why in slides.checked_row(cells, slides.BOUNDS["retail"])


def test_a_row_that_states_nothing_gives_nothing():
    assert slides.checked_row({"bev": "-", "phev": "-", "erev": "-", "nev": "-"}, 300.0) == {}


def test_a_slide_in_another_unit_is_refused(published_figures):
    blocks = cpca.nev_slide_blocks(published_figures, "2025-12")
    doc = slide_document(cpca_slides.render_slide(cpca_slides.slide_title(2025, 12), blocks, unit="单位：辆"))
    with pytest.raises(ParseError, match="expected the slide's values in 万辆"):
        slides.read_slide(doc)


def test_the_analysis_page_shows_its_slides_as_documents_of_their_own(sample_archive):
    (page,) = sample_archive.find(source="cpca", period="2025-12", kind="monthly_analysis")
    shown = SOURCE.attachments(sample_archive.document(page), page.title)
    archived = sample_archive.find(source="cpca", period="2025-12", kind="slide")
    assert [f"{BASE_URL}/{ref.url}" for ref in shown] == [e.url for e in archived]
    assert [ref.title for ref in shown] == [f"slide {n} of {page.title}" for n in (1, 2)] and {ref.kind for ref in shown} == {"slide"}
    (other,) = sample_archive.find(source="cpca", period="2025-11", kind="monthly_analysis")
    assert SOURCE.attachments(sample_archive.document(other), other.title) == [], "a page that shows no slide"


def test_a_live_run_fetches_the_slides_its_analysis_page_shows(sample_site, evd_home, settings, published_figures, prefect_harness):
    state = monthly_run(month="2025-12", sources=["cpca"], home=str(evd_home), return_state=True)
    assert state.is_completed(), state.message
    fetched = rows(settings.warehouse_path, "SELECT url, title, figure_count FROM documents WHERE kind = 'slide' ORDER BY url")
    assert [(url.rsplit("/", 1)[1], title.split(" of ")[0], count > 0) for url, title, count in fetched] == [
        ("20260110093001.jpg", "slide 1", True), ("20260110093002.jpg", "slide 2", False)]
    assert all(url.startswith("http://localhost") for url, _, _ in fetched)
    slide_figures = rows(settings.warehouse_path, """
        SELECT metric, scope, period, value FROM figures WHERE document_sha256 IN (SELECT sha256 FROM documents WHERE kind = 'slide')""")
    assert dict(((m, s, p), v) for m, s, p, v in slide_figures) == expected(published_figures, "2025-12")
    assert "1 passed over, holding nothing of ours" in state.message


def test_extract_reads_a_slide_file(tmp_path, sample_archive, published_figures):
    table = archived_slides(sample_archive, "2025-12")[0]
    path = tmp_path / "slide.jpg"
    path.write_bytes(table.content)
    done = subprocess.run([sys.executable, "-m", "flows.cli", "extract", str(path)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr + done.stdout
    figures = [json.loads(line) for line in done.stdout.splitlines()]
    assert {(f["metric"], f["scope"], f["period"]): f["value"] for f in figures} == expected(published_figures, "2025-12")


def test_without_the_ocr_engine_a_slide_fails_saying_how_to_install_it(tmp_path, sample_archive):
    path = tmp_path / "slide.jpg"
    path.write_bytes(archived_slides(sample_archive, "2025-12")[0].content)
    blocked = "import sys; sys.modules['rapidocr_onnxruntime'] = None; from flows.cli import app; app()"  # as if not installed
    done = subprocess.run([sys.executable, "-c", blocked, "extract", str(path)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 2
    said = "".join((done.stdout + done.stderr).split())  # the console wraps long lines
    assert "slide.jpg" in said and "needstheOCRengine:pipinstall'ev-deliveries[ocr]'" in said


def test_an_offline_backfill_loads_every_slide_and_they_agree_with_the_prose(sample_backfill, published_figures):
    state, settings = sample_backfill
    assert state.is_completed(), state.message
    warehouse = settings.warehouse_path
    documents = rows(warehouse, "SELECT period, figure_count FROM documents WHERE kind = 'slide' AND parse_status = 'parsed' ORDER BY url")
    assert [period for period, _ in documents] == [p for p in cpca.SLIDE_PERIODS for _ in range(2)]
    assert [count > 0 for _, count in documents] == [True, False] * len(cpca.SLIDE_PERIODS), "the NEV table read, the chart passed over"
    loaded = dict(((m, s, p), v) for m, s, p, v in rows(warehouse, """
        SELECT f.metric, f.scope, f.period, f.value FROM figures f JOIN documents d ON d.sha256 = f.document_sha256
        WHERE d.kind = 'slide'"""))
    assert loaded == {k: v for period in cpca.SLIDE_PERIODS for k, v in expected(published_figures, period).items()}
    both = rows(warehouse, """
        SELECT s.metric, s.scope, s.period, s.value, p.value
        FROM figures s JOIN documents ds ON ds.sha256 = s.document_sha256 AND ds.kind = 'slide'
        JOIN figures p ON (p.publisher, p.entity, p.metric, p.scope, p.segment, p.period) = (s.publisher, s.entity, s.metric, s.scope, s.segment, s.period)
        JOIN documents dp ON dp.sha256 = p.document_sha256 AND dp.kind = 'monthly_analysis'""")
    assert len(both) >= 24 and all(slide == prose for *_, slide, prose in both), [b for b in both if b[3] != b[4]]


@pytest.mark.parametrize("side, expected", [(8000, r"at most 40,000,000 pixels; found 8000×8000"), (20000, "decodes")])
def test_a_picture_too_big_to_be_a_slide_is_refused_before_it_is_decoded(side, expected):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, format="PNG")  # small on disk, huge decoded
    with pytest.raises(ParseError, match=expected):
        slides.read_slide(slide_document(out.getvalue()))


def test_a_truncated_slide_is_a_parse_error(sample_archive):
    table = archived_slides(sample_archive, "2025-12")[0]
    with pytest.raises(ParseError, match="slide.jpg"):
        SOURCE.extract(dataclasses.replace(table, content=table.content[:2000], sha256="0" * 64, url="file:///slide.jpg"))


def test_the_nev_table_under_a_title_not_its_own_is_refused_not_passed_over(published_figures):
    blocks = cpca.nev_slide_blocks(published_figures, "2025-12")
    doc = slide_document(cpca_slides.render_slide("2025年12月新能源乘用车分析", blocks))
    with pytest.raises(ParseError, match="expected the NEV table's title"):
        slides.read_slide(doc)


def test_a_picture_with_no_words_is_passed_over():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (640, 360), "white").save(out, format="JPEG")  # a banner, a logo's white space
    read = slides.read_slide(slide_document(out.getvalue()))
    assert read.figures == [] and read.passed_over == "no text"


def relabelled(published_figures, labels: dict[str, str]) -> Document:
    """The December 2025 slide drawn again with blocks' labels printed otherwise (as OCR may misread them)."""
    blocks = [dataclasses.replace(b, label=labels.get(b.label, b.label)) for b in cpca.nev_slide_blocks(published_figures, "2025-12")]
    return slide_document(cpca_slides.render_slide(cpca_slides.slide_title(2025, 12), blocks), url="file:///relabelled.jpg")


def test_a_block_label_read_as_none_of_the_three_refuses_the_slide(published_figures):
    with pytest.raises(ParseError, match=r"relabelled\.jpg.*a block header '口用': expected 零售/批发/出口"):
        slides.read_slide(relabelled(published_figures, {"批发": "口用"}))


def test_a_month_met_twice_in_a_block_refuses_the_slide(published_figures):
    """A header the reader cannot take for one (here a second 零售): its rows would run on under the block above."""
    with pytest.raises(ParseError, match=r"零售 row '1月份'.*twice in its block"):
        slides.read_slide(relabelled(published_figures, {"批发": "零售"}))
