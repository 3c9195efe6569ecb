"""`mkdocs serve` (and so `briefing serve`) regenerates and reloads when a YAML file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from conftest import Project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body is not None and needle in body:
            return True
        time.sleep(0.3)
    return False


def test_serve_regenerates_when_a_claim_changes(site_project: Project) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(site_project.path("mkdocs.yml"))]
    server = subprocess.Popen(command, cwd=site_project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = f"http://127.0.0.1:{port}/actors/volodymyr-zelenskyy.html"
        assert _wait_for(page, "Pyongyang is preparing to send 10,000 troops.", 60), "the server never served the generated actor page"
        site_project.edit("data/claims/zelenskyy-10000.yml", "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")
        assert _wait_for(page, "Pyongyang is getting ready to send 10,000 troops.", 30), "the edit to the YAML did not reach the served page"
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "briefing: 2 claims, 5 actors, 1 figure, 1 source: pages" in output
