"""Drafts an editor rejected, recorded so that ``briefing suggest`` does not draft them again.

``briefing drafts reject`` adds each rejected claim (and citation to add) to
``data/drafts/<source-id>/rejected.yml``: its id, its first quote from the article and the words of
its value. When ``suggest`` drafts the article again it leaves out every claim with the same quote
(compared as the validator compares quotes: typographic quotes and spacing aside) and the same
words, and says which. The file is data like any other: ``git diff`` shows a rejection, and
deleting an entry has the draft back on the next run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.data.load import load_yaml
from generator.data.quotes import normalise
from generator.errors import BriefingError, Problem
from generator.project import Project

FILE = "rejected.yml"
HEADER = (
    "# Drafts rejected with briefing drafts reject: briefing suggest does not draft them again.\n"
    "# Delete an entry to have its draft back the next time suggest drafts this article.\n"
)


def path(root: Path, source: str) -> Path:
    return Project(root).drafts / source / FILE


def entry(data: dict[str, Any] | None, source: str) -> dict[str, str | None] | None:
    """What is recorded of a rejected claim: id, first quote from ``source``, value words (None for a stance)."""
    if not data:
        return None
    quote = next(
        (c["quote"] for c in data.get("citations") or [] if isinstance(c, dict) and c.get("source") == source and isinstance(c.get("quote"), str)), None
    )
    if quote is None:
        return None
    value = data.get("value")
    words = value.get("text") if isinstance(value, dict) and isinstance(value.get("text"), str) else None
    return {"id": str(data.get("id")), "quote": quote, "value": words}


def key(quote: str, words: str | None) -> tuple[str, str]:
    return normalise(quote), words or ""


def read(root: Path, source: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The entries of a drafts folder's ``rejected.yml`` (none when it has none), and the problems of a malformed one."""
    file = path(root, source)
    if not file.is_file() or file.is_symlink():
        return [], []
    shown = file.relative_to(root).as_posix()
    doc, problems = load_yaml(file, shown)
    if doc is None:
        return [], problems
    hint = "each entry has id, quote and value, as briefing drafts reject writes them; delete the file to have every draft back."
    if doc.data is None:
        return [], []
    if not isinstance(doc.data, list):
        return [], [Problem(shown, 1, 1, "rejected.yml must be a list of rejected drafts.", hint)]
    entries = []
    for n, item in enumerate(doc.data):
        line, col = doc.position((n,))
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or not isinstance(item.get("value"), str | None):
            problems.append(Problem(shown, line, col, f"entry {n + 1} of rejected.yml is not a rejected draft.", hint))
            continue
        entries.append(item)
    return entries, problems


def render(entries: list[dict[str, Any]]) -> str:
    """The file's text: the header, then one entry per rejected draft, strings double-quoted."""
    out = [HEADER]
    for item in entries:
        value = "null" if item.get("value") is None else json.dumps(item["value"], ensure_ascii=False)
        out.append(f"- id: {json.dumps(str(item.get('id')), ensure_ascii=False)}\n  quote: {json.dumps(item['quote'], ensure_ascii=False)}\n  value: {value}\n")
    return "".join(out)


def with_rejected(root: Path, source: str, rejected: list[dict[str, Any] | None]) -> str | None:
    """The new text of the folder's ``rejected.yml`` with these rejections added; None when none is to be recorded."""
    new = [e for e in (entry(d, source) for d in rejected) if e is not None]
    if not new:
        return None
    entries, problems = read(root, source)
    if problems:
        raise BriefingError(f"{problems[0].format()} Nothing was changed.")
    known = {key(e["quote"], e.get("value")) for e in entries}
    for item in new:
        assert item["quote"] is not None
        if key(item["quote"], item["value"]) not in known:
            known.add(key(item["quote"], item["value"]))
            entries.append(item)
    return render(entries)
