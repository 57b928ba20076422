"""The CPCA monthly analysis parser and the CPCA discovery, on the sample pages."""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

import pytest

from extractors.base import Document, ParseError
from extractors.cpca import discover, parse, sniff
from flows.fetch import ArchivingWeb, Fetcher
from samples.writers import wan
from warehouse.archive import Archive


def analysis(sample_archive, period: str) -> Document:
    (entry,) = sample_archive.find(source="cpca", period=period, kind="monthly_analysis")
    return sample_archive.document(entry)


def as_document(content: bytes, like: Document) -> Document:
    return Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url=like.url, source="cpca", kind=like.kind)


def by_key(figures):
    return {(f.metric, f.scope, f.period): f for f in figures}


def test_december_2025_figures(sample_archive):
    figures = by_key(parse(analysis(sample_archive, "2025-12")))
    retail = figures[("retail", "all", "2025-12")]
    assert (retail.value, retail.qualifier, retail.entity, retail.segment) == (2261000, "approx", "market", "passenger")
    assert retail.yoy_pct < 0, "同比下降 is a negative YoY"
    assert retail.release == "final" and retail.publisher == "cpca"
    assert figures[("retail", "nev", "2025-12")].value == 1337000
    assert figures[("retail", "all", "2025")].value == 23744000
    assert figures[("wholesale", "bev", "2025-12")].value == 940000
    assert figures[("wholesale", "phev", "2025-12")].value == 476000
    assert figures[("wholesale", "erev", "2025-12")].value == 147000
    assert str(retail.published_on) == "2026-01-10"


def test_gbk_and_utf8_copies_give_identical_figures(sample_archive):
    doc = analysis(sample_archive, "2025-12")
    text = doc.text
    utf8 = as_document(re.sub(r"charset=[\w-]+", "charset=utf-8", text).encode("utf-8"), doc)
    gbk = as_document(re.sub(r"charset=[\w-]+", "charset=gbk", text).encode("gbk"), doc)
    strip = lambda figures: sorted((f.metric, f.scope, f.period, f.value, f.yoy_pct, f.mom_pct) for f in figures)  # noqa: E731
    assert strip(parse(utf8)) == strip(parse(gbk))
    assert len(parse(gbk)) >= 8


def test_sign_comes_from_the_word(sample_archive):
    doc = analysis(sample_archive, "2025-12")
    page = doc.text.replace("同比下降14.2%", "同比减少14.2%")
    figures = by_key(parse(as_document(page.encode("utf-8"), doc)))
    assert figures[("retail", "all", "2025-12")].yoy_pct == -14.2
    assert figures[("retail", "nev", "2025-12")].yoy_pct == 2.7  # 同比增长


def test_wan_decimals_convert_exactly(sample_archive):
    figures = by_key(parse(analysis(sample_archive, "2025-01")))
    assert figures[("exports", "all", "2025-01")].value == 377900  # 37.79万辆, no float drift


def test_body_removed_fails_naming_the_markers(sample_archive):
    doc = analysis(sample_archive, "2025-06")
    broken = re.sub(r'<div class="text">.*?</div>\s*</div>', "</div>", doc.text, flags=re.S)
    with pytest.raises(ParseError, match=r"div\.text") as err:
        parse(as_document(broken.encode("utf-8"), doc))
    assert doc.url in str(err.value)


def test_page_without_figures_is_an_error_not_zero(sample_archive):
    doc = analysis(sample_archive, "2025-06")
    emptied = re.sub(r"\d+(\.\d+)?万辆", "若干", doc.text)
    with pytest.raises(ParseError, match="found none"):
        parse(as_document(emptied.encode("utf-8"), doc))


def test_sniff_recognises_the_monthly_analysis(sample_archive):
    assert sniff(analysis(sample_archive, "2024-07")) == "monthly_analysis"
    assert sniff(as_document(b"<html><body>hello</body></html>", analysis(sample_archive, "2024-07"))) is None


def list_hits(site, section: str) -> int:
    return len([k for k in site.hits if "news.php" in k and section in k])


def test_discovery_pages_the_list_and_stops_once_past_the_month(sample_site, settings, sample_archive):
    fetcher = Fetcher(settings.http, Archive(settings.raw_dir))
    web = ArchivingWeb(fetcher, "cpca", settings.base_url("cpca", ""))
    refs = list(discover("2024-03", web))
    assert [(r.kind, r.period) for r in refs] == [("monthly_analysis", "2024-03")]
    assert re.search(r"newslist\.php\?types=csjd&(an)?id=\d+", refs[0].url)
    assert list_hits(sample_site, "anid=129") == 3, "the 2024-03 analysis is on page 3 of 3"

    sample_site.hits.clear()
    assert list(discover("2026-01", web)) == []  # not published: page 1 already reaches back past it
    for section in ("anid=129", "anid=128", "anid=126"):
        assert list_hits(sample_site, section) == 1, f"{section}: stops once the list passes the month"

    sample_site.hits.clear()
    assert list(discover("2023-06", web)) == []  # older than anything listed
    assert list_hits(sample_site, "anid=129") == 3, "stops at the pager's last page"

    sample_site.hits.clear()
    published = [e for e in sample_archive.find(source="cpca", period="2025-11") if e.kind != "list"]
    assert sorted(r.kind for r in discover("2025-11", web)) == sorted(e.kind for e in published)
    assert list_hits(sample_site, "anid=129") == 1, "found on page 1: no further paging"


def test_discovery_accepts_both_link_forms(sample_site, settings):
    fetcher = Fetcher(settings.http, Archive(settings.raw_dir))
    web = ArchivingWeb(fetcher, "cpca", settings.base_url("cpca", ""))
    urls = [ref.url for period in ("2024-04", "2024-05") for ref in discover(period, web)]
    assert any("anid=" in u for u in urls) and any("&id=" in u for u in urls)


def test_production_ice_retail_penetration_and_year_to_date(sample_archive, published_figures):
    """Sentences the samples do not carry (figures.csv has no such rows), built from CSV numbers."""
    basis = "cpca-monthly-analysis"
    doc = analysis(sample_archive, "2025-11")
    value = lambda metric, scope, period: published_figures.value("market", metric, scope, period, basis)  # noqa: E731
    retail, nev_retail = value("retail", "all", "2025-11"), value("retail", "nev", "2025-11")
    ytd_retail = sum(value("retail", "all", f"2025-{m:02d}") for m in range(1, 12))
    production = value("wholesale", "all", "2025-11")  # any CSV number serves as a production count here
    share = Decimal(nev_retail * 100) / Decimal(retail)
    added = (
        f"1-11月累计零售{wan(ytd_retail)}万辆，同比增长5.0%。"
        f"生产：11月乘用车生产{wan(production)}万辆，同比下降1.5%。"
        f"11月常规燃油乘用车零售{wan(retail - nev_retail)}万辆，同比下降20.1%。"
        f"11月新能源车市场零售渗透率{share:.1f}%。"
    )
    page = doc.text.replace("本月零售走势受节假日与地方促消费政策影响", added)
    figures = by_key(parse(as_document(page.encode("utf-8"), doc)))
    assert figures[("retail", "all", "2025-11-YTD")].value == ytd_retail
    assert (figures[("production", "all", "2025-11")].value, figures[("production", "all", "2025-11")].yoy_pct) == (production, -1.5)
    assert figures[("retail", "ice", "2025-11")].value == retail - nev_retail
    penetration = figures[("penetration", "nev", "2025-11")]
    assert penetration.value == int(share.quantize(Decimal("0.1")) * 100), "basis points, exact from the printed %"
    assert all(f.release == "final" for f in figures.values())
