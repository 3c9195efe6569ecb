"""Write new data files for editors: YAML text, free ids, and safe first writes.

The commands ``briefing ingest`` and ``briefing new`` create files an editor then
reviews and commits. Everything they write goes through this module, so that:

- the YAML reads back through the strict loader (every string double-quoted, in the
  schema's field order, with the ``yaml-language-server`` line editors' tools use);
- each document is checked against its kind's schema *before* it is written;
- a file is created only if no file of that name exists (:func:`generator.files.create`),
  so an editor's work is never overwritten, and a reader never sees half a file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from generator import model
from generator.data.load import Document, load_yaml, parse_yaml
from generator.data.schema import schema_of, schema_problems
from generator.data.validate import RESERVED_IDS
from generator.errors import BriefingError, ValidationFailed
from generator.project import Project

#: The longest id proposed from a title or a name, in characters.
ID_LENGTH = 60
#: The schemas' id pattern.
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def to_yaml(kind: str, data: dict[str, Any], depth: int = 2) -> str:
    """A data file's text: the schema line, then fields in the schema's order.

    This is the one YAML emitter: ``ingest``, ``new``, ``suggest``'s drafts and ``synth`` all
    write through it. Strings are written as JSON strings, which are valid YAML double-quoted
    scalars, so no value can be read back as another type (``NO``, ``1:30``). ``depth`` is how
    many folders the file sits below the project (``data/claims/``: 2), for the schema line.
    """
    order = list(schema_of(kind)["properties"])
    unknown = set(data) - set(order)
    if unknown:
        raise ValueError(f"fields not in the {kind} schema: {sorted(unknown)}")
    lines = [f"# yaml-language-server: $schema={'../' * depth}generator/schemas/{kind}.schema.json"]
    for key in order:
        if key in data:
            lines.extend(_entry(key, data[key], ""))
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        # Not "{:g}": it writes 1000000.0 as 1e+06, which YAML 1.1 reads as a string.
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def _entry(key: str, value: Any, indent: str) -> Iterator[str]:
    if isinstance(value, dict):
        yield f"{indent}{key}:"
        for k, v in value.items():
            yield from _entry(k, v, indent + "  ")
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        yield f"{indent}{key}:"
        for item in value:
            first = True
            for k, v in item.items():
                for line in _entry(k, v, indent + "    "):
                    yield (indent + "  - " + line[len(indent) + 4 :]) if first else line
                    first = False
    elif isinstance(value, list):
        yield f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]"
    else:
        yield f"{indent}{key}: {_scalar(value)}"


def check(kind: str, text: str, shown: str) -> Document:
    """Read ``text`` back as the strict loader would and check it against the schema."""
    doc, problems = parse_yaml(text, shown)
    if doc is not None:
        problems = [*problems, *schema_problems(doc, kind)]
    if problems or doc is None:
        raise ValidationFailed(problems)
    return doc


def check_id(ident: str, option: str = "--id") -> str:
    """Refuse an id the schema would refuse, before it becomes part of a file name."""
    if not ID_PATTERN.fullmatch(ident) or len(ident) > 120:
        raise BriefingError(f'{option}: "{ident}" is not a valid id: use lowercase letters, digits and single hyphens, such as 2024-10-24-seoul-briefing.')
    if ident in RESERVED_IDS:
        raise BriefingError(f'{option}: "{ident}" is reserved for the site\'s own pages; choose another id.')
    return ident


def slug(words: str, max_length: int = 0) -> str:
    """The one slug maker, for every id proposed from words (``ingest``, ``new``, ``suggest``, ``synth``).

    Letters are transliterated to ASCII and lowercased, everything else becomes single hyphens;
    a number keeps its digits together ("10,000" → ``10000``) and a percent sign is spelt out.
    With ``max_length``, the slug is cut at a word boundary.
    """
    text = re.sub(r"(?<=\d),(?=\d)", "", words).replace("%", " percent")
    full = slugify(text, lowercase=True)
    if not max_length or len(full) <= max_length:
        return full
    # Cut at the last word boundary that fits (python-slugify's own cut may skip a word and keep a later one).
    cut = full[: max_length + 1].rsplit("-", 1)[0] if "-" in full[: max_length + 1] else full[:max_length]
    # Nor on a word that leads into the words cut off ("…-soldiers-in"): an id reads as a phrase.
    return re.sub(r"(?:-(?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|with))+$", "", cut.strip("-")) or cut.strip("-")


def free_id(base: str, taken: Container[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` …: the first that is neither taken nor reserved for the site's own pages.

    The one place ids are made free, for ``ingest``, ``new`` and ``suggest`` alike.
    """
    candidate, n = base, 2
    while candidate in taken or candidate in RESERVED_IDS:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def propose_id(words: str, taken: Iterable[str]) -> str:
    """A slug of ``words`` that is a valid id, not reserved and not taken: ``-2``, ``-3`` … if needed."""
    return free_id(slug(words, ID_LENGTH) or "untitled", set(taken))


@dataclass
class Workspace:
    """What the scaffolding commands need to know about ``data/``, read leniently.

    The corpus may be mid-edit and fail validation; the commands still need the ids
    on disk and the actors' names. Files that do not read are skipped here: they are
    ``briefing validate``'s to report.
    """

    root: Path
    ids: dict[str, set[str]] = field(default_factory=dict)
    docs: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path) -> Workspace:
        space = cls(root)
        for folder in model.KINDS:
            base = Project(root).records(folder)
            paths = sorted(base.glob("*.yml")) if base.is_dir() else []
            space.ids[folder] = {p.stem for p in paths}
            space.docs[folder] = {}
            for path in paths:
                doc, _ = load_yaml(path, path.relative_to(root).as_posix())
                if doc is not None and isinstance(doc.data, dict):
                    space.docs[folder][path.stem] = doc.data
        return space

    def path(self, folder: str, ident: str, suffix: str = ".yml") -> Path:
        return Project(self.root).records(folder) / f"{ident}{suffix}"

    def require(self, folder: str, ident: str, option: str) -> None:
        """Raise a clear error when ``ident`` is not an id in ``data/<folder>/``."""
        if ident in self.ids[folder]:
            return
        import difflib

        guess = difflib.get_close_matches(ident, sorted(self.ids[folder]), n=1)
        hint = f' Did you mean "{guess[0]}"?' if guess else ""
        create_with = {"actors": "briefing new actor", "figures": "briefing new figure", "sources": "briefing ingest"}[folder]
        raise BriefingError(f'{option}: no {folder[:-1]} "{ident}" in data/{folder}/.{hint} Create one with {create_with}.')

    def actor_names(self) -> Iterator[tuple[str, str]]:
        """``(actor id, name or alias)`` for every actor."""
        for ident, data in self.docs["actors"].items():
            if isinstance(data.get("name"), str):
                yield ident, data["name"]
            for alias in data.get("aliases") or ():
                if isinstance(alias, str):
                    yield ident, alias
