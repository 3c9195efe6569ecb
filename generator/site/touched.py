"""Which pages a data edit may change: the live preview and the render cache render only those.

Each page of the plan declares the claims it shows (:class:`~generator.site.pages.Planned`), and
notes, as it renders, the actors, figures and sources it reads (:mod:`generator.site.reads`). A
page may change when a claim it shows, before or after the edit, changed, or names an edited
record (its actor, figure, a cited article or a relay: :func:`referencing`); when it read an edited
record; and always when it shows every claim (an index, the home page, a download) or is new.
An edit to what shapes the index itself, an article's date or outlet or an actor's kind
(:func:`structure`), renders everything.

The live preview keeps the last corpus in memory and compares records directly
(:func:`changed_claims`); the render cache on disk keeps only a :class:`Fingerprint`, a
digest per record, so that it never holds or writes a second corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from generator.model import Corpus
from generator.site.pages import Planned
from generator.site.reads import KINDS


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def structure(corpus: Corpus) -> bytes:
    """A digest of the fields that shape the index rather than a page: articles' dates and outlets, actors' kinds.

    An article's date places the claims that cite it and lists it under a day; its outlet lists it
    on the outlet's page; an actor's kind decides whose words count as one origin. Editing one of
    them renders every page.
    """
    rest = hashlib.blake2b(digest_size=16)
    for source in corpus.sources.values():
        rest.update(_digest(repr((source.id, source.published, source.outlet, source.relays))))
    for actor in corpus.actors.values():
        rest.update(_digest(repr((actor.id, actor.kind, actor.part_of))))
    return rest.digest()


def record_digests(corpus: Corpus) -> dict[str, bytes]:
    """A digest of each actor, figure and source, by ``kind:id`` (as :mod:`generator.site.reads` notes them)."""
    out = {}
    for name, kind in KINDS.items():
        for ident, record in dict.items(getattr(corpus, name)):
            out[f"{kind}:{ident}"] = _digest(repr(record))
    return out


def referencing(corpus: Corpus, records: set[str]) -> set[str]:
    """The claims that name one of ``records``: their actor, figure, a cited article, that article's outlet or relays, or a relay."""
    if not records:
        return set()
    sources = dict(corpus.sources)
    out = set()
    for claim in corpus.claims.values():
        names = {f"actor:{claim.actor}", f"figure:{claim.figure}"}
        for citation in claim.citations:
            names.add(f"source:{citation.source}")
            names.update(f"actor:{v}" for v in citation.via)
            source = sources.get(citation.source)
            if source is not None:
                names.update(f"actor:{v}" for v in (source.outlet, *source.relays) if v)
        if not names.isdisjoint(records):
            out.add(claim.id)
    return out


@dataclass(frozen=True)
class Fingerprint:
    """What :func:`touched_pages` needs to know of a corpus: a digest of each claim and of each actor, figure and source, and of the index's shape.

    Records are frozen dataclasses of strings, numbers, tuples and None, so their ``repr`` is
    a complete, deterministic rendering of their fields: equal records give equal digests, and
    a changed field changes the digest.
    """

    structure: bytes
    records: dict[str, bytes]
    claims: dict[str, bytes]

    @classmethod
    def of(cls, corpus: Corpus) -> Fingerprint:
        return cls(structure(corpus), record_digests(corpus), {ident: _digest(repr(claim)) for ident, claim in corpus.claims.items()})

    def changed_claims(self, new: Fingerprint, corpus: Corpus) -> tuple[set[str], set[str]] | None:
        """The claims added, removed, edited or naming an edited record since ``self``, and the records edited (``corpus`` is ``new``'s).

        None when the index's shape changed (:func:`structure`).
        """
        if self.structure != new.structure:
            return None
        records = _differ(self.records, new.records)
        return _differ(self.claims, new.claims) | referencing(corpus, records), records


def _differ(old: Mapping[str, object], new: Mapping[str, object]) -> set[str]:
    return {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}


def changed_claims(old: Corpus | None, new: Corpus) -> tuple[set[str], set[str]] | None:
    """The claims added, removed, edited or naming an edited record from ``old`` to ``new``, and the records edited; None when unknown or the index's shape changed."""
    if old is None or structure(old) != structure(new):
        return None
    records = set()
    for name, kind in KINDS.items():
        before, after = dict(getattr(old, name)), dict(getattr(new, name))
        records |= {f"{kind}:{i}" for i in _differ(before, after)}
    claims = _differ(old.claims, new.claims)
    return claims | referencing(new, records) | referencing(old, records), records


def touched_pages(
    changed: tuple[set[str], set[str]] | None,
    shows: Mapping[str, frozenset[str] | None],
    plan: Mapping[str, Planned],
    rendered: set[str],
    planned: set[str],
    reads: Mapping[str, frozenset[str] | None] | None = None,
) -> set[str] | None:
    """The pages of ``plan`` that may differ from those last rendered, or None when that cannot be narrowed down.

    ``changed`` is the claims and the records edited since (:func:`changed_claims`,
    :meth:`Fingerprint.changed_claims`; None renders everything); ``shows`` is the claims each page
    showed when last rendered, ``reads`` the records it read (:mod:`generator.site.reads`; a page
    without renders again when a record changed); ``rendered`` is every page rendered then and
    ``planned`` every page now.
    """
    if changed is None or rendered != planned:
        return None
    claims, records = changed
    if not claims and not records:
        return set()
    wanted = set(records) | {f"{name.split(':', 1)[0]}:*" for name in records}
    reads = reads or {}
    touched = set()
    for rel, entry in plan.items():
        before, read = shows.get(rel), reads.get(rel)
        shown = entry.claims is None or before is None or not claims.isdisjoint(entry.claims) or not claims.isdisjoint(before)
        if shown or (wanted and (read is None or not wanted.isdisjoint(read))):
            touched.add(rel)
    return touched
