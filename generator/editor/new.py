"""Scaffold a new claim, actor or figure, checked before anything is written.

``briefing new claim`` verifies the quote against the archived text first, so a
misquote is caught at the keyboard rather than in review. It suggests actors whose
name or alias the quote mentions, and proposes a free id. The checks here are the
validator's own rules applied to one new record; ``briefing validate`` still checks
the whole corpus afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import model
from generator.data import languages, rules
from generator.data.load import read_capped
from generator.data.quotes import (
    SEARCH_SECONDS,
    Normalised,
    SearchTimedOut,
    closest_passage,
    invisible_or_composed,
    locate,
    normalise,
    occurrences,
    quote_size,
)
from generator.data.rules import Finding
from generator.data.validate import MAX_TEXT_BYTES
from generator.editor.records import Workspace, check, check_id, propose_id, to_yaml
from generator.errors import BriefingError, Problem, ValidationFailed
from generator.files import create
from generator.model import Dated


def check_date(value: str, option: str) -> str:
    """``YYYY-MM-DD`` or ``YYYY-MM``, and a real calendar date."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", value) or not model.real_date(value):
        raise BriefingError(f'{option}: "{value}" is not a date. Write YYYY-MM-DD, or YYYY-MM when only the month is known.')
    return value


def check_dated(dated: Dated | None, option: str) -> None:
    if dated is None:
        return
    check_date(dated.date, option)
    if dated.basis == "inferred" and not dated.note:
        raise BriefingError(f"{option}-note is required when {option}-basis is inferred: say how the date was worked out.")


@dataclass(frozen=True)
class Planned:
    """A record ready to write."""

    kind: str
    ident: str
    yaml: str
    path: Path

    def write(self) -> None:
        create(self.path, self.yaml)


def _plan(space: Workspace, kind: str, folder: str, data: dict[str, Any], findings: Callable[[dict[str, Any]], list[Finding]] | None = None) -> Planned:
    """The record as YAML, read back through the validator's loader and schema, then checked by the validator's own ``findings``.

    A broken rule is reported as ``briefing validate`` would report it in the written file: same words, same line.
    """
    path = space.path(folder, data["id"])
    text = to_yaml(kind, data)
    shown = path.relative_to(space.root).as_posix()
    doc = check(kind, text, shown)
    found = findings(doc.data) if findings else []
    if found:
        raise ValidationFailed([Problem(shown, *doc.position(f.at), f.message, f.hint) for f in found])
    return Planned(kind, data["id"], text, path)


def _own_id(space: Workspace, folder: str, ident: str | None, words: str) -> str:
    if ident is None:
        return propose_id(words, space.ids[folder])
    if check_id(ident) in space.ids[folder]:
        raise BriefingError(f"--id: data/{folder}/{ident}.yml already exists; choose another id, or leave --id out to get a free one.")
    return ident


# --- claims -------------------------------------------------------------------------------------


def source_text(space: Workspace, source: str) -> Normalised:
    space.require("sources", source, "--source")
    path = space.path("sources", source, ".txt")
    if path.is_symlink():
        raise BriefingError(f"--source: data/sources/{source}.txt is a symbolic link; links are never followed. Replace it with the archived text.")
    if not path.is_file():
        raise BriefingError(f"--source: the archived text data/sources/{source}.txt is missing; archive it with briefing ingest.")
    raw = read_capped(path, MAX_TEXT_BYTES)
    return Normalised.of(raw.decode("utf-8", errors="replace").removeprefix("\ufeff"))


def verify_quote(space: Workspace, source: str, quote: str) -> None:
    """Raise with the closest passage when ``quote`` is not verbatim in the source."""
    text = source_text(space, source)
    if locate(text, quote) is None:
        reason = invisible_or_composed(text, quote)
        if reason:
            raise BriefingError(f"--quote: not found in data/sources/{source}.txt: {reason}")
        try:
            passage = closest_passage(text, quote)
            closest = f' The closest passage is "{passage}".' if passage else ""
        except SearchTimedOut:
            closest = f" No closest passage is shown: the search stopped after {SEARCH_SECONDS:g} s of computing."
        raise BriefingError(
            f"--quote: not found in data/sources/{source}.txt.{closest} Copy it exactly: only spacing and curly versus straight quotes may differ."
        )
    size, minimum, unit = quote_size(quote)
    times = occurrences(text, quote)
    if size < minimum and not (size and times == 1):
        raise BriefingError(
            f"--quote: too short to show where the claim comes from: {size} {unit}{'' if size == 1 else 's'}, found {times} times in data/sources/{source}.txt. "
            f"Quote at least {minimum} {unit}s, or {unit}s found only once in the text; the whole sentence is best."
        )


def suggest_actors(space: Workspace, quote: str) -> list[tuple[str, str]]:
    """``(actor id, the name or alias found)`` for actors the quote mentions, in order of appearance."""
    found: dict[str, tuple[int, str]] = {}
    text = normalise(quote).casefold()
    for ident, name in space.actor_names():
        match = re.search(r"(?<!\w)" + re.escape(normalise(name).casefold()) + r"(?!\w)", text)
        if match and (ident not in found or match.start() < found[ident][0]):
            found[ident] = (match.start(), name)
    return [(ident, name) for ident, (_, name) in sorted(found.items(), key=lambda item: (item[1][0], item[0]))]


@dataclass
class ClaimRequest:
    source: str
    quote: str
    actor: str
    statement: str
    stance: str = "asserts"
    figure: str | None = None
    value: str | None = None
    hedge: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    value_note: str | None = None
    claimed_on: Dated | None = None
    via: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str | None = None
    ident: str | None = None
    #: The quote's translation: its words, its language, and who made it ("editors" or the source id of an outlet's archived translation).
    translation: str | None = None
    translation_lang: str = model.SITE_LANGUAGE
    translated_by: str = model.EDITORS


def plan_claim(root: Path, request: ClaimRequest) -> Planned:
    space = Workspace.read(root)
    verify_quote(space, request.source, request.quote)
    space.require("actors", request.actor, "--actor")
    for via in request.via:
        space.require("actors", via, "--via")
    check_dated(request.claimed_on, "--claimed-on")
    data: dict[str, Any] = {"id": "", "actor": request.actor}
    if request.figure is not None:
        space.require("figures", request.figure, "--figure")
        data["figure"] = request.figure
    if request.value is not None:
        data["value"] = _value(request)
    data["stance"] = request.stance
    data["claimed_on"] = request.claimed_on.data() if request.claimed_on else None
    if request.claimed_on is not None:
        published = (space.docs["sources"].get(request.source) or {}).get("published")
        if isinstance(published, dict) and isinstance(published.get("date"), str) and not model.not_after(request.claimed_on.date, published["date"]):
            raise BriefingError(f'--claimed-on: {request.claimed_on.date} is after source "{request.source}" was published ({published["date"]}).')
    data["statement"] = request.statement
    citation: dict[str, Any] = {"source": request.source, "quote": request.quote}
    translation = _translation(space, request)
    if translation is not None:
        citation["translation"] = translation
    citation["via"] = list(request.via)
    data["citations"] = [citation]
    if request.tags:
        data["tags"] = list(request.tags)
    if request.notes:
        data["notes"] = request.notes
    number = (request.value or "").replace(",", "")
    data["id"] = _own_id(space, "claims", request.ident, f"{request.actor} {request.figure or request.stance} {number}")
    return _plan(space, "claim", "claims", data, lambda doc: rules.value_findings(doc.get("value"), [request.quote]))


def source_language(space: Workspace, source: str) -> str | None:
    """The language the source's record gives, when it is a tag."""
    language = (space.docs["sources"].get(source) or {}).get("language")
    return language if isinstance(language, str) else None


def _translation(space: Workspace, request: ClaimRequest) -> dict[str, Any] | None:
    """The citation's ``translation``, checked as ``briefing validate`` checks it; a quote not in English needs one."""
    language = source_language(space, request.source)
    if request.translation is None:
        if language and languages.primary(language) != model.SITE_LANGUAGE and languages.tag_problem(language) is None:
            raise BriefingError(
                f'--quote is in {language} (the language of source "{request.source}"): give --translation, the quote in {model.SITE_LANGUAGE}, '
                "for readers (--translated-by editors for your own; SOURCE_ID for an outlet's archived translation)."
            )
        return None
    if not request.translation.strip():
        raise BriefingError("--translation is empty: give the quote's words in translation, or leave --translation out.")
    wrong = languages.tag_problem(request.translation_lang)
    if wrong:
        raise BriefingError(f"--translation-lang: {wrong[0]} Hint: {wrong[1]}")
    if language and languages.primary(request.translation_lang) == languages.primary(language):
        raise BriefingError(f"--translation-lang: {request.translation_lang} is the quote's own language ({language}); a translation is in another language.")
    data: dict[str, Any] = {"text": request.translation, "lang": request.translation_lang, "by": model.EDITORS}
    if request.translated_by == model.EDITORS:
        return data
    archived = request.translated_by
    space.require("sources", archived, "--translated-by")
    record = space.docs["sources"].get(archived) or {}
    outlet = record.get("outlet")
    if not isinstance(outlet, str):
        raise BriefingError(
            f'--translated-by: source "{archived}" names no outlet, so who published the translation is unknown. Set its outlet, or use --translated-by editors.'
        )
    if record.get("language") not in (None, request.translation_lang):
        raise BriefingError(f'--translation-lang: source "{archived}" is in {record["language"]}, not {request.translation_lang}.')
    text = source_text(space, archived)
    if locate(text, request.translation) is None:
        reason = invisible_or_composed(text, request.translation)
        raise BriefingError(
            f"--translation: not found in data/sources/{archived}.txt, the outlet's published translation. "
            + (reason or "Copy the outlet's words exactly: only spacing and curly versus straight quotes may differ.")
        )
    return {**data, "by": outlet, "source": archived}


def _value(request: ClaimRequest) -> dict[str, Any]:
    assert request.value is not None
    if request.figure is None:
        raise BriefingError("--value needs --figure: a value is an estimate of a figure.")
    if request.hedge is not None and normalise(request.hedge) not in normalise(request.value):
        raise BriefingError(f'--hedge: "{request.hedge}" is not part of --value "{request.value}". The hedge is the hedging words of the value, verbatim.')
    low, high = request.low, request.high
    if low is None and high is None:
        number = rules.plain_number(request.value)
        if number is None:
            raise BriefingError(
                f'--value "{request.value}" is not a plain number: give --low and/or --high, the bounds its words allow '
                '(for "up to 15,000": --high 15000; for "more than 10,000": --low 10000).'
            )
        low = high = number
    value: dict[str, Any] = {"text": request.value}
    if request.hedge:
        value["hedge"] = request.hedge
    if low is not None:
        value["low"] = int(low) if float(low).is_integer() else low
    if high is not None:
        value["high"] = int(high) if float(high).is_integer() else high
    if request.approximate:
        value["approximate"] = True
    if request.value_note:
        value["note"] = request.value_note
    return value


# --- actors and figures -------------------------------------------------------------------------


@dataclass
class ActorRequest:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    role: str | None = None
    part_of: str | None = None
    notes: str | None = None
    ident: str | None = None


def plan_actor(root: Path, request: ActorRequest) -> Planned:
    space = Workspace.read(root)
    if request.part_of is not None:
        space.require("actors", request.part_of, "--part-of")
    data: dict[str, Any] = {"id": _own_id(space, "actors", request.ident, request.name), "name": request.name, "kind": request.kind}
    if request.aliases:
        data["aliases"] = list(request.aliases)
    for key in ("country", "role", "part_of", "notes"):
        if getattr(request, key):
            data[key] = getattr(request, key)
    owners = rules.name_owners(sorted(space.docs["actors"].items()))
    return _plan(space, "actor", "actors", data, lambda doc: rules.name_clashes(data["id"], doc, owners))


@dataclass
class FigureRequest:
    label: str
    unit: str
    definition: str
    headline: bool = False
    rank: str | None = None
    group: str | None = None
    related: tuple[str, ...] = ()
    notes: str | None = None
    ident: str | None = None


def figure_groups(root: Path) -> list[str]:
    """The groups the figures in ``data/figures/`` already use, for the prompt."""
    space = Workspace.read(root)
    return sorted({g for data in space.docs["figures"].values() if isinstance(g := data.get("group"), str)})


def _rank(text: str) -> int | str:
    """A whole number as an integer; anything else stays text, for the schema to refuse in its own words."""
    return int(text) if re.fullmatch(r"\s*[+-]?[0-9]{1,18}\s*", text) else text


def plan_figure(root: Path, request: FigureRequest) -> Planned:
    if request.rank is not None and not request.headline:
        raise BriefingError("--rank orders the figures on the home page, so it needs --headline: add --headline, or leave --rank out.")
    space = Workspace.read(root)
    for other in request.related:
        space.require("figures", other, "--related")
    data: dict[str, Any] = {
        "id": _own_id(space, "figures", request.ident, request.label),
        "label": request.label,
        "unit": request.unit,
        "definition": request.definition,
    }
    if request.headline:
        data["headline"] = True
    if request.rank is not None:
        data["rank"] = _rank(request.rank)
    if request.group is not None:
        data["group"] = request.group
    if request.related:
        data["related"] = list(request.related)
    if request.notes:
        data["notes"] = request.notes
    return _plan(space, "figure", "figures", data)
