"""The project layout in one object: every folder and file the generator reads or writes.

A project is ``mkdocs.yml, briefings/, data/, generator/, site_templates/, tests/``. Code
that needs a path asks :class:`Project` for it instead of spelling the folder out, so a
folder is renamed in one place (as MkDocs passes one ``MkDocsConfig`` down its stages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: Folders of the docs folder that belong to the generator. Nothing outside them is
#: ever written or removed; inside them, only files the generator wrote (see
#: :mod:`generator.site.write`).
GENERATED_DIRS: tuple[str, ...] = ("actors", "figures", "dates", "sources", "downloads", "_generated", "corrections", "feeds", "claims", "embed")
#: What a site build needs besides ``data/``, relative to the project: the build configuration
#: and the hand-written pages. Tests and the benchmark copy these into throwaway projects.
SITE_FILES: tuple[str, ...] = (
    "mkdocs.yml",
    "hooks",
    "overrides",
    "site_templates",
    "briefings/index.md",
    "briefings/reading.md",
    "briefings/methodology.md",
    "briefings/how-to-edit.md",
    "briefings/commands.md",
    "briefings/assets",
)

DATA_DIR = "data"
DRAFTS_DIR = "drafts"  # inside data/
DOCS_DIR = "briefings"
SITE_DIR = "site"
TEMPLATES_DIR = "site_templates"
STAGING_DIR = ".briefing-staging"
#: What the last render rendered, so that the next renders only what an edit changed (git-ignored).
CACHE_DIR = ".briefing-cache"
LOCK_FILE = ".briefing.lock"
#: Held by the one ``briefing drafts`` step at a time, which writes data/ and not pages, so it runs beside ``serve`` (git-ignored).
DRAFTS_LOCK_FILE = ".briefing-drafts.lock"
CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Limits:
    """How much one page shows: past these, a list is split into pages or cut to the ones that matter most."""

    #: Rows of an index page (sources, actors); past this, the index is split by month or initial.
    index_rows: int = 300
    #: Most claims on one page of an actor's or a figure's list. On a figure page each claim
    #: costs about 2.5 KB of HTML (its table row, its citation, its JSON-LD entry and its share
    #: of the origins and differences), so a full page stays under the 300 KB a reader should
    #: have to download (measured in ``tests/test_scale.py``; see :mod:`generator.site.paginate`).
    claims_per_page: int = 100
    #: Contested claims listed on the home page; past this, the latest are shown.
    contested_shown: int = 10
    #: Pairs of conflicting estimates listed on a figure page; past this, the widest are shown.
    conflicts_shown: int = 20


@dataclass(frozen=True)
class Project:
    """A project folder and the paths of its layout, and the site's limits."""

    root: Path
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def of(cls, where: Project | Path | str) -> Project:
        """``where`` as a project: a :class:`Project` is returned as it is, a folder is wrapped."""
        return where if isinstance(where, Project) else cls(Path(where))

    @property
    def data(self) -> Path:
        """``data/``: the curated records and archived texts."""
        return self.root / DATA_DIR

    def records(self, folder: str) -> Path:
        """``data/<folder>/``: one of sources, actors, figures, claims."""
        return self.data / folder

    @property
    def drafts(self) -> Path:
        """``data/drafts/``: drafts from ``briefing suggest``, one folder per source."""
        return self.data / DRAFTS_DIR

    @property
    def docs(self) -> Path:
        """``briefings/``: the MkDocs docs folder, hand-written and generated pages."""
        return self.root / DOCS_DIR

    @property
    def site(self) -> Path:
        """``site/``: the built site."""
        return self.root / SITE_DIR

    @property
    def templates(self) -> Path:
        """``site_templates/``: the Jinja2 templates, one per page kind."""
        return self.root / TEMPLATES_DIR

    @property
    def staging(self) -> Path:
        """``.briefing-staging/``: where ``build`` stages pages and site before swapping them in."""
        return self.root / STAGING_DIR

    @property
    def cache(self) -> Path:
        """``.briefing-cache/``: the render cache (see :mod:`generator.site.cache`)."""
        return self.root / CACHE_DIR

    @property
    def lock(self) -> Path:
        """``.briefing.lock``: held by the one command at a time that writes pages or the site."""
        return self.root / LOCK_FILE

    @property
    def drafts_lock(self) -> Path:
        """``.briefing-drafts.lock``: held by the one ``briefing drafts`` step at a time."""
        return self.root / DRAFTS_LOCK_FILE

    @property
    def config(self) -> Path:
        """``mkdocs.yml``."""
        return self.root / CONFIG_FILE
