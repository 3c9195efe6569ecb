"""`mkdocs serve` (and so `briefing serve`) regenerates and reloads when a YAML file changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Project
from serving import free_port, wait_for

from generator.project import GENERATED_DIRS


@pytest.mark.parametrize("poll", ["", "1"], ids=["notified", "polling"])
def test_serve_regenerates_when_a_claim_changes(site_project: Project, poll: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the system's file notifications, and with BRIEFING_POLL=1 (polling, for shared folders). A generated page
    edited by hand is written again, a theme template edited shows, and after the saves the pages are those a full
    generate writes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1730000000")
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(site_project.path("mkdocs.yml"))]
    env = {**os.environ, "BRIEFING_POLL": poll}
    server = subprocess.Popen(command, cwd=site_project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        page = f"http://127.0.0.1:{port}/actors/volodymyr-zelenskyy.html"
        wait_for(page, "Pyongyang is preparing to send 10,000 troops.", 60)
        site_project.edit("data/claims/zelenskyy-10000.yml", "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")
        wait_for(page, "Pyongyang is getting ready to send 10,000 troops.", 30)
        # A page that shows nothing the saves change, edited by hand: the watcher reports it, and it is written again.
        russia = site_project.path("briefings/actors/russia.md")
        generated = russia.read_text(encoding="utf-8")
        russia.write_text("edited by hand\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while russia.read_text(encoding="utf-8") != generated and time.monotonic() < deadline:
            time.sleep(0.1)
        assert russia.read_text(encoding="utf-8") == generated
        site_project.edit("data/claims/zelenskyy-10000.yml", "getting ready", "making ready")
        wait_for(page, "Pyongyang is making ready to send 10,000 troops.", 30)
        # The theme's templates are kept compiled between builds, and compiled again when one changed (the next
        # save builds with it: the theme is not watched).
        site_project.edit("overrides/main.html", "{% block extrahead %}", '{% block extrahead %}<meta name="edited-theme" content="yes">')
        site_project.edit("data/claims/zelenskyy-10000.yml", "making ready", "getting ready")
        wait_for(page, "Pyongyang is getting ready to send 10,000 troops.", 30)
        assert '<meta name="edited-theme" content="yes">' in wait_for(page, "getting ready", 5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "briefing: 2 claims, 5 actors, 1 figure, 1 source: pages" in output
    served = {p.relative_to(site_project.root).as_posix(): p.read_bytes() for p in sorted(site_project.path("briefings").rglob("*")) if p.is_file()}
    cold = Project(tmp_path / "cold")
    shutil.copytree(site_project.root, cold.root, ignore=shutil.ignore_patterns("site", "briefings"))
    shutil.copytree(site_project.path("briefings"), cold.path("briefings"), ignore=lambda folder, names: [n for n in names if n in GENERATED_DIRS])
    assert cold.run("generate").exit_code == 0
    assert {p.relative_to(cold.root).as_posix(): p.read_bytes() for p in sorted(cold.path("briefings").rglob("*")) if p.is_file()} == served


class _Recorder:
    """Stands in for MkDocs' rebuild handler: keeps each event the watch passes on."""

    def __init__(self, passed: list[object]) -> None:
        self.passed = passed

    def dispatch(self, event: object) -> None:
        self.passed.append(event)


def test_the_preview_watch_names_changed_data_files_and_ignores_the_generators_own_writes(tmp_path: Path) -> None:
    from watchdog.events import DirCreatedEvent, FileClosedNoWriteEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileOpenedEvent

    from generator.files import atomic_write
    from generator.live import Watch

    data, docs = tmp_path / "data", tmp_path / "briefings"
    (data / "claims").mkdir(parents=True)
    (docs / "actors").mkdir(parents=True)
    watch = Watch(data, docs)
    passed: list[object] = []
    rebuild = _Recorder(passed)

    claim = data / "claims" / "a.yml"
    watch.forward(rebuild, FileModifiedEvent(str(claim)))
    assert watch.take() is None, "before the watcher runs, changes are not known: every file is checked"
    watch.started()
    watch.forward(rebuild, FileModifiedEvent(str(claim)))
    assert watch.take() is None, "the first regeneration after the watcher starts still checks every file"
    watch.forward(rebuild, FileModifiedEvent(str(claim)))
    watch.forward(rebuild, FileOpenedEvent(str(data / "claims" / "b.yml")))
    assert watch.take() == frozenset({claim})
    assert len(passed) == 3, "each change to data/ rebuilds; reading a file does not"
    assert watch.take() == frozenset()
    watch.forward(rebuild, DirCreatedEvent(str(data / "claims" / "new")))
    assert watch.take() is None, "a folder created in data/ means listing everything again"

    # The generator writes a page while its events are held; they are its own, so they set off no second build.
    page = docs / "actors" / "x.md"
    passed.clear()
    watch.generating()
    atomic_write(page, b"page")
    watch.forward(rebuild, FileCreatedEvent(str(docs / "actors" / ".tmp-1.md")))
    watch.forward(rebuild, FileMovedEvent(str(docs / "actors" / ".tmp-1.md"), str(page)))
    watch.wrote(["actors/x.md"], [])
    assert passed == []
    watch.forward(rebuild, FileClosedNoWriteEvent(str(page)))
    assert passed == []
    # Someone else edits that page: it rebuilds.
    page.write_bytes(b"edited by hand")
    watch.forward(rebuild, FileModifiedEvent(str(page)))
    assert len(passed) == 1


def test_the_preview_watch_vouches_for_the_docs_folder_only_while_it_saw_every_change(tmp_path: Path) -> None:
    """The pages nobody else touched since the generator's last write are trusted unseen; the watch names the others,
    and says it does not know when it was not running, a folder was created or moved, events were lost, or a run failed."""
    from watchdog.events import DirCreatedEvent, DirModifiedEvent, FileClosedEvent, FileDeletedEvent, FileModifiedEvent

    from generator.live import Watch

    data, docs = tmp_path / "data", tmp_path / "briefings"
    (docs / "actors").mkdir(parents=True)
    watch = Watch(data, docs)
    passed: list[object] = []
    rebuild = _Recorder(passed)

    page, other = docs / "actors" / "x.md", docs / "actors" / "y.md"
    assert watch.generating() is None, "before the watcher runs, nothing is vouched for"
    watch.wrote([], [])
    watch.started()
    assert watch.generating() is None, "the last write happened before the watcher ran"
    watch.wrote([], [])
    assert watch.generating() == frozenset(), "nobody touched the docs folder since the generator's last write"
    watch.wrote([], [])
    page.write_bytes(b"edited by hand")
    for event in (FileModifiedEvent(str(page)), FileClosedEvent(str(page)), DirModifiedEvent(str(docs / "actors")), FileDeletedEvent(str(other))):
        watch.forward(rebuild, event)
    assert watch.generating() == frozenset({"actors/x.md", "actors/y.md", "actors"})
    # An edit while the generator runs is held, then found not to be its own: named for the next run.
    page.write_bytes(b"edited by hand again")
    watch.forward(rebuild, FileModifiedEvent(str(page)))
    watch.wrote([], [])
    assert watch.generating() == frozenset({"actors/x.md"})
    watch.wrote([], [])
    watch.forward(rebuild, DirCreatedEvent(str(docs / "figures")))
    assert watch.generating() is None, "a folder created (or moved in) brings files whose own events may not come"
    watch.wrote([], [])
    watch.lost()
    assert watch.generating() is None, "events were lost"
    watch.wrote([], [], done=False)
    assert watch.generating() is None, "the last run failed before it saw to the changes it was told of"
    watch.wrote([], [])
    assert watch.generating() == frozenset()
    watch.wrote([], [])

    # A folder "modified" is reported beside every file written in it: it does not make data/ unknown either.
    claim = data / "claims" / "a.yml"
    watch.take()
    watch.forward(rebuild, FileClosedEvent(str(claim)))
    watch.forward(rebuild, DirModifiedEvent(str(claim.parent)))
    assert watch.take() == frozenset({claim, claim.parent})
