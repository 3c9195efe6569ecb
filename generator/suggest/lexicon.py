"""The word lists and word functions of the reader: speech verbs, stance cues, stop words, stems.

General English only: nothing here is keyed to a seed article, actor or figure.
"""

from __future__ import annotations

import re

_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


#: Verbs that report speech and so name a speaker. Weak ones ("expects", "believes") start a cue
#: only outside the words another cue reports: in "he said that Kyiv expects …" the speaker is "he".
_STRONG_VERBS = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "claimed",
    "claims",
    "claim",
    "reported",
    "reports",
    "boasted",
    "stressed",
    "emphasized",
    "emphasised",
    "denied",
    "denies",
    "deny",
    "dismissed",
    "dismisses",
    "rejected",
    "rejects",
    "accused",
    "accuses",
    "added",
    "noted",
    "insisted",
    "announced",
    "confirmed",
    "stated",
    "shared",
    "warned",
    "warns",
    "warn",
    "estimated",
    "estimates",
    "estimating",
    "calculates",
    "calculated",
    "slammed",
    "called",
    "calling",
    "described",
    "criticised",
    "criticized",
    "counted",
    "saying",
    "adding",
    "claiming",
    "noting",
    "states",
    "indicated",
    "published",
    "released",
    "issued",
    "provided",
    "gave",
    "spoke of",
    "speaks of",
    "cited",
    "put",
    "puts",
    "expressed concern",
    "expresses concern",
    "voiced concern",
    "voices concern",
]


_WEAK_VERBS = ["suggest", "suggests", "suggested", "believes", "believe", "expects", "expect"]


_VERB = re.compile(r"\b(?P<verb>" + "|".join(sorted(_STRONG_VERBS + _WEAK_VERBS, key=len, reverse=True)) + r")\b")


_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$")


_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)


_CITED_AS_SAYING = re.compile(r"\b(?:cited|quoted)\b(?P<obj>.{1,120}?)\bas saying\b")


_CITING = re.compile(r",\s*citing\s+(?P<obj>[^,.;]+)")


_INTERVIEW = re.compile(r"\bin an interview with\s+(?P<obj>[^,.;]+)", re.IGNORECASE)


#: The pronoun nearest the verb ("in which he slammed": "he", not "which"), hence the greedy start.
_PRONOUN = re.compile(r"^.*\b(?P<p>he|she|they|it|who|which|He|She|They)\s+(?:\w+\s+){0,2}$", re.DOTALL)


_GROUP_BACKREF = re.compile(
    r"\b(?:(?:one of )?the (?:people|sources|officials)|another (?:person|source|official))(?:,\s+(?:who|which)\s[^,]{1,80},)?\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)


_DENY = {"denied", "denies", "deny", "dismissed", "dismisses", "rejected", "rejects"}


_CANNOT_CONFIRM = re.compile(
    r"\b(?:no evidence|can't confirm|cannot confirm|could not confirm|couldn't confirm|unable to confirm|not able to confirm|still being evaluated|not been confirmed)\b",
    re.IGNORECASE,
)


_WARN = re.compile(r"\b(?:warn\w*|threat\w*|high chance|risks?|concerns?)\b", re.IGNORECASE)


_EXPECT = re.compile(r"\b(?:expect\w*|will|would|set to|likely|could|may)\b", re.IGNORECASE)


#: A report introduced before it is named, and the nouns by which the next sentence names it.
_UNNAMED_REPORT = re.compile(
    r"according to\s+(?:a|an)\s+(?:new\s+|recent\s+|fresh\s+|latest\s+)?(?:report|study|analysis|assessment|survey|estimate)\b", re.IGNORECASE
)


_REPORT_NOUN = re.compile(r"\b(?:report|study|analysis|assessment|survey|estimates?|findings)\b", re.IGNORECASE)


_ANAPHORIC_START = re.compile(r"^(?:The|These|This|Those|They|It|Its|Such|He|She)\b")


#: Words that count people by what happened to them; they count in the unit of the people they
#: are about: "80,000 killed" among troops counts troops, "94 dead" after an earthquake people.
_CASUALTY_NOUNS = ["killed", "wounded", "injured", "dead", "casualties", "missing", "displaced", "arrested", "buried", "died"]
_TROOP_WORDS = re.compile(r"\b(?:troops?|soldiers?|servicemen|personnel|fighters|forces|military|infantry|army)\b", re.IGNORECASE)

#: Unit nouns and the unit they count in.
UNIT_NOUNS: dict[str, str] = {
    **dict.fromkeys(["troop", "troops", "soldier", "soldiers", "personnel", "servicemen", "fighters", "infantry", "forces", "military", "men"], "troops"),
    **dict.fromkeys(_CASUALTY_NOUNS, "casualty"),
    **dict.fromkeys(
        ["people", "persons", "civilians", "children", "protesters", "demonstrators", "marchers", "participants", "refugees", "evacuees", "residents"]
        + ["victims", "bodies", "deaths", "fatalities", "lives", "officers", "policemen", "gendarmes", "teachers", "workers"],
        "people",
    ),
    **dict.fromkeys(["household", "households"], "households"),
    **dict.fromkeys(["building", "buildings", "homes", "houses"], "buildings"),
    **dict.fromkeys(["aircraft", "jets", "planes", "helicopters", "ships", "vessels", "vehicles", "howitzers", "launchers", "pieces"], "equipment"),
    **dict.fromkeys(["units"], "equipment"),
    **dict.fromkeys(["round", "rounds", "shell", "shells", "projectiles", "ammunition"], "rounds"),
    **dict.fromkeys(["container", "containers"], "containers"),
    **dict.fromkeys(["missile", "missiles"], "missiles"),
    **dict.fromkeys(["rocket", "rockets"], "rockets"),
    **dict.fromkeys(["drone", "drones"], "drones"),
    **dict.fromkeys(["tank", "tanks"], "tanks"),
}


_MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
_TIME_NOUNS = set(["year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "decade", "decades"])


#: Words that may stand between a number and its unit noun: "1,500 Moscow troops", "15,000 of its military".
_MODIFIER = re.compile(
    r"^(?:[A-Z][\w’'-]*|and|of|its|their|the|active|infantry|artillery|additional|more|new|elite|regular|special|combat|[\d-]+mm|\d+-mm|modern)$"
)


_RATE = re.compile(r"^\s+(?:a|per|each)\s+day\b|^\s+daily\b")


_STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "its",
        "it",
        "their",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "what",
        "than",
        "then",
        "there",
        "per",
        "into",
        "over",
        "under",
        "up",
        "about",
        "some",
        "more",
        "most",
        "such",
        "not",
        "no",
        "can",
        "could",
        "would",
        "will",
        "may",
    ]
)


def _stem(word: str) -> str:
    word = word.lower().strip("'’")
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _terms(text: str) -> list[str]:
    return [_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", text) if w.lower() not in _STOP]


#: Words too common to tell figures apart. Modal verbs are left to the modality reading below
#: (``_MODALITY``), which knows that "could soon be deployed" is a forecast and "could deploy up to"
#: a ceiling; "already" stays a word of its own.
_FUNCTION_WORDS = (_STOP | {"might"}) - {
    # Kept as terms when matching figures: words of bounds ("up", "more", "than"), negation and
    # relation, which the attribution list above drops.
    *("about", "into", "more", "most", "no", "not", "over", "per", "some", "such"),
    *("than", "then", "there", "under", "up", "what", "which", "who"),
}


#: What a number says about the world, read from modality and tense: what *could* happen (a
#: ceiling, a capacity), what is planned or expected, and what is already the case. Close figures
#: differ exactly so ("troops that could be sent at most", "troops planned to be sent", "troops
#: present in Russia"), and their definitions say so in the same words, so each figure's
#: definition and each number's neighbourhood are read with the same patterns. A modal followed
#: by "soon" or "eventually" ("could soon be deployed") is a forecast, not a capacity.
_MODALITY: dict[str, re.Pattern[str]] = {
    "capacity": re.compile(
        r"\b(?-i:could|might|may|can)\b(?!\s+(?:\w+\s+)?(?:soon|eventually|shortly|later)\b)"
        r"|\b(?:potential(?:ly)?|possibl[ey]|at most|largest|capacity|ceiling|if|unless)\b",
        re.IGNORECASE,
    ),
    "plan": re.compile(
        r"\b(?:plan(?:s|ned|ning)?|prepar(?:es|ed|ing)|decided?|expect(?:s|ed|ing)?|will|set to|poised|soon|eventually|incoming|intend(?:s|ed)?|going to"
        r"|to be (?:sent|deployed|shipped|delivered))\b",
        re.IGNORECASE,
    ),
    "present": re.compile(
        r"\b(?:already|current(?:ly)?|present|stationed|arrived|there (?:are|is|were|was)|so far|stood at|stands at|maintains?|maintained|numbered"
        r"|(?:is|are|was|were) (?:now |currently )?in"
        r"|(?:has|have|had) (?:\w+ ){0,2}?(?:been )?(?:sent|deployed|dispatched|arrived|delivered|shipped|stationed|gathered|amassed)"
        r"|(?<!be )(?<!to )(?:dispatched|deployed) to"
        r"|at the [\w\s'’]{0,30}date)\b",
        re.IGNORECASE,
    ),
}


#: How much modality counts against the words a figure shares with the number's neighbourhood.
_MODALITY_WEIGHT = 0.3


def _modality_profile(text: str) -> dict[str, int]:
    """How often a figure's own words name each modality: "planned or expected to be sent" → plan."""
    return {name: len(pattern.findall(text)) for name, pattern in _MODALITY.items()}


def _figure_stem(word: str) -> str:
    """A word's stem for comparing figures; names of places and their adjectives share one stem.

    "North Korea maintains 1.28 million troops" must reach the figure "North Korean active troops":
    a capitalised word loses a demonym or plural ending ("Korean", "Korea" → "kor"; "Ukrainian",
    "Ukraine" → "ukrain"; "European", "Europe" → "europ"), which costs nothing for other names
    because the same rule is applied to the figures' words and to the article's.
    """
    stem = _stem(word)
    if word[:1].isupper() and len(stem) > 4:
        stem = re.sub(r"(?:ians?|eans?|ans?|ese|ia|e|a|s)$", "", stem)
    return stem


def _figure_terms(text: str) -> list[str]:
    return [_figure_stem(w) for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", text) if w.lower() not in _FUNCTION_WORDS]
