"""Find a quote in an archived text, tolerating only whitespace and typographic quotes.

A citation's quote must be *verbatim*. Editors copy from a browser or a PDF, which
turns curly quotes into straight ones and reflows lines, so those two differences
(and nothing else: not case, not dashes, not spelling) are forgiven. The match
reports offsets into the original text, so that pages can highlight the exact span.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})


@dataclass(frozen=True)
class Normalised:
    """Text with curly quotes made straight and each whitespace run made one space.

    ``offsets[i]`` is the index in the original text of normalised character ``i``.
    """

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> Normalised:
        chars: list[str] = []
        offsets: list[int] = []
        in_space = False
        for i, ch in enumerate(original.translate(_QUOTES)):
            if ch.isspace():
                if in_space or not chars:
                    continue
                in_space = True
                ch = " "
            else:
                in_space = False
            chars.append(ch)
            offsets.append(i)
        if chars and chars[-1] == " ":
            chars.pop()
            offsets.pop()
        return cls("".join(chars), tuple(offsets))


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
    return haystack.offsets[at], haystack.offsets[end] + 1


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
