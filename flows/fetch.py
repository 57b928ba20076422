"""Fetching: the same limits for every source (a session per thread), and an archive behind it.

This is the pipeline's only retry layer: urllib3 does not retry and Prefect
does not re-run a fetch, so the limits below hold for every document.

- A document gets `retries + 1` attempts after a connection failure, a
  timeout, 429 or 5xx, with jittered exponential backoff between them, or the
  wait the server's Retry-After asks for, up to `retry_after_max`; a longer
  Retry-After fails the document at once.
- Every attempt, wait and byte of one document fits in its deadline
  (`document_deadline`) and in the run's budget: timeouts are cut to the time
  left, the body is read as it arrives, so a stalled or dripping server costs
  one deadline, never more.
- Redirects are followed by hand, at most `MAX_REDIRECTS`, and only on the
  host asked for (or from http to https on it); anything else is a fetch
  error naming both URLs. The body is archived under the URL it was read
  from, on the source's own host.
- A host that leaves `breaker_failures` attempts in a row unanswered
  (refused, reset, timed out, a body that stopped or was still arriving at
  the deadline; a status or a whole body is an answer) has its circuit opened:
  its remaining fetches in the run fail at once, each saying why.

The body-size cap and encoding detection apply to every response, and every
body fetched is archived before anyone parses it.
"""

from __future__ import annotations

import email.utils
import itertools
import math
import random
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from extractors.base import Document
from extractors.encoding import detect_encoding
from flows.settings import HttpSettings
from warehouse.archive import Archive, ManifestEntry

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class FetchError(Exception):
    """A document could not be fetched; names the url and what went wrong."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        self.url, self.reason, self.status = url, reason, status
        super().__init__(f"fetch {url}: {reason}")


class TryAgain(FetchError):
    """A failure another attempt may cure, with the wait the server asked for (Retry-After), if any."""

    def __init__(self, url: str, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(url, reason, status)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Deadline:
    """When one document's fetch must be over, and the limit that says so."""

    at: float  # time.monotonic()
    limit: str

    def left(self) -> float:
        return self.at - time.monotonic()


class Breaker:
    """Per host: after `threshold` attempts in a row it left unanswered, its circuit opens for the rest of the run."""

    def __init__(self, threshold: int):
        self.threshold = threshold
        self.unanswered: dict[str, tuple[int, str]] = {}  # host -> (attempts in a row, the last one's reason)
        self._lock = threading.Lock()  # hosts are fetched side by side

    def check(self, url: str) -> None:
        host = urlsplit(url).netloc
        count, last = self.unanswered.get(host, (0, ""))
        if count >= self.threshold:
            raise FetchError(url, f"{host} left {count} attempts in a row unanswered (the last: {last}); its circuit is open, no more requests to it in this run")

    def answered(self, url: str) -> None:
        self.unanswered.pop(urlsplit(url).netloc, None)

    def failed(self, url: str, reason: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            self.unanswered[host] = (self.unanswered.get(host, (0, ""))[0] + 1, reason)


def make_session(http: HttpSettings) -> requests.Session:
    session = requests.Session()  # its adapters do not retry: `Fetcher` does
    session.headers.update(
        {
            "User-Agent": http.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8",
            "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8",
        }
    )
    return session


class Fetcher:
    """Fetches a url within the limits, archives the body, returns the document.

    `budget`: seconds from now after which no further request is made (None: no limit).
    """

    def __init__(self, http: HttpSettings, archive: Archive, budget: float | None = None):
        self.http = http
        self.archive = archive
        self._local = threading.local()  # a session per thread: the pipeline fetches each host in a thread of its own
        self.budget = budget
        self.run_ends = math.inf if budget is None else time.monotonic() + budget
        self.breaker = Breaker(http.breaker_failures)

    @property
    def session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = make_session(self.http)
        return self._local.session

    def fetch_document(
        self, url: str, *, source: str, kind: str, period: str, referer: str = "", title: str = ""
    ) -> tuple[Document, ManifestEntry]:
        parts = urlsplit(url)
        headers = {"Referer": referer or f"{parts.scheme}://{parts.netloc}/"}
        final_url, response, body = self._fetch(url, headers)
        content_type = response.headers.get("Content-Type", "")
        try:
            encoding = None if _is_binary(content_type, body) else detect_encoding(body, content_type)
        except UnicodeDecodeError:
            encoding = None  # archived anyway; the parser reports what it could not read
        entry = self.archive.put(
            body,
            url=final_url,
            source=source,
            kind=kind,
            period=period,
            http_status=response.status_code,
            content_type=content_type,
            encoding=encoding,
            title=title,
        )
        return self.archive.document(entry), entry

    def _deadline(self) -> Deadline:
        own = time.monotonic() + self.http.document_deadline
        if own <= self.run_ends:
            return Deadline(own, f"the document's {self.http.document_deadline:g} s deadline")
        return Deadline(self.run_ends, f"the run's {self.budget:g} s budget")

    def _fetch(self, url: str, headers: dict) -> tuple[str, requests.Response, bytes]:
        """The url the body was read from, the response and its body; the one retry loop."""
        deadline = self._deadline()
        for attempts in itertools.count(1):
            try:
                return self._attempt(url, headers, deadline)
            except TryAgain as failure:
                self.breaker.check(failure.url)  # this failure opened it: no wait, no further attempt
                wait = failure.retry_after if failure.retry_after is not None else self._backoff(attempts)
                if attempts > self.http.retries:
                    raise FetchError(url, f"{failure.reason} (gave up after {attempts} attempts)", failure.status) from failure
                if wait >= deadline.left():
                    raise FetchError(url, f"{failure.reason} ({attempts} attempt(s); {deadline.limit} leaves no time for another)", failure.status) from failure
            time.sleep(wait)

    def _backoff(self, attempts: int) -> float:
        return min(self.http.backoff_max, self.http.backoff_factor * 2 ** (attempts - 1)) + random.uniform(0, self.http.backoff_jitter)

    def _attempt(self, url: str, headers: dict, deadline: Deadline) -> tuple[str, requests.Response, bytes]:
        """One try: the request, its redirects on the same host, then the body."""
        asked = url
        for _ in range(MAX_REDIRECTS + 1):
            response = self._request(url, headers, deadline)
            if response.status_code not in REDIRECT_STATUSES:
                return url, response, self._body(response, url, deadline)
            response.close()
            location = response.headers.get("Location")
            if not location:
                raise FetchError(asked, f"HTTP {response.status_code} redirect without a Location", response.status_code)
            target = urljoin(url, location)
            if not _same_host(asked, target):
                raise FetchError(
                    asked,
                    f"redirected to {target}, off {urlsplit(asked).netloc}: not followed (redirects are followed only on the "
                    "source's own host; if the site has moved, set its base URL)",
                    response.status_code,
                )
            url = target
        raise FetchError(asked, f"more than {MAX_REDIRECTS} redirects (the last to {url})")

    def _request(self, url: str, headers: dict, deadline: Deadline) -> requests.Response:
        """One request within the deadline: a 200 or a redirect, else a FetchError (TryAgain when another try may help)."""
        left = deadline.left()
        if left <= 0:
            raise FetchError(url, f"not tried: {deadline.limit} is spent")
        self.breaker.check(url)
        connect, read = min(self.http.connect_timeout, left), min(self.http.read_timeout, left)
        try:
            response = self.session.get(url, headers=headers, timeout=(connect, read), stream=True, allow_redirects=False)
        except requests.exceptions.Timeout as exc:
            raise self._unanswered(url, f"timed out (connect {connect:.3g} s, read {read:.3g} s)") from exc
        except requests.exceptions.ConnectionError as exc:
            raise self._unanswered(url, f"connection failed: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise FetchError(url, f"request failed: {exc}") from exc
        status = response.status_code
        if status == 200:
            return response  # answered once its body has arrived (`_body`)
        self.breaker.answered(url)
        if status in REDIRECT_STATUSES:
            return response
        response.close()
        if status in RETRY_STATUSES:
            retry_after = _retry_after(response)
            if retry_after is not None and retry_after > self.http.retry_after_max:
                raise FetchError(url, f"HTTP {status}, asked to retry after {retry_after:.0f} s: longer than the {self.http.retry_after_max:g} s waited (retry_after_max)", status)
            raise TryAgain(url, f"HTTP {status}", status, retry_after)
        hint = " (blocked: the site wants a browser User-Agent and Referer)" if status == 403 else ""
        raise FetchError(url, f"HTTP {status}{hint}", status)

    def _body(self, response: requests.Response, url: str, deadline: Deadline) -> bytes:
        """The body as it arrives, within the byte cap and the deadline."""
        declared = response.headers.get("Content-Length")
        with response:
            if declared and declared.isdigit() and int(declared) > self.http.max_bytes:
                raise FetchError(url, f"body of {declared} bytes is over the {self.http.max_bytes}-byte cap", response.status_code)
            chunks, size = [], 0
            try:
                while chunk := response.raw.read1(CHUNK, decode_content=True):
                    size += len(chunk)
                    if size > self.http.max_bytes:
                        raise FetchError(url, f"body is over the {self.http.max_bytes}-byte cap", response.status_code)
                    if deadline.left() <= 0:
                        raise self._unanswered(url, f"body still arriving at the end of {deadline.limit} ({size} bytes read)", response.status_code)
                    chunks.append(chunk)
            except urllib3.exceptions.HTTPError as exc:  # timed out, cut off, undecodable
                raise self._unanswered(url, f"body could not be read: {exc}", response.status_code) from exc
        self.breaker.answered(url)
        return b"".join(chunks)

    def _unanswered(self, url: str, reason: str, status: int | None = None) -> TryAgain:
        """An attempt the host did not answer in full: its breaker counts it, and another attempt may help."""
        self.breaker.failed(url, reason)
        return TryAgain(url, reason, status)


def _retry_after(response: requests.Response) -> float | None:
    """The seconds a 429 or 5xx asks to wait (a number, or an HTTP date); None when it does not say."""
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    parsed = email.utils.parsedate_tz(value) if value else None
    return max(0.0, email.utils.mktime_tz(parsed) - time.time()) if parsed else None


def _same_host(asked: str, target: str) -> bool:
    """A redirect stays on the host asked for: the same scheme and port, or from http to https."""
    a, t = urlsplit(asked), urlsplit(target)
    return a.hostname == t.hostname and ((a.scheme, a.port) == (t.scheme, t.port) or (a.scheme, t.scheme) == ("http", "https"))


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
