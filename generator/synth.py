"""A deterministic synthetic corpus, shaped like a real desk's, for benchmarks and scale tests.

``briefing synth --claims N --seed S`` writes actors, figures, sources with archived
text, and claims whose quotes really occur in those texts, so the result passes
``briefing validate`` like editors' data does. The mix is meant to stress what real
data stresses:

- skew: actors and figures are drawn from Zipf-like weights, so a few hold most
  claims (the pages that must paginate) and most hold a handful;
- hedges as words and bounds: points, ranges ("between 9,000 and 11,000", "low
  thousands"), upper and lower bounds ("up to", "more than"), soft bounds ("about");
- stances without a number (denials, "cannot confirm"), via-chains through outlets
  and agencies, claims cited by two or three articles in different words;
- dates at day and month precision, stated and inferred, unknown claim dates
  (placed by first report) and articles with no known date.

Everything comes from one :class:`random.Random` seeded by ``seed``, and nothing
depends on hash order, so the same arguments always give byte-identical files.
Every record says it is synthetic; no real person, outlet or address is named
(addresses use the reserved ``.example`` domain).
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from generator.editor.records import slug, to_yaml
from generator.errors import BriefingError
from generator.files import write_folder
from generator.model import UNATTRIBUTED
from generator.project import Project

START = date(2024, 1, 1)

_FIRST = ["Ada", "Bora", "Cyril", "Dana", "Emil", "Faye", "Goran", "Hana", "Ivo", "Jana", "Kiro", "Lena", "Milo", "Nadia", "Oren", "Pia", "Rada", "Sven"]
_SYLLABLES = [
    "ka",
    "ro",
    "vi",
    "len",
    "mar",
    "to",
    "sa",
    "ne",
    "dor",
    "li",
    "ba",
    "sko",
    "ran",
    "mi",
    "tel",
    "vo",
    "zan",
    "pe",
    "gu",
    "rin",
    "da",
    "ko",
    "shi",
    "ber",
]
_PLACES = ["Arden", "Belmor", "Calder", "Dunmere", "Estova", "Falkar", "Greywick", "Halden", "Istra", "Jorvik", "Kessel", "Lorne", "Marrow", "Norvale"]
_THINGS = [("troops", "troops"), ("shells", "artillery shells"), ("people", "displaced people"), ("vehicles", "armoured vehicles"), ("drones", "drones")]
_PLACE_KINDS = ["region", "front", "district", "border area", "corridor"]
_KINDS = [("person", 55), ("agency", 10), ("government", 8), ("military", 7), ("organisation", 5), ("outlet", 10), ("anonymous-group", 5)]
_COUNTRIES = ["AR", "BE", "CZ", "DK", "EE", "FI", "GR", "HU", "IS", "LT", "NO", "PL", "RO", "SK"]
_ROLES = ["Defence minister", "Intelligence chief", "Spokesperson", "Analyst", "Commander", "Envoy", "Foreign minister", "Researcher"]
_FILLER = (
    "officials reported that talks continued through the week while observers noted new movement along the roads near the "
    "river crossing and local authorities asked residents to stay indoors as convoys passed late at night under heavy rain "
    "analysts cautioned that satellite images remained inconclusive and that earlier estimates had been revised several times "
    "diplomats met again in the capital and a joint statement promised further consultations before the end of the month"
)
_WORDS = _FILLER.split()
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _weights(n: int, skew: float) -> list[float]:
    """Cumulative Zipf-like weights: rank r gets 1/(r+1)^skew."""
    return list(accumulate(1.0 / (r + 1) ** skew for r in range(n)))


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


@dataclass
class _Actor:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    role: str | None = None
    part_of: str | None = None


@dataclass
class _Figure:
    id: str
    label: str
    unit: str
    noun: str
    level: float
    headline: bool
    related: list[str] = field(default_factory=list)


@dataclass
class _Source:
    id: str
    day: date | None
    precision: str  # "day", "month" or "none"
    basis: str
    outlet: str | None
    title: str | None
    url: str | None
    relays: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)

    @property
    def published(self) -> str | None:
        if self.day is None:
            return None
        return self.day.isoformat() if self.precision == "day" else self.day.isoformat()[:7]


@dataclass
class _Citation:
    source: str
    quote: str
    via: list[str]
    note: str | None = None


@dataclass
class _Claim:
    id: str
    actor: str
    stance: str
    figure: str | None
    value: dict[str, object] | None
    claimed_on: dict[str, str] | None
    as_of: dict[str, str] | None
    statement: str
    citations: list[_Citation]
    tags: list[str]


class Synth:
    """Builds a corpus in memory; :meth:`write` puts it on disk. Same seed, same bytes."""

    def __init__(self, claims: int, seed: int) -> None:
        if claims < 1:
            raise BriefingError("--claims must be at least 1.")
        self.n = claims
        self.seed = seed
        self.rng = random.Random(seed)
        self.span_days = min(1095, max(30, claims // 25))
        self.names: set[str] = set()
        self.actors: list[_Actor] = []
        self.figures: list[_Figure] = []
        self.sources: list[_Source] = []
        self.claims: list[_Claim] = []
        self._actors()
        self._figures()
        self._sources()
        self._claims()

    # --- records ---------------------------------------------------------------------------------
    def _unique_name(self, make: Callable[[], str]) -> str:
        for _ in range(1000):
            name = make()
            if name.casefold() not in self.names:
                self.names.add(name.casefold())
                return name
        raise BriefingError("could not find a fresh synthetic name; use fewer claims")

    def _surname(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.choice((2, 3)))).capitalize()

    def _actors(self) -> None:
        rng = self.rng
        count = max(12, self.n // 20)
        kinds, weights = zip(*_KINDS, strict=True)
        used: set[str] = set()
        self.actors.append(_Actor(UNATTRIBUTED, "Unattributed (the article's own voice)", "anonymous-group"))
        self.names.add(self.actors[0].name.casefold())
        for i in range(count):
            kind = "outlet" if i < 3 else rng.choices(kinds, weights)[0]
            if kind == "person":
                name = self._unique_name(lambda: f"{rng.choice(_FIRST)} {self._surname()}")
            elif kind == "outlet":
                name = self._unique_name(lambda: f"The {self._surname()} {rng.choice(['Post', 'Wire', 'Courier', 'Monitor', 'Herald'])}")
            elif kind == "anonymous-group":
                name = self._unique_name(lambda: f"Officials familiar with the {self._surname()} assessment")
            else:
                label = {"agency": "Agency", "government": "Government", "military": "General Staff", "organisation": "Institute"}[kind]
                name = self._unique_name(lambda: f"{self._surname()} {label}")  # noqa: B023 - called before the loop moves on
            ident = slug(name)
            while ident in used:
                ident += "-x"
            used.add(ident)
            actor = _Actor(ident, name, kind)
            if kind in ("person", "agency", "government", "military"):
                actor.country = rng.choice(_COUNTRIES)
            if kind == "person":
                actor.role = rng.choice(_ROLES)
                if rng.random() < 0.3:
                    # A misspelling, as articles make them: two letters swapped in the surname.
                    first, last = name.split(" ", 1)
                    k = rng.randrange(1, len(last) - 1)
                    alias = f"{first} {last[:k]}{last[k + 1]}{last[k]}{last[k + 2 :]}"
                    if alias.casefold() not in self.names:
                        self.names.add(alias.casefold())
                        actor.aliases.append(alias)
                governments = [a.id for a in self.actors if a.kind == "government"]
                if governments and rng.random() < 0.3:
                    actor.part_of = rng.choice(governments)
            self.actors.append(actor)
        # Speakers in a skewed order: rank 0 says the most. Outlets speak too, in their own reports.
        self.speakers = [a.id for a in self.actors[1:]]
        rng.shuffle(self.speakers)
        self.speaker_weights = _weights(len(self.speakers), 1.1)
        self.outlets = [a.id for a in self.actors if a.kind == "outlet"]
        self.relayers = [a.id for a in self.actors if a.kind in ("outlet", "agency")]
        self.by_id = {a.id: a for a in self.actors}

    def _figures(self) -> None:
        rng = self.rng
        count = max(4, round(self.n**0.5 / 3))
        for i in range(count):
            unit, noun = rng.choice(_THINGS)
            place = f"{rng.choice(_PLACES)} {rng.choice(_PLACE_KINDS)}"
            label = f"Synthetic {noun} in the {place} ({i + 1})"
            level = float(rng.choice([800, 2500, 6000, 12000, 40000, 150000]))
            self.figures.append(_Figure(slug(f"synth-{unit}-{i + 1}"), label, unit, noun, level, headline=i < 3))
        for i, figure in enumerate(self.figures):
            if i and rng.random() < 0.2:
                figure.related.append(self.figures[rng.randrange(i)].id)
        self.figure_weights = _weights(count, 1.0)

    def _sources(self) -> None:
        rng = self.rng
        count = max(3, self.n // 4)
        for i in range(count):
            day = START + timedelta(days=rng.randrange(self.span_days))
            r = rng.random()
            precision = "none" if r < 0.03 else "month" if r < 0.08 else "day"
            basis = "inferred" if rng.random() < 0.4 else "stated"
            outlet = rng.choice(self.outlets) if rng.random() < 0.8 else None
            title = (
                None
                if rng.random() < 0.15
                else f"Synthetic report {i + 1}: {rng.choice(_PLACES)} {rng.choice(['talks', 'deployment', 'estimates', 'dispute'])}"
            )
            ident = f"{day.isoformat() if precision != 'none' else 'undated'}-synth-{i + 1:06d}"
            url = f"https://news.example/{day.year}/{ident}" if rng.random() < 0.5 else None
            self.sources.append(_Source(ident, None if precision == "none" else day, precision, basis, outlet, title, url))
        dated = sorted((s.day, s.id) for s in self.sources if s.day is not None and s.precision == "day")
        self.dated_days = [d for d, _ in dated]
        self.dated_ids = [i for _, i in dated]
        self.source_by_id = {s.id: s for s in self.sources}

    # --- claims ----------------------------------------------------------------------------------
    def _value(self, figure: _Figure, when: date | None) -> tuple[dict[str, object], str]:
        """A value record and the words that carry it, scattered around the figure's drifting level."""
        rng = self.rng
        drift = 1 + 0.5 * ((when - START).days / self.span_days if when else 0.5)
        centre = figure.level * drift * rng.lognormvariate(0, 0.35)
        step = 100 if centre >= 2000 else 10
        n = max(step, round(centre / step) * step)
        r = rng.random()
        if r < 0.4:
            return {"text": _num(n), "low": n, "high": n}, _num(n)
        if r < 0.5:
            text = f"about {_num(n)}"
            return {"text": text, "hedge": "about", "low": n, "high": n, "approximate": True}, text
        if r < 0.65:
            hi = n + max(step, round(n * rng.uniform(0.1, 0.4) / step) * step)
            text = f"between {_num(n)} and {_num(hi)}"
            return {"text": text, "low": n, "high": hi}, text
        if r < 0.7 and n < 10000:
            return {"text": "low thousands", "low": 1000, "high": 3000, "approximate": True, "note": '"low thousands" read as 1,000 to 3,000'}, "low thousands"
        if r < 0.85:
            hedge = rng.choice(["up to", "as many as"])
            text = f"{hedge} {_num(n)}"
            return {"text": text, "hedge": hedge, "high": n}, text
        hedge = rng.choice(["more than", "at least"])
        text = f"{hedge} {_num(n)}"
        return {"text": text, "hedge": hedge, "low": n + (1 if hedge == "more than" else 0)}, text

    def _later_source(self, claimed: date | None, exclude: set[str]) -> _Source | None:
        """A dated article published on or up to a week after the claim, to cite it again."""
        if claimed is None or not self.dated_days:
            return None
        lo = bisect_left(self.dated_days, claimed)
        hi = bisect_left(self.dated_days, claimed + timedelta(days=8))
        choices = [self.dated_ids[i] for i in range(lo, hi) if self.dated_ids[i] not in exclude]
        return self.source_by_id[self.rng.choice(choices)] if choices else None

    def _claims(self) -> None:
        rng = self.rng
        width = len(str(self.n))
        for i in range(self.n):
            primary = rng.choice(self.sources)
            speaker = rng.choices(self.speakers, cum_weights=self.speaker_weights)[0]
            if rng.random() < 0.04:
                speaker = UNATTRIBUTED
            actor = self.by_id[speaker]
            figure = rng.choices(self.figures, cum_weights=self.figure_weights)[0]
            r = rng.random()
            stance = "denies" if r < 0.06 else "cannot-confirm" if r < 0.1 else "expects" if r < 0.18 else "warns" if r < 0.23 else "asserts"
            # When the claim was made: on or up to three days before the article that reports it.
            claimed_on: dict[str, str] | None = None
            claimed_day: date | None = None
            if primary.day is not None and rng.random() > 0.1:
                claimed_day = primary.day - timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
                if primary.precision == "month":
                    claimed_on = {"date": claimed_day.isoformat()[:7], "basis": "stated"}
                elif rng.random() < 0.05:
                    claimed_on = {"date": claimed_day.isoformat()[:7], "basis": "inferred", "note": 'the article says only "earlier this month"'}
                elif rng.random() < 0.3:
                    note = f'"on {_DAYS[claimed_day.weekday()]}" in an article published on {primary.published}'
                    claimed_on = {"date": claimed_day.isoformat(), "basis": "inferred", "note": note}
                else:
                    claimed_on = {"date": claimed_day.isoformat(), "basis": "stated"}
            who = "the report" if speaker == UNATTRIBUTED else actor.name
            place = figure.label.split(" in the ", 1)[1].rsplit(" (", 1)[0]
            value: dict[str, object] | None = None
            words = ""
            if stance in ("denies", "cannot-confirm"):
                verb = "denied" if stance == "denies" else "said it could not confirm"
                core = f"{who} {verb} reports of {figure.noun} in the {place}"
                statement = f"{who} {'denied' if stance == 'denies' else 'could not confirm'} reports of {figure.noun} in the {place}."
                if rng.random() < 0.3:
                    figure_id: str | None = None
                else:
                    figure_id = figure.id
            else:
                value, words = self._value(figure, claimed_day or primary.day)
                verb = {"asserts": "said", "expects": "expects", "warns": "warned of"}[stance]
                core = f"{who} {verb} {words} {figure.noun} in the {place}"
                statement = f"{who} {verb} {words} {figure.noun} in the {place}."
                figure_id = figure.id
            detail = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(3, 9)))
            quote = f"{core[0].upper()}{core[1:]}, {detail} (claim {i + 1})."
            citations = [_Citation(primary.id, quote, self._via(speaker, primary))]
            primary.sentences.append(quote)
            extra = 1 if rng.random() < 0.2 else 0
            extra += 1 if extra and rng.random() < 0.25 else 0
            cited = {primary.id}
            for _ in range(extra):
                other = self._later_source(claimed_day, cited)
                if other is None:
                    break
                cited.add(other.id)
                if value is None:
                    variant = f"{core[0].upper()}{core[1:]} (claim {i + 1}, as relayed)."
                else:
                    variant = f"According to {who}, {words} {figure.noun} are in the {place} (claim {i + 1}, as relayed)."
                other.sentences.append(variant)
                citations.append(_Citation(other.id, variant, self._via(speaker, other), note="Worded differently from the first report."))
            as_of = None
            if value is not None and claimed_on and rng.random() < 0.05:
                as_of = {"date": claimed_on["date"][:7], "basis": "stated"}
            tags = [figure.unit] + (["disputed"] if stance in ("denies", "cannot-confirm") else [])
            self.claims.append(_Claim(f"synth-claim-{i + 1:0{width}d}", speaker, stance, figure_id, value, claimed_on, as_of, statement, citations, tags))

    def _via(self, speaker: str, source: _Source) -> list[str]:
        """Intermediaries for one citation, recorded as the article's relays too."""
        if self.rng.random() >= 0.25:
            return []
        chain = [self.rng.choice(self.relayers)]
        if self.rng.random() < 0.2:
            chain.append(self.rng.choice(self.relayers))
        chain = [v for i, v in enumerate(chain) if v != speaker and v not in chain[:i]]
        source.relays.extend(v for v in chain if v not in source.relays)
        return chain

    # --- text and files --------------------------------------------------------------------------
    def _text(self, source: _Source) -> str:
        """The article: a headline, filler paragraphs, and each cited sentence exactly once."""
        rng = self.rng
        sentences = list(source.sentences)
        for _ in range(6 + len(sentences)):
            words = [rng.choice(_WORDS) for _ in range(rng.randrange(10, 22))]
            sentences.insert(rng.randrange(len(sentences) + 1), " ".join(words).capitalize() + ".")
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        head = source.title or "Synthetic article"
        return head + "\n\n" + "\n\n".join(paragraphs) + "\n"

    def files(self) -> dict[str, bytes]:
        """Every file of ``data/``, by path relative to it, in a stable order, written by the one YAML emitter."""
        out: dict[str, str | bytes] = {}
        for a in self.actors:
            actor: dict[str, object] = {"id": a.id, "name": a.name, "kind": a.kind}
            if a.aliases:
                actor["aliases"] = list(a.aliases)
            if a.country:
                actor["country"] = a.country
            if a.role:
                actor["role"] = a.role
            if a.part_of:
                actor["part_of"] = a.part_of
            actor["notes"] = f"Synthetic actor (briefing synth, seed {self.seed})."
            out[f"actors/{a.id}.yml"] = to_yaml("actor", actor)
        for f in self.figures:
            figure: dict[str, object] = {"id": f.id, "label": f.label, "unit": f.unit}
            figure["definition"] = f"Synthetic: the number of {f.noun} in the named place, at the claim date."
            if f.headline:
                figure["headline"] = True
            if f.related:
                figure["related"] = list(f.related)
            out[f"figures/{f.id}.yml"] = to_yaml("figure", figure)
        for s in self.sources:
            text = self._text(s).encode("utf-8")
            out[f"sources/{s.id}.txt"] = text
            source: dict[str, object] = {"id": s.id, "title": s.title or None}
            if s.title:
                source["title_basis"] = "stated"
            source["outlet"] = s.outlet
            if s.outlet is None:
                source["outlet_note"] = "Synthetic: the text does not name its outlet."
            source["url"] = s.url or None
            if s.published is None:
                source["published"] = None
            else:
                note = {"note": "Synthetic: worked out from weekday references in the text."} if s.basis == "inferred" else {}
                source["published"] = {"date": s.published, "basis": s.basis, **note}
            source.update(language="en", sha256=hashlib.sha256(text).hexdigest(), relays=list(s.relays))
            source["notes"] = f"Synthetic article (briefing synth, seed {self.seed})."
            out[f"sources/{s.id}.yml"] = to_yaml("source", source)
        for c in self.claims:
            claim: dict[str, object] = {"id": c.id, "actor": c.actor}
            if c.figure:
                claim["figure"] = c.figure
            if c.value:
                claim["value"] = {key: c.value[key] for key in ("text", "hedge", "low", "high", "approximate", "note") if key in c.value}
            claim["stance"] = c.stance
            claim["claimed_on"] = c.claimed_on
            if c.as_of:
                claim["as_of"] = c.as_of
            claim["statement"] = c.statement
            claim["citations"] = [
                {"source": cit.source, "quote": cit.quote, "via": list(cit.via), **({"note": cit.note} if cit.note else {})} for cit in c.citations
            ]
            claim["tags"] = list(c.tags)
            out[f"claims/{c.id}.yml"] = to_yaml("claim", claim)
        return {k: (v.encode("utf-8") if isinstance(v, str) else v) for k, v in out.items()}


def write(root: Path, claims: int, seed: int) -> Synth:
    """Write a synthetic ``data/`` into ``root``. Refuses a ``data/`` that already holds files.

    The folder is written all at once (:func:`generator.files.write_folder`), so an
    interrupted run leaves no half-written corpus behind.
    """
    data = Project(root).data
    if data.exists() and (not data.is_dir() or any(data.iterdir())):
        raise BriefingError(
            f"refusing to write into {data}: it already holds files, and synth never overwrites or deletes an editor's data. "
            "Hint: pass an empty or new --root folder."
        )
    synth = Synth(claims, seed)
    write_folder(data, dict(synth.files()))
    return synth
