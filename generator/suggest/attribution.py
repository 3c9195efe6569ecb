"""Attribution: who says the words of a sentence, read from cue verbs, names and pronouns.

:class:`Attribution` is the part of :class:`~generator.suggest.reader.Suggester` that finds the
cues of a sentence ("said", "according to", "cited … as saying"), the actors it mentions, and
each cue's speakers and reported words. It keeps what it has read so far (the last person and
group named, surnames seen in full) so that "he" and "Scholz" resolve to the right actor. A
speaker no actor matches is read from the subject phrase (:mod:`generator.suggest.speakers`)
and drafted; a contrast that does not repeat its verb ("…, the CGT union of 3.5 million") gives
its number its own speaker; a quotation cut into sentences belongs to the speaker named where
it closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator import model
from generator.data.names import skeleton
from generator.data.rules import name_owners
from generator.editor.records import slug
from generator.suggest.dates import find_dates
from generator.suggest.lexicon import (
    _ACCORDING,
    _CITED_AS_SAYING,
    _CITING,
    _GROUP_BACKREF,
    _INTERVIEW,
    _PASSIVE,
    _PRONOUN,
    _STRAIGHT,
    _VERB,
    _WEAK_VERBS,
)
from generator.suggest.relay import described, described_note, full_name, relay_chains
from generator.suggest.speakers import Speaker, read_speaker, subject_after, subject_before


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    actor: str
    possessive: bool


@dataclass
class Cue:
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
    #: How the origin was worked out when the text names it only by description ("the nation's spy
    #: agency"): the draft's ``attribution: {basis: inferred, note: …}``.
    inferred: str | None = None

    def attribution(self, actor: str) -> dict[str, Any]:
        """The ``attribution`` field of a claim drafted from this cue for ``actor``: inferred with its note, or none (stated)."""
        return {"attribution": {"basis": "inferred", "note": self.inferred}} if self.inferred and self.speakers[:1] == [actor] else {}


class Attribution:
    """Reads who says what; the :class:`~generator.suggest.reader.Suggester` holds the state and drafts new actors."""

    corpus: model.Corpus
    source: model.Source
    drafts: Any
    _alias_patterns: list[tuple[re.Pattern[str], str]]
    _surnames: dict[str, re.Pattern[str]]
    _last_person: str | None
    _last_group: str | None
    _new_actor_ids: dict[str, str]
    #: Actors named so far in the article, in order (a description such as "the agency" names the last that fits).
    _seen: list[str]

    def _propose_actor(self, name: str) -> str:
        """The id of a new actor drafted from ``name`` (the Suggester drafts it)."""
        raise NotImplementedError

    def _free_id(self, base: str) -> str:
        """A free id for a draft (the Suggester keeps the ids taken)."""
        raise NotImplementedError

    def _dates(
        self, text: str, cue: Cue | None, dates: list[Any], quantity: Any, own_voice: bool
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None, list[str]]:
        """claimed_on, as_of and review remarks for a statement (the Suggester reads dates)."""
        raise NotImplementedError

    def _quotes_closed_later(self, sentences: list[Any], all_cues: list[list[Cue]]) -> dict[int, Cue]:
        """Sentences inside a quotation whose speaker is named where it closes, in a later sentence:
        "“We are talking about a small number of miles. … It is obliterated,” he said." """
        owners: dict[int, Cue] = {}
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
                        cue = Cue(speaker.verb, 0, 0, list(speaker.speakers), list(speaker.via), 0, region=(0, 0), after=False)
                        cue.review = [*speaker.review, "The quotation closes in a later sentence, which names its speaker; check the attribution."]
                        cue.said_on = said_on
                        owners[j] = cue
                opened = None
        return owners

    def _mentions(self, text: str) -> list[Mention]:
        plain = text.translate(_STRAIGHT)
        found: list[Mention] = []
        for pattern, ident in self._alias_patterns:
            for match in pattern.finditer(plain):
                if any(match.start() < m.end and m.start < match.end() for m in found):
                    continue
                possessive = bool(re.match(r"'s?\b|'(?=\s)", plain[match.end() :]))
                found.append(Mention(match.start(), match.end(), ident, possessive))
        for ident, pattern in self._surnames.items():
            for match in pattern.finditer(plain):
                if not any(match.start() < m.end and m.start < match.end() for m in found):
                    found.append(Mention(match.start(), match.end(), ident, bool(re.match(r"'s?\b|'(?=\s)", plain[match.end() :]))))
        return sorted(found, key=lambda m: m.start)

    def _remember_speakers(self, text: str) -> None:
        for mention in self._mentions(text):
            self._seen.append(mention.actor)
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

    def _cues(self, text: str) -> list[Cue]:
        plain = text.translate(_STRAIGHT)
        mentions = self._mentions(text)
        cues: list[Cue] = []
        for match in _CITED_AS_SAYING.finditer(plain):
            obj_start, obj_end = match.span("obj")
            speakers = self._heads([m for m in mentions if obj_start <= m.start and m.end <= obj_end])
            body = None
            if not speakers:
                body = described(self, plain[obj_start:obj_end], [*self._seen, *(m.actor for m in mentions if m.end <= obj_start)])
                speakers = [body] if body else self._new_speaker(plain[obj_start:obj_end])
            citer = self._subject(plain, mentions, match.start()) or self._named_earlier(plain, match.start())
            cue = Cue("cited as saying", match.start(), match.end(), speakers, [v for v in citer if v not in speakers], match.start())
            if body:
                cue.inferred = described_note(self, text[obj_start:obj_end], body)  # as the article wrote it
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
            cue = Cue("according to", match.start(), end, speakers, via, match.start(), review=according_review)
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
                    cue = Cue(verb, start, phrase_start + len(phrase), [ident], [], start, review=review)
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
            cue = Cue(verb, start, end, speakers, via, speaker_start, review=review)
            cues.append(cue)
        cues.sort(key=lambda c: c.verb_start)
        self._regions(plain, cues)
        relay_chains(self, plain, cues, mentions, self._seen)
        if any(c.speakers for c in cues):
            cues.extend(self._elliptic_cues(plain, cues))
        return cues

    def _elliptic_cues(self, plain: str, cues: list[Cue]) -> list[Cue]:
        """Second speakers in a contrast that does not repeat its verb: "The Interior Ministry spoke of
        almost 1.1 million people, the CGT union of 3.5 million"; "the unions counted 20,000 and the
        prefecture 8,500"; "nearly 2 million, according to the CGT, and 570,000 for the Ministry"."""
        number = r"(?:about|around|some|nearly|almost|more than|over|up to|at least)?\s*\d[\d,.]*(?:\s+(?:million|thousand|billion))?"
        patterns = [
            rf",\s+(?:and\s+|while\s+|but\s+)?(?P<who>(?:the\s+)?[A-Z][\w.'-]*(?:\s+[\w.'-]+){{0,3}}?)\s+(?:of|at)\s+(?P<num>{number})",
            rf"\band\s+(?P<who>(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)\s+(?P<num>{number})",
            rf"(?P<num>{number})(?:\s+[a-z]+)?\s+(?:for|according to)\s+(?P<who>(?:the\s+)?[A-Z][^,.;]*)",
        ]
        found: list[Cue] = []
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
                cue = Cue(first.verb, match.start("who"), match.end("who"), [ident], [], match.start("who"), review=[*review, reason], elliptic=True)
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

    def _heads(self, mentions: list[Mention]) -> list[str]:
        """The actors a noun phrase names: its non-possessive mentions ("Ukraine's chief … Budanov")."""
        heads = [m.actor for m in mentions if not m.possessive] or [m.actor for m in mentions[-1:]]
        return list(dict.fromkeys(heads))

    def _subject(self, plain: str, mentions: list[Mention], verb_start: int) -> list[str]:
        speakers, _, _ = self._verb_speakers(plain, mentions, verb_start)
        return speakers

    def _verb_speakers(self, plain: str, mentions: list[Mention], verb_start: int, *, propose: bool = True) -> tuple[list[str], int, list[str]]:
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
        chosen: list[Mention] = []
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

    def _phrase_speakers(self, plain: str, start: int, end: int, inside: list[Mention]) -> tuple[list[str], list[str]]:
        """The speakers a phrase names ("according to the US Defense Department"): a known actor that
        is the whole name, else a drafted actor (part of a known one the phrase names as a modifier)."""
        phrase = plain[start:end]
        by = re.match(
            r"\s*(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,4}?(?:report|study|analysis|assessment|estimate|survey)\s+(?:by|from)\s+(?:the\s+)?(?:[\w.-]+-based\s+)?(?=[A-Z])",
            phrase,
        )
        if by:
            # "according to a January 16 report by the US-based Institute for the Study of War": whose report.
            start, phrase = start + by.end(), phrase[by.end() :]
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

    def _modifier_only(self, plain: str, heads: list[Mention], speaker: Speaker) -> bool:
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
            # Names compared as the validator compares them: "Yonhap news agency" is "Yonhap News Agency".
            owner = name_owners((a.id, {"name": a.name, "aliases": list(a.aliases)}) for a in self.corpus.actors.values()).get(skeleton(name))
            if owner is not None:
                return owner[0]
        # A surname alone after the full name of a drafted person: "Vanden Bempt said" after "Tim Vanden Bempt".
        if speaker.kind == "person":
            for actor in self.drafts.actors:
                # Or its first word, where a family name comes first: "Lee said" after "Lee Seong-kweun".
                if actor.get("kind") == "person" and (
                    actor["name"].endswith(" " + speaker.name) or re.match(rf"{re.escape(speaker.name)} [A-Z][a-z]+-[a-z]+$", actor["name"])
                ):
                    return str(actor["id"])
        return None

    def _speaker_actor(self, plain: str, phrase: str, start: int, mentions: list[Mention], speaker: Speaker | None = None) -> tuple[str | None, list[str]]:
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
            elif speaker.owner.lower() in self._new_actor_ids:
                part_of = self._new_actor_ids[speaker.owner.lower()]
        ident = self._propose_speaker(speaker, part_of, phrase)
        return ident, [f'"{phrase}" is not an actor yet; the claim is attributed to the drafted actor {ident}.']

    def _propose_speaker(self, speaker: Speaker, part_of: str | None, phrase: str) -> str:
        key = speaker.name.lower()
        if key in self._new_actor_ids:
            return self._new_actor_ids[key]
        ident = self._free_id(slug(speaker.aliases[0] if speaker.aliases and len(speaker.name) > 40 else speaker.name))
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
        if speaker.kind == "person" and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+-[a-z]+", speaker.name):
            # A family name that comes first ("Lee Seong-kweun"): "Lee said" later is this person.
            self._surnames[ident] = re.compile(rf"(?<![\w-]){re.escape(speaker.name.split()[0])}(?![\w-])")
        return ident

    def _named_earlier(self, plain: str, verb_start: int) -> list[str]:
        """ "Lee quoted …", where the article gave the full name earlier ("Rep. Lee Seong-kweun"): that person, drafted."""
        word = re.search(r"(?:^|[.;]\s+)(?P<w>[A-Z][a-z]+)\s+$", plain[:verb_start])
        if word is None:
            return []
        full = full_name(self.source.text.translate(_STRAIGHT), word.group("w"))
        speaker = read_speaker(full) if full else None
        if speaker is None or speaker.kind != "person":
            return []
        return [self._known(speaker) or self._propose_speaker(speaker, None, full or "")]

    def _regions(self, plain: str, cues: list[Cue]) -> None:
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
