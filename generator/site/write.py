"""Write generated pages into ``briefings/``: only generated folders, only changed files.

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

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

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


def write_pages(docs: Path, pages: dict[str, str | bytes], same_as_last: frozenset[str] = frozenset()) -> WriteReport:
    """Bring the generated folders of ``docs`` in line with ``pages``. See the module docstring.

    ``same_as_last`` names pages the caller knows it wrote with these very bytes in its last
    call (the live preview, for pages it did not render again): they are not read back.
    """
    owned = read_manifest(docs)
    # Each page is encoded when it is compared and again when it is written, never all at once:
    # at 100,000 claims the encoded copy of every page would be another gigabyte.
    todo: list[str] = []
    conflicts: list[str] = []
    report = WriteReport()
    for rel in sorted(pages):
        target = docs / _checked(rel)
        if rel in same_as_last and rel in owned and target.is_file() and not target.is_symlink():
            report.unchanged += 1
            continue
        if target.is_symlink() or (target.exists() and not target.is_file()):
            conflicts.append(rel)
            continue
        current = target.read_bytes() if target.exists() else None
        if current is not None and current == _encoded(pages[rel]):
            report.unchanged += 1
        elif current is not None and rel not in owned:
            conflicts.append(rel)
        else:
            todo.append(rel)
    if conflicts:
        shown = ", ".join(f"{docs.name}/{c}" for c in conflicts[:5]) + (" …" if len(conflicts) > 5 else "")
        raise BriefingError(
            f"refusing to overwrite {len(conflicts)} file(s) the generator did not write: {shown}. "
            "Hint: move hand-written pages out of the generated folders (" + ", ".join(GENERATED_DIRS) + ")."
        )
    for rel in todo:
        atomic_write(docs / rel, _encoded(pages[rel]))
        report.written.append(rel)
    for rel in sorted(owned - set(pages)):
        target = docs / _checked(rel)
        if target.is_file() and not target.is_symlink():
            target.unlink()
            report.removed.append(rel)
            _prune(target.parent, docs)
    manifest = (json.dumps({"files": sorted(pages)}, indent=0) + "\n").encode()
    # Rewritten only when it changes: the live preview's watcher would see even an identical
    # rewrite as an edit, regenerate, rewrite it again, and reload the browser forever.
    if not (docs / MANIFEST).is_file() or (docs / MANIFEST).read_bytes() != manifest:
        atomic_write(docs / MANIFEST, manifest)
    return report


def _encoded(page: str | bytes) -> bytes:
    return page.encode("utf-8") if isinstance(page, str) else page


def _prune(folder: Path, docs: Path) -> None:
    while folder != docs and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
