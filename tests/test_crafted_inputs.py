"""Crafted inputs that once hung a parser or escaped it as an untyped exception (issue 11, points 6 and 8): each now
fails its document with a ParseError naming it and what was expected, within the parse deadline, or is read."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from extractors.base import BIGINT, Document, ParseError
from extractors.formats.plain import TEXT_CAP
from extractors.guard import Overtime, guarded, parse_deadline
from extractors.hkex import PDF_CONTENT_CAP
from extractors.registry import SOURCES, extract, get_source

# A deadline's interruption that lands in a garbage-collector callback (hypothesis installs one) is dropped by
# Python, reported as unraisable, and repeated (`extractors.guard._Watcher`): expected here, not a failure.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

NESTED_TABLES = b"<html><body><p>Tables</p>" + b"<table><tr><td>" * 200_000 + b"1" + b"</td></tr></table>" * 200_000 + b"</body></html>"


def document(content: bytes, **fields) -> Document:
    return Document(content=content, sha256=hashlib.sha256(content).hexdigest(), **fields)


def pdf(content_stream: bytes = b"", media_box: bytes = b"[0 0 612 792]", packed: bytes = b"") -> bytes:
    """A one-page PDF whose page shows `content_stream` in Helvetica (or whose content is `packed`, Flate-compressed)."""
    packed = packed or zlib.compress(content_stream, 1)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


SHOWN = b"BT /F1 12 Tf 72 720 Td (NIO Inc. delivered 1,234 vehicles in October 2025.) Tj ET\n"


def refused(doc: Document, source: str | None = None) -> ParseError:
    """The ParseError reading `doc` ends in, through `extract` (recognised) or the named source's `extract`."""
    with pytest.raises(ParseError) as caught:
        get_source(source).extract(doc) if source else extract(doc)
    return caught.value


def timed(read) -> tuple[float, object]:
    started = time.perf_counter()
    try:
        outcome = read()
    except ParseError as exc:
        outcome = exc
    return time.perf_counter() - started, outcome


# ---------------------------------------------------------------- point 6: no parse without a bound


def test_a_one_page_pdf_inflating_to_40_mb_is_refused_by_its_content_cap_at_once():
    doc = document(pdf(SHOWN * (40_000_000 // len(SHOWN))), url="https://example.com/bomb.pdf")
    seconds, error = timed(lambda: extract(doc))
    assert isinstance(error, ParseError) and "PDF_CONTENT_CAP" in str(error) and "bomb.pdf" in str(error)
    assert f"{PDF_CONTENT_CAP:,}" in str(error) and seconds < 2


def test_a_compression_bomb_is_never_inflated_whole():
    packer, zeros = zlib.compressobj(1), bytes(16 << 20)
    packed = b"".join(packer.compress(zeros) for _ in range(8)) + packer.flush()  # 128 MiB of page content, inflated
    tracemalloc.start()
    try:
        error = refused(document(pdf(packed=packed)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "PDF_CONTENT_CAP" in str(error) and peak < 4 * PDF_CONTENT_CAP


def test_a_pdf_under_the_cap_is_read():
    (figure,) = extract(document(pdf(SHOWN)))[2].figures
    assert (figure.entity, figure.period, figure.value) == ("nio-group", "2025-10", 1234)


def test_200k_nested_tables_fail_at_the_deadline(monkeypatch):
    monkeypatch.setenv("EVD_PARSE_DEADLINE", "0.5")
    seconds, error = timed(lambda: extract(document(NESTED_TABLES, url="https://example.com/nested.html")))
    assert isinstance(error, ParseError) and "within 0.5 s (EVD_PARSE_DEADLINE)" in str(error) and "nested.html" in str(error)
    assert seconds < 2


def test_a_10_mb_run_of_ones_is_refused_by_the_text_cap_at_once():
    seconds, error = timed(lambda: extract(document(b"1," * 5_000_000, url="https://example.com/ones.txt")))
    assert isinstance(error, ParseError) and "TEXT_CAP" in str(error) and f"{TEXT_CAP:,}" in str(error)
    assert seconds < 2


def test_the_deadline_holds_in_a_worker_thread(monkeypatch):
    """Prefect may run a task in a worker thread, where SIGALRM cannot reach: the deadline does."""
    monkeypatch.setenv("EVD_PARSE_DEADLINE", "0.5")
    with ThreadPoolExecutor(1) as pool:
        seconds, error = pool.submit(timed, lambda: get_source("press").extract(document(NESTED_TABLES))).result()
    assert isinstance(error, ParseError) and "EVD_PARSE_DEADLINE" in str(error) and seconds < 2


@pytest.mark.usefixtures("prefect_harness")
def test_the_deadline_holds_in_a_prefect_flow_run(monkeypatch):
    """Where the pipeline reads a document: `Source.extract` inside a task the flow calls (flows.parsing.parse_batch)."""
    from prefect import flow, task

    monkeypatch.setenv("EVD_PARSE_DEADLINE", "0.5")

    from prefect.cache_policies import NO_CACHE

    @task(cache_policy=NO_CACHE)
    def parse(doc: Document):
        return timed(lambda: get_source("press").extract(doc)), threading.current_thread().name

    @flow
    def read_one():
        return parse(document(NESTED_TABLES))

    (seconds, error), thread = read_one()
    assert isinstance(error, ParseError) and "EVD_PARSE_DEADLINE" in str(error) and seconds < 2, thread


def test_the_deadline_holds_when_its_first_interruption_lands_in_a_finalizer(monkeypatch):
    """Python drops an exception raised inside `__del__` (the garbage collector runs finalizers amid any parse, and a
    Prefect process has many): the deadline interrupts again until the parse ends."""
    class Finalized:
        def __del__(self):
            ended = time.monotonic() + 0.6
            while time.monotonic() < ended:
                pass

    def read():
        Finalized()  # its finalizer runs now, for 0.6 s: the first interruptions land in it and are dropped
        ended = time.monotonic() + 5
        while time.monotonic() < ended:
            pass

    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: dropped.append(unraisable.exc_type))
    monkeypatch.setenv("EVD_PARSE_DEADLINE", "0.2")
    seconds, error = timed(lambda: guarded(document(b"x"), "a test", read))
    assert Overtime in dropped, "the first interruption landed in the finalizer"
    assert isinstance(error, ParseError) and "EVD_PARSE_DEADLINE" in str(error) and seconds < 1.5


def test_a_parse_done_in_time_is_never_interrupted_later(monkeypatch):
    monkeypatch.setenv("EVD_PARSE_DEADLINE", "0.2")
    assert extract(document(b"Li Auto Inc. delivered 40,000 vehicles in October 2025."))[2].figures
    ended = time.monotonic() + 0.5
    while time.monotonic() < ended:  # Python instructions past the deadline: an Overtime left pending would land here
        pass


def test_the_deadline_is_configurable_and_must_be_positive(monkeypatch):
    monkeypatch.delenv("EVD_PARSE_DEADLINE", raising=False)
    assert parse_deadline() == 60
    monkeypatch.setenv("EVD_PARSE_DEADLINE", "2.5")
    assert parse_deadline() == 2.5
    monkeypatch.setenv("EVD_PARSE_DEADLINE", "soon")
    with pytest.raises(ValueError, match="EVD_PARSE_DEADLINE must be a positive number of seconds, not 'soon'"):
        extract(document(b"Li Auto Inc. delivered 40,000 vehicles in October 2025."))


# ---------------------------------------------------------------- point 8: every failure typed, decoding tolerant


def sample(sample_archive, **where) -> Document:
    return sample_archive.document(sample_archive.find(**where)[0])


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_cut_multibyte_character_costs_one_character_not_the_page(sample_archive, encoding):
    doc = next(sample_archive.document(e) for e in sample_archive.find(source="cpca", kind="monthly_analysis") if e.encoding == encoding)
    whole = {f.key[:6]: f.value for f in get_source("cpca").extract(doc).figures}
    stop = doc.content.index("。</span>".encode(encoding), doc.content.index("平稳".encode(encoding)))  # a sentence stating no number
    end = stop + len("。".encode(encoding))
    cut = dataclasses.replace(doc, content=doc.content[:end - 1] + doc.content[end:])
    for extraction in (get_source("cpca").extract(cut), extract(dataclasses.replace(cut, encoding=None, source="", kind=""))[2]):
        assert {f.key[:6]: f.value for f in extraction.figures} == whole
        (note,) = [s for s in extraction.skipped if "undecodable" in s.reason]
        assert note.number == "1 × U+FFFD" and f"undecodable in {encoding} (the first at byte {stop})" in note.reason


def test_a_page_nothing_decodes_is_still_read_and_blames_the_right_byte():
    text = "<html><body><p>" + "乘联分会：11月全国乘用车市场零售226.1万辆，同比增长3%。" * 3 + "</p></body></html>"
    content = text.encode("utf-8").replace("乘联分会".encode("utf-8"), b"\xff\xfe", 1)
    bad = content.index(b"\xff")
    _, doc, extraction = extract(document(content, url="https://example.com/2025/12/08/cpca.html"))
    assert doc.decoded[1] == "utf-8" and extraction.figures
    (note,) = [s for s in extraction.skipped if "undecodable" in s.reason]
    assert f"(the first at byte {bad})" in note.reason


def cpca_page(title: str, body: str, published: str = "2025-12-10") -> Document:
    page = (f'<html><head><meta charset="utf-8"></head><body><div class="tit">{title}</div><div class="view"><span>发布时间：'
            f'{published}</span></div><div class="text"><section><span>{body}</span></section></div></body></html>')
    return document(page.encode("utf-8"), url="https://www.cpcaauto.com/newslist.php?types=csjd&id=1", source="cpca")


@pytest.mark.parametrize("title", [
    "【月度分析】2025年13月份全国乘用车市场分析", "【月度分析】2025年00月份全国乘用车市场分析",
    "【车市扫描】2025年13月1-31日全国乘用车市场初步统计", "【月度排名】2025年0月厂商销量排名快报",
])
def test_a_title_naming_no_month_is_a_parse_error(title):
    error = refused(cpca_page(title, "11月全国乘用车市场零售226.1万辆。"), "cpca")
    assert "cpca document https://www.cpcaauto.com/newslist.php?types=csjd&id=1" in str(error)
    assert "expected one of the CPCA publications" in str(error)


def test_an_impossible_publication_date_leaves_the_page_undated_not_failed():
    doc = cpca_page("【月度分析】2025年11月份全国乘用车市场分析", "11月全国乘用车市场零售226.1万辆。", published="2025-13-45")
    figures = get_source("cpca").extract(doc).figures
    assert [(f.period, f.value, f.published_on) for f in figures] == [("2025-11", 2_261_000, None)]


def weibo_post(text_raw, **fields) -> Document:
    post = {"created_at": "Mon Dec 01 10:00:00 +0800 2025", "text_raw": text_raw, "user": {"screen_name": "小米汽车"}, **fields}
    return document(json.dumps(post, ensure_ascii=False).encode("utf-8"), url="https://weibo.com/ajax/statuses/show?id=X", source="xiaomi")


@pytest.mark.parametrize("text", ["00月交付量超过40000台", "13月交付量超过40000台", "11月交付量超过1.23456万台"])
def test_a_post_stating_no_month_or_no_whole_count_is_a_parse_error(text):
    error = refused(weibo_post(text), "xiaomi")
    assert "xiaomi document https://weibo.com/ajax/statuses/show?id=X: expected a delivery or target statement" in str(error)


def test_a_post_keeps_its_readable_statements_beside_an_impossible_month():
    (figure,) = get_source("xiaomi").extract(weibo_post("13月交付量超过1台，11月交付量超过40000台")).figures
    assert (figure.period, figure.value, figure.qualifier) == ("2025-11", 40_000, "at_least")


@pytest.mark.parametrize("source", ["xiaomi", "cpca-api", "press", None])
@pytest.mark.parametrize("fields", [{}, {"user": None, "created_at": None}])
def test_text_raw_null_is_a_parse_error(source, fields):
    error = refused(weibo_post(None, **fields), source)
    assert "https://weibo.com/ajax/statuses/show?id=X: expected" in str(error)


@pytest.mark.parametrize("opening, closing", [(b"[", b"]"), (b'{"a":', b"}")])
@pytest.mark.parametrize("source", ["cpca-api", "xiaomi", "press", None])
def test_json_nested_100k_deep_is_a_parse_error(source, opening, closing):
    error = refused(document(opening * 100_000 + b"1" + closing * 100_000, url="https://example.com/deep.json"), source)
    assert "deep.json: expected" in str(error)


def test_a_malformed_media_box_is_a_parse_error():
    error = refused(document(pdf(SHOWN, media_box=b"[0 0 abc]"), url="https://example.com/box.pdf"))
    assert "box.pdf: expected a readable PDF (truncated or damaged?): MalformedPDFException" in str(error)


def test_a_value_beyond_bigint_is_a_parse_error_not_a_database_error():
    doc = cpca_page("【月度分析】2025年11月份全国乘用车市场分析", "11月全国乘用车市场零售99999999999999999999辆。")
    error = refused(doc, "cpca")
    assert "cpca document" in str(error) and "beyond the warehouse's BIGINT" in str(error)
    figure = dict(publisher="cpca", entity="market", metric="retail", scope="all", segment="passenger", period="2025-11",
                  qualifier="exact", release="final")
    assert doc.figure(value=BIGINT, **figure).value == BIGINT
    with pytest.raises(ValueError, match="beyond the warehouse's BIGINT"):
        doc.figure(value=BIGINT + 1, **figure)


@pytest.mark.parametrize("junk", [b"", b"\x00" * 64, b"%PDF-1.4\n%%EOF", b"{\"dataList\": 1}", b"[{\"category\": 1, \"dataList\": [1, null]}]",
                                  b"<html><div class='tit'>\xff</div><div class='text'>\xfe</div>", "１,２万辆".encode("utf-8") * 10])
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_source_fails_junk_with_a_parse_error_naming_it(source, junk):
    doc = document(junk, url="https://example.com/junk", source=source)
    error = refused(doc, source)
    assert str(error).startswith(f"{source} document https://example.com/junk: expected ")


@pytest.mark.parametrize("content", [b"[" * 100_000, pdf(SHOWN, media_box=b"[0 0 abc]"), json.dumps({"text_raw": None}).encode()])
def test_extract_prints_a_parse_error_not_a_traceback(tmp_path, content):
    path = tmp_path / "crafted"
    path.write_bytes(content)
    result = subprocess.run([sys.executable, "-m", "flows.cli", "extract", str(path)], capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "expected" in result.stderr, result.stderr
