"""A cache of the last render on disk, so that ``generate`` and ``build`` after an edit render only what changed.

``.briefing-cache/`` (git-ignored, and ignoring itself) holds one file: a fingerprint of the corpus the pages
were last rendered from (a digest per claim, actor, figure and source: :class:`~generator.site.touched.Fingerprint`),
the claims each page showed, the actors, figures and sources each read (:mod:`generator.site.reads`),
and the SHA-256 of every page rendered. It is keyed by a digest of
its inputs besides the data: the generator's code and schemas, the templates, and the
versions of the libraries that shape the output, and the site's limits. When that key
matches, the pages a data edit may change are found as the live preview finds them
(:func:`generator.site.touched.touched_pages`: the pages that show an edited claim, before
or after the edit, or a claim naming an edited record, the pages that read an edited record,
and the pages that show every claim; an edit to an article's date or outlet or an actor's kind
renders everything),
and every other page is read back from ``briefings/``, each one checked against its recorded digest
(a page that was changed or removed by hand is rendered again). The result is the same
bytes a cold render gives; ``tests/test_scale.py`` builds both and compares the sites.

The file is a pickle, which can run code when loaded, so it is signed: an HMAC-SHA256 with
a key kept outside the project (``$XDG_CACHE_HOME/briefing/cache.key``). A cache file that
arrives with a pull request, or is copied from another machine, fails the check and is
ignored, as is one that is truncated or from another version; the cost is a cold render.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import jinja2
import jinja2.meta

from generator import signed
from generator.site.pages import Planned, Site
from generator.site.reads import recorded
from generator.site.touched import Fingerprint, touched_pages

STATE_FILE = "render.pickle"
#: Libraries whose version can change the bytes of a page or chart.
_LIBRARIES = ("jinja2", "markupsafe", "vl-convert-python", "pyyaml", "fastjsonschema", "jsonschema")


@dataclass
class _State:
    key: str
    #: What else the pages were rendered from: the commit history was read at, the feed settings.
    context: str
    fingerprint: Fingerprint
    #: The claims each page showed (None: every claim), as the plan declared them.
    shows: dict[str, frozenset[str] | None]
    digests: dict[str, str]
    #: The SHA-256 of each file in the templates folder, by path inside it.
    templates: dict[str, str]
    #: The template each page was rendered from, when one was (its imports are read from the templates).
    uses: dict[str, str | None]
    #: The actors, figures and sources each page read as it rendered (:mod:`generator.site.reads`).
    reads: dict[str, frozenset[str] | None]


@dataclass
class RenderStats:
    """What one render did: the pages it rendered, and how many it reused from the cache."""

    rendered: list[str]
    reused: int

    def summary(self) -> str:
        done = len(self.rendered)
        return f"Rendered {done:,} of {done + self.reused:,} files; the rest cannot have changed since the last run (.briefing-cache/)."


def inputs_key(limits: object) -> str:
    """A digest of everything besides the data and the templates that shapes the rendered pages."""
    return signed.code_key(_LIBRARIES, limits).hexdigest()


def template_digests(templates: Path) -> dict[str, str]:
    """The SHA-256 of each file in the templates folder, by its path inside it (the name Jinja loads it by)."""
    return {path.relative_to(templates).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(templates.rglob("*")) if path.is_file()}


def template_closure(templates: Path, name: str, known: dict[str, frozenset[str] | None]) -> frozenset[str] | None:
    """``name`` and every template it imports, includes or extends, however deep; None when that cannot be known.

    Read from the templates' source with Jinja's own parser (``jinja2.meta``); a name computed at
    render time, or a template that is missing or does not parse, gives None: every page of it renders.
    """
    if name in known:
        return known[name]
    known[name] = None  # a cycle is Jinja's error to report: render the pages
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates))
    try:
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        referenced = list(jinja2.meta.find_referenced_templates(env.parse(source)))
    except (jinja2.TemplateError, OSError):
        return None
    out = {name}
    for other in referenced:
        deeper = template_closure(templates, other, known) if other is not None else None
        if deeper is None:
            return None
        out |= deeper
    known[name] = frozenset(out)
    return known[name]


class RenderCache:
    """The render cache of one project (see the module docstring)."""

    def __init__(self, folder: Path, docs: Path, templates: Path, limits: object) -> None:
        self.folder = folder
        self.docs = docs
        self.templates = templates
        self.key = inputs_key(limits)
        self._templates = template_digests(templates)
        #: The template each page rendered in this run was rendered from (see :meth:`track`).
        self._uses: dict[str, str | None] = {}
        #: The recorded digests of the pages :meth:`unchanged` kept.
        self._digests: dict[str, str] = {}
        self._fingerprint: tuple[Site, Fingerprint] | None = None
        #: The records each page read, as it rendered in this run or, kept, in the run that rendered it.
        self._reads: dict[str, frozenset[str] | None] = {}

    def _fingerprint_of(self, site: Site) -> Fingerprint:
        if self._fingerprint is None or self._fingerprint[0] is not site:
            self._fingerprint = (site, Fingerprint.of(site.index.corpus))
        return self._fingerprint[1]

    def _load(self) -> _State | None:
        state = signed.load(self.folder / STATE_FILE)
        return state if isinstance(state, _State) and state.key == self.key else None

    def _save(self, state: _State) -> None:
        signed.save(self.folder / STATE_FILE, state)

    def unchanged(self, site: Site, plan: Mapping[str, Planned], *, reuse: bool = True, context: str = "") -> set[str]:
        """The pages of ``plan`` that need no rendering: no edit since the last render can have changed them, and their file is intact.

        ``context`` names what else the pages depend on besides the data and the inputs in the
        key (:meth:`generator.story.follow.Story.digest`: the commit Git history was read at,
        and the feed settings); when it differs from the last run's, every page is rendered,
        because a new commit can date or correct any page. ``reuse=False`` renders every page.
        Each page kept is read back from the docs folder and checked against its recorded digest.
        """
        self._digests = {}
        state = self._load() if reuse else None
        kept: set[str] = set()
        if state is not None and state.context == context:
            changed = state.fingerprint.changed_claims(self._fingerprint_of(site), site.index.corpus)
            touched = touched_pages(changed, state.shows, plan, set(state.digests), set(plan), state.reads)
            if touched is not None:
                touched |= self._template_pages(state)
                kept = {rel for rel in plan.keys() - touched if _verified(self.docs / rel, state.digests[rel])}
                self._digests = {rel: state.digests[rel] for rel in kept}
                self._uses = {rel: state.uses.get(rel) for rel in kept}
                self._reads = {rel: state.reads.get(rel) for rel in kept}
        return kept

    def _template_pages(self, state: _State) -> set[str]:
        """The pages rendered from a template that changed since ``state``, or that imports one that did."""
        changed = {name for name in state.templates.keys() | self._templates.keys() if state.templates.get(name) != self._templates.get(name)}
        if not changed:
            return set()
        known: dict[str, frozenset[str] | None] = {}
        out = set()
        for rel, name in state.uses.items():
            if name is not None:
                closure = template_closure(self.templates, name, known)
                if closure is None or not changed.isdisjoint(closure):
                    out.add(rel)
        return out

    def track(self, site: Site, plan: Mapping[str, Planned]) -> dict[str, Planned]:
        """``plan``, each page recording the template it is rendered from (:attr:`Site.rendered_from`) for the next run."""

        def render(rel: str, entry: Planned) -> str | bytes:
            site.rendered_from = None
            page, self._reads[rel] = recorded(entry.render)
            self._uses[rel] = site.rendered_from
            return page

        return {rel: replace(entry, render=partial(render, rel, entry)) for rel, entry in plan.items()}

    def save(self, site: Site, plan: Mapping[str, Planned], digests: Mapping[str, str], context: str = "") -> None:
        """Record this render: ``digests`` of the pages rendered; the pages kept keep theirs."""
        every = {rel: self._digests[rel] if rel in self._digests else digests[rel] for rel in plan}
        uses = {rel: self._uses.get(rel) for rel in plan}
        reads = {rel: self._reads.get(rel) for rel in plan}
        shows = {rel: entry.claims for rel, entry in plan.items()}
        self._save(_State(self.key, context, self._fingerprint_of(site), shows, every, self._templates, uses, reads))


def _verified(path: Path, digest: str) -> bool:
    try:
        if path.is_symlink() or not path.is_file():  # a link, FIFO or device is rendered, never read (stage_pages refuses it)
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False
