"""What a data folder holds: the records to read, every id, and what is out of place there.

Pass 1 of validation lists each folder before any file is read, so that a link, a file of the
wrong kind, or two names that one case-insensitive system would merge are reported at once.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from generator.data.readcache import Listing
from generator.errors import Problem


def list_folder(root: Path, base: Path, folder: str) -> Listing:
    """List one data folder: the .yml files to read, every id, and what is out of place there."""
    kinds: dict[str, str] = {}
    paths: list[Path] = []
    stems: list[str] = []
    known: set[str] = set()
    problems: list[Problem] = []
    pages: dict[str, str] = {}
    # scandir knows each entry's type without a stat. Lowercase names sort first, so that of
    # two names differing in case, the other one is reported.
    with os.scandir(base) as found:
        entries = sorted(found, key=lambda e: (e.name.casefold(), e.name != e.name.lower(), e.name))
    for entry in entries:
        name = entry.name
        link = entry.is_symlink()
        kinds[name] = "link" if link else "file" if entry.is_file() else "dir" if entry.is_dir() else "other"
        if name.startswith("."):
            continue
        i = name.rfind(".")  # as pathlib splits a name into stem and suffix
        stem, suffix = (name[:i], name[i:]) if 0 < i < len(name) - 1 else (name, "")
        shown = f"data/{folder}/{name}"
        if link:
            problems.append(link_problem(root, Path(entry.path)))
            if suffix == ".yml":
                known.add(stem)  # reported once, not again by every reference to it
            continue
        # Two names that would become one page on case-insensitive file systems (macOS, Windows,
        # most zip tools), where one silently replaces the other.
        first = pages.setdefault(unicodedata.normalize("NFKC", stem).casefold() + suffix.casefold(), name)
        if first != name:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"{name} and {first} would become the same page on case-insensitive systems.",
                    f"ids are lowercase: keep the record in {first}, and remove {name} or give it another id.",
                )
            )
            continue
        if suffix == ".yml" and kinds[name] == "file":
            paths.append(Path(entry.path))
            stems.append(stem)
            known.add(stem)
        elif suffix == ".yaml":
            problems.append(Problem(shown, 1, 1, "data files end in .yml, so this file would be ignored.", f"rename it to {stem}.yml."))
        elif not (folder == "sources" and (suffix == ".txt" or ".orig." in name)):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"unexpected file in data/{folder}/.",
                    f"data/{folder}/ holds only <id>.yml files" + (" with their <id>.txt texts and <id>.orig.* originals." if folder == "sources" else "."),
                )
            )
    return Listing(kinds, tuple(paths), tuple(stems), frozenset(known), tuple(problems))


def link_problem(root: Path, path: Path) -> Problem:
    """A symbolic link in data/, named with where it points: links are never followed."""
    target = Path(os.readlink(path))
    resolved = (path.parent / target).resolve()
    if resolved.is_relative_to(root.resolve()):
        where = f"to {resolved.relative_to(root.resolve()).as_posix()}"
    else:
        where = f"outside the repository, to {target.as_posix()}"
    shown = path.relative_to(root).as_posix()
    return Problem(
        shown, 1, 1, f"symbolic links are not allowed in data/; this one points {where}.", "replace the link with a regular file; links are never followed."
    )
