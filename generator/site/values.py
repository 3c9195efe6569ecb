"""Values compared: the one home of how estimates are ordered, bounded, spread and found in conflict.

A value's bounds are inclusive, and an absent bound is open (``up to``, ``more than``).
The site's figure summaries, the charts and the reviewer's diff all read their spreads
and conflicts from here, so they cannot disagree about which estimate is the lowest.
"""

from __future__ import annotations

import datetime as dt
import operator
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.data import readings
from generator.model import Claim, Corpus, Value
from generator.site.index import Index, Origin
from generator.site.kept import Kept


def best(value: Value) -> float:
    """The number a reader takes away from the value's words (its reading's best): what estimates are sorted and compared by."""
    return readings.read(value).best


#: Two estimates describe the same moment when the days they describe are at most this many days apart.
SAME_MOMENT_DAYS = 7


def moment(index: Index, claim: Claim) -> str | None:
    """The day (``YYYY-MM-DD``) or month (``YYYY-MM``) an estimate describes: its ``as_of``, else the
    day it was made (``claimed_on``), else the day an article first reported it."""
    dated = claim.as_of.date if claim.as_of else index.placed[claim.id].when
    return dated or None


class _Fenwick:
    """Counts of items by rank, with prefix sums in O(log n): the sweep's window of best readings."""

    def __init__(self, n: int) -> None:
        self.tree = [0] * (n + 1)
        self.total = 0

    def add(self, rank: int, by: int) -> None:
        self.total += by
        rank += 1
        while rank < len(self.tree):
            self.tree[rank] += by
            rank += rank & -rank

    def below(self, rank: int) -> int:
        """How many items have a rank below ``rank``."""
        n = 0
        while rank > 0:
            n += self.tree[rank]
            rank -= rank & -rank
        return n


def _count_far(bests: list[float], factor: float) -> int:
    """Unordered pairs among ``bests`` whose larger is more than ``factor`` times the smaller, in O(n log n)."""
    ordered = sorted(bests)
    return sum(len(ordered) - bisect_right(ordered, factor * x) for x in ordered)


def _count_far_windowed(rows: list[tuple[int, float]], factor: float) -> int:
    """Pairs of ``(day, best)`` rows at most SAME_MOMENT_DAYS apart whose bests are more than ``factor`` apart.

    A sweep in day order keeps the window's bests in a Fenwick tree by rank: O(n log n) time, O(n) memory.
    """
    rows = sorted(rows)
    values = sorted({b for _, b in rows})
    scaled = [factor * v for v in values]  # the same products grade() compares, so edges agree with it
    rank = {v: i for i, v in enumerate(values)}
    window = _Fenwick(len(values))
    count = 0
    start = 0
    for day, b in rows:
        while rows[start][0] < day - SAME_MOMENT_DAYS:
            window.add(rank[rows[start][1]], -1)
            start += 1
        above = window.total - window.below(bisect_right(values, factor * b))  # y > factor * b
        below = window.below(bisect_left(scaled, b))  # factor * y < b
        count += above + below
        window.add(rank[b], 1)
    return count


@dataclass(frozen=True)
class Compared:
    """Two estimates about the same moment, lower best first, with how far apart in time and value."""

    lower: Claim
    higher: Claim
    #: ``same day``, ``3 days apart``, or ``same month`` when either is dated only to the month.
    apart: str
    grade: readings.Grade


class _Top2:
    """A segment tree whose nodes keep the two highest keys held by different origins: the sweep's range maximum.

    Built once in O(n); a query over a range of positions costs O(log n).
    """

    def __init__(self, items: list[tuple[float, str, int]]) -> None:
        size = 1
        while size < max(1, len(items)):
            size *= 2
        self.size = size
        self.nodes: list[tuple[tuple[float, str, int], ...]] = [()] * (2 * size)
        for i, item in enumerate(items):
            self.nodes[size + i] = (item,)
        for i in range(size - 1, 0, -1):
            self.nodes[i] = _merge(self.nodes[2 * i], self.nodes[2 * i + 1])

    def query(self, lo: int, hi: int) -> tuple[tuple[float, str, int], ...]:
        """The two highest keys of different origins among positions ``lo`` ≤ i < ``hi``."""
        out: tuple[tuple[float, str, int], ...] = ()
        lo += self.size
        hi += self.size
        while lo < hi:
            if lo & 1:
                out = _merge(out, self.nodes[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                out = _merge(out, self.nodes[hi])
            lo //= 2
            hi //= 2
        return out


def _merge(a: tuple[tuple[float, str, int], ...], b: tuple[tuple[float, str, int], ...]) -> tuple[tuple[float, str, int], ...]:
    merged = sorted((*a, *b), key=lambda item: (-item[0], item[2]))
    out: list[tuple[float, str, int]] = []
    for item in merged:
        if not out or item[1] != out[0][1]:
            out.append(item)
        if len(out) == 2:
            break
    return tuple(out)


def _related_ranges(days: list[int], months_of_days: list[str], months: list[str], claim_day: int | None, claim_month: str) -> list[tuple[str, int, int]]:
    """Which positions of the two sorted lists (day-dated, month-only) describe the same moment as an estimate."""
    out: list[tuple[str, int, int]] = []
    if claim_day is not None:
        out.append(("day", bisect_left(days, claim_day - SAME_MOMENT_DAYS), bisect_right(days, claim_day + SAME_MOMENT_DAYS)))
    else:
        out.append(("day", bisect_left(months_of_days, claim_month), bisect_right(months_of_days, claim_month)))
    out.append(("month", bisect_left(months, claim_month), bisect_right(months, claim_month)))
    return out


def compared(index: Index, valued: list[Claim], limit: int) -> tuple[dict[str, int], list[Compared]]:
    """Estimates of one figure from different origins (:meth:`Index.origin`) about the same moment, graded on their best readings.

    The same moment is within :data:`SAME_MOMENT_DAYS` days, or the same month when either
    estimate is dated only to the month. Returns how many pairs differ and roughly agree
    (``{"differ": n, "roughly agree": m}``), and up to ``limit`` differing pairs, widest factor
    first: each estimate's furthest partner above and below it, so that the pairs shown are the
    most informative and no one estimate fills the list. Counting sweeps the estimates in date
    order (:func:`_count_far_windowed`), and partners come from range-maximum trees, so the
    work is O(n log n) and the memory O(n) however many estimates share a day.
    """
    origin = {c.id: _origin(index, c) for c in valued}
    dated = [(m, c) for c in valued if (m := moment(index, c))]
    day_rows = sorted(((dt.date.fromisoformat(m).toordinal(), best(c.value), c) for m, c in dated if len(m) == 10), key=lambda r: (r[0], r[2].id))  # type: ignore[arg-type]
    month_rows = sorted(((m, best(c.value), c) for m, c in dated if len(m) == 7), key=lambda r: (r[0], r[2].id))  # type: ignore[arg-type]

    def counted_pairs(factor: float) -> int:
        total = _count_windowed_by_origin(day_rows, origin, factor)
        by_month: dict[str, tuple[list[tuple[float, str]], list[tuple[float, str]]]] = defaultdict(lambda: ([], []))
        for m, b, c in month_rows:
            by_month[m][0].append((b, origin[c.id]))
        for day, b, c in day_rows:
            month = dt.date.fromordinal(day).isoformat()[:7]
            if month in by_month:
                by_month[month][1].append((b, origin[c.id]))
        for only_month, with_day in by_month.values():
            # Pairs with at least one month-only estimate: all pairs of the month, less those of its days alone.
            total += _count_by_origin(only_month + with_day, factor) - _count_by_origin(with_day, factor)
        return total

    differ_count = counted_pairs(readings.ROUGHLY_WITHIN)
    counts = {readings.DIFFER: differ_count, readings.ROUGHLY: counted_pairs(readings.AGREE_WITHIN) - differ_count}
    if not differ_count or limit <= 0:
        return counts, []
    days = [r[0] for r in day_rows]
    months_of_days = [dt.date.fromordinal(d).isoformat()[:7] for d in days]
    months = [r[0] for r in month_rows]
    rows: dict[str, list[tuple[Any, float, Claim]]] = {"day": day_rows, "month": month_rows}
    trees = {
        kind: (_Top2([(b, origin[c.id], i) for i, (_, b, c) in enumerate(rs)]), _Top2([(-b, origin[c.id], i) for i, (_, b, c) in enumerate(rs)]))
        for kind, rs in rows.items()
    }
    found: dict[tuple[str, str], Compared] = {}
    for kind, rs in rows.items():
        for key, b, claim in rs:
            claim_day = key if kind == "day" else None
            claim_month = dt.date.fromordinal(key).isoformat()[:7] if kind == "day" else key
            for other_kind, lo, hi in _related_ranges(days, months_of_days, months, claim_day, claim_month):
                highest, lowest = trees[other_kind]
                for tree, sign in ((highest, 1), (lowest, -1)):
                    for signed, source, i in tree.query(lo, hi):
                        if source == origin[claim.id]:
                            continue
                        other = rows[other_kind][i][2]
                        grade = readings.grade(b, sign * signed)
                        if grade.name == readings.DIFFER:
                            lower, higher = (claim, other) if b <= sign * signed else (other, claim)
                            pair = (lower.id, higher.id)
                            if pair not in found:
                                found[pair] = Compared(lower, higher, _apart(index, lower, higher), grade)
                        break
    ranked = sorted(found.values(), key=lambda p: (-p.grade.factor, p.lower.id, p.higher.id))
    return counts, ranked[:limit]


def _origin(index: Index, claim: Claim) -> str:
    """The independent origin as one string: an actor, or for words in an article's own voice, that article."""
    found = index.origin(claim)
    return f"{found.kind}:{found.id}"


def _count_by_origin(rows: list[tuple[float, str]], factor: float) -> int:
    """Pairs from different origins among ``(best, origin)`` rows more than ``factor`` apart."""
    groups: dict[str, list[float]] = defaultdict(list)
    for b, actor in rows:
        groups[actor].append(b)
    return _count_far([b for b, _ in rows], factor) - sum(_count_far(g, factor) for g in groups.values() if len(g) > 1)


def _count_windowed_by_origin(day_rows: list[tuple[int, float, Claim]], origin: dict[str, str], factor: float) -> int:
    groups: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for day, b, c in day_rows:
        groups[origin[c.id]].append((day, b))
    return _count_far_windowed([(d, b) for d, b, _ in day_rows], factor) - sum(_count_far_windowed(g, factor) for g in groups.values() if len(g) > 1)


def _apart(index: Index, a: Claim, b: Claim) -> str:
    ma, mb = moment(index, a), moment(index, b)
    assert ma and mb
    if len(ma) == 7 or len(mb) == 7:
        return "same month"
    days = abs(dt.date.fromisoformat(ma).toordinal() - dt.date.fromisoformat(mb).toordinal())
    return "same day" if days == 0 else f"{days} day{'s' if days > 1 else ''} apart"


def grades_between(index: Index, claims: list[Claim]) -> dict[tuple[str, str], Compared]:
    """Every pair of estimates from different origins about the same moment, graded: for the reviewer's diff, over a few claims."""
    out: dict[tuple[str, str], Compared] = {}
    valued = [c for c in claims if c.value is not None and moment(index, c)]
    for i, a in enumerate(valued):
        for b in valued[i + 1 :]:
            if _origin(index, a) == _origin(index, b) or not same_moment(moment(index, a), moment(index, b)):  # type: ignore[arg-type]
                continue
            lower, higher = (a, b) if (best(a.value), a.id) <= (best(b.value), b.id) else (b, a)  # type: ignore[arg-type]
            out[(lower.id, higher.id)] = Compared(lower, higher, _apart(index, lower, higher), readings.grade(best(a.value), best(b.value)))  # type: ignore[arg-type]
    return out


def same_moment(a: str, b: str) -> bool:
    """Two dates about the same moment: days at most SAME_MOMENT_DAYS apart, or the same month when either is only a month."""
    if len(a) == 7 or len(b) == 7:
        return a[:7] == b[:7]
    return abs(dt.date.fromisoformat(a).toordinal() - dt.date.fromisoformat(b).toordinal()) <= SAME_MOMENT_DAYS


#: Estimates this many days before a figure's latest one make up its recent range on the home page.
RECENT_DAYS = 28
#: The actor standing for words in an article's own voice.
UNATTRIBUTED = "unattributed"


def reported_day(index: Index, claim: Claim) -> str:
    """Where a claim falls in time for "latest" and for sorting: its day, or for a claim known only
    to the month, the day the earliest article reported it (it was made by then), else the month's first day."""
    when = index.placed[claim.id].when
    if len(when) != 7:
        return when
    first = index.reported_by(claim)
    return first if first.startswith(when) else when + "-01"


def _latest(index: Index, valued: list[Claim]) -> Claim | None:
    """The most recent estimate, by the day it was made or, when only its month is known, first reported; preferring a named origin.

    An article's own-voice number that a named actor also gave (same bounds) is shown by the
    named actor's latest claim of it, so the reader sees who the number comes from.
    """
    dated = [c for c in valued if index.placed[c.id].when]
    if not dated:
        return None
    latest = max(dated, key=lambda c: (reported_day(index, c), c.id))
    if latest.actor == UNATTRIBUTED:
        same = [c for c in dated if c.actor != UNATTRIBUTED and (c.value.low, c.value.high) == (latest.value.low, latest.value.high)]  # type: ignore[union-attr]
        if same:
            return max(same, key=lambda c: (reported_day(index, c), c.id))
    return latest


def _recent(index: Index, valued: list[Claim], latest: Claim | None) -> list[Claim]:
    """Estimates placed within RECENT_DAYS before the latest one, lowest best reading first."""
    if latest is None:
        return []
    end = reported_day(index, latest)
    start = (dt.date.fromisoformat(end) - dt.timedelta(days=RECENT_DAYS)).isoformat()
    recent = [c for c in valued if index.placed[c.id].when and reported_day(index, c) >= start]
    return sorted(recent, key=lambda c: (best(c.value), c.id))  # type: ignore[arg-type]


def figure_summary(index: Index, claims: Iterable[Claim], conflicts_shown: int) -> dict[str, Any]:
    """The spread of estimates of one figure: lowest, highest, latest, origins, and where sources differ (at most ``conflicts_shown`` pairs).

    Everything is read on the estimates' best readings (:mod:`generator.data.readings`), never on
    open bounds: "almost 11,000" is lower than nothing below 9,900.
    """
    claims = list(claims)
    valued = [c for c in claims if c.value is not None]
    by_value = sorted(valued, key=lambda c: (best(c.value), c.id))  # type: ignore[arg-type]
    latest = _latest(index, valued)
    counts, differ_pairs = compared(index, valued, conflicts_shown)
    ever_differ = _count_by_origin([(best(c.value), _origin(index, c)) for c in valued], readings.ROUGHLY_WITHIN)  # type: ignore[arg-type]
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
        "differ_count": counts[readings.DIFFER],
        "roughly_count": counts[readings.ROUGHLY],
        "changed_count": ever_differ - counts[readings.DIFFER],
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
