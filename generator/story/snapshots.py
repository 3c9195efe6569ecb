"""Snapshots of a claim: the fields that matter to readers, normalised so that versions from any commit compare.

:func:`snapshot` reads one version of a claim's YAML (tolerantly: history holds versions of older
schemas, or ones that never parsed); :func:`compare` says which tracked fields differ between two
and what each corrected one held before. :mod:`generator.story.history` keeps them per commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.data import readings
from generator.model import Override, Value


def _date_of(value: Any) -> str | None:
    """The date of a ``claimed_on``/``as_of`` in any form the data has had: a mapping, a date or text."""
    if isinstance(value, dict):
        value = value.get("date")
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _override_of(value: Any) -> list[Any] | None:
    """The editors' reading of a value (``value.reading``) as ``[low, best, high]``, or None."""
    reading = value.get("reading") if isinstance(value, dict) else None
    return [reading.get("low"), reading.get("best"), reading.get("high")] if isinstance(reading, dict) else None


def _effective_reading(value: list[Any] | None, override: list[Any] | None) -> tuple[Any, ...] | None:
    """``(low, best, high)`` a version of a value reads as today: the editors' reading, else the lexicon's."""
    if value is None:
        return None
    text, hedge, low, high, approximate = value
    try:
        editors = Override(best=override[1], low=override[0], high=override[2]) if override else None
        found = readings.read(Value(str(text), hedge, low, high, bool(approximate), reading=editors))
    except (TypeError, ValueError, AttributeError, AssertionError):  # an old version the schema of today refuses
        return tuple(override) if override else None
    return (found.low, found.best, found.high)


def snapshot(data: Any) -> dict[str, Any] | None:
    """The tracked fields of one version of a claim's YAML, normalised so that versions compare.

    Tolerant on purpose: old versions in history may follow an older schema, or not parse.
    """
    if not isinstance(data, dict):
        return None
    value = data.get("value")
    citations = [c for c in data.get("citations") or [] if isinstance(c, dict)]
    revisions = data.get("revisions") or []
    return {
        "value": [value.get("text"), value.get("hedge"), value.get("low"), value.get("high"), bool(value.get("approximate"))]
        if isinstance(value, dict)
        else None,
        "reading": _override_of(value),
        "quotes": [[str(c.get("source")), str(c.get("quote"))] for c in citations],
        "actor": data.get("actor"),
        "via": [[str(c.get("source")), [str(v) for v in c.get("via") or []]] for c in citations],
        "claimed_on": _date_of(data.get("claimed_on")),
        "as_of": _date_of(data.get("as_of")),
        "statement": data.get("statement"),
        "figure": data.get("figure"),
        "revisions": [[_date_of(r.get("date")), r.get("note")] for r in revisions if isinstance(r, dict)],
    }


def compare(old: dict[str, Any], new: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """Which tracked fields differ between two snapshots, and the old value of each corrected one."""
    changed: list[str] = []
    before: dict[str, Any] = {}
    if old["value"] != new["value"]:
        changed.append("value")
        before["value"] = old["value"]
    elif old.get("reading") != new.get("reading"):
        # The same words read another way: what the site says they mean has changed. A reading written
        # down that is the lexicon's own (or the same as before) changes nothing a reader sees.
        was, now = _effective_reading(old["value"], old.get("reading")), _effective_reading(new["value"], new.get("reading"))
        if was != now:
            changed.append("reading")
            before["reading"] = list(was) if was else None
    new_quotes = {tuple(q) for q in new["quotes"]}
    lost = [q for q in old["quotes"] if tuple(q) not in new_quotes]
    if lost:
        # A quote reworded or a citation withdrawn: what readers were shown is no longer there.
        changed.append("quote")
        before["quote"] = lost[0][1]
    new_via = {tuple(map(_freeze, v)) for v in new["via"]}
    kept_sources = {q[0] for q in new["quotes"]}
    via_changed = [v for v in old["via"] if v[0] in kept_sources and tuple(map(_freeze, v)) not in new_via]
    if old["actor"] != new["actor"] or via_changed:
        changed.append("attribution")
        before["attribution"] = {"actor": old["actor"], "via": (via_changed[0][1] if via_changed else [])}
    for name in ("claimed_on", "as_of"):
        if old[name] != new[name]:
            changed.append(name)
            before[name] = old[name]
    for name in ("statement", "figure"):
        if old[name] != new[name]:
            changed.append(name)
    if {q[0] for q in old["quotes"]} < kept_sources:
        changed.append("citations")  # reported by one more article: news, not a correction
    if old["revisions"] != new["revisions"]:
        changed.append("revisions")
    return tuple(changed), before


def _freeze(item: Any) -> Any:
    return tuple(item) if isinstance(item, list) else item
