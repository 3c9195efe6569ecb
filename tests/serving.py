"""Helpers for tests that talk to a real ``mkdocs serve`` process over HTTP."""

from __future__ import annotations

import socket
import time
import urllib.request


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
