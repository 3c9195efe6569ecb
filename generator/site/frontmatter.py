"""A generated page's front matter: what search makes of it (left out, or boosted), and the ``briefing`` block."""

from __future__ import annotations

from generator.site import paths

_UNSEARCHED_INDEXES = frozenset(paths.index(s) for s in ("actors", "figures", "sources", "dates"))


def front_matter(rel: str, meta: str = "") -> str:
    """The page's front matter: search settings, and ``meta`` (the ``briefing`` block of :func:`generator.story.follow.front_matter`)."""
    # Date pages and the period pages of split lists repeat claims that actor, figure and
    # source pages already hold; indexing them too made the search index five times the
    # text (32 MB at 10,000 claims), all of which a reader downloads on the first search.
    # Index pages are lists of names that the entity pages hold in full; as search results they
    # crowded out the actor, figure or source a reader was looking for.
    if (rel.startswith("dates/") and not rel.endswith("index.md")) or "--" in rel or rel in _UNSEARCHED_INDEXES:
        return f"---\nsearch:\n  exclude: true\n{meta}---\n"
    # Entity pages rank above the many pages that merely mention a name, so that
    # searching an alias lands on the actor. Material reads search.boost from front matter.
    boost = {"actors": 3, "figures": 2}.get(rel.split("/")[0])
    if boost and not rel.endswith("index.md"):
        return f"---\nsearch:\n  boost: {boost}\n{meta}---\n"
    return f"---\n{meta}---\n" if meta else ""
