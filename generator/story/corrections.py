"""Corrections: changes to a published claim's value, quotes, attribution or dates, shown and explained.

News practice: a correction is shown, never silently overwritten. Git history says what
changed and when (:mod:`generator.history`); the claim's ``revisions`` say why. This module
words each correction for readers ("Corrected 12 Jan 2025: value was 'up to 1,500'") and
checks the ``revisions`` against history: every entry must date a real correction, and a
correction without an entry is worth a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.readings import Reading
from generator.errors import Problem
from generator.model import Claim, Corpus, Value
from generator.site.format import reading_words
from generator.story.history import CORRECTION_FIELDS, FIELD_LABELS, Change, History


@dataclass(frozen=True)
class Correction:
    """One correction of one claim: when, what it was before, and the editor's reason (if given)."""

    claim: Claim
    change: Change
    was: tuple[tuple[str, str], ...]  # (field label, earlier value as shown), in field order
    note: str | None

    @property
    def date(self) -> str:
        return self.change.stamp.date

    @property
    def label(self) -> str:
        return day(self.date)

    def sentence(self) -> str:
        """``Corrected 12 Jan 2025: value was 'up to 1,500'. Reason: …``"""
        text = f"Corrected {self.label}: " + "; ".join(f"{name} was '{before}'" for name, before in self.was) + "."
        return f"{text} Reason: {self.note.strip()}" if self.note else text


def day(iso: str) -> str:
    """``12 Jan 2025``."""
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%b %Y')}"


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def _value_was(before: list[Any] | None, now: Value | None) -> tuple[str, str]:
    if before is None:
        return "value", "none (a stance without a number)"
    text, hedge, low, high, approximate = before
    if now is None or now.text != text:
        return "value", str(text)
    soft = "~" if approximate else ""
    if low is not None and high is not None:
        bounds = f"{soft}{_number(low)}" if low == high else f"{soft}{_number(low)}–{_number(high)}"
    elif high is not None:
        bounds = f"≤ {soft}{_number(high)}"
    else:
        bounds = f"≥ {soft}{_number(low or 0)}"
    return "bounds", bounds


def _reading_was(before: list[Any] | None, claim: Claim, corpus: Corpus) -> tuple[str, str]:
    """``("reading", "9,900 to 11,000 troops")``: how the same words were read before."""
    if not before:
        return "reading", "none"
    low, best, high = before
    figure = corpus.figures.get(claim.figure) if claim.figure else None
    return "reading", reading_words(Reading(low, best, high, "editors"), figure.unit if figure else "")


def describe(claim: Claim, change: Change, corpus: Corpus) -> tuple[tuple[str, str], ...]:
    """What each corrected field held before ``change``, in readers' words."""
    out: list[tuple[str, str]] = []
    for name in change.corrected:
        before = change.before.get(name)
        if name == "value":
            out.append(_value_was(before, claim.value))
        elif name == "reading":
            out.append(_reading_was(before, claim, corpus))
        elif name == "quote":
            out.append((FIELD_LABELS[name], str(before)))
        elif name == "attribution":
            actor = corpus.actors.get(before["actor"]) if isinstance(before, dict) else None
            who = actor.name if actor else str((before or {}).get("actor"))
            via = [corpus.actors[v].name if v in corpus.actors else v for v in (before or {}).get("via", [])]
            out.append((FIELD_LABELS[name], who + (", via " + " → ".join(via) if via else "")))
        else:
            out.append((FIELD_LABELS[name], day(before) if before and len(before) == 10 else (before or "unknown")))
    return tuple(out)


def match(
    published: str, corrected: list[str], revisions: list[str], pending_until: str | None = None, landed: list[str] | None = None
) -> tuple[dict[int, int], dict[int, int], list[int]]:
    """Which ``revisions`` entry explains which correction, by date.

    ``corrected`` holds the days corrections were made, oldest first; ``landed`` the days each reached
    the branch (the same days when omitted; later for a change made on a branch merged later);
    ``published`` the day the claim was. An entry explains the first correction, not yet explained,
    that it can date: one made after the correction before it (or not before the publication) and
    landed on or after the entry's date. An editor dates the reason the day they write it, and the
    pull request lands that day or later. With ``pending_until`` (the working tree holds a correction
    not yet committed), entries after the last correction, up to that day, explain the pending one,
    numbered ``len(corrected)``. Returns correction → entry, duplicate entry → the entry it repeats,
    and the entries that explain nothing.
    """
    lows = [published, *corrected]
    highs = [*(landed or corrected), *([pending_until] if pending_until else [])]
    explained: dict[int, int] = {}
    repeats: dict[int, int] = {}
    unmatched: list[int] = []
    for i, date in enumerate(revisions):
        fits = [k for k, upper in enumerate(highs) if (lows[k] <= date if k == 0 else lows[k] < date) and date <= upper]
        free = [k for k in fits if k not in explained]
        if free:
            explained[free[0]] = i
        elif fits:
            repeats[i] = explained[fits[0]]
        else:
            unmatched.append(i)
    return explained, repeats, unmatched


def of_claim(claim: Claim, history: History, corpus: Corpus) -> list[Correction]:
    """The claim's corrections, oldest first, each with the reason its ``revisions`` give for it."""
    record = history.claims.get(claim.id)
    if record is None:
        return []
    changes = record.corrections
    explained, _, _ = match(record.published.date, [c.stamp.date for c in changes], [r.date for r in claim.revisions], landed=[c.arrived.date for c in changes])
    notes = {k: claim.revisions[i].note for k, i in explained.items()}
    return [Correction(claim, change, describe(claim, change, corpus), notes.get(k)) for k, change in enumerate(changes)]


def all_corrections(corpus: Corpus, history: History) -> list[Correction]:
    """Every correction in the corpus, newest first."""
    out = [c for claim in corpus.claims.values() for c in of_claim(claim, history, corpus)]
    return sorted(out, key=lambda c: (-c.change.stamp.time, c.claim.id))


# --- checking revisions against history ------------------------------------------------------------


def check(root: Path, corpus: Corpus, history: History) -> tuple[list[Problem], list[Problem]]:
    """Errors (a revision that dates no correction) and warnings (a correction with no revision).

    Entries are matched to corrections by :func:`match`. A correction not yet committed (the
    working tree's claim differs from the last committed version in a corrected field) may carry
    an entry dated after the last correction, up to today.
    Without history nothing can be checked; :attr:`History.warning` says so.
    """
    if not history.known:
        return [], []
    from generator.story.history import compare, snapshot

    errors: list[Problem] = []
    warnings: list[Problem] = []
    today = dt.datetime.now(dt.UTC).date().isoformat()
    # A claim whose file was renamed in the working tree (not committed yet): its committed version, word for word, under the old id.
    gone = {_key(history.latest[i]): i for i in history.claims if i not in corpus.claims and i in history.latest}
    for claim in corpus.claims.values():
        ident = claim.id
        if ident not in history.claims and claim.revisions and gone:
            ident = gone.get(_key(snapshot(_as_data(claim))), ident)
        record = history.claims.get(ident)
        changes = record.corrections if record else ()
        if not claim.revisions and not changes:
            continue
        doc = _positions(root, claim)
        if record is None:
            for i in range(len(claim.revisions)):
                line, col = doc.position(("revisions", i, "date")) if doc else (1, 1)
                message = f"revisions[{i}] is dated {claim.revisions[i].date}, but this claim has not been published yet, so there is nothing to correct."
                errors.append(Problem(claim.path, line, col, message, "a claim's first version needs no revisions; remove the entry."))
            continue
        fields, _ = compare(history.latest[ident], snapshot(_as_data(claim)) or {}) if ident in history.latest else ((), {})
        pending = today if any(f in CORRECTION_FIELDS for f in fields) else None
        dates = [c.stamp.date for c in changes]
        explained, repeats, unmatched = match(record.published.date, dates, [r.date for r in claim.revisions], pending, [c.arrived.date for c in changes])
        shown = ", ".join(dates) or "none"
        for i in unmatched:
            line, col = doc.position(("revisions", i, "date")) if doc else (1, 1)
            message = (
                f"revisions[{i}] is dated {claim.revisions[i].date}, but no correction of this claim was published on that day or after it "
                f"(published {record.published.date}; corrections published: {shown})."
            )
            hint = "date each entry on or before the day its correction reached the site (UTC), after the correction before it; `git log --first-parent` shows the days."
            errors.append(Problem(claim.path, line, col, message, hint))
        for i, j in repeats.items():
            line, col = doc.position(("revisions", i, "date")) if doc else (1, 1)
            message = f"revisions[{i}] explains the same correction as revisions[{j}]."
            errors.append(Problem(claim.path, line, col, message, "give one entry per correction; put both reasons in one note."))
        for k, change in enumerate(changes):
            if k in explained:
                continue
            line, col = doc.position((_FIELD_KEYS.get(change.corrected[0], "id"),), key=True) if doc else (1, 1)
            what = "; ".join(f"{name} was '{before}'" for name, before in describe(claim, change, corpus))
            warnings.append(
                Problem.warning(
                    f"corrected on {change.stamp.date} ({what}) with no reason given.",
                    f'add `revisions: [{{date: "{change.stamp.date}", note: "…"}}]` saying why; readers see it beside the correction.',
                    path=claim.path,
                    line=line,
                    col=col,
                )
            )
    return errors, warnings


def _key(snap: Any) -> str:
    import json

    return json.dumps(snap, sort_keys=True, default=str)


_FIELD_KEYS = {"value": "value", "reading": "value", "quote": "citations", "attribution": "actor", "claimed_on": "claimed_on", "as_of": "as_of"}


def _as_data(claim: Claim) -> dict[str, Any]:
    """The claim's current record in the shape of its YAML, for :func:`generator.history.snapshot`."""
    value = claim.value
    return {
        "value": {"text": value.text, "hedge": value.hedge, "low": value.low, "high": value.high, "approximate": value.approximate} if value else None,
        "citations": [{"source": c.source, "quote": c.quote, "via": list(c.via)} for c in claim.citations],
        "actor": claim.actor,
        "claimed_on": claim.claimed_on.date if claim.claimed_on else None,
        "as_of": claim.as_of.date if claim.as_of else None,
        "statement": claim.statement,
        "figure": claim.figure,
        "revisions": [{"date": r.date, "note": r.note} for r in claim.revisions],
    }


def _positions(root: Path, claim: Claim) -> Any:
    """The claim's file read again for the positions of its fields (only for claims with corrections)."""
    from generator.data.load import load_yaml

    doc, _ = load_yaml(root / claim.path, claim.path)
    return doc
