"""Read who speaks from the words of a news sentence, when the speaker is not a known actor yet.

A speech cue ("X said", "according to X", "“…,” X said") names its speaker in a phrase next to
the verb. This module cuts that phrase out of the sentence and reads it the way an editor would
write an actor file: the name ("UN Office for the Coordination of Humanitarian Affairs"), an
abbreviation the text gives right after it ("(OCHA)" → alias), the body it belongs to when the
text says so ("South Korea's military", "the Front's convenor"), a role ("the health minister
of the eastern government"), and a kind guessed from the head word ("ministry" → government,
"researchers" → anonymous-group), each with the reason in words for the draft's ``review``.

Only the grammar of attribution is used: determiners, titles, appositives between commas,
possessives and capitalised runs. Nothing here names a particular actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})

#: Words that may stand between a subject and its verb and are not part of the subject.
_TRAILING = re.compile(
    r"(?:\s+(?:has|have|had|also|earlier|previously|recently|reportedly|repeatedly|later|then|now|already|further|separately|additionally"
    r"|last\s+(?:week|month)|this\s+(?:week|month)|on\s+\w+day|\w+day|(?:on|in)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{1,2})?"
    r"|(?:early|late)\s+\w+day|over the weekend|in a statement|instead|again|too|meanwhile|however|still))+\s*$",
)
#: Where a subject phrase starts: after a closing quotation, a clause break or a conjunction.
_BOUNDARY = re.compile(
    r"""(?:^|["]\s*,?\s+|[,;:]\s+|\s[-–—]{1,2}\s|--|\b(?:that|while|whereas|but|as|because|though|although|and that|after|before|when|since|until|once|if)\s+)"""
)
#: Phrases that introduce the speaker without being it: "a new report by X", "figures from X".
_INTRODUCER = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:(?:new|recent|latest|provisional|preliminary|revised|fresh|official)\s+)*"
    r"(?:report|study|statement|analysis|assessment|estimate|estimates|figures|data|count|tally|survey|report tweeted|briefing)"
    r"(?:\s+\w+){0,2}?\s+(?:by|from|of)\s+",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"^(?:the|a|an|one|another|some|two|three|several)\s+", re.IGNORECASE)
#: Phrases that are not speakers: pronouns, the article's own outlet, bare report nouns.
_NOT_A_SPEAKER = re.compile(
    r"^(?:it|this|that|these|those|there|which|who|he|she|they|we|i|you|the outlet|the newspaper|the paper|the report|the study"
    r"|reports?|media|media reports|the agency|the statement|estimates?|figures|data|the figures|the numbers?|the toll"
    r"|(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}(?:report|study|analysis|assessment|survey|estimates?|findings|statement|data|figures|document|list))$",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-Z][\w'.&-]*|U\.[SNK]\.?|of|for|the|and|on|de|du|des|al|el|von|van|der)"
#: The proper name at the end of a phrase: "African Union envoy Olusegun Obasanjo" → "Olusegun Obasanjo".
_TRAILING_NAME = re.compile(rf"(?:(?<=\s)|^)(?P<name>[A-Z][\w'.&-]*(?:\s+{_NAME_WORD})*?(?:\s+[A-Z][\w'.&-]*)?)\s*(?P<abbr>[(\[][A-Z][A-Za-z.&]{{1,9}}[)\]])?$")
_ABBREVIATION = re.compile(r"^\s*[(\[](?P<abbr>[A-Z][A-Za-z.&]{1,9})[)\]]")

#: Words that make a capitalised name an organisation rather than a person, and the kind they give.
_ORG_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:military|army|armed forces|navy|air force|joint chiefs|general staff|defen[cs]e forces|troops|command)\b", re.I), "military"),
    (
        re.compile(
            r"\b(?:government|ministry|minister of|prefecture|administration|cabinet|authorities|parliament|congress|kremlin|white house|city hall|presidency|interior|state department|department of state)\b",
            re.I,
        ),
        "government",
    ),
    (
        re.compile(
            r"\b(?:office|agency|service|department|police|bureau|commission|directorate|intelligence|ministry of defen[cs]e|pentagon|coast guard)\b", re.I
        ),
        "agency",
    ),
    (
        re.compile(
            r"\b(?:organi[sz]ation|union|unions|front|council|committee|institute|university|association|society|crescent|red cross|party|bank|fund|programme|program|nations|confederation|federation|centre|center|group|school|foundation|alliance|coalition|network|observatory|court|movement|campaign|league|forum|conference|summit)\b",
            re.I,
        ),
        "organisation",
    ),
]
_PERSON_ROLE = re.compile(
    r"\b(?:mayor|spokes(?:man|woman|person)|minister|president|premier|chancellor|governor|envoy|mediator|commander|convenor|convener|director|secretary|head|chief|leader|ambassador|general|colonel|officer|lawmaker|senator|official|analyst|researcher|professor|expert|adviser|advisor|deputy|chairman|chairwoman|chair|representative|coordinator|organi[sz]er)\b",
    re.I,
)
_PLURAL_GROUP = re.compile(
    r"\b(?:officials|sources|researchers|analysts|experts|organi[sz]ers|unions|authorities|activists|residents|witnesses|monitors|observers|diplomats|lawmakers|leaders|medics|doctors|rescuers|volunteers|assessments|estimates|agencies|services)\b",
    re.I,
)


@dataclass
class Speaker:
    """A speaker read from a phrase: the actor an editor would write, with the reasons."""

    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    #: The phrase that owns the speaker ("South Korea" in "South Korea's military"), to resolve to an actor.
    owner: str | None = None
    role: str | None = None
    #: Where the phrase stands in the sentence (start, end).
    span: tuple[int, int] = (0, 0)
    reasons: list[str] = field(default_factory=list)


def subject_before(text: str, verb_start: int) -> tuple[str, int] | None:
    """The subject phrase that ends at ``verb_start`` ("…, the mayor of Derna had said" → "the mayor of Derna").

    Auxiliaries, adverbs and dates between subject and verb are dropped. A phrase that ends with a
    comma is an appositive: "Othman Abdel Jalil, the health minister …, told" gives the name, and
    "the Front's convenor, Jimmy Sham Tsz-kit, said" gives the name between the commas.
    """
    before = text[:verb_start].translate(_STRAIGHT)
    trailing = _TRAILING.search(before)
    if trailing:
        before = before[: trailing.start()]
    if not before.strip():
        return None
    stripped = before.rstrip()
    if stripped.endswith(","):
        inner_end = len(stripped) - 1
        cut = max(stripped.rfind(",", 0, inner_end), stripped.rfind('"', 0, inner_end))
        inner = stripped[cut + 1 : inner_end].strip()
        inner_start = stripped.find(inner, cut + 1)
        outer = _last_segment(stripped[: max(cut, 0)]) if cut >= 0 else None
        bare_inner = _DETERMINER.sub("", inner)
        if outer is None or (_looks_like_name(bare_inner) and not _looks_like_name(_DETERMINER.sub("", outer[0]))):
            return (inner, inner_start) if inner else None
        if re.match(r"(?:who|which|whose)\b", inner) or _looks_like_name(_DETERMINER.sub("", outer[0])) or not _looks_like_name(bare_inner):
            return outer
        return inner, inner_start
    return _last_segment(stripped)


def _last_segment(before: str) -> tuple[str, int] | None:
    starts = [m.end() for m in _BOUNDARY.finditer(before)]
    start = max(starts) if starts else 0
    # A list of names before a common noun is one group: "U.S., South Korean and Ukrainian intelligence officials".
    while start >= 2 and before[start - 2 : start] == ", " and " and " in before[start:]:
        previous = [s for s in starts if s < start - 2]
        item_start = max(previous) if previous else 0
        if not re.fullmatch(r"(?:The\s+|the\s+)?(?:[A-Z][\w.'-]*\s*){1,3}", before[item_start : start - 2].strip() + " "):
            break
        start = item_start
    phrase = before[start:].strip()
    if not phrase or len(phrase.split()) > 16:
        return None
    return phrase, before.find(phrase, start)


def subject_after(text: str, verb_end: int) -> tuple[str, int] | None:
    """The subject of an inverted cue: "“…,” said President Joe Biden on October 25." → "President Joe Biden"."""
    rest = text[verb_end:].translate(_STRAIGHT)
    match = re.match(r"\s*(?P<p>[^,.;:\"(]+?)(?=\s+(?:on|in|at|last|earlier|during|from|after|before|to|when|while|who|which)\b|[,.;:\"]|$)", rest)
    if match is None:
        return None
    phrase = match.group("p").strip()
    return (phrase, verb_end + match.start("p")) if phrase else None


def _looks_like_name(phrase: str) -> bool:
    words = phrase.split()
    return bool(words) and all(w[:1].isupper() or w in ("al", "de", "van", "von", "bin", "el") for w in words) and len(words) <= 5


#: A dateline: a place in capitals, maybe with its country, then a dash.
_DATELINE = re.compile(r"[A-Z][A-Z.'-]{2,}(?:\s+[A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w.' ]*?)?\s*[–—-]\s")

#: A person's name after a title: abbreviated ("Rep.", "Gen.") or a word of office, with an optional body before it.
_TITLED_NAME = re.compile(
    r"^(?P<role>(?:(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,4})?(?:Rep\.|Sen\.|Gen\.|Lt\.|Col\.|Maj\.|Capt\.|Adm\.|Gov\.|Dr\.|Mr\.|Mrs\.|Ms\.|Prof\."
    r"|President|Prime Minister|Minister|Spokes(?:wo)?man|Lawmaker|lawmaker|spokes(?:wo)?man|Secretary|Chancellor|Senator|Representative))\s+"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})$"
)


def read_speaker(phrase: str, start: int = 0, after: str = "") -> Speaker | None:
    """The actor a subject phrase names, or None when it names nobody ("it", "the report", "officials said" is kept)."""
    phrase = phrase.translate(_STRAIGHT).strip(" ,")
    reasons: list[str] = []
    introducer = _INTRODUCER.match(phrase)
    if introducer:
        start += introducer.end()
        phrase = phrase[introducer.end() :]
    if _NOT_A_SPEAKER.match(phrase) or not _noun_phrase(phrase) or (start == 0 and _DATELINE.match(phrase + after)):
        return None  # "TAIPEI, Taiwan – …": a dateline names a place, never a speaker
    aliases: list[str] = []
    abbreviation = _ABBREVIATION.match(after)
    inner = re.search(r"\s*[(\[](?P<abbr>[A-Z][A-Za-z.&]{1,9})[)\]]$", phrase)
    if inner:
        aliases.append(inner.group("abbr"))
        phrase = phrase[: inner.start()].rstrip()
    elif abbreviation:
        aliases.append(abbreviation.group("abbr"))
    if aliases:
        reasons.append(f'"{aliases[0]}" follows the name in brackets, so it is proposed as an alias')
    owner = None
    role = None
    name = _DETERMINER.sub("", phrase)
    titled = _TITLED_NAME.match(phrase)
    if titled:
        # "Rep. Lee Seong-kweun", "People Power Party Rep. Lee …", "President Joe Biden": the title is the role, not the name.
        role, name = titled.group("role").strip(), titled.group("name")
        kind, why = "person", "the kind (person) is read from the title before the name"
        return Speaker(
            name, kind, aliases, None, role, (start, start + len(phrase)), [*reasons, why, f'the role "{role}" is the title the text gives before the name']
        )
    # "the South's Joint Chiefs of Staff", "Britain's Ministry of Defense": the possessive names the
    # body it belongs to, and a capitalised rest is the name; "South Korea's military" stays whole.
    possessive = re.match(r"^(?:the\s+|The\s+)?(?P<owner>(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)'s?\s+(?P<rest>.+)$", phrase)
    if possessive:
        owner = possessive.group("owner")
        if possessive.group("rest")[:1].isupper():
            name = possessive.group("rest")
        reasons.append(f'"{possessive.group(0)[: possessive.start("rest")].strip()}" names the body it belongs to')
    else:
        trailing = _TRAILING_NAME.search(phrase)
        if trailing and trailing.group("name"):
            run = trailing.group("name").strip()
            lead = _DETERMINER.sub("", phrase[: trailing.start("name")].strip() + " ").strip()
            complement = re.search(r"\b(?:of|for|from|at|in|by|with|to)$", lead)
            run = re.sub(r"^(?:The|A|An)\s+", "", run)
            if run and not complement and not _PLURAL_GROUP.search(run) and (not lead or re.fullmatch(r"[\w\s'-]+", lead)):
                role = lead or None
                name = run
        # A capitalised modifier naming a body before a common noun: "a US official", "French police".
        modifier = re.match(r"^(?:(?:the|a|an|The|A|An)\s+)?(?P<owner>(?:(?!(?:The|A|An)\s)[A-Z][\w.]*\s+){1,3})(?P<rest>[a-z][a-z\s-]*)$", phrase)
        if modifier:
            owner = modifier.group("owner").strip()
            reasons.append(f'"{owner}" before "{modifier.group("rest").strip()}" may name the body it belongs to')
    if len(name.split()) > 10 or not _names_someone(name, aliases):
        return None
    kind, why = _kind(name, role)
    reasons.append(why)
    if role:
        reasons.append(f'the role "{role}" is the title the text gives before the name')
    name = name[:1].upper() + name[1:]
    return Speaker(name, kind, aliases, owner, role, (start, start + len(phrase)), reasons)


_NOT_IN_SUBJECT = re.compile(
    r"\b(?:is|are|was|were|be|been|can|can't|cannot|could|will|would|should|may|might|must|does|did|do|has|have|had|he|she|they|we|i|you|it|his|her|their|its"
    r"|said|says|say|told|tells|reported|reports|claimed|claims|dismissed|denied|warned|announced|estimated|noted|added|stressed|suggests?|believes?|expects?)\b",
    re.IGNORECASE,
)
_NOT_FIRST = re.compile(
    r"^(?:with|of|in|on|for|by|to|from|at|into|after|before|during|though|although|but|and|or|so|which|who|whom|whose|when|where|while|if|as|than|there|here|now|then|this|that|these|those|such|also|even|only)\b",
    re.IGNORECASE,
)
#: Heads of a noun phrase that can speak: people by role, groups and institutions.
_SPEAKER_NOUN = re.compile(
    r"(?:mayor|spokes(?:man|woman|person)|minister|president|premier|governor|envoy|mediator|commander|convenor|convener|director|secretary|chief|head|leader|ambassador"
    r"|official|officer|analyst|researcher|expert|adviser|advisor|representative|coordinator|organi[sz]er|source|lawmaker|senator|general|prosecutor|investigator"
    r"|government|ministry|military|army|police|prefecture|office|agency|service|department|commission|council|committee|union|front|administration|authorit(?:y|ies)"
    r"|intelligence|navy|forces|command|group|team|coalition|observatory|monitor|parliament|court|assessment|estimate|medic|doctor|rescuer|activist|witness|diplomat|resident)s?$",
    re.IGNORECASE,
)
#: A bare plural that names no one in particular ("officials said"): left to the last group named.
_GENERIC = re.compile(r"^(?:officials|sources|experts|analysts|observers|diplomats|people|an? (?:official|source|expert|analyst))$", re.IGNORECASE)


def _noun_phrase(phrase: str) -> bool:
    """Whether a phrase can be a subject: no verb, pronoun or digit in it, and it starts like a noun phrase."""
    return bool(re.search(r"[A-Za-z]", phrase)) and not _NOT_FIRST.match(phrase) and not _NOT_IN_SUBJECT.search(phrase) and not re.search(r"\d", phrase)


def _names_someone(name: str, aliases: list[str]) -> bool:
    """A proper name of two words or more, an abbreviation, or a common noun phrase whose head can speak."""
    if aliases or re.fullmatch(r"(?:[A-Z]{2,8}|(?:[A-Z]\.){2,4})", name):
        return True
    bare = _DETERMINER.sub("", name)
    if _GENERIC.match(bare) or _GENERIC.match(name):
        return False
    head = re.split(r"\s+(?:of|for|from|at|in|by|with|on|based|who|which|that|\w+ed)\b", bare, maxsplit=1)[0].split()
    if not head:
        return False
    if all(w[:1].isupper() for w in bare.split() if w not in ("of", "for", "the", "and", "on", "de", "al")):
        return len(bare.split()) >= 2 or bool(_SPEAKER_NOUN.fullmatch(bare.lower()))
    return bool(_SPEAKER_NOUN.search(head[-1]))


def _kind(name: str, role: str | None) -> tuple[str, str]:
    proper = not re.search(r"(?:^|\s)(?!(?:of|for|the|and|on|de|du|al|el|van|von|der)\b)[a-z]", name)
    if proper and not re.match(r"(?:Group|Leaders|Officials|Sources)\b", name):
        if _looks_like_name(name) and 2 <= len(name.split()) <= 4 and not any(p.search(name) for p, _ in _ORG_WORDS) and "." not in name:
            return "person", "the kind (person) is a guess from a name of two to four capitalised words"
        for pattern, kind in _ORG_WORDS:
            found = pattern.search(name)
            if found:
                return kind, f'the kind ({kind}) is a guess from the word "{found.group(0)}"'
        if re.fullmatch(r"[A-Z][A-Z.&]{1,9}", name):
            return "organisation", "the kind (organisation) is a guess for an abbreviation"
        if not re.search(r"\b[a-z]", name):
            return "organisation", "the kind (organisation) is a guess; nothing in the name says more"
    # A common noun phrase: "the prefectural government", "a group of analysts", "the mayor of Derna".
    head = re.split(r"\s+(?:of|for|from|at|in|by|with)\s+", name, maxsplit=1)[0]
    if _PLURAL_GROUP.search(head.split()[-1]):
        return "anonymous-group", f'the kind (anonymous-group) is a guess from the plural "{head.split()[-1]}"'
    for pattern, kind in _ORG_WORDS[:3]:
        found = pattern.search(head)
        if found:
            return kind, f'the kind ({kind}) is a guess from the word "{found.group(0)}"'
    if _PLURAL_GROUP.search(head) or re.search(r"\b(?:group|official)\b", head, re.I):
        return "anonymous-group", "the kind (anonymous-group) is a guess: the words name people without naming them"
    role_word = _PERSON_ROLE.search(head)
    if role_word:
        return "person", f'the kind (person) is a guess from the role "{role_word.group(0)}"'
    for pattern, kind in _ORG_WORDS[3:]:
        found = pattern.search(head)
        if found:
            return kind, f'the kind ({kind}) is a guess from the word "{found.group(0)}"'
    return "anonymous-group", "the kind (anonymous-group) is a guess; the words name no one in particular"
