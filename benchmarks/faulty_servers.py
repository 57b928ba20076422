"""Servers on 127.0.0.1 that misbehave the ways real sites do, for the stalled-sources
benchmark and the fetch tests (`tests/test_fetch_bounds.py`): one that refuses, one
that accepts and never answers, one that answers 503 with a Retry-After, one that
drips its body."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def refused_port() -> int:
    """A port nothing listens on."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]


class Silent:
    """Accepts connections and never reads or writes (keeps them, to count)."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.sock.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.accepted.append(self.sock.accept()[0])
            except OSError:
                return

    def url(self, path: str = "/doc") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self):
        for conn in self.accepted:
            conn.close()
        self.sock.close()


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass


def unavailable(retry_after: str) -> type[BaseHTTPRequestHandler]:
    """Answers every GET 503 with this Retry-After."""

    class Unavailable(_Quiet):
        def do_GET(self):
            self.send_response(503)
            self.send_header("Retry-After", retry_after)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Unavailable


def drip(interval: float, length: int) -> type[BaseHTTPRequestHandler]:
    """Answers 200 declaring `length` bytes, then sends them one every `interval` seconds."""

    class Drip(_Quiet):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(length))
            self.end_headers()
            try:
                for _ in range(length):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(interval)
            except OSError:  # the client gave up
                pass

    return Drip


def serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """The handler served on a free port, each request in a thread of its own (until `shutdown`)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
