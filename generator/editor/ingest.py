"""Archive an article as a source: ``data/sources/<id>.txt`` plus its metadata file.

The text is kept verbatim except for two normalisations that change no word:
line endings become ``\\n`` and Unicode is composed (NFC), so that the same
article pasted from two browsers hashes the same and a quote copied from either
matches. Metadata the editor does not give is written as ``null``: the tool never
guesses a title, an outlet, a URL or a date.

A saved web page or web archive (see :mod:`generator.editor.webpage`) gives more: its main
text, the metadata it states (each value with a note naming the element it came from)
and the original file, kept beside the text as ``<id>.orig.html[.gz]`` or
``<id>.orig.warc[.gz]`` with its own SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.load import read_capped
from generator.data.quotes import Normalised, locate
from generator.data.validate import MAX_TEXT_BYTES
from generator.editor import webpage
from generator.editor.provenance import IngestRequest, OutletUndecided, match_outlet, original_data, page_outlet, page_published, page_title, page_url
from generator.editor.records import Workspace, check, check_id, propose_id, to_yaml
from generator.errors import BriefingError, Problem, ValidationFailed
from generator.files import atomic_write, create
from generator.project import Project

__all__ = ["MAX_TEXT_BYTES", "Ingest", "IngestRequest", "OutletUndecided", "describe", "plan", "write"]


@dataclass(frozen=True)
class Ingest:
    """A source ready to write: its id, archived text and metadata file text."""

    ident: str
    text: str
    yaml: str
    text_path: Path
    yaml_path: Path
    original: webpage.Original | None = None
    original_path: Path | None = None
    actor: tuple[Path, str] | None = None
    messages: tuple[str, ...] = ()
    #: Set when the page is attached to an existing source (--replace-archive): the file it replaces.
    replaces: Path | None = None
    unknown: tuple[str, ...] = ()


def normalise_article(raw: bytes, shown: str) -> str:
    """Decode and normalise an article, or raise with the position of what is wrong."""
    if len(raw) > MAX_TEXT_BYTES:
        raise ValidationFailed(
            [
                Problem(
                    shown,
                    1,
                    1,
                    # Callers read at most one byte past the cap, so the true size is unknown: say "more than".
                    f"text is more than {MAX_TEXT_BYTES:,} bytes, the limit.",
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


def words_hash(text: str) -> str:
    """sha256 of a text's words, whatever the spacing between them.

    The same article reaches us as text pasted with one line per paragraph and as a page
    whose paragraphs are extracted with a blank line between; both have the same words.
    """
    return sha256_of(" ".join(text.split()))


def archived_hashes(space: Workspace) -> dict[str, str]:
    """The :func:`words_hash` of every archived text, normalised as ingest would, to its source id."""
    found: dict[str, str] = {}
    for path in sorted(Project(space.root).records("sources").glob("*.txt")):
        if path.is_symlink() or not path.is_file():
            continue  # links are never followed; validate reports them
        raw = read_capped(path, MAX_TEXT_BYTES)
        try:
            digest = words_hash(normalise_article(raw, path.name))
        except ValidationFailed:
            digest = hashlib.sha256(raw).hexdigest()
        found.setdefault(digest, path.stem)
    return found


def plan(root: Path, raw: bytes, shown: str, request: IngestRequest) -> Ingest:
    """Check everything and prepare the files, writing nothing."""
    page = webpage.read_page(raw, shown, request.record)
    if page is not None:
        return _plan_page(root, page, shown, request)
    for given, option in ((request.text_file, "--text"), (request.replace_archive, "--replace-archive")):
        if given:
            raise BriefingError(f"{option} applies to a saved web page or web archive, and {shown} is plain text.")
    if request.create_outlet and request.outlet is None:
        raise BriefingError(f"--create-outlet: plain text ({shown}) names no outlet; give its name with --outlet.")
    text = normalise_article(raw, shown)
    space = Workspace.read(root)
    digest = sha256_of(text)
    existing = archived_hashes(space).get(words_hash(text))
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
    outlet, outlet_actor = request.outlet, None
    if outlet is not None and request.create_outlet and outlet not in space.ids["actors"]:
        # "--outlet 'Radio Free Asia' --create-outlet": the actor with that name or alias, else a new outlet.
        found = match_outlet(space, outlet, None)
        outlet_actor = None if found else {"id": propose_id(outlet, space.ids["actors"]), "name": outlet, "kind": "outlet"}
        outlet = found[0] if found else outlet_actor["id"] if outlet_actor else outlet
    elif outlet is not None:
        space.require("actors", outlet, "--outlet")
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
    data["outlet"] = outlet
    if request.outlet_note or outlet_actor:
        data["outlet_note"] = request.outlet_note or f'Given with --outlet; actor "{outlet}" was created for it (--create-outlet).'
    data["url"] = request.url
    data["published"] = None if request.published is None else request.published.data()
    data["language"] = request.language
    data["sha256"] = digest
    data["relays"] = list(request.relays)
    if notes:
        data["notes"] = " ".join(notes)
    yaml_path = space.path("sources", ident)
    text_yaml = to_yaml("source", data)
    check("source", text_yaml, yaml_path.relative_to(root).as_posix())
    unknown = tuple(
        name for name, value in (("title", request.title), ("outlet", outlet), ("url", request.url), ("published", request.published)) if value is None
    )
    actor_file = None
    if outlet_actor is not None:
        actor_path = space.path("actors", outlet_actor["id"])
        actor_yaml = to_yaml("actor", {**outlet_actor, "notes": f"Created by briefing ingest from source {ident}, given with --outlet."})
        check("actor", actor_yaml, actor_path.relative_to(space.root).as_posix())
        actor_file = (actor_path, actor_yaml)
    return Ingest(ident, text, text_yaml, space.path("sources", ident, ".txt"), yaml_path, actor=actor_file, unknown=unknown)


def describe(planned: Ingest, root: Path, *, dry_run: bool) -> list[str]:
    """What ingest wrote (or, with ``dry_run``, would write), one line each, for the command line to print."""
    lines = list(planned.messages)
    text_path, yaml_path = (p.relative_to(root).as_posix() for p in (planned.text_path, planned.yaml_path))
    original = planned.original_path.relative_to(root).as_posix() if planned.original_path and planned.original else None
    size = f"{len(planned.original.content):,} bytes" if planned.original else ""
    if planned.replaces is not None:
        if dry_run:
            return [*lines, f"Would write {original} and rewrite {yaml_path}:\n", planned.yaml, "Dry run: nothing was written."]
        return [*lines, f"Wrote {original} ({size}) and updated {yaml_path}."]
    actor = planned.actor[0].relative_to(root).as_posix() if planned.actor else None
    if dry_run:
        lines.append(f"Would archive {text_path} ({len(planned.text):,} characters).")
        if original:
            lines.append(f"Would keep the original as {original}.")
        if planned.actor:
            lines += [f"Would write {actor}:\n", planned.actor[1]]
        return [*lines, f"Would write {yaml_path}:\n", planned.yaml, "Dry run: nothing was written."]
    lines.append(f"Archived {text_path} ({len(planned.text):,} characters).")
    if original and planned.original:
        lines.append(f"Kept the original as {original} ({size}{', gzip-compressed' if planned.original.compressed else ''}).")
    if actor:
        lines.append(f"Wrote {actor} (the outlet).")
    lines.append(f"Wrote {yaml_path}.")
    if planned.unknown:
        lines.append(f"Left unknown (null): {', '.join(planned.unknown)}.")
    return [*lines, f'Next: briefing suggest {planned.ident} --write (drafts to review), or briefing new claim --source {planned.ident} --quote "…"']


def write(ingest: Ingest) -> None:
    """Write the original, the text, a new outlet actor, then the metadata.

    No file replaces an existing one, except the metadata and original of the source
    ``--replace-archive`` attaches a page to. When a step fails, the files this call
    created are removed again, so nothing is half-written.
    """
    if ingest.replaces is not None:
        _attach(ingest)
        return
    created: list[Path] = []
    try:
        if ingest.original is not None and ingest.original_path is not None:
            create(ingest.original_path, ingest.original.stored)
            created.append(ingest.original_path)
        create(ingest.text_path, ingest.text)
        created.append(ingest.text_path)
        if ingest.actor is not None:
            create(*ingest.actor)
            created.append(ingest.actor[0])
        create(ingest.yaml_path, ingest.yaml)
    except BriefingError:
        # Every file in `created` was made a moment ago by this call, so removing it loses nothing.
        for path in created:
            path.unlink()
        raise


def _attach(ingest: Ingest) -> None:
    """Replace a source's metadata and original atomically; its text stays as it is."""
    assert ingest.original is not None and ingest.original_path is not None and ingest.replaces is not None
    atomic_write(ingest.original_path, ingest.original.stored)
    atomic_write(ingest.yaml_path, ingest.yaml.encode("utf-8"))
    old = ingest.replaces
    if old != ingest.original_path and old.name and old.is_file():
        old.unlink()


#: A dateline opening an article: "TAIPEI, Taiwan –", "SEOUL, South Korea —", "Seoul:".
DATELINE = re.compile(r"^\s*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.'’ -]*?)?\s*[–—-]|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?:)\s+")


def _id_words(text: str, request: IngestRequest) -> str:
    """The words of a source id: the title, else the first sentence without its dateline (the slug is cut at a word boundary)."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    first_line = DATELINE.sub("", first_line)
    first_line = re.split(r"(?<=[a-z0-9%)])[.!?](?:\s|$)", first_line)[0]
    words = re.sub(r"['’]s\b", "s", request.title or first_line)
    date = request.published.date if request.published else "undated"
    return f"{date} {words}"


def _stems(space: Workspace, pattern: str) -> set[str]:
    base = Project(space.root).records("sources")
    return {p.stem for p in base.glob(pattern)} if base.is_dir() else set()


# --- saved web pages and web archives ---------------------------------------------------------------


def _plan_page(root: Path, page: webpage.Page, shown: str, request: IngestRequest) -> Ingest:
    space = Workspace.read(root)
    extracted = len(page.text.strip())
    known = archived_hashes(space)
    if request.text_file is not None:
        text = normalise_article(*request.text_file)
    elif extracted < webpage.MIN_ARTICLE_CHARS and words_hash(page.text) not in known:
        found = "no article text" if extracted == 0 else f"only {extracted:,} characters of article text"
        raise ValidationFailed(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f"extraction found {found} in the page, fewer than the {webpage.MIN_ARTICLE_CHARS:,} an article has: {webpage.short_text_reason(page)}.",
                    "open the page in a browser, copy the article's text into a UTF-8 file and give it with --text FILE; the page is kept as the original.",
                )
            ]
        )
    else:
        text = page.text
    digest = sha256_of(text)
    existing = known.get(words_hash(text))
    if request.replace_archive:
        if existing is None:
            raise ValidationFailed(
                [Problem(shown, 1, 1, "--replace-archive: no archived source has this text.", "ingest the page as a new source, without --replace-archive.")]
            )
        return _plan_attach(space, page, existing, request)
    if existing is not None:
        raise ValidationFailed(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f'this article is already archived as source "{existing}" (data/sources/{existing}.txt): its text is the same.',
                    f"cite it in claims with --source {existing}, or add --replace-archive to keep this file as its original.",
                )
            ]
        )
    relays_and_outlet(space, request)
    data: dict[str, Any] = {}
    notes = [request.notes] if request.notes else []
    title, title_basis, title_note = page_title(page, request, text)
    outlet, outlet_note, actor = page_outlet(space, page, request, shown)
    url, url_basis, url_note = page_url(page, request)
    published = page_published(page, request)
    if request.text_file is not None:
        notes.append(
            f"The text was supplied by hand (--text {request.text_file[1]}); extraction from the saved page found {extracted:,} characters, too few for the article."
        )
    if request.ident is not None:
        check_id(request.ident)
    taken = space.ids["sources"] | _stems(space, "*.txt")
    date_words = published["date"] if published else "undated"
    ident = request.ident or propose_id(f"{date_words} {title or text.splitlines()[0]}", taken)
    if request.ident is not None and ident in taken:
        raise BriefingError(f'--id: source "{ident}" already exists in data/sources/; choose another id.')
    data = {"id": ident, "title": title}
    if title is not None:
        data["title_basis"] = title_basis
        data["title_note"] = title_note
    data["outlet"] = outlet
    if outlet_note:
        data["outlet_note"] = outlet_note
    data["url"] = url
    if url_basis:
        data["url_basis"] = url_basis
    if url_note:
        data["url_note"] = url_note
    data["published"] = published
    language = request.language if request.language_given or page.language is None else page.language.value
    data["language"] = language
    data["sha256"] = digest
    data["original"] = original_data(ident, page, request)
    data["relays"] = list(request.relays)
    if notes:
        data["notes"] = " ".join(notes)
    yaml_path = space.path("sources", ident)
    text_yaml = to_yaml("source", data)
    check("source", text_yaml, yaml_path.relative_to(space.root).as_posix())
    actor_file = None
    if actor is not None:
        actor_path = space.path("actors", actor["id"])
        actor_yaml = to_yaml("actor", {**actor, "notes": actor["notes"].replace("SOURCE", ident)})
        check("actor", actor_yaml, actor_path.relative_to(space.root).as_posix())
        actor_file = (actor_path, actor_yaml)
    unknown = tuple(name for name, value in (("title", title), ("outlet", outlet), ("url", url), ("published", published)) if value is None)
    return Ingest(
        ident,
        text,
        text_yaml,
        space.path("sources", ident, ".txt"),
        yaml_path,
        page.original,
        space.path("sources", ident, page.original.suffix),
        actor_file,
        page.messages,
        None,
        unknown,
    )


def relays_and_outlet(space: Workspace, request: IngestRequest) -> None:
    if request.outlet is not None:
        space.require("actors", request.outlet, "--outlet")
    for relay in request.relays:
        space.require("actors", relay, "--relay")


def _plan_attach(space: Workspace, page: webpage.Page, existing: str, request: IngestRequest) -> Ingest:
    """Keep ``page`` as the original of source ``existing``, whose text it has."""
    yaml_path = space.path("sources", existing)
    shown = yaml_path.relative_to(space.root).as_posix()
    data = space.docs["sources"].get(existing)
    if data is None:
        raise BriefingError(f"{shown} does not read; fix it (briefing validate) before attaching an original.")
    original = original_data(existing, page, request)
    old = data.get("original")
    current = yaml_path.read_text(encoding="utf-8")
    if isinstance(old, dict):
        text_yaml = to_yaml("source", {**data, "original": original})
        replaces = yaml_path.with_name(str(old.get("file", "")))
    else:
        block = to_yaml("source", {"original": original}).split("\n", 1)[1]
        text_yaml = current + ("" if current.endswith("\n") else "\n") + block
        replaces = space.path("sources", existing, page.original.suffix)
    check("source", text_yaml, shown)
    message = f"Attaching {page.original.media_type} original to source {existing}; its text and sha256 are unchanged."
    return Ingest(
        existing,
        "",
        text_yaml,
        space.path("sources", existing, ".txt"),
        yaml_path,
        page.original,
        space.path("sources", existing, page.original.suffix),
        None,
        (*page.messages, message),
        replaces,
    )
