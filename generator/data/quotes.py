"""Find a quote in an archived text, tolerating only whitespace and typographic quotes.

A citation's quote must be *verbatim*. Editors copy from a browser or a PDF, which
turns curly quotes into straight ones and reflows lines, so those two differences
(and nothing else: not case, not dashes, not spelling) are forgiven. The match
reports offsets into the original text, so that pages can highlight the exact span.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_right
from dataclasses import dataclass

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


_SPACE = re.compile(r"\s+")


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
        for match in _SPACE.finditer(translated):
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


def normalise(text: str) -> str:
    """The comparison form of a quote: straight quotes, single spaces, no edge spaces."""
    return " ".join(text.translate(_QUOTES).split())


def locate(haystack: Normalised, quote: str) -> tuple[int, int] | None:
    """The ``[start, end)`` span of ``quote`` in the original text, or None when absent."""
    needle = normalise(quote)
    if not needle:
        return None
    at = haystack.text.find(needle)
    if at < 0:
        return None
    end = at + len(needle) - 1
    return haystack.offset(at), haystack.offset(end) + 1


def closest_passage(haystack: Normalised, quote: str) -> str:
    """The stretch of text most like ``quote``, to show an editor beside a failed match."""
    needle = normalise(quote)
    text = haystack.text
    matcher = difflib.SequenceMatcher(None, text, needle, autojunk=False)
    block = matcher.find_longest_match(0, len(text), 0, len(needle))
    if block.size == 0:
        return ""
    start = max(0, block.a - block.b)
    while start > 0 and text[start - 1] != " ":
        start -= 1
    # The passage may be shorter or longer than the quote: try each word end near the
    # quote's length and keep the most similar.
    low, high = start + int(len(needle) * 0.7), min(len(text), start + int(len(needle) * 1.3) + 1)
    ends = [i for i in range(low, high) if i == len(text) or text[i] == " "] or [min(len(text), start + len(needle))]
    end = max(ends, key=lambda e: (difflib.SequenceMatcher(None, text[start:e], needle, autojunk=False).ratio(), -e))
    return text[start:end]
