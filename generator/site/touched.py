"""Which pages a data edit may change: the live preview and the render cache render only those.

Each page of the plan declares the claims it shows (:class:`~generator.site.pages.Planned`).
A page may change when a claim it shows, before or after the edit, changed; a page that
shows every claim (an index, the home page, a download) or that is new always may. Every page
depends on every actor, figure and source: editing one of those renders everything.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.model import Corpus
from generator.site.pages import Planned


def touched_pages(
    old: Corpus | None, new: Corpus, shows: Mapping[str, frozenset[str] | None], plan: Mapping[str, Planned], rendered: set[str], planned: set[str]
) -> set[str] | None:
    """The pages of ``plan`` that may differ from those rendered from ``old``, or None when that cannot be narrowed down.

    ``shows`` is the claims each page showed when rendered from ``old``; ``rendered`` is every
    page rendered from ``old`` and ``planned`` every page now.
    """
    if old is None or rendered != planned:
        return None
    if old.actors != new.actors or old.figures != new.figures or old.sources != new.sources:
        return None
    changed = {i for i in old.claims.keys() | new.claims.keys() if old.claims.get(i) != new.claims.get(i)}
    if not changed:
        return set()
    touched = set()
    for rel, entry in plan.items():
        before = shows.get(rel)
        if entry.claims is None or before is None or not changed.isdisjoint(entry.claims) or not changed.isdisjoint(before):
            touched.add(rel)
    return touched
