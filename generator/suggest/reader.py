"""Draft claims from an archived article, for an editor to review: ``briefing suggest``.

The article is split into sentences (pysbd, which knows "U.S." and "Gen." are not sentence
ends and reports character offsets). In each sentence:

1. **Attribution cues** ("said", "told", "claimed", "according to", "cited … as saying",
   "reported", "estimated", denials) are found with their speaker: the nearest known actor
   (matched by name and aliases) on the speaker's side of the verb, a pronoun resolved to the
   last person or group named, or an actor drafted from the subject phrase
   (:mod:`generator.suggest.speakers`; contrasts and quotations: :mod:`~generator.suggest.attribution`). Outlets that
   relay the speaker ("told Bloomberg", "in an interview with VOA", "The War Zone cited",
   "citing Bloomberg") become the via-chain. Each cue owns the words it reports: after the
   verb ("said that …") or before it ("…, the sources told Bloomberg.").
2. **Quantities** (:mod:`generator.suggest.quantities`) become value claims of the cue that owns them.
   A number no cue owns is in the article's own voice and is drafted for the actor
   ``unattributed`` with a review flag, unless the sentence opens with a pronoun or "The …"
   and continues a paragraph whose previous sentence was attributed, in which case that
   attribution is carried over, again flagged.
3. The **figure** is chosen among existing figures of the same unit ("troops", "rounds",
   "percent", …) by the words around the number, weighted by how rare each word is across
   figures (IDF), over each figure's label, definition, notes and the quotes of its curated
   claims from *other* articles, and by modality and tense: a number that *could* be sent, one
   planned and one already there go to the figure whose definition says so (``_MODALITY``).
   What is counted (:mod:`generator.suggest.counted`) must agree; else a figure is drafted.
4. **Stances** without a number (denials, "no evidence", "can't confirm", warnings,
   expectations, plain assertions) become stance claims of their cue.
5. **Dates** (:mod:`generator.suggest.dates`) next to the cue are when it was said (``claimed_on``);
   "as of …" and month names inside the reported words are what the value describes (``as_of``).

A claim already on file gets a citation instead (:mod:`generator.suggest.on_file`). Every draft carries the sentence as its quote, so it passes quote verification unchanged, and a
``review`` list saying what was inferred and what to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pysbd

from generator import model
from generator.editor.records import free_id, slug
from generator.suggest.attribution import Attribution, Cue
from generator.suggest.counted import count_kind, new_figure_label
from generator.suggest.dates import DateMention, another_event, find_dates
from generator.suggest.figures import FigureMatcher
from generator.suggest.lexicon import (
    _ANAPHORIC_START,
    _CANNOT_CONFIRM,
    _DENY,
    _EXPECT,
    _MODIFIER,
    _RATE,
    _REPORT_NOUN,
    _STOP,
    _STRAIGHT,
    _TIME_NOUNS,
    _TROOP_WORDS,
    _UNNAMED_REPORT,
    _WARN,
    UNIT_NOUNS,
)
from generator.suggest.on_file import citation_record, cited_here, find_on_file, restated
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
    #: Curated claims this article repeats, each with the article's quote added as a citation.
    citations: list[dict[str, Any]] = field(default_factory=list)
    #: Curated claims this article repeats that already cite it: nothing to draft.
    already_cited: list[str] = field(default_factory=list)
    #: Where each value claim's number stands in the archived text: claim id → (start, end).
    #: Not written anywhere; the evaluation uses it to tell repeated numbers apart.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: Where a value claim's number is restated in the article (its other quotes, one citation each).
    restated: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int
    paragraph: int


class Suggester(Attribution):
    """Drafts claims for one source against a validated corpus."""

    def __init__(self, corpus: model.Corpus, source_id: str, taken_ids: Iterable[str] = (), *, as_new: bool = False) -> None:
        self.corpus = corpus
        #: Draft as if the article were new: claims that cite only it are not on file (the evaluation's view).
        self.as_new = as_new
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
        #: Drafted actors by lowercase name and alias, to their ids.
        self._new_actor_ids: dict[str, str] = {}
        self._new_figures: dict[tuple[str, str], str] = {}
        self._seen: list[str] = []

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
            flags = re.IGNORECASE if " " in name else 0  # "Yonhap news agency" is Yonhap News Agency; "us" is not "US"
            patterns.append((re.compile(rf"(?<![\w-])[{re.escape(first.upper())}{re.escape(first.lower())}]{rest}(?![\w-])", flags), ident))
        return patterns

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
        quoted = self._quotes_closed_later(sentences, all_cues)
        previous: tuple[int, list[Cue]] | None = None
        for i, (sentence, cues) in enumerate(zip(sentences, all_cues, strict=True)):
            carried = None
            if not cues and i in quoted:
                carried = quoted[i]
            elif not cues and previous and previous[0] == sentence.paragraph and previous[1] and _ANAPHORIC_START.match(sentence.text):
                carried = previous[1][-1]
            self._draft_sentence(sentence, cues, carried)
            previous = (sentence.paragraph, cues or ([carried] if carried else []))
            units = [w for w in re.findall(r"[\w’'-]+", sentence.text) if w.lower() in UNIT_NOUNS]
            if units:
                unit = UNIT_NOUNS[units[-1].lower()]
                self._last_unit = (self._casualty_unit(sentence.text) if unit == "casualty" else unit, units[-1], True)
        # Actors read from a phrase that no draft ended up citing are not proposed.
        used = {c["actor"] for c in self.drafts.claims} | {v for c in self.drafts.claims for v in c["citations"][0]["via"]}
        used |= {a["part_of"] for a in self.drafts.actors if a["id"] in used and "part_of" in a}
        self.drafts.actors = [a for a in self.drafts.actors if a["id"] in used]
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
            who = ", ".join(self._actor_name(a) if a in self.corpus.actors else a for a in named.speakers)
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
        self._new_actor_ids[name.lower()] = ident
        return ident

    def _draft_sentence(self, sentence: _Sentence, cues: list[Cue], carried: Cue | None) -> None:
        text = sentence.text
        dates = find_dates(text, self.source.published)
        used: set[int] = set()
        quantities = [q for q in find_quantities(text) if self._unit(text, q, sentence) is not None]
        for quantity in quantities:
            owning = [c for c in cues if c.region[0] <= quantity.start < c.region[1] or c.region[0] <= quantity.end - 1 < c.region[1]]
            owner = next((c for c in owning if c.elliptic), None) or next(iter(owning), None)
            review: list[str] = []
            if owner is None and carried is not None:
                owner = carried
                if not any("quotation closes in a later sentence" in r for r in carried.review):
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
            if id(cue) in used or not cue.speakers or cue.elliptic:
                continue
            region = text[cue.region[0] : cue.region[1]]
            if len(re.findall(r"\w+", region)) < 3:
                continue
            for speaker in cue.speakers:
                self._draft_stance(sentence, cue, speaker, dates)

    def _unit(self, text: str, quantity: Quantity, sentence: _Sentence) -> tuple[str, str, bool] | None:
        """(unit, unit noun, inferred) for a quantity, or None when it is not a count worth drafting."""
        found = self._unit_noun(text, quantity)
        if found is None:
            return None
        unit, noun, inferred = found
        if unit == "casualty" or (unit == "people" and noun.lower() in ("deaths", "fatalities")):
            unit = self._casualty_unit(text)  # "600 deaths" of soldiers are troops
        return unit, noun, inferred

    def _casualty_unit(self, text: str) -> str:
        """Whom "killed", "dead" or "missing" count: troops when the sentence (or the story so far) is
        about troops, people otherwise."""
        if _TROOP_WORDS.search(text):
            return "troops"
        if self._last_unit is not None and self._last_unit[0] in ("troops", "people"):
            return self._last_unit[0]
        return "people"

    def _unit_noun(self, text: str, quantity: Quantity) -> tuple[str, str, bool] | None:
        if quantity.percent:
            return "percent", "%", False
        tail = text[quantity.number_end :]
        if (quantity.high or quantity.low or 0) < 10 and re.match(r"\s+of\s+(?:the|them|those|these|us|its|their)\b", tail):
            return None  # "one of the people said": a speaker, not a count
        if re.match(r"\s+times\b|-fold\b", tail):
            return None  # "five times the number": a ratio
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
        before_clause = re.split(r"[;:]|,\s", text[: quantity.start])[-1]
        # "Of the deaths, 55 were in …, 23 in …": the sentence names what its numbers count.
        heading = re.match(r"^(?:Of|Among)\s+(?:the|these|those)\s+(?:\w+\s+)?(?P<noun>\w+),", text)
        if heading and heading.group("noun").lower() in UNIT_NOUNS and heading.end() <= quantity.start:
            return UNIT_NOUNS[heading.group("noun").lower()], heading.group("noun"), True
        small = (quantity.high or quantity.low or 0) < 100
        # "The death toll … has risen to 94", "the number of people who were unaccounted for … stood at 222".
        toll = re.search(r"\b(?:death toll|toll|number of (?P<noun>\w+)|tally)\b[^.;]{0,120}?\b(?:to|at|reached|hit|of|is|was)\s+$", text[: quantity.start])
        if toll:
            noun = (toll.group("noun") or "deaths").lower()
            unit = UNIT_NOUNS.get(noun, "people")
            return (self._casualty_unit(text) if unit == "casualty" else unit), toll.group(0).split()[0] if not toll.group("noun") else noun, True
        if small:
            # A small number is a count only beside a counted one: "121 in Wajima and 82 in Suzu".
            listed = re.search(r"\d[\d,.]*\s+(?:in|at|of)\s+(?:the\s+)?(?:[\w-]+\s+){1,4}(?:and|,)\s+$", text[: quantity.start])
            if not listed or not any(w.lower() in UNIT_NOUNS for w in re.findall(r"[\w’'-]+", before_clause)):
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
        earlier = [q for q in find_quantities(text) if q.end <= quantity.start]
        if earlier and not small:
            # "230,000 turned up …, while police put the number at 56,000": the same count.
            same = self._unit_noun(text, earlier[-1])
            if same is not None:
                return same[0], same[1], True
        if self._last_unit is None and not small:
            # "230,000 turned up", "11,300 dead": the verb says people are counted.
            kind = count_kind(text, quantity.start, quantity.end)
            if kind is not None:
                return "casualty" if kind[0] in ("dead", "wounded", "casualties", "missing") else "people", kind[1], True
        return self._last_unit

    def _draft_value(self, sentence: _Sentence, quantity: Quantity, cue: Cue | None, actor: str, dates: list[DateMention], review: list[str]) -> None:
        unit_info = self._unit(sentence.text, quantity, sentence)
        assert unit_info is not None
        unit, noun, inferred_unit = unit_info
        heading = re.match(r"^(?:Of|Among)\s+(?:the|these|those)\s+(?:\w+\s+)?(?P<noun>\w+),", sentence.text)
        noun_counts = not inferred_unit or bool(heading and heading.group("noun") == noun)
        figure, figure_review = self._choose_figure(sentence.text, quantity, unit, noun, noun_counts)
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
            outlet = self._actor_name(self.source.outlet) if self.source.outlet in self.corpus.actors else None
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
        if value is not None and quantity is not None and (mine := cited_here(self.corpus, self.source.id, sentence.text, quantity, self.as_new)):
            self.drafts.already_cited.append(mine)  # curated from this very sentence, whatever the editor changed
            return
        citation = {"source": self.source.id, "quote": sentence.text, "via": list(cue.via) if cue else []}
        if value is not None and figure is not None and quantity is not None and (same := restated(self.drafts.claims, actor, figure, value, citation)):
            self.drafts.restated.setdefault(same["id"], []).append((sentence.start + quantity.start, sentence.start + quantity.end))
            return
        if value is not None and figure is not None:
            on_file = self._on_file(actor, figure, value, claimed_on)
            if on_file is not None:
                existing, why = on_file
                via = list(cue.via) if cue else []
                self._cite(existing, sentence, quantity, via, [*review, why])
                return
        actor_name = self._actor_name(actor) if actor in self.corpus.actors else next(a["name"] for a in self.drafts.actors if a["id"] == actor)
        if value is not None and figure is not None:
            label = self.corpus.figures[figure].label if figure in self.corpus.figures else next(f["label"] for f in self.drafts.figures if f["id"] == figure)
            statement = f"{actor_name}: {label}, {value['text']}."
            ident = self._free_id(slug(f"{actor} {value['text']} {figure.split('-')[-1]}"))
        else:
            statement = f"{actor_name} ({stance}): {_summary(sentence.text, cue)}"
            words = [w for w in re.findall(r"[A-Za-z]+", sentence.text[cue.region[0] : cue.region[1]] if cue else "") if w.lower() not in _STOP]
            ident = self._free_id(slug(f"{actor} {stance} {' '.join(words[:4])}"))
        claim: dict[str, Any] = {"id": ident, "actor": actor, **(cue.attribution(actor) if cue else {})}
        if figure is not None:
            claim["figure"] = figure
        if value is not None:
            claim["value"] = value
        claim["stance"] = stance
        claim["claimed_on"] = claimed_on
        if as_of is not None:
            claim["as_of"] = as_of
        claim["statement"] = statement
        claim["citations"] = [citation]
        drafted_from = "the figure and value" if value is not None else "the reported words"
        claim["review"] = review + [f"The statement is drafted from {drafted_from}; reword it in a neutral sentence of your own."]
        self.drafts.claims.append(claim)
        if quantity is not None:
            self.drafts.spans[ident] = (sentence.start + quantity.start, sentence.start + quantity.end)

    def _on_file(self, actor: str, figure: str, value: dict[str, Any], claimed_on: dict[str, Any] | None) -> tuple[model.Claim, str] | None:
        """A curated claim this statement repeats: same actor, figure and bounds, said within a month."""
        said = claimed_on["date"] if claimed_on else (self.source.published.date if self.source.published else None)
        return find_on_file(self.corpus, self.source.id, actor, figure, value, said, as_new=self.as_new)

    def _cite(self, claim: model.Claim, sentence: _Sentence, quantity: Quantity | None, via: list[str], review: list[str]) -> None:
        """Propose this article's quote as one more citation of a curated claim, instead of a duplicate claim."""
        if not self.as_new and any(c.source == self.source.id for c in claim.citations):
            self.drafts.already_cited.append(claim.id)
            return
        if any(record["id"] == claim.id for record in self.drafts.citations):
            return  # the article repeats itself; one citation per article
        record = citation_record(claim, self.source.id, sentence.text, via, review, as_new=self.as_new)
        self.drafts.citations.append(record)
        if quantity is not None:
            self.drafts.spans[claim.id] = (sentence.start + quantity.start, sentence.start + quantity.end)

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
                or cue.region[1] <= cue.verb_start <= cue.verb_end <= mention.start  # "…,” said X, president of …, on Tuesday"
            )
            if mention.describes_value and cue is not None and mention.end <= cue.speaker_start:
                near_cue = False  # "in January and February, South Korea's military said": what the value describes
            if mention.describes_value and not near_cue:
                if re.match(r"\s+(?:and|to|through|-|–)\s+[A-Z][a-z]+", text[mention.end :]):
                    review.append(f'as_of left unknown: "{mention.phrase}" is the start of a period of more than one month.')
                    continue
                if quantity is not None and as_of is None and another_event(text, quantity.end, mention.start):
                    review.append(f'as_of left unknown: "{mention.phrase}" dates another event of the sentence, not the number.')
                elif quantity is not None and as_of is None:
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
        if claimed is None and cue is not None and cue.said_on is not None:
            claimed = cue.said_on
            review.append("claimed_on is the date given where the quotation closes.")
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
        base = base if len(base) <= 80 else base[:81].rsplit("-", 1)[0]  # cut at a word boundary
        ident = free_id(base.strip("-") or "draft", self.taken_ids)
        self.taken_ids.add(ident)
        return ident

    def _choose_figure(self, text: str, quantity: Quantity, unit: str, noun: str, noun_counts: bool = True) -> tuple[str, list[str]]:
        kind = count_kind(text, quantity.start, quantity.end) or (count_kind(noun, 0, 0) if noun_counts else None)
        listed = False
        if kind is None:
            # "The missing people include 121 in Wajima and 82 in Suzu": a number listed after another counts the same.
            earlier = [q for q in find_quantities(text) if q.end <= quantity.start]
            kind = count_kind(text, earlier[-1].start, earlier[-1].end) if earlier else None
            listed = kind is not None
        if unit.split(" per ")[0] not in ("troops", "people"):
            kind = None  # "lost 2,000 units of equipment": casualty words count people only
        figure, review = self._figures.choose(text, quantity, unit, kind, listed)
        if figure is None:
            return self._propose_figure(text, quantity, unit, noun, kind), review
        return figure, review

    def _propose_figure(self, text: str, quantity: Quantity, unit: str, noun: str, kind: tuple[str, str] | None = None) -> str:
        noun_at = text.find(noun, quantity.end)
        label = new_figure_label(kind[0] if kind else None, unit, text, noun_at if noun_at >= 0 else quantity.end, noun)
        if kind is None and unit == "percent":
            label = "Percent " + new_figure_label(None, unit, text, quantity.end, "%")[:1].lower() + new_figure_label(None, unit, text, quantity.end, "%")[1:]
        counts, adjective = self._figures.new_facets(text, quantity, kind[0] if kind else None)
        if adjective and (kind is not None or (counts and unit == "percent")):
            label = (
                f"{adjective} {label[:1].lower()}{label[1:]}" if kind else f"{adjective} {counts['state']} as a percentage of the force" if counts else label
            )
        key = (unit, label.lower())
        if key in self._new_figures:
            return self._new_figures[key]
        ident = self._free_id(slug(label) or slug(unit))
        reason = f'what the number counts was read from "{kind[1]}"' if kind else "the label is the counted noun and the rest of its clause"
        review = [f"New figure drafted because no existing figure fits a number counting {unit}; {reason}. Rewrite the label and the definition."]
        review += [f"Not filed under an existing figure: {why}." for why in self._figures.contradicted]
        if counts:
            review.append(f"counts ({counts['whose']}, {counts['state']}) was read from the sentence; check it.")
        self.drafts.figures.append(
            {
                "id": ident,
                "label": label,
                "unit": unit,
                **({"counts": counts} if counts else {}),
                "definition": f'Proposed from "{text}". Write exactly what is counted, and at what moment, so that estimates can be compared.',
                "review": review,
            }
        )
        self._new_figures[key] = ident
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


def suggest(corpus: model.Corpus, source_id: str, taken_ids: Iterable[str] = (), *, as_new: bool = False) -> Drafts:
    """Draft claims for ``source_id``, which must be a source of ``corpus``, with ids outside ``taken_ids``.

    ``as_new`` drafts as if the article had never been curated (for measuring suggest on curated articles).
    """
    return Suggester(corpus, source_id, taken_ids, as_new=as_new).run()
