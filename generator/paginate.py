"""Split long lists of claims into pages whose boundaries stay put as the data grows.

An actor or figure with thousands of claims cannot be one page: the HTML would run to
megabytes. Cutting the list every N claims would be simple, but one new claim would then
shift every later boundary and rewrite every page after it. Pages here are cut at
**calendar boundaries** instead: one page per month, and only a month too large for one
page is cut further, by whole days (and a single day too large, by count). A new or
edited claim changes the page of its own month and nothing else, so incremental builds
stay incremental.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Claim

#: Most claims on one page. A claim row with its citation takes about 1.2 KB of HTML,
#: so a full page stays well under the 300 KB a reader should have to download.
CLAIMS_PER_PAGE = 150

UNDATED = "undated"


@dataclass(frozen=True)
class Part:
    """One page of a split list: ``key`` names its file, ``label`` its period for readers."""

    key: str
    label: str
    claims: list[Claim]


def split(claims: list[Claim], when: Callable[[Claim], str], limit: int = CLAIMS_PER_PAGE) -> list[Part]:
    """The pages of ``claims`` (sorted by date, then id), or an empty list when one page holds them all.

    ``when`` gives a claim's day (``YYYY-MM-DD``), month (``YYYY-MM``) or ``""`` when undated.
    """
    if len(claims) <= limit:
        return []
    months: dict[str, list[Claim]] = {}
    for claim in claims:
        months.setdefault(when(claim)[:7] or UNDATED, []).append(claim)
    parts: list[Part] = []
    for month, items in months.items():
        if len(items) <= limit:
            parts.append(Part(month, _month_label(month), items))
        else:
            parts.extend(_split_month(items, when, limit))
    return parts


def _split_month(items: list[Claim], when: Callable[[Claim], str], limit: int) -> list[Part]:
    # Whole days, gathered greedily: a change moves boundaries within this month only.
    days: dict[str, list[Claim]] = {}
    for claim in items:
        days.setdefault(when(claim) or UNDATED, []).append(claim)
    chunks: list[tuple[list[str], list[Claim], bool]] = []  # keys, claims, open to more days
    for day, claims in days.items():
        if len(claims) > limit:
            for n, start in enumerate(range(0, len(claims), limit), 1):
                chunks.append(([f"{day}-p{n}"], claims[start : start + limit], False))
        elif chunks and chunks[-1][2] and len(chunks[-1][1]) + len(claims) <= limit:
            chunks[-1][0].append(day)
            chunks[-1][1].extend(claims)
        else:
            chunks.append(([day], list(claims), True))
    return [Part(keys[0], _range_label(keys), claims) for keys, claims, _ in chunks]


def _month_label(month: str) -> str:
    if month == UNDATED:
        return "Undated"
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


def _day_label(key: str) -> str:
    if key.startswith(UNDATED):
        return f"Undated, part {key.rpartition('-p')[2]}"
    if len(key) == 7:
        return f"{_month_label(key)} (no day given)"
    day = dt.date.fromisoformat(key[:10])
    label = f"{day.day} {day.strftime('%b %Y')}"
    return label + (f", part {key.rpartition('-p')[2]}" if len(key) > 10 else "")


def _range_label(keys: list[str]) -> str:
    if len(keys) == 1:
        return _day_label(keys[0])
    return f"{_day_label(keys[0])} to {_day_label(keys[-1])}"
