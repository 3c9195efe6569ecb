"""Find the attributed numbers of a news sentence, with their hedges, as words and as bounds.

A quantity keeps the words exactly as written (``text``, a slice of the sentence, so it
always occurs in a quote taken from the same sentence) and reads them as inclusive bounds
the way the claim schema records them: "up to 15,000" has only a ``high``, "more than
10,000" only a ``low``, "low thousands" is the soft range 1,000 to 3,000.

Number *words* ("eight million", "three-thousand", "twenty-seven hundred") are read by
text2num, a maintained parser written in Rust; this module only finds where a number
phrase starts and ends, so that the span stays verbatim. Digits with separators, mixed
forms ("1.28 million", "27-hundred"), ranges, percentages and rates are read here,
because they are a few lines each and text2num does not keep spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from generator.data.readings import ABOUT, AT_LEAST, AT_MOST, JUST_UNDER, LEXICON

_UNITS_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = r"(?:" + "|".join(sorted(_UNITS_WORDS + list(_SCALES), key=len, reverse=True)) + r")"
#: A run of number words: "eight million", "three-thousand", "twenty-seven hundred", "one hundred and twenty".
_WORDS_RUN = rf"\b(?:a\s+(?=(?:hundred|thousand|million|billion)\b))?{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*\b(?:-\d{{1,3}}\b(?![,.]\d))?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: Digits, optionally scaled by a word: "10,000", "1.28 million", "27-hundred".
_DIGITS_RUN = rf"(?<![\w.,-])(?:{_DIGITS})(?:[\s-]+(?:hundred|thousand|million|billion)\b)?"
_NUMBER = rf"(?:{_DIGITS_RUN}|{_WORDS_RUN})"
#: The second number of a range written "10,000-12,000", right after the dash.
_DIGITS_AFTER_DASH = rf"(?:{_DIGITS})(?:[\s-]+(?:hundred|thousand|million|billion)\b)?"

#: What each kind of hedge does to a drafted value's bounds: "max" leaves only an upper bound, "min"
#: only a lower one, "approx" keeps a soft point; the flag marks the value approximate.
_EFFECTS = {JUST_UNDER.key: ("max", True), AT_MOST.key: ("max", False), AT_LEAST.key: ("min", False), ABOUT.key: ("approx", True)}


def _hedges() -> dict[str, tuple[str, bool]]:
    """The English hedges of the reading lexicon (what the Methodology page prints), with their effect.

    One table for both: a hedge ``suggest`` drafts is one the site knows how to read, and a hedge
    added to the lexicon is drafted too. "just over" is a floor said softly. Averages are not
    hedges but mark a point value, so they are only here.
    """
    found: dict[str, tuple[str, bool]] = {}
    for row in LEXICON:
        if row.lang == "en" and row.rule.key in _EFFECTS:
            for words in row.words:
                found[words] = _EFFECTS[row.rule.key]
    found["just over"] = ("min", True)
    return found | {"an average of": ("point", False), "on average": ("point", False)}


#: Hedges, tried longest first, with what they do to the bounds.
HEDGES: dict[str, tuple[str, bool]] = _hedges()
_HEDGE = r"(?:" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True)) + r")"

#: Vague amounts: the words, then how they read as bounds and why.
_VAGUE_SIZE = r"(?:hundreds of thousands|hundreds of millions|tens of thousands|tens of millions|dozens|hundreds|thousands|millions|billions)"
_VAGUE = re.compile(
    rf"\b(?:(?P<band>low|high|mid)[\s-](?P<band_of>hundreds|thousands|millions)|(?P<several>several|a few) (?P<several_of>hundred|thousand|million)|(?P<size>{_VAGUE_SIZE}))\b",
    re.IGNORECASE,
)
_BANDS = {"low": (1, 3), "mid": (4, 6), "high": (7, 9)}

_RANGE = re.compile(
    rf"(?:\bbetween\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER})|(?P<c>{_DIGITS_RUN})\s*(?:-|–|—|to)\s*(?P<d>{_DIGITS_AFTER_DASH}))(?P<pct>\s*(?:%|percent\b|per cent\b))?",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?P<n>{_NUMBER})(?P<pct>\s*(?:%|percent\b|per cent\b))?", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(rf"(?:^|\W)(?P<h>{_HEDGE})\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """One number phrase of a sentence. ``start``/``end`` index the sentence; ``text`` is that slice."""

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    hedge: str | None = None
    approximate: bool = False
    note: str | None = None
    percent: bool = False
    #: Where the number itself (without hedge) starts; used to look for the unit noun.
    number_end: int = 0


def number_value(words: str) -> float | None:
    """The value of one number phrase: "10,000", "1.28 million", "27-hundred", "eight million"."""
    words = words.strip()
    match = re.fullmatch(rf"({_DIGITS})(?:[\s-]+(hundred|thousand|million|billion))?", words, re.IGNORECASE)
    if match:
        value = float(match.group(1).replace(",", ""))
        return value * _SCALES[match.group(2).lower()] if match.group(2) else value
    words = re.sub(r"^a\s+", "one ", words, flags=re.IGNORECASE)  # "a million"
    tail = re.search(r"(?:thousand|million|billion)-(\d{1,3})$", words, re.IGNORECASE)  # "four-thousand-100"
    if tail:
        head = number_value(words[: tail.start(1) - 1])
        return None if head is None else head + float(tail.group(1))
    try:
        return float(text2num(words.lower(), "en"))
    except ValueError:
        return None


def _vague(match: re.Match[str]) -> tuple[float, float | None, str]:
    if match.group("band"):
        scale = {"hundreds": 100, "thousands": 1_000, "millions": 1_000_000}[match.group("band_of").lower()]
        lo, hi = _BANDS[match.group("band").lower()]
        return lo * scale, hi * scale, f'"{match.group(0)}" read as {lo * scale:,} to {hi * scale:,}'
    if match.group("several"):
        scale = _SCALES[match.group("several_of").lower()]
        lo = 3 if match.group("several").lower() == "several" else 2
        return lo * scale, 9 * scale, f'"{match.group(0)}" read as {lo * scale:,} to {9 * scale:,}'
    size = match.group("size").lower()
    if size == "dozens":
        return 24, None, '"dozens" read as at least 24, with no stated upper bound'
    parts = size.split(" of ")
    if len(parts) == 2:  # "hundreds of thousands": bounded by the next magnitude, else one would say "millions"
        count = {"tens": 10, "hundreds": 100}[parts[0]]
        unit = {"thousands": 1_000, "millions": 1_000_000}[parts[1]]
        lo, hi = count * unit, count * unit * 10
        return lo, hi, f'"{size}" read as {_round(lo)} to {_round(hi)}: the round bounds of the words'
    unit = {"hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}[size]
    return unit, unit * 10, f'"{size}" read as {_round(unit)} to {_round(unit * 10)}: the round bounds of the words'


def _round(n: int) -> str:
    """``100,000``, ``1 million``: round bounds as a reader says them, never 999,999."""
    return f"{n // 1_000_000:,} million" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n:,}"


#: Fractions written in words, as percentages: "half", "a third", "two-thirds", "a quarter".
_FRACTIONS = {"half": 50.0, "third": 33.3, "thirds": 66.7, "quarter": 25.0, "quarters": 75.0}
_FRACTION = r"(?:(?:a|one)[\s-]+)?(?:two[\s-]+(?=thirds)|three[\s-]+(?=quarters))?(?:half|thirds?|quarters?)"
#: A fraction of a whole ("up to half of the …", "a third of"), a range of fractions and percentages
#: ("between a third and … 50%", "from one-third of … to as high as 50%").
_SHARE = re.compile(
    rf"(?:\bbetween\s+(?P<a>{_FRACTION})\s+and\s+(?:[\w’'-]+,?\s+){{0,8}}?(?P<b>\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)"
    rf"|\bfrom\s+(?P<c>{_FRACTION})\s+(?:of\s+)?(?:[\w’'-]+\s+){{0,6}}?to\s+(?:as high as\s+)?(?P<d>\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)"
    rf"|(?<![\w-])(?P<f>{_FRACTION})(?=\s+of\b))",
    re.IGNORECASE,
)


def fraction_value(words: str) -> float:
    """A fraction's percentage: "a third" is 33.3, "two-thirds" 66.7, "half" 50."""
    return _FRACTIONS[re.split(r"[\s-]+", words.lower())[-1]]


def _shares(sentence: str) -> list[Quantity]:
    found = []
    for match in _SHARE.finditer(sentence):
        if match.group("f"):
            if re.search(
                r"\d[\d,.]*(?:\s+(?:million|thousand|billion))?\s+(?:[a-z]+\s+){0,3}[-–—,(]\s*(?:about|some|nearly|almost|roughly)?\s*$",
                sentence[: match.start()],
            ):
                continue  # "25 million people - half of Sudan's population": the count again, as a share
            value = fraction_value(match.group("f"))
            whole = re.match(r"\s+of\s+the\s+(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\w,.%-])", sentence[match.end() :])
            share = _with_hedge(sentence, match.start(), match.end(), value, value, percent=True)
            if whole:
                # "about half of the 4,100": a count, with the arithmetic in the note.
                total = float(whole.group("n").replace(",", ""))
                count = round(total * value / 100)
                end = match.end() + whole.end()
                bounds = (None if share.low is None else float(count)), (None if share.high is None else float(count))
                note = f'"{sentence[share.start : end]}": {match.group("f")} ({value:g}%) of {whole.group("n")} is about {count:,}.'
                found.append(Quantity(share.start, end, sentence[share.start : end], *bounds, share.hedge, True, note, False, end))
                continue
            note = f'"{match.group("f")}" read as {value:g} percent.'
            found.append(
                Quantity(
                    share.start, share.end, share.text, share.low, share.high, share.hedge, share.approximate or value % 1 != 0, note, True, share.number_end
                )
            )
        else:
            low_words, high_words = (match.group("a"), match.group("b")) if match.group("a") else (match.group("c"), match.group("d"))
            share_low, share_high = fraction_value(low_words), float(high_words)
            if share_low >= share_high:
                continue
            note = f'"{low_words}" read as {share_low:g} percent.'
            found.append(Quantity(match.start(), match.end(), match.group(0), share_low, share_high, None, True, note, True, match.end()))
    return found


def find_quantities(sentence: str) -> list[Quantity]:
    """Every number phrase in ``sentence``, left to right, without overlaps.

    Numbers that are part of a name, a calibre or a date ("G-20", "122-mm", "June 19, 2024",
    "November 1") are skipped; telling whether a remaining number is a quantity worth a claim
    is left to the caller, which knows its unit noun.
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for share in _shares(sentence):
        found.append(share)
        taken.append((share.start, share.end))
    for match in _RANGE.finditer(sentence):
        if not free(match.start(), match.end()):
            continue
        a_text, b_text = (match.group("a"), match.group("b")) if match.group("a") else (match.group("c"), match.group("d"))
        lo, hi = number_value(a_text), number_value(b_text)
        if lo is None or hi is None or lo >= hi or _skip(sentence, match.start(), match.end()):
            continue
        found.append(_with_hedge(sentence, match.start(), match.end(), lo, hi, percent=bool(match.group("pct"))))
        taken.append((match.start(), match.end()))
    for match in _VAGUE.finditer(sentence):
        if not free(match.start(), match.end()):
            continue
        lo, hi, note = _vague(match)
        end = match.end()
        found.append(Quantity(match.start(), end, sentence[match.start() : end], lo, hi, None, True, note, number_end=match.end()))
        taken.append((match.start(), end))
    for match in _SINGLE.finditer(sentence):
        start, end = match.span()
        if not free(start, end) or _skip(sentence, start, end):
            continue
        value = number_value(match.group("n"))
        if value is None:
            continue
        found.append(_with_hedge(sentence, start, end, value, value, percent=bool(match.group("pct")), number_end=match.end("n")))
        taken.append((start, end))
    return sorted(found, key=lambda q: q.start)


_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"


#: Units of measurement right after a number: the number measures something, it does not count it.
_MEASURE_AFTER = re.compile(
    r"[-‑ ]?(?:mm|cm|km|kg|millimet(?:er|re)s?|centimet(?:er|re)s?|kilomet(?:er|re)s?|met(?:er|re)s?|miles?|feet|foot|ft|inch(?:es)?|kilograms?|tons?|tonnes?"
    r"|lbs?|pounds|magnitude|degrees?|knots|mph|km/h|kph|calib(?:er|re)|pages?|minutes?|seconds?|hectares|acres|square|cubic|lit(?:er|re)s?|a\.m\.|p\.m\.|am|pm|GMT"
    r"|years?[-‑ ]old|-year-old)(?![\w-])",
    re.IGNORECASE,
)
#: Words before a number that make it an age, a rank or a name rather than a count.
_NOT_A_COUNT_BEFORE = re.compile(
    r"\b(?:age[sd]?|aged|age of|age from|ages of|article|section|resolution|flight|model|version|no\.|chapter|paragraph|clause|route|number)\s+(?:of\s+|from\s+)?$|\bage[sd]?\s+from\s+[\d.]+\s+to\s+$",
    re.IGNORECASE,
)


def _skip(sentence: str, start: int, end: int) -> bool:
    before, after = sentence[:start], sentence[end:]
    if re.search(r"[A-Za-z][-‑]?$", before) and re.match(r"\d", sentence[start:]):  # G-20, G20, F-16
        return True
    if _MEASURE_AFTER.match(after):  # calibres, sizes, distances, weights, magnitudes, times: not counts
        return True
    if _NOT_A_COUNT_BEFORE.search(before):  # ages ("retirement age from 62"), article and model numbers
        return True
    if re.search(rf"\b{_MONTHS}\s+$", before) or re.match(rf"\s+{_MONTHS}(?:\W|$)", after):  # June 19, 19 June
        return True
    if re.search(rf"\b{_MONTHS}\s+\d{{1,2}},\s+$", before):  # the year of "June 19, 2024"
        return True
    text = sentence[start:end]
    if re.fullmatch(r"(?:19|20)\d\d", text):  # a year
        return True
    return bool(re.match(r"-(?:year|month|week|day|hour)s?\b|(?:st|nd|rd|th)\b", after))


def _with_hedge(sentence: str, start: int, end: int, low: float, high: float, *, percent: bool, number_end: int = 0) -> Quantity:
    hedge_match = _HEDGE_BEFORE.search(sentence[max(0, start - 20) : start])
    hedge = None
    text_start = start
    lo: float | None = low
    hi: float | None = high
    approximate = False
    if hedge_match and hedge_match.group("h").lower() == "estimated":
        # "an estimated 80,000", "are estimated 5,000" hedge the number; "X estimated 1.7 million" is X's verb.
        hedge_start = start - (len(sentence[max(0, start - 20) : start]) - hedge_match.start("h"))
        if sentence[:hedge_start].strip() and not re.search(r"\b(?:an|the|some|is|are|was|were|be|been|with|of)\s+$", sentence[:hedge_start], re.IGNORECASE):
            hedge_match = None
    if hedge_match:
        hedge = hedge_match.group("h")
        text_start = start - (len(sentence[max(0, start - 20) : start]) - hedge_match.start("h"))
        effect, approximate = HEDGES[hedge.lower()]
        if effect == "max":
            lo = None
        elif effect == "min":
            hi = None
    return Quantity(text_start, end, sentence[text_start:end], lo, hi, hedge, approximate, None, percent, number_end or end)
