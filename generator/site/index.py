"""Indexes over the corpus: claims by actor, figure, source and date, and their origins.

Built once from a validated :class:`~generator.model.Corpus`; rendering reads only
from here. Every list is in a stable order (date, then id), so the same data always
renders the same bytes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.model import UNATTRIBUTED, Claim, Corpus, precision
from generator.site import reads


@dataclass(frozen=True)
class Placed:
    """Where a claim sits on the timeline: its day (or month) and why."""

    when: str  # YYYY-MM-DD, YYYY-MM, or "" when nothing dates it
    how: str  # "claimed" (claimed_on) or "reported" (first publication of a citing source)


@dataclass(frozen=True)
class Origin:
    """An independent origin: an actor, or for words in an article's own voice, that source."""

    kind: str  # "actor" or "source"
    id: str


@dataclass
class Index:
    corpus: Corpus
    by_actor: dict[str, list[Claim]] = field(default_factory=dict)
    by_figure: dict[str, list[Claim]] = field(default_factory=dict)
    by_source: dict[str, list[Claim]] = field(default_factory=dict)
    #: Claims and sources by day or month page key.
    claims_on: dict[str, list[Claim]] = field(default_factory=dict)
    sources_on: dict[str, list[str]] = field(default_factory=dict)
    placed: dict[str, Placed] = field(default_factory=dict)
    #: Claims by the day an article citing them was published, besides those listed on that day in ``claims_on``.
    reported_on: dict[str, list[Claim]] = field(default_factory=dict)
    #: Claims citing each actor as an intermediary.
    relayed_by: dict[str, list[Claim]] = field(default_factory=dict)
    #: Source ids by the outlet that published them, in id order.
    published_by: dict[str, list[str]] = field(default_factory=dict)

    @property
    def days(self) -> list[str]:
        return sorted(k for k in set(self.claims_on) | set(self.sources_on) | set(self.reported_on) if precision(k) == "day")

    @property
    def months(self) -> list[str]:
        keys = set(self.claims_on) | set(self.sources_on)
        return sorted({k[:7] for k in keys if k})

    def month_only(self, month: str) -> bool:
        """Whether some item is dated only to this month (so the month needs its own section)."""
        return month in self.claims_on or month in self.sources_on

    def days_in(self, month: str) -> list[str]:
        return [day for day in self.days if day.startswith(month)]

    def claims_in_month(self, month: str) -> int:
        """Claims placed on the month's days or on the month itself."""
        return sum(len(claims) for key, claims in self.claims_on.items() if key[:7] == month)

    def first_reported(self, claim: Claim) -> str:
        dates = [p.date for c in claim.citations if (p := self.corpus.sources[c.source].published)]
        return min(dates) if dates else ""

    def reported_by(self, claim: Claim) -> str:
        """The earliest day an article citing the claim was published, known to the day: the claim was made by then.

        An article dated only to its month does not say by which day, so it is left out; "" when no article is dated to the day.
        """
        days = [p.date for c in claim.citations if (p := self.corpus.sources[c.source].published) and len(p.date) == 10]
        return min(days) if days else ""

    def origin(self, claim: Claim) -> Origin:
        """The independent origin of a claim: its actor, or for unattributed words, the source.

        Several articles relaying one statement are one origin: they are citations of
        one claim, with one actor. Words in an article's own voice belong to that
        article, so each such source is its own origin.
        """
        actor = self.corpus.actors[claim.actor]
        if actor.kind == "anonymous-group" and actor.id == UNATTRIBUTED:
            return Origin("source", claim.citations[0].source)
        return Origin("actor", claim.actor)


def sort_key(index: Index, claim: Claim) -> tuple[str, str]:
    return (index.placed[claim.id].when or "9999", claim.id)


def build(corpus: Corpus) -> Index:
    reads.install(corpus)  # the pages note which actors, figures and sources they read (generator.site.reads)
    index = Index(corpus)
    groups: dict[str, defaultdict[str, list[Claim]]] = {name: defaultdict(list) for name in ("actor", "figure", "source", "date", "relay")}
    for claim in corpus.claims.values():
        placed = Placed(claim.claimed_on.date, "claimed") if claim.claimed_on else Placed(index.first_reported(claim), "reported")
        index.placed[claim.id] = placed
        groups["actor"][claim.actor].append(claim)
        if claim.figure:
            groups["figure"][claim.figure].append(claim)
        for source in dict.fromkeys(c.source for c in claim.citations):
            groups["source"][source].append(claim)
        for relay in dict.fromkeys(v for c in claim.citations for v in c.via):
            groups["relay"][relay].append(claim)
        if placed.when:
            groups["date"][placed.when].append(claim)
    order = lambda claims: sorted(claims, key=lambda c: sort_key(index, c))  # noqa: E731
    index.by_actor = {k: order(v) for k, v in sorted(groups["actor"].items())}
    index.by_figure = {k: order(v) for k, v in sorted(groups["figure"].items())}
    index.by_source = {k: order(v) for k, v in sorted(groups["source"].items())}
    index.relayed_by = {k: order(v) for k, v in sorted(groups["relay"].items())}
    index.claims_on = {k: order(v) for k, v in sorted(groups["date"].items())}
    sources_on: defaultdict[str, list[str]] = defaultdict(list)
    for record in corpus.sources.values():
        if record.published:
            sources_on[record.published.date].append(record.id)
    index.sources_on = {k: sorted(v) for k, v in sorted(sources_on.items())}
    reported_on: defaultdict[str, list[Claim]] = defaultdict(list)
    for claim in corpus.claims.values():
        when = index.placed[claim.id].when
        days = {d.date for c in claim.citations if (d := corpus.sources[c.source].published) and len(d.date) == 10}
        for day in days - {when}:
            reported_on[day].append(claim)
    index.reported_on = {k: order(v) for k, v in sorted(reported_on.items())}
    for record in corpus.sources.values():
        if record.outlet:
            index.published_by.setdefault(record.outlet, []).append(record.id)
    return index
