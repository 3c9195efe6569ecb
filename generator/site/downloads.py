"""Every claim as JSON and as CSV, for analysts who work in their own tools.

Both files are derived from the same records and documented on the downloads page.
The JSON keeps the full structure (citations with quotes and via-chains); the CSV has
one row per citation, so that each quote sits in its own cell.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from generator.data import readings
from generator.model import Claim, Dated
from generator.site.index import Index

CSV_COLUMNS = [
    "claim_id", "actor_id", "actor_name", "attribution_basis", "figure_id", "stance", "value_text", "hedge", "low", "high", "approximate",
    "reading_low", "reading_best", "reading_high", "reading_rule",
    "claimed_on", "claimed_on_basis", "as_of", "as_of_basis", "statement", "citation", "source_id", "source_title", "published", "via", "quote",
]  # fmt: skip


def _dated(d: Dated | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {"date": d.date, "precision": d.precision, "basis": d.basis, "note": d.note}


def claim_record(index: Index, claim: Claim) -> dict[str, Any]:
    v = claim.value
    return {
        "id": claim.id,
        "actor": {"id": claim.actor, "name": index.corpus.actors[claim.actor].name},
        "attribution": {"basis": claim.attribution.basis, "note": claim.attribution.note},
        "figure": claim.figure,
        "stance": claim.stance,
        "value": None
        if v is None
        else {"text": v.text, "hedge": v.hedge, "low": v.low, "high": v.high, "approximate": v.approximate, "note": v.note, "reading": readings.read(v).data()},
        "claimed_on": _dated(claim.claimed_on),
        "as_of": _dated(claim.as_of),
        "statement": claim.statement,
        "citations": [_citation(c) for c in claim.citations],
        "tags": list(claim.tags),
        "notes": claim.notes,
    }


def _citation(c: Any) -> dict[str, Any]:
    """A citation as the JSON download carries it; ``translation`` only where the quote has one."""
    out = {"source": c.source, "quote": c.quote, "via": list(c.via), "note": c.note, "span": list(c.span)}
    if c.translation is not None:
        t = c.translation
        out["translation"] = {"text": t.text, "lang": t.lang, "by": t.by, "source": t.source}
    return out


#: Per-claim output kept between runs by the live preview: (inputs, text) by claim id and format.
Memo = dict[tuple[str, str], tuple[tuple[object, ...], str]]


def _memoised(memo: Memo | None, kind: str, index: Index, claim: Claim, make: Callable[[], str]) -> str:
    """``make()``, reused while the claim and the records it shows (actor, sources) are the same objects.

    The live preview keeps unchanged records as the same objects between saves, so identity
    is a safe and cheap test; a full generate passes no memo.
    """
    if memo is None:
        return make()
    inputs = (claim, index.corpus.actors[claim.actor], *(index.corpus.sources[c.source] for c in claim.citations))
    hit = memo.get((kind, claim.id))
    if hit is not None and len(hit[0]) == len(inputs) and all(a is b for a, b in zip(hit[0], inputs, strict=True)):
        return hit[1]
    text = make()
    memo[(kind, claim.id)] = (inputs, text)
    return text


def claims_json(index: Index, memo: Memo | None = None) -> str:
    """``{"claims": [...]}`` with one claim per line: diffs stay readable, and without ``indent``
    the encoder runs in C (indenting a 10,000-claim file took seconds in pure Python)."""
    lines = ",\n".join(
        _memoised(memo, "json", index, c, lambda c=c: json.dumps(claim_record(index, c), ensure_ascii=False, sort_keys=True))  # type: ignore[misc]
        for c in index.corpus.claims.values()
    )
    return '{"claims": [\n' + lines + "\n]}\n"


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list, plus
#: the fullwidth forms some spreadsheet locales fold to ASCII), and the quote that marks
#: a cell as neutralised, so that the marking can be undone exactly.
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20'")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def neutralise(text: str) -> str:
    """Keep a text cell from running as a spreadsheet formula (CSV injection).

    Data comes from pull requests, and a quote such as ``=HYPERLINK("http://evil", "x")``
    would run when an analyst opens the CSV in Excel or LibreOffice. As OWASP advises, a
    text cell whose first non-blank character could start a formula gets a leading
    single quote. A cell that already starts with one gets another, so the rule reverses
    exactly: drop one leading quote from any text cell that has one (see :func:`restore`).
    Numbers are written as numbers and never changed; the JSON download is never changed.
    """
    stripped = text.lstrip(" ")
    return "'" + text if stripped and stripped[0] in FORMULA_STARTS else text


def restore(cell: str) -> str:
    """The text a CSV cell came from: the exact inverse of :func:`neutralise`.

    :func:`neutralise` puts its quote first, and a text it leaves alone never starts with
    a quote (that would have been neutralised), so dropping one leading quote is exact.
    """
    return cell[1:] if cell.startswith("'") else cell


def claims_csv(index: Index, memo: Memo | None = None) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(CSV_COLUMNS)
    for claim in index.corpus.claims.values():
        out.write(_memoised(memo, "csv", index, claim, lambda claim=claim: csv_rows(index, claim)))  # type: ignore[misc]
    return out.getvalue()


def csv_rows(index: Index, claim: Claim) -> str:
    """The CSV rows of one claim, one per citation, in :data:`CSV_COLUMNS`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    v = claim.value
    r = readings.read(v) if v else None
    for n, c in enumerate(claim.citations, 1):
        source = index.corpus.sources[c.source]
        writer.writerow(
            _cell(x)
            for x in [
                claim.id, claim.actor, index.corpus.actors[claim.actor].name, claim.attribution.basis, claim.figure, claim.stance,
                v and v.text, v and v.hedge, v and v.low, v and v.high, v and v.approximate,
                r and r.low, r and r.best, r and r.high, r and r.rule,
                claim.claimed_on and claim.claimed_on.date, claim.claimed_on and claim.claimed_on.basis,
                claim.as_of and claim.as_of.date, claim.as_of and claim.as_of.basis, claim.statement,
                n, c.source, source.title, source.published and source.published.date, " > ".join(c.via), c.quote,
            ]
        )  # fmt: skip
    return out.getvalue()
