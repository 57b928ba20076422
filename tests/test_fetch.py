"""Fetching over real HTTP from 127.0.0.1: headers, retries, limits, encodings, archive."""

from __future__ import annotations

import time

import pytest
import requests
from werkzeug import Request, Response

from flows.fetch import Fetcher, FetchError
from warehouse.archive import Archive

PAGE_UTF8 = "<html><head><meta charset='utf-8'></head><body><div class='tit'>乘用车市场零售</div></body></html>"


@pytest.fixture
def fetcher(settings) -> Fetcher:
    return Fetcher(settings.http, Archive(settings.raw_dir))


def fetch(fetcher, url):
    return fetcher.fetch_document(url, source="cpca", kind="monthly_analysis", period="2025-12")


def browser_only(request: Request) -> Response:
    """Like cpcaauto.com: 403 unless the request looks like a browser coming from the site."""
    agent, referer = request.headers.get("User-Agent", ""), request.headers.get("Referer", "")
    if "Mozilla" not in agent or not referer:
        return Response("Forbidden", status=403)
    return Response(PAGE_UTF8.encode("utf-8"), content_type="text/html")


def test_browser_headers_pass_where_a_plain_client_gets_403(httpserver, fetcher):
    httpserver.expect_request("/newslist.php").respond_with_handler(browser_only)
    url = httpserver.url_for("/newslist.php") + "?types=csjd&id=4102"
    assert requests.get(url, timeout=5).status_code == 403
    doc, entry = fetch(fetcher, url)
    assert "乘用车市场零售" in doc.text
    assert entry.http_status == 200 and entry.encoding == "utf-8"


def test_persistent_403_names_the_url_and_status(httpserver, fetcher):
    httpserver.expect_request("/blocked").respond_with_data("no", status=403)
    with pytest.raises(FetchError, match=r"fetch http://.*/blocked: HTTP 403") as err:
        fetch(fetcher, httpserver.url_for("/blocked"))
    assert err.value.status == 403
    assert fetcher.archive.entries() == []


@pytest.mark.parametrize("status", [429, 500, 503])
def test_transient_status_is_retried_then_succeeds(httpserver, fetcher, status):
    calls = []

    def flaky(request):
        calls.append(time.monotonic())
        if len(calls) < 3:
            return Response("busy", status=status)
        return Response(PAGE_UTF8.encode("utf-8"), content_type="text/html; charset=utf-8")

    httpserver.expect_request("/flaky").respond_with_handler(flaky)
    doc, _ = fetch(fetcher, httpserver.url_for("/flaky"))
    assert len(calls) == 3
    assert "乘用车" in doc.text


def test_retries_are_capped(httpserver, fetcher):
    httpserver.expect_request("/down").respond_with_data("down", status=500)
    with pytest.raises(FetchError, match="500|retries"):
        fetch(fetcher, httpserver.url_for("/down"))
    assert len(httpserver.log) == fetcher.http.retries + 1


def test_timeout_is_reported(httpserver, settings):
    def slow(request):
        time.sleep(1.5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    http = settings.http.__class__(**{**settings.http.__dict__, "read_timeout": 0.3, "retries": 0})
    with pytest.raises(FetchError, match="timed out"):
        fetch(Fetcher(http, Archive(settings.raw_dir)), httpserver.url_for("/slow"))


def test_body_over_the_cap_is_refused(httpserver, settings):
    http = settings.http.__class__(**{**settings.http.__dict__, "max_bytes": 1000})
    fetcher = Fetcher(http, Archive(settings.raw_dir))
    httpserver.expect_request("/huge").respond_with_data(b"x" * 5000)
    with pytest.raises(FetchError, match="over the 1000-byte cap"):
        fetch(fetcher, httpserver.url_for("/huge"))

    def chunked(request):
        return Response((b"y" * 500 for _ in range(10)), content_type="text/html")  # no Content-Length

    httpserver.expect_request("/stream").respond_with_handler(chunked)
    with pytest.raises(FetchError, match="over the 1000-byte cap"):
        fetch(fetcher, httpserver.url_for("/stream"))


def test_gbk_page_is_detected_and_decoded(httpserver, fetcher):
    html = "<html><head><meta charset='gbk'></head><body><div class='text'>12月全国乘用车市场零售226.1万辆，同比下降14.2%</div></body></html>"
    httpserver.expect_request("/gbk").respond_with_data(html.encode("gbk"), content_type="text/html")
    doc, entry = fetch(fetcher, httpserver.url_for("/gbk"))
    assert entry.encoding == "gb18030"
    assert "全国乘用车市场零售226.1万辆" in doc.text


def test_identical_bytes_are_archived_once(httpserver, fetcher):
    httpserver.expect_request("/a").respond_with_data(PAGE_UTF8, content_type="text/html")
    first, _ = fetch(fetcher, httpserver.url_for("/a"))
    again, _ = fetch(fetcher, httpserver.url_for("/a"))
    assert first.sha256 == again.sha256
    stored = [p for p in fetcher.archive.root.rglob("*") if p.is_file() and p.name != "manifest.jsonl"]
    assert len(stored) == 1
    assert len(fetcher.archive.entries()) == 1
    row = fetcher.archive.entries()[0]
    assert (row.size, row.source, row.period, row.http_status) == (len(PAGE_UTF8.encode()), "cpca", "2025-12", 200)
