"""Numbers written the way Korean, Russian and Ukrainian reports write them, read into a number and a hedge.

A small documented rule set, not a library: the number phrases of news reports are few, and
the libraries that read number words (text2num, which ``suggest`` uses for English) do not
read Korean's 만/천 grouping or keep the hedge beside the number.

**Korean.** Digits grouped by the myriad units 만 (10⁴), 억 (10⁸) and 조 (10¹²), with 천
(1,000), 백 (100) and 십 (10) inside each group: "1만1천" is 11,000, "1만2천명" 12,000, "10만"
100,000, "1천500" 1,500; plain digits ("12,000") too. The hedge is a suffix or a word around
the number: 여 right after it ("3천여 명") is *more than*, as are 이상 ("3천 명 이상": at least)
and 넘는/넘게; 최소 or 적어도 before it is *at least* (also with 여: "최소 100여명"); 약 before, or 가량, 정도, 쯤, 안팎 after, is *about*; 최대 is *up to*; 거의 is
*almost*; 미만 is *fewer than*. 수백, 수천, 수만, 수십만 and 수백만 are the ranges *hundreds*, *thousands*, *tens of
thousands*, *hundreds of thousands* and *millions*.

**Russian and Ukrainian.** Digits, with spaces (ordinary, no-break or thin) or commas between
groups and a decimal comma ("11 000", "1,5 тыс."), or a number word from one to twenty, a ten,
or a hundred (одиннадцать, дванадцять, сто); then a scale word: тысяча/тысячи/тысяч/тыс.,
тисяча/тисячі/тисяч/тис., миллион/мільйон (and their cases), млн. The hedge is the word before
it: около, примерно, приблизительно, порядка / близько, приблизно, орієнтовно are *about*; до is
*up to*; более, свыше, больше / понад, більше, більш ніж are *more than*; почти / майже are
*almost*; не менее, как минимум / щонайменше, не менше are *at least*; менее / менше are
*fewer than*. Тысячи/тисячі, десятки тысяч/тисяч, сотни/сотні тысяч/тисяч and миллионы/мільйони
alone are the ranges.

Each hedge is returned as the English key of the lexicon that reads English hedges into
bounds ("about", "up to", "more than", …), so that one table gives the bounds for every
language; each phrase keeps its span, so that ``value.text`` stays a slice of the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

#: The English hedge keys this module returns.
HEDGE_KEYS = ("about", "up to", "more than", "at least", "almost", "fewer than", "thousands", "tens of thousands", "hundreds of thousands", "millions")


@dataclass(frozen=True)
class Numeral:
    """A number phrase of a sentence: its words (a slice of the sentence), the number, and the hedge as an English key."""

    text: str
    start: int
    end: int
    number: float
    hedge: str | None
    language: str
    #: The hedge's own words as the text writes them ("около", "여", "수만"), for ``value.hedge``.
    hedge_words: str | None = None


# --- Korean ------------------------------------------------------------------------------------------

_KO_SMALL = {"천": 1_000, "백": 100, "십": 10}
_KO_LARGE = {"조": 10**12, "억": 10**8, "만": 10**4}
_KO_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_KO_GROUP = rf"(?:(?:{_KO_DIGITS})\s?[천백십]?)+"
_KO_NUMBER = rf"(?:{_KO_GROUP}\s?[조억만]\s?)*(?:{_KO_GROUP})?"
_KO_PHRASE = re.compile(
    rf"(?P<before>(?:약|최대|최소|적어도|거의)\s?)?(?P<n>(?<![\d,.])(?:{_KO_GROUP}\s?[조억만](?:\s?{_KO_GROUP}(?:\s?[조억만])?)*|{_KO_GROUP}))"
    r"(?P<yeo>여)?(?P<after>(?:\s?(?:명|명의|개|발|척|대|기|톤))?\s?(?:이상|가량|정도|쯤|안팎|미만|넘는|넘게))?"
)
#: A date, a time or an age right after the number ("18일", "10월", "2024년"): not a count.
_KO_NOT_A_COUNT = re.compile(r"[일월년시분초세]")
_KO_VAGUE = re.compile(r"수(?P<scale>십만|백만|천|만|백)")
_KO_VAGUE_HEDGE = {"천": "thousands", "만": "tens of thousands", "십만": "hundreds of thousands", "백만": "millions", "백": "hundreds"}
_KO_AFTER = {
    "이상": "at least",
    "가량": "about",
    "정도": "about",
    "쯤": "about",
    "안팎": "about",
    "미만": "fewer than",
    "넘는": "more than",
    "넘게": "more than",
}
_KO_BEFORE = {"약": "about", "최대": "up to", "최소": "at least", "적어도": "at least", "거의": "almost"}


def _korean_value(words: str) -> float | None:
    """The number of a Korean digit phrase: "1만1천" is 11,000, "1천500" 1,500, "12,000" 12,000."""
    total = 0.0
    group = 0.0
    pending: float | None = None
    for token in re.findall(rf"{_KO_DIGITS}|[조억만천백십]", words.replace(" ", "")):
        if token in _KO_LARGE:
            group += pending or 0
            total += (group or 1) * _KO_LARGE[token]
            group, pending = 0.0, None
        elif token in _KO_SMALL:
            group += (pending if pending is not None else 1) * _KO_SMALL[token]
            pending = None
        else:
            if pending is not None:
                return None  # two numbers in a row are not one number
            pending = float(token.replace(",", ""))
    return total + group + (pending or 0)


def _korean(text: str) -> list[Numeral]:
    found: list[Numeral] = []
    for match in _KO_PHRASE.finditer(text):
        number = _korean_value(match.group("n"))
        if number is None or not re.search(r"\d", match.group("n")) or _KO_NOT_A_COUNT.match(text, match.end("n")):
            continue
        hedge = words = None
        if match.group("before"):
            words = match.group("before").strip()
            hedge = _KO_BEFORE[words]
        if match.group("yeo") and hedge is None:  # "최소 100여명": the word before decides (at least)
            hedge, words = "more than", "여"
        if match.group("after"):
            words = match.group("after").split()[-1].lstrip("명의개발척대기톤")
            hedge = _KO_AFTER[words]
        start, end = match.span()
        if not match.group("after") and match.group("yeo") is None:
            end = match.end("n")
        found.append(Numeral(text[start:end].strip(), start, start + len(text[start:end].rstrip()), number, hedge, "ko", words))
    for match in _KO_VAGUE.finditer(text):
        scale = match.group("scale")
        number = {"천": 1_000, "만": 10_000, "십만": 100_000, "백만": 1_000_000, "백": 100}[scale]
        found.append(Numeral(match.group(), match.start(), match.end(), float(number), _KO_VAGUE_HEDGE[scale], "ko", match.group()))
    return sorted(found, key=lambda n: n.start)


# --- Russian and Ukrainian ------------------------------------------------------------------------------

_SLAVIC_WORDS = {
    # Russian
    "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50,
    "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "пятьсот": 500,
    # Ukrainian
    "дві": 2, "чотири": 4, "п'ять": 5, "п’ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9, "дев’ять": 9,
    "одинадцять": 11, "дванадцять": 12, "тринадцять": 13, "чотирнадцять": 14, "п'ятнадцять": 15, "п’ятнадцять": 15,
    "двадцять": 20, "тридцять": 30, "п'ятдесят": 50, "п’ятдесят": 50, "двісті": 200, "п'ятсот": 500, "п’ятсот": 500,
    # Written alike in both: одна, десять, сорок, сто, триста (listed with the Russian)
}  # fmt: skip
_SLAVIC_SCALES = [
    (r"тысяч[аиуей]?|тыс\.?", 1_000),
    (r"тисяч[аіуі]?|тис\.?", 1_000),
    (r"миллион(?:а|ов|ы)?|мільйон(?:а|ів|и)?|млн\.?", 1_000_000),
    (r"миллиард(?:а|ов|ы)?|мільярд(?:а|ів|и)?|млрд\.?", 1_000_000_000),
]
_RU_HEDGES = {
    "около": "about", "примерно": "about", "приблизительно": "about", "порядка": "about",
    "до": "up to",
    "более": "more than", "свыше": "more than", "больше": "more than", "более чем": "more than",
    "почти": "almost",
    "не менее": "at least", "как минимум": "at least",
    "менее": "fewer than",
}  # fmt: skip
_UK_HEDGES = {
    "близько": "about", "приблизно": "about", "орієнтовно": "about",
    "до": "up to",
    "понад": "more than", "більше": "more than", "більш ніж": "more than", "більше ніж": "more than",
    "майже": "almost",
    "щонайменше": "at least", "не менше": "at least", "не менш ніж": "at least",
    "менше": "fewer than",
}  # fmt: skip
_SLAVIC_HEDGES = {**_RU_HEDGES, **_UK_HEDGES}
_SLAVIC_VAGUE = {
    r"десятки\s+(?:тысяч|тисяч)": ("tens of thousands", 10_000),
    r"сотни\s+тысяч|сотні\s+тисяч": ("hundreds of thousands", 100_000),
    r"тысячи|тисячі": ("thousands", 1_000),
    r"миллионы|мільйони": ("millions", 1_000_000),
}
_SP = r"[ \u00a0\u202f\u2009]"
_SLAVIC_DIGITS = rf"\d{{1,3}}(?:{_SP}\d{{3}})+(?!\d)|\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:,\d+)?"
_SLAVIC_WORD = "|".join(sorted((re.escape(w) for w in _SLAVIC_WORDS), key=len, reverse=True))
_SLAVIC_SCALE = "|".join(f"(?:{pattern})" for pattern, _ in _SLAVIC_SCALES)
_SLAVIC_HEDGE = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+") for h in _SLAVIC_HEDGES), key=len, reverse=True))
_SLAVIC_PHRASE = re.compile(
    rf"(?<![\w-])(?:(?P<hedge>{_SLAVIC_HEDGE})\s+)?(?P<n>(?:{_SLAVIC_DIGITS})|(?:(?:{_SLAVIC_WORD})(?:\s+(?:{_SLAVIC_WORD}))*))"
    rf"(?:\s*(?P<scale>{_SLAVIC_SCALE}))?(?![\w])",
    re.IGNORECASE,
)
_SLAVIC_VAGUE_PHRASE = re.compile(
    rf"(?<![\w-])(?:(?P<hedge>{_SLAVIC_HEDGE})\s+)?(?P<v>" + "|".join(f"(?:{p})" for p in _SLAVIC_VAGUE) + r")(?![\w])", re.IGNORECASE
)


def _slavic_value(words: str) -> float | None:
    words = words.strip()
    if re.fullmatch(_SLAVIC_DIGITS, words):
        digits = re.sub(_SP, "", words)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", digits):
            return float(digits.replace(",", ""))
        return float(digits.replace(",", "."))
    total = 0
    for word in words.lower().split():
        if word not in _SLAVIC_WORDS:
            return None
        total += _SLAVIC_WORDS[word]
    return float(total)


def _slavic(text: str, language: str) -> list[Numeral]:
    found: list[Numeral] = []
    for match in _SLAVIC_PHRASE.finditer(text):
        number = _slavic_value(match.group("n"))
        if number is None:
            continue
        scale = match.group("scale")
        if scale:
            number *= next(value for pattern, value in _SLAVIC_SCALES if re.fullmatch(pattern, scale, re.IGNORECASE))
        hedge = _SLAVIC_HEDGES[" ".join(match.group("hedge").lower().split())] if match.group("hedge") else None
        words = " ".join(match.group("hedge").split()) if match.group("hedge") else None
        found.append(Numeral(match.group(), match.start(), match.end(), number, hedge, language, words))
    taken = [(n.start, n.end) for n in found]
    for match in _SLAVIC_VAGUE_PHRASE.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue  # "3 тисячі": the scale word of a number, not the range "thousands"
        key = next(k for k in _SLAVIC_VAGUE if re.fullmatch(k, match.group("v"), re.IGNORECASE))
        hedge, number = _SLAVIC_VAGUE[key]
        words = " ".join(match.group("v").split())
        if match.group("hedge"):  # "до сотни тысяч": the range, bounded by the hedge's word
            hedge = _SLAVIC_HEDGES[" ".join(match.group("hedge").lower().split())]
            words = " ".join(match.group("hedge").split())
        found.append(Numeral(match.group(), match.start(), match.end(), float(number), hedge, language, words))
    return sorted(found, key=lambda n: n.start)


#: Bounds each hedge key allows, as (low factor, high factor, approximate); None leaves the bound open.
BOUNDS: dict[str | None, tuple[float | None, float | None, bool]] = {
    None: (1, 1, False),
    "about": (1, 1, True),
    "more than": (1, None, False),
    "at least": (1, None, False),
    "up to": (None, 1, False),
    "almost": (None, 1, True),
    "fewer than": (None, 1, False),
    "thousands": (1, 9.999, True),
    "tens of thousands": (1, 9.9999, True),
    "hundreds of thousands": (1, 9.99999, True),
    "millions": (1, None, True),
    "hundreds": (1, 9.99, True),
}


def value_data(found: Numeral) -> dict[str, Any]:
    """A claim's ``value`` for a number phrase: its words, its hedge as written, and the bounds the hedge allows."""
    low_factor, high_factor, approximate = BOUNDS.get(found.hedge, (1, 1, False))
    value: dict[str, Any] = {"text": found.text}
    if found.hedge_words:
        value["hedge"] = found.hedge_words
    if low_factor is not None:
        value["low"] = _whole(found.number * low_factor)
    if high_factor is not None:
        value["high"] = _whole(round(found.number * high_factor))
    if approximate:
        value["approximate"] = True
    return value


def _whole(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


# --- the hedge words, by language, for the hedge lexicon -------------------------------------------------


def hedge_words() -> dict[str, dict[str, tuple[str, ...]]]:
    """``{language: {English hedge key: its words in that language}}``: every hedge this module reads.

    The hedge lexicon (:mod:`generator.data.readings`) adds a row per language and key from
    this, so that a hedge recorded in the original ("여", "около") reads as its English key does.
    """
    korean: dict[str, list[str]] = {}
    for word, key in [*_KO_BEFORE.items(), ("여", "more than"), *_KO_AFTER.items(), *((f"수{scale}", key) for scale, key in _KO_VAGUE_HEDGE.items())]:
        korean.setdefault(key, []).append(word)
    result = {"ko": {key: tuple(words) for key, words in korean.items()}}
    for language, table, ranges in (
        ("ru", _RU_HEDGES, {"тысячи": "thousands", "десятки тысяч": "tens of thousands", "сотни тысяч": "hundreds of thousands", "миллионы": "millions"}),
        ("uk", _UK_HEDGES, {"тисячі": "thousands", "десятки тисяч": "tens of thousands", "сотні тисяч": "hundreds of thousands", "мільйони": "millions"}),
    ):
        words: dict[str, list[str]] = {}
        for word, key in [*table.items(), *ranges.items()]:
            words.setdefault(key, []).append(word)
        result[language] = {key: tuple(found) for key, found in words.items()}
    return result


# --- the way in --------------------------------------------------------------------------------------------

LANGUAGES = ("ko", "ru", "uk")


def find(text: str, language: str) -> list[Numeral]:
    """The number phrases of ``text`` in ``language`` (a BCP 47 tag: ko, ru or uk, with any region), in order."""
    primary = language.split("-")[0].lower()
    if primary == "ko":
        return _korean(text)
    if primary in ("ru", "uk"):
        return _slavic(text, primary)
    return []


def read(text: str, language: str) -> tuple[float, str | None] | None:
    """``(number, hedge key)`` of a phrase that is one number: ``read("3천여 명", "ko") == (3000.0, "more than")``."""
    found = find(text, language)
    if len(found) != 1 or found[0].text.strip() != _trim(text, language):
        return None
    return found[0].number, found[0].hedge


def _trim(text: str, language: str) -> str:
    """The phrase less a counted noun after it ("3천여 명" is read as "3천여"), as :func:`find` keeps it."""
    text = text.strip()
    if language.split("-")[0].lower() == "ko":
        return re.sub(r"\s?(?:명|명의|개|발|척|대|기|톤)$", "", text)
    return text
