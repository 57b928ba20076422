"""Fetching: one HTTP session for every source, and an archive behind it.

Retries (with jittered exponential backoff, honouring Retry-After) are
urllib3's `Retry`; timeouts, the body-size cap and encoding detection are
applied to every response. Every body fetched is archived before anyone
parses it.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from extractors.base import Document
from extractors.encoding import detect_encoding
from flows.settings import HttpSettings
from warehouse.archive import Archive, ManifestEntry

RETRY_STATUSES = (429, 500, 502, 503, 504)


class FetchError(Exception):
    """A document could not be fetched; names the url and what went wrong."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        self.url, self.reason, self.status = url, reason, status
        super().__init__(f"fetch {url}: {reason}")


def make_session(http: HttpSettings) -> requests.Session:
    retry = Retry(
        total=http.retries,
        connect=http.retries,
        read=http.retries,
        status=http.retries,
        other=0,
        allowed_methods=frozenset({"GET", "HEAD"}),
        status_forcelist=RETRY_STATUSES,
        backoff_factor=http.backoff_factor,
        backoff_max=http.backoff_max,
        backoff_jitter=http.backoff_jitter,
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update(
        {
            "User-Agent": http.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
        }
    )
    return session


class Fetcher:
    """Fetches a url, enforces the limits, archives the body, returns the document."""

    def __init__(self, http: HttpSettings, archive: Archive):
        self.http = http
        self.archive = archive
        self.session = make_session(http)

    def _read_capped(self, response: requests.Response, url: str) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.http.max_bytes:
            raise FetchError(url, f"body of {declared} bytes is over the {self.http.max_bytes}-byte cap", response.status_code)
        chunks, size = [], 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > self.http.max_bytes:
                raise FetchError(url, f"body is over the {self.http.max_bytes}-byte cap", response.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    def fetch_document(
        self, url: str, *, source: str, kind: str, period: str, referer: str = "", title: str = ""
    ) -> tuple[Document, ManifestEntry]:
        parts = urlsplit(url)
        headers = {"Referer": referer or f"{parts.scheme}://{parts.netloc}/"}
        try:
            response = self.session.get(
                url, headers=headers, timeout=(self.http.connect_timeout, self.http.read_timeout), stream=True
            )
        except requests.exceptions.RetryError as exc:
            raise FetchError(url, f"gave up after {self.http.retries} retries: {exc}") from exc
        except requests.exceptions.Timeout as exc:
            raise FetchError(url, f"timed out (connect {self.http.connect_timeout}s, read {self.http.read_timeout}s)") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(url, f"connection failed: {exc}") from exc
        with response:
            if response.status_code != 200:
                hint = " (blocked: the site wants a browser User-Agent and Referer)" if response.status_code == 403 else ""
                raise FetchError(url, f"HTTP {response.status_code}{hint}", response.status_code)
            try:
                body = self._read_capped(response, url)
            except requests.exceptions.RequestException as exc:
                raise FetchError(url, f"body could not be read: {exc}", response.status_code) from exc
        content_type = response.headers.get("Content-Type", "")
        try:
            encoding = None if _is_binary(content_type, body) else detect_encoding(body, content_type)
        except UnicodeDecodeError:
            encoding = None  # archived anyway; the parser reports what it could not read
        entry = self.archive.put(
            body,
            url=url,
            source=source,
            kind=kind,
            period=period,
            http_status=response.status_code,
            content_type=content_type,
            encoding=encoding,
            title=title,
        )
        return self.archive.document(entry), entry


def _is_binary(content_type: str, body: bytes) -> bool:
    return body.startswith(b"%PDF") or content_type.split(";")[0].strip() in ("application/pdf", "image/jpeg", "image/png")


class ArchivingWeb:
    """The `Web` a source's discovery sees: its base URL and an archiving get."""

    def __init__(self, fetcher: Fetcher, source: str, base_url: str):
        self.fetcher, self.source, self.base_url = fetcher, source, base_url.rstrip("/")

    def url(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)

    def get(self, url: str, kind: str, period: str = "") -> Document:
        document, _ = self.fetcher.fetch_document(
            self.url(url), source=self.source, kind=kind, period=period, referer=self.base_url + "/"
        )
        return document
