"""CPCA's flash publications (NEV maker flash, ranking flash, month-end scan) on the sample pages."""

from __future__ import annotations

import hashlib
import re

import pytest

from extractors.base import Document, ParseError
from extractors.cpca import discover, parse, sniff
from extractors.cpca.makers import UNMAPPED
from extractors.helpers import slug
from flows.fetch import ArchivingWeb, Fetcher
from warehouse.archive import Archive

FLASH = "cpca-maker-flash"


def sample(sample_archive, kind: str, period: str) -> Document:
    (entry,) = sample_archive.find(source="cpca", period=period, kind=kind)
    return sample_archive.document(entry)


def edited(doc: Document, text: str, charset: str = "utf-8") -> Document:
    """A copy of a page with other text, in the given encoding (declared in its meta tag)."""
    text = re.sub(r"charset=[\w-]+", f"charset={charset}", text)
    content = text.encode("gb18030" if charset == "gbk" else charset)
    return Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url=doc.url, source="cpca", kind=doc.kind)


def keyed(figures):
    return {(f.entity, f.metric, f.scope, f.period): f for f in figures}


def expected_rows(published_figures, period: str, scope: str, metric: str = "wholesale") -> dict:
    return {
        (r["entity"], r["metric"], r["scope"], r["period"]): (int(r["value"]), r["qualifier"])
        for r in published_figures.where(basis=FLASH, period=period, scope=scope, metric=metric)
    }


@pytest.mark.parametrize("period", ["2024-07", "2024-10", "2024-11", "2025-02", "2025-08"])
def test_nev_flash_gives_every_maker_row_of_the_month(sample_archive, published_figures, period):
    doc = sample(sample_archive, "nev_maker_flash", period)
    figures = parse(doc)
    got = {key: (f.value, f.qualifier) for key, f in keyed(figures).items()}
    assert got == expected_rows(published_figures, period, "nev")
    assert {(f.publisher, f.release, f.segment) for f in figures} == {("cpca", "flash", "passenger")}
    assert all(f.url == doc.url and f.sha256 == doc.sha256 and f.published_on for f in figures)


def test_prose_and_table_flashes_are_both_read(sample_archive):
    prose, table = sample(sample_archive, "nev_maker_flash", "2024-11"), sample(sample_archive, "nev_maker_flash", "2024-10")
    assert "<table" not in prose.text and "<table" in table.text
    byd = keyed(parse(prose))[("byd", "wholesale", "nev", "2024-11")]
    assert byd.mom_pct is not None and byd.mom_pct > 0  # 环比增长, computed from the CSV's October and November
    assert "比亚迪汽车" in byd.evidence


def test_a_floor_is_at_least_in_both_spellings(sample_archive, published_figures):
    doc = sample(sample_archive, "nev_maker_flash", "2025-02")
    (xiaomi_row,) = published_figures.where(entity="xiaomi", basis=FLASH, period="2025-02")
    for page in (doc.text, doc.text.replace("2万+", "20,000+")):
        xiaomi = keyed(parse(edited(doc, page)))[("xiaomi", "wholesale", "nev", "2025-02")]
        assert (xiaomi.value, xiaomi.qualifier) == (int(xiaomi_row["value"]), xiaomi_row["qualifier"]) == (20000, "at_least")


def test_market_estimate_of_the_flash_is_approx(sample_archive):
    figures = keyed(parse(sample(sample_archive, "nev_maker_flash", "2025-11")))
    estimate = figures[("market", "wholesale", "nev", "2025-11")]
    # the fact: Nov-2025 NEV wholesale flash 1.72M ("约172万辆")
    assert (estimate.value, estimate.qualifier, estimate.release) == (1_720_000, "approx", "flash")
    assert all(f.value != 10_000 for f in figures.values()), "'超过1万辆的厂商' is a threshold, not a figure"


@pytest.mark.parametrize("period", ["2025-08", "2025-02"])  # prose, table
def test_an_unknown_maker_is_kept_under_a_slug_and_flagged(sample_archive, published_figures, period):
    doc = sample(sample_archive, "nev_maker_flash", period)
    stranger = "星辰远航汽车"
    figures = parse(edited(doc, doc.text.replace("零跑汽车", stranger)))
    (kept,) = [f for f in figures if f.entity == slug(stranger)]
    assert kept.value == published_figures.value("leapmotor", "wholesale", "nev", period, FLASH)
    assert kept.evidence.startswith(UNMAPPED) and stranger in kept.evidence
    assert not any(f.entity == "leapmotor" for f in figures)
    assert not any(UNMAPPED in f.evidence for f in figures if f.entity != slug(stranger))


def test_gbk_and_utf8_copies_of_a_flash_give_identical_figures(sample_archive):
    strip = lambda figures: sorted((f.entity, f.metric, f.scope, f.period, f.value, f.qualifier, f.yoy_pct, f.mom_pct) for f in figures)  # noqa: E731
    for kind, period in (("nev_maker_flash", "2025-02"), ("nev_maker_flash", "2024-11"), ("ranking_flash", "2025-12")):
        doc = sample(sample_archive, kind, period)
        utf8, gbk = edited(doc, doc.text, "utf-8"), edited(doc, doc.text, "gbk")
        assert utf8.content != gbk.content
        assert strip(parse(utf8)) == strip(parse(gbk)) == strip(parse(doc))


def test_negative_change_from_the_word(sample_archive):
    doc = sample(sample_archive, "nev_maker_flash", "2024-11")
    figures = keyed(parse(edited(doc, doc.text.replace("环比增长12.6%", "环比下降12.6%").replace("环比增长0.7%", "同比减少0.7%"))))
    assert figures[("geely", "wholesale", "nev", "2024-11")].mom_pct == -12.6
    byd = figures[("byd", "wholesale", "nev", "2024-11")]
    assert (byd.yoy_pct, byd.mom_pct) == (-0.7, None)


def test_ranking_flash_counts_all_powertrains_with_cumulative_and_exports(sample_archive, published_figures):
    figures = keyed(parse(sample(sample_archive, "ranking_flash", "2025-12")))
    expected = {
        (r["entity"], r["metric"], r["scope"], r["period"]): int(r["value"])
        for r in published_figures.where(basis=FLASH, scope="all") if r["period"] in ("2025-12", "2025")
    }
    assert {key: f.value for key, f in figures.items()} == expected
    assert ("tesla-china", "wholesale", "all", "2025") in expected, "December's 1-12月累计 is the full year"
    assert ("tesla-china", "exports", "all", "2025-12") in expected
    assert figures[("tesla-china", "wholesale", "all", "2025-12")].mom_pct > 0


def test_ranking_flash_with_a_cumulative_through_the_month(sample_archive, published_figures):
    doc = sample(sample_archive, "ranking_flash", "2025-12")
    figures = keyed(parse(edited(doc, doc.text.replace("【月度排名】2025年12月", "【月度排名】2025年11月").replace("1-12月累计", "1-11月累计").replace("<th>12月</th>", "<th>11月</th>"))))
    annual = published_figures.value("tesla-china", "wholesale", "all", "2025", FLASH)
    assert figures[("tesla-china", "wholesale", "all", "2025-11-YTD")].value == annual


def test_prose_maker_rows_with_cumulative_and_negative_yoy(sample_archive, published_figures):
    doc = sample(sample_archive, "nev_maker_flash", "2024-07")
    byd = published_figures.value("byd", "wholesale", "nev", "2024-07", FLASH)
    figures = keyed(parse(edited(doc, doc.text.replace(f"比亚迪汽车{byd}辆", f"比亚迪汽车{byd}辆，同比下降3.5%，1-7月累计{byd}辆"))))
    assert figures[("byd", "wholesale", "nev", "2024-07")].yoy_pct == -3.5
    assert figures[("byd", "wholesale", "nev", "2024-07-YTD")].value == byd


def test_month_end_scan_gives_the_month_to_date_figures(sample_archive):
    doc = sample(sample_archive, "month_end_scan", "2025-11")
    (figure,) = parse(doc)
    assert (figure.entity, figure.metric, figure.scope, figure.period) == ("market", "wholesale", "nev", "2025-11")
    assert (figure.value, figure.qualifier, figure.release) == (1_720_000, "approx", "flash")


def test_a_mid_month_scan_is_not_a_month_end_scan(sample_archive):
    doc = sample(sample_archive, "month_end_scan", "2025-11")
    mid = edited(doc, doc.text.replace("1-30日", "1-23日"))
    assert sniff(mid) is None
    with pytest.raises(ParseError, match="month-end"):
        parse(Document(mid.content, mid.sha256, mid.url, "cpca", "month_end_scan"))


@pytest.mark.parametrize(
    "kind, period",
    [("nev_maker_flash", "2025-02"), ("nev_maker_flash", "2024-07"), ("ranking_flash", "2025-12"), ("month_end_scan", "2025-11")],
)
def test_body_removed_fails_naming_the_markers(sample_archive, kind, period):
    doc = sample(sample_archive, kind, period)
    broken = re.sub(r'<div class="text">.*?</div>\s*</div>', "</div>", doc.text, flags=re.S)
    with pytest.raises(ParseError, match=r"div\.text") as err:
        parse(edited(doc, broken))
    assert doc.url in str(err.value)


@pytest.mark.parametrize("kind, period", [("nev_maker_flash", "2025-02"), ("nev_maker_flash", "2024-07"), ("ranking_flash", "2025-12")])
def test_a_flash_without_rows_is_an_error_naming_what_it_looked_for(sample_archive, kind, period):
    doc = sample(sample_archive, kind, period)
    emptied = re.sub(r"<table.*?</table>", "", doc.text, flags=re.S)
    emptied = re.sub(r"\d+(万\+|辆)", "若干", emptied)
    with pytest.raises(ParseError, match="厂商") as err:
        parse(edited(doc, emptied))
    assert "found none" in str(err.value) and doc.url in str(err.value)


def test_sniff_names_each_flash_kind(sample_archive):
    for kind, period in (("nev_maker_flash", "2024-07"), ("nev_maker_flash", "2025-11"), ("ranking_flash", "2024-01"), ("month_end_scan", "2025-11")):
        assert sniff(sample(sample_archive, kind, period)) == kind


def test_a_title_without_its_year_takes_it_from_the_publication_date(sample_archive):
    doc = sample(sample_archive, "nev_maker_flash", "2024-07")
    assert "2024年" not in re.search(r'<div class="tit">(.*?)</div>', doc.text).group(1)
    assert {f.period for f in parse(doc)} == {"2024-07"}


def test_discovery_finds_flashes_in_their_sections_and_skips_mid_month_scans(sample_site, settings, sample_archive):
    web = ArchivingWeb(Fetcher(settings.http, Archive(settings.raw_dir)), "cpca", settings.base_url("cpca", ""))
    refs = {r.kind: r for r in discover("2025-11", web)}
    for kind, ref in refs.items():
        (entry,) = sample_archive.find(source="cpca", period="2025-11", kind=kind)
        assert entry.url.endswith(ref.url), kind
    assert "types=bgzl" in refs["nev_maker_flash"].url
    assert "1-30日" in refs["month_end_scan"].title
    refs = list(discover("2024-07", web))  # a flash whose title has no year: dated by the list
    assert sorted(r.kind for r in refs) == ["monthly_analysis", "nev_maker_flash"]
