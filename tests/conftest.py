"""Shared fixtures: one Prefect test harness per session, a data home per
test, and a local HTTP server (pytest-httpserver on 127.0.0.1) that serves
the bundled sample documents at their real URL paths."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import SAMPLE_RANGE
from werkzeug import Request, Response

from flows.settings import BUNDLED_ARCHIVE, load_settings, prefect_defaults
from warehouse.archive import Archive

prefect_defaults(Path(tempfile.mkdtemp(prefix="evd-tests-")))


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the whole session (starting one is slow)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture
def evd_home(tmp_path, monkeypatch) -> Path:
    """An empty data home, with fast retries so failure tests stay quick."""
    home = tmp_path / "evd"
    monkeypatch.setenv("EVD_HOME", str(home))
    monkeypatch.setenv("EVD_HTTP_BACKOFF_FACTOR", "0.01")
    monkeypatch.setenv("EVD_HTTP_BACKOFF_JITTER", "0")
    monkeypatch.setenv("EVD_HTTP_READ_TIMEOUT", "2")
    monkeypatch.delenv("EVD_SETTINGS", raising=False)
    return home


@pytest.fixture
def settings(evd_home):
    return load_settings(evd_home)


@pytest.fixture(scope="session")
def sample_archive() -> Archive:
    return Archive(BUNDLED_ARCHIVE, read_only=True)


def local_key(url: str) -> str:
    """Where a real URL is served locally: /<host><path>?<query>."""
    parts = urlsplit(url)
    return f"/{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")


class SampleSite:
    """One local server standing in for every real site.

    A document archived from https://host/path?query is served at
    /host/path?query, and each source's base URL is aimed at /host, so
    discovery walks the same links it would walk live. `set` replaces a
    path's response (a broken page, an error status, a sequence of them);
    `hits` counts requests per path.
    """

    def __init__(self, httpserver, archive: Archive):
        self.httpserver = httpserver
        self.archive = archive
        self.overrides: dict[str, list[Response]] = {}
        self.hits: dict[str, int] = {}
        self.documents = {local_key(e.url): e for e in archive.entries()}
        httpserver.expect_request(re.compile(r"^/.*")).respond_with_handler(self.handle)

    def base_url(self, real_base_url: str) -> str:
        return self.httpserver.url_for(local_key(real_base_url).rstrip("/"))

    def url(self, real_url: str) -> str:
        return self.httpserver.url_for(local_key(real_url))

    def set(self, real_url: str, *responses: Response) -> None:
        """Answer this URL with these responses in turn (the last one repeats)."""
        self.overrides[local_key(real_url)] = list(responses)

    def handle(self, request: Request) -> Response:
        key = request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
        self.hits[key] = self.hits.get(key, 0) + 1
        queued = self.overrides.get(key)
        if queued:
            return queued.pop(0) if len(queued) > 1 else queued[0]
        entry = self.documents.get(key)
        if entry is None:
            return Response("not found", status=404)
        return Response(self.archive.read(entry.sha256), status=200, content_type=entry.content_type or "text/html")


@pytest.fixture(scope="session")
def make_httpserver():
    """pytest-httpserver's server, answering each request in a thread of its own as a real site does
    (the pipeline fetches each host side by side)."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="localhost", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def sample_site(httpserver, sample_archive, monkeypatch) -> SampleSite:
    """The bundled documents on 127.0.0.1, with every source's base URL aimed at them."""
    from extractors.registry import SOURCES

    site = SampleSite(httpserver, sample_archive)
    for source in SOURCES.values():
        monkeypatch.setenv(f"EVD_{source.name.upper().replace('-', '_')}_BASE_URL", site.base_url(source.base_url))
    return site


@pytest.fixture(scope="session")
def published_figures():
    """The real published figures the samples were written from (samples/reference/figures.csv)."""
    from samples.writers import Figures

    return Figures()


@pytest.fixture(scope="session")
def sample_backfill(prefect_harness, tmp_path_factory):
    """One offline backfill of every source over the whole sample range, shared
    read-only by the tests that check what it loaded and published."""
    from flows.pipeline import backfill

    home = tmp_path_factory.mktemp("sample-backfill") / "evd"
    state = backfill(start=SAMPLE_RANGE[0], end=SAMPLE_RANGE[1], offline=True, home=str(home), return_state=True)
    return state, load_settings(home)
