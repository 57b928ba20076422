"""The makers' newsroom releases (NIO, XPeng, Li Auto, Zeekr on Notified IR sites;
Leapmotor's own newsroom), each parser on its samples, plus broken and foreign pages."""

from __future__ import annotations

import re
from datetime import date

import pytest

from extractors.base import Document, ParseError
from extractors.prose import Context, read_statements, table_statements
from extractors.registry import get_source, recognise
from flows.fetch import ArchivingWeb, Fetcher
from warehouse.archive import Archive

NEWSROOMS = ["nio", "xpeng", "li-auto", "leapmotor", "zeekr"]
RELEASE_OF_KIND = {"delivery_update": "final", "delivery_results": "final", "results": "results"}


def documents(sample_archive, source: str) -> list[Document]:
    return [sample_archive.document(e) for e in sample_archive.find(source=source) if e.kind != "list"]


def stated_in_csv(published_figures, figure) -> bool:
    """A figure is a CSV row, or a number a CSV note states for that entity (XPeng's overseas count)."""
    for row in published_figures.where(entity=figure.entity, metric=figure.metric, scope=figure.scope, period=figure.period):
        if int(row["value"]) == figure.value and row["qualifier"] == figure.qualifier:
            return True
    notes = " ".join(row["note"] for row in published_figures.where(entity=figure.entity, period=figure.period))
    return f"{figure.value:,}" in notes


@pytest.mark.parametrize("source", NEWSROOMS)
def test_every_sample_release_parses_into_figures_the_csv_states(sample_archive, published_figures, source):
    docs = documents(sample_archive, source)
    assert docs
    for doc in docs:
        figures = get_source(source).parse(doc)
        assert figures, doc.url
        assert {f.publisher for f in figures} == {source}
        assert {f.release for f in figures} == {RELEASE_OF_KIND[doc.kind]}
        assert all(f.published_on and f.url == doc.url and f.sha256 == doc.sha256 for f in figures)
        unstated = [(f.entity, f.metric, f.period, f.value) for f in figures if not stated_in_csv(published_figures, f)]
        assert unstated == [], doc.url


@pytest.mark.parametrize("source", NEWSROOMS)
def test_each_release_is_recognised_as_its_source_and_kind(sample_archive, source):
    for doc in documents(sample_archive, source):
        anonymous = Document(doc.content, doc.sha256)
        found = recognise(anonymous)
        assert found is not None and (found[0].name, found[1]) == (source, doc.kind), doc.url


def test_nio_december_update_reads_group_brands_quarter_year_and_cumulative(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="nio", period="2025-12", kind="delivery_update")
    figures = {(f.entity, f.metric, f.period): f for f in get_source("nio").parse(sample_archive.document(entry))}
    for (entity, metric, period), figure in figures.items():
        assert figure.value == published_figures.value(entity, metric, "all", period, "company")
    assert {e for e, m, p in figures if p == "2025-12" and m == "deliveries"} == {"nio-group", "nio", "onvo", "firefly"}
    assert ("nio-group", "deliveries_cumulative", "2025-12") in figures
    december = figures[("nio-group", "deliveries", "2025-12")]
    a_year_before = published_figures.value("nio-group", "deliveries", "all", "2024-12", "company")
    assert december.yoy_pct == round((december.value / a_year_before - 1) * 100, 1)


def test_li_auto_results_table_gives_a_figure_per_period_column(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="li-auto", period="2025-12", kind="results")
    figures = {f.period: f.value for f in get_source("li-auto").parse(sample_archive.document(entry))}
    for period in ("2024-Q4", "2025-Q4", "2024", "2025"):
        assert figures[period] == published_figures.value("li-auto", "deliveries", "all", period, "company")


def test_zeekr_brand_and_group_come_from_what_each_release_names(sample_archive):
    by_period = {}
    for doc in documents(sample_archive, "zeekr"):
        for figure in get_source("zeekr").parse(doc):
            by_period.setdefault((figure.metric, figure.period), set()).add(figure.entity)
    assert by_period[("deliveries", "2024-Q4")] == {"zeekr"}
    assert by_period[("deliveries", "2025-Q1")] == {"zeekr-group"}
    assert by_period[("target", "2025")] == {"zeekr-group"} and by_period[("target", "2024")] == {"zeekr"}


def test_a_release_page_without_its_body_fails_naming_what_was_expected(sample_archive):
    (entry,) = sample_archive.find(source="xpeng", period="2025-12", kind="delivery_results")
    doc = sample_archive.document(entry)
    broken = re.sub(r'<div class="node__content">.*?</div>', "", doc.text, flags=re.S).encode("utf-8")
    with pytest.raises(ParseError, match=rf"{re.escape(doc.url)}: expected delivery figures"):
        get_source("xpeng").parse(Document(broken, "0" * 64, url=doc.url))


def test_a_release_with_no_figure_is_an_error_not_an_empty_result(sample_archive):
    (entry,) = sample_archive.find(source="leapmotor", period="2025-12", kind="delivery_results")
    doc = sample_archive.document(entry)
    emptied = re.sub(r"<p>[^<]*\d{2},\d{3}[^<]*</p>", "<p>Leapmotor thanks its users.</p>", doc.text).encode("utf-8")
    with pytest.raises(ParseError, match="found none"):
        get_source("leapmotor").parse(Document(emptied, "1" * 64))


def test_another_makers_release_is_not_taken_for_ones_own(sample_archive):
    (entry,) = sample_archive.find(source="li-auto", period="2025-12", kind="delivery_update")
    doc = sample_archive.document(entry)
    assert get_source("nio").sniff(doc) is None
    with pytest.raises(ParseError, match="title"):
        get_source("nio").parse(doc)


def test_the_reader_ties_counts_to_entity_metric_and_period(published_figures):
    """Sentences as releases print them; the values are the CSV's."""
    december, cumulative = (published_figures.value("li-auto", m, "all", "2025-12", "company") for m in ("deliveries", "deliveries_cumulative"))
    text = (f"In December, Li Auto delivered {december:,} vehicles, bringing cumulative deliveries to {cumulative:,} "
            "as of December 31, 2025. The Company operated 500 retail stores.")
    reading = read_statements(text, Context(date(2026, 1, 1), company="li-auto"))
    assert [(s.entity, s.metric, s.period, s.value) for s in reading.statements] == [
        ("li-auto", "deliveries", "2025-12", december), ("li-auto", "deliveries_cumulative", "2025-12", cumulative),
    ]


def test_a_table_column_without_a_period_header_is_skipped_not_guessed(published_figures):
    value, unlabelled = (published_figures.value("li-auto", "deliveries", "all", q, "company") for q in ("2025-Q4", "2024-Q4"))
    rows = [["", "Q4 2025", "Memo"], ["Deliveries", f"{value:,}", f"{unlabelled:,}"]]
    reading = table_statements(rows, Context(date(2026, 3, 18), company="li-auto"))
    assert [(s.period, s.value) for s in reading.statements] == [("2025-Q4", value)]
    assert [s.number for s in reading.skipped] == [f"{unlabelled:,}"]


def test_table_cells_keep_their_units_and_qualifiers(published_figures):
    q4, q3 = (published_figures.value("li-auto", "deliveries", "all", q, "company") for q in ("2025-Q4", "2025-Q3"))
    rows = [["", "Q4 2025", "Q3 2025"], ["Deliveries", f"{q4 / 1000:.1f}k", f"{q3:,}+"]]
    reading = table_statements(rows, Context(date(2026, 3, 18), company="li-auto"))
    assert [(s.period, s.value, s.qualifier) for s in reading.statements] == [
        ("2025-Q4", round(q4, -2), "approx"), ("2025-Q3", q3, "at_least"),
    ]


def list_hits(site, path: str) -> int:
    return sum(count for key, count in site.hits.items() if path in key)


def test_discovery_pages_the_newsroom_and_stops_once_past_the_month(sample_site, settings, sample_archive):
    source = get_source("nio")
    web = ArchivingWeb(Fetcher(settings.http, Archive(settings.raw_dir)), "nio", settings.base_url("nio", source.base_url))
    pages = len(sample_archive.find(source="nio", kind="list"))

    archived = sorted((e.kind, e.url) for e in sample_archive.find(source="nio", period="2025-12") if e.kind != "list")
    found = sorted((r.kind, web.url(r.url).replace(web.base_url, "https://ir.nio.com")) for r in source.discover("2025-12", web))
    assert found == archived
    assert list_hits(sample_site, "news-events/news-releases") < pages, "stops once a page reaches back before December"

    sample_site.hits.clear()
    assert list(source.discover("2026-06", web)) == []
    assert list_hits(sample_site, "news-events/news-releases") == 1, "the first page already reaches back past it"

    sample_site.hits.clear()
    assert list(source.discover("2023-06", web)) == []
    assert list_hits(sample_site, "news-events/news-releases") == pages, "older than anything listed: up to the pager's last page"
