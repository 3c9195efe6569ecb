"""When two names look the same: skeletons after Unicode's confusables (UTS #39).

A second actor named "Kyrylo Budanov", or "Kyrylo Budаnov" with a Cyrillic "а", would show
readers two actors they cannot tell apart, and one could speak in the other's name. Two
names clash when their *skeletons* are equal. A skeleton follows UTS #39 section 4: the
name case-folded and decomposed (NFD), each character replaced by the prototype of its
confusable class, decomposed again; invisible format characters are dropped and runs of
whitespace made one space, as readers see no difference there either.

The confusable classes come from Unicode's ``confusables.txt`` as shipped by the
``confusable-homoglyphs`` package (its ``confusables.json`` lists, for each character, the
characters it can be confused with). Classes are closed transitively, and each gets one
prototype: its ASCII member if it has one, else its lowest code point. Multi-character
confusables ("rn" for "m") are not folded; the package does not ship them as classes.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from confusable_homoglyphs import confusables


@cache
def prototypes() -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.get(c, c) != c:
            parent[c] = parent.get(parent[c], parent[c])
            c = parent[c]
        return c

    for char, similar in confusables.confusables_data.items():
        if len(char) != 1:
            continue
        for entry in similar:
            other = entry["c"]
            if len(other) == 1:
                a, b = find(char), find(other)
                if a != b:
                    parent[max(a, b, key=_rank)] = min(a, b, key=_rank)
    return {c: find(c) for c in parent if find(c) != c}


def _rank(c: str) -> tuple[bool, int]:
    return (not c.isascii(), ord(c))


@lru_cache(maxsize=1 << 16)  # every actor's names, on every run of the live preview
def skeleton(name: str) -> str:
    """The form two look-alike names share: ``skeleton("Budаnov") == skeleton("budanov")``."""
    table = prototypes()
    # Case first: "O" and "o" fall in different classes ("0" and "o"), but readers of a name
    # do not tell "OLAF" from "Olaf" as different people.
    text = unicodedata.normalize("NFD", name.casefold())
    text = "".join(table.get(c, c) for c in text if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFD", text).split())
