"""Drafts as files: rendered to YAML and written into ``data/drafts/<source-id>/``."""

from __future__ import annotations

import difflib
from dataclasses import replace
from pathlib import Path
from typing import Any

from generator import model
from generator.data import rejected
from generator.editor.records import to_yaml
from generator.editor.review import references
from generator.errors import BriefingError
from generator.files import write_folder
from generator.project import Project
from generator.suggest.reader import Drafts

_SCHEMA_OF = {"claims": "claim", "actors": "actor", "figures": "figure", "citations": "claim"}


def draft_files(drafts: Drafts) -> list[tuple[str, str]]:
    """Each draft as (path under data/, file text), in the layout of data/ itself.

    Files are written by the one YAML emitter, :func:`generator.editor.records.to_yaml`, like
    every data file: the schema line editors' YAML plugins read, fields in the schema's order,
    every string double-quoted, so the guarded loader reads back what was written.
    """
    files = []
    for kind, records in (("actors", drafts.actors), ("figures", drafts.figures), ("claims", drafts.claims), ("citations", drafts.citations)):
        for record in records:
            files.append((f"drafts/{drafts.source}/{kind}/{record['id']}.yml", to_yaml(_SCHEMA_OF[kind], record, depth=4)))
    return files


def known_source(corpus: model.Corpus, source_id: str) -> None:
    """Refuse a source id the corpus does not have, with the closest one."""
    if source_id not in corpus.sources:
        guess = difflib.get_close_matches(source_id, list(corpus.sources), n=1, cutoff=0.6)
        hint = f'did you mean "{guess[0]}"?' if guess else "archive the article first with briefing ingest; sources are the <id>.yml files in data/sources/."
        raise BriefingError(f'unknown source "{source_id}". Hint: {hint}')


def only_numbers(drafts: Drafts) -> Drafts:
    """The drafts without stance claims (claims with no value), and without the actors only those named."""
    claims = [c for c in drafts.claims if c.get("value") is not None]
    used = {c["actor"] for c in claims} | {v for c in claims for cit in c["citations"] for v in cit.get("via", [])}
    used |= {a["part_of"] for a in drafts.actors if a["id"] in used and "part_of" in a}
    figures = {c.get("figure") for c in claims}
    return replace(drafts, claims=claims, actors=[a for a in drafts.actors if a["id"] in used], figures=[f for f in drafts.figures if f["id"] in figures])


def without_rejected(root: Path, drafts: Drafts) -> tuple[Drafts, list[str]]:
    """The drafts less those an editor rejected before (``data/drafts/<source>/rejected.yml``), and the ids left out.

    A claim is left out when its first quote from the article and its value's words are those of a
    rejection; the actors and figures only such claims needed go with it. A malformed file is refused
    with its problems (briefing validate reports them too).
    """
    entries, problems = rejected.read(root, drafts.source)
    if problems:
        raise BriefingError(f"{problems[0].format()} Fix or delete it, then draft again.")
    if not entries:
        return drafts, []
    keys = {rejected.key(e["quote"], e.get("value")) for e in entries}

    def refused(record: dict[str, Any]) -> bool:
        found = rejected.entry(record, drafts.source)
        return found is not None and rejected.key(str(found["quote"]), found["value"]) in keys

    claims = [c for c in drafts.claims if not refused(c)]
    citations = [c for c in drafts.citations if not refused(c)]
    left = [c["id"] for c in [*drafts.claims, *drafts.citations] if refused(c)]
    if not left:
        return drafts, []
    used = {str(r) for c in [*claims, *citations] for r in references(c)}
    for actor in drafts.actors:
        if actor["id"] in used and actor.get("part_of"):
            used.add(actor["part_of"])
    for figure in drafts.figures:
        if figure["id"] in used:
            used |= references(figure)
    kept = replace(
        drafts,
        claims=claims,
        citations=citations,
        actors=[a for a in drafts.actors if a["id"] in used],
        figures=[f for f in drafts.figures if f["id"] in used],
    )
    return kept, left


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

    The folder is written all at once (:func:`generator.files.write_folder`), so an interrupted
    run leaves either every draft or none.
    """
    base = Project(root).drafts
    target = base / drafts.source
    record = target / rejected.FILE
    # The record of rejected drafts stays, carried into the folder written.
    carried = {rejected.FILE: record.read_bytes()} if record.is_file() and not record.is_symlink() else {}
    if target.exists() and any(p.is_file() and p != record for p in target.rglob("*")):
        raise BriefingError(
            f"data/drafts/{drafts.source}/ already holds drafts; suggest never overwrites them. "
            f"Review them, move the finished ones into data/ and delete the folder, then run suggest again."
        )
    files: dict[str, str | bytes] = {str(Path(rel).relative_to(f"drafts/{drafts.source}")): text for rel, text in draft_files(drafts)}
    written = write_folder(target, {**files, **carried})
    return [p for p in written if p.name != rejected.FILE or p.parent != target]
