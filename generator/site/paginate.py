"""Split long lists of claims into pages whose boundaries stay put as the data grows.

An actor or figure with thousands of claims cannot be one page: the HTML would run to
megabytes. Cutting the list every N claims would be simple, but one new claim would then
shift every later boundary and rewrite every page after it. Pages here are cut at
**calendar boundaries** instead: one page per month, and only a month too large for one
page is cut further, into its tenths (1st-10th, 11th-20th, 21st-end), then days, and a
single day too large by count. A new or edited claim changes the page that covers its
date and nothing else (unless its month or tenth just outgrew one page), and each page's
name and label depend only on its dates, so its neighbours' links stay as they were.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.model import Claim, precision
from generator.site.format import month_label

UNDATED = "undated"


@dataclass(frozen=True)
class Part:
    """One page of a split list: ``key`` names its file, ``label`` its period for readers."""

    key: str
    label: str
    claims: list[Claim]


def split(claims: list[Claim], when: Callable[[Claim], str], limit: int) -> list[Part]:
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
    # Fixed calendar cuts, never cuts that depend on counts: the 1st-10th, 11th-20th and
    # 21st-end of the month ("dekads"), then single days, then (only for one day holding
    # more than a page) pages of `limit` claims. A new claim thus changes its own page and
    # no other, and each page's key and label depend only on the dates it covers.
    groups: dict[str, list[Claim]] = {}
    for claim in items:
        day = when(claim) or UNDATED
        groups.setdefault(_dekad(day) if precision(day) == "day" else day, []).append(claim)
    parts: list[Part] = []
    for key, claims in groups.items():
        if len(claims) <= limit:
            parts.append(Part(key, _label(key), claims))
            continue
        days: dict[str, list[Claim]] = {}
        for claim in claims:
            days.setdefault(when(claim) or UNDATED, []).append(claim)
        for day, of_day in days.items():
            if len(of_day) <= limit:
                parts.append(Part(day, _label(day), of_day))
            else:
                for n, start in enumerate(range(0, len(of_day), limit), 1):
                    parts.append(Part(f"{day}-p{n}", _label(day) + f", part {n}", of_day[start : start + limit]))
    return parts


def _dekad(day: str) -> str:
    """The key of the tenth of a month holding ``day``: ``2024-03-d1`` (1st-10th), ``-d2`` or ``-d3``."""
    return f"{day[:7]}-d{min(3, (int(day[8:]) - 1) // 10 + 1)}"


def _label(key: str) -> str:
    if key == UNDATED:
        return "Undated"
    if precision(key) == "month":
        return f"{_month_label(key)} (no day given)"
    first = dt.date.fromisoformat(key[:7] + "-01")
    if key[8] == "d":
        n = int(key[9])
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        low, high = 10 * (n - 1) + 1, (10 * n if n < 3 else last.day)
        return f"{low}–{high} {first.strftime('%b %Y')}"
    day = dt.date.fromisoformat(key)
    return f"{day.day} {day.strftime('%b %Y')}"


def _month_label(month: str) -> str:
    if month == UNDATED:
        return "Undated"
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


def by_month(source: Any) -> tuple[str, str]:
    """The group of a source on a split sources index: its month of publication (key, label)."""
    if source.published is None:
        return "unknown", "Date unknown"
    month = source.published.date[:7]
    return month, month_label(month)


def by_initial(actor: Any) -> tuple[str, str]:
    """The group of an actor on a split actors index: the initial of its name (key, label)."""
    initial = actor.name[:1].upper()
    if "A" <= initial <= "Z":
        return initial.lower(), initial
    return "other", "Other initials"
