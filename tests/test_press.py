"""News articles: the samples, articles written here that development never saw,
plain text and HTML, and what must not become a figure."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from extractors import press
from extractors.base import Document, ParseError
from extractors.registry import recognise


def article(text: str, url: str = "https://example.org/news/1") -> Document:
    content = text.encode("utf-8")
    return Document(content, hashlib.sha256(content).hexdigest(), url=url, source="press")


def news_site_articles(sample_archive):
    """The samples' articles on the news site press discovery pages (the reprints are elsewhere: tests/test_reading.py)."""
    return [e for e in sample_archive.find(source="press", kind="article") if e.url.startswith(press.BASE_URL)]


def test_sample_articles_carry_the_third_party_counts(sample_archive, published_figures):
    loaded = set()
    for entry in news_site_articles(sample_archive):
        for figure in press.parse(sample_archive.document(entry)):
            assert (figure.publisher, figure.release) == ("press", "article")
            assert figure.entity and figure.metric and figure.period and figure.published_on
            loaded.add((figure.entity, figure.metric, figure.period, figure.value, figure.qualifier))
    for row in published_figures.where(basis="third-party"):
        assert (row["entity"], row["metric"], row["period"], int(row["value"]), row["qualifier"]) in loaded


def test_model_splits_and_second_values_are_skipped_and_counted(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="press", period="2025-07", kind="article")
    reading = press.read(sample_archive.document(entry))
    assert [(f.period, f.value) for f in reading.figures] == [("2025-07", published_figures.value("xiaomi", "deliveries", "all", "2025-07", "third-party"))]
    note = published_figures.where(entity="xiaomi", period="2025-07", basis="third-party")[0]["note"]
    models = [part.split()[1] for part in note.split(" + ")]
    assert [s.number for s in reading.skipped if "model" in s.reason] == models
    assert any("less precise value" in s.reason for s in reading.skipped)


def test_the_forms_news_prose_takes(published_figures):
    """A month named in one sentence and its figure in the next, a quarter's total
    after the quarter is named, a goal raised, "k" and 万 amounts; CSV values."""
    october = published_figures.value("xiaomi", "deliveries", "all", "2025-10", "company")
    quarter = published_figures.value("xiaomi", "deliveries", "all", "2025-Q3", "company-quarterly")
    target = published_figures.value("xiaomi", "target", "all", "2025", "company-target")
    text = f"""BEIJING, Nov 2, 2025 - Xiaomi gave an update on its October deliveries on Saturday.
It handed over more than {october // 1000}k cars, the company said.
In the third quarter, the EV maker's deliveries totalled {quarter:,} units.
Earlier this year Xiaomi raised its 2025 delivery target to {target // 10_000}万 vehicles from 300,000."""
    reading = press.read(article(text))
    assert sorted((f.metric, f.period, f.value, f.qualifier) for f in reading.figures) == sorted([
        ("deliveries", "2025-10", october, "at_least"), ("deliveries", "2025-Q3", quarter, "exact"), ("target", "2025", target, "exact"),
    ])
    assert {f.entity for f in reading.figures} == {"xiaomi"}
    assert [s.reason for s in reading.skipped] == ["the superseded value of a revised target"]


UNSEEN_HTML = """<!DOCTYPE html><html><head><meta property="og:type" content="article">
<meta property="article:published_time" content="2025-12-02T08:00:00+08:00"><title>EV startups in November</title></head>
<body><article><h1>EV startups in November</h1>
<p>Shares of the carmakers rose on Monday as deliveries climbed across the board.</p>
<p>Deliveries rose to 20,000 units last month, one analyst said.</p>
<p>Leapmotor delivered 70,327 vehicles in November, while NIO delivered 36,275.</p>
<p>Li Auto's orders exceeded 10,000 units, and the company plans to open 300 new stores.</p>
<p>Xiaomi has delivered 46,249 vehicles, the company said.</p>
</article></body></html>"""

UNSEEN_TEXT = """Chinese EV makers post mixed results

Published: 2025-11-03

BEIJING - The market grew in October. Sales rose to 1,282,000 units across the country.
Some makers delivered more than 40,000 cars, others fewer than 10,000.
"""


def test_an_unseen_article_gives_no_figure_without_entity_metric_and_period():
    """A bare "NIO" in news is NIO Inc.; a count with no maker, an order count and an undated one are skipped."""
    reading = press.read(article(UNSEEN_HTML))
    assert sorted((f.entity, f.metric, f.period, f.value) for f in reading.figures) == [
        ("leapmotor", "deliveries", "2025-11", 70_327), ("nio-group", "deliveries", "2025-11", 36_275)]
    untied = {s.number for s in reading.skipped}
    assert {"20,000", "10,000", "46,249"} <= untied
    assert not {f.value for f in reading.figures} & {20_000, 10_000, 300, 46_249}


def test_an_unseen_plain_text_article_with_nothing_to_tie_is_a_parse_error():
    with pytest.raises(ParseError, match=r"found none \(\d+ counts skipped: "):
        press.parse(article(UNSEEN_TEXT))


def test_an_article_without_a_date_cannot_date_its_months():
    undated = "<html><body><article><p>Xiaomi delivered more than 40,000 vehicles in October.</p></article></body></html>"
    with pytest.raises(ParseError, match="publication date"):
        press.parse(article(undated))


def test_press_reads_what_no_source_with_a_layout_claims(sample_archive):
    for entry in sample_archive.find(source="press", kind="article"):
        doc = sample_archive.document(entry)
        assert recognise(Document(doc.content, doc.sha256))[0].name == "press"
    (release,) = sample_archive.find(source="nio", period="2025-12", kind="delivery_update")
    assert recognise(sample_archive.document(release))[0].name == "nio", "a maker's own release is the maker's"


def test_extract_recognises_a_plain_text_news_article(tmp_path, sample_archive, published_figures):
    (entry,) = [e for e in news_site_articles(sample_archive) if e.content_type.startswith("text/plain")]
    path = tmp_path / "article.txt"
    path.write_bytes(sample_archive.read(entry.sha256))
    result = subprocess.run([sys.executable, "-m", "flows.cli", "extract", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert '"publisher": "press"' in result.stdout and "from press article document" in result.stderr
    assert f'"value": {published_figures.value("xiaomi", "deliveries", "all", "2025-08", "third-party")}' in result.stdout
