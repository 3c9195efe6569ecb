"""Regenerate for the live preview: re-read only changed files, re-render only touched pages.

``briefing generate`` validates and renders everything, which takes tens of seconds on a
corpus of ten thousand claims. The preview (``mkdocs serve`` with ``hooks/briefing_hook.py``)
regenerates on every save, so it keeps state between runs in its long-lived process:

- a :class:`~generator.data.validate.ReadCache`, so only files whose stat changed are parsed
  and schema-checked again (the corpus checks still run over everything);
- the previous corpus, the bytes of every page and the claims each page showed, so that when
  only claims changed, only the pages that show one of them (before or after the edit) are
  rendered again. What each page shows is declared by the plan itself
  (:meth:`generator.site.pages.Site.plan`), the same plan a full ``generate`` renders, so a new
  page kind is followed without a list to keep here.

Anything else (an actor, figure or source edited, a template changed, a page added or
removed) renders everything, as ``generate`` does.
The result is always written through :func:`generator.site.write.write_pages`, with the same
safety rules, and equals what a full ``generate`` would write (the tests check this).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.data.validate import ReadCache, validate
from generator.model import Corpus
from generator.pipeline import References
from generator.project import Project
from generator.site.downloads import Memo
from generator.site.index import Index
from generator.site.index import build as build_index
from generator.site.pages import Site
from generator.site.touched import touched_pages
from generator.site.write import WriteReport, write_pages
from generator.story import follow

log = logging.getLogger(__name__)


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
    #: The claims each page showed in the last run, as its plan declared them (None: every claim).
    shows: dict[str, frozenset[str] | None] = field(default_factory=dict)
    templates: tuple[tuple[str, int, int], ...] = ()
    env: jinja2.Environment | None = None
    downloads: Memo = field(default_factory=dict)
    #: How many pages the last run rendered, for the log and the tests.
    rendered: int = 0
    #: The history and settings the pages were rendered with (:meth:`Story.digest`): a new commit renders everything again.
    context: str = ""

    def regenerate(self) -> tuple[Corpus, WriteReport]:
        """Validate (raising :class:`~generator.errors.ValidationFailed` on problems), render what changed, write."""
        corpus = validate(self.root, self.cache)
        story = follow.read(self.root, corpus)
        index = build_index(corpus)
        project = Project(self.root)
        templates = _signature(project.templates)
        # Compiling the templates costs half a second: reuse them while they are unchanged.
        env = self.env if templates == self.templates else None
        site = Site(index, project.templates, env, project.limits, story=story)
        site.downloads_memo = self.downloads
        self.env = site.env
        plan = site.plan()
        references = self.references
        # A new commit can date or correct any page: then everything renders again.
        same = templates == self.templates and story.digest() == self.context
        touched = touched_pages(self.corpus, corpus, self.shows, plan, set(self.pages), set(plan) | set(references)) if same else None
        pages: dict[str, str | bytes] = {}
        kept: set[str] = set()
        for rel, entry in plan.items():
            if touched is None or rel in touched or rel not in self.pages:
                pages[rel] = entry.render()
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
        self.shows = {rel: entry.claims for rel, entry in plan.items()}
        self.context = story.digest()
        return corpus, report


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file()))


_SITES: dict[Path, LiveSite] = {}


def regenerate(root: Path, references: References) -> tuple[Corpus, WriteReport, int]:
    """Regenerate ``root`` reusing this process's state; returns the corpus, the write report and pages rendered."""
    live = _SITES.setdefault(root.resolve(), LiveSite(root.resolve()))
    live.references = references
    corpus, report = live.regenerate()
    return corpus, report, live.rendered
