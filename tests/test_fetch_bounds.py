"""What one fetch may cost, and where it may go (issue 11): redirects only on the
host asked for, Retry-After capped, a deadline per document that no stalled or
dripping server outlasts, a circuit breaker per host, the run's budget. Real
servers on 127.0.0.1: pytest-httpserver, and `benchmarks/faulty_servers.py`'s for
the servers that never answer or drip."""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

import pytest
from werkzeug import Response

from flows.fetch import MAX_REDIRECTS, Fetcher, FetchError
from warehouse.archive import Archive

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from faulty_servers import Silent, drip, refused_port, serve  # noqa: E402

PAGE = b"<html><body><div class='tit'>ok</div></body></html>"


def fetcher_with(settings, budget: float | None = None, **http) -> Fetcher:
    return Fetcher(dataclasses.replace(settings.http, **http), Archive(settings.raw_dir), budget=budget)


def fetch(fetcher: Fetcher, url: str):
    return fetcher.fetch_document(url, source="cpca", kind="monthly_analysis", period="2025-12")


def timed_failure(fetcher: Fetcher, url: str) -> tuple[FetchError, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as err:
        fetch(fetcher, url)
    return err.value, time.monotonic() - started


@pytest.fixture
def silent():
    server = Silent()
    yield server
    server.close()


@pytest.fixture
def refused_url() -> str:
    return f"http://127.0.0.1:{refused_port()}/doc"


@pytest.fixture
def drip_url():
    """200, then the body one byte every 0.1 s (1,000 bytes: it would take 100 s)."""
    server = serve(drip(0.1, 1000))
    yield f"http://127.0.0.1:{server.server_address[1]}/doc"
    server.shutdown()
    server.server_close()


# ---------------------------------------------------------------- redirects


def test_a_redirect_to_another_host_is_not_followed_and_names_both_urls(httpserver, settings):
    asked = httpserver.url_for("/doc").replace("localhost", "127.0.0.1")
    other_host = httpserver.url_for("/elsewhere")  # the same server, by another name: localhost
    httpserver.expect_request("/doc").respond_with_response(Response(status=302, headers={"Location": other_host}))
    httpserver.expect_request("/elsewhere").respond_with_data(PAGE)
    fetcher = fetcher_with(settings)

    error, _ = timed_failure(fetcher, asked)
    assert asked in str(error) and other_host in str(error)
    assert "not followed" in error.reason and error.status == 302
    assert [request.path for request, _ in httpserver.log] == ["/doc"], "the other host is never asked"
    assert fetcher.archive.entries() == []


def test_a_redirect_on_the_same_host_is_followed_and_archived_where_it_was_read(httpserver, settings):
    base = httpserver.url_for("/").replace("localhost", "127.0.0.1").rstrip("/")
    httpserver.expect_request("/old").respond_with_response(Response(status=301, headers={"Location": "/new"}))
    httpserver.expect_request("/new").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    doc, entry = fetch(fetcher_with(settings), f"{base}/old")
    assert doc.content == PAGE
    assert entry.url == f"{base}/new"


def test_http_to_https_on_the_same_host_is_followed(httpserver, settings):
    base = httpserver.url_for("/").replace("localhost", "127.0.0.1").rstrip("/")
    secure = base.replace("http://", "https://") + "/doc"
    httpserver.expect_request("/doc").respond_with_response(Response(status=301, headers={"Location": secure}))
    error, _ = timed_failure(fetcher_with(settings, retries=0), f"{base}/doc")
    assert "not followed" not in error.reason
    assert "SSL" in error.reason, "followed to https (this server speaks plain HTTP, so the handshake fails)"


def test_redirects_are_capped(httpserver, settings):
    httpserver.expect_request("/loop").respond_with_response(Response(status=302, headers={"Location": "/loop"}))
    error, _ = timed_failure(fetcher_with(settings), httpserver.url_for("/loop"))
    assert f"more than {MAX_REDIRECTS} redirects" in error.reason
    assert len(httpserver.log) == MAX_REDIRECTS + 1


# ---------------------------------------------------------------- Retry-After


def test_a_retry_after_over_the_cap_fails_the_document_at_once(httpserver, settings):
    httpserver.expect_request("/busy").respond_with_response(Response("busy", status=503, headers={"Retry-After": "86400"}))
    error, elapsed = timed_failure(fetcher_with(settings, retry_after_max=30), httpserver.url_for("/busy"))
    assert "86400 s" in error.reason and "30 s" in error.reason and error.status == 503
    assert len(httpserver.log) == 1 and elapsed < 2


def test_a_retry_after_under_the_cap_is_waited_for(httpserver, settings):
    answers = [Response("slow down", status=429, headers={"Retry-After": "1"}), Response(PAGE, content_type="text/html")]
    httpserver.expect_request("/limited").respond_with_handler(lambda request: answers.pop(0))
    started = time.monotonic()
    doc, _ = fetch(fetcher_with(settings, retry_after_max=30), httpserver.url_for("/limited"))
    assert doc.content == PAGE and time.monotonic() - started >= 0.9


# ---------------------------------------------------------------- the deadline


def test_a_server_that_never_answers_costs_one_deadline_whatever_the_retries(silent, settings):
    fetcher = fetcher_with(settings, retries=4, read_timeout=0.4, document_deadline=1.0, breaker_failures=10)
    error, elapsed = timed_failure(fetcher, silent.url())
    assert "timed out" in error.reason and "1 s deadline" in error.reason
    assert 0.9 < elapsed < 1.6
    assert len(silent.accepted) <= 3


def test_a_dripping_body_ends_at_the_deadline(drip_url, settings):
    error, elapsed = timed_failure(fetcher_with(settings, document_deadline=1.0), drip_url)
    assert "body still arriving" in error.reason and "1 s deadline" in error.reason
    assert elapsed < 1.6


def test_a_host_that_drips_every_body_opens_its_circuit(drip_url, settings):
    """Headers are no answer: a body still arriving at the deadline counts as unanswered, so the
    host's third such document opens its circuit and the fourth costs nothing."""
    fetcher = fetcher_with(settings, document_deadline=0.5, breaker_failures=3)
    for path in ("/a", "/b", "/c"):
        error, _ = timed_failure(fetcher, drip_url.replace("/doc", path))
        assert "body still arriving" in error.reason
    error, elapsed = timed_failure(fetcher, drip_url.replace("/doc", "/d"))
    assert "circuit is open" in error.reason and elapsed < 0.1


# ---------------------------------------------------------------- the circuit breaker


def test_a_host_that_never_answers_opens_its_circuit(silent, settings, httpserver):
    fetcher = fetcher_with(settings, retries=4, read_timeout=0.2, document_deadline=5.0, breaker_failures=2)
    first, _ = timed_failure(fetcher, silent.url("/a"))
    assert "circuit is open" in first.reason and len(silent.accepted) == 2, "the breaker stops the document's own retries"

    second, elapsed = timed_failure(fetcher, silent.url("/b"))
    assert "2 attempts in a row unanswered" in second.reason and "timed out" in second.reason and "circuit is open" in second.reason
    assert elapsed < 0.1 and len(silent.accepted) == 2

    httpserver.expect_request("/fine").respond_with_data(PAGE)
    doc, _ = fetch(fetcher, httpserver.url_for("/fine"))
    assert doc.content == PAGE, "other hosts are not affected"


def test_a_refusing_host_fails_fast_after_the_threshold(refused_url, settings):
    fetcher = fetcher_with(settings, retries=4, breaker_failures=3, backoff_factor=0.2, backoff_jitter=0)
    first, elapsed = timed_failure(fetcher, refused_url)
    assert "circuit is open" in first.reason and "connection failed" in first.reason
    assert 0.6 <= elapsed < 1.2, "two backoff waits (0.2 s, 0.4 s), none after the attempt that opened the circuit (0.8 s)"
    second, elapsed = timed_failure(fetcher, refused_url.replace("/doc", "/other"))
    assert "circuit is open" in second.reason and "3 attempts in a row" in second.reason
    assert elapsed < 0.1


def test_an_answer_resets_the_count(httpserver, settings):
    answers = [Response("down", status=500)] * 3 + [Response(PAGE)]
    httpserver.expect_request("/flaky").respond_with_handler(lambda request: answers.pop(0))
    doc, _ = fetch(fetcher_with(settings, breaker_failures=1), httpserver.url_for("/flaky"))
    assert doc.content == PAGE, "a 5xx is an answer: the host is up, the breaker stays closed"


# ---------------------------------------------------------------- the run's budget


def test_once_the_budget_is_spent_nothing_more_is_asked(silent, settings, httpserver):
    fetcher = fetcher_with(settings, budget=0.8, read_timeout=5.0, document_deadline=60.0)
    stalled, elapsed = timed_failure(fetcher, silent.url())
    assert "0.8 s budget" in stalled.reason and elapsed < 1.3

    httpserver.expect_request("/fine").respond_with_data(PAGE)
    later, _ = timed_failure(fetcher, httpserver.url_for("/fine"))
    assert later.reason == "not tried: the run's 0.8 s budget is spent"
    assert len(httpserver.log) == 0
