"""The CPCA data API source (`cpca-api`): JSON answers, exact units, discovery over HTTP."""

from __future__ import annotations

import hashlib
import json

import pytest

from extractors.base import Document, ParseError
from extractors.cpca import api
from extractors.cpca.makers import UNMAPPED
from extractors.helpers import slug
from extractors.registry import SOURCES, recognise
from flows.fetch import ArchivingWeb, Fetcher
from samples.writers import cpca_api
from warehouse.archive import Archive

ANALYSIS, FLASH, API = "cpca-monthly-analysis", "cpca-maker-flash", "cpca-data-api"


def as_document(content: bytes, url: str = "", kind: str = "") -> Document:
    return Document(content=content, sha256=hashlib.sha256(content).hexdigest(), url=url, source="cpca-api", kind=kind)


def answer(rows: list[dict], kind: str, year: int = 2025) -> Document:
    """The API's answer stating these figures.csv rows, as the sample writer writes it."""
    doc = next(d for d in cpca_api.answers(rows, year) if d.kind == kind)
    return as_document(doc.content, doc.url)


def keyed(figures):
    return {(f.entity, f.metric, f.scope, f.period): f for f in figures}


def test_the_sample_nev_answer_gives_the_exact_api_figure(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="cpca-api", kind="api_nev")
    doc = sample_archive.document(entry)
    assert "170.6382" in doc.text and set(json.loads(doc.text)[0]["dataList"][0]) == {"month", "2025年", "2024年"}
    (row,) = published_figures.where(basis=API)
    (figure,) = api.parse(doc)
    assert (figure.entity, figure.metric, figure.scope, figure.period) == (row["entity"], row["metric"], row["scope"], row["period"])
    assert (figure.value, figure.qualifier, figure.release, figure.publisher) == (int(row["value"]), "exact", "api", "cpca")
    assert figure.value == 1_706_382  # the fact: 170.6382万辆 is exactly 1,706,382


def test_wan_with_decimals_converts_exactly_without_float_drift(published_figures):
    rows = published_figures.where(entity="market", scope="all", basis=ANALYSIS, period="2025-12")
    doc = answer(rows, "api_market")
    assert "226.1" in doc.text
    figures = keyed(api.parse(doc))
    assert figures[("market", "retail", "all", "2025-12")].value == 2_261_000  # the example
    assert {key[1:]: f.value for key, f in figures.items()} == {
        (r["metric"], "all", r["period"]): int(r["value"]) for r in rows
    }
    assert all(f.qualifier == "exact" for f in figures.values()), "four decimals of 万辆 are whole vehicles"


def test_both_years_of_the_window_are_read_with_the_current_years_change(published_figures):
    rows = [r for p in ("2024-11", "2025-11") for r in published_figures.where(entity="market", metric="retail", scope="all", basis=ANALYSIS, period=p)]
    charts = json.loads(answer(rows, "api_market").text)
    charts[0]["dataList"][0]["同比"] = [None, None, -2.5, None]
    figures = keyed(api.parse(as_document(json.dumps(charts, ensure_ascii=False).encode("utf-8"))))
    assert {p: figures[("market", "retail", "all", p)].value for p in ("2024-11", "2025-11")} == {r["period"]: int(r["value"]) for r in rows}
    assert figures[("market", "retail", "all", "2025-11")].yoy_pct == -2.5
    assert figures[("market", "retail", "all", "2024-11")].yoy_pct is None


def test_maker_rankings_cover_all_powertrains(published_figures):
    rows = [r for r in published_figures.where(entity="tesla-china", metric="wholesale", scope="all", basis=FLASH) if r["period"] in ("2025-12", "2025")]
    doc = answer(rows, "api_makers")
    assert api.sniff(doc) == "api_makers"
    figures = keyed(api.parse(doc))
    assert {key: f.value for key, f in figures.items()} == {
        ("tesla-china", "wholesale", "all", r["period"]): int(r["value"]) for r in rows
    }
    assert {f.release for f in figures.values()} == {"api"}


def test_an_unknown_maker_of_the_api_is_kept_and_flagged(published_figures):
    rows = [r for r in published_figures.where(entity="tesla-china", metric="wholesale", scope="all", basis=FLASH) if r["period"] == "2025-12"]
    text = answer(rows, "api_makers").text.replace("特斯拉中国", "星辰远航汽车")
    (figure, *_) = [f for f in api.parse(as_document(text.encode("utf-8"))) if f.period == "2025-12"]
    assert figure.entity == slug("星辰远航汽车") and figure.evidence.startswith(UNMAPPED)
    assert figure.value == int(rows[0]["value"])


def test_penetration_from_the_nev_share_chart_in_basis_points(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="cpca-api", kind="api_nev")
    charts = json.loads(sample_archive.document(entry).text)
    nev, retail = (published_figures.value("market", "retail", s, "2025-12", ANALYSIS) for s in ("nev", "all"))
    share = round(nev / retail * 100, 1)
    charts[2]["dataList"] = [{"月份": "2025-12", "NEV": [None, cpca_api.wan4(nev), None, share], "ICE": [None, None, None, None]}]
    figures = keyed(api.parse(as_document(json.dumps(charts, ensure_ascii=False).encode("utf-8"), kind="api_nev")))
    assert figures[("market", "penetration", "nev", "2025-12")].value == round(share * 100)


def test_broad_passenger_charts_are_not_mixed_in(published_figures):
    rows = published_figures.where(entity="market", scope="all", basis=ANALYSIS, period="2025-12")
    charts = json.loads(answer(rows, "api_market").text)
    charts[1]["dataList"] = [dict(charts[0]["dataList"][0], **{"2025年": [None, None, 999.0, None]})]
    figures = api.parse(as_document(json.dumps(charts, ensure_ascii=False).encode("utf-8")))
    assert 9_990_000 not in {f.value for f in figures}


@pytest.mark.parametrize(
    "body, expected",
    [
        (b"<html><body>blocked</body></html>", "not JSON"),
        (b'{"code": 500, "msg": "error"}', "JSON array of charts"),
        (b'[{"category": "\xe6\x95\xb4\xe4\xbd\x93\xe5\xb8\x82\xe5\x9c\xba", "dataList": []}]', "found none"),
        (b'[{"category": "x", "dataList": [{"month": "11\xe6\x9c\x88", "2025\xe5\xb9\xb4": "n/a"}]}]', "expected an array"),
    ],
)
def test_layout_drift_is_a_clear_error(body, expected):
    url = "https://data.cpcadata.com/api/chartlist?charttype=6"
    with pytest.raises(ParseError, match=expected) as err:
        api.parse(as_document(body, url, "api_nev"))
    assert url in str(err.value)


def test_sniff_tells_the_answers_apart_and_leaves_html_alone(sample_archive, published_figures):
    (entry,) = sample_archive.find(source="cpca-api", kind="api_nev")
    assert api.sniff(sample_archive.document(entry)) == "api_nev"
    market = answer(published_figures.where(entity="market", scope="all", basis=ANALYSIS, period="2025-12"), "api_market")
    assert api.sniff(market) == "api_market"
    (analysis,) = sample_archive.find(source="cpca", kind="monthly_analysis", period="2025-12")
    assert api.sniff(sample_archive.document(analysis)) is None
    assert recognise(market)[0].name == "cpca-api"


def test_discovery_fetches_every_endpoint_from_the_configured_host(sample_site, settings, published_figures):
    assert settings.base_url("cpca-api", api.BASE_URL).endswith("/data.cpcadata.com"), "aimed at the local copy"
    fetcher = Fetcher(settings.http, Archive(settings.raw_dir))
    web = ArchivingWeb(fetcher, "cpca-api", settings.base_url("cpca-api", api.BASE_URL))
    refs = list(SOURCES["cpca-api"].discover("2025-11", web))
    assert sorted(r.url for r in refs) == sorted(path for path, _ in api.ENDPOINTS)
    nev = next(r for r in refs if r.kind == "api_nev")
    doc, entry = fetcher.fetch_document(web.url(nev.url), source="cpca-api", kind=nev.kind, period=nev.period)
    assert entry.url.endswith("/data.cpcadata.com/api/chartlist?charttype=6")
    assert [f.value for f in api.parse(doc)] == [published_figures.value("market", "wholesale", "nev", "2025-11", API)]


def test_the_older_hosts_can_be_configured(monkeypatch, evd_home):
    from flows.settings import load_settings

    assert load_settings(evd_home).base_url("cpca-api", api.BASE_URL) == "https://data.cpcadata.com"
    for host in api.ALTERNATE_HOSTS:
        monkeypatch.setenv("EVD_CPCA_API_BASE_URL", host)
        assert load_settings(evd_home).base_url("cpca-api", api.BASE_URL) == host
