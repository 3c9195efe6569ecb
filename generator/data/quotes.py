"""Find a quote in an archived text, tolerating only whitespace and typographic quotes.

A citation's quote must be *verbatim*. Editors copy from a browser or a PDF, which
turns curly quotes into straight ones and reflows lines, so those two differences
(and nothing else: not case, not dashes, not spelling) are forgiven. The match
reports offsets into the original text, so that pages can highlight the exact span.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

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
_WORD = re.compile(r"[^\W_]+(?:[.,'’-][^\W_]+)*")


def quote_words(text: str) -> list[str]:
    """The words of a quote: runs of letters and digits, "10,000" and "Kim's" one word each."""
    return _WORD.findall(text)


def normalise(text: str) -> str:
    """The comparison form of a quote: straight quotes, single spaces, no edge spaces."""
    return " ".join(text.translate(_QUOTES).split())


def locate(haystack: Normalised, quote: str) -> tuple[int, int] | None:
    """The ``[start, end)`` span of ``quote`` in the original text, or None when absent.

    The quote is tried as written and composed (NFC), the form ``briefing ingest`` gives
    archived texts, so a quote pasted in decomposed form still matches.
    """
    needle = normalise(quote)
    if not needle:
        return None
    at = haystack.text.find(needle)
    if at < 0:
        composed = unicodedata.normalize("NFC", needle)
        at = haystack.text.find(composed) if composed != needle else -1
        needle = composed
    if at < 0:
        return None
    end = at + len(needle) - 1
    return haystack.offset(at), haystack.offset(end) + 1


#: Seconds the closest-passage search may take before it gives up on a hint.
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
    ``seconds``.
    """
    deadline = time.monotonic() + seconds
    needle = normalise(quote)
    text = haystack.text
    words = text.split(" ")
    wanted = needle.split(" ")
    where: dict[str, list[int]] = {w: [] for w in wanted}
    for i, word in enumerate(words):
        hits = where.get(word)
        if hits is not None:
            hits.append(i)
        if not i & 0xFFFF and time.monotonic() > deadline:
            raise SearchTimedOut
    votes: dict[int, float] = {}
    for j, word in enumerate(wanted):
        hits = where[word]
        if not hits or len(hits) > _COMMON:
            continue
        weight = 1.0 / len(hits)
        for i in hits:
            votes[i - j] = votes.get(i - j, 0.0) + weight
    if not votes:
        return ""
    # Nearby alignments are one place with a word inserted or dropped: pool them.
    pooled: dict[int, float] = {}
    band = max(2, len(wanted) // 8)
    for diagonal, vote in votes.items():
        pooled[diagonal // band] = pooled.get(diagonal // band, 0.0) + vote
    places = sorted(pooled, key=lambda k: (-pooled[k], k))[:_CANDIDATES]
    best: tuple[float, int, str] | None = None
    for place in places:
        if time.monotonic() > deadline:
            raise SearchTimedOut
        first = max(0, place * band - band)
        last = min(len(words), place * band + len(wanted) + 2 * band)
        passage, ratio = _best_in(words[first:last], wanted, deadline)
        if passage and (best is None or (ratio, -place) > (best[0], best[1])):
            best = (ratio, -place, passage)
    return best[2] if best else ""


def _key(word: str) -> str:
    """A word as compared for the closest passage: punctuation at its edges and case do not count."""
    return word.strip(_EDGE_PUNCTUATION).casefold() or word


def _best_in(window: list[str], wanted: list[str], deadline: float) -> tuple[str, float]:
    """The run of words in ``window`` (about the quote's length) most like the quote's words, and how alike.

    Compared word by word: a quote has hundreds of words but thousands of characters, and
    difflib's work grows with the product of the lengths.
    """
    keys, wanted = [_key(w) for w in window], [_key(w) for w in wanted]
    matcher = difflib.SequenceMatcher(None, keys, wanted, autojunk=False)
    block = matcher.find_longest_match(0, len(keys), 0, len(wanted))
    if block.size == 0:
        return "", 0.0
    start = max(0, block.a - block.b)
    # The passage may be shorter or longer than the quote: try ends near the quote's length
    # (at most _ENDS of them, evenly spread) and keep the most similar; ties go to the shorter.
    ends = list(range(start + max(1, int(len(wanted) * 0.7)), min(len(window), start + int(len(wanted) * 1.3) + 1) + 1)) or [len(window)]
    if len(ends) > _ENDS:
        ends = [ends[k * (len(ends) - 1) // (_ENDS - 1)] for k in range(_ENDS)]
    scored = []
    for end in ends:
        if time.monotonic() > deadline:
            raise SearchTimedOut
        scored.append((difflib.SequenceMatcher(None, keys[start:end], wanted, autojunk=False).ratio(), -end))
    ratio, negative_end = max(scored)
    return " ".join(window[start:-negative_end]), ratio


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


def closest_hint(haystack: Normalised, quote: str, seconds: float = SEARCH_SECONDS) -> str:
    """``; the closest passage is "…"``, or why none is shown; "" when no word of the quote occurs."""
    try:
        passage = closest_passage(haystack, quote, seconds)
    except SearchTimedOut:
        return f"; no closest passage is shown: the search stopped after {seconds:g} s"
    return f'; the closest passage is "{passage}"' if passage else ""
