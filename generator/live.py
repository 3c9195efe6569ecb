"""Regenerate for the live preview: re-read only changed files, re-render only touched pages.

``briefing generate`` validates and renders everything, which takes tens of seconds on a
corpus of ten thousand claims. The preview (``mkdocs serve`` with ``hooks/briefing_hook.py``)
regenerates on every save, so it keeps state between runs in its long-lived process:

- a :class:`~generator.data.validate.ReadCache`, so only files whose stat changed are parsed
  and schema-checked again (the corpus checks still run over everything);
- the previous corpus and the bytes of every page, so that when only claims changed,
  only the pages that show those claims are rendered again: their actor, figure, date and
  source pages (and, for a split list, the period page that holds them), the pages of
  actors they are relayed through, the indexes, the home page and the downloads.

Anything else (an actor, figure or source edited, a template changed, a day gaining or
losing its page, a list split differently) renders everything, as ``generate`` does.
The result is always written through :func:`generator.site.write.write_pages`, with the same
safety rules, and equals what a full ``generate`` would write (the tests check this).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.data.validate import ReadCache, validate
from generator.model import Claim, Corpus
from generator.pipeline import References
from generator.project import Project
from generator.site import paths
from generator.site.downloads import Memo
from generator.site.index import Index
from generator.site.index import build as build_index
from generator.site.pages import Site, by_initial, by_month, parts_of
from generator.site.write import WriteReport, write_pages
from generator.story import follow

log = logging.getLogger(__name__)

#: Pages every claim edit may change: counts, headline spreads, the downloads.
ALWAYS = (*(paths.index(s) for s in ("actors", "figures", "sources", "dates", "downloads")), paths.HOME_FRAGMENT, paths.CLAIMS_JSON, paths.CLAIMS_CSV)


@dataclass
class LiveSite:
    """Generation state kept between saves in one process (the ``mkdocs serve`` process)."""

    root: Path
    #: The field and command references (see :func:`generator.cli.reference_pages`).
    references: References = field(default_factory=dict)
    cache: ReadCache = field(default_factory=ReadCache)
    corpus: Corpus | None = None
    index: Index | None = None
    pages: dict[str, str | bytes] = field(default_factory=dict)
    templates: tuple[tuple[str, int, int], ...] = ()
    env: jinja2.Environment | None = None
    downloads: Memo = field(default_factory=dict)
    #: How many pages the last run rendered, for the log and the tests.
    rendered: int = 0
    #: The commit whose history the pages show (a new commit renders everything again).
    head: str | None = None
    known: bool = False

    def regenerate(self) -> tuple[Corpus, WriteReport]:
        """Validate (raising :class:`~generator.errors.ValidationFailed` on problems), render what changed, write."""
        corpus = validate(self.root, self.cache)
        story = follow.read(self.root, corpus)
        index = build_index(corpus)
        project = Project(self.root)
        templates = _signature(project.templates)
        # Compiling the templates costs half a second: reuse them while they are unchanged.
        env = self.env if templates == self.templates else None
        site = Site(index, project.templates, env, story=story)
        site.downloads_memo = self.downloads
        self.env = site.env
        plan = site.plan()
        references = self.references
        # A new commit can date or correct any page: then everything renders again.
        same_history = story.history.head == self.head and story.history.known == self.known
        touched = self._touched(index, set(plan) | set(references)) if templates == self.templates and same_history else None
        pages: dict[str, str | bytes] = {}
        kept: set[str] = set()
        for rel, render in plan.items():
            if touched is None or rel in touched or rel not in self.pages:
                pages[rel] = render()
            else:
                pages[rel] = self.pages[rel]
                kept.add(rel)
        for rel, text in references.items():
            # The field and command references depend on the code only, never on data.
            if self.pages.get(rel) == text:
                kept.add(rel)
            pages[rel] = text
        rendered = len(pages) - len(kept)
        report = write_pages(project.docs, pages, frozenset(kept))
        self.corpus, self.index, self.pages, self.templates, self.rendered = corpus, index, pages, templates, rendered
        self.head, self.known = story.history.head, story.history.known
        return corpus, report

    def _touched(self, index: Index, planned: set[str]) -> set[str] | None:
        """The pages that may differ from the last run, or None when that cannot be narrowed down."""
        old, new = self.index, index
        if old is None or set(self.pages) != planned:
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
                    touched |= {
                        paths.part("actors", "index", by_initial(b.actors[x])[0]) for x in (version.actor, *(v for c in version.citations for v in c.via))
                    }
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


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file()))


_SITES: dict[Path, LiveSite] = {}


def regenerate(root: Path, references: References) -> tuple[Corpus, WriteReport, int]:
    """Regenerate ``root`` reusing this process's state; returns the corpus, the write report and pages rendered."""
    live = _SITES.setdefault(root.resolve(), LiveSite(root.resolve()))
    live.references = references
    corpus, report = live.regenerate()
    return corpus, report, live.rendered
