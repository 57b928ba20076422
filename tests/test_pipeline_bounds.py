"""What a broken site costs a run (issue 11), end to end: real Prefect runs
against the sample site on 127.0.0.1. A list that stops listing fails its
month by name; a failing list hides none of its source's other lists; a
redirect off the source's host is refused; a host that stops
answering fails fast after the breaker's threshold; the run's budget ends the
fetching, and what loaded before it is still published."""

from __future__ import annotations

import threading
import time

import pytest
from support import rows
from werkzeug import Response

from extractors.registry import get_source
from flows.pipeline import backfill
from flows.settings import load_settings
from warehouse.archive import Archive

pytestmark = [pytest.mark.usefixtures("prefect_harness"), pytest.mark.slow]

SECTION_PAGE = "https://www.cpcaauto.com/news.php?types=csjd&anid={}&page={}"
MONTHLY, WEEKLY, NEV = 129, 128, 126


def loaded_kinds(settings, period: str) -> list[str]:
    return [kind for (kind,) in rows(settings.warehouse_path, "SELECT kind FROM documents WHERE period = ? AND kind <> 'list' ORDER BY kind", [period])]


def cpca(month: str, home, last: str | None = None):
    return backfill(start=month, end=last or month, sources=["cpca"], home=str(home), return_state=True)


def test_a_later_list_page_that_lists_nothing_fails_the_month_by_name(sample_site, evd_home, settings):
    page = SECTION_PAGE.format(MONTHLY, 2)  # 2025-02's monthly analysis is listed on page 2
    sample_site.set(page, Response(b"", status=200, content_type="text/html; charset=utf-8"))
    state = cpca("2025-02", evd_home)
    assert state.is_failed()
    assert f"FAILED discover cpca 2025-02 {sample_site.url(page)}" in state.message
    assert "list page 2" in state.message and "found none" in state.message
    ((url, message),) = rows(settings.warehouse_path, "SELECT url, message FROM fetch_errors WHERE period = '2025-02'")
    assert url == sample_site.url(page) and "list page 2" in message
    assert loaded_kinds(settings, "2025-02") == ["nev_maker_flash"], "the NEV section's flash of the month still loads"
    assert rows(settings.warehouse_path, "SELECT status FROM runs") == [("failed",)]


def test_a_failing_list_section_hides_none_of_the_others(sample_site, evd_home, settings):
    page = SECTION_PAGE.format(MONTHLY, 1)
    sample_site.set(page, Response("down", status=500))
    state = cpca("2025-11", evd_home)
    assert state.is_failed()
    assert f"FAILED discover cpca 2025-11 {sample_site.url(page)}" in state.message
    assert loaded_kinds(settings, "2025-11") == ["month_end_scan", "nev_maker_flash"], "the weekly and NEV sections still load"
    assert rows(settings.warehouse_path, "SELECT count(*) FROM fetch_errors") == [(1,)]


def test_a_redirect_off_the_sources_host_is_refused_naming_both_urls(sample_site, evd_home, settings, sample_archive):
    (entry,) = sample_archive.find(source="cpca", period="2025-12", kind="monthly_analysis")
    elsewhere = sample_site.url(entry.url).replace("localhost", "127.0.0.1")  # the same bytes, served under another host name
    sample_site.set(entry.url, Response(status=302, headers={"Location": elsewhere}))
    state = cpca("2025-12", evd_home)
    assert state.is_failed()
    assert f"FAILED fetch cpca 2025-12 {sample_site.url(entry.url)}: redirected to {elsewhere}" in state.message
    assert loaded_kinds(settings, "2025-12") == ["ranking_flash"]
    assert not [e for e in Archive(settings.raw_dir).entries() if e.kind == "monthly_analysis"], "nothing archived for it"
    assert rows(settings.warehouse_path, "SELECT http_status FROM fetch_errors") == [(302,)]


TIMELINE_PAGE = "https://weibo.com/ajax/statuses/mymblog?uid=7731826016&page={}&feature=0"


def test_weibos_end_of_timeline_ends_the_list_and_an_error_answer_there_fails_it(sample_site, evd_home, settings):
    """A month older than every post walks Xiaomi's whole timeline: page 4, Weibo's `ok` answer with an
    empty list, is its end (the month has no post: nothing discovered, no list failed). The same page
    answered as a logged-out error is no end: the month fails naming it."""
    state = backfill(start="2023-01", end="2023-01", sources=["xiaomi"], home=str(evd_home), return_state=True)
    assert "FAILED discover" not in state.message and "no document was discovered for 2023-01" in state.message
    last = TIMELINE_PAGE.format(4)
    sample_site.set(last, Response(b'{"ok": -100, "url": "https://passport.weibo.com/"}', content_type="application/json"))
    state = backfill(start="2023-01", end="2023-01", sources=["xiaomi"], home=str(evd_home), return_state=True)
    assert f"FAILED discover xiaomi 2023-01 {sample_site.url(last)}" in state.message and "a logged-out answer" in state.message


class Hanging:
    """A body that arrives only after `delay` seconds (or `release`), each time it is served; counts the times."""

    def __init__(self, delay: float):
        self.delay, self.served, self.released = delay, 0, threading.Event()

    def __iter__(self):
        self.served += 1
        self.released.wait(self.delay)
        yield b"late"

    def release(self):
        self.released.set()


def test_a_host_that_stops_answering_fails_fast_after_the_threshold(sample_site, evd_home, sample_archive, monkeypatch):
    """The lists answer, then every detail page stalls past the read timeout: two unanswered
    attempts open the host's breaker, and every later fetch on it, the next month's lists too,
    fails at once, named."""
    monkeypatch.setenv("EVD_HTTP_READ_TIMEOUT", "0.3")
    monkeypatch.setenv("EVD_HTTP_BREAKER_FAILURES", "2")
    body = Hanging(0.5)
    details = [e for e in sample_archive.find(source="cpca") if e.kind != "list" and e.period in ("2025-11", "2025-12")]
    for entry in details:
        sample_site.set(entry.url, Response(body, content_type="text/html"))
    started = time.monotonic()
    state = cpca("2025-11", evd_home, last="2025-12")
    assert time.monotonic() - started < 20
    assert state.is_failed()
    assert body.served == 2, "two unanswered attempts, then no request more to the host"
    settings = load_settings(evd_home)
    fast = rows(settings.warehouse_path, "SELECT period, count(*) FROM fetch_errors WHERE message LIKE '%circuit is open%' GROUP BY ALL ORDER BY ALL")
    assert fast == [("2025-11", 4), ("2025-12", 3)], "the month's four documents (the first after its two attempts), the next month's three lists"
    assert "2 attempts in a row unanswered" in state.message


def test_the_runs_budget_ends_the_fetching_and_what_loaded_is_published(sample_site, evd_home, sample_archive, monkeypatch):
    """2025-11 loads; 2025-12's first list page stalls until the run's budget is spent (long
    before the read timeout); every fetch after fails at once naming the budget; 2025-11 is published."""
    monkeypatch.setenv("EVD_RUN_BUDGET_PER_MONTH", "4")  # 8 s for the two months
    monkeypatch.setenv("EVD_HTTP_READ_TIMEOUT", "120")
    first_list = SECTION_PAGE.format(MONTHLY, 1)
    stall = Hanging(120)
    sample_site.set(first_list, sample_site_response(sample_archive, first_list), Response(stall, content_type="text/html"))
    started = time.monotonic()
    try:
        state = cpca("2025-11", evd_home, last="2025-12")
    finally:
        stall.release()
    assert time.monotonic() - started < 60
    assert state.is_failed()
    settings = load_settings(evd_home)
    assert loaded_kinds(settings, "2025-11") == ["month_end_scan", "monthly_analysis", "nev_maker_flash", "ranking_flash"]
    spent = rows(settings.warehouse_path, "SELECT period, url, message FROM fetch_errors ORDER BY occurred_at")
    assert [period for period, _, _ in spent] == ["2025-12"] * 3, "each of 2025-12's lists, recorded: the month shows failed, not missing"
    (_, url, message), *others = spent
    assert url == sample_site.url(first_list) and "timed out" in message and "the run's 8 s budget leaves no time" in message
    assert all(message == "not tried: the run's 8 s budget is spent" for _, _, message in others)
    published = rows(settings.published_path, "SELECT count(*) > 0 FROM monthly_deliveries WHERE month = '2025-11'")
    assert published == [(True,)]


class Signalling:
    """A body that, each time it is served, first says so (`asked`)."""

    def __init__(self, content: bytes, asked: threading.Event):
        self.content, self.asked = content, asked

    def __iter__(self):
        self.asked.set()
        yield self.content


class Awaiting:
    """A body that arrives once `asked` is set, or after `delay` seconds; records which it was."""

    def __init__(self, content: bytes, asked: threading.Event, delay: float):
        self.content, self.asked, self.delay, self.answered_early = content, asked, delay, []

    def __iter__(self):
        self.answered_early.append(self.asked.wait(self.delay))
        yield self.content


def test_a_stalled_host_holds_up_only_its_own_documents(sample_site, evd_home, settings, sample_archive, monkeypatch):
    """Live, each host's sources are fetched in a thread of their own. CPCA's first list page answers only
    once NIO's site (another host name for the same server) has been asked: fetched in turn, CPCA would wait
    out the delay first; side by side, NIO is asked meanwhile and both months load, whole."""
    nio_base = sample_site.base_url(get_source("nio").base_url).replace("localhost", "127.0.0.1")
    monkeypatch.setenv("EVD_NIO_BASE_URL", nio_base)
    monkeypatch.setenv("EVD_HTTP_READ_TIMEOUT", "30")
    asked = threading.Event()
    for entry in [e for e in sample_archive.entries() if e.source == "nio" and e.kind == "list"]:
        sample_site.set(entry.url, Response(Signalling(sample_archive.read(entry.sha256), asked), content_type=entry.content_type))
    first_list = SECTION_PAGE.format(MONTHLY, 1)
    stalled = Awaiting(sample_archive.read(next(e for e in sample_archive.entries() if e.url == first_list).sha256), asked, delay=15)
    sample_site.set(first_list, Response(stalled, content_type="text/html; charset=utf-8"))
    state = backfill(start="2025-12", end="2025-12", sources=["cpca", "nio"], home=str(evd_home), return_state=True)
    assert state.is_completed(), state.message
    assert stalled.answered_early == [True], "NIO was asked while CPCA's list page was still coming"
    loaded = rows(settings.warehouse_path, "SELECT DISTINCT source FROM documents WHERE period = '2025-12' AND kind <> 'list' ORDER BY 1")
    assert loaded == [("cpca",), ("nio",)]


def sample_site_response(sample_archive, url: str) -> Response:
    (entry,) = [e for e in sample_archive.entries() if e.url == url]
    return Response(sample_archive.read(entry.sha256), content_type=entry.content_type)
