"""Attribution: who says the words of a sentence, read from cue verbs, names and pronouns.

:class:`Attribution` is the part of :class:`~generator.suggest.reader.Suggester` that finds the
cues of a sentence ("said", "according to", "cited … as saying"), the actors it mentions, and
each cue's speakers and reported words. It keeps what it has read so far (the last person and
group named, surnames seen in full) so that "he" and "Scholz" resolve to the right actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator import model
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


class Attribution:
    """Reads who says what; the :class:`~generator.suggest.reader.Suggester` holds the state and drafts new actors."""

    corpus: model.Corpus
    _alias_patterns: list[tuple[re.Pattern[str], str]]
    _surnames: dict[str, re.Pattern[str]]
    _last_person: str | None
    _last_group: str | None

    def _propose_actor(self, name: str) -> str:
        """The id of a new actor drafted from ``name`` (the Suggester drafts it)."""
        raise NotImplementedError

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
            kind = self.corpus.actors[mention.actor].kind
            if kind == "person" and mention.actor not in self._surnames:
                surname = re.sub(r"\s*\([^)]*\)$", "", self.corpus.actors[mention.actor].name).split()[-1].translate(_STRAIGHT)
                if len(surname) > 2 and surname[0].isupper():
                    self._surnames[mention.actor] = re.compile(rf"(?<![\w-]){re.escape(surname)}(?![\w-])")
            if mention.possessive:
                continue
            if kind == "person":
                self._last_person = mention.actor
            elif kind == "anonymous-group":
                self._last_group = mention.actor

    def _cues(self, text: str) -> list[Cue]:
        plain = text.translate(_STRAIGHT)
        mentions = self._mentions(text)
        cues: list[Cue] = []
        for match in _CITED_AS_SAYING.finditer(plain):
            obj_start, obj_end = match.span("obj")
            speakers = self._heads([m for m in mentions if obj_start <= m.start and m.end <= obj_end]) or self._new_speaker(plain[obj_start:obj_end])
            citer = self._subject(plain, mentions, match.start())
            cue = Cue("cited as saying", match.start(), match.end(), speakers, [v for v in citer if self._is_outlet(v)], match.start())
            if not citer:
                cue.review.append("the outlet citing the speaker is not a known actor")
            cues.append(cue)
        for match in _ACCORDING.finditer(plain):
            if any(c.verb_start <= match.start() < c.verb_end for c in cues):
                continue
            end = _clause_end(plain, match.end())
            inside = [m for m in mentions if match.end() <= m.start and m.end <= end]
            speakers = self._heads(inside) or self._new_speaker(plain[match.end() : end])
            via = []
            citing = _CITING.match(plain, end)
            if citing and speakers:
                cited = [m for m in mentions if citing.start("obj") <= m.start and m.end <= citing.end("obj")]
                if cited:
                    via, speakers = [s for s in speakers if self._is_outlet(s)], self._heads(cited)
                    end = citing.end()
            cue = Cue("according to", match.start(), end, speakers, via, match.start())
            cue.after = plain[: match.start()].strip() == ""
            cues.append(cue)
        for match in _VERB.finditer(plain):
            verb = match.group("verb")
            start, end = match.span()
            if any(c.verb_start <= start < c.verb_end or c.speaker_start <= start < c.verb_end for c in cues):
                continue
            if any(m.start <= start < m.end for m in mentions):
                continue  # "South Korean media reports" names an actor; "reports" is not its verb
            if _PASSIVE.search(plain[:start]) or re.match(r"\s+(?:to|at|\d)", plain[end:]) and verb.startswith("estimat"):
                continue
            if verb in _WEAK_VERBS and any(c.after and c.verb_end <= start for c in cues):
                continue  # "he said that Kyiv expects …": reported, not a new speaker
            speakers, speaker_start, review = self._verb_speakers(plain, mentions, start)
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
                    speakers, speaker_start, review = [opening[0].actor], opening[0].start, []
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
        return cues

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

    def _verb_speakers(self, plain: str, mentions: list[Mention], verb_start: int) -> tuple[list[str], int, list[str]]:
        """Who is the subject of the verb at ``verb_start``: known actors, a pronoun's antecedent or a new name."""
        before = plain[:verb_start]
        pronoun = _PRONOUN.search(before)
        if pronoun and not re.search(r"[.,;:]", before[pronoun.start("p") :]):
            word = pronoun.group("p").lower()
            people = [m.actor for m in mentions if m.end <= pronoun.start("p") and self.corpus.actors[m.actor].kind == "person"]
            person = people[-1] if people else self._last_person
            if word in ("he", "she") and person:
                return [person], pronoun.start("p"), [f'"{pronoun.group("p")}" read as {self.corpus.actors[person].name}, the last person named']
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
            return [self._last_group], group.start(), [f'"{group.group(0).strip()}" read as {self.corpus.actors[self._last_group].name}, the last group named']
        # The subject may carry an appositive: "Olena Kovalenko, a spokeswoman for the air force, told".
        start = max(before.rfind(". "), before.rfind('",'), before.rfind("”,"))
        phrase = before[start + 2 if start >= 0 else 0 :].strip()
        new = self._new_speaker(phrase) if phrase else []
        return new, (start + 2 if start >= 0 else 0), []

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
            if re.search(r",\s+(?:\w+\s+)?(?:which|whom|who|where|when)\s+$", plain[: cue.speaker_start]):
                inverted = False  # a relative clause reports forward: "a call, in which he slammed …"
            says_that = re.match(r"[^.;]{0,100}?\bthat\b", rest) is not None
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
