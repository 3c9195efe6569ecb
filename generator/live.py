"""Regenerate for the live preview: re-read only changed files, re-render only touched pages.

``briefing generate`` validates and renders everything, which takes tens of seconds on a
corpus of ten thousand claims. The preview (``mkdocs serve`` with ``hooks/briefing_hook.py``)
regenerates on every save, so it keeps state between runs in its long-lived process:

- a :class:`~generator.data.readcache.ReadCache`, so only changed files are parsed and
  schema-checked again, and only the claims whose file or cited sources changed are checked
  against the corpus again. Under ``mkdocs serve`` a :class:`Watch` on ``data/`` names the
  changed files, so the others are not even ``stat``-ed; without it, each file's ``stat`` decides;
- the previous corpus, the bytes of every page and the claims each page showed, so that when
  only claims changed, only the pages that show one of them (before or after the edit) are
  rendered again. What each page shows is declared by the plan itself
  (:meth:`generator.site.pages.Site.plan`), the same plan a full ``generate`` renders, so a new
  page kind is followed without a list to keep here.

An edited actor, figure or source renders the pages that read it as they rendered
(:mod:`generator.site.reads`) and those that show a claim naming it; an article's date or
outlet or an actor's kind, a template changed, a page added or removed render everything,
as ``generate`` does. Within what renders, a figure's summary is
reused while its claims are the same objects placed on the same dates, and a chart while its
Vega-Lite spec is the same (:mod:`generator.site.kept`). A page rendered to the bytes written
last time, or not rendered, is not read back; and while the :class:`Watch` saw every change
to the docs folder, only the files someone else changed there are looked at on disk.
The result is always written through :func:`generator.site.write.write_pages`, with the same
safety rules, and equals what a full ``generate`` would write (the tests check this).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.data.readcache import ReadCache
from generator.data.validate import validate
from generator.model import Corpus
from generator.pipeline import References
from generator.project import Project
from generator.site.downloads import Memo
from generator.site.index import Index
from generator.site.index import build as build_index
from generator.site.kept import Kept
from generator.site.pages import Site
from generator.site.reads import recorded
from generator.site.touched import changed_claims, touched_pages
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
    #: The actors, figures and sources each page read when it last rendered (:mod:`generator.site.reads`).
    reads: dict[str, frozenset[str] | None] = field(default_factory=dict)
    templates: tuple[tuple[str, int, int], ...] = ()
    env: jinja2.Environment | None = None
    downloads: Memo = field(default_factory=dict)
    #: Figure summaries and drawn charts from the last run, reused while their inputs are the same (see :mod:`generator.site.kept`).
    summaries: Kept[dict[str, Any]] = field(default_factory=Kept)
    charts: Kept[str] = field(default_factory=Kept)
    pngs: Kept[bytes] = field(default_factory=Kept)
    #: How many pages the last run rendered, for the log and the tests.
    rendered: int = 0
    #: The history and settings the pages were rendered with (:meth:`Story.digest`): a new commit renders everything again.
    context: str = ""

    def regenerate(self, changed: frozenset[Path] | None = None, disturbed: frozenset[str] | None = None) -> tuple[Corpus, WriteReport]:
        """Validate (raising :class:`~generator.errors.ValidationFailed` on problems), render what changed, write.

        ``changed`` names every file under ``data/`` that may have changed since the last call (from a
        :class:`Watch`); None when that is not known, and then each file's ``stat`` is compared.
        ``disturbed`` names every file in the docs folder that anyone else changed since the last
        call's write (:meth:`Watch.generating`); None when that is not known, and then each page is
        checked on disk (see :func:`~generator.site.write.write_pages`).
        """
        self.cache.changed = changed
        corpus = validate(self.root, self.cache)
        story = follow.read(self.root, corpus)
        index = build_index(corpus)
        project = Project(self.root)
        templates = _signature(project.templates)
        # Compiling the templates costs half a second: reuse them while they are unchanged.
        env = self.env if templates == self.templates else None
        site = Site(index, project.templates, env, project.limits, story=story)
        site.downloads_memo = self.downloads
        self.summaries.next_run()
        self.charts.next_run()
        self.pngs.next_run()
        site.summaries, site.charts, site.pngs = self.summaries, self.charts, self.pngs
        self.env = site.env
        plan = site.plan()
        references = self.references
        # A new commit can date or correct any page: then everything renders again.
        same = templates == self.templates and story.digest() == self.context
        edits = changed_claims(self.corpus, corpus) if same else None
        touched = touched_pages(edits, self.shows, plan, set(self.pages), set(plan) | set(references), self.reads)
        pages: dict[str, str | bytes] = {}
        kept: set[str] = set()  # what the last call wrote with these very bytes
        rendered = 0
        for rel, entry in plan.items():
            if touched is None or rel in touched or rel not in self.pages:
                pages[rel], self.reads[rel] = recorded(entry.render)
                rendered += 1
                if self.pages.get(rel) == pages[rel]:
                    kept.add(rel)
            else:
                pages[rel] = self.pages[rel]
                kept.add(rel)
        for rel, text in references.items():
            # The field and command references depend on the code only, never on data.
            if self.pages.get(rel) == text:
                kept.add(rel)
            pages[rel] = text
        rendered += len(references) - len(kept & references.keys())
        try:
            report = write_pages(project.docs, pages, frozenset(kept), disturbed)
        except BaseException:
            # Some pages may be written, others not: trust nothing from the last call next time.
            self.pages, self.shows, self.reads = {}, {}, {}
            raise
        self.corpus, self.index, self.pages, self.templates, self.rendered = corpus, index, pages, templates, rendered
        self.shows = {rel: entry.claims for rel, entry in plan.items()}
        self.context = story.digest()
        return corpus, report


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file()))


_SITES: dict[Path, LiveSite] = {}


def regenerate(
    root: Path, references: References, changed: frozenset[Path] | None = None, disturbed: frozenset[str] | None = None
) -> tuple[Corpus, WriteReport, int]:
    """Regenerate ``root`` reusing this process's state; returns the corpus, the write report and pages rendered."""
    live = _SITES.setdefault(root.resolve(), LiveSite(root.resolve()))
    live.references = references
    corpus, report = live.regenerate(changed, disturbed)
    return corpus, report, live.rendered


# --- the file watcher ------------------------------------------------------------------------------

#: Events that change nothing: reading a file opens and closes it.
_READS = frozenset({"opened", "closed_no_write"})


class Watch:
    """What the preview's file watcher saw: the files changed under ``data/``, and the generator's own writes.

    MkDocs' server watches by polling: every half second it lists and ``stat``-s every file
    it watches (about 30,000 at 10,000 claims). :func:`observer` gives it one that the
    operating system notifies instead (inotify, FSEvents, ReadDirectoryChangesW), or the
    polling one when asked, and passes every event through :meth:`forward`, which

    - records the paths under ``data/``, for :meth:`take`: what the next regeneration need
      read again. Until the watcher runs, after a change to a folder itself and after the
      system dropped events (its queue overflowed), the set is unknown and every file is
      checked by its ``stat``, as without a watcher;
    - drops the events of the generator's own writes into the docs folder, so that a save
      builds once, not twice (a second build, set off by the pages the first one wrote, would
      hold up the reloading browser's requests until it finished). A page changed by anyone
      else still rebuilds;
    - drops reads (opened, closed without writing): the build itself reads every page.
    """

    def __init__(self, data: Path, docs: Path) -> None:
        self.data, self.docs = str(data), str(docs)
        self._lock = threading.Lock()
        self._paths: set[Path] = set()
        self._known = False  # whether _paths holds every change since the last take()
        self._watching = False
        self._ours: dict[str, tuple[int, int, int] | None] = {}  # the generator's last writes (None: removed)
        self._held: list[tuple[Any, Any]] | None = None  # docs events during a regeneration
        self._disturbed: set[str] = set()  # files of the docs folder changed by others since the generator's last write
        self._docs_known = False  # whether _disturbed holds every such change
        self._docs_watching = False  # whether the docs folder is watched (the early watch starts with data/ alone)
        self._done = False  # whether the generator's last run wrote everything it meant to
        self._early: Any = None  # the observer started before the first build (see early), until the server's starts
        #: Git's folders, watched so that a commit or checkout regenerates: only their HEAD and refs count.
        self.git: tuple[str, ...] = ()

    def started(self, docs: bool = True) -> None:
        """An observer started: of data/ and the docs folder, or (``docs`` False, the early one) of data/ alone.

        Once the server's own observer runs, the early one is stopped.
        """
        with self._lock:
            self._watching = True
            self._docs_watching = self._docs_watching or docs
            early, self._early = (self._early, None) if docs else (None, self._early)
        if early is not None:
            early.stop()

    def early(self) -> None:
        """Watch data/ from now on, before the first build (MkDocs starts its watcher only after it).

        Without this, the first save after the server starts would check every data file and
        every page, as nobody watched them while the first build ran. The docs folder joins
        (:meth:`docs_too`) once the generator's first write is done, so that its own tens of
        thousands of events do not overflow the system's queue. Notifications only: polling
        would list every file twice a second beside the first build.
        """
        from watchdog.events import FileSystemEventHandler

        watching = observer(self, poll=False, docs=False)
        try:
            watching.schedule(FileSystemEventHandler(), self.data, recursive=True)
            watching.start()
        except OSError:  # no data/ yet, or no notifications here: the first save checks every file
            return
        self._early = watching

    def docs_too(self) -> None:
        """After the generator's first write: the early observer watches the docs folder too.

        A page changed between that write and this call has no event: each file the generator
        wrote is compared with what it left (its inode, size and time), and those that differ
        are named for the next run, as if their events had come.
        """
        from watchdog.events import FileSystemEventHandler

        with self._lock:
            early, ours = self._early, dict(self._ours)
        if early is None or self._docs_watching:
            return
        try:
            early.schedule(FileSystemEventHandler(), self.docs, recursive=True)
        except OSError:
            return
        changed = [path for path, signature in ours.items() if _signature_of(path) != signature]
        with self._lock:
            self._disturbed.update(os.path.relpath(p, self.docs).replace(os.sep, "/") for p in changed)
            self._docs_watching = True
            self._docs_known = self._done

    def lost(self) -> None:
        """The system dropped events: the next regeneration checks every file."""
        with self._lock:
            self._known = self._docs_known = False

    def take(self) -> frozenset[Path] | None:
        """The paths under ``data/`` changed since the last call, or None when not known; starts a new set."""
        with self._lock:
            paths = frozenset(self._paths) if self._known else None
            self._paths.clear()
            self._known = self._watching
            return paths

    def generating(self) -> frozenset[str] | None:
        """The generator is about to write into the docs folder: hold its events until :meth:`wrote`.

        Returns the files of the docs folder (paths inside it) that anyone else changed since the
        generator's last write, or None when that is not known (the watcher was not running then,
        a folder in it was created, moved or removed, or events were lost): every other file is as
        the generator left it, which lets :func:`~generator.site.write.write_pages` trust it unseen.
        """
        with self._lock:
            self._held = []
            disturbed = frozenset(self._disturbed) if self._docs_known else None
            self._disturbed.clear()
            self._docs_known = False  # until the write is done and known (wrote)
            return disturbed

    def wrote(self, written: Iterable[str], removed: Iterable[str], done: bool = True) -> None:
        """The generator wrote (and removed) these files of the docs folder; forward the held events that were not its own.

        ``done`` is False when the regeneration failed: the changes :meth:`generating` reported were not
        seen to, so the next one checks every file.
        """
        ours: dict[str, tuple[int, int, int] | None] = {}
        for rel in [*written, ".briefing-manifest.json"]:
            path = os.path.join(self.docs, rel)
            ours[path] = _signature_of(path)
        ours.update((os.path.join(self.docs, rel), None) for rel in removed)
        with self._lock:
            self._ours = ours
            held, self._held = self._held or [], None
            self._docs_known = self._docs_watching and done
            self._done = done
        for handler, event in held:
            if not self._own(event):
                self._disturbed_by(event)
                handler.dispatch(event)

    def forward(self, handler: Any, event: Any) -> None:
        """Record ``event`` and pass it on to ``handler`` (MkDocs', which rebuilds) unless it changes nothing."""
        if event.event_type in _READS:
            return
        paths = [str(p) for p in (event.src_path, event.dest_path) if p]
        if self.git and _git_noise(paths, self.git):
            return
        if any(p == self.data or p.startswith(self.data + os.sep) for p in paths):
            with self._lock:
                if _reshapes(event):
                    self._known = False  # a folder created, moved or removed: list and stat everything again
                self._paths.update(Path(p) for p in paths)
        elif all(p.startswith(self.docs + os.sep) for p in paths):
            with self._lock:
                if self._held is not None:
                    self._held.append((handler, event))
                    return
            if self._own(event):
                return
        self._disturbed_by(event)
        handler.dispatch(event)

    def _disturbed_by(self, event: Any) -> None:
        """Note a change to the docs folder that is not the generator's own, for :meth:`generating`."""
        paths = [str(p) for p in (event.src_path, event.dest_path) if p]
        inside = [p for p in paths if p == self.docs or p.startswith(self.docs + os.sep)]
        if not inside:
            return
        with self._lock:
            if _reshapes(event):
                self._docs_known = False
            self._disturbed.update(os.path.relpath(p, self.docs).replace(os.sep, "/") for p in inside)

    def _own(self, event: Any) -> bool:
        """Whether ``event`` is the generator's own write: its files are as the generator left them."""
        if event.is_directory:
            return False
        for path in (str(p) for p in (event.src_path, event.dest_path) if p):
            if os.path.basename(path).startswith(".tmp-"):  # generator.files.atomic_write's temporary files
                continue
            if path not in self._ours or _signature_of(path) != self._ours[path]:
                return False
        return True


def _git_noise(paths: list[str], folders: tuple[str, ...]) -> bool:
    """Whether an event inside Git's folders leaves HEAD and every ref as they were (Git's index, objects, logs, locks)."""
    for path in paths:
        folder = next((f for f in folders if path.startswith(f + os.sep)), None)
        if folder is None:
            return False
        rel = os.path.relpath(path, folder).replace(os.sep, "/")
        if not rel.endswith(".lock") and (rel in ("HEAD", "packed-refs") or rel.startswith("refs/")):
            return False
    return bool(paths)


def _reshapes(event: Any) -> bool:
    """Whether ``event`` changes a folder's entries beyond what the events of the files themselves say.

    A folder created, moved or removed does; a folder "modified" does not: the system reports that for
    the folder of every file created, written, moved or removed, alongside the file's own event.
    """
    return bool(event.is_directory) and event.event_type != "modified"


def _signature_of(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def observer(watch: Watch, poll: bool, interval: float = 0.5, docs: bool = True) -> Any:
    """A watchdog observer whose events all pass through ``watch``: the system's notifications, or polling every ``interval`` s.

    ``docs`` False: the early observer (:meth:`Watch.early`), which watches data/ alone at first.
    """
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    class Forward(FileSystemEventHandler):
        def __init__(self, handler: FileSystemEventHandler) -> None:
            self.handler = handler

        def dispatch(self, event: Any) -> None:
            watch.forward(self.handler, event)

    class Lost(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "overflow" in record.getMessage().lower():  # watchdog logs it and carries on without the lost events
                watch.lost()

    logging.getLogger("watchdog.observers").addHandler(Lost(logging.WARNING))
    base: Any = PollingObserver if poll else Observer

    class Watching(base):
        def schedule(self, handler: FileSystemEventHandler, path: str, **kwargs: Any) -> Any:
            return super().schedule(Forward(handler), path, **kwargs)

        def start(self) -> None:
            super().start()
            watch.started(docs)

    return Watching(timeout=interval)
