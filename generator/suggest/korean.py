"""Korean relays and what a Korean number counts, for :mod:`generator.suggest.originals`.

South Korean reports of an intelligence briefing follow a few set shapes, read here with a small
documented rule set (no Korean morphology library; see the README):

- **Lawmakers relaying a closed briefing.** The National Assembly's intelligence committee hears
  the NIS behind closed doors (비공개 간담회, 현안보고), and its members tell reporters what it said.
  The origin of the words is the body briefing, the lawmakers are the relay (``via``):

  - "국정원은 … 보고했다고 이성권 의원, 김병기 의원이 기자들에게 전했다" (the NIS reported …, the
    lawmakers told reporters): a speaker with its own verb in a quoted clause (…다고, …라고), and a
    lawmaker as the subject of the outer verb;
  - "이성권·박선원 의원은 … 국정원이 이같이 밝혔다고 했다": the same, lawmakers first;
  - "이성권 의원에 따르면 국정원은 … 밝혔다" (according to Rep. Lee, the NIS said …);
  - "이성권 의원은 정보위 비공개 간담회 후 … 밝혔다" (Lee said after the committee's closed
    briefing): the body that briefed is the one the sentence names, else the one the article
    names as speaking last, flagged for review.

  A lawmaker is a personal name before 의원 (member of the Assembly) or 간사 (a committee's
  senior member), with the party between or before ("국민의힘 이성권 의원", "이성권 국민의힘
  의원", "이성권·박선원 의원"); "이 의원" (the surname alone) is the lawmaker of that surname
  named before. A name is three syllables beginning with a common surname, or two to four
  right before the title; words for parties, committees and dates are not names.
- **One briefing, one relay.** Once an article says a body's words came through lawmakers, its
  other drafts with that body as speaker and no relay get the same chain, for review: the lede
  ("국가정보원은 … 파악했다") usually names no relay, the next sentence does.
- **What a number counts** (``counts``): whose people (북한군/북한 → north-korea, 러시아군 →
  russia, 우크라이나군 → ukraine; the nearest before the number) and their state, from the noun
  next to the number ("사망자 600명", "4천700명의 사상자": killed, casualties, wounded, missing),
  else from the nearest verb of the number's clause (파병했다 → sent; 파병하기로, 결정, 예정 →
  planned; 배치, 주둔, 도착 → present).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator import model
from generator.data import facets
from generator.editor.records import free_id, slug

#: Common Korean surnames (first syllable of a personal name).
_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감"
)
#: Words that look like a name but are not one: parties, committees, roles, days.
_NOT_NAMES = re.compile(
    r"(?:당|의힘|위원회|정보위)$|^(?:이날|이번|이어|이들|이는|이같이|이후|정부|정보|국회|지난|오늘|여야|여당|야당|기자|소속|민주당|국정원|국방부|합참|통일부|외교부)$"
)
#: A lawmaker's title, with the particle that makes the phrase a subject, a topic, a list or "according to".
_TITLE = re.compile(r"(?:의원|간사)(?:들)?(?P<particle>에 따르면|에 의하면|은|는|이|가|과|와|,|·)?")
#: What separates the names and parties of one title phrase.
_SEPARATOR = re.compile(r"[\s·,]+")
_PARTIES = re.compile(
    r"^(?:국민의힘|더불어민주당|민주당|조국혁신당|개혁신당|진보당|정의당|새누리당|한나라당|자유한국당|미래통합당|여당|야당|여야|간사인|정보위|정보위원회|국회|소속)$"
)
#: A clause reported inside another: "…보고했다고", "…밝혔다고", "…것"이라고.
_INNER = re.compile(r"(?:했|였|됐|겠|있|없|았|었)?다고|(?:이)?라고")
#: A closed briefing named next to the lawmaker: the committee's meeting with the agency, or its report.
_BRIEFING = re.compile(r"간담회|현안보고|현안 보고|비공개 보고|보고를 받|보고받|국정감사|국감|브리핑")
#: The sides whose troops a number counts, by their Korean names and short forms ("북", "러"), with the noun of their forces.
_SIDES = (("북한", "north-korea"), ("북", "north-korea"), ("러시아", "russia"), ("러", "russia"), ("우크라이나", "ukraine"), ("우크라", "ukraine"))
_SIDE = re.compile(r"(?P<side>북한|러시아|우크라이나|우크라|북|러)\s?(?:군|측\s?군|병력|군인|병사|장병|특수부대|부대)")
#: The counted noun next to a number: before it ("사망자 600명") or after its 명의 ("4천700명의 사상자").
_STATE_NOUNS = (
    (re.compile(r"사상자|사상|인명 피해|피해 규모"), "casualties"),
    (re.compile(r"사망자|전사자|사망|전사|숨진|숨졌"), "killed"),
    (re.compile(r"부상자|부상"), "wounded"),
    (re.compile(r"실종자|실종"), "missing"),
)
#: The verb of a number's clause: planned before sent, as "파병하기로 결정" holds "파병".
_STATE_VERBS = (
    (re.compile(r"(?:파병|파견|보내|배치|투입)(?:하기로|할 것|할 예정|될 예정|될 것|을 결정|를 결정|계획)|결정했|예정|계획|전망"), "planned"),
    (re.compile(r"배치|주둔|도착|머물|훈련(?:하|을|중)"), "present"),
    (re.compile(r"파병|파견|보냈|이동했|이동한|투입|송출"), "sent"),
)


@dataclass(frozen=True)
class Relay:
    """A Korean sentence's relay: the origin's name as written (or None: the body briefing is not named), and the lawmakers."""

    origin: str | None
    lawmakers: tuple[str, ...]
    how: str


def lawmakers(sentence: str, known: dict[str, str] | None = None) -> list[tuple[str, int, int, str]]:
    """``(name, start, end of the title phrase, particle)`` of each lawmaker the sentence names.

    ``known`` maps a surname to the full name of a lawmaker named before in the article ("이 의원").
    """
    found: list[tuple[str, int, int, str]] = []
    pending: list[tuple[str, int]] = []
    for title in _TITLE.finditer(sentence):
        if title.start() and not sentence[title.start() - 1].isspace() and not re.match(r"[가-힣]", sentence[title.start() - 1]):
            continue
        particle = title.group("particle") or ""
        before = sentence[max(0, title.start() - 40) : title.start()]
        before = re.split(r"[.“”\"'()]|(?:[다며고]\s)", before)[-1]
        tokens = [t for t in _SEPARATOR.split(before) if t]
        names: list[tuple[str, int]] = []
        adjacent = True
        for token in reversed(tokens):
            bare = re.sub(r"(?:과|와)$", "", token) if len(token) >= 4 else token
            if _PARTIES.match(bare):
                adjacent = False
                continue
            at = title.start() - len(before) + before.rfind(token)
            if len(bare) == 1 and adjacent and known and bare in known:
                names.append((known[bare], at))
            elif _is_name(bare, adjacent):
                names.append((bare, at))
            else:
                break
            adjacent = False
        if not names and not pending:
            continue
        pending += [(n, at) for n, at in reversed(names)]
        if particle in ("과", "와", ",", "·"):
            continue  # the list goes on: "이성권 의원과 박선원 의원은"
        for name, at in pending:
            found.append((name, at, title.end(), particle))
        pending = []
    for name, at in pending:
        found.append((name, at, len(sentence), ""))
    return found


def _is_name(token: str, adjacent: bool) -> bool:
    if not re.fullmatch(r"[가-힣]{2,4}", token) or token[0] not in _SURNAMES or _NOT_NAMES.search(token):
        return False
    return len(token) == 3 or adjacent


def relay(sentence: str, origins: list[tuple[int, str]], known: dict[str, str]) -> Relay | None:
    """The relay a Korean sentence states, if any (see the module's description).

    ``origins`` are ``(offset, name)`` of the bodies the sentence names with a subject or topic
    particle.
    """
    named = lawmakers(sentence, known)
    if not named:
        return None
    people = tuple(dict.fromkeys(n for n, *_ in named))
    first, last_end = min(at for _, at, _, _ in named), max(end for _, _, end, _ in named)
    according = [n for n in named if n[3] in ("에 따르면", "에 의하면")]
    outside = [(at, name) for at, name in origins if not first <= at < last_end]
    if according and outside:
        name = outside[0][1]
        return Relay(name, people, f'"{name}", according to "{" ".join(people)}" (…의원에 따르면)')
    subject = [n for n in named if n[3] in ("은", "는", "이", "가")]
    if not subject:
        return None
    for inner in _INNER.finditer(sentence):
        if not re.search(r"[가-힣]$", sentence[: inner.start()]):
            continue
        # The inner clause's speaker: a body named with its particle before the "…다고", not inside the lawmakers' phrase.
        speakers = [(at, name) for at, name in outside if at < inner.start()]
        if not speakers:
            continue
        at, name = speakers[-1]
        clause = sentence[at : inner.end()]
        if re.search(
            r"(?:밝혔|말했|전했|설명했|보고했|발표했|주장했|평가했|추산했|추정했|파악했|확인했|언급했|알렸|보고)(?:다고|라고)$|(?:이라|라)고$", clause
        ):
            return Relay(name, people, f'"{name}" in the words "{" ".join(people)}" reported (…다고 … 의원)')
    briefing = _BRIEFING.search(sentence)
    if briefing:
        return Relay(outside[0][1] if outside else None, people, f'"{" ".join(people)}" speaking of a closed briefing ("{briefing.group()}")')
    return None


def counts(sentence: str, start: int, end: int) -> tuple[str | None, str | None, str]:
    """``(whose, state, the words read)`` of a Korean number at ``sentence[start:end]``; None when not said."""
    clause_start = max([m.end() for m in re.finditer(r"[,;]|(?:고|며|면서|지만)\s", sentence[:start])] or [0])
    clause_end = min([m.start() for m in re.finditer(r"[,;]|(?:고|며|면서|지만)\s|다[.?!]", sentence[end:])] or [len(sentence) - end]) + end
    whose = None
    # The troops the number qualifies, in its next three words ("1만1000여명으로 추정되는 북한군"), else the last named before it.
    gap = re.match(r"(?:\S*\s+){0,3}?(?=(?:북한|러시아|우크라이나|우크라|북|러)\s?\S)", sentence[end:])
    following = _SIDE.match(sentence, end + len(gap.group())) if gap else None
    sides = [following] if following else [m for m in _SIDE.finditer(sentence[:end])]
    if sides:
        whose = next(ident for word, ident in _SIDES if sides[-1].group("side") == word)
    else:
        # A side as the subject ("북한이 … 병력을 파견하기로") is whose the troops are; one as a place ("러시아에") is not.
        bare = [m for m in re.finditer(r"(북한|러시아|우크라이나)(?=(은|는|이|가|의|\s))", sentence[:start])]
        subject = [m for m in bare if m.group(2) in ("은", "는", "이", "가")]
        chosen = (subject or bare)[-1].group(1) if bare else None
        whose = next((ident for word, ident in _SIDES if chosen == word), None)
    # The noun right before the number, or the one its 명의 qualifies.
    before = sentence[clause_start:start].rstrip()
    before_noun = re.search(r"(\S+)$", before)
    after = re.match(r"\s?(?:여\s?)?명?(?:의|인|에 이르는|에 달하는|가량의|정도의)?\s?(\S+)", sentence[end:clause_end])
    for noun in (before_noun.group(1) if before_noun else "", after.group(1) if after else ""):
        for pattern, state in _STATE_NOUNS:
            if pattern.match(noun):
                return whose, state, noun
    # A verb qualifying the number ("이미 러시아에 도착한 1천500명": arrived), else the nearest state word of
    # the clause after the number (Korean verbs close the clause), else before it.
    if before_noun and re.search(r"[한된던은진]$", before_noun.group(1)):
        for pattern, state in _STATE_VERBS:
            if pattern.search(before_noun.group(1)):
                return whose, state, before_noun.group(1)
    clause = sentence[end:clause_end]
    for pattern, state in _STATE_VERBS:
        found = pattern.search(clause)
        if found:
            return whose, state, found.group()
    for pattern, state in (*_STATE_NOUNS, *_STATE_VERBS):
        found = pattern.search(sentence[clause_start:start])
        if found:
            return whose, state, found.group()
    return whose, None, ""


#: The English words of a state, for a proposed figure's label ("North Korean troops killed").
_STATE_LABEL = {
    "killed": "killed",
    "wounded": "wounded",
    "missing": "missing",
    "sent": "sent",
    "present": "present",
    "planned": "planned or expected to be sent",
}
#: Counted nouns of people who are not troops (workers, residents, civilians, families), with their English words.
_NOT_TROOPS = re.compile(r"(?P<noun>노동자|근로자|주민|민간인|가족|인력|탈북민)\s*$")
_PEOPLE = {
    "노동자": "workers",
    "근로자": "workers",
    "주민": "residents",
    "민간인": "civilians",
    "가족": "family members",
    "인력": "personnel",
    "탈북민": "defectors",
}


def figure_for(
    corpus: model.Corpus, drafts: Any, actor: str, number: float, sentence: str, start: int, end: int, taken: set[str]
) -> tuple[str | None, str] | None:
    """The figure a Korean number counts, read from its words (:func:`counts`), and why; None when they say too little.

    A figure whose ``counts`` are the same people in the same state is taken (troops sent, when
    no figure counts them, are troops in Russia: the corpus files "has so far sent" there); among
    several, the one a claim of the same actor and number uses, else the one the actor's claims
    use most, else the first by rank. When none counts them, a new figure is proposed with those
    ``counts``. A number of workers, residents or civilians is no figure of troops: a new figure
    of those people is proposed.
    """
    whose, state, words = counts(sentence, start, end)
    noun = _NOT_TROOPS.search(sentence[:start])
    if noun:  # "북한 노동자 1만 5천 명": workers, whom no figure of troops counts
        return _propose_figure(
            corpus, drafts, whose if whose in corpus.actors else None, state, noun.group("noun"), sentence, taken, people=_PEOPLE[noun.group("noun")]
        )
    if whose is None or state is None or whose not in corpus.actors:
        return None
    states = (state, "present") if state == "sent" else (state,)
    for wanted in states:
        fitting = [f for f in sorted(corpus.figures.values(), key=lambda f: (f.rank or 999, f.id)) if f.whose == (whose,) and f.state == wanted]
        if not fitting:
            continue
        ids = {f.id for f in fitting}
        valued = [c for c in corpus.claims.values() if c.figure in ids and c.value]
        same = [c.figure for c in valued if c.actor == actor and number in (c.value.low, c.value.high)]  # type: ignore[union-attr]
        used: dict[str, int] = {}
        for claim in valued:
            if claim.actor == actor and claim.figure:
                used[claim.figure] = used.get(claim.figure, 0) + 1
        figure = same[0] if same else max(used, key=lambda f: used[f]) if used else fitting[0].id
        why = f'Figure {figure} counts {whose} {wanted}, read from "{words}" next to the number'
        if wanted != state:
            why += f" (troops {state}: no figure counts them, and troops sent so far are filed as troops in Russia)"
        if len(fitting) > 1:
            why += f"; {len(fitting)} figures count the same, and this one " + (
                "has a claim of this actor with this number" if same else "is the one this actor's claims use most" if used else "comes first"
            )
        return figure, why + ". Check it."
    return _propose_figure(corpus, drafts, whose, state, words, sentence, taken)


def new_figure(corpus: model.Corpus, drafts: Any, words: str, sentence: str, taken: set[str]) -> tuple[str, str]:
    """A new figure for a number whose words say nothing of what it counts (a value needs a figure)."""
    return _propose_figure(corpus, drafts, None, None, words, sentence, taken)


def _propose_figure(
    corpus: model.Corpus, drafts: Any, whose: str | None, state: str | None, words: str, sentence: str, taken: set[str], people: str = "troops"
) -> tuple[str, str]:
    """A new figure for the number, with the ``counts`` its words give (whose and state, when both are read)."""
    adjective = facets.adjective(corpus.actors[whose].name) if whose else ""
    what = "casualties (killed or wounded)" if state == "casualties" and people == "troops" else f"{people} {_STATE_LABEL.get(state or '', '')}".strip()
    label = f"{adjective} {what}".strip() if whose or state or people != "troops" else f'What "{words}" counts'
    label = label[:1].upper() + label[1:]
    read = f"{whose} {state}" if whose and state else f"{people} {state}" if state else people
    known = next((f["id"] for f in drafts.figures if f["label"] == label), None)
    if known:
        return known, f'New figure {known} (proposed above) counts {read}, read from "{words}" next to the number. Check it.'
    if not (whose or state or people != "troops"):
        why = f'the words around "{words}" do not say what it counts. Write the label and the definition.'
        reason, review = f"New figure proposed: {why}", f"New figure drafted because {why}"
    else:
        reason = f'New figure proposed: no existing figure counts {read}, read from "{words}" next to the number. Check it.'
        review = f'New figure drafted because no existing figure counts {read}, read from "{words}" next to the number. Rewrite the label and the definition.'
    base = slug(label) or "figure"
    ident = free_id(base, taken | corpus.figures.keys())
    taken.add(ident)
    drafts.figures.append(
        {
            "id": ident,
            "label": label,
            "unit": "troops" if people == "troops" else "people",
            **({"counts": {"whose": whose, "state": state}} if whose and state else {}),
            "definition": f'Proposed from "{sentence}". Write exactly what is counted, and at what moment, so that estimates can be compared.',
            "review": [review],
        }
    )
    return ident, reason
