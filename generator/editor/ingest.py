"""Archive an article as a source: ``data/sources/<id>.txt`` plus its metadata file.

The text is kept verbatim except for two normalisations that change no word:
line endings become ``\\n`` and Unicode is composed (NFC), so that the same
article pasted from two browsers hashes the same and a quote copied from either
matches. Metadata the editor does not give is written as ``null``: the tool never
guesses a title, an outlet, a URL or a date.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.quotes import Normalised, locate
from generator.data.validate import MAX_TEXT_BYTES
from generator.editor.records import Workspace, check, check_id, create, propose_id, to_yaml
from generator.errors import BriefingError, Problem, ValidationFailed
from generator.project import Project


@dataclass(frozen=True)
class Published:
    date: str
    basis: str
    note: str | None


@dataclass(frozen=True)
class IngestRequest:
    """What the editor said about the article; ``None`` means unknown."""

    outlet: str | None = None
    outlet_note: str | None = None
    published: Published | None = None
    url: str | None = None
    title: str | None = None
    language: str = "en"
    relays: tuple[str, ...] = ()
    notes: str | None = None
    ident: str | None = None


@dataclass(frozen=True)
class Ingest:
    """A source ready to write: its id, archived text and metadata file text."""

    ident: str
    text: str
    yaml: str
    text_path: Path
    yaml_path: Path


def normalise_article(raw: bytes, shown: str) -> str:
    """Decode and normalise an article, or raise with the position of what is wrong."""
    if len(raw) > MAX_TEXT_BYTES:
        raise ValidationFailed(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f"text is {len(raw):,} bytes, over the limit of {MAX_TEXT_BYTES:,} bytes.",
                    "archive the article's text only, not the whole page or a PDF.",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ValidationFailed(
            [
                Problem(
                    shown,
                    line,
                    col,
                    f"text is not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded.",
                    "save the article as UTF-8 text (for example: iconv -f cp1252 -t utf-8).",
                )
            ]
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ValidationFailed(
            [
                Problem(
                    shown, line, nul - (text.rfind("\n", 0, nul) + 1) + 1, "text contains a NUL byte.", "archive the article as plain text, not a binary file."
                )
            ]
        )
    if not text.strip():
        raise ValidationFailed([Problem(shown, 1, 1, "text is empty.", "save the article's text into the file first.")])
    return text


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def archived_hashes(space: Workspace) -> dict[str, str]:
    """sha256 of every archived text, normalised as ingest would, to its source id."""
    found: dict[str, str] = {}
    for path in sorted(Project(space.root).records("sources").glob("*.txt")):
        raw = path.read_bytes()
        try:
            digest = sha256_of(normalise_article(raw, path.name))
        except ValidationFailed:
            digest = hashlib.sha256(raw).hexdigest()
        found.setdefault(digest, path.stem)
    return found


def plan(root: Path, raw: bytes, shown: str, request: IngestRequest) -> Ingest:
    """Check everything and prepare the two files, writing nothing."""
    text = normalise_article(raw, shown)
    space = Workspace.read(root)
    digest = sha256_of(text)
    existing = archived_hashes(space).get(digest)
    if existing is not None:
        raise ValidationFailed(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f'this text is already archived as source "{existing}" (data/sources/{existing}.txt).',
                    f"cite it in claims with --source {existing}.",
                )
            ]
        )
    if request.outlet is not None:
        space.require("actors", request.outlet, "--outlet")
    for relay in request.relays:
        space.require("actors", relay, "--relay")
    if request.ident is not None:
        check_id(request.ident)
    ident = request.ident or propose_id(_id_words(text, request), space.ids["sources"] | _stems(space, "*.txt"))
    if request.ident is not None and (ident in space.ids["sources"] or ident in _stems(space, "*.txt")):
        raise BriefingError(f'--id: source "{ident}" already exists in data/sources/; choose another id.')
    data: dict[str, Any] = {"id": ident, "title": request.title}
    notes = [request.notes] if request.notes else []
    if request.title is not None:
        stated = locate(Normalised.of(text), request.title) is not None
        data["title_basis"] = "stated" if stated else "inferred"
        if not stated:
            notes.append("The title was given when the text was archived; it does not appear in the archived text.")
    data["outlet"] = request.outlet
    if request.outlet_note:
        data["outlet_note"] = request.outlet_note
    data["url"] = request.url
    data["published"] = None if request.published is None else _dated(request.published)
    data["language"] = request.language
    data["sha256"] = digest
    data["relays"] = list(request.relays)
    if notes:
        data["notes"] = " ".join(notes)
    yaml_path = space.path("sources", ident)
    text_yaml = to_yaml("source", data)
    check("source", text_yaml, yaml_path.relative_to(root).as_posix())
    return Ingest(ident, text, text_yaml, space.path("sources", ident, ".txt"), yaml_path)


def write(ingest: Ingest) -> None:
    """Write the text, then its metadata; neither replaces an existing file."""
    create(ingest.text_path, ingest.text)
    try:
        create(ingest.yaml_path, ingest.yaml)
    except BriefingError:
        # The text was created a moment ago by this call, so removing it loses nothing.
        ingest.text_path.unlink()
        raise


def _dated(published: Published) -> dict[str, str]:
    dated = {"date": published.date, "basis": published.basis}
    if published.note:
        dated["note"] = published.note
    return dated


def _id_words(text: str, request: IngestRequest) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    words = request.title or first_line
    date = request.published.date if request.published else "undated"
    return f"{date} {words}"


def _stems(space: Workspace, pattern: str) -> set[str]:
    base = Project(space.root).records("sources")
    return {p.stem for p in base.glob(pattern)} if base.is_dir() else set()
