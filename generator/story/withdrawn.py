"""Withdrawn claims: a published claim whose file is deleted stays on the record, as withdrawn.

History (:mod:`generator.story.history`) notices the deletion; ``data/withdrawn.yml`` says why,
one entry per claim::

    - id: zelenskyy-10000
      reason: A duplicate of zelenskyy-oct-18, which quotes the same sentence.

The claim's permanent address (``claims/<id>.html``) stays and says when it was withdrawn, why,
and what it said; the Corrections page lists it and the site's feed carries it. A withdrawn id is
never given to another claim: the validator refuses it, so an address never changes its meaning.
A claim whose file is renamed is not withdrawn: it keeps its history under its new id, and its
old address sends readers on.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.load import load_yaml
from generator.errors import Problem
from generator.model import Corpus
from generator.story.history import History, Stamp

#: The file of reasons, relative to the project.
FILE = "data/withdrawn.yml"
#: The longest reason accepted, in characters.
MAX_REASON = 2000


@dataclass(frozen=True)
class Withdrawn:
    """One withdrawn claim as the site shows it."""

    id: str
    published: Stamp
    withdrawn: Stamp
    reason: str | None
    #: What it said when last published: its statement, and each (source id, quote).
    statement: str | None
    quotes: tuple[tuple[str, str], ...]


def read_reasons(root: Path) -> tuple[dict[str, tuple[str, int, int]], list[Problem]]:
    """``data/withdrawn.yml``: each id's reason and where its entry is written; and every problem in the file."""
    path = root / FILE
    if not path.exists() and not path.is_symlink():
        return {}, []
    if path.is_symlink() or not path.is_file():
        return {}, [Problem(FILE, 1, 1, "is not a regular file; it is not read.", "replace it with a plain YAML file.")]
    doc, problems = load_yaml(path, FILE)
    if doc is None or problems:
        return {}, problems
    data = doc.data
    if data is None:
        return {}, []
    if not isinstance(data, list):
        return {}, [Problem(FILE, 1, 1, "must be a list of entries.", "write one `- id: …` entry with its `reason: …` per withdrawn claim.")]
    out: dict[str, tuple[str, int, int]] = {}
    errors: list[Problem] = []
    for i, entry in enumerate(data):
        line, col = doc.position((i,))
        if not isinstance(entry, dict):
            errors.append(Problem(FILE, line, col, f"entry {i} must be a mapping with id and reason.", "write `- id: …` then `reason: …` beneath it."))
            continue
        for key in entry:
            if key not in ("id", "reason"):
                kl, kc = doc.position((i, key), key=True)
                errors.append(Problem(FILE, kl, kc, f"entry {i} has an unknown field {key!r}.", "an entry holds only id and reason."))
        ident, reason = entry.get("id"), entry.get("reason")
        il, ic = doc.position((i, "id"))
        if not isinstance(ident, str) or not ident:
            errors.append(Problem(FILE, il, ic, f"entry {i} needs an id: the id of the withdrawn claim.", "write `id: the-claim-id`."))
            continue
        rl, rc = doc.position((i, "reason"))
        if not isinstance(reason, str) or not reason.strip():
            errors.append(Problem(FILE, rl, rc, f"entry {i} ({ident}) needs a reason, which readers see at the claim's address.", 'write `reason: "…"`.'))
            continue
        if len(reason) > MAX_REASON:
            errors.append(
                Problem(FILE, rl, rc, f"entry {i} ({ident}): the reason is {len(reason):,} characters, over {MAX_REASON:,}.", "say why in a few sentences.")
            )
            continue
        if ident in out:
            errors.append(Problem(FILE, il, ic, f"{ident} is listed twice.", "give one entry per withdrawn claim; put both reasons in one."))
            continue
        out[ident] = (" ".join(reason.split()), il, ic)
    return out, errors


def check(root: Path, corpus: Corpus, record: History) -> tuple[dict[str, str], list[Problem], list[Problem]]:
    """The reasons, the errors (a withdrawn id given again, a reason for no withdrawn claim) and the warnings (a withdrawal with no reason)."""
    entries, errors = read_reasons(root)
    warnings: list[Problem] = []
    for claim in corpus.claims.values():
        gone = record.withdrawn.get(claim.id)
        if gone is not None:
            errors.append(
                Problem(
                    claim.path,
                    1,
                    1,
                    f"id {claim.id} belonged to a claim withdrawn on {gone.stamp.date} (its file was deleted in commit {gone.stamp.commit[:12]}); "
                    "its address says so for good, so no other claim may take it.",
                    "give this claim a new id (rename the file and its id:).",
                )
            )
    if record.known:
        for ident, (_, line, col) in entries.items():
            pending = ident in record.claims and ident not in corpus.claims  # deleted in this change, not committed yet
            if ident in corpus.claims:
                errors.append(
                    Problem(FILE, line, col, f"{ident} is listed as withdrawn, but data/claims/{ident}.yml is still there.", "remove the entry, or the claim.")
                )
            elif ident not in record.withdrawn and not pending:
                errors.append(
                    Problem(
                        FILE,
                        line,
                        col,
                        f"{ident} is listed as withdrawn, but no published claim {ident} was deleted.",
                        "check the id against `git log --first-parent -- data/claims`.",
                    )
                )
        for ident, gone in record.withdrawn.items():
            if ident not in entries and ident not in corpus.claims:
                warnings.append(
                    Problem.warning(
                        f"claim {ident} was withdrawn on {gone.stamp.date} (its file was deleted) with no reason given.",
                        f'add `- {{id: {ident}, reason: "…"}}` to {FILE} saying why; readers see it at the claim\'s address.',
                        path=FILE if (root / FILE).is_file() else "",
                        line=1 if (root / FILE).is_file() else 0,
                        col=1 if (root / FILE).is_file() else 0,
                    )
                )
    return {ident: reason for ident, (reason, _, _) in entries.items()}, errors, warnings


def published(record: History, reasons: dict[str, str]) -> list[Withdrawn]:
    """Every withdrawn claim, newest withdrawal first."""
    out = []
    for ident, gone in record.withdrawn.items():
        latest: dict[str, Any] = gone.latest
        quotes = tuple((str(s), str(q)) for s, q in latest.get("quotes") or [])
        statement = latest.get("statement")
        out.append(Withdrawn(ident, gone.record.published, gone.stamp, reasons.get(ident), statement if isinstance(statement, str) else None, quotes))
    return sorted(out, key=lambda w: (-w.withdrawn.time, w.id))


def page(item: Withdrawn, day: str, published_day: str) -> str:
    """The withdrawn claim's permanent address: when and why it was withdrawn, and what it said. Every data string is escaped."""
    e = html.escape
    said = f"<p>It said: “{e(item.statement)}”</p>\n" if item.statement else ""
    quotes = "".join(f"<li>{e(source)}: “{e(quote)}”</li>\n" for source, quote in item.quotes)
    reason = f"Reason: {e(item.reason)}" if item.reason else "No reason was given."
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Claim {e(item.id)} (withdrawn)</title>\n"
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f"<h1>Claim {e(item.id)} was withdrawn</h1>\n"
        f"<p>This is the permanent address of claim {e(item.id)}, first published {published_day}. It was withdrawn on {day}. {reason}</p>\n"
        f"{said}"
        + (f"<p>Its quotes, by source:</p>\n<ul>\n{quotes}</ul>\n" if quotes else "")
        + '<p><a href="../corrections/index.html">Every correction and withdrawal</a></p>\n'
        "</body>\n</html>\n"
    )
