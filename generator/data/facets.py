"""What a figure counts, as structured facets, and what a sentence says its number counts.

A figure states, in ``counts``, whose people or things it counts (``whose``: actor ids, such as
``north-korea``) and in what state (``state``: present, sent, planned, killed, …); its ``unit``
says what one is. A number in a quote is read the same way: the side named in its own noun
phrase ("2,000 North Korean soldiers", "half of the Ukrainian troops"), what happened to them
("killed", "wounded or killed", "casualties") or, failing that, the modality of its clause ("could
send", "plans to deploy", "are in"), and its unit ("50%", "92 a day"). The two disagree when the
sentence names another side, an incompatible state or another unit than the figure.

``briefing validate`` warns on a disagreement (a claim silences it with ``figure_fits: <reason>``),
and ``briefing suggest`` never files a number under a figure it disagrees with.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.suggest.counted import count_kind
from generator.suggest.lexicon import _MODALITY, _MODIFIER, UNIT_NOUNS

#: The states a figure can count, in the order the schema lists them.
STATES = ("active", "present", "sent", "planned", "potential", "supplied", "killed", "wounded", "casualties", "missing")

#: States a figure of each state may also hold: troops "sent so far" are troops in Russia, and a
#: planned total includes those already sent; a count of deaths is never a count of troops present.
COMPATIBLE = {
    "active": {"active", "present"},
    "present": {"present", "sent", "active"},
    "sent": {"sent", "present", "supplied"},
    "planned": {"planned"},
    "potential": {"potential"},
    "supplied": {"supplied", "sent", "present"},
    "killed": {"killed"},
    "wounded": {"wounded"},
    "casualties": {"casualties"},
    "missing": {"missing"},
}
#: States that count people killed or hurt: a casualty count's side matters most.
_CASUALTY = {"killed", "wounded", "casualties", "missing"}
_KIND_STATE = {"casualties": "casualties", "dead": "killed", "wounded": "wounded", "missing": "missing"}
_MODALITY_STATE = {"capacity": "potential", "plan": "planned", "present": "present", "sent": "sent"}
#: What was sent, in the past tense: "Pyongyang sent more than 10,000 troops", "were deployed".
_SENT = re.compile(r"(?<!be )(?<!to )\b(?:sent|deployed|dispatched|deploying|sending)\b", re.IGNORECASE)


def _noun(word: str) -> bool:
    """A noun that names what is counted, not what happened to it ("soldiers", not "killed")."""
    return UNIT_NOUNS.get(word.lower().rstrip(".")) not in (None, "casualty")


#: How close a modal or tense word must stand to the number to say its state (1.0: next to it).
_MODALITY_NEAR = 0.7


@dataclass(frozen=True)
class Reading:
    """What a sentence says its number counts; ``None`` where it does not say."""

    whose: frozenset[str]
    whose_words: str
    #: Sides the whole sentence names, for a number whose own phrase names none.
    named: frozenset[str]
    state: str | None
    state_words: str
    unit: str | None


@dataclass(frozen=True)
class Facets:
    """What a figure says it counts (``counts``), and its unit."""

    whose: tuple[str, ...]
    state: str | None
    unit: str


def figure_facets(data: dict[str, Any] | Any) -> Facets:
    """The facets of a figure record (a YAML mapping or a :class:`generator.model.Figure`)."""
    if isinstance(data, dict):
        counts, unit = data.get("counts") or {}, str(data.get("unit", ""))
    else:
        counts, unit = {"whose": list(data.whose), "state": data.state}, data.unit
    whose = counts.get("whose") or ()
    return Facets(tuple([whose] if isinstance(whose, str) else whose), counts.get("state"), unit)


def demonyms(name: str) -> list[str]:
    """The adjectives English makes from a country's name: Korea → Korean, Ukraine → Ukrainian, Germany → German."""
    forms = [name, f"{name}'s", f"{name}’s"]
    if name.endswith("a"):
        forms.append(name + "n")
    elif name.endswith("e"):
        forms.append(name[:-1] + "ian")
    elif name.endswith("y"):
        forms.append(name[:-1])
    elif name.endswith("States"):
        forms += ["American", "U.S.", "US"]
    return forms


def side_patterns(actors: Iterable[tuple[str, str, Iterable[str]]]) -> list[tuple[str, re.Pattern[str]]]:
    """For each (id, name, aliases) that a figure names in ``whose``: a pattern of its names and adjectives."""
    patterns = []
    for ident, name, aliases in actors:
        names = {*demonyms(name), *(a for a in aliases if a[:1].isupper() and len(a) > 3)}
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        patterns.append((ident, re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")))
    return patterns


def _phrase_after(text: str, end: int) -> str:
    """The number's own noun phrase: "2,000 North Korean soldiers", "half of the North Korean troops in Russia"."""
    words = []
    for match in re.finditer(r"[\w’'.-]+", text[end : end + 120]):
        word = match.group(0).rstrip(".")
        if _noun(word):
            words.append(word)
            break
        if not (_MODIFIER.match(word) or word.lower() in ("of", "the", "those", "all", "total")):
            break
        words.append(word)
    return " ".join(words)


def _phrase_before(text: str, start: int) -> str:
    """ "Of the some 11,000 North Korean soldiers …, 4,000 were casualties": whose, said before the number in its clause."""
    before = text[:start]
    clause = re.split(r"[;:—–]|\s-\s", before)[-1]
    words = re.findall(r"[\w’'.-]+", clause)
    nouns = [i for i, w in enumerate(words) if _noun(w)]
    if not nouns:
        return ""
    phrase = words[max(0, nouns[-1] - 5) : nouns[-1] + 1]
    # Only a whole the number is part of ("of the", "out of the", "among the"), not another count
    # of the clause ("killed 1,500 Moscow troops a day, …, with 80,000 troops killed").
    partitive = max((i for i, w in enumerate(phrase) if w.lower() in ("of", "among")), default=None)
    if partitive is None:
        return ""
    return " ".join(phrase[partitive:])


def _state(text: str, start: int, end: int) -> tuple[str | None, str]:
    kind = count_kind(text, start, end)
    if kind is not None:
        return _KIND_STATE.get(kind[0]), kind[1]
    best: tuple[float, str, str] | None = None
    for name, pattern in [*_MODALITY.items(), ("sent", _SENT)]:
        for match in pattern.finditer(text):
            if match.end() <= start:
                gap = text[match.end() : start]
            elif match.start() >= end:
                gap = text[end : match.start()]
            else:
                continue
            if re.search(r"[;:—–,]|\s-\s", gap):
                continue
            distance = len([w for w in re.findall(r"[\w’'-]+", gap) if w.lower() not in UNIT_NOUNS and not _MODIFIER.match(w)])
            weight = math.exp(-distance / 3.0)
            if weight >= _MODALITY_NEAR and (best is None or weight > best[0]):
                best = (weight, _MODALITY_STATE[name], match.group(0))
    return (best[1], best[2]) if best else (None, "")


def _unit(text: str, start: int, end: int) -> str | None:
    words = text[start:end]
    after = text[end : end + 40]
    if re.search(r"%|\bper ?cent\b", words) or re.match(r"\s*(?:percent|per cent|%)", after) or re.search(r"\b(?:half|third|quarter)\b", words, re.I):
        return "percent"
    if re.match(r"\s+(?:[\w-]+\s+){0,3}?(?:a|per|each)\s+day\b|\s+(?:[\w-]+\s+){0,3}?daily\b", after):
        return "per day"
    return None


def read(text: str, start: int, end: int, sides: list[tuple[str, re.Pattern[str]]], *, unit_only: bool = False) -> Reading:
    """What ``text`` says the number at ``start:end`` counts (``unit_only``: only its unit, for a figure without ``counts``)."""
    if unit_only:
        return Reading(frozenset(), "", frozenset(), None, "", _unit(text, start, end))
    phrase = _phrase_after(text, end)
    found = {ident for ident, pattern in sides if pattern.search(phrase)}
    if not found:
        # "North Korean troops have already suffered nearly 40% casualties": whose, the subject of the verb before the number.
        subject = re.search(r"((?:[A-Z][\w’'-]*\s+){1,3}[a-z]+)\s+(?:have|has|had)\s+(?:\w+\s+)?(?:suffered|sustained|lost|taken)\s+$", text[:start])
        if subject and _noun(subject.group(1).split()[-1]):
            phrase = subject.group(1)
            found = {ident for ident, pattern in sides if pattern.search(phrase)}
    if not found and not any(_noun(w) for w in phrase.split()):
        # The number names no people of its own ("4,000 were battle casualties"): the whole it is part of.
        phrase = _phrase_before(text, start)
        found = {ident for ident, pattern in sides if pattern.search(phrase)}
    # "North Korea's" names North Korea, and "South Korean" does not name Korea: the longest name wins.
    state, state_words = _state(text, start, end)
    named = frozenset(ident for ident, pattern in sides if pattern.search(text))
    return Reading(frozenset(found), phrase if found else "", named, state, state_words, _unit(text, start, end))


def _unit_kind(unit: str) -> str | None:
    if unit == "percent":
        return "percent"
    return "per day" if re.search(r"\bper day\b|\ba day\b", unit) else None


def disagreements(reading: Reading, facets: Facets, *, strict: bool = False) -> list[str]:
    """Why the number cannot belong to the figure: another side, an incompatible state, another unit.

    ``strict`` (drafting) also reads a number whose own phrase names no side as counting the sides
    its sentence names, when the sentence names none of the figure's: "out of the 11,000 troops
    sent from North Korea, 4,000 were casualties" is not a count of Russian casualties.
    """
    reasons = []
    if facets.whose and reading.whose and not reading.whose & set(facets.whose):
        reasons.append(f'the sentence counts {" and ".join(sorted(reading.whose))} ("{reading.whose_words}"), the figure {" and ".join(facets.whose)}')
    elif len(facets.whose) > 1 and reading.whose and not set(facets.whose) <= reading.whose:
        reasons.append(f'the sentence counts {" and ".join(sorted(reading.whose))} ("{reading.whose_words}"), the figure {" and ".join(facets.whose)} together')
    elif strict and facets.whose and not reading.whose and reading.named and not reading.named & set(facets.whose) and reading.state in _CASUALTY:
        reasons.append(f"the sentence names {' and '.join(sorted(reading.named))} and not {' or '.join(facets.whose)}, whose the figure counts")
    elif strict and len(facets.whose) > 1 and not reading.whose and not set(facets.whose) <= reading.named:
        reasons.append(
            f"the sentence does not name {' and '.join(sorted(set(facets.whose) - reading.named))}, which the figure counts together with {' and '.join(sorted(set(facets.whose) & reading.named)) or 'others'}"
        )
    if facets.state and reading.state and reading.state not in COMPATIBLE.get(facets.state, {facets.state}):
        reasons.append(f'the sentence counts {reading.state} ("{reading.state_words}"), the figure {facets.state}')
    if reading.unit != _unit_kind(facets.unit) and (reading.unit or _unit_kind(facets.unit)):
        reasons.append(f"the number is {'a ' + reading.unit + ' value' if reading.unit else 'a count'}, the figure's unit is {facets.unit}")
    return reasons


def adjective(name: str) -> str:
    """The adjective of a side for a figure's label: "North Korean", "Ukrainian"; the name itself when English makes none."""
    forms = demonyms(name)
    return forms[3] if len(forms) > 3 else name
