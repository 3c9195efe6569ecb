"""Drafts as files: rendered to YAML and written into ``data/drafts/<source-id>/``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from generator.errors import BriefingError
from generator.project import Project
from generator.suggest.reader import Drafts

_SCHEMA_OF = {"claims": "claim", "actors": "actor", "figures": "figure", "citations": "claim"}


def draft_files(drafts: Drafts) -> list[tuple[str, str]]:
    """Each draft as (path under data/, file text), in the layout of data/ itself.

    Files start with the schema line that editors' YAML plugins read, like every data file.
    The YAML is written by PyYAML's safe dumper, which quotes anything YAML would read as
    other than text ("2024-10-17", "10,000"), so the guarded loader reads back what was written.
    """
    files = []
    for kind, records in (("actors", drafts.actors), ("figures", drafts.figures), ("claims", drafts.claims), ("citations", drafts.citations)):
        for record in records:
            schema = f"# yaml-language-server: $schema=../../../../generator/schemas/{_SCHEMA_OF[kind]}.schema.json\n"
            body = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=10**6, default_flow_style=False)
            files.append((f"drafts/{drafts.source}/{kind}/{record['id']}.yml", schema + body))
    return files


def render(drafts: Drafts) -> str:
    """All drafts as one YAML stream for stdout, each document headed by the path --write would use."""
    parts = [f"# data/{path}\n{text}" for path, text in draft_files(drafts)]
    return "---\n".join(parts)


def on_file_notes(drafts: Drafts) -> list[str]:
    """What suggest says about statements already on file: proposed citations, and those already cited."""
    notes = []
    if drafts.citations:
        notes.append(
            f"{len(drafts.citations)} already on file: {', '.join(r['id'] for r in drafts.citations)} "
            "(citations/ holds each claim with this article's quote added, to replace the curated file)."
        )
    if drafts.already_cited:
        notes.append(f"Already cited by this article, not drafted again: {', '.join(sorted(set(drafts.already_cited)))}.")
    return notes


def existing_draft_ids(root: Path) -> set[str]:
    """Ids already used by drafts of any source, so that two drafts never share an id."""
    base = Project(root).drafts
    return {path.stem for path in base.glob("*/*/*.yml")} if base.is_dir() else set()


def write_drafts(root: Path, drafts: Drafts) -> list[Path]:
    """Write the drafts into ``data/drafts/<source-id>/``; refuse if that folder already holds any file.

    The files are written into a hidden staging folder first and moved into place with one
    rename, so an interrupted run leaves either every draft or none.
    """
    base = Project(root).drafts
    target = base / drafts.source
    if target.exists() and any(p.is_file() for p in target.rglob("*")):
        raise BriefingError(
            f"data/drafts/{drafts.source}/ already holds drafts; suggest never overwrites them. "
            f"Review them, move the finished ones into data/ and delete the folder, then run suggest again."
        )
    base.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{drafts.source}-", dir=base))
    written = []
    try:
        for rel, text in draft_files(drafts):
            path = staging / Path(rel).relative_to(f"drafts/{drafts.source}")
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            written.append(target / path.relative_to(staging))
        if target.exists():
            shutil.rmtree(target)  # holds no file (checked above): only empty folders
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written
