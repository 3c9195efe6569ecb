"""Indexes over the corpus: claims by actor, figure, source and date, and their origins.

Built once from a validated :class:`~generator.model.Corpus`; rendering reads only
from here. Every list is in a stable order (date, then id), so the same data always
renders the same bytes.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from generator.model import Claim, Corpus, Value


@dataclass(frozen=True)
class Placed:
    """Where a claim sits on the timeline: its day (or month) and why."""

    when: str  # YYYY-MM-DD, YYYY-MM, or "" when nothing dates it
    how: str  # "claimed" (claimed_on) or "reported" (first publication of a citing source)


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
    #: Claims citing each actor as an intermediary.
    relayed_by: dict[str, list[Claim]] = field(default_factory=dict)
    #: Source ids by the outlet that published them, in id order.
    published_by: dict[str, list[str]] = field(default_factory=dict)

    @property
    def days(self) -> list[str]:
        return sorted(k for k in set(self.claims_on) | set(self.sources_on) if len(k) == 10)

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

    def origin(self, claim: Claim) -> str:
        """The independent origin of a claim: its actor, or for unattributed words, the source.

        Several articles relaying one statement are one origin: they are citations of
        one claim, with one actor. Words in an article's own voice belong to that
        article, so each such source is its own origin.
        """
        actor = self.corpus.actors[claim.actor]
        if actor.kind == "anonymous-group" and actor.id == "unattributed":
            return f"source:{claim.citations[0].source}"
        return f"actor:{claim.actor}"


def sort_key(index: Index, claim: Claim) -> tuple[str, str]:
    return (index.placed[claim.id].when or "9999", claim.id)


def build(corpus: Corpus) -> Index:
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
    for record in corpus.sources.values():
        if record.outlet:
            index.published_by.setdefault(record.outlet, []).append(record.id)
    return index


def representative(value: Value) -> float:
    """One number to sort and compare estimates by: the point, the range's middle, or the stated bound."""
    if value.low is not None and value.high is not None:
        return (value.low + value.high) / 2
    return value.high if value.high is not None else value.low  # type: ignore[return-value]


def disjoint(a: Value, b: Value) -> bool:
    """True when no number satisfies both values' bounds: the two cannot both be right."""
    a_low = a.low if a.low is not None else float("-inf")
    a_high = a.high if a.high is not None else float("inf")
    b_low = b.low if b.low is not None else float("-inf")
    b_high = b.high if b.high is not None else float("inf")
    return a_high < b_low or b_high < a_low


def _bounds(value: Value | None) -> tuple[float, float]:
    assert value is not None, "only valued claims have bounds"
    low = value.low if value.low is not None else float("-inf")
    high = value.high if value.high is not None else float("inf")
    return low, high


def _disjoint_count(claims: list[Claim]) -> int:
    """Pairs whose bounds exclude each other, in O(n log n): a pair conflicts iff one's high is below the other's low."""
    lows = sorted(_bounds(c.value)[0] for c in claims)
    return sum(len(lows) - bisect_right(lows, _bounds(c.value)[1]) for c in claims)


def conflicts(by_value: list[Claim], limit: int) -> tuple[int, list[tuple[Claim, Claim]]]:
    """How many pairs of estimates by different actors cannot both be right, and up to ``limit`` of them.

    ``by_value`` holds valued claims ordered by :func:`representative`. Listing every pair
    is quadratic (a figure with 2,500 estimates has millions), so pairs are counted by
    sorting, and listed in full only when there are at most ``limit``. Otherwise the
    widest disagreements are listed: the lowest upper bounds against the highest lower bounds.
    """
    by_actor: dict[str, list[Claim]] = defaultdict(list)
    for claim in by_value:
        by_actor[claim.actor].append(claim)
    count = _disjoint_count(by_value) - sum(_disjoint_count(group) for group in by_actor.values() if len(group) > 1)
    if count == 0:
        return 0, []
    position = {c.id: i for i, c in enumerate(by_value)}
    if count <= limit:
        candidates = by_value
        others = by_value
    else:
        candidates = sorted(by_value, key=lambda c: (_bounds(c.value)[1], c.id))[:limit]
        others = sorted(by_value, key=lambda c: (-_bounds(c.value)[0], c.id))[:limit]
    lows = sorted((_bounds(c.value)[0], position[c.id], c) for c in others)
    keys = [low for low, _, _ in lows]
    pairs: list[tuple[Claim, Claim]] = []
    for a in candidates:
        for _, _, b in lows[bisect_right(keys, _bounds(a.value)[1]) :]:
            if a.actor != b.actor:
                pairs.append((a, b) if position[a.id] < position[b.id] else (b, a))
    if count <= limit:
        return count, sorted(pairs, key=lambda p: (position[p[0].id], position[p[1].id]))
    gap = lambda p: _bounds(p[1].value)[0] - _bounds(p[0].value)[1]  # noqa: E731
    return count, sorted(pairs, key=lambda p: (-gap(p), p[0].id, p[1].id))[:limit]


#: Two estimates describe the same moment when the days they describe are at most this many days apart.
SAME_MOMENT_DAYS = 7


def moment(index: Index, claim: Claim) -> dt.date | None:
    """The day an estimate describes: its ``as_of``, else the day it was made (``claimed_on``), else
    the day an article first reported it, when that date is known to the day.

    A date known only to the month could lie anywhere in it, so it never places an estimate
    within a week of another.
    """
    dated = claim.as_of.date if claim.as_of else index.placed[claim.id].when
    if len(dated) != 10:
        return None
    return dt.date.fromisoformat(dated)


def differing(index: Index, valued: list[Claim], limit: int) -> tuple[int, list[tuple[Claim, Claim, int]]]:
    """Pairs of estimates by different actors that no number fits and that describe the same moment.

    Returns how many there are and up to ``limit`` of them, those furthest apart first, each as
    (lower, higher, days apart). Estimates are swept in date order, so only pairs within
    :data:`SAME_MOMENT_DAYS` of each other are ever compared.
    """
    dated = sorted(((m, c) for c in valued if (m := moment(index, c)) is not None), key=lambda mc: (mc[0], mc[1].id))
    count = 0
    found: list[tuple[float, str, str, Claim, Claim, int]] = []
    for i, (day_a, a) in enumerate(dated):
        for day_b, b in dated[i + 1 :]:
            apart = (day_b - day_a).days
            if apart > SAME_MOMENT_DAYS:
                break
            if a.actor == b.actor or not disjoint(a.value, b.value):  # type: ignore[arg-type]
                continue
            count += 1
            low, high = (a, b) if representative(a.value) <= representative(b.value) else (b, a)  # type: ignore[arg-type]
            gap = _bounds(high.value)[0] - _bounds(low.value)[1]
            found.append((-gap, low.id, high.id, low, high, apart))
    return count, [(low, high, apart) for _, _, _, low, high, apart in heapq.nsmallest(limit, found)]
