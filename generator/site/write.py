"""Write generated pages into ``briefings/``: only generated folders, only changed files.

Two ways in: :func:`write_pages` takes every page in memory (the live preview, which keeps
them between saves anyway), and :func:`stage_pages` then :func:`publish` take pages one at a
time as they are rendered (``generate`` and ``build``), so memory holds one page, not every
page of a large corpus: each page is compared with its file in ``briefings/`` as it comes,
and only the changed ones are kept, in a staging folder, until all are rendered and checked.

Rules, so that nothing an editor wrote is ever lost:

- Every path must lie inside one of :data:`generator.project.GENERATED_DIRS`.
- A manifest (``briefings/.briefing-manifest.json``) lists what the generator wrote.
  Only files in it are ever removed as stale. An existing file that is not in it is
  an editor's, and the generator refuses to overwrite it.
- All checks run before the first write. Each file is written to a temporary name
  and renamed into place, so a reader never sees half a file.
- A file whose bytes are unchanged is not touched (the manifest included), so its
  modification time stays, ``mkdocs serve --dirty`` rebuilds only what changed, and a
  run that changes nothing touches nothing the preview's watcher could see.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from generator.errors import BriefingError
from generator.files import atomic_write
from generator.project import GENERATED_DIRS

MANIFEST = ".briefing-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"{len(self.written)} written, {self.unchanged} unchanged, {len(self.removed)} removed"


def _checked(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2 or path.parts[0] not in GENERATED_DIRS:
        raise BriefingError(f"refusing to write {rel!r}: generated files go only into {', '.join(GENERATED_DIRS)}/ of the docs folder")
    return path


def read_manifest(docs: Path) -> set[str]:
    try:
        return set(json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"])
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return set()


def write_pages(docs: Path, pages: dict[str, str | bytes], same_as_last: frozenset[str] = frozenset(), disturbed: Collection[str] | None = None) -> WriteReport:
    """Bring the generated folders of ``docs`` in line with ``pages``. See the module docstring.

    ``same_as_last`` names pages the caller knows it wrote with these very bytes in its last
    call (the live preview, for pages it did not render again or rendered the same): they are
    not read back, only checked to be still files. ``disturbed``, when the caller watches the
    docs folder (the preview's watcher), names every file in it that anyone else changed since
    that call: those are compared in full, and the other pages of ``same_as_last`` are trusted
    without a look.
    """
    owned = read_manifest(docs)
    # Each page is encoded when it is compared and again when it is written, never all at once:
    # at 100,000 claims the encoded copy of every page would be another gigabyte.
    todo: list[str] = []
    conflicts: list[str] = []
    report = WriteReport()
    for rel in sorted(pages):
        trusted = rel in same_as_last and rel in owned
        if trusted and disturbed is not None:
            if rel not in disturbed:
                report.unchanged += 1  # its path was checked when it was written
                continue
            trusted = False  # someone else changed it: compare its bytes
        target = docs / _checked(rel)
        if trusted and target.is_file() and not target.is_symlink():
            report.unchanged += 1
            continue
        verdict = _compare(target, _encoded(pages[rel]), rel in owned)
        if verdict == "unchanged":
            report.unchanged += 1
        else:
            (conflicts if verdict == "conflict" else todo).append(rel)
    _refuse(docs, conflicts)
    for rel in todo:
        atomic_write(docs / rel, _encoded(pages[rel]))
        report.written.append(rel)
    _finish(docs, owned, set(pages), report)
    return report


def _compare(target: Path, data: bytes, owned: bool) -> str:
    """``unchanged``, ``write``, or ``conflict``: a link or non-file in the way, or a file the generator did not write that differs."""
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return "conflict"
    current = target.read_bytes() if target.exists() else None
    if current == data:
        return "unchanged"
    return "conflict" if current is not None and not owned else "write"


def _refuse(docs: Path, conflicts: list[str]) -> None:
    if conflicts:
        shown = ", ".join(f"{docs.name}/{c}" for c in conflicts[:5]) + (" …" if len(conflicts) > 5 else "")
        raise BriefingError(
            f"refusing to overwrite {len(conflicts)} file(s) the generator did not write: {shown}. "
            "Hint: move hand-written pages out of the generated folders (" + ", ".join(GENERATED_DIRS) + ")."
        )


def _finish(docs: Path, owned: set[str], planned: set[str], report: WriteReport) -> None:
    """Remove the stale files the generator wrote itself, and write the manifest if it changed."""
    for rel in sorted(owned - planned):
        target = docs / _checked(rel)
        if target.is_file() and not target.is_symlink():
            target.unlink()
            report.removed.append(rel)
            _prune(target.parent, docs)
    manifest = (json.dumps({"files": sorted(planned)}, indent=0) + "\n").encode()
    # Rewritten only when it changes: the live preview's watcher would see even an identical
    # rewrite as an edit, regenerate, rewrite it again, and reload the browser forever.
    if not (docs / MANIFEST).is_file() or (docs / MANIFEST).read_bytes() != manifest:
        atomic_write(docs / MANIFEST, manifest)


@dataclass
class Staged:
    """Pages compared with ``docs`` as they were rendered: the changed ones wait in ``folder``."""

    docs: Path
    folder: Path
    #: Every generated file, by path inside the docs folder.
    planned: set[str]
    #: The files whose bytes differ from (or are missing in) the docs folder, in ``folder``.
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: The SHA-256 of every page rendered (not of the pages ``kept``).
    digests: dict[str, str] = field(default_factory=dict)


class Renders(Protocol):
    """A page not yet rendered (:class:`generator.site.pages.Planned`)."""

    def render(self) -> str | bytes: ...


def stream_pages(plan: Mapping[str, Renders]) -> Iterator[tuple[str, str | bytes]]:
    """Render the pages of ``plan`` one at a time, as ``(path, page)``, for :func:`stage_pages`; charts in a worker thread.

    Each page is consumed before the next renders, so memory never holds them all. At most two
    charts are drawn ahead, and each is handed on once done (a busy figure's chart runs to
    megabytes), so pages come in an order that may differ from the plan's.
    """
    charts = iter([(rel, entry) for rel, entry in plan.items() if rel.endswith(".svg")])
    pending: deque[tuple[str, Future[str | bytes]]] = deque()

    def draw_next(pool: ThreadPoolExecutor) -> None:
        chart = next(charts, None)
        if chart is not None:
            pending.append((chart[0], pool.submit(chart[1].render)))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts") as pool:
        draw_next(pool)
        draw_next(pool)
        for rel, entry in plan.items():
            if rel.endswith(".svg"):
                continue
            yield rel, entry.render()
            while pending and pending[0][1].done():
                chart_rel, future = pending.popleft()
                draw_next(pool)
                yield chart_rel, future.result()
        while pending:
            chart_rel, future = pending.popleft()
            draw_next(pool)
            yield chart_rel, future.result()


def stage_pages(docs: Path, folder: Path, planned: Collection[str], pages: Iterable[tuple[str, str | bytes]], kept: Collection[str] = ()) -> Staged:
    """Compare each page of ``pages`` with its file in ``docs`` as it comes; keep the changed ones in ``folder``.

    ``planned`` names every generated file; ``pages`` yields the bytes of each one not in
    ``kept``, which the caller knows to be in ``docs`` with these very bytes (the render
    cache checked them). Nothing in ``docs`` is written. Every path is checked before the
    first page is rendered; a page that would overwrite a file the generator did not write
    stops it with the same message as :func:`write_pages`, once every page has been seen.
    """
    owned = read_manifest(docs)
    for rel in sorted(planned):
        _checked(rel)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    staged = Staged(docs, folder, set(planned), unchanged=len(kept))
    conflicts: list[str] = []
    for rel, page in pages:
        data = _encoded(page)
        staged.digests[rel] = hashlib.sha256(data).hexdigest()
        verdict = _compare(docs / rel, data, rel in owned)
        if verdict == "unchanged":
            staged.unchanged += 1
        elif verdict == "conflict":
            conflicts.append(rel)
        else:
            out = folder / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
            staged.changed.append(rel)
    _refuse(docs, sorted(conflicts))
    return staged


def publish(staged: Staged, docs: Path | None = None, *, move: bool = True) -> WriteReport:
    """Bring ``docs`` (by default the docs folder the pages were compared with) in line with ``staged``.

    ``move`` renames each changed file into place (atomic, and the staged copy is gone);
    otherwise each is copied atomically, so the staging folder can be published again (a
    build publishes into its mirror first, then into ``briefings/``). Stale files the
    generator wrote are removed and the manifest is written, as :func:`write_pages` does.
    """
    docs = staged.docs if docs is None else docs
    owned = read_manifest(docs)
    report = WriteReport(unchanged=staged.unchanged)
    for rel in sorted(staged.changed):
        source, target = staged.folder / rel, docs / _checked(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if move:
            os.replace(source, target)
        else:
            atomic_write(target, source.read_bytes())
        report.written.append(rel)
    _finish(docs, owned, staged.planned, report)
    return report


def _encoded(page: str | bytes) -> bytes:
    return page.encode("utf-8") if isinstance(page, str) else page


def _prune(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
