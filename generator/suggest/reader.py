"""Draft claims from an archived article, for an editor to review: ``briefing suggest``.

The article is split into sentences (pysbd, which knows "U.S." and "Gen." are not sentence
ends and reports character offsets). In each sentence:

1. **Attribution cues** ("said", "told", "claimed", "according to", "cited … as saying",
   "reported", "estimated", denials) are found with their speaker: the nearest known actor
   (matched by name and aliases) on the speaker's side of the verb, a pronoun resolved to the
   last person or group named, or an actor drafted from the subject phrase
   (:mod:`generator.suggest.speakers`: "the UN Office … (OCHA) said", "“…,” the Front's
   convenor, Jimmy Sham, said"). A contrast that does not repeat its verb gives each number its
   own speaker ("…, the CGT union of 3.5 million"), and a quotation cut into sentences is
   credited to the speaker named where it closes. Outlets that
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
   What the number counts (:mod:`generator.suggest.counted`: casualties, deaths, missing,
   turnout, …) and whose count it is must agree with the figure; when no figure fits, a new
   one is drafted and named after what it counts.
4. **Stances** without a number (denials, "no evidence", "can't confirm", warnings,
   expectations, plain assertions) become stance claims of their cue.
5. **Dates** (:mod:`generator.suggest.dates`) next to the cue are when it was said (``claimed_on``);
   "as of …" and month names inside the reported words are what the value describes (``as_of``).

A value claim the corpus already holds (same actor, figure and bounds, said within a month) is
proposed as one more citation of that claim instead (:mod:`generator.suggest.on_file`). Every
draft carries the sentence as its quote, so it passes quote verification unchanged, and a
``review`` list saying what was inferred and what to check.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pysbd

from generator import model
from generator.suggest.counted import count_kind, figure_kind, new_figure_label
from generator.suggest.dates import DateMention, find_dates
from generator.suggest.lexicon import (
    _ACCORDING,
    _ANAPHORIC_START,
    _CANNOT_CONFIRM,
    _CITED_AS_SAYING,
    _CITING,
    _DENY,
    _EXPECT,
    _FUNCTION_WORDS,
    _GROUP_BACKREF,
    _INTERVIEW,
    _MODALITY,
    _MODALITY_WEIGHT,
    _MODIFIER,
    _MONTH_NAMES,
    _PASSIVE,
    _PRONOUN,
    _RATE,
    _REPORT_NOUN,
    _STRAIGHT,
    _TIME_NOUNS,
    _TROOP_WORDS,
    _UNNAMED_REPORT,
    _VERB,
    _WARN,
    _WEAK_VERBS,
    UNIT_NOUNS,
    _figure_stem,
    _figure_terms,
    _modality_profile,
    _terms,
)
from generator.suggest.on_file import claim_record, find_on_file
from generator.suggest.quantities import Quantity, find_quantities
from generator.suggest.speakers import Speaker, read_speaker, subject_after, subject_before

#: The actor for words in an article's own voice (see the README's data model).
OWN_VOICE = model.UNATTRIBUTED


# --- cue words -------------------------------------------------------------------------------------


# --- units -----------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class _Sentence:
    text: str
    start: int
    paragraph: int


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    actor: str
    possessive: bool


@dataclass
class _Cue:
    verb: str
    verb_start: int
    verb_end: int
    speakers: list[str]
    via: list[str]
    speaker_start: int
    #: The reported words: [start, end) of the sentence.
    region: tuple[int, int] = (0, 0)
    after: bool = True
    review: list[str] = field(default_factory=list)
    #: A clause that gives a second speaker's number without repeating the verb ("…, the CGT union of 3.5 million").
    elliptic: bool = False
    #: When it was said, for a cue read from another sentence (where a quotation closes).
    said_on: dict[str, Any] | None = None


class Suggester:
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
        self._figure_docs, self._idf = self._build_figure_docs()
        self._figure_modality = {f.id: _modality_profile(f"{f.label}. {f.definition}") for f in corpus.figures.values()}
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
        self._article_names: set[str] | None = None

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

    def _build_figure_docs(self) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
        """Each figure as a unit-length TF-IDF vector over its label, definition and the quotes of its
        curated claims from other articles; and the IDF of each word across figures. Notes are left
        out: they name the figures this one is *not* ("killed troops are a separate figure")."""
        counts: dict[str, Counter[str]] = {}
        for figure in self.corpus.figures.values():
            own = Counter(_figure_terms(" ".join(filter(None, [figure.label, figure.definition]))))
            counts[figure.id] = Counter({term: 2 * n for term, n in own.items()})
        for claim in self.corpus.claims.values():
            if claim.figure in counts:
                for citation in claim.citations:
                    if citation.source != self.source.id:  # learn only from other articles, never from this one
                        counts[claim.figure].update(_figure_terms(citation.quote))
        n = len(counts) or 1
        frequency: Counter[str] = Counter()
        for terms in counts.values():
            frequency.update(set(terms))
        idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in frequency.items()}
        docs = {}
        for ident, terms in counts.items():
            vector = {t: (1 + math.log(c)) * idf[t] for t, c in terms.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            docs[ident] = {t: v / norm for t, v in vector.items()}
        return docs, idf

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
        quoted = self._quotes_closed_later(sentences, all_cues)
        previous: tuple[int, list[_Cue]] | None = None
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

    def _quotes_closed_later(self, sentences: list[_Sentence], all_cues: list[list[_Cue]]) -> dict[int, _Cue]:
        """Sentences inside a quotation whose speaker is named where it closes, in a later sentence:
        "“We are talking about a small number of miles. … It is obliterated,” he said." """
        owners: dict[int, _Cue] = {}
        opened: int | None = None
        for i, sentence in enumerate(sentences):
            text = sentence.text.translate(_STRAIGHT)
            if opened is not None and sentences[opened].paragraph != sentence.paragraph:
                opened = None
            if opened is None:
                if text.startswith('"') and text.count('"') % 2 == 1:
                    opened = i
                continue
            if text.count('"') % 2 == 1:  # the quotation closes here
                close = text.index('"')
                speaker = next((c for c in all_cues[i] if c.speakers and not c.after and c.verb_start > close), None)
                if speaker is not None:
                    said_on, _, _ = self._dates(sentence.text, speaker, find_dates(sentence.text, self.source.published), None, False)
                    for j in range(opened, i):
                        cue = _Cue(speaker.verb, 0, 0, list(speaker.speakers), list(speaker.via), 0, region=(0, 0), after=False)
                        cue.review = [*speaker.review, "The quotation closes in a later sentence, which names its speaker; check the attribution."]
                        cue.said_on = said_on
                        owners[j] = cue
                opened = None
        return owners

    def _name_unnamed_report(self, sentence: _Sentence, cues: list[_Cue], following: _Sentence, next_cues: list[_Cue]) -> None:
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

    def _mentions(self, text: str) -> list[_Mention]:
        plain = text.translate(_STRAIGHT)
        found: list[_Mention] = []
        for pattern, ident in self._alias_patterns:
            for match in pattern.finditer(plain):
                if any(match.start() < m.end and m.start < match.end() for m in found):
                    continue
                possessive = bool(re.match(r"'s?\b|'(?=\s)", plain[match.end() :]))
                found.append(_Mention(match.start(), match.end(), ident, possessive))
        for ident, pattern in self._surnames.items():
            for match in pattern.finditer(plain):
                if not any(match.start() < m.end and m.start < match.end() for m in found):
                    found.append(_Mention(match.start(), match.end(), ident, bool(re.match(r"'s?\b|'(?=\s)", plain[match.end() :]))))
        return sorted(found, key=lambda m: m.start)

    def _remember_speakers(self, text: str) -> None:
        for mention in self._mentions(text):
            kind = self._actor_kind(mention.actor)
            if kind == "person" and mention.actor not in self._surnames:
                surname = re.sub(r"\s*\([^)]*\)$", "", self._actor_name(mention.actor)).split()[-1].translate(_STRAIGHT)
                if len(surname) > 2 and surname[0].isupper():
                    self._surnames[mention.actor] = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
            if mention.possessive:
                continue
            if kind == "person":
                self._last_person = mention.actor
            elif kind == "anonymous-group":
                self._last_group = mention.actor

    # --- cues -----------------------------------------------------------------------------------

    def _cues(self, text: str) -> list[_Cue]:
        plain = text.translate(_STRAIGHT)
        mentions = self._mentions(text)
        cues: list[_Cue] = []
        for match in _CITED_AS_SAYING.finditer(plain):
            obj_start, obj_end = match.span("obj")
            speakers = self._heads([m for m in mentions if obj_start <= m.start and m.end <= obj_end]) or self._new_speaker(plain[obj_start:obj_end])
            citer = self._subject(plain, mentions, match.start())
            cue = _Cue("cited as saying", match.start(), match.end(), speakers, [v for v in citer if self._is_outlet(v)], match.start())
            if not citer:
                cue.review.append("the outlet citing the speaker is not a known actor")
            cues.append(cue)
        for match in _ACCORDING.finditer(plain):
            if any(c.verb_start <= match.start() < c.verb_end for c in cues):
                continue
            end = _clause_end(plain, match.end())
            inside = [m for m in mentions if match.end() <= m.start and m.end <= end]
            speakers, according_review = self._phrase_speakers(plain, match.end(), end, inside)
            via = []
            citing = _CITING.match(plain, end)
            if citing and speakers:
                cited = [m for m in mentions if citing.start("obj") <= m.start and m.end <= citing.end("obj")]
                if cited:
                    via, speakers = [s for s in speakers if self._is_outlet(s)], self._heads(cited)
                    end = citing.end()
            cue = _Cue("according to", match.start(), end, speakers, via, match.start(), review=according_review)
            cue.after = plain[: match.start()].strip() == ""
            cues.append(cue)
        for match in _VERB.finditer(plain):
            verb = match.group("verb")
            start, end = match.span()
            if any(c.verb_start <= start < c.verb_end or c.speaker_start <= start < c.verb_end for c in cues):
                continue
            if any(m.start <= start < m.end for m in mentions):
                continue  # "South Korean media reports" names an actor; "reports" is not its verb
            if _PASSIVE.search(plain[:start]) or (
                re.match(r"\s+(?:to|at|\d)", plain[end:]) and verb.startswith("estimat") and re.search(r"\b(?:an|the)\s+$", plain[:start])
            ):
                continue
            if verb in _WEAK_VERBS and any(c.after and c.verb_end <= start for c in cues):
                continue  # "he said that Kyiv expects …": reported, not a new speaker
            if verb in ("put", "puts") and not re.match(
                r"\s+(?:[\w’'-]+\s+){1,8}?at\s+(?:about|around|some|roughly|nearly|almost|more than|over|up to|least|\d)", plain[end:]
            ):
                continue  # "put the number at 3,252" reports a number; "put pressure on" does not
            if verb in ("published", "released", "issued", "provided", "gave") and not re.match(
                r"\s+(?:a|an|its|their|the|new|fresh|updated)?\s*(?:new\s+|updated\s+|revised\s+)?(?:list|figures?|report|data|toll|tally|count|estimate|statement|statistics)\b",
                plain[end:],
            ):
                continue  # "published a list of 7,028", "provided an estimate": a number is reported
            if verb == "cited" and not re.match(r"\s+[\w\s'-]{0,60}?(?:figures|data|estimates?|report|statistics)\b", plain[end:]):
                continue
            inverted_subject = (
                subject_after(plain, end)
                if re.search(r"[\"”],?\s*$|[,.!?][\"”]\s*$", plain[:start]) and verb in ("said", "says", "added", "wrote", "claimed")
                else None
            )
            if inverted_subject is not None:
                # "“…,” said President Joe Biden on October 25": the speaker follows the verb.
                phrase, phrase_start = inverted_subject
                ident, review = self._speaker_actor(plain, phrase, phrase_start, [m for m in mentions if m.start >= end])
                if ident:
                    cue = _Cue(verb, start, phrase_start + len(phrase), [ident], [], start, review=review)
                    cues.append(cue)
                    continue
            speakers, speaker_start, review = self._verb_speakers(plain, mentions, start, propose=verb not in _WEAK_VERBS)
            if verb.endswith("ing") and plain[:start].rstrip().endswith(","):
                # "Haiti's prime minister Garry Conille welcomed the mission, calling it …": the
                # participle's subject is the one that opens the sentence.
                opening = [
                    m
                    for m in mentions
                    if not m.possessive
                    and m.end <= start
                    and len(re.findall(r"\w+", plain[: m.start])) <= 5
                    and not re.search(r",|\b(?:between|of|in|with|for|on|at|to|from|by|after|when|as|and|while)\b", plain[: m.start])
                ]
                if opening:
                    speakers, speaker_start, review = [opening[0].actor], start, []
            if not speakers:
                continue
            via = []
            if verb in ("told", "tells", "tell"):
                obj = [m for m in mentions if m.start >= end and m.start - end <= 2]
                via = [m.actor for m in obj if self._is_outlet(m.actor)]
                if obj and not via:
                    end = obj[0].end
            interview = _INTERVIEW.search(plain)
            if interview:
                via += [m.actor for m in mentions if interview.start("obj") <= m.start < interview.end("obj") and self._is_outlet(m.actor)]
            citing = _CITING.search(plain, end)
            if citing and self._is_outlet(speakers[0]):
                cited_by = self._heads([m for m in mentions if citing.start("obj") <= m.start and m.end <= citing.end("obj")])
                if cited_by:
                    via, speakers = speakers[:1], cited_by
            cue = _Cue(verb, start, end, speakers, via, speaker_start, review=review)
            cues.append(cue)
        cues.sort(key=lambda c: c.verb_start)
        self._regions(plain, cues)
        if any(c.speakers for c in cues):
            cues.extend(self._elliptic_cues(plain, cues))
        return cues

    def _elliptic_cues(self, plain: str, cues: list[_Cue]) -> list[_Cue]:
        """Second speakers in a contrast that does not repeat its verb: "The Interior Ministry spoke of
        almost 1.1 million people, the CGT union of 3.5 million"; "the unions counted 20,000 and the
        prefecture 8,500"; "nearly 2 million, according to the CGT, and 570,000 for the Ministry"."""
        number = r"(?:about|around|some|nearly|almost|more than|over|up to|at least)?\s*\d[\d,.]*(?:\s+(?:million|thousand|billion))?"
        patterns = [
            rf",\s+(?:and\s+|while\s+|but\s+)?(?P<who>(?:the\s+)?[A-Z][\w.'-]*(?:\s+[\w.'-]+){{0,3}}?)\s+(?:of|at)\s+(?P<num>{number})",
            rf"\band\s+(?P<who>(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)\s+(?P<num>{number})",
            rf"(?P<num>{number})(?:\s+[a-z]+)?\s+(?:for|according to)\s+(?P<who>(?:the\s+)?[A-Z][^,.;]*)",
        ]
        found: list[_Cue] = []
        first = next(c for c in cues if c.speakers)
        for pattern in patterns:
            for match in re.finditer(pattern, plain):
                if match.start("num") < first.verb_end or any(c.verb_start <= match.start("who") < c.verb_end for c in cues):
                    continue
                who = match.group("who")
                speaker = read_speaker(who, match.start("who"), plain[match.end("who") :])
                if speaker is None:
                    continue
                ident, review = self._speaker_actor(plain, who, match.start("who"), [], speaker)
                if not ident:
                    continue
                reason = f'The number follows "{who}" in a clause that repeats "{first.verb}" without saying it; read as said by {self._actor_name(ident)}.'
                cue = _Cue(first.verb, match.start("who"), match.end("who"), [ident], [], match.start("who"), review=[*review, reason], elliptic=True)
                cue.region = (min(match.start("num"), match.start("who")), max(match.end("num"), match.end("who")))
                found.append(cue)
        return found

    def _actor_kind(self, ident: str) -> str:
        if ident in self.corpus.actors:
            return self.corpus.actors[ident].kind
        return next((str(a["kind"]) for a in self.drafts.actors if a["id"] == ident), "organisation")

    def _actor_name(self, ident: str) -> str:
        if ident in self.corpus.actors:
            return self.corpus.actors[ident].name
        return next((str(a["name"]) for a in self.drafts.actors if a["id"] == ident), ident)

    def _is_outlet(self, ident: str) -> bool:
        actor = self.corpus.actors.get(ident)
        return actor is not None and actor.kind == "outlet"

    def _heads(self, mentions: list[_Mention]) -> list[str]:
        """The actors a noun phrase names: its non-possessive mentions ("Ukraine's chief … Budanov")."""
        heads = [m.actor for m in mentions if not m.possessive] or [m.actor for m in mentions[-1:]]
        return list(dict.fromkeys(heads))

    def _subject(self, plain: str, mentions: list[_Mention], verb_start: int) -> list[str]:
        speakers, _, _ = self._verb_speakers(plain, mentions, verb_start)
        return speakers

    def _verb_speakers(self, plain: str, mentions: list[_Mention], verb_start: int, *, propose: bool = True) -> tuple[list[str], int, list[str]]:
        """Who is the subject of the verb at ``verb_start``: known actors, a pronoun's antecedent or a new name."""
        before = plain[:verb_start]
        pronoun = _PRONOUN.search(before)
        if pronoun and not re.search(r"[.,;:]", before[pronoun.start("p") :]):
            word = pronoun.group("p").lower()
            people = [m.actor for m in mentions if m.end <= pronoun.start("p") and self._actor_kind(m.actor) == "person"]
            person = people[-1] if people else self._last_person
            if word in ("he", "she") and person:
                return [person], pronoun.start("p"), [f'"{pronoun.group("p")}" read as {self._actor_name(person)}, the last person named']
            if word == "it":
                things = [m.actor for m in mentions if m.end <= pronoun.start("p") and not m.possessive and self._actor_kind(m.actor) != "person"]
                if things:
                    return [things[-1]], pronoun.start("p"), [f'"it" read as {self._actor_name(things[-1])}, named earlier in the sentence']
            if word in ("who", "which"):
                earlier = [m for m in mentions if m.end <= pronoun.start("p") and pronoun.start("p") - m.end <= 3]
                if earlier:
                    return [earlier[-1].actor], earlier[-1].start, []
        # The nearest known actors ending just before the verb, with "X and Y" kept together.
        chosen: list[_Mention] = []
        limit = verb_start
        for mention in reversed([m for m in mentions if m.end <= verb_start]):
            gap = plain[mention.end : limit]
            if mention.possessive:
                continue
            if chosen:
                if not re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", gap):
                    break
            elif not _subject_gap(gap):
                break
            chosen.append(mention)
            limit = mention.start
        if chosen:
            return list(dict.fromkeys(m.actor for m in reversed(chosen))), chosen[-1].start, []
        group = _GROUP_BACKREF.search(before)
        if group and self._last_group:
            return [self._last_group], group.start(), [f'"{group.group(0).strip()}" read as {self._actor_name(self._last_group)}, the last group named']
        # Not a known actor: read the subject phrase ("the UN Office … (OCHA)", "Othman Abdel Jalil, the
        # health minister …,", "“…,” the Front's convenor, Jimmy Sham, said") and draft its actor.
        found = subject_before(plain, verb_start) if propose else None
        if found is None:
            return [], 0, []
        phrase, start = found
        ident, review = self._speaker_actor(plain, phrase, start, mentions)
        return ([ident] if ident else []), start, review

    def _new_speaker(self, phrase: str) -> list[str]:
        """Propose a new actor from a capitalised name in ``phrase``, such as "Valeriy Ryabykh"."""
        phrase = phrase.strip(" ,")
        words = phrase.split()
        if not words or len(words) > 12:
            return []
        name_match = re.search(r"\b[A-Z][\w’'.-]+(?:\s+(?:(?:of|for|the|and|on)\s+)*[A-Z][\w’'-]+){1,5}\b", phrase)
        if name_match is None:
            return []  # "officials", "a new report": no name to propose an actor from
        name = name_match.group(0).translate(_STRAIGHT).strip()
        if name.split()[0] in ("The", "A", "An", "In", "On"):
            name = " ".join(name.split()[1:])
        if not name or len(name.split()) < 2:
            return []
        known = [m for m in self._mentions(name) if m.start == 0 and m.end == len(name)]
        if known:
            return [known[0].actor]  # a known actor in a phrase no cue pattern reads: never propose it twice
        return [self._propose_actor(name)]

    def _phrase_speakers(self, plain: str, start: int, end: int, inside: list[_Mention]) -> tuple[list[str], list[str]]:
        """The speakers a phrase names ("according to the US Defense Department"): a known actor that
        is the whole name, else a drafted actor (part of a known one the phrase names as a modifier)."""
        phrase = plain[start:end]
        lead = len(phrase) - len(phrase.lstrip())
        speaker = read_speaker(phrase, start + lead, plain[end:])
        if speaker is None:
            return self._heads(inside), []
        known = self._known(speaker)
        if known:
            return [known], []
        heads = [m for m in inside if not m.possessive]
        if heads and not self._modifier_only(plain, heads, speaker):
            return self._heads(inside), []
        ident, review = self._speaker_actor(plain, phrase.strip(), start + lead, inside, speaker)
        return ([ident] if ident else self._heads(inside)), review

    def _modifier_only(self, plain: str, heads: list[_Mention], speaker: Speaker) -> bool:
        """Whether the known actors in a speaker phrase only modify its head: "US" in "US Defense Department"."""
        last = heads[-1]
        rest = plain[last.end : speaker.span[1]].strip(" ,")
        return bool(rest) and not rest.startswith(("(", "[", "and ", ",")) and speaker.name != plain[last.start : last.end]

    def _known(self, speaker: Speaker) -> str | None:
        for name in [speaker.name, *speaker.aliases]:
            exact = [m for m in self._mentions(name) if m.start == 0 and m.end == len(name)]
            if exact:
                return exact[0].actor
        for name in [speaker.name, *speaker.aliases]:
            if name.lower() in self._new_actor_ids:
                return self._new_actor_ids[name.lower()]
        # A surname alone after the full name of a drafted person: "Vanden Bempt said" after "Tim Vanden Bempt".
        if speaker.kind == "person":
            for actor in self.drafts.actors:
                if actor.get("kind") == "person" and actor["name"].endswith(" " + speaker.name):
                    return str(actor["id"])
        return None

    def _speaker_actor(self, plain: str, phrase: str, start: int, mentions: list[_Mention], speaker: Speaker | None = None) -> tuple[str | None, list[str]]:
        """The actor a subject phrase names: a known one, else a drafted actor with its reasons."""
        speaker = speaker or read_speaker(phrase, start, plain[start + len(phrase) :])
        if speaker is None:
            return None, []
        known = self._known(speaker)
        if known:
            return known, []
        exact = [m for m in mentions if m.start == speaker.span[0] and m.end == speaker.span[1] and not m.possessive]
        if exact:
            return exact[0].actor, []
        part_of = None
        if speaker.owner:
            owners = [m for m in self._mentions(speaker.owner) if not m.possessive or m.end >= len(speaker.owner) - 2]
            if owners:
                part_of = owners[-1].actor
            elif speaker.owner.lower() in self._new_actors:
                part_of = self._new_actor_ids[speaker.owner.lower()]
        ident = self._propose_speaker(speaker, part_of, phrase)
        return ident, [f'"{phrase}" is not an actor yet; the claim is attributed to the drafted actor {ident}.']

    def _propose_speaker(self, speaker: Speaker, part_of: str | None, phrase: str) -> str:
        key = speaker.name.lower()
        if key in self._new_actors:
            return self._new_actor_ids[key]
        ident = self._free_id(_slug(speaker.aliases[0] if speaker.aliases and len(speaker.name) > 40 else speaker.name))
        actor: dict[str, Any] = {"id": ident, "name": speaker.name, "kind": speaker.kind}
        if speaker.aliases:
            actor["aliases"] = list(speaker.aliases)
        if speaker.role:
            actor["role"] = speaker.role
        if part_of:
            actor["part_of"] = part_of
        review = [
            f'New actor drafted from "{phrase}" in {self.source.id}; no existing actor has this name or alias.',
            *(r[:1].upper() + r[1:] + "." for r in speaker.reasons),
        ]
        if part_of:
            review.append(f"part_of {part_of} is suggested because the text names it with the speaker; check that it is the body this one belongs to.")
        elif speaker.owner:
            review.append(f'The text names "{speaker.owner}" as the body it belongs to, which is not an actor: add part_of once it is.')
        actor["review"] = review
        self.drafts.actors.append(actor)
        self._new_actor_ids[key] = ident
        for alias in speaker.aliases:
            self._new_actor_ids[alias.lower()] = ident
        self._alias_patterns.insert(0, (re.compile(rf"(?<![\w-]){re.escape(speaker.name)}(?![\w-])"), ident))
        for alias in speaker.aliases:
            self._alias_patterns.insert(0, (re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])"), ident))
        return ident

    def _propose_actor(self, name: str) -> str:
        if name in self._new_actors:
            return self._new_actors[name]
        ident = self._free_id(_slug(name))
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

    def _regions(self, plain: str, cues: list[_Cue]) -> None:
        """Decide which words each cue reports: after the verb ("said that …") or before it ("…, he said.")."""
        for i, cue in enumerate(cues):
            if cue.verb == "according to":
                if cue.after:
                    cue.region = (cue.verb_end, len(plain))
                else:
                    cue.region = (cues[i - 1].region[1] if i else 0, cue.verb_start)
                continue
            rest = plain[cue.verb_end :]
            next_start = cues[i + 1].speaker_start if i + 1 < len(cues) else len(plain)
            inverted = bool(re.search(r'(?:,\s|")\s*(?:\w+\s+){0,8}$', plain[: cue.speaker_start])) and cue.speaker_start > 0
            # "Earlier, OCHA said …" or "In the capital, the CGT reports …" opens with a short adverbial, not with the reported words.
            if inverted and len(re.findall(r"\w+", plain[: cue.speaker_start])) < 6 and '"' not in plain[: cue.speaker_start]:
                inverted = False
            if inverted and re.match(r"[^,.;:\"”]{0,60}?\d", rest):
                inverted = False  # "…, it reported 487 deaths": the number follows its verb
            if re.search(r",\s+(?:\w+\s+)?(?:which|whom|who|where|when)\s+$", plain[: cue.speaker_start]):
                inverted = False  # a relative clause reports forward: "a call, in which he slammed …"
            says_that = re.match(r"[^.;,]{0,100}?\bthat\b", rest) is not None
            words_after = len(re.findall(r"\w+", plain[cue.verb_end : next_start]))
            if (inverted and not says_that) or words_after < 3:
                cue.after = False
                cue.region = (cues[i - 1].region[1] if i and cues[i - 1].after is False else (cues[i - 1].verb_end if i else 0), cue.speaker_start)
            else:
                end = next_start
                if re.search(r"\b(?:which|who)\s+(?:\w+\s+){0,2}$", plain[: cue.verb_start]):
                    comma = plain.find(",", cue.verb_end)
                    end = min(end, comma) if comma >= 0 else end  # "X, which boasted that …, has …"
                cue.region = (cue.verb_end, end)

    # --- drafting -------------------------------------------------------------------------------

    def _draft_sentence(self, sentence: _Sentence, cues: list[_Cue], carried: _Cue | None) -> None:
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
        if unit == "casualty":
            unit = self._casualty_unit(text)
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

    def _choose_figure(self, text: str, quantity: Quantity, unit: str, noun: str, noun_counts: bool = True) -> tuple[str, list[str]]:
        kind = count_kind(text, quantity.start, quantity.end) or (count_kind(noun, 0, 0) if noun_counts else None)
        listed = None
        if kind is None:
            # "The missing people include 121 in Wajima and 82 in Suzu": a number listed after another counts the same.
            earlier = [q for q in find_quantities(text) if q.end <= quantity.start]
            listed = count_kind(text, earlier[-1].start, earlier[-1].end) if earlier else None
            kind = listed
        if unit.split(" per ")[0] not in ("troops", "people"):
            kind = None  # "lost 2,000 units of equipment": casualty words count people only
        what = f'{unit} {kind[0]} ("{kind[1]}")' if kind else unit
        same_unit = [f for f in self.corpus.figures.values() if f.unit.lower() == unit]
        if not same_unit:
            return self._propose_figure(text, quantity, unit, noun, kind), [f"No existing figure counts {unit}; a new figure is drafted. Write its definition."]
        # Casualties, deaths, injuries and missing people are different quantities: a number goes only
        # to a figure that counts the same thing, and not to one about other people ("Russian" troops
        # are not counted by a figure of "Ukrainian" troops).
        candidates = [f for f in same_unit if figure_kind(f.label, f.definition) == (kind[0] if kind else None)]
        candidates = [f for f in candidates if not self._other_subject(text, quantity, f.label)]
        if not candidates:
            return self._propose_figure(text, quantity, unit, noun, kind), [
                f"No existing figure counts {what} of the same people; a new figure is drafted. Write its definition."
            ]
        # The words near the number count most: in "almost 11,000 … training in eastern Russia with
        # 2,600 poised to be deployed to the Kursk region" each number has its own neighbours.
        pattern = r"[A-Za-z][A-Za-z’'-]*|\d[\d,.]*"
        tokens = re.findall(pattern, text)
        first = len(re.findall(pattern, text[: quantity.start]))
        last = first + len(re.findall(pattern, quantity.text))
        weights: dict[str, float] = {}
        for i, token in enumerate(tokens):
            if token.lower() in _FUNCTION_WORDS or token[0].isdigit():
                continue
            distance = first - i if i < first else max(0, i - last + 1)
            weight = math.exp(-distance / 3.0)
            term = _figure_stem(token)
            weights[term] = max(weights.get(term, 0.0), weight)
        modality = self._number_modality(text, quantity)
        scores = []
        for figure in candidates:
            doc = self._figure_docs[figure.id]
            score = sum(w * self._idf.get(t, 0.0) * doc[t] for t, w in weights.items() if t in doc)
            scores.append((score + self._modality_fit(modality, figure.id) - self._absent_names(figure.label), figure.id))
        scores.sort(reverse=True)
        content = {t: w for t, w in weights.items() if t not in {_figure_stem(n) for n in UNIT_NOUNS}}
        best_doc = self._figure_docs[scores[0][1]]
        if not any(t in best_doc and self._idf.get(t, 0.0) > 0 for t in content):
            return self._propose_figure(text, quantity, unit, noun, kind), [
                f"No existing figure counting {unit} shares a word with the words around the number; a new figure is drafted. Write its definition."
            ]
        review = [f"Figure chosen by the words around the number among {len(candidates)} figure{'' if len(candidates) == 1 else 's'} counting {what}"]
        if listed:
            review.append(f'What the number counts ("{listed[1]}") was read from the number listed before it in the sentence.')
        if len(scores) > 1:
            review[0] += f"; the runner-up is {scores[1][1]}."
        else:
            review[0] += "."
        return scores[0][1], review

    @staticmethod
    def _number_modality(text: str, quantity: Quantity) -> dict[str, float]:
        """How strongly the words next to the number read as capacity, plan or present, by distance:
        in "there are almost 11,000 troops training in Russia with 2,600 poised to be deployed", 11,000
        is present and 2,600 planned. Only the number's own clause is read."""
        weights: dict[str, float] = {}
        for name, pattern in _MODALITY.items():
            best = 0.0
            for match in pattern.finditer(text):
                if match.end() <= quantity.start:
                    gap = text[match.end() : quantity.start]
                elif match.start() >= quantity.end:
                    gap = text[quantity.end : match.start()]
                else:
                    gap = ""
                if re.search(r"[;:—–]|,\s+(?:the|a|an|according|but|while|though|although|as|and)\b|\s-\s", gap):
                    continue
                # The number's own noun phrase is no distance: "10,000 North Korean soldiers could soon".
                distance = len([w for w in re.findall(r"[\w’'-]+", gap) if w.lower() not in UNIT_NOUNS and not _MODIFIER.match(w)])
                best = max(best, math.exp(-distance / 3.0))
            weights[name] = best
        return weights

    def _modality_fit(self, modality: dict[str, float], figure: str) -> float:
        """A bonus for a figure whose definition names the modality of the number, and a malus for one
        whose definition names only others; figures whose definitions name none are left as they are."""
        profile = self._figure_modality[figure]
        total = sum(profile.values())
        if not total:
            return 0.0
        fit = 0.0
        for name, weight in modality.items():
            share = profile[name] / total
            strength = min(profile[name], 3) / 3
            fit += weight * (strength if share > 0 else 0.0) - weight * (1 - share) * 0.5
        return _MODALITY_WEIGHT * fit

    def _absent_names(self, label: str) -> float:
        """A malus for each place or people a figure's label names that the whole article never does:
        troops "amassed in the Kursk region" are not the subject of an article that never names Kursk."""
        if self._article_names is None:
            self._article_names = {_figure_stem(w) for w in re.findall(r"\b[A-Z][\w’'-]*", self.source.text)}
        names = {_figure_stem(w) for w in re.findall(r"\b[A-Z][a-z]+\w*", label) if w not in _MONTH_NAMES}
        return 0.5 * len(names - self._article_names)

    def _other_subject(self, text: str, quantity: Quantity, label: str) -> bool:
        """Whether a figure's label names other people than the number's own words: the names and
        adjectives next to the number ("Russian troops") against those of the label ("Ukrainian troops")."""
        names = {_figure_stem(w) for w in re.findall(r"\b[A-Z][a-z]+\w*", label) if w not in _MONTH_NAMES}
        if not names:
            return False
        # Only the number's own noun phrase: "7,000 to 15,000 Russian troops", not the speaker's name.
        phrase = []
        for word in re.findall(r"[\w’'-]+", text[quantity.end :])[:6]:
            if word.lower() in UNIT_NOUNS or not _MODIFIER.match(word):
                break
            phrase.append(word)
        near = {_figure_stem(w) for w in phrase if w[:1].isupper() and w not in _MONTH_NAMES}
        if not near:
            # "Of the some 11,000 North Korean soldiers …, 4,000 casualties": whose casualties the
            # sentence said before the number.
            words = re.findall(r"[\w’'-]+", text[: quantity.start])
            nouns = [i for i, w in enumerate(words) if w.lower() in UNIT_NOUNS and UNIT_NOUNS[w.lower()] in ("troops", "people")]
            if nouns:
                near = {_figure_stem(w) for w in words[max(0, nouns[-1] - 3) : nouns[-1]] if w[:1].isupper() and w not in _MONTH_NAMES}
        # A name no figure uses ("Pyongyang soldiers") says nothing against this one.
        known = {_figure_stem(w) for f in self.corpus.figures.values() for w in re.findall(r"\b[A-Z][a-z]+\w*", f.label)}
        near &= known
        return bool(near) and not (near & names)

    def _propose_figure(self, text: str, quantity: Quantity, unit: str, noun: str, kind: tuple[str, str] | None = None) -> str:
        noun_at = text.find(noun, quantity.end)
        label = new_figure_label(kind[0] if kind else None, unit, text, noun_at if noun_at >= 0 else quantity.end, noun)
        if kind is None and unit == "percent":
            label = "Percent " + new_figure_label(None, unit, text, quantity.end, "%")[:1].lower() + new_figure_label(None, unit, text, quantity.end, "%")[1:]
        key = (unit, label.lower())
        if key in self._new_figures:
            return self._new_figures[key]
        ident = self._free_id(_slug(label) or _slug(unit))
        reason = f'what the number counts was read from "{kind[1]}"' if kind else "the label is the counted noun and the rest of its clause"
        self.drafts.figures.append(
            {
                "id": ident,
                "label": label,
                "unit": unit,
                "definition": f'Proposed from "{text}". Write exactly what is counted, and at what moment, so that estimates can be compared.',
                "review": [f"New figure drafted because no existing figure fits a number counting {unit}; {reason}. Rewrite the label and the definition."],
            }
        )
        self._new_figures[key] = ident
        return ident

    def _draft_value(self, sentence: _Sentence, quantity: Quantity, cue: _Cue | None, actor: str, dates: list[DateMention], review: list[str]) -> None:
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

    def _draft_stance(self, sentence: _Sentence, cue: _Cue, actor: str, dates: list[DateMention]) -> None:
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
        cue: _Cue | None,
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
            ident = self._free_id(_slug(f"{actor} {value['text']} {figure.split('-')[-1]}"))
        else:
            statement = f"{actor_name} ({stance}): {_summary(sentence.text, cue)}"
            ident = self._free_id(_slug(f"{actor} {stance} {' '.join(_terms(sentence.text[cue.region[0] : cue.region[1]] if cue else '')[:4])}"))
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
        record = claim_record(claim)
        if self.as_new:
            record["citations"] = [c for c in record["citations"] if c["source"] != self.source.id]
        record["citations"].append({"source": self.source.id, "quote": sentence.text, "via": via})
        record["review"] = [
            *review,
            f"This is {claim.path} with this article's quote added as a citation: check the quote and via-chain, then replace {claim.path} with this file.",
        ]
        self.drafts.citations.append(record)
        if quantity is not None:
            self.drafts.spans[claim.id] = (sentence.start + quantity.start, sentence.start + quantity.end)

    def _dates(
        self, text: str, cue: _Cue | None, dates: list[DateMention], quantity: Quantity | None, own_voice: bool
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None, list[str]]:
        claimed: dict[str, Any] | None = None
        as_of: dict[str, Any] | None = None
        review: list[str] = []
        for mention in dates:
            near_cue = cue is not None and (
                cue.speaker_start - 30 <= mention.start <= cue.verb_start
                or (cue.verb_end <= mention.start <= cue.verb_end + 60 and "that" not in text[cue.verb_end : mention.start])
            )
            if mention.describes_value and cue is not None and mention.end <= cue.speaker_start:
                near_cue = False  # "in January and February, South Korea's military said": what the value describes
            if mention.describes_value and not near_cue:
                if re.match(r"\s+(?:and|to|through|-|–)\s+[A-Z][a-z]+", text[mention.end :]):
                    review.append(f'as_of left unknown: "{mention.phrase}" is the start of a period of more than one month.')
                    continue
                if quantity is not None and as_of is None:
                    if mention.dated is None:
                        review.append(f"as_of left unknown: {mention.why}.")
                    else:
                        as_of = _dated(mention.dated)
                continue
            if near_cue and claimed is None and not own_voice:
                if mention.dated is None:
                    review.append(f"claimed_on left unknown: {mention.why}.")
                else:
                    claimed = _dated(mention.dated)
            elif quantity is not None and as_of is None and mention.phrase.lower().startswith(("last month", "this month")) and mention.dated:
                as_of = _dated(mention.dated)
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
        base = base[:80].strip("-") or "draft"
        ident, n = base, 2
        while ident in self.taken_ids:
            ident, n = f"{base}-{n}", n + 1
        self.taken_ids.add(ident)
        return ident


def _subject_gap(gap: str) -> bool:
    """Whether the words between a subject and its verb are only auxiliaries, adverbs, dates or an appositive."""
    gap = gap.strip()
    if not gap:
        return True
    if gap.startswith(")"):
        gap = gap[1:].strip()  # "National Intelligence Service (NIS) has claimed"
    if not gap:
        return True
    if len(gap) > 70 or re.search(r'\bthat\b|[.;:"]', gap):
        return False
    if gap.startswith(",") and gap.endswith(","):
        return True  # "Budanov, Ukraine's spy chief, said"
    return bool(
        re.fullmatch(
            r"(?:(?:has|have|had|also|for|weeks|months|years|last|week|earlier|this|on|\w+day|previously|recently|repeatedly|already|so|far|now)\s*)*",
            gap + " ",
        )
    )


def _clause_end(text: str, start: int) -> int:
    match = re.compile(r"[,.;:]\s|[.;:]$|\s[–—-]\s").search(text, start)
    if match is None:
        return len(text)
    # Keep "(RUSI)" and "Royal United Services Institute (RUSI)" whole.
    return match.start()


def _stance(text: str, cue: _Cue | None, quantity: Quantity | None, region: tuple[int, int] | None = None) -> str:
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


def _summary(text: str, cue: _Cue | None) -> str:
    words = text[cue.region[0] : cue.region[1]].strip(" ,") if cue else text
    words = re.sub(r"^that\s+", "", words)
    words = words[:1].upper() + words[1:]
    return words if re.search(r"[.!?][\"'”’]?$", words) else words + "."


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _dated(dated: model.Dated) -> dict[str, Any]:
    result: dict[str, Any] = {"date": dated.date, "basis": dated.basis}
    if dated.note:
        result["note"] = dated.note
    return result


def _slug(text: str) -> str:
    text = re.sub(r"(?<=\d),(?=\d)", "", text.translate(_STRAIGHT).lower()).replace("%", " percent").replace(".", "-")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def suggest(corpus: model.Corpus, source_id: str, taken_ids: Iterable[str] = (), *, as_new: bool = False) -> Drafts:
    """Draft claims for ``source_id``, which must be a source of ``corpus``, with ids outside ``taken_ids``.

    ``as_new`` drafts as if the article had never been curated (for measuring suggest on curated articles).
    """
    return Suggester(corpus, source_id, taken_ids, as_new=as_new).run()
