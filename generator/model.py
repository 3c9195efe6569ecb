"""Typed records of the four kinds of data: sources, actors, figures and claims.

Records are built only from data that has passed validation, so their fields can be
trusted to have the types the schemas in ``generator/schemas/`` promise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.errors import Problem

#: The actor that words in an article's own voice are attributed to; each such article is its own origin.
UNATTRIBUTED = "unattributed"

#: Kinds of record, by folder under ``data/``, with the schema each follows.
KINDS: dict[str, str] = {"sources": "source", "actors": "actor", "figures": "figure", "claims": "claim"}


def precision(date: str) -> str:
    """``"day"`` for ``YYYY-MM-DD``, ``"month"`` for ``YYYY-MM``: a date's form is its precision.

    The one place that reads precision from a date string; everything else asks here.
    """
    return "day" if len(date) == 10 else "month"


def real_date(date: str) -> bool:
    """Whether a ``YYYY-MM-DD`` or ``YYYY-MM`` string names a real calendar day or month."""
    try:
        dt.date.fromisoformat(date if precision(date) == "day" else date + "-01")
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Dated:
    """A date with its basis. The form of ``date`` is its precision: YYYY-MM-DD or YYYY-MM."""

    date: str
    basis: str
    note: str | None = None

    @property
    def precision(self) -> str:
        return precision(self.date)

    def data(self) -> dict[str, str]:
        """As written in a data file: ``{date, basis}``, and ``note`` when there is one."""
        out = {"date": self.date, "basis": self.basis}
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Dated | None:
        if data is None:
            return None
        return cls(data["date"], data["basis"], data.get("note"))


def not_after(earlier: str, later: str) -> bool:
    """True unless ``earlier`` is after ``later``, compared at the coarser of the two precisions."""
    n = min(len(earlier), len(later))
    return earlier[:n] <= later[:n]


@dataclass(frozen=True)
class Override:
    """The editors' reading of a value where the hedge lexicon's does not fit, with their reason."""

    best: float
    low: float | None = None
    high: float | None = None
    note: str | None = None


@dataclass(frozen=True)
class Value:
    """A number as said (``text``, ``hedge``) and as inclusive bounds (``low``, ``high``).

    What a reader takes away from it (low, best, high) is its reading: see
    :func:`generator.data.readings.read`, which the editors can override (``reading``).
    """

    text: str
    hedge: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    note: str | None = None
    reading: Override | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Value:
        fields = dict(data)
        if fields.get("reading") is not None:
            fields["reading"] = Override(**fields["reading"])
        return cls(**fields)

    @property
    def shape(self) -> str:
        """point, range, at-most (open below) or at-least (open above)."""
        if self.low is not None and self.high is not None:
            return "point" if self.low == self.high else "range"
        return "at-most" if self.high is not None else "at-least"


@dataclass(frozen=True)
class Attribution:
    """How a claim's actor is known: ``stated`` by the source, or ``inferred`` by the editors (with ``note``, the reason)."""

    basis: str = "stated"
    note: str | None = None

    @property
    def inferred(self) -> bool:
        return self.basis == "inferred"


STATED = Attribution()


@dataclass(frozen=True)
class Citation:
    """Where a claim is reported: a source, the verbatim quote and its span in the archived text."""

    source: str
    quote: str
    via: tuple[str, ...] = ()
    note: str | None = None
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Revision:
    """An editor's reason for a correction, dated the day it was written (UTC); see :func:`generator.story.corrections.match`."""

    date: str
    note: str


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: Dated | None
    language: str
    sha256: str
    title_basis: str | None = None
    outlet_note: str | None = None
    relays: tuple[str, ...] = ()
    notes: str | None = None
    title_note: str | None = None
    url_basis: str | None = None
    url_note: str | None = None
    original: Original | None = None


@dataclass(frozen=True)
class Original:
    """The saved page or web archive a source's text was taken from, kept beside it."""

    file: str
    media_type: str
    size: int
    sha256: str
    record: str | None = None
    extracted_with: str | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    path: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    role: str | None = None
    part_of: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Figure:
    id: str
    path: str
    label: str
    unit: str
    definition: str
    headline: bool = False
    related: tuple[str, ...] = ()
    notes: str | None = None
    rank: int | None = None
    group: str | None = None
    #: What the figure counts (``counts`` in its file): whose people or things (actor ids), and in what state.
    whose: tuple[str, ...] = ()
    state: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    path: str
    actor: str
    stance: str
    claimed_on: Dated | None
    statement: str
    citations: tuple[Citation, ...]
    figure: str | None = None
    value: Value | None = None
    as_of: Dated | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    revisions: tuple[Revision, ...] = ()
    attribution: Attribution = STATED


@dataclass
class Corpus:
    """All records, each kind keyed by id in id order."""

    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    #: Warnings about the data that do not stop a build (``path:line:col: warning: …``), such as a correction with no reason.
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        """``42 claims, 17 actors, 9 figures, 5 sources``."""
        parts = [(len(self.claims), "claim"), (len(self.actors), "actor"), (len(self.figures), "figure"), (len(self.sources), "source")]
        return ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in parts)


def build_source(data: dict[str, Any], path: str, text: str) -> Source:
    return Source(
        id=data["id"],
        path=path,
        text=text,
        title=data["title"],
        outlet=data["outlet"],
        url=data["url"],
        published=Dated.from_data(data["published"]),
        language=data["language"],
        sha256=data["sha256"],
        title_basis=data.get("title_basis"),
        outlet_note=data.get("outlet_note"),
        relays=tuple(data.get("relays", ())),
        notes=data.get("notes"),
        title_note=data.get("title_note"),
        url_basis=data.get("url_basis"),
        url_note=data.get("url_note"),
        original=Original(**data["original"]) if data.get("original") else None,
    )


def build_actor(data: dict[str, Any], path: str) -> Actor:
    return Actor(
        id=data["id"],
        path=path,
        name=data["name"],
        kind=data["kind"],
        aliases=tuple(data.get("aliases", ())),
        country=data.get("country"),
        role=data.get("role"),
        part_of=data.get("part_of"),
        notes=data.get("notes"),
    )


def build_figure(data: dict[str, Any], path: str) -> Figure:
    return Figure(
        id=data["id"],
        path=path,
        label=data["label"],
        unit=data["unit"],
        definition=data["definition"],
        headline=data.get("headline", False),
        related=tuple(data.get("related", ())),
        notes=data.get("notes"),
        rank=data.get("rank"),
        group=data.get("group"),
        whose=tuple([whose] if isinstance(whose := (data.get("counts") or {}).get("whose", ()), str) else whose),
        state=(data.get("counts") or {}).get("state"),
    )


def build_claim(data: dict[str, Any], path: str, spans: list[tuple[int, int]]) -> Claim:
    value = data.get("value")
    return Claim(
        id=data["id"],
        path=path,
        actor=data["actor"],
        stance=data["stance"],
        claimed_on=Dated.from_data(data["claimed_on"]),
        statement=data["statement"],
        citations=tuple(
            Citation(c["source"], c["quote"], tuple(c.get("via", ())), c.get("note"), span) for c, span in zip(data["citations"], spans, strict=True)
        ),
        figure=data.get("figure"),
        value=Value.from_data(value) if value else None,
        as_of=Dated.from_data(data.get("as_of")),
        tags=tuple(data.get("tags", ())),
        notes=data.get("notes"),
        revisions=tuple(Revision(r["date"], r["note"]) for r in data.get("revisions", ())),
        attribution=Attribution(data["attribution"]["basis"], data["attribution"].get("note")) if data.get("attribution") else STATED,
    )
