"""Readings: what a reader takes away from a value's words, as low, best and high (UCDP's practice).

A value keeps the source's words (``text``, ``hedge``) and the bounds those words allow
(``low``, ``high``; an absent bound is open). Bounds alone cannot be compared: "almost
11,000" allows any number up to 11,000, so 1,500 "fits" it, yet no reader takes 1,500 away
from it. A :class:`Reading` says what the words mean to a reader: ``best`` is the number a
reader takes away, ``low`` and ``high`` the span the words suggest (None where the words
leave it open, as "more than 10,000" does above).

The hedge lexicon (:data:`LEXICON`) decides how each hedge reads. An editor may override a
reading in the claim (``value.reading``), with a reason; :func:`contradictions` refuses a
reading the words rule out, such as a best above "as many as 1,500". Disagreement between
estimates is graded on their best readings (:func:`grade`), so an open bound never hides a
7× gap. The Methodology page prints the lexicon and the grades from here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Rule:
    """How one class of hedge reads: ``describe`` is the Methodology page's wording."""

    key: str
    describe: str


#: The rules a hedge can follow. Fractions are exact: 9/10 of 11,000 is 9,900, not 9,900.000000001.
JUST_UNDER = Rule("just-under", "just under the number: best is the number, low is nine tenths of it, high is the number")
AT_MOST = Rule("at-most", "a ceiling: best and high are the number, low is open")
AT_LEAST = Rule("at-least", "a floor: low and best are the number, high is open")
ABOUT = Rule("about", "the number, give or take a tenth: best is the number, low and high a tenth either side")
EXACT = Rule("exact", "the number as said: low, best and high are all the number")
RANGE = Rule("range", "two numbers: low and high are the two, best is the middle")
WORDS = Rule("words", "a range in words, read as its round bounds, with the best a reader takes away")
BOUNDS = Rule("bounds", "a hedge not in this table: read from the bounds alone (best is the middle, or the one bound given)")


@dataclass(frozen=True)
class Hedge:
    """One row of the lexicon: the words, the rule they follow, and for ranges in words, their round bounds and best."""

    words: tuple[str, ...]
    rule: Rule
    low: float | None = None
    best: float | None = None
    high: float | None = None
    lang: str = "en"


#: Hedges as editors record them in ``value.hedge`` (compared case- and space-insensitively), and
#: ranges in words found in ``value.text``. Every row is on the Methodology page.
def _bands() -> tuple[Hedge, ...]:
    """Ranges in words with a scale: "low thousands" (1,000 to 3,000), "a few hundred", "several million"."""
    rows: list[Hedge] = []
    for plural, scale in (("hundreds", 100), ("thousands", 1_000), ("millions", 1_000_000)):
        for band, (low, best, high) in (("low", (1, 2, 3)), ("mid", (4, 5, 6)), ("high", (7, 8, 9))):
            rows.append(Hedge((f"{band} {plural}", f"{band}-{plural}"), WORDS, low * scale, best * scale, high * scale))
    for singular, scale in (("hundred", 100), ("thousand", 1_000), ("million", 1_000_000)):
        rows.append(Hedge((f"a few {singular}",), WORDS, 2 * scale, 3 * scale, 5 * scale))
        rows.append(Hedge((f"several {singular}",), WORDS, 3 * scale, 5 * scale, 9 * scale))
    return tuple(rows)


#: Hedges as editors record them in ``value.hedge`` (compared case- and space-insensitively), and
#: ranges in words found in ``value.text``. Every row is on the Methodology page.
LEXICON: tuple[Hedge, ...] = (
    Hedge(("almost", "nearly", "close to", "just under", "approaching", "not quite"), JUST_UNDER),
    Hedge(("as many as", "as much as", "up to", "at most", "no more than", "a maximum of"), AT_MOST),
    Hedge(("fewer than", "less than", "under", "below"), AT_MOST),
    Hedge(
        (
            "more than",
            "over",
            "at least",
            "upwards of",
            "in excess of",
            "exceeding",
            "no fewer than",
            "no less than",
            "just over",
            "greater than",
            "larger than",
            "higher than",
            "much larger than",
            "much higher than",
        ),
        AT_LEAST,
    ),  # fmt: skip
    Hedge(("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "an approximate", "circa"), ABOUT),
    *_bands(),
    Hedge(("dozens",), WORDS, 24, 50, 100),
    Hedge(("hundreds",), WORDS, 100, 300, 1_000),
    Hedge(("thousands",), WORDS, 1_000, 3_000, 10_000),
    Hedge(("tens of thousands",), WORDS, 10_000, 30_000, 100_000),
    Hedge(("hundreds of thousands",), WORDS, 100_000, 300_000, 1_000_000),
    Hedge(("millions",), WORDS, 1_000_000, 3_000_000, 10_000_000),
    Hedge(("tens of millions",), WORDS, 10_000_000, 30_000_000, 100_000_000),
    Hedge(("hundreds of millions",), WORDS, 100_000_000, 300_000_000, 1_000_000_000),
    Hedge(("billions",), WORDS, 1_000_000_000, 3_000_000_000, 10_000_000_000),
)

_BY_WORDS: dict[str, Hedge] = {w: h for h in LEXICON if h.rule is not WORDS for w in h.words}
# Longest first, so "hundreds of thousands" is found before "thousands" and "hundreds".
_WORD_RANGES: tuple[tuple[re.Pattern[str], Hedge], ...] = tuple(
    (re.compile(rf"(?<![\w-]){re.escape(w)}(?![\w-])", re.IGNORECASE), h)
    for h, w in sorted(((h, w) for h in LEXICON if h.rule is WORDS for w in h.words), key=lambda hw: -len(hw[1]))
)


def _key(words: str) -> str:
    return " ".join(words.casefold().split())


@dataclass(frozen=True)
class Reading:
    """What a reader takes away: ``best``, and the span ``low``–``high`` the words suggest (None: open)."""

    low: float | None
    best: float
    high: float | None
    #: The lexicon rule it follows, or ``"editors"`` for an editor's override.
    rule: str
    #: The editors' reason, for an override.
    note: str | None = None
    #: The lexicon words it was read by (a hedge, or a range in words), when there were any.
    words: str | None = None

    @property
    def by_editors(self) -> bool:
        """Whether the editors read the words otherwise than the lexicon does."""
        return self.rule == "editors"

    def data(self) -> dict[str, Any]:
        """As downloads and JSON-LD carry it."""
        return {"low": _plain(self.low), "best": _plain(self.best), "high": _plain(self.high), "rule": self.rule, "note": self.note}


def _plain(x: float | None) -> float | int | None:
    return int(x) if x is not None and float(x).is_integer() else x


def _tenth(x: float, by: int = 9) -> float:
    # Multiplied first, so that whole numbers stay exact: "almost 11,000" reads from 9,900.0, not 9,899.999….
    return x * by / 10


def hedge_of(value: Any) -> Hedge | None:
    """The lexicon row the value's words follow: its ``hedge``, else a range in words in its ``text``."""
    if value.hedge:
        found = _BY_WORDS.get(_key(value.hedge))
        if found:
            return found
    for pattern, hedge in _WORD_RANGES:
        if pattern.search(value.text) or (value.hedge and pattern.fullmatch(_key(value.hedge))):
            return hedge
    return None


def lexicon_reading(value: Any) -> Reading:
    """The reading the lexicon gives the value's words and bounds (ignoring any override)."""
    low, high = value.low, value.high
    hedge = hedge_of(value)
    words = (
        value.hedge if hedge and hedge.rule is not WORDS else (next((w for w in hedge.words if w in value.text.casefold()), hedge.words[0]) if hedge else None)
    )
    rule = hedge.rule if hedge else None
    if rule is JUST_UNDER and high is not None:
        return Reading(_tenth(high), high, high, rule.key, words=words)
    if rule is AT_MOST and high is not None:
        return Reading(None, high, high, rule.key, words=words)
    if rule is AT_LEAST and low is not None:
        return Reading(low, low, None, rule.key, words=words)
    if rule is ABOUT and low is not None and low == high:
        return Reading(_tenth(low), low, _tenth(low, 11), rule.key, words=words)
    if rule is ABOUT and low is not None and high is not None:  # "about 5,000 to 6,000": the range, softly
        return Reading(low, (low + high) / 2, high, RANGE.key, words=words)
    if rule is WORDS and hedge is not None:
        assert hedge.low is not None and hedge.best is not None and hedge.high is not None
        return Reading(hedge.low, hedge.best, hedge.high, rule.key, words=words)
    # No hedge the lexicon knows (or one whose bounds do not fit its rule): read the bounds.
    fallback = BOUNDS.key if value.hedge else None
    if low is not None and high is not None:
        if low == high:
            return Reading(low, low, high, fallback or EXACT.key, words=value.hedge)
        return Reading(low, (low + high) / 2, high, fallback or RANGE.key, words=value.hedge)
    if high is not None:
        return Reading(None, high, high, fallback or AT_MOST.key, words=value.hedge)
    return Reading(low, low, None, fallback or AT_LEAST.key, words=value.hedge)


@lru_cache(maxsize=1 << 18)
def read(value: Any) -> Reading:
    """The value's reading: the editors' when the claim gives one, else the lexicon's.

    A reading the editors wrote down that is the lexicon's own (the seed claims were checked
    by hand this way) keeps the lexicon's rule, with the editors' note beside it; one that
    departs from the lexicon is the editors' (rule ``editors``).
    """
    lexicon = lexicon_reading(value)
    override = getattr(value, "reading", None)
    if override is None:
        return lexicon
    if (override.low, override.best, override.high) == (lexicon.low, lexicon.best, lexicon.high):
        return Reading(lexicon.low, lexicon.best, lexicon.high, lexicon.rule, override.note, words=lexicon.words)
    return Reading(override.low, override.best, override.high, "editors", override.note, words=lexicon.words)


def contradictions(value: dict[str, Any]) -> list[tuple[tuple[str, ...], str, str]]:
    """Why an editor's ``value.reading`` cannot stand: ``(where, message, hint)`` each.

    A reading must run low ≤ best ≤ high, keep its best inside the bounds the words allow
    (a best above "as many as 1,500" says more than the source). Its reason, ``note``, the schema requires.
    """
    reading = value.get("reading")
    if not isinstance(reading, dict) or not isinstance(reading.get("best"), int | float):
        return []
    out: list[tuple[tuple[str, ...], str, str]] = []
    low, best, high = reading.get("low"), reading["best"], reading.get("high")
    if low is not None and low > best:
        out.append((("value", "reading", "low"), f"value.reading.low ({low:,g}) is above its best ({best:,g}).", "a reading runs low ≤ best ≤ high."))
    if high is not None and high < best:
        out.append((("value", "reading", "high"), f"value.reading.high ({high:,g}) is below its best ({best:,g}).", "a reading runs low ≤ best ≤ high."))
    words = f'"{value.get("text")}"'
    if value.get("high") is not None and best > value["high"]:
        out.append(
            (
                ("value", "reading", "best"),
                f"value.reading.best ({best:,g}) is above {words}: the words allow at most {value['high']:,g}.",
                "a reading may not say more than the source: lower best, or fix value.high if the words allow more.",
            )
        )
    if value.get("low") is not None and best < value["low"]:
        out.append(
            (
                ("value", "reading", "best"),
                f"value.reading.best ({best:,g}) is below {words}: the words allow no less than {value['low']:,g}.",
                "a reading may not say less than the source: raise best, or fix value.low if the words allow less.",
            )
        )
    return out


def fits_rule(value: dict[str, Any]) -> tuple[tuple[str, ...], str, str] | None:
    """A hedge the lexicon knows whose bounds say otherwise: "almost" with no ``high``, "more than" with no ``low``."""
    hedge = _BY_WORDS.get(_key(value["hedge"])) if isinstance(value.get("hedge"), str) else None
    if hedge is None:
        return None
    needs = {JUST_UNDER.key: "high", AT_MOST.key: "high", AT_LEAST.key: "low"}.get(hedge.rule.key)
    if needs and value.get(needs) is None:
        meaning = {"high": "a number it stays at or under", "low": "a number it stays at or over"}[needs]
        return (
            ("value", "hedge"),
            f'value.hedge "{value["hedge"]}" reads as {meaning}, but value.{needs} is not set.',
            f"set value.{needs} to the number said.",
        )
    return None


# --- grades --------------------------------------------------------------------------------------

#: Two best readings *agree* when the larger is at most this many times the smaller: reported
#: numbers are rounded, and a tenth is what rounding to two figures can move a number.
AGREE_WITHIN = 1.1
#: They *roughly agree* up to this factor, and *differ* beyond it: 10,000 against 15,000 (1.5×) is
#: one estimate's rounding away from the other's "up to"; 1,500 against 11,000 (7×) is not.
ROUGHLY_WITHIN = 1.5

AGREE, ROUGHLY, DIFFER = "agree", "roughly agree", "differ"


@dataclass(frozen=True)
class Grade:
    """How two best readings compare: ``agree``, ``roughly agree`` or ``differ``, and the factor between them."""

    name: str
    factor: float  # larger / smaller; inf when one is 0 and the other is not

    @property
    def words(self) -> str:
        """``differ, 7× apart``; ``roughly agree (1.2×)``; ``agree``."""
        if self.name == DIFFER:
            return f"differ, {factor_words(self.factor)} apart" if math.isfinite(self.factor) else "differ: one is zero"
        if self.name == ROUGHLY:
            return f"roughly agree ({factor_words(self.factor)})"
        return AGREE


def factor_words(factor: float) -> str:
    """``7×`` from 7.33, ``1.2×`` from 1.2: whole factors from 2 up, one decimal below."""
    if factor >= 2:
        return f"{round(factor):,}×"
    return f"{math.floor(factor * 10 + 0.5) / 10:g}×"


def grade(a: float, b: float) -> Grade:
    """The grade of two best readings. Symmetric: ``grade(a, b) == grade(b, a)``."""
    lo, hi = (a, b) if a <= b else (b, a)
    if hi == lo:
        return Grade(AGREE, 1.0)
    factor = hi / lo if lo > 0 else math.inf
    if not hi > AGREE_WITHIN * lo:
        return Grade(AGREE, factor)
    if not hi > ROUGHLY_WITHIN * lo:
        return Grade(ROUGHLY, factor)
    return Grade(DIFFER, factor)


def differ(a: float, b: float) -> bool:
    """Whether two best readings differ: the larger more than :data:`ROUGHLY_WITHIN` times the smaller."""
    lo, hi = (a, b) if a <= b else (b, a)
    return hi > ROUGHLY_WITHIN * lo
