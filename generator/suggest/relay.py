"""Relay chains: the origin of a number, and who passed it on.

The project's central rule is that a claim's actor is its origin, with the people and outlets
that relayed it in ``via`` (nearest to the origin first). News text names relays in a few shapes,
all read here from the cues :mod:`generator.suggest.attribution` found in one sentence:

- *a briefing or a citation next to the speaker*: "Lee … told reporters on Tuesday after a
  briefing from the National Intelligence Service", "lawmakers briefed by the NIS", "Lee,
  citing Seoul's intelligence agency, said", "Citing the spy agency, the lawmakers said",
  "Lee quoted the nation's spy agency as saying": the NIS, via the lawmaker;
- *a speaker inside the reported words*: "Lee said the NIS believes …", "Lee told reporters
  the NIS said that …": the inner speaker, via the outer one;
- *"according to" after a statement*: "the NIS said North Korea had suffered 4,700
  casualties, …, according to Lee": the NIS, via Lee.

A body named by description ("the nation's spy agency", "Seoul's intelligence agency", "the
agency") is the actor named before in the article whose name, aliases or role hold its head noun.
Every relay drafted says so in the draft's ``review``.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

#: The reader's types (:class:`~generator.suggest.attribution.Attribution`, ``Cue``, ``Mention``), named
#: here without importing them: attribution imports this module.
Attribution: TypeAlias = Any
Cue: TypeAlias = Any
Mention: TypeAlias = Any

#: A relayer's source named next to it (the ``obj`` group is the origin).
_ORIGIN = re.compile(
    r"\b(?:(?:after|following|at|in)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?briefing\s+(?:from|by|with)"
    r"|briefed\s+by|(?<![\w-])[Cc]iting)\s+(?P<obj>[^,.;]+)"
)
#: A speaker inside the reported words, with its own verb of saying or belief.
_INNER_VERB = r"(?:\w+\s+)?(?:believes|believed|estimates|estimated|says|said|assesses|assessed|thinks|confirmed|disclosed|reported|told|judges|judged)\b"
#: Head nouns of a body named by description.
_BODY_NOUN = re.compile(r"\b(?:agency|service|ministry|military|office|intelligence|government|committee|command|staff)\b", re.IGNORECASE)


def _names(attribution: Attribution, ident: str) -> str:
    if ident in attribution.corpus.actors:
        actor = attribution.corpus.actors[ident]
        return " ".join([actor.name, *actor.aliases, actor.role or ""]).lower()
    drafted = next((a for a in attribution.drafts.actors if a["id"] == ident), None)
    return " ".join([drafted["name"], *drafted.get("aliases", []), drafted.get("role", "")]).lower() if drafted else ""


def described(attribution: Attribution, phrase: str, seen: list[str]) -> str | None:
    """The actor a description names ("the nation's spy agency"): the last one named before whose names or role hold its nouns."""
    nouns = [n.lower() for n in _BODY_NOUN.findall(phrase)]
    if not nouns or re.search(r"\b[A-Z][a-z]+\s+[A-Z]", phrase.split("’")[-1].split("'")[-1]):
        return None  # "the US Defense Department" is a name, read elsewhere
    modifiers = [w.lower() for w in re.findall(r"[a-z]+", phrase) if w not in ("the", "a", "an", "s", "nation", "country")]
    for ident in reversed(seen):
        if ident == "unattributed" or attribution._actor_kind(ident) == "person":
            continue
        words = _names(attribution, ident)
        if all(n in words for n in nouns) and sum(m in words for m in modifiers) >= len(nouns):
            return ident
    return None


def described_note(attribution: Attribution, phrase: str, ident: str) -> str:
    """The ``attribution`` note of a draft whose origin the text names only by description."""
    nouns = ", ".join(f'"{n.lower()}"' for n in _BODY_NOUN.findall(phrase))
    name = attribution.corpus.actors[ident].name if ident in attribution.corpus.actors else ident
    return (
        f'The text names the origin only as "{" ".join(phrase.split())}"; read as {name}, the last body the article named before '
        f"whose name or role holds {nouns}."
    )


def _origin(attribution: Attribution, plain: str, start: int, end: int, mentions: list[Mention], seen: list[str]) -> tuple[str | None, str | None]:
    """The origin named in ``plain[start:end]``, and the attribution note when it is named only by description."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    heads = attribution._heads(inside)
    if heads:
        return heads[0], None
    ident = described(attribution, plain[start:end], seen)
    if ident:
        return ident, described_note(attribution, plain[start:end], ident)
    drafted = attribution._new_speaker(plain[start:end])
    return (drafted[0] if drafted else None), None


def _relay(cue: Cue, origin: str, words: str) -> None:
    relayer = cue.speakers[0]
    cue.via = [relayer, *[v for v in cue.via if v != origin]]
    cue.speakers = [origin]
    cue.review.append(f'Relayed: "{words.strip()}"; drafted as said by {origin} via {relayer}. Check the chain.')


def relay_chains(attribution: Attribution, plain: str, cues: list[Cue], mentions: list[Mention], seen: list[str]) -> None:
    """Turn the cues of one sentence whose speaker passes on another's words into origin-via-relayer."""
    seen = [*seen, *(m.actor for m in mentions)]
    speaking = [c for c in cues if c.speakers and not c.elliptic]
    for cue in speaking:
        if cue.verb == "according to":
            continue
        for match in _ORIGIN.finditer(plain):
            # The origin is named next to this cue's speaker and verb, not in another cue's words.
            near = cue.speaker_start - 80 <= match.start() <= cue.verb_end + 80
            owned = any(o is not cue and o.verb_start <= match.start() < o.verb_end for o in cues)
            if not near or owned:
                continue
            origin, note = _origin(attribution, plain, match.start("obj"), match.end("obj"), mentions, seen)
            if origin and origin not in cue.speakers and origin not in cue.via:
                _relay(cue, origin, match.group(0))
                cue.inferred = note
                break
    for outer in speaking:
        if outer.verb == "according to" or not outer.after:
            continue
        # "Lee said the NIS believes …": a speaker opening the reported words, with its own verb.
        region = plain[outer.verb_end : outer.region[1]]
        for mention in mentions:
            if not outer.verb_end <= mention.start <= outer.verb_end + 40 or mention.possessive or mention.actor in outer.speakers:
                continue
            lead = plain[outer.verb_end : mention.start]
            if not re.fullmatch(r"\s*(?:(?:reporters|lawmakers|journalists|parliament)\s+)?(?:that\s+)?(?:the\s+)?", lead):
                continue
            if not re.match(rf"\s+{_INNER_VERB}", plain[mention.end :]):
                continue
            inner = next((c for c in cues if c is not outer and mention.start <= c.speaker_start <= c.verb_start and c.verb_start <= mention.end + 30), None)
            if inner is not None and inner.speakers:
                inner.via = [*inner.via, *outer.speakers, *outer.via]
                inner.review.append(
                    f'Relayed: "{region[: mention.end - outer.verb_end + 20].strip()}…"; drafted as said by {inner.speakers[0]} via {outer.speakers[0]}. Check the chain.'
                )
            else:
                _relay(outer, mention.actor, plain[outer.speaker_start : mention.end + 20] + "…")
            break
    for according in [c for c in cues if c.verb == "according to" and not c.after and c.speakers]:
        stated = [c for c in speaking if c is not according and c.verb != "according to" and c.verb_end <= according.verb_start]
        if not stated or stated[-1].speakers == according.speakers:
            continue
        said = stated[-1]
        relayer = according.speakers[0]
        said.via = [relayer, *according.via, *said.via]
        said.review.append(f"Relayed: the words are given according to {relayer}; drafted as said by {said.speakers[0]} via {relayer}. Check the chain.")
        according.speakers, according.via = list(said.speakers), list(said.via)


def full_name(text: str, word: str) -> str | None:
    """The first full name in ``text`` that ``word`` begins or ends, with its title: "Rep. Lee Seong-kweun" for "Lee"."""
    title = r"(?:(?:[A-Z][\w'-]*\s+){0,4}(?:Rep\.|Sen\.|Gen\.|President|Minister|lawmaker|spokes(?:wo)?man)\s+)?"
    name = re.search(rf"{title}(?:{re.escape(word)}(?:\s+[A-Z][\w'-]+){{1,2}}|[A-Z][\w'-]+\s+{re.escape(word)})(?![\w'-])", text)
    return name.group(0) if name else None
