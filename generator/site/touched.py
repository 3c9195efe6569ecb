"""Which pages a data edit may change: the live preview and the render cache render only those.

Each page of the plan declares the claims it shows (:class:`~generator.site.pages.Planned`).
A page may change when a claim it shows, before or after the edit, changed; a page that
shows every claim (an index, the home page, a download) or that is new always may. Every page
depends on every actor, figure and source: editing one of those renders everything.

The live preview keeps the last corpus in memory and compares records directly
(:func:`changed_claims`); the render cache on disk keeps only a :class:`Fingerprint`, a
digest per claim and one for the rest, so that it never holds or writes a second corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from generator.model import Corpus
from generator.site.pages import Planned


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass(frozen=True)
class Fingerprint:
    """What :func:`touched_pages` needs to know of a corpus: a digest of each claim, and one of every actor, figure and source.

    Records are frozen dataclasses of strings, numbers, tuples and None, so their ``repr`` is
    a complete, deterministic rendering of their fields: equal records give equal digests, and
    a changed field changes the digest.
    """

    others: bytes
    claims: dict[str, bytes]

    @classmethod
    def of(cls, corpus: Corpus) -> Fingerprint:
        rest = hashlib.blake2b(digest_size=16)
        for records in (corpus.actors, corpus.figures, corpus.sources):
            rest.update(b"\0")
            for record in records.values():
                rest.update(_digest(repr(record)))
        return cls(rest.digest(), {ident: _digest(repr(claim)) for ident, claim in corpus.claims.items()})

    def changed_claims(self, new: Fingerprint) -> set[str] | None:
        """The ids of the claims added, removed or edited since ``self``; None when an actor, figure or source changed."""
        if self.others != new.others:
            return None
        return {i for i in self.claims.keys() | new.claims.keys() if self.claims.get(i) != new.claims.get(i)}


def changed_claims(old: Corpus | None, new: Corpus) -> set[str] | None:
    """The ids of the claims added, removed or edited from ``old`` to ``new``; None when that is unknown or an actor, figure or source changed."""
    if old is None or old.actors != new.actors or old.figures != new.figures or old.sources != new.sources:
        return None
    return {i for i in old.claims.keys() | new.claims.keys() if old.claims.get(i) != new.claims.get(i)}


def touched_pages(
    changed: set[str] | None, shows: Mapping[str, frozenset[str] | None], plan: Mapping[str, Planned], rendered: set[str], planned: set[str]
) -> set[str] | None:
    """The pages of ``plan`` that may differ from those last rendered, or None when that cannot be narrowed down.

    ``changed`` is the claims edited since (:func:`changed_claims`, :meth:`Fingerprint.changed_claims`;
    None renders everything); ``shows`` is the claims each page showed when last rendered;
    ``rendered`` is every page rendered then and ``planned`` every page now.
    """
    if changed is None or rendered != planned:
        return None
    if not changed:
        return set()
    touched = set()
    for rel, entry in plan.items():
        before = shows.get(rel)
        if entry.claims is None or before is None or not changed.isdisjoint(entry.claims) or not changed.isdisjoint(before):
            touched.add(rel)
    return touched
