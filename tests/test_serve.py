"""`mkdocs serve` (and so `briefing serve`) regenerates and reloads when a YAML file changes."""

from __future__ import annotations

import subprocess
import sys

from conftest import Project
from serving import free_port, wait_for


def test_serve_regenerates_when_a_claim_changes(site_project: Project) -> None:
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(site_project.path("mkdocs.yml"))]
    server = subprocess.Popen(command, cwd=site_project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = f"http://127.0.0.1:{port}/actors/volodymyr-zelenskyy.html"
        wait_for(page, "Pyongyang is preparing to send 10,000 troops.", 60)
        site_project.edit("data/claims/zelenskyy-10000.yml", "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")
        wait_for(page, "Pyongyang is getting ready to send 10,000 troops.", 30)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "briefing: 2 claims, 5 actors, 1 figure, 1 source: pages" in output
