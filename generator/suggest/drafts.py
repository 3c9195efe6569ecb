"""Drafts as files: rendered to YAML and written into ``data/drafts/<source-id>/``."""

from __future__ import annotations

from pathlib import Path

from generator.editor.records import to_yaml
from generator.errors import BriefingError
from generator.files import write_folder
from generator.project import Project
from generator.suggest.reader import Drafts

_SCHEMA_OF = {"claims": "claim", "actors": "actor", "figures": "figure"}


def draft_files(drafts: Drafts) -> list[tuple[str, str]]:
    """Each draft as (path under data/, file text), in the layout of data/ itself.

    Files are written by the one YAML emitter, :func:`generator.editor.records.to_yaml`, like
    every data file: the schema line editors' YAML plugins read, fields in the schema's order,
    every string double-quoted, so the guarded loader reads back what was written.
    """
    files = []
    for kind, records in (("actors", drafts.actors), ("figures", drafts.figures), ("claims", drafts.claims)):
        for record in records:
            files.append((f"drafts/{drafts.source}/{kind}/{record['id']}.yml", to_yaml(_SCHEMA_OF[kind], record, depth=4)))
    return files


def render(drafts: Drafts) -> str:
    """All drafts as one YAML stream for stdout, each document headed by the path --write would use."""
    parts = [f"# data/{path}\n{text}" for path, text in draft_files(drafts)]
    return "---\n".join(parts)


def existing_draft_ids(root: Path) -> set[str]:
    """Ids already used by drafts of any source, so that two drafts never share an id."""
    base = Project(root).drafts
    return {path.stem for path in base.glob("*/*/*.yml")} if base.is_dir() else set()


def write_drafts(root: Path, drafts: Drafts) -> list[Path]:
    """Write the drafts into ``data/drafts/<source-id>/``; refuse if that folder already holds any file.

    The folder is written all at once (:func:`generator.files.write_folder`), so an interrupted
    run leaves either every draft or none.
    """
    base = Project(root).drafts
    target = base / drafts.source
    if target.exists() and any(p.is_file() for p in target.rglob("*")):
        raise BriefingError(
            f"data/drafts/{drafts.source}/ already holds drafts; suggest never overwrites them. "
            f"Review them, move the finished ones into data/ and delete the folder, then run suggest again."
        )
    return write_folder(target, {str(Path(rel).relative_to(f"drafts/{drafts.source}")): text for rel, text in draft_files(drafts)})
