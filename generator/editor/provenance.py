"""Each source field from a saved page: what the page states, what the editor gives, and the note saying which.

The page's values come with where they were found (:mod:`generator.editor.pagemeta`).
Options the editor gives win, and the note records that they were given and what the
page said. The outlet becomes an actor: matched by name, alias or host name, or created.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.data import languages
from generator.data.quotes import Normalised, locate
from generator.editor import webpage
from generator.editor.records import Workspace, propose_id
from generator.errors import Problem, ValidationFailed
from generator.model import Dated


@dataclass(frozen=True)
class IngestRequest:
    """What the editor said about the article; ``None`` means unknown."""

    outlet: str | None = None
    outlet_note: str | None = None
    published: Dated | None = None
    url: str | None = None
    title: str | None = None
    #: --language, or None when not given (the page's own, else detected from the text).
    language: str | None = None
    relays: tuple[str, ...] = ()
    notes: str | None = None
    ident: str | None = None
    #: For a saved page: the text supplied by hand (raw bytes and how to name them).
    text_file: tuple[bytes, str] | None = None
    #: For a web archive: the WARC-Target-URI of the response to read.
    record: str | None = None
    #: Create an actor for an outlet no actor names: True, False, or None (not decided yet).
    create_outlet: bool | None = None
    #: Attach the page as the original of the source that already has its text.
    replace_archive: bool = False


class OutletUndecided(ValidationFailed):
    """The page names an outlet no actor has; the caller may ask whether to create one."""

    def __init__(self, shown: str, name: str, where: str, ident: str, host: str | None) -> None:
        self.name, self.where, self.ident, self.host = name, where, ident, host
        alias = f" (alias {host})" if host else ""
        #: The question to ask at a terminal.
        self.question = f'The page names its outlet "{name}" ({where}); no actor has that name. Create actor "{ident}"' + (f", alias {host}?" if host else "?")
        super().__init__(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f'the page names its outlet "{name}" ({where}), and no actor has that name or alias.',
                    f"add --create-outlet to create data/actors/{ident}.yml{alias}, or give --outlet ACTOR_ID.",
                )
            ]
        )


def original_data(ident: str, page: webpage.Page, request: IngestRequest) -> dict[str, Any]:
    original = page.original
    data: dict[str, Any] = {"file": f"{ident}{original.suffix}", "media_type": original.media_type, "size": len(original.content), "sha256": original.sha256}
    if page.record is not None and re.fullmatch(r"https?://\S+", page.record):
        data["record"] = page.record
    if request.text_file is None:
        data["extracted_with"] = page.extractor
    return data


def page_title(page: webpage.Page, request: IngestRequest, text: str) -> tuple[str | None, str, str]:
    stated = page.title
    if request.title is None:
        if stated is None:
            return None, "", ""
        return stated.value, "stated", stated.note
    in_page = stated is not None and stated.value == request.title
    basis = "stated" if in_page or locate(Normalised.of(text), request.title) is not None else "inferred"
    note = "Given with --title."
    if stated is not None and not in_page:
        note += f' The page states "{stated.value}" in {stated.where}.'
    return request.title, basis, note


def page_url(page: webpage.Page, request: IngestRequest) -> tuple[str | None, str | None, str | None]:
    stated = page.url
    if request.url is None:
        return (None, None, None) if stated is None else (stated.value, "stated", stated.note)
    note = "Given with --url."
    if stated is not None and stated.value != request.url:
        note += f' The page states "{stated.value}" in {stated.where}.'
    return request.url, None, note


def page_published(page: webpage.Page, request: IngestRequest) -> dict[str, str] | None:
    stated = page.published
    if request.published is not None:
        given = request.published
        notes = [given.note] if given.note else ["Given with --published."]
        if stated is not None and stated.value != given.date:
            notes.append(f"The page states {stated.value} in {stated.where}.")
        return Dated(given.date, given.basis, " ".join(notes)).data()
    if stated is None:
        return None
    basis = "inferred" if stated.where == "htmldate" else "stated"
    return Dated(stated.value, basis, stated.note).data()


def source_language(stated: webpage.Stated | None, request: IngestRequest, text: str) -> dict[str, str]:
    """``language`` with its ``language_basis`` and ``language_note``: given, stated by the page, or detected.

    Given with --language, it is the editor's statement; else the page's own (``<html lang>``,
    JSON-LD ``inLanguage``, ``og:locale``); else detected from the text (inferred). When none
    of these is known, ingest refuses and asks for --language rather than guess.
    """
    if request.language is not None:
        wrong = languages.tag_problem(request.language)
        if wrong:
            raise ValidationFailed([Problem("--language", 1, 1, wrong[0], wrong[1])])
        note = "Given with --language."
        if stated is not None and stated.value != request.language:
            note += f' The page states "{stated.value}" in {stated.where}.'
        return {"language": request.language, "language_basis": "stated", "language_note": note}
    unusable = ""
    if stated is not None:
        standard = languages.standard(stated.value)
        if standard is not None:
            written = "" if standard == stated.value else f' as "{stated.value}"'
            return {"language": standard, "language_basis": "stated", "language_note": f"Stated in {stated.where}{written}."}
        unusable = f' The page states "{stated.value}" in {stated.where}, which is not a BCP 47 tag the IANA registry knows.'
    found = languages.detect(text)
    if found is None:
        raise ValidationFailed(
            [
                Problem(
                    "--language",
                    1,
                    1,
                    f"the text states no language and py3langid is not sure which it is (under {languages.MIN_PROBABILITY:.0%} sure).",
                    "give --language with its BCP 47 tag, such as en, ko, ru or uk.",
                )
            ]
        )
    return {"language": found[0], "language_basis": "inferred", "language_note": languages.detected_note(*found) + unusable}


def fold(name: str) -> str:
    """A name as compared with actors' names: case, punctuation, spacing and a leading "The" ignored."""
    folded = " ".join(re.sub(r"[^\w]+", " ", unicodedata.normalize("NFKC", name).casefold()).split())
    return folded.removeprefix("the ")


def match_outlet(space: Workspace, name: str | None, host: str | None) -> tuple[str, str] | None:
    """``(actor id, the name or alias that matched)`` for a site name or host, preferring outlets."""
    wanted = {fold(n) for n in (name, host, f"www.{host}" if host else None) if n}
    matches = [(ident, alias) for ident, alias in space.actor_names() if fold(alias) in wanted]
    matches.sort(key=lambda m: space.docs["actors"][m[0]].get("kind") != "outlet")
    return matches[0] if matches else None


def page_outlet(space: Workspace, page: webpage.Page, request: IngestRequest, shown: str) -> tuple[str | None, str | None, dict[str, Any] | None]:
    stated = page.outlet
    if request.outlet is not None:
        note = request.outlet_note or "Given with --outlet."
        if stated is not None and request.outlet_note is None:
            note += f' The page names "{stated.value}" in {stated.where}.'
        return request.outlet, note, None
    if stated is None:
        found = match_outlet(space, None, page.host)
        if found is not None:
            return found[0], request.outlet_note or f'The page names no outlet; its host {page.host} is an alias of actor "{found[0]}".', None
        return None, request.outlet_note or "The page names no outlet (no JSON-LD publisher, og:site_name or application-name).", None
    found = match_outlet(space, stated.value, page.host)
    if found is not None:
        how = "its name" if found[1] == space.docs["actors"][found[0]].get("name") else f'its alias "{found[1]}"'
        return found[0], request.outlet_note or f'{stated.note} Matched to actor "{found[0]}" by {how}.', None
    ident = propose_id(stated.value, space.ids["actors"])
    if request.create_outlet is None:
        raise OutletUndecided(shown, stated.value, stated.where, ident, page.host)
    if not request.create_outlet:
        return None, request.outlet_note or f"{stated.note} No actor was created for it, so the outlet is left unknown.", None
    actor: dict[str, Any] = {"id": ident, "name": stated.value, "kind": "outlet"}
    if page.host:
        actor["aliases"] = [page.host]
    actor["notes"] = f"Created by briefing ingest from source SOURCE, whose page names it in {stated.where}" + (
        "; the alias is the site's host name." if page.host else "."
    )
    note = request.outlet_note or f'{stated.note} Actor "{ident}" was created for it' + (f", with the host name {page.host} as an alias." if page.host else ".")
    return ident, note, actor
