"""Following the story: history, corrections, feeds, permalinks and "data as of", for the renderer.

:class:`Story` is read once per build (:func:`read`) and handed to the renderer, which asks
it what each page needs: the corrections of a claim, the date a page's data last changed,
the feeds a page links to. It also plans the files that are not Markdown pages: the Atom
feeds and the claims' redirect pages.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import Problem, ValidationFailed
from generator.model import Claim, Corpus
from generator.site import paths
from generator.site.index import Index
from generator.story import corrections as fixes
from generator.story import feeds, gitlog, history, jsonld, permalinks, withdrawn
from generator.story.history import History, Stamp

if TYPE_CHECKING:
    from generator.site.paginate import Part


@dataclass
class Story:
    """What history says about the corpus, and the settings that address it."""

    history: History
    settings: feeds.Settings = field(default_factory=feeds.Settings)
    #: Corrections by claim id, oldest first; :attr:`all` has them newest first.
    by_claim: dict[str, list[fixes.Correction]] = field(default_factory=dict)
    all: list[fixes.Correction] = field(default_factory=list)
    #: Claims deleted after publication, newest first; each keeps its address, which says so.
    withdrawals: list[withdrawn.Withdrawn] = field(default_factory=list)

    @classmethod
    def of(cls, corpus: Corpus, history: History, settings: feeds.Settings | None = None) -> Story:
        story = cls(history, settings or feeds.Settings())
        if history.known:
            story.all = fixes.all_corrections(corpus, history)
            for correction in reversed(story.all):
                story.by_claim.setdefault(correction.claim.id, []).append(correction)
        return story

    def digest(self) -> str:
        """What pages depend on here besides the data: the commit history was read at, the settings, and the feeds' fallback time.

        Two reads with the same digest date and correct every page alike, so the render cache
        may reuse pages across them; a new commit (or history becoming unknown) changes it.
        """
        h = self.history
        reasons = [(w.id, w.reason) for w in self.withdrawals]
        return repr((h.known, h.head, self.settings, None if h.data_as_of else _fallback_time(), reasons))

    @classmethod
    def unknown(cls, corpus: Corpus, warning: str = "History unknown.", settings: feeds.Settings | None = None) -> Story:
        return cls.of(corpus, History.unknown(warning), settings)

    # --- what pages show -------------------------------------------------------------------------
    def corrections(self, claim: Claim) -> list[str]:
        return [c.sentence() for c in self.by_claim.get(claim.id, [])]

    def published(self, claim: Claim) -> Stamp | None:
        record = self.history.claims.get(claim.id)
        return record.published if record else None

    def as_of(self, claims: Iterable[Claim] = (), files: Iterable[str] = ()) -> Stamp | None:
        """When the data behind a page last changed: its claims, and the files it shows (paths under ``data/``).

        With neither, the whole data folder's last change.
        """
        stamps = [self.history.claims[c.id].updated for c in claims if c.id in self.history.claims]
        stamps += [self.history.files[f] for f in files if f in self.history.files]
        if not stamps:
            return self.history.data_as_of
        return max(stamps, key=lambda s: s.time)

    # --- files that are not pages ----------------------------------------------------------------
    def plan(
        self, index: Index, parts: dict[tuple[str, str], list[Part]], stance: dict[str, str]
    ) -> dict[str, tuple[Callable[[], str | bytes], frozenset[str] | None]]:
        """The feeds and the claims' redirect pages, by path inside ``briefings/``, with the claims each depends on.

        A redirect page depends on the claims of the list that holds its claim (they decide how it
        splits); a figure's or actor's feed on its claims; the site's feed on every claim (None).
        """
        corpus = index.corpus
        out: dict[str, tuple[Callable[[], str | bytes], frozenset[str] | None]] = {}
        lists = {("figures", f): frozenset(c.id for c in claims) for f, claims in index.by_figure.items()}
        lists |= {("actors", a): frozenset(c.id for c in claims) for a, claims in index.by_actor.items()}
        listed = permalinks.listings(index, parts)
        for ident, page in listed.items():
            claim = corpus.claims[ident]
            holder = ("figures", claim.figure) if claim.figure else ("actors", claim.actor)
            out[permalinks.path(ident)] = (partial(permalinks.redirect_page, ident, page), lists.get(holder, frozenset({ident})))
        for old in self.history.renamed:
            if old in corpus.claims or old in self.history.withdrawn:
                continue  # the id names another claim now (refused by the validator), or was withdrawn later
            target = self.history.target(old)
            if target in listed:
                claim = corpus.claims[target]
                holder = ("figures", claim.figure) if claim.figure else ("actors", claim.actor)
                out[permalinks.path(old)] = (partial(permalinks.redirect_page, target, listed[target], old), lists.get(holder, frozenset({target})))
        for item in self.withdrawals:
            if item.id not in corpus.claims:
                notice = partial(withdrawn.page, item, fixes.day(item.withdrawn.date), fixes.day(item.published.date))
                out[permalinks.path(item.id)] = (notice, frozenset())
        entries = self._entries(corpus, stance)
        site_name = self.settings.site_name
        every = [*entries.values(), *(self._withdrawn_entry(item) for item in self.withdrawals if item.id not in corpus.claims)]
        out[feeds.path("all")] = (partial(self._feed, "all", None, f"{site_name}: new and corrected claims", every), None)
        for figure in corpus.figures.values():
            chosen = [entries[c.id] for c in index.by_figure.get(figure.id, []) if c.id in entries]
            feed = partial(self._feed, "figures", figure.id, f"{site_name}: {figure.label}", chosen)
            out[feeds.path("figures", figure.id)] = (feed, lists.get(("figures", figure.id), frozenset()))
        for actor in corpus.actors.values():
            own, relayed = index.by_actor.get(actor.id, []), index.relayed_by.get(actor.id, [])
            if not own and not relayed:
                continue  # no claim will ever reach it: no feed is offered (see front_matter)
            chosen = [entries[c.id] for c in own if c.id in entries]
            # An outlet's relays are its claims in the reader's eyes; each is marked as relayed.
            chosen += [replace(entries[c.id], title=f"Relayed by {actor.name}: {entries[c.id].title}") for c in relayed if c.id in entries]
            title = f"{site_name}: claims by {actor.name}" if not relayed else f"{site_name}: claims by and relayed by {actor.name}"
            feed = partial(self._feed, "actors", actor.id, title, chosen)
            out[feeds.path("actors", actor.id)] = (feed, frozenset(c.id for c in (*own, *relayed)))
        return out

    def _entries(self, corpus: Corpus, stance: dict[str, str]) -> dict[str, feeds.Entry]:
        out = {}
        for claim in corpus.claims.values():
            record = self.history.claims.get(claim.id)
            if record is None:
                continue  # not committed yet: not published
            title, summary = feeds.entry_words(claim, corpus, stance=stance[claim.stance], corrections=self.corrections(claim))
            out[claim.id] = feeds.Entry(claim.id, record.published.moment, record.updated.moment, title, summary)
        return out

    @staticmethod
    def _withdrawn_entry(item: withdrawn.Withdrawn) -> feeds.Entry:
        reason = f" Reason: {item.reason}" if item.reason else " No reason was given."
        said = f" It said: “{item.statement}”" if item.statement else ""
        title = f"Withdrawn: claim {item.id}"
        summary = f"Claim {item.id}, first published {fixes.day(item.published.date)}, was withdrawn on {fixes.day(item.withdrawn.date)}.{reason}{said}"
        return feeds.Entry(item.id, item.published.moment, item.withdrawn.moment, title, summary)

    def _feed(self, kind: str, ident: str | None, title: str, entries: list[feeds.Entry]) -> bytes:
        rel = feeds.path(kind, ident)
        page = None if kind == "all" else (f"{kind}/{ident}.md")
        stamp = self.history.data_as_of
        note = None if self.history.known else "History unknown: this site was built without its Git history, so the feed has no entries."
        return feeds.atom(self.settings, rel, page, title, entries, updated=stamp.moment if stamp else _fallback_time(), note=note)


def _fallback_time() -> dt.datetime:
    """A feed's time when history is unknown: SOURCE_DATE_EPOCH (reproducible builds), else the epoch."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 0, dt.UTC)


def read(root: Path, corpus: Corpus, *, site: bool = True, cache: bool = True, require: bool = False) -> Story:
    """The story of ``root``'s validated corpus: history, corrections, and the revisions checked against them.

    Raises :class:`ValidationFailed` when a ``revisions`` entry explains no correction, when a
    withdrawn claim's id is given again, or when ``.briefing-cache/`` is committed. With
    ``require`` (``build`` and ``generate``, unless told ``--without-history``), also when Git
    cannot be run or refuses the repository: a site built then would drop every correction.
    Warnings (problems of severity ``warning``) are added to ``corpus.warnings``: a correction
    or withdrawal with no reason, and history unknown, when building a ``site`` or when some
    claim has ``revisions`` to check. ``cache=False`` reads history from Git alone.
    """
    record = history.read(root, cache=cache)
    if record.failure and require:
        raise ValidationFailed([_cannot_read(root, record.failure)])
    if record.warning and (site or record.failure or any(c.revisions for c in corpus.claims.values())):
        corpus.warnings.append(Problem.warning(record.warning))
    corpus.warnings.extend(Problem.warning(notice) for notice in record.notices)
    errors, warnings = fixes.check(root, corpus, record)
    reasons, withdrawal_errors, withdrawal_warnings = withdrawn.check(root, corpus, record)
    errors = [*gitlog.committed_cache(root), *errors, *withdrawal_errors]
    if errors:
        raise ValidationFailed(errors)
    corpus.warnings.extend(warnings)
    corpus.warnings.extend(withdrawal_warnings)
    story = Story.of(corpus, record, feeds.settings(root) if site else None)
    story.withdrawals = withdrawn.published(record, reasons)
    return story


def _cannot_read(root: Path, failure: str) -> Problem:
    hint = "install Git, or build where it runs"
    if failure.startswith("dubious ownership"):
        hint = f"if you trust this checkout, run `git config --global --add safe.directory {root.resolve()}`"
    elif failure.startswith("this is a shallow clone"):
        hint = "fetch the full history with `git fetch --unshallow` (in GitHub Actions: actions/checkout with fetch-depth: 0)"
    return Problem(
        "",
        0,
        0,
        f"History cannot be read ({failure}), and a site built without it would show no corrections, withdrawals or dates of publication.",
        f"{hint}; or pass --without-history to build without them on purpose.",
    )


def revision_problems(root: Path, corpus: Corpus | None) -> list[Problem]:
    """For ``briefing validate``: the ``revisions`` entries that explain no correction, withdrawn ids reused, a committed cache.

    Warnings go to ``corpus.warnings``. Without a corpus (it did not validate), only the committed cache is checked.
    """
    if corpus is None:
        return gitlog.committed_cache(root)
    try:
        read(root, corpus, site=False)
    except ValidationFailed as failed:
        return failed.problems
    return []


# --- what each page carries ------------------------------------------------------------------------

#: The Corrections page: every correction, newest first.
CORRECTIONS_PAGE = "corrections/index.md"


def _entity(rel: str) -> tuple[str, str] | None:
    """``("figures", id)`` for a figure's page or period page, likewise actors and sources; None for others."""
    section, _, name = rel.partition("/")
    if section not in ("figures", "actors", "sources") or name == "index.md" or "/" in name:
        return None
    return section, name.removesuffix(".md").split("--")[0]


def page_as_of(story: Story, index: Index, rel: str, shown: list[Claim]) -> Stamp | None:
    """When a page's data last changed: its claims and its own record; the whole data for indexes and the like.

    An actor's, figure's or source's main page counts every claim it summarises, not only those it cites.
    """
    entity = _entity(rel)
    if entity is None:
        return story.as_of(shown) if rel.startswith("dates/") and not rel.endswith("index.md") else story.as_of()
    section, ident = entity
    claims = shown
    if "--" not in rel:
        claims = {"figures": index.by_figure, "actors": index.by_actor, "sources": index.by_source}[section].get(ident, [])
    return story.as_of(claims, [f"{section}/{ident}.yml"])


def front_matter(story: Story, index: Index, rel: str, shown: list[Claim]) -> str:
    """The page's ``briefing`` front matter, read by the theme (overrides/main.html): when its data was last updated, and its feed.

    Only ids (slugs), paths and dates go in, so no data string reaches YAML or the theme.
    """
    stamp = page_as_of(story, index, rel, shown)
    lines = ["briefing:"]
    if stamp is not None:
        lines += [f'  updated: "{stamp.date}"', f'  updated_label: "{fixes.day(stamp.date)}"']
    else:
        lines.append('  updated_label: "unknown (built without Git history)"')
    entity = _entity(rel)
    if entity and entity[0] == "actors" and not (index.by_actor.get(entity[1]) or index.relayed_by.get(entity[1])):
        entity = None  # an actor with no claim and no relay has no feed
    if entity and entity[0] in ("figures", "actors"):
        noun = "figure" if entity[0] == "figures" else "actor"
        lines += [f'  feed: "{feeds.path(entity[0], entity[1])}"', f'  feed_title: "New and corrected claims: {noun} {entity[1]}"']
    return "\n".join(lines) + "\n"


def page_jsonld(story: Story, index: Index, rel: str, shown: list[Claim], context: dict[str, Any]) -> dict[str, Any] | None:
    """JSON-LD for a figure page (a Dataset and its listed estimates as Claims), a figure's period page (its Claims), the Downloads page (the Dataset)."""
    corpus, settings = index.corpus, story.settings
    if rel == paths.index("downloads"):
        description = "Every claim of this briefing: who claimed what number, when and through whom, each with its verbatim quotes and sources."
        dates = [k for k in (*index.claims_on, *index.sources_on) if k]
        dataset = jsonld.dataset(corpus, settings, rel, name=f"{settings.site_name}: every claim", description=description, as_of=story.as_of(), dates=dates)
        return jsonld.graph(dataset)
    entity = _entity(rel)
    if entity is None or entity[0] != "figures":
        return None
    figure = corpus.figures[entity[1]]
    if "part" in context:
        listed = list(context["part"].claims)
        return jsonld.graph(*(jsonld.claim(c, corpus, settings, rel) for c in listed))
    listed = [] if context.get("parts") else list(index.by_figure.get(figure.id, []))
    dataset = jsonld.dataset(
        corpus,
        settings,
        rel,
        name=f"{figure.label}: estimates",
        description=figure.definition,
        as_of=page_as_of(story, index, rel, shown),
        about=f"{figure.label} ({figure.unit})",
        dates=[w for c in index.by_figure.get(figure.id, []) if (w := index.placed[c.id].when)],
        downloads=(f"figures/{figure.id}.json", f"figures/{figure.id}.csv"),
    )
    return jsonld.graph(dataset, *(jsonld.claim(c, corpus, settings, rel) for c in listed))
