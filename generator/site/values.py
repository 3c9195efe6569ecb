"""Values compared: the one home of how estimates are ordered, bounded, spread and found in conflict.

A value's bounds are inclusive, and an absent bound is open (``up to``, ``more than``).
The site's figure summaries, the charts and the reviewer's diff all read their spreads
and conflicts from here, so they cannot disagree about which estimate is the lowest.
"""

from __future__ import annotations

import datetime as dt
import heapq
import operator
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from generator.model import Claim, Corpus, Value
from generator.site.index import Index, Origin
from generator.site.kept import Kept


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
    # Each estimate's day number, actor, bounds (open ones infinite, as in disjoint) and representative, worked out once.
    rows = [(m.toordinal(), c.actor, *_bounds(c.value), representative(c.value), c) for m, c in dated]  # type: ignore[arg-type]
    count = 0
    found: list[tuple[float, str, str, Claim, Claim, int]] = []
    for i, (day_a, actor_a, low_a, high_a, middle_a, a) in enumerate(rows):
        for j in range(i + 1, len(rows)):
            day_b, actor_b, low_b, high_b, middle_b, b = rows[j]
            apart = day_b - day_a
            if apart > SAME_MOMENT_DAYS:
                break
            if actor_a == actor_b or not (high_a < low_b or high_b < low_a):
                continue
            count += 1
            if middle_a <= middle_b:
                found.append((-(low_b - high_a), a.id, b.id, a, b, apart))
            else:
                found.append((-(low_a - high_b), b.id, a.id, b, a, apart))
    return count, [(low, high, apart) for _, _, _, low, high, apart in heapq.nsmallest(limit, found)]


#: Estimates this many days before a figure's latest one make up its recent range on the home page.
RECENT_DAYS = 28
#: The actor standing for words in an article's own voice.
UNATTRIBUTED = "unattributed"


def _latest(index: Index, valued: list[Claim]) -> Claim | None:
    """The most recently dated estimate, preferring a named origin.

    An article's own-voice number that a named actor also gave (same bounds) is shown by the
    named actor's latest claim of it, so the reader sees who the number comes from.
    """
    dated = [c for c in valued if index.placed[c.id].when]
    if not dated:
        return None
    latest = max(dated, key=lambda c: (index.placed[c.id].when, c.id))
    if latest.actor == UNATTRIBUTED:
        same = [c for c in dated if c.actor != UNATTRIBUTED and (c.value.low, c.value.high) == (latest.value.low, latest.value.high)]  # type: ignore[union-attr]
        if same:
            return max(same, key=lambda c: (index.placed[c.id].when, c.id))
    return latest


def _recent(index: Index, valued: list[Claim], latest: Claim | None) -> list[Claim]:
    """Estimates placed within RECENT_DAYS before the latest one, lowest first."""
    if latest is None:
        return []
    end = index.placed[latest.id].when
    start = (dt.date.fromisoformat(end if len(end) == 10 else end + "-01") - dt.timedelta(days=RECENT_DAYS)).isoformat()
    recent = [c for c in valued if (w := index.placed[c.id].when) and (w if len(w) == 10 else w + "-01") >= start]
    return sorted(recent, key=lambda c: (representative(c.value), c.id))  # type: ignore[arg-type]


def figure_summary(index: Index, claims: Iterable[Claim], conflicts_shown: int) -> dict[str, Any]:
    """The spread of estimates of one figure: lowest, highest, latest, origins, and where sources differ (at most ``conflicts_shown`` pairs)."""
    claims = list(claims)
    valued = [c for c in claims if c.value is not None]
    by_value = sorted(valued, key=lambda c: (representative(c.value), c.id))  # type: ignore[arg-type]
    latest = _latest(index, valued)
    disjoint_count, _ = conflicts(by_value, 0)
    differ_count, differ_pairs = differing(index, valued, conflicts_shown)
    origins: dict[Origin, list[Claim]] = {}
    for claim in claims:
        origins.setdefault(index.origin(claim), []).append(claim)
    articles = sorted({c.source for claim in claims for c in claim.citations})
    dates = sorted(w for c in claims if (w := index.placed[c.id].when))
    return {
        "claims": claims,
        "valued": valued,
        "stances": [c for c in claims if c.value is None],
        "lowest": by_value[0] if by_value else None,
        "highest": by_value[-1] if by_value else None,
        "latest": latest,
        "recent": _recent(index, valued, latest),
        "first_date": dates[0] if dates else "",
        "last_date": dates[-1] if dates else "",
        "differs": differ_pairs,
        "differ_count": differ_count,
        "changed_count": disjoint_count - differ_count,
        "origins": origins,
        "articles": articles,
    }


def kept_summary(kept: Kept[dict[str, Any]], index: Index, figure: str, conflicts_shown: int) -> dict[str, Any]:
    """:func:`figure_summary` of ``figure``'s claims, reused from ``kept`` while nothing it reads changed.

    A summary reads the claims (the live preview keeps an unchanged claim as the same object),
    where each is placed on the timeline (which its sources' dates decide) and each actor's kind
    (for its origins): reused while the claims and actors are the same objects, in the same order,
    placed the same.
    """
    claims = index.by_figure.get(figure, [])
    inputs = (claims, [index.placed[c.id] for c in claims], [index.corpus.actors[c.actor] for c in claims])
    return kept.get((figure, conflicts_shown), inputs, _same_inputs, lambda: figure_summary(index, claims, conflicts_shown))


def _same_inputs(old: Any, new: Any) -> bool:
    (claims, placed, actors), (new_claims, new_placed, new_actors) = old, new
    return len(claims) == len(new_claims) and all(map(operator.is_, claims, new_claims)) and all(map(operator.is_, actors, new_actors)) and placed == new_placed


def spread(corpus: Corpus, figure: str) -> tuple[float, float, int] | None:
    """Lowest bound, highest bound and number of estimates of ``figure``, or None without any."""
    values = [c.value for c in corpus.claims.values() if c.figure == figure and c.value is not None]
    if not values:
        return None
    lows = [v.low if v.low is not None else v.high for v in values]
    highs = [v.high if v.high is not None else v.low for v in values]
    return min(x for x in lows if x is not None), max(x for x in highs if x is not None), len(values)
