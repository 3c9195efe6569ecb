"""Draft claims from an archived article, for an editor to review: ``briefing suggest``.

The article is split into sentences (pysbd, which knows "U.S." and "Gen." are not sentence
ends and reports character offsets). In each sentence:

1. **Attribution cues** (:mod:`generator.suggest.attribution`: "said", "told", "claimed", "according to", "cited … as saying",
   "reported", "estimated", denials) are found with their speaker: the nearest known actor
   (matched by name and aliases) on the speaker's side of the verb, a pronoun resolved to the
   last person or group named, or a new actor proposed from a capitalised name. Outlets that
   relay the speaker ("told Bloomberg", "in an interview with VOA", "The War Zone cited",
   "citing Bloomberg") become the via-chain. Each cue owns the words it reports: after the
   verb ("said that …") or before it ("…, the sources told Bloomberg.").
2. **Quantities** (:mod:`generator.suggest.quantities`) become value claims of the cue that owns them.
   A number no cue owns is in the article's own voice and is drafted for the actor
   ``unattributed`` with a review flag, unless the sentence opens with a pronoun or "The …"
   and continues a paragraph whose previous sentence was attributed, in which case that
   attribution is carried over, again flagged.
3. The **figure** (:mod:`generator.suggest.figures`) is chosen among existing figures of the same unit ("troops", "rounds",
   "percent", …) by the words around the number, weighted by how rare each word is across
   figures (IDF), over each figure's label, definition, notes and the quotes of its curated
   claims from *other* articles, and by modality and tense: a number that *could* be sent, one
   planned and one already there go to the figure whose definition says so (``_MODALITY``).
   No figure of that unit means a new figure is proposed.
4. **Stances** without a number (denials, "no evidence", "can't confirm", warnings,
   expectations, plain assertions) become stance claims of their cue.
5. **Dates** (:mod:`generator.suggest.dates`) next to the cue are when it was said (``claimed_on``);
   "as of …" and month names inside the reported words are what the value describes (``as_of``).

Every draft carries the sentence as its quote, so it passes quote verification unchanged, and
a ``review`` list saying what was inferred and what to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pysbd

from generator import model
from generator.editor.records import slug
from generator.suggest.attribution import Attribution, Cue
from generator.suggest.dates import DateMention, find_dates
from generator.suggest.figures import FigureMatcher
from generator.suggest.lexicon import (
    _ANAPHORIC_START,
    _CANNOT_CONFIRM,
    _DENY,
    _EXPECT,
    _MODIFIER,
    _RATE,
    _REPORT_NOUN,
    _STRAIGHT,
    _TIME_NOUNS,
    _UNNAMED_REPORT,
    _WARN,
    UNIT_NOUNS,
    _terms,
)
from generator.suggest.quantities import Quantity, find_quantities

#: The actor for words in an article's own voice (see the README's data model).
OWN_VOICE = model.UNATTRIBUTED


# --- what suggest reads and writes -----------------------------------------------------------------


@dataclass
class Drafts:
    """The drafts for one source: claims, and the actors and figures they need that do not exist yet."""

    source: str
    claims: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int
    paragraph: int


class Suggester(Attribution):
    """Drafts claims for one source against a validated corpus."""

    def __init__(self, corpus: model.Corpus, source_id: str, taken_ids: Iterable[str] = ()) -> None:
        self.corpus = corpus
        self.source = corpus.sources[source_id]
        self.drafts = Drafts(source_id)
        #: Ids no draft may take: every curated id, and those of other drafts.
        self.taken_ids: set[str] = set(corpus.claims) | set(corpus.actors) | set(corpus.figures) | set(taken_ids)
        self._alias_patterns = self._build_aliases()
        self._figures = FigureMatcher(corpus, source_id)
        self._last_person: str | None = None
        self._last_group: str | None = None
        #: People named in full so far: after "German Chancellor Olaf Scholz", "Scholz" alone is him.
        self._surnames: dict[str, re.Pattern[str]] = {}
        #: The last unit noun read, for "the number could rise to 12,000".
        self._last_unit: tuple[str, str, bool] | None = None
        self._new_actors: dict[str, str] = {}
        self._new_figures: dict[str, str] = {}

    # --- knowledge ------------------------------------------------------------------------------

    def _build_aliases(self) -> list[tuple[re.Pattern[str], str]]:
        entries: list[tuple[str, str]] = []
        for actor in self.corpus.actors.values():
            if actor.id == OWN_VOICE:
                continue
            names = {actor.name, re.sub(r"\s*\([^)]*\)$", "", actor.name), *actor.aliases}
            entries.extend((name.translate(_STRAIGHT), actor.id) for name in names if name)
        entries.sort(key=lambda e: len(e[0]), reverse=True)
        patterns = []
        for name, ident in entries:
            first, rest = name[0], re.escape(name[1:])
            patterns.append((re.compile(rf"(?<![\w-])[{re.escape(first.upper())}{re.escape(first.lower())}]{rest}(?![\w-])"), ident))
        return patterns


    # --- the pass over the text -----------------------------------------------------------------

    def run(self) -> Drafts:
        # Cues first, in reading order (pronouns resolve to what was named before them), so that
        # a sentence can be read with the next one: "…, according to a new report." is often
        # followed by the sentence that names the report.
        sentences = list(self._sentences())
        all_cues = []
        for sentence in sentences:
            all_cues.append(self._cues(sentence.text))
            self._remember_speakers(sentence.text)
        for i, cues in enumerate(all_cues[:-1]):
            self._name_unnamed_report(sentences[i], cues, sentences[i + 1], all_cues[i + 1])
        previous: tuple[int, list[Cue]] | None = None
        for sentence, cues in zip(sentences, all_cues, strict=True):
            carried = None
            if not cues and previous and previous[0] == sentence.paragraph and previous[1] and _ANAPHORIC_START.match(sentence.text):
                carried = previous[1][-1]
            self._draft_sentence(sentence, cues, carried)
            previous = (sentence.paragraph, cues or ([carried] if carried else []))
            units = [w for w in re.findall(r"[\w’'-]+", sentence.text) if w.lower() in UNIT_NOUNS]
            if units:
                self._last_unit = (UNIT_NOUNS[units[-1].lower()], units[-1], True)
        return self.drafts

    def _name_unnamed_report(self, sentence: _Sentence, cues: list[Cue], following: _Sentence, next_cues: list[Cue]) -> None:
        """Credit "according to a new report" to the report the next sentence names with its source.

        An indefinite report ("a new report", "a recent study") is introduced before it is named: "…,
        according to a new report. … an analysis by G-20 nations suggests …, sources familiar with
        the assessment told Bloomberg." When the next sentence speaks of a report too and names who
        says it, that speaker (and its via-chain) is taken, and the draft says so for review.
        """
        for cue in cues:
            if cue.verb != "according to" or cue.speakers:
                continue
            unnamed = _UNNAMED_REPORT.match(sentence.text.translate(_STRAIGHT), cue.verb_start)
            if unnamed is None or not _REPORT_NOUN.search(following.text):
                continue
            named = next((c for c in next_cues if c.speakers), None)
            if named is None:
                continue
            cue.speakers, cue.via = list(named.speakers), list(named.via)
            who = ", ".join(self.corpus.actors[a].name if a in self.corpus.actors else a for a in named.speakers)
            cue.review.append(f'"{unnamed.group(0)}" is not named here; it was read as the report of the next sentence, credited to {who}. Check it.')

    def _sentences(self) -> Iterable[_Sentence]:
        segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        offset = 0
        for number, line in enumerate(self.source.text.split("\n")):
            # A line that does not end like a sentence is a heading, caption or page furniture.
            if re.search(r"[.!?][\"'”’)]?\s*$", line):
                for span in segmenter.segment(line):
                    text = span.sent.rstrip()
                    lead = len(text) - len(text.lstrip())
                    if text.strip():
                        yield _Sentence(text.strip(), offset + span.start + lead, number)
            offset += len(line) + 1


    # --- cues -----------------------------------------------------------------------------------


    def _propose_actor(self, name: str) -> str:
        if name in self._new_actors:
            return self._new_actors[name]
        ident = self._free_id(slug(name))
        kind = "person" if re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+){1,2}", name) else "organisation"
        self.drafts.actors.append(
            {
                "id": ident,
                "name": name,
                "kind": kind,
                "review": [f'New actor proposed from "{name}" in {self.source.id}; no existing actor has this name or alias. The kind ({kind}) is a guess.'],
            }
        )
        self._new_actors[name] = ident
        return ident


    # --- drafting -------------------------------------------------------------------------------

    def _draft_sentence(self, sentence: _Sentence, cues: list[Cue], carried: Cue | None) -> None:
        text = sentence.text
        dates = find_dates(text, self.source.published)
        used: set[int] = set()
        quantities = [q for q in find_quantities(text) if self._unit(text, q, sentence) is not None]
        for quantity in quantities:
            owner = next((c for c in cues if c.region[0] <= quantity.start < c.region[1]), None)
            review: list[str] = []
            if owner is None and carried is not None:
                owner = carried
                review.append("This sentence names no speaker; the attribution is carried over from the previous sentence of the paragraph. Check it.")
            if owner is not None:
                used.add(id(owner))
                if not owner.speakers:
                    phrase = sentence.text[owner.verb_start : owner.verb_end] if owner.verb == "according to" else owner.verb
                    review.append(f'The words are credited ("{phrase}") to no speaker the text names, so they are drafted in the article\'s own voice.')
                    owner = None
            for speaker in owner.speakers if owner else [OWN_VOICE]:
                self._draft_value(sentence, quantity, owner, speaker, dates, review)
        for cue in cues:
            if id(cue) in used or not cue.speakers:
                continue
            region = text[cue.region[0] : cue.region[1]]
            if len(re.findall(r"\w+", region)) < 3:
                continue
            for speaker in cue.speakers:
                self._draft_stance(sentence, cue, speaker, dates)

    def _unit(self, text: str, quantity: Quantity, sentence: _Sentence) -> tuple[str, str, bool] | None:
        """(unit, unit noun, inferred) for a quantity, or None when it is not a count worth drafting."""
        if quantity.percent:
            return "percent", "%", False
        tail = text[quantity.number_end :]
        words = re.findall(r"[\w’'-]+|[^\w\s]", tail)[:7]
        for i, word in enumerate(words):
            low = word.lower()
            if low in _TIME_NOUNS:
                return None
            if low in UNIT_NOUNS:
                after = tail[tail.find(word) + len(word) :]
                unit = UNIT_NOUNS[low]
                return (f"{unit} per day" if _RATE.match(after) else unit), word, False
            if not _MODIFIER.match(word) or i >= 5:
                break
        if (quantity.high or quantity.low or 0) < 100:
            return None
        # No unit noun after the number: the nearest one before it in the sentence, then the paragraph.
        before = re.findall(r"[\w’'-]+", text[: quantity.start])
        for word in reversed(before):
            if word.lower() in UNIT_NOUNS:
                return UNIT_NOUNS[word.lower()], word, True
        clause = re.split(r"[,;.]", tail, maxsplit=1)[0]  # "300 and 400 of them were Shahed drones"
        for word in re.findall(r"[\w’'-]+", clause):
            if word.lower() in UNIT_NOUNS:
                return UNIT_NOUNS[word.lower()], word, True
        return self._last_unit


    def _choose_figure(self, text: str, quantity: Quantity, unit: str, noun: str) -> tuple[str, list[str]]:
        chosen = self._figures.choose(text, quantity, unit)
        if chosen is None:
            return self._propose_figure(text, quantity, unit, noun), [f"No existing figure counts {unit}; a new figure is proposed."]
        return chosen

    def _propose_figure(self, text: str, quantity: Quantity, unit: str, noun: str) -> str:
        key = unit
        if key in self._new_figures:
            return self._new_figures[key]
        ident = self._free_id(slug(noun) or slug(unit))
        self.drafts.figures.append(
            {
                "id": ident,
                "label": noun[:1].upper() + noun[1:],
                "unit": unit,
                "definition": f'Proposed from "{text}". Write exactly what is counted, and at what moment, so that estimates can be compared.',
                "review": [f"New figure proposed for a number counting {unit}; no existing figure has this unit. Rewrite the label and definition."],
            }
        )
        self._new_figures[key] = ident
        return ident

    def _draft_value(self, sentence: _Sentence, quantity: Quantity, cue: Cue | None, actor: str, dates: list[DateMention], review: list[str]) -> None:
        unit_info = self._unit(sentence.text, quantity, sentence)
        assert unit_info is not None
        unit, noun, inferred_unit = unit_info
        figure, figure_review = self._choose_figure(sentence.text, quantity, unit, noun)
        value: dict[str, Any] = {"text": quantity.text}
        if quantity.hedge:
            value["hedge"] = quantity.hedge
        if quantity.low is not None:
            value["low"] = _number(quantity.low)
        if quantity.high is not None:
            value["high"] = _number(quantity.high)
        if quantity.approximate:
            value["approximate"] = True
        if quantity.note:
            value["note"] = quantity.note
        stance = _stance(sentence.text, cue, quantity)
        notes = list(review)
        if inferred_unit:
            notes.append(f'No unit noun follows the number; "{noun}" earlier in the sentence was used.')
        notes.extend(figure_review)
        self._add_claim(sentence, cue, actor, stance, dates, notes, figure=figure, value=value, quantity=quantity)

    def _draft_stance(self, sentence: _Sentence, cue: Cue, actor: str, dates: list[DateMention]) -> None:
        # "X said A, though B": a concession is a second statement, often with another stance.
        start, end = cue.region
        parts = [(start, end)]
        # "X stressed A and expressed hope that B": a second speech act of the same speaker, likewise.
        concession = re.search(
            r",\s+(?:though|although)\s|,?\s+and\s+(?:also\s+)?(?:expressed|voiced|added|said|warned|noted|stressed|called|urged)\b", sentence.text[start:end]
        )
        if concession:
            parts = [(start, start + concession.start()), (start + concession.start(), end)]
        stances = list(dict.fromkeys(_stance(sentence.text, cue, None, part) for part in parts))
        for stance in stances:
            self._add_claim(sentence, cue, actor, stance, dates, [])

    def _add_claim(
        self,
        sentence: _Sentence,
        cue: Cue | None,
        actor: str,
        stance: str,
        dates: list[DateMention],
        review: list[str],
        *,
        figure: str | None = None,
        value: dict[str, Any] | None = None,
        quantity: Quantity | None = None,
    ) -> None:
        own_voice = cue is None
        review = list(cue.review if cue else []) + review
        claimed_on, as_of, date_review = self._dates(sentence.text, cue, dates, quantity, own_voice)
        review.extend(date_review)
        if own_voice:
            outlet = self.corpus.actors[self.source.outlet].name if self.source.outlet in self.corpus.actors else None
            review.insert(
                0,
                f"Outlet voice: no speaker is named, so this is attributed to {OWN_VOICE} (the article's own voice"
                + (f", published by {outlet}" if outlet else "; the outlet is not named")
                + "). Check whether an earlier sentence attributes it.",
            )
        elif cue is not None:
            review.insert(0, f'Attributed through "{cue.verb}"' + (f", via {', '.join(cue.via)}" if cue.via else "") + ".")
        if actor == OWN_VOICE and actor not in self.corpus.actors and not any(a["id"] == OWN_VOICE for a in self.drafts.actors):
            self.drafts.actors.append(
                {
                    "id": OWN_VOICE,
                    "name": "Unattributed (the article's own voice)",
                    "kind": "anonymous-group",
                    "notes": "Used when an article states a figure in its own voice without attributing it to anyone.",
                    "review": ["The data has no actor for words in an article's own voice yet; this one is proposed for them."],
                }
            )
        actor_name = self.corpus.actors[actor].name if actor in self.corpus.actors else next(a["name"] for a in self.drafts.actors if a["id"] == actor)
        if value is not None and figure is not None:
            label = self.corpus.figures[figure].label if figure in self.corpus.figures else next(f["label"] for f in self.drafts.figures if f["id"] == figure)
            statement = f"{actor_name}: {label}, {value['text']}."
            ident = self._free_id(slug(f"{actor} {value['text']} {figure.split('-')[-1]}"))
        else:
            statement = f"{actor_name} ({stance}): {_summary(sentence.text, cue)}"
            ident = self._free_id(slug(f"{actor} {stance} {' '.join(_terms(sentence.text[cue.region[0] : cue.region[1]] if cue else '')[:4])}"))
        claim: dict[str, Any] = {"id": ident, "actor": actor}
        if figure is not None:
            claim["figure"] = figure
        if value is not None:
            claim["value"] = value
        claim["stance"] = stance
        claim["claimed_on"] = claimed_on
        if as_of is not None:
            claim["as_of"] = as_of
        claim["statement"] = statement
        claim["citations"] = [{"source": self.source.id, "quote": sentence.text, "via": list(cue.via) if cue else []}]
        drafted_from = "the figure and value" if value is not None else "the reported words"
        claim["review"] = review + [f"The statement is drafted from {drafted_from}; reword it in a neutral sentence of your own."]
        self.drafts.claims.append(claim)

    def _dates(
        self, text: str, cue: Cue | None, dates: list[DateMention], quantity: Quantity | None, own_voice: bool
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None, list[str]]:
        claimed: dict[str, Any] | None = None
        as_of: dict[str, Any] | None = None
        review: list[str] = []
        for mention in dates:
            near_cue = cue is not None and (
                cue.speaker_start - 30 <= mention.start <= cue.verb_start
                or (cue.verb_end <= mention.start <= cue.verb_end + 60 and "that" not in text[cue.verb_end : mention.start])
            )
            if mention.describes_value and not near_cue:
                if quantity is not None and as_of is None:
                    if mention.dated is None:
                        review.append(f"as_of left unknown: {mention.why}.")
                    else:
                        as_of = mention.dated.data()
                continue
            if near_cue and claimed is None and not own_voice:
                if mention.dated is None:
                    review.append(f"claimed_on left unknown: {mention.why}.")
                else:
                    claimed = mention.dated.data()
            elif quantity is not None and as_of is None and mention.phrase.lower().startswith(("last month", "this month")) and mention.dated:
                as_of = mention.dated.data()
        if own_voice and self.source.published is not None:
            claimed = {
                "date": self.source.published.date,
                "basis": "inferred",
                "note": "Stated in the article's own voice; the article's publication date"
                + (" (inferred)" if self.source.published.basis == "inferred" else ""),
            }
        elif claimed is None and cue is not None:
            review.append("No date is given for when this was said; claimed_on is null.")
        return claimed, as_of, review

    def _free_id(self, base: str) -> str:
        base = base[:80].strip("-") or "draft"
        ident, n = base, 2
        while ident in self.taken_ids:
            ident, n = f"{base}-{n}", n + 1
        self.taken_ids.add(ident)
        return ident


def _stance(text: str, cue: Cue | None, quantity: Quantity | None, region: tuple[int, int] | None = None) -> str:
    text = text.translate(_STRAIGHT)
    start, end = region or (cue.region if cue else (0, len(text)))
    region_text = text[start:end]
    verb = cue.verb if cue else ""
    if verb in _DENY:
        return "denies"
    if _CANNOT_CONFIRM.search(region_text):
        return "cannot-confirm"
    if verb.startswith("warn") or verb.endswith("concern") or (quantity is None and _WARN.search(region_text)):
        return "warns"
    if quantity is not None and quantity.hedge and quantity.hedge.lower() == "up to" and re.search(r"\bcould\b", region_text):
        return "warns"
    if verb in ("expects", "expect") or _EXPECT.search(region_text):
        return "expects"
    return "asserts"


def _summary(text: str, cue: Cue | None) -> str:
    words = text[cue.region[0] : cue.region[1]].strip(" ,") if cue else text
    words = re.sub(r"^that\s+", "", words)
    words = words[:1].upper() + words[1:]
    return words if re.search(r"[.!?][\"'”’]?$", words) else words + "."


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def suggest(corpus: model.Corpus, source_id: str, taken_ids: Iterable[str] = ()) -> Drafts:
    """Draft claims for ``source_id``, which must be a source of ``corpus``, with ids outside ``taken_ids``."""
    return Suggester(corpus, source_id, taken_ids).run()


# --- output --------------------------------------------------------------------------------------
