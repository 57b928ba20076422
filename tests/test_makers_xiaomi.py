"""Xiaomi: Weibo posts (Chinese and English floors, exact first months, targets)
and HKEX results PDFs (exact quarters), on the samples and on inline posts."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from extractors import xiaomi
from extractors.base import Document, ParseError
from samples.writers.pdfs import scanned_pdf


def post(text: str, created: str = "Sat Nov 01 10:00:00 +0800 2025", screen_name: str = "小米汽车") -> Document:
    content = json.dumps({"ok": 1, "mblogid": "T1", "created_at": created, "text_raw": text, "user": {"screen_name": screen_name}},
                         ensure_ascii=False).encode("utf-8")
    return Document(content, hashlib.sha256(content).hexdigest(), source="xiaomi")


def company(published_figures, period: str) -> tuple[int, str]:
    (row,) = published_figures.where(entity="xiaomi", metric="deliveries", basis="company", period=period)
    return int(row["value"]), row["qualifier"]


def test_every_sample_post_gives_the_company_figure_of_its_month(sample_archive, published_figures):
    for entry in sample_archive.find(source="xiaomi", kind="post"):
        figures = xiaomi.parse(sample_archive.document(entry))
        assert {(f.publisher, f.release) for f in figures} == {("xiaomi", "final")}
        month = [f for f in figures if f.period == entry.period and f.metric == "deliveries"]
        if month:
            value, qualifier = company(published_figures, entry.period)
            announced_then_revised = published_figures.where(entity="xiaomi", period=entry.period, basis="company")[0]["note"]
            assert (month[0].value, month[0].qualifier) == (value, qualifier) or f"{month[0].value:,}" in announced_then_revised


def test_floors_in_chinese_and_english_are_at_least(published_figures):
    value, qualifier = company(published_figures, "2025-10")
    assert qualifier == "at_least"
    for text in (f"10月小米汽车交付量超过{value}台", f"10月交付量突破{value:,}台", f"Xiaomi EV delivered more than {value:,} vehicles in October.",
                 f"{value:,}+ deliveries in October!"):
        (figure,) = xiaomi.parse(post(text))
        assert (figure.entity, figure.period, figure.value, figure.qualifier) == ("xiaomi", "2025-10", value, "at_least")


def test_the_first_months_are_exact(published_figures):
    value, qualifier = company(published_figures, "2024-04")
    (figure,) = xiaomi.parse(post(f"小米汽车4月交付{value}台", created="Wed May 01 10:00:00 +0800 2024"))
    assert (figure.period, figure.value, figure.qualifier) == ("2024-04", value, qualifier) == ("2024-04", value, "exact")


def test_december_post_carries_the_month_and_the_year_in_万(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="xiaomi", period="2025-12", kind="post")
    figures = {f.period: (f.value, f.qualifier) for f in xiaomi.parse(sample_archive.document(entry))}
    assert figures["2025-12"] == (50_000, "at_least")
    assert figures["2025"] == company(published_figures, "2025")


def test_a_target_post_is_a_target_of_its_year(published_figures):
    target = int(published_figures.where(entity="xiaomi", metric="target", period="2026")[0]["value"])
    (figure,) = xiaomi.parse(post(f"2026年交付目标为{target // 10_000}万台。", created="Mon Jan 05 20:00:00 +0800 2026"))
    assert (figure.metric, figure.period, figure.value, figure.qualifier, figure.published_on) == ("target", "2026", target, "exact", date(2026, 1, 5))


def test_a_post_by_someone_else_or_without_figures_is_refused():
    assert xiaomi.sniff(post("12月交付量超过50000台", screen_name="某汽车博主")) is None
    with pytest.raises(ParseError, match="found none"):
        xiaomi.parse(post("感谢每一位车主！"))


def test_results_pdfs_give_exact_quarters(sample_archive, published_figures):
    quarters = {}
    for entry in sample_archive.find(source="xiaomi-hkex", kind="results"):
        for figure in xiaomi.parse_results(sample_archive.document(entry)):
            assert (figure.publisher, figure.release, figure.published_on is not None) == ("xiaomi", "results", True)
            quarters[(figure.metric, figure.period)] = (figure.value, figure.qualifier)
    for row in published_figures.where(entity="xiaomi", basis="company-quarterly"):
        assert quarters[("deliveries", row["period"])] == (int(row["value"]), "exact")
    assert quarters[("deliveries", "2025-Q3")] == (108_796, "exact")
    assert quarters[("deliveries", "2024-05")] == company(published_figures, "2024-05"), "the filing's revised May count"


def test_a_scanned_results_pdf_fails_clearly():
    content = scanned_pdf(date(2025, 11, 18))
    with pytest.raises(ParseError, match="no text layer"):
        xiaomi.parse_results(Document(content, hashlib.sha256(content).hexdigest()))
