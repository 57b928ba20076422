"""Every parse is bounded: it runs under a deadline, and whatever it raises
leaves it as a `ParseError` naming the document and what was expected.

The deadline is kept by a watcher thread that, when the time is up, raises
`Overtime` in the parsing thread (`PyThreadState_SetAsyncExc`). Unlike
SIGALRM this works in any thread (a flow's task may run in a worker thread),
and it needs no process per document. The exception arrives at the parser's
next Python instruction; a single call into C (a regular expression over a
long text) finishes first, which is why inputs are also capped where they grow (PDF content streams `extractors.hkex.PDF_CONTENT_CAP`, text
`extractors.formats.plain.TEXT_CAP`).
`Overtime` derives from BaseException so that no parser's `except Exception`
swallows it; one landing in a finalizer, where Python drops exceptions, is
followed by another a moment later (`_AGAIN`).
"""

from __future__ import annotations

import ctypes
import threading
from typing import Callable, TypeVar

from extractors.base import Document, ParseError
from extractors.helpers import positive_setting

PARSE_DEADLINE = 60.0  # seconds one document may take to read; EVD_PARSE_DEADLINE overrides
GUARDED = "; reading it raised "  # what a ParseError made of another exception says before the exception
_SHOWN = 300  # characters of an exception's message kept in the ParseError
_AGAIN = 0.25  # seconds between one Overtime and the next, for a parse that went on after one (see _Watcher)
_WATCHED = threading.local()  # whether this thread's parse already runs under a deadline

T = TypeVar("T")


class Overtime(BaseException):
    """Raised in a parse that ran past its deadline."""


def parse_deadline() -> float:
    """Seconds a document may take to read: EVD_PARSE_DEADLINE, else PARSE_DEADLINE."""
    return positive_setting("EVD_PARSE_DEADLINE", PARSE_DEADLINE, "seconds")


def guarded(doc: Document, expected: str, read: Callable[[], T]) -> T:
    """`read()` under the parse deadline (one per document: a guard inside another shares its deadline);
    whatever it raises leaves as a ParseError naming `doc` and saying what was `expected`."""
    seconds = None if getattr(_WATCHED, "on", False) else parse_deadline()
    try:
        return read() if seconds is None else _within_deadline(doc, seconds, read)
    except ParseError:
        raise
    except Exception as exc:
        message = str(exc) if len(str(exc)) <= _SHOWN else str(exc)[:_SHOWN] + "…"
        raise ParseError(doc, f"expected {expected}{GUARDED}{type(exc).__name__}: {message}") from exc


def _within_deadline(doc: Document, seconds: float, read: Callable[[], T]) -> T:
    watcher = _Watcher(seconds)
    _WATCHED.on = True
    try:
        watcher.start()
        return read()
    except Overtime:
        pass  # no call here: a further Overtime can only land in the stop below, which catches it
    finally:
        while True:  # an Overtime falling due just now may interrupt the stop: it is then retried
            try:
                watcher.stop()
                break
            except Overtime:
                continue
        _WATCHED.on = False
    raise ParseError(doc, f"expected to be read within {seconds:g} s (EVD_PARSE_DEADLINE); still reading when the time was up")


class _Watcher:
    """Raises Overtime in the thread that made it when `seconds` have passed since `start`, then again every
    `_AGAIN` seconds until stopped: one raised while the interpreter runs a finalizer (`__del__`, a weakref callback,
    which the garbage collector may run in the middle of any parse) is printed and dropped, and the parse goes on."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.parsing = threading.get_ident()
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.fired = False

    def start(self) -> None:
        threading.Thread(target=self._watch, name="evd-parse-deadline", daemon=True).start()

    def _watch(self) -> None:
        while not self.done.wait(_AGAIN if self.fired else self.seconds):
            with self.lock:
                if self.done.is_set():
                    return
                self.fired = True
                _raise_in(self.parsing, Overtime)

    def stop(self) -> None:
        """After it returns, no Overtime is pending in the parsing thread (one not yet raised is withdrawn)."""
        with self.lock:
            self.done.set()
            if self.fired:
                _raise_in(self.parsing, None)


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)
