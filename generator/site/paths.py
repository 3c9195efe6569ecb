"""Every page's path inside ``briefings/``, and the links between pages.

Paths are POSIX and relative to the docs folder. Links are relative too, so the
site works from a server and from a folder or zip opened with no server.
"""

from __future__ import annotations

import posixpath
from functools import cache

#: Fragments included into hand-written pages (the home page) by pymdownx.snippets.
#: MkDocs excludes this folder from the site (``exclude_docs`` in mkdocs.yml).
FRAGMENTS = "_generated"


def actor(ident: str) -> str:
    return f"actors/{ident}.md"


def figure(ident: str) -> str:
    return f"figures/{ident}.md"


def _variant(size: str, scheme: str) -> str:
    return ("" if size == "wide" else f"-{size}") + ("" if scheme == "light" else f"-{scheme}")


def figure_chart(ident: str, size: str = "wide", scheme: str = "light") -> str:
    """A figure's chart: ``wide`` for the desktop column, ``narrow`` for a phone; ``dark`` in the dark scheme's colours."""
    return f"figures/{ident}{_variant(size, scheme)}.svg"


def timeline_chart(size: str = "wide", scheme: str = "light") -> str:
    """The timeline index's strip of every claim: ``wide`` for the desktop column, ``narrow`` for a phone; ``dark`` likewise."""
    return f"dates/timeline{_variant(size, scheme)}.svg"


def source(ident: str) -> str:
    return f"sources/{ident}.md"


def date(day_or_month: str) -> str:
    """A day page (YYYY-MM-DD) or a month page (YYYY-MM)."""
    return f"dates/{day_or_month}.md"


def index(section: str) -> str:
    return f"{section}/index.md"


HOME_FRAGMENT = f"{FRAGMENTS}/home.md"
#: The hedge lexicon and the agreement grades, included into the methodology page.
READINGS_FRAGMENT = f"{FRAGMENTS}/readings.md"
CLAIMS_JSON = "downloads/claims.json"
CLAIMS_CSV = "downloads/claims.csv"


def quote_anchor(claim_id: str, number: int) -> str:
    """The id of a highlighted quote on a source page: claim id and citation number (from 1)."""
    return f"q-{claim_id}-{number}"


def claim_anchor(claim_id: str) -> str:
    return f"c-{claim_id}"


def part(section: str, ident: str, key: str) -> str:
    """One page of a long list split by period, such as ``figures/nk-troops--2024-10.md``.

    Ids never contain two hyphens in a row, so these names cannot collide with an entity page.
    """
    return f"{section}/{ident}--{key}.md"


def published(page: str) -> str:
    """Where MkDocs writes a page (``use_directory_urls: false``): ``actors/x.md`` → ``actors/x.html``.

    For links in raw HTML blocks, which MkDocs passes through without rewriting; other files
    (charts, downloads, permanent addresses) keep their names.
    """
    return page[:-3] + ".html" if page.endswith(".md") else page


def link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one page to another, as MkDocs resolves ``.md`` links."""
    from_dir = from_page.rpartition("/")[0]
    to_dir, _, name = to_page.rpartition("/")
    target = _dir_prefix(from_dir, to_dir) + name
    return f"{target}#{anchor}" if anchor else target


@cache
def _dir_prefix(from_dir: str, to_dir: str) -> str:
    # A site has a handful of folders but millions of links: relpath per link was the
    # generator's hottest spot, so the folder-to-folder prefix is computed once per pair.
    rel = posixpath.relpath(to_dir or ".", from_dir or ".")
    return "" if rel == "." else rel + "/"
