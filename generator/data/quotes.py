"""Find a quote in an archived text, tolerating only whitespace and typographic quotes.

A citation's quote must be *verbatim*. Editors copy from a browser or a PDF, which
turns curly quotes into straight ones and reflows lines, so those two differences
(and nothing else: not case, not dashes, not spelling) are forgiven. The match
reports offsets into the original text, so that pages can highlight the exact span.

Quotes are compared composed (NFC), the form ``briefing ingest`` gives archived texts.

**Korean spacing.** Korean writes spaces between phrases (eojeol), and outlets space the
same words differently: "1만2천명" and "1만2천 명", "파병하기로" and "파병 하기로". So a
space between two letters or digits *at least one of which is Hangul* is optional on both
sides: the quote matches when the characters are the same, in the same order, and only
such spaces differ. Nothing else is forgiven: a changed, added or dropped syllable, a
space between two Latin letters, or a space beside punctuation still refuses the quote.

**Scripts without spaces.** For a quote in Hangul, Chinese, Japanese or Thai, the
closest-passage hint works on characters rather than on words, and a quote's minimum
length is counted in characters (:data:`MIN_QUOTE_CHARACTERS`) rather than in words.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from generator.data.names import prototypes

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


# Only whitespace that shifts the text: a leading run, and runs of two or more characters (a
# single space, newline or tab stays in place as the one space). Prose has few of these, so
# this is a tenth of the matches of every run.
_SHIFTS = re.compile(r"\A\s+|\s{2,}")


@dataclass(frozen=True)
class Normalised:
    """Text with curly quotes made straight and each whitespace run made one space.

    Quote marks map one to one, and so does a run of a single whitespace character; only
    longer runs (and leading whitespace) shift the text. The map back to the original is
    kept as breakpoints where it shifts: ``starts[k]`` is the normalised index where the
    ``k``-th stretch begins and ``origins[k]`` the original index it comes from. A table per
    character cost gigabytes on a large corpus; prose has a breakpoint per paragraph.
    """

    text: str
    starts: tuple[int, ...]
    origins: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> Normalised:
        translated = original.translate(_QUOTES)
        text = " ".join(translated.split())
        starts: list[int] = [0]
        origins: list[int] = [0]
        for match in _SHIFTS.finditer(translated):
            a, b = match.span()
            if a == 0:  # leading whitespace is dropped: the text starts after it
                origins[0] = b
            elif b - a > 1 and b < len(translated):
                # The run's first character stays (as the space); the next word moves left.
                starts.append(a - origins[-1] + starts[-1] + 1)
                origins.append(b)
        return cls(text, tuple(starts), tuple(origins))

    def offset(self, i: int) -> int:
        """The index in the original text of normalised character ``i`` (a collapsed space maps to its run's start)."""
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]


#: Words a quote needs to stand for a place in its text; a shorter one must occur there only once.
MIN_QUOTE_WORDS = 4
#: The same in characters, for a quote in a script written without spaces between words, or
#: in Hangul, whose spaced phrases hold a word and its particles: four English words are
#: about eight Hangul syllables or Chinese characters.
MIN_QUOTE_CHARACTERS = 8
_WORD = re.compile(r"[^\W_]+(?:[.,'’-][^\W_]+)*")

#: Hangul (syllables, jamo, compatibility jamo), Han, kana and Thai: counted in characters.
_CHARACTER_SCRIPTS = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]"
)
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")


def quote_words(text: str) -> list[str]:
    """The words of a quote: runs of letters and digits, "10,000" and "Kim's" one word each."""
    return _WORD.findall(text)


def in_character_script(text: str) -> bool:
    """Whether ``text`` is in Hangul, Chinese, Japanese or Thai, whose length is counted in characters."""
    return _CHARACTER_SCRIPTS.search(text) is not None


def quote_size(text: str) -> tuple[int, int, str]:
    """``(size, minimum, unit)``: how long a quote is, in the unit its script is counted in."""
    if in_character_script(text):
        return sum(1 for c in text if c.isalnum()), MIN_QUOTE_CHARACTERS, "character"
    return len(quote_words(text)), MIN_QUOTE_WORDS, "word"


def minimum_rule() -> str:
    """The length rule in words an editor reads in a hint."""
    return f"at least {MIN_QUOTE_WORDS} words ({MIN_QUOTE_CHARACTERS} characters in Korean, Chinese, Japanese or Thai)"


def normalise(text: str) -> str:
    """The comparison form of a quote: straight quotes, single spaces, no edge spaces."""
    return " ".join(text.translate(_QUOTES).split())


def _optional_space(before: str, after: str) -> bool:
    """Whether a space between ``before`` and ``after`` may be present or absent (the Korean spacing rule)."""
    return before.isalnum() and after.isalnum() and (_HANGUL.match(before) is not None or _HANGUL.match(after) is not None)


def _pattern(needle: str) -> re.Pattern[str] | None:
    """The needle as a pattern in which the Korean spacing rule's spaces are optional; None when it has none."""
    if not _HANGUL.search(needle):
        return None
    compact = [c for i, c in enumerate(needle) if not (c == " " and 0 < i < len(needle) - 1 and _optional_space(needle[i - 1], needle[i + 1]))]
    parts: list[str] = []
    for i, c in enumerate(compact):
        if i and c != " " and compact[i - 1] != " " and _optional_space(compact[i - 1], c):
            parts.append(" ?")
        parts.append(re.escape(c))
    return re.compile("".join(parts))


def _find(text: str, needle: str) -> tuple[int, int] | None:
    """``[start, end)`` of the needle in the normalised text, under the Korean spacing rule."""
    at = text.find(needle)
    if at >= 0:
        return at, at + len(needle)
    pattern = _pattern(needle)
    match = pattern.search(text) if pattern else None
    return match.span() if match else None


def locate(haystack: Normalised, quote: str) -> tuple[int, int] | None:
    """The ``[start, end)`` span of ``quote`` in the original text, or None when absent.

    The quote is compared composed (NFC), so a quote pasted in decomposed form still
    matches, and with the Korean spacing rule (see the module's description).
    """
    needle = normalise(quote)
    if not needle:
        return None
    found = _find(haystack.text, needle)
    composed = unicodedata.normalize("NFC", needle)
    if found is None and composed != needle:
        found = _find(haystack.text, composed)
    if found is None:
        return None
    at, end = found
    return haystack.offset(at), haystack.offset(end - 1) + 1


def occurrences(haystack: Normalised, quote: str) -> int:
    """How often ``quote`` occurs in the text, compared as :func:`locate` compares."""
    needle = unicodedata.normalize("NFC", normalise(quote))
    if not needle:
        return 0
    pattern = _pattern(needle)
    return len(pattern.findall(haystack.text)) if pattern else haystack.text.count(needle)


#: Seconds of this process's CPU the closest-passage search may take before it gives up on a hint.
#: CPU time, not wall time, so that the hint an editor sees does not depend on how busy the machine is.
SEARCH_SECONDS = 2.0
#: A word found more often than this in the text says nothing about where a quote belongs.
_COMMON = 2_000
#: Candidate places in the text compared in full with the quote.
_CANDIDATES = 4
#: Passage ends tried at each candidate place.
_ENDS = 24


_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}«»…—–-"


class SearchTimedOut(Exception):
    """The closest-passage search ran out of time."""


def closest_passage(haystack: Normalised, quote: str, seconds: float = SEARCH_SECONDS) -> str:
    """The stretch of text most like ``quote``, to show an editor beside a failed match.

    Anchored, so that the work grows with the text plus the quote, not their product:
    the quote's words vote for where it would start in the text (each occurrence of a word
    votes for its own alignment, rarer words weigh more); the best few places are compared
    with the quote by ``difflib``, trying each word end near the quote's length. Returns ""
    when no word of the quote occurs in the text, and raises :class:`SearchTimedOut` past
    ``seconds`` of this process's CPU time. A quote in Hangul, Chinese, Japanese or Thai is compared by characters
    instead, each pair of neighbouring characters voting (:func:`_closest_characters`).
    """
    deadline = time.process_time() + seconds
    needle = unicodedata.normalize("NFC", normalise(quote))
    if in_character_script(needle):
        return _closest_characters(haystack.text, needle, deadline)
    text = haystack.text
    words = text.split(" ")
    wanted = needle.split(" ")
    where: dict[str, list[int]] = {w: [] for w in wanted}
    for i, word in enumerate(words):
        hits = where.get(word)
        if hits is not None:
            hits.append(i)
        if not i & 0xFFFF and time.process_time() > deadline:
            raise SearchTimedOut
    votes: dict[int, float] = {}
    for j, word in enumerate(wanted):
        hits = where[word]
        if not hits or len(hits) > _COMMON:
            continue
        weight = 1.0 / len(hits)
        for i in hits:
            votes[i - j] = votes.get(i - j, 0.0) + weight
    best = _best_place(votes, words, wanted, deadline)
    return " ".join(words[best[0] : best[1]]) if best else ""


def _best_place(votes: dict[int, float], units: Sequence[str], wanted: Sequence[str], deadline: float) -> tuple[int, int] | None:
    """``[start, end)`` in ``units`` of the passage most like ``wanted``, among the places voted for most."""
    if not votes:
        return None
    # Nearby alignments are one place with a unit inserted or dropped: pool them.
    pooled: dict[int, float] = {}
    band = max(2, len(wanted) // 8)
    for diagonal, vote in votes.items():
        pooled[diagonal // band] = pooled.get(diagonal // band, 0.0) + vote
    places = sorted(pooled, key=lambda k: (-pooled[k], k))[:_CANDIDATES]
    best: tuple[float, int, int, int] | None = None
    for place in places:
        if time.process_time() > deadline:
            raise SearchTimedOut
        first = max(0, place * band - band)
        last = min(len(units), place * band + len(wanted) + 2 * band)
        found = _best_in(units[first:last], wanted, deadline)
        if found and (best is None or (found[2], -place) > (best[0], best[1])):
            best = (found[2], -place, first + found[0], first + found[1])
    return (best[2], best[3]) if best else None


def _closest_characters(text: str, needle: str, deadline: float) -> str:
    """:func:`closest_passage` by characters: spaces aside, each pair of neighbouring characters of the quote votes.

    Single characters repeat too often in these scripts to say where a quote belongs; pairs
    of them (bigrams) are about as telling as words. The passage is returned with the
    text's own spacing.
    """
    compact = text.replace(" ", "")
    wanted = needle.replace(" ", "")
    votes: dict[int, float] = {}
    for j in range(max(1, len(wanted) - 1)):
        pair = wanted[j : j + 2]
        hits: list[int] = []
        at = compact.find(pair)
        while at >= 0 and len(hits) <= _COMMON:
            hits.append(at)
            at = compact.find(pair, at + 1)
        if time.process_time() > deadline:
            raise SearchTimedOut
        if not hits or len(hits) > _COMMON:
            continue
        for i in hits:
            votes[i - j] = votes.get(i - j, 0.0) + 1.0 / len(hits)
    best = _best_place(votes, compact, wanted, deadline)
    if best is None:
        return ""
    # Back to the text: the normalised text has single spaces, so the i-th character of the
    # compact text is preceded by as many spaces as words end before it.
    ends = list(accumulate(len(word) for word in text.split(" ")))

    def original(i: int) -> int:
        return i + bisect_right(ends, i)

    return text[original(best[0]) : original(best[1] - 1) + 1]


def _key(word: str) -> str:
    """A word as compared for the closest passage: punctuation at its edges and case do not count."""
    return word.strip(_EDGE_PUNCTUATION).casefold() or word


def _best_in(window: Sequence[str], wanted: Sequence[str], deadline: float) -> tuple[int, int, float] | None:
    """``(start, end, similarity)`` of the run of units in ``window`` (about the quote's length) most like the quote's.

    Compared unit by unit (words, or characters in scripts without spaces): a quote has
    hundreds of words but thousands of characters, and difflib's work grows with the
    product of the lengths.
    """
    keys, wanted = [_key(w) for w in window], [_key(w) for w in wanted]
    matcher = difflib.SequenceMatcher(None, keys, wanted, autojunk=False)
    block = matcher.find_longest_match(0, len(keys), 0, len(wanted))
    if block.size == 0:
        return None
    start = max(0, block.a - block.b)
    # The passage may be shorter or longer than the quote: try ends near the quote's length
    # (at most _ENDS of them, evenly spread) and keep the most similar; ties go to the shorter.
    ends = list(range(start + max(1, int(len(wanted) * 0.7)), min(len(window), start + int(len(wanted) * 1.3) + 1) + 1)) or [len(window)]
    step = 1
    if len(ends) > _ENDS:
        step = -(-(len(ends) - 1) // (_ENDS - 1))
        ends = [ends[k * (len(ends) - 1) // (_ENDS - 1)] for k in range(_ENDS)]

    def score(end: int) -> tuple[float, int]:
        if time.process_time() > deadline:
            raise SearchTimedOut
        return difflib.SequenceMatcher(None, keys[start:end], wanted, autojunk=False).ratio(), -end

    ratio, negative_end = max(score(end) for end in ends)
    if step > 1:  # the ends were sampled: the best may lie between two of them
        near = range(max(start + 1, -negative_end - step), min(len(window), -negative_end + step) + 1)
        ratio, negative_end = max(score(end) for end in near)
    return start, -negative_end, ratio


# --- why a quote is not found ---------------------------------------------------------------------

#: A letter followed by combining marks: a character written decomposed (NFD).
_DECOMPOSED = re.compile("[^\\W\\d_][\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_FORMAT = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"


def _where(text: str, at: int) -> str:
    """``after "Pyong"``: the word before position ``at``, to find an invisible character by."""
    before = text[max(0, text.rfind(" ", 0, at) + 1) : at]
    before = _FORMAT.sub("", before)
    return f'after "{before}"' if before else "at the start of a word"


def _listed(found: list[tuple[str, str]]) -> str:
    shown = [f"{_named(c)} {where}" for c, where in found[:3]]
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return "; ".join(shown) + more


def invisible_or_composed(haystack: Normalised, quote: str) -> str | None:
    """Why ``quote`` misses when only invisible or differently composed characters differ, else None.

    Invisible characters (soft hyphens, zero-width spaces and joiners, direction marks) look
    like nothing in an editor, and a decomposed "é" (e + U+0301) looks like a composed one, so
    a closest passage that looks identical would only puzzle. This names the characters.
    """
    needle = normalise(quote)
    text = haystack.text
    lookalike = _lookalikes(haystack, needle)
    if lookalike:
        return lookalike
    bare = _FORMAT.sub("", needle)
    if bare != needle and bare and locate(haystack, bare) is not None:
        found = [(m.group(), _where(needle, m.start())) for m in _FORMAT.finditer(needle)]
        return f"the quote holds invisible characters that the archived text does not have there: {_listed(found)}. Delete them from the quote."
    if _FORMAT.search(text) and bare:
        pattern = f"{_FORMAT.pattern}*".join(re.escape(c) for c in unicodedata.normalize("NFC", bare))
        match = re.search(pattern, text)
        if match:
            found = [(m.group(), _where(text, match.start() + m.start())) for m in _FORMAT.finditer(match.group())]
            codes = "".join(f"\\u{ord(c):04x}" for c in dict.fromkeys(c for c, _ in found))
            return (
                f"the archived text has invisible characters inside this passage: {_listed(found)}. "
                f"Write them into the quote (as {codes} in a double-quoted value), or quote only the words around them."
            )
    if not text.isascii():
        composed_text = unicodedata.normalize("NFC", text)
        if composed_text != text and unicodedata.normalize("NFC", needle) in composed_text:
            decomposed: list[tuple[str, str]] = []
            for m in _DECOMPOSED.finditer(text):
                whole = unicodedata.normalize("NFC", m.group())
                if len(whole) == 1 and whole not in (c for c, _ in decomposed):
                    parts = " + ".join([m.group()[0], *(_named(c) for c in m.group()[1:])])
                    decomposed.append((whole, parts))
            shown = ", ".join(f'"{whole}" as {parts}' for whole, parts in decomposed[:3])
            return (
                f"the archived text writes characters decomposed (NFD), the quote composed (NFC): {shown}. "
                "Re-archive the text with briefing ingest, which composes it, and update its sha256."
            )
    return None


def _script(char: str) -> str:
    """``LATIN``, ``CYRILLIC``, ``GREEK``…: the first word of the character's Unicode name."""
    return unicodedata.name(char, "").split(" ", 1)[0]


@cache
def _lookalike_table() -> dict[tuple[str, str], str]:
    """``(letter, script wanted) -> its look-alike in that script``, from Unicode's confusables."""
    table: dict[tuple[str, str], str] = {}
    for char, prototype in prototypes().items():
        if len(prototype) == 1 and char.isalpha() and prototype.isalpha():
            table.setdefault((char, _script(prototype)), prototype)
            table.setdefault((prototype, _script(char)), char)
    return table


def _lookalikes(haystack: Normalised, needle: str) -> str | None:
    """Why ``needle`` misses when a word mixes scripts with look-alike letters ("Budаnov" with a Cyrillic "а"), else None.

    In a word written mostly in one script, each letter of another script that is
    confusable (UTS #39) with a letter of the word's script is swapped for it; if the quote
    is then found, the letters are named. The quote itself is never accepted this way.
    """
    lookalike_of = _lookalike_table()
    swapped: list[str] = []
    found: list[tuple[str, str, str]] = []
    for word in re.split(r"(\s+)", needle):
        scripts = [_script(c) for c in word if c.isalpha()]
        main = max(set(scripts), key=scripts.count) if scripts else ""
        letters = []
        for c in word:
            if c.isalpha() and _script(c) != main and (c, main) in lookalike_of:
                letters.append(lookalike_of[(c, main)])
                found.append((c, lookalike_of[(c, main)], word))
            else:
                letters.append(c)
        swapped.append("".join(letters))
    if not found or locate(haystack, "".join(swapped)) is None:
        return None
    shown = "; ".join(f'"{word}" has {_named(c)} where the archived text has {_named(other)}' for c, other, word in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return f"the quote mixes look-alike letters of another script into its words: {shown}{more}. Retype those words."


def closest_hint(haystack: Normalised, quote: str, seconds: float = SEARCH_SECONDS) -> str:
    """``; the closest passage is "…"``, or why none is shown; "" when no word of the quote occurs."""
    try:
        passage = closest_passage(haystack, quote, seconds)
    except SearchTimedOut:
        return f"; no closest passage is shown: the search stopped after {seconds:g} s of computing"
    return f'; the closest passage is "{passage}"' if passage else ""
