"""Helpers for tests that talk to a real ``mkdocs serve`` process over HTTP."""

from __future__ import annotations

import functools
import gzip
import io
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> str | None:
    """The body at ``url``, or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, needle: str, seconds: float) -> str:
    """Poll ``url`` until its body contains ``needle``; return the body, or fail saying what never came."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = get(url)
        if body is not None and needle in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never contained {needle!r} within {seconds:g} s")


# --------------------------------------------------------------------------- a static host that compresses
# What any real host does and Python's http.server does not: text goes out gzip-compressed to a client that
# accepts it, with Vary: Accept-Encoding. Lighthouse's audits run against this (tests/test_lighthouse.py).

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "application/atom+xml", "image/svg+xml")


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (``gzip;q=0`` refuses it; ``*`` allows it unless gzip is refused)."""
    offers: dict[str, float] = {}
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        key, _, value = params.strip().partition("=")
        if key.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                quality = 0.0
        if name.strip():
            offers[name.strip().lower()] = quality
    return offers.get("gzip", offers.get("*", 0.0)) > 0


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves a folder like SimpleHTTPRequestHandler, compressing text with gzip when the client accepts it."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature is the base class's
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        kind = self.guess_type(str(path))
        if not path.is_file() or not kind.startswith(COMPRESSIBLE) or not accepts_gzip(self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind if "charset" in kind or not kind.startswith("text/") else f"{kind}; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def gzip_server(folder: Path) -> Iterator[str]:
    """``folder`` served gzip-compressed on 127.0.0.1 at an ephemeral port; yields "http://127.0.0.1:PORT/"."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="gzip-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
