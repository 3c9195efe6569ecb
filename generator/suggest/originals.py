"""Draft claims from an article in Korean, Russian or Ukrainian: numbers and their speakers, for review.

The English drafting (:mod:`generator.suggest.reader`) reads English grammar; this reads the
reports of the story's own languages with a small documented rule set, one per language, as
no single maintained library finds speakers of reported speech in all three:

- **Sentences**: a line of the archived text is split after ``.``, ``!``, ``?`` (and ``다.``
  endings) followed by a space; a line that does not end like a sentence is a headline or a
  caption and is skipped, as in English.
- **Numbers**: :mod:`generator.data.numerals` (Korean 만/천 grouping and 여; Russian and Ukrainian
  тысяч/тисяч with около/близько, до, более/понад, почти/майже). Dates ("18일", "1 листопада")
  are not counts.
- **Speakers**: a sentence drafts a claim when it has a *reporting verb* of its language:
  Korean 밝혔다, 말했다, 전했다, 설명했다, 보고했다, 발표했다, 주장했다, 강조했다, 덧붙였다,
  파악했다, 추정했다, 추산했다, 예상했다, 전망했다, 분석했다, 평가했다, 확인했다, 언급했다, 알렸다,
  "…고 했다" (and their polite -습니다 forms, and 에 따르면, "according to"), the last in the
  sentence (Korean closes a sentence with its main verb); a passive finding (파악됐다, 알려졌다,
  전해졌다, 추산됐다, …) names no one and continues the speaker before;
  Russian заявил, сообщил, сказал, отметил, подчеркнул, добавил, считает, утверждает, по словам,
  по данным, передаёт; Ukrainian заявив, повідомив, сказав, зазначив, наголосив, додав, вважає,
  за словами, за даними, передає (with their feminine and plural endings). The speaker is the
  actor whose name or alias (in any language: aliases such as 국정원, Буданов) stands nearest
  before the verb, or right after "по словам"/"за словами"/"에 따르면"; in Korean a name followed by a
  subject or topic particle (은/는/이/가) is preferred. A sentence with a reporting verb and no
  known name is drafted with a new actor proposed from the Korean subject phrase before its
  particle, or in the article's own voice, flagged for review.
- **Relays**: a news agency named with передаёт/передає ("…, передаёт ТАСС") is the via chain;
  in Korean, lawmakers relaying a closed briefing are the via of the body briefing, and what a
  number counts chooses its figure (:mod:`generator.suggest.korean`).

Each draft quotes the whole sentence and asks for a translation (suggest does not translate)
and for a figure (figures are matched by English words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator import model
from generator.data import numerals
from generator.editor.records import free_id, slug
from generator.suggest import korean
from generator.suggest.on_file import citation_record, find_on_file
from generator.suggest.reader import OWN_VOICE, Drafts, suggest


def draft(corpus: model.Corpus, source_id: str, taken_ids: Iterable[str] = ()) -> Drafts:
    """Drafts for any source: by :func:`drafts_in_original` in Korean, Russian or Ukrainian, else by the English reader."""
    if corpus.sources[source_id].language.split("-")[0].lower() in numerals.LANGUAGES:
        return drafts_in_original(corpus, source_id, set(taken_ids))
    return suggest(corpus, source_id, taken_ids)


_KO_VERB = re.compile(
    r"(?:밝혔|말했|전했|설명했|보고했|발표했|주장했|강조했|덧붙였|파악했|추정했|추산했|예상했|전망했|분석했|평가했|확인했|언급했|알렸)(?:다|습니다)"
    r"|(?:다|라)고\s?했(?:다|습니다)|에 따르면|에 의하면|" + r"(?:파악됐|알려졌|전해졌|추산됐|추정됐|전망됐|확인됐|관측됐|분석됐|파악되)(?:다|습니다)"
)
#: A passive reporting verb ("…것으로 파악됐다", it was found that): it names no speaker of its own.
_KO_PASSIVE = re.compile(r"(?:파악됐|알려졌|전해졌|추산됐|추정됐|전망됐|확인됐|관측됐|분석됐|파악되)(?:다|습니다)")
_RU_VERB = re.compile(
    r"\b(?:заявил[аи]?|сообщил[аи]?|сказал[аи]?|отметил[аи]?|подчеркнул[аи]?|добавил[аи]?|считает|утверждает|передаёт|передает|по словам|по данным|по информации)\b",
    re.IGNORECASE,
)
_UK_VERB = re.compile(
    r"\b(?:заявив|заявила|заявили|повідомив|повідомила|повідомили|сказав|сказала|сказали|зазначив|зазначила|наголосив|наголосила|додав|додала|вважає|передає|за словами|за даними|за інформацією)\b",
    re.IGNORECASE,
)
_VERBS = {"ko": _KO_VERB, "ru": _RU_VERB, "uk": _UK_VERB}
#: "according to": the speaker follows the phrase instead of preceding the verb.
_AFTER = re.compile(r"\b(?:по словам|по данным|по информации|за словами|за даними|за інформацією)\s+$", re.IGNORECASE)
_RELAY = re.compile(r"\b(?:передаёт|передает|передає)\b(?:\s+(?:его|її|його|ее|её)\s+слова)?\s+(?P<who>[^\s,.;]+)", re.IGNORECASE)
_KO_PARTICLE = re.compile(r"^(?:\([^)]*\))?(?:은|는|이|가|측은|측이)")
#: The Korean subject phrase before its particle and the verb: "한국 정보 당국이 18일 밝혔습니다".
_KO_SUBJECT = re.compile(
    r"(?P<name>(?:[가-힣A-Za-z]+(?<![한된던을를에로고며서것])\s){0,2}[가-힣A-Za-z]+?)(?:은|는|이|가)\s(?:(?:\d+일|이날|지난\s\d+일)\s)?(?:[가-힣]+\s)?$"
)
#: Korean subjects that name no one: authorities, a source, an official, the government.
_KO_GENERIC = re.compile(r"(?:당국|소식통|관계자|정부)$")
_DENY = re.compile(r"부인했|опроверг|отрицает|отрица|заперечу|заперечив|спростува|утк[аиу]|фейк", re.IGNORECASE)
_EXPECT = re.compile(r"예정|전망|할 것|будет|будут|планиру|ожида|буде|будуть|планує|очіку", re.IGNORECASE)
#: A sentence ends at "다." (Korean) or at ".", "!" or "?" before a capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"(?:(?<=다[.!?])|(?<=[.!?])(?=[\"'”’»)]*\s+[\"'“«(]?[A-ZА-ЯЁІЇЄҐ0-9]))[\"'”’»)]*\s+")
#: Numbers under this are not drafted: dates, brigades, ships and days are rarely a figure's value.
MIN_DRAFTED = 100
#: "he"/"she" after a reporting verb: the person named last.
_PRONOUN = re.compile(r"\b(?:він|вона|он|она)\b|그는|그녀는", re.IGNORECASE)
_NOT_A_COUNT = re.compile(
    r"^\s*(?:січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|року|года|г\.|р\.)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Speaker:
    actor: str
    via: tuple[str, ...]
    verb: str
    how: str


@dataclass
class _Context:
    """What an article has said so far: the lawmakers named (by surname, for "이 의원"), their actor ids, and each origin's relay."""

    surnames: dict[str, str] = field(default_factory=dict)
    lawmakers: dict[str, str] = field(default_factory=dict)
    #: origin actor → (its via chain, the sentence that says so)
    relays: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)


def drafts_in_original(corpus: model.Corpus, source_id: str, taken_ids: set[str]) -> Drafts:
    """Drafts for a source in Korean, Russian or Ukrainian (see the module's description)."""
    source = corpus.sources[source_id]
    language = source.language.split("-")[0].lower()
    drafts = Drafts(source_id)
    names = _names(corpus)
    taken = set(taken_ids) | set(corpus.claims) | set(corpus.actors)
    proposed: dict[str, str] = {}
    last: _Speaker | None = None
    person: str | None = None
    context = _Context()
    sentences = list(_sentences(source.text))
    for i, (piece, at) in enumerate(sentences):
        speaker = _speaker(piece, language, names, corpus, proposed, drafts, taken, person, context, last)
        person = _last_person(piece, names, corpus) or person
        if speaker is not None and speaker.actor not in corpus.actors and _KO_GENERIC.search(corpus_name(drafts, speaker.actor)):
            speaker = _named_next(speaker, sentences[i + 1 : i + 3], language, names, corpus, drafts) or speaker
        if speaker is None and last is not None and re.match(r"^(?:По его словам|За його словами|За словами|이들|이어|아울러)", piece):
            speaker = last
        if speaker is None:
            continue
        last = speaker
        if speaker.via and speaker.actor != OWN_VOICE:
            context.relays.setdefault(speaker.actor, (speaker.via, piece))
        for found in numerals.find(piece, language):
            if _NOT_A_COUNT.match(piece, found.end) or (found.number < MIN_DRAFTED and found.hedge is None):
                continue
            cited = next((c.id for c in corpus.claims.values() for q in c.citations if q.source == source_id and found.text in q.quote), None)
            if cited is not None:
                drafts.already_cited.append(cited)  # a curated claim quotes this number from this article
                continue
            _draft(drafts, corpus, source, piece, at, found, speaker, taken)
    _one_briefing_one_relay(drafts, context)
    used = {c["actor"] for c in drafts.claims} | {v for c in [*drafts.claims, *drafts.citations] for q in c["citations"] for v in q["via"]}
    drafts.actors = [a for a in drafts.actors if a["id"] in used]  # speakers proposed for no draft are not proposed
    return drafts


def _sentences(text: str) -> Iterable[tuple[str, int]]:
    """``(sentence, offset in the text)``; lines that do not end like a sentence (headlines, captions) are skipped."""
    offset = 0
    for line in text.split("\n"):
        if re.search(r"[.!?][\"'”’»)]*\s*$", line):
            start = 0
            for piece in _SENTENCE_END.split(line):
                at = line.find(piece, start)
                start = at + len(piece)
                yield piece, offset + at
        offset += len(line) + 1


def corpus_name(drafts: Drafts, ident: str) -> str:
    return next((a["name"] for a in drafts.actors if a["id"] == ident), ident)


def _named_next(
    speaker: _Speaker, following: list[tuple[str, int]], language: str, names: list[tuple[str, str]], corpus: model.Corpus, drafts: Drafts
) -> _Speaker | None:
    """A generic Korean subject ("정보 당국", the intelligence authorities) read as the body the next sentences name.

    Korean reports credit their lede to "authorities" or "a source" and name the agency in the
    next sentence ("국정원은 … 밝혔습니다"); as in English "according to a new report", the named
    speaker is taken, and the draft says so for review.
    """
    for sentence, _ in following:
        named = _speaker(sentence, language, names, corpus, {}, Drafts(drafts.source), set())
        if named is not None and named.actor in corpus.actors and named.actor != OWN_VOICE:
            name = corpus_name(drafts, speaker.actor)
            return _Speaker(
                named.actor,
                speaker.via,
                speaker.verb,
                f'the subject "{name}" with "{speaker.verb}"; "{name}" is not named here and was read as {corpus.actors[named.actor].name}, named in a following sentence ({named.how}). Check it',
            )
    return None


def _names(corpus: model.Corpus) -> list[tuple[str, str]]:
    """``(name or alias, actor id)``, longest first, for every actor but the article's own voice."""
    entries = {(n, a.id) for a in corpus.actors.values() if a.id != OWN_VOICE for n in (a.name, *a.aliases) if n}
    return sorted(entries, key=lambda e: -len(e[0]))


def _last_person(sentence: str, names: list[tuple[str, str]], corpus: model.Corpus) -> str | None:
    """The person named last in the sentence, for a "he" or "she" that follows."""
    found = [
        (m.start(), ident) for name, ident in names if corpus.actors[ident].kind == "person" for m in re.finditer(rf"(?<![\w-]){re.escape(name)}", sentence)
    ]
    return max(found)[1] if found else None


def _speaker(
    sentence: str,
    language: str,
    names: list[tuple[str, str]],
    corpus: model.Corpus,
    proposed: dict[str, str],
    drafts: Drafts,
    taken: set[str],
    person: str | None = None,
    context: _Context | None = None,
    last: _Speaker | None = None,
) -> _Speaker | None:
    verb = _VERBS[language].search(sentence)
    if verb is None:
        return None
    if language == "ko":
        # Korean closes a sentence with its main verb: "…파악됐다고 한국 정보 당국이 밝혔다" is the authorities' "밝혔다".
        verbs = list(_KO_VERB.finditer(sentence))
        active = [v for v in verbs if not _KO_PASSIVE.fullmatch(v.group())]
        verb = (active or verbs)[-1]
    if language == "ko" and context is not None:
        relayed = _korean_relay(sentence, verb, names, corpus, drafts, taken, context, last)
        if relayed is not None:
            return relayed
    via: tuple[str, ...] = ()
    relay = _RELAY.search(sentence)
    if relay:
        agency = next((ident for name, ident in names if name.casefold() == relay.group("who").casefold()), None)
        via = (agency,) if agency else ()
    found: list[tuple[int, int, str, str]] = []  # (preference, distance, name, id)
    for name, ident in names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}", sentence):
            if ident in via:
                continue
            if _AFTER.search(sentence[: match.start()]):
                found.append((0, 0, name, ident))
            elif match.start() < verb.start() or language == "ko":
                particle = language == "ko" and _KO_PARTICLE.match(sentence[match.end() :]) is not None
                found.append((0 if particle else 1, abs(verb.start() - match.start()), name, ident))
    if found:
        _, _, name, ident = min(found)
        return _Speaker(ident, via, verb.group(), f'"{name}" with "{verb.group()}"')
    if language == "ko" and _KO_PASSIVE.fullmatch(verb.group()):
        # "…것으로 파악됐다" (it was found that …) names no one: the speaker of the sentences before, for review.
        if last is not None:
            return _Speaker(last.actor, last.via, verb.group(), f'"{verb.group()}", which names no speaker, read as continuing {last.how}')
        return _Speaker(OWN_VOICE, via, verb.group(), f'"{verb.group()}", which names no speaker')
    pronoun = _PRONOUN.search(sentence)
    if pronoun and person is not None:
        return _Speaker(person, via, verb.group(), f'"{pronoun.group()}" with "{verb.group()}", read as {corpus.actors[person].name}, the person named last')
    if language == "ko":
        subject = _KO_SUBJECT.search(sentence[: verb.start()])
        if subject:
            name = subject.group("name").strip()
            ident = proposed.get(name) or _propose_actor(name, drafts, taken)
            proposed[name] = ident
            return _Speaker(ident, via, verb.group(), f'the subject "{name}" with "{verb.group()}", a speaker no actor names')
    return _Speaker(OWN_VOICE, via, verb.group(), f'"{verb.group()}" with no speaker the data names')


def _korean_relay(
    sentence: str,
    verb: re.Match[str],
    names: list[tuple[str, str]],
    corpus: model.Corpus,
    drafts: Drafts,
    taken: set[str],
    context: _Context,
    last: _Speaker | None,
) -> _Speaker | None:
    """A Korean sentence in which lawmakers relay a body's words, or speak themselves (:mod:`generator.suggest.korean`)."""
    named = korean.lawmakers(sentence, context.surnames)
    if not named:
        return None
    for name, *_ in named:
        context.surnames.setdefault(name[0], name)
    bodies = {n: i for n, i in names if corpus.actors[i].kind != "person"}
    origins = sorted(
        (m.start(), name) for name in bodies for m in re.finditer(rf"(?<![\w-]){re.escape(name)}", sentence) if _KO_PARTICLE.match(sentence[m.end() :])
    )
    relay = korean.relay(sentence, origins, context.surnames)
    via = tuple(dict.fromkeys(_lawmaker(name, names, drafts, taken, context) for name, *_ in named))
    if relay is not None:
        origin = bodies.get(relay.origin or "")
        how = relay.how
        if origin is None and last is not None and last.actor in corpus.actors and corpus.actors[last.actor].kind != "person":
            origin = last.actor
            how += f", read as the briefing of {corpus.actors[origin].name}, the speaker before; check it"
        elif origin is None and context.relays:
            origin = next(iter(context.relays))
            how += f", read as the briefing of {corpus.actors[origin].name}, relayed before in the article; check it"
        if origin is not None:
            return _Speaker(origin, via, verb.group(), f"{how}; the lawmakers relay it")
    subject = [n for n in named if n[3] in ("은", "는", "이", "가") and n[1] < verb.start()]
    if not subject or any(_KO_PARTICLE.match(sentence[m.end() :]) for n in bodies for m in re.finditer(re.escape(n), sentence[: subject[0][1]])):
        return None
    speaker = _lawmaker(subject[0][0], names, drafts, taken, context)
    how = f'the lawmaker "{subject[0][0]}" with "{verb.group()}"'
    relays = [origin for origin, (chain, _) in context.relays.items() if speaker in chain]
    if relays:
        how += f"; elsewhere in the article this lawmaker relays {corpus.actors[relays[0]].name}: if these are its words, make it the actor and the lawmaker the via"
    return _Speaker(speaker, (), verb.group(), how)


def _lawmaker(name: str, names: list[tuple[str, str]], drafts: Drafts, taken: set[str], context: _Context) -> str:
    """The actor of a lawmaker named in Korean: one with this name or alias, else one proposed (once per article)."""
    existing = next((ident for n, ident in names if n == name), None) or context.lawmakers.get(name)
    if existing:
        return existing
    base = slug(name) or "lawmaker"
    ident = free_id(base, taken)
    taken.add(ident)
    drafts.actors.append(
        {
            "id": ident,
            "name": name,
            "kind": "person",
            "role": "Member of the National Assembly of South Korea (의원)",
            "review": [
                f'New actor proposed for the lawmaker "{name}" (…의원); no actor has this name or alias. Give the English name the person uses and keep "{name}" as an alias.'
            ],
        }
    )
    context.lawmakers[name] = ident
    return ident


def _one_briefing_one_relay(drafts: Drafts, context: _Context) -> None:
    """A body whose words the article says came through lawmakers: its other drafts without a relay get the same chain, for review."""
    for record in [*drafts.claims, *drafts.citations]:
        citation = record["citations"][-1]
        if citation["source"] != drafts.source or citation["via"] or record["actor"] not in context.relays:
            continue
        chain, sentence = context.relays[record["actor"]]
        if sentence == citation["quote"]:
            continue
        citation["via"] = list(chain)
        record["review"].insert(
            1,
            f'Via {", ".join(chain)} taken from the sentence of this article that says these are the words they relayed: "{sentence}". Check that this number is from the same briefing.',
        )


def _propose_actor(name: str, drafts: Drafts, taken: set[str]) -> str:
    base = slug(name) or "speaker"
    ident = free_id(base, taken)
    taken.add(ident)
    drafts.actors.append(
        {
            "id": ident,
            "name": name,
            "kind": "anonymous-group",
            "review": [
                f'New actor proposed from the Korean subject "{name}"; no actor has this name or alias. Give it an English name, or make "{name}" an alias of the actor it is.'
            ],
        }
    )
    return ident


def _figure(corpus: model.Corpus, actor: str, number: float) -> tuple[str | None, str]:
    """The figure a number of ``actor`` most likely counts, and why, for review.

    Figures are matched by English words, which this text does not have; so the figure is
    taken from the curated claims: one of the same actor with the same number, else of any
    actor with the same number, else the one the actor's claims use most.
    """
    valued = [c for c in corpus.claims.values() if c.figure and c.value]
    same = [c for c in valued if number in (c.value.low, c.value.high)]  # type: ignore[union-attr]
    for claims, how in (([c for c in same if c.actor == actor], "the same actor and number"), (same, "the same number")):
        if claims:
            return claims[0].figure, f"Figure {claims[0].figure} taken from {claims[0].id}, a claim with {how}: check that this number counts the same thing."
    counts: dict[str, int] = {}
    for claim in valued:
        if claim.actor == actor and claim.figure:
            counts[claim.figure] = counts.get(claim.figure, 0) + 1
    if counts:
        figure = max(sorted(counts), key=lambda f: counts[f])
        return (
            figure,
            f"Figure {figure} is the one this actor's claims estimate most; suggest matches figures by English words only, so choose the figure this number counts.",
        )
    return None, "No figure chosen: suggest matches figures by English words only; choose the figure this number counts."


def _draft(
    drafts: Drafts, corpus: model.Corpus, source: model.Source, sentence: str, at: int, found: numerals.Numeral, speaker: _Speaker, taken: set[str]
) -> None:
    value = numerals.value_data(found)
    if found.hedge:
        value["note"] = f'"{found.text}" read as "{found.hedge} {found.number:,g}" ({found.language} number words, generator/data/numerals.py)'
    stance = "denies" if _DENY.search(sentence) else "expects" if _EXPECT.search(sentence) else "asserts"
    read = korean.figure_for(corpus, drafts, speaker.actor, found.number, sentence, found.start, found.end, taken) if found.language == "ko" else None
    figure, why = read or _figure(corpus, speaker.actor, found.number)
    if figure is None:  # a value estimates a figure: one is proposed for the editor to name
        figure, proposed = korean.new_figure(corpus, drafts, found.text, sentence, taken)
        why = f"{why} {proposed}"
    on_file = find_on_file(corpus, source.id, speaker.actor, figure, value, None) if figure else None
    review = [f"Attributed through {speaker.how}" + (f", via {', '.join(speaker.via)}" if speaker.via else "") + "."]
    translate = "Add a translation beside the quote (translation: {text, lang: en, by: editors}); suggest does not translate."
    if on_file is not None:
        record = citation_record(on_file[0], source.id, sentence, list(speaker.via), [*review, on_file[1], translate])
        if not any(r["id"] == record["id"] for r in drafts.citations):
            drafts.citations.append(record)
            drafts.spans[on_file[0].id] = (at + found.start, at + found.end)
        return
    base = slug(f"{speaker.actor} {found.number:g} {source.language}") or "claim"
    ident = free_id(base, taken)
    taken.add(ident)
    if speaker.actor == OWN_VOICE:
        review.append("No speaker the data names is found; drafted in the article's own voice. Check who says it.")
    review += [
        translate,
        why,
        "claimed_on is left unknown; set it from the text.",
        "The statement is a placeholder drafted from the value; write it in English, in a neutral sentence of your own.",
    ]
    drafts.claims.append(
        {
            "id": ident,
            "actor": speaker.actor,
            **({"figure": figure} if figure else {}),
            "value": value,
            "stance": stance,
            "claimed_on": None,
            "statement": f"{speaker.actor}: {found.text}.",
            "citations": [{"source": source.id, "quote": sentence, "via": list(speaker.via)}],
            "review": review,
        }
    )
    drafts.spans[ident] = (at + found.start, at + found.end)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
