"""`mkdocs serve` (and so `briefing serve`) regenerates and reloads when a YAML file changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Project
from serving import free_port, wait_for


@pytest.mark.parametrize("poll", ["", "1"], ids=["notified", "polling"])
def test_serve_regenerates_when_a_claim_changes(site_project: Project, poll: str) -> None:
    """With the system's file notifications, and with BRIEFING_POLL=1 (polling, for shared folders)."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(site_project.path("mkdocs.yml"))]
    env = {**os.environ, "BRIEFING_POLL": poll}
    server = subprocess.Popen(command, cwd=site_project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        page = f"http://127.0.0.1:{port}/actors/volodymyr-zelenskyy.html"
        wait_for(page, "Pyongyang is preparing to send 10,000 troops.", 60)
        site_project.edit("data/claims/zelenskyy-10000.yml", "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")
        wait_for(page, "Pyongyang is getting ready to send 10,000 troops.", 30)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "briefing: 2 claims, 5 actors, 1 figure, 1 source: pages" in output


def test_the_preview_watch_names_changed_data_files_and_ignores_the_generators_own_writes(tmp_path: Path) -> None:
    from watchdog.events import DirCreatedEvent, FileClosedNoWriteEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileOpenedEvent

    from generator.files import atomic_write
    from generator.live import Watch

    data, docs = tmp_path / "data", tmp_path / "briefings"
    (data / "claims").mkdir(parents=True)
    (docs / "actors").mkdir(parents=True)
    watch = Watch(data, docs)
    passed: list[object] = []

    class Rebuild:
        def dispatch(self, event: object) -> None:
            passed.append(event)

    claim = data / "claims" / "a.yml"
    watch.forward(Rebuild(), FileModifiedEvent(str(claim)))
    assert watch.take() is None, "before the watcher runs, changes are not known: every file is checked"
    watch.started()
    watch.forward(Rebuild(), FileModifiedEvent(str(claim)))
    assert watch.take() is None, "the first regeneration after the watcher starts still checks every file"
    watch.forward(Rebuild(), FileModifiedEvent(str(claim)))
    watch.forward(Rebuild(), FileOpenedEvent(str(data / "claims" / "b.yml")))
    assert watch.take() == frozenset({claim})
    assert len(passed) == 3, "each change to data/ rebuilds; reading a file does not"
    assert watch.take() == frozenset()
    watch.forward(Rebuild(), DirCreatedEvent(str(data / "claims" / "new")))
    assert watch.take() is None, "a folder created in data/ means listing everything again"

    # The generator writes a page while its events are held; they are its own, so they set off no second build.
    page = docs / "actors" / "x.md"
    passed.clear()
    watch.generating()
    atomic_write(page, b"page")
    watch.forward(Rebuild(), FileCreatedEvent(str(docs / "actors" / ".tmp-1.md")))
    watch.forward(Rebuild(), FileMovedEvent(str(docs / "actors" / ".tmp-1.md"), str(page)))
    watch.wrote(["actors/x.md"], [])
    assert passed == []
    watch.forward(Rebuild(), FileClosedNoWriteEvent(str(page)))
    assert passed == []
    # Someone else edits that page: it rebuilds.
    page.write_bytes(b"edited by hand")
    watch.forward(Rebuild(), FileModifiedEvent(str(page)))
    assert len(passed) == 1
