"""Which pages a data edit may change: the live preview and the render cache render only those.

Only claim edits, additions and removals are narrowed down: a claim shows on its actor,
figure, date and source pages (and, for a split list, the period page that holds it), on
the pages of actors it was relayed through, and in the indexes, the home page and the
downloads. Anything else (an actor, figure or source edited, a list split differently)
gives None: render everything.
"""

from __future__ import annotations

from generator.model import Claim, Corpus
from generator.site import paths
from generator.site.index import Index
from generator.site.pages import by_initial, by_month, parts_of

#: Pages every claim edit may change: counts, headline spreads, the downloads.
ALWAYS = (*(paths.index(s) for s in ("actors", "figures", "sources", "dates", "downloads")), paths.HOME_FRAGMENT, paths.CLAIMS_JSON, paths.CLAIMS_CSV)


def touched_pages(old: Index | None, new: Index, rendered: set[str], planned: set[str]) -> set[str] | None:
    """The pages that may differ from those rendered from ``old``, or None when that cannot be narrowed down.

    ``rendered`` is every page rendered from ``old``, ``planned`` every page of ``new``.
    """
    if old is None or rendered != planned:
        return None
    a, b = old.corpus, new.corpus
    if a.actors != b.actors or a.figures != b.figures or a.sources != b.sources:
        return None
    changed = [i for i in a.claims.keys() | b.claims.keys() if a.claims.get(i) != b.claims.get(i)]
    touched = set(ALWAYS)
    for ident in changed:
        for version, idx in ((a.claims.get(ident), old), (b.claims.get(ident), new)):
            if version is not None:
                touched |= _pages_of(version, idx)
                # A split index counts claims per source and per actor on the page of its group.
                touched |= {paths.part("sources", "index", by_month(b.sources[c.source])[0]) for c in version.citations}
                touched |= {paths.part("actors", "index", by_initial(b.actors[x])[0]) for x in (version.actor, *(v for c in version.citations for v in c.via))}
    # A split list whose periods moved renders all its period pages (their neighbours changed).
    for section, ident in set(_entities(a, b, changed)):
        if [p.key for p in parts_of(old, section, ident)] != [p.key for p in parts_of(new, section, ident)]:
            touched |= {rel for rel in planned if rel.startswith(f"{section}/{ident}--")}
    return touched


def _entities(a: Corpus, b: Corpus, changed: list[str]) -> list[tuple[str, str]]:
    out = []
    for ident in changed:
        for claim in (a.claims.get(ident), b.claims.get(ident)):
            if claim is not None:
                out.append(("actors", claim.actor))
                if claim.figure:
                    out.append(("figures", claim.figure))
    return out


def _pages_of(claim: Claim, index: Index) -> set[str]:
    """Every page that shows ``claim`` (in this version of the corpus)."""
    out = {paths.actor(claim.actor)}
    out |= {paths.actor(v) for c in claim.citations for v in c.via}
    out |= {paths.source(c.source) for c in claim.citations}
    when = index.placed[claim.id].when
    if when:
        out |= {paths.date(when), paths.date(when[:7])}
    out |= {paths.part("actors", claim.actor, p.key) for p in parts_of(index, "actors", claim.actor) if claim in p.claims}
    if claim.figure:
        out |= {paths.figure(claim.figure), paths.figure_chart(claim.figure)}
        out |= {paths.part("figures", claim.figure, p.key) for p in parts_of(index, "figures", claim.figure) if claim in p.claims}
    return out
