"""Originals: the saved pages and web archives kept beside archived texts, and their size cap.

``briefing ingest`` keeps the file an article's text was taken from as
``data/sources/<id>.orig.html`` or ``<id>.orig.warc``, gzip-compressed (``.gz``) when large,
and records the SHA-256 of its unpacked bytes in the source's ``original``; ``briefing
validate`` checks that hash here.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.errors import Problem

#: The largest original (HTML page or web archive, unpacked) that ingest reads, in bytes.
#: A saved news page with its images inlined is a few megabytes; a WARC of one article
#: with its resources, some more. Larger files are refused before they are read whole.
MAX_ORIGINAL_BYTES = 25 * 1024 * 1024


def read_original(stored: bytes, compressed: bool, limit: int = MAX_ORIGINAL_BYTES) -> bytes | None:
    """The original's content from its stored bytes, or ``None`` when it is corrupt or over ``limit``."""
    if not compressed:
        return stored if len(stored) <= limit else None
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(stored)) as unpacking:
            content = unpacking.read(limit + 1)
    except (OSError, EOFError, zlib.error):
        return None
    return content if len(content) <= limit else None


def original_digest(path: Path) -> str | None:
    """SHA-256 of an original's unpacked bytes, or ``None`` when it is damaged or over the cap unpacked."""
    with path.open("rb") as handle:
        content = read_original(handle.read(MAX_ORIGINAL_BYTES + 1), path.name.endswith(".gz"))
    return None if content is None else hashlib.sha256(content).hexdigest()


def original_problems(base: Path, stem: str, original: dict[str, Any], digest: Callable[[Path], str | None]) -> list[tuple[tuple[str, ...], str, str]]:
    """What is wrong with the original source ``stem`` names, as (field path, message, hint).

    ``digest`` is :func:`original_digest`, or a cached version of it.
    """
    name = original["file"]
    path = base / name
    if not name.startswith(f"{stem}.orig."):
        return [
            (("original", "file"), f'original "{name}" belongs to another source: it must be named {stem}.orig.….', "name the original after its source's id.")
        ]
    if path.is_symlink():
        return []  # reported as a link, and never read
    if not path.is_file():
        return [(("original", "file"), f"original data/sources/{name} is missing.", "restore it from version control, or remove the original field.")]
    size = path.stat().st_size
    if size > MAX_ORIGINAL_BYTES:
        return [
            (
                ("original", "file"),
                f"original data/sources/{name} is {size:,} bytes, over the limit of {MAX_ORIGINAL_BYTES:,}.",
                "store the original gzip-compressed.",
            )
        ]
    found = digest(path)
    if found is None:
        return [
            (
                ("original", "file"),
                f"original data/sources/{name} cannot be unpacked, or is over {MAX_ORIGINAL_BYTES:,} bytes unpacked.",
                "restore it from version control.",
            )
        ]
    if found != original["sha256"]:
        return [
            (
                ("original", "sha256"),
                f"sha256 does not match data/sources/{name}, which hashes to {found} unpacked.",
                "originals must not change; restore the file, or attach a new one with briefing ingest --replace-archive.",
            )
        ]
    return []


def stray_originals(root: Path, base: Path, listed: set[str], sources: set[str], known: set[str]) -> list[Problem]:
    """``<id>.orig.*`` files no source lists: beside a source that names another, or with no source."""
    problems = []
    for path in sorted(base.glob("*.orig.*")) if base.is_dir() else ():
        owner = path.name.split(".orig.")[0]
        if path.name in listed or path.is_symlink():
            continue
        shown = path.relative_to(root).as_posix()
        if owner in sources:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "original is not named by its source's original.file.",
                    f"add it to data/sources/{owner}.yml with briefing ingest --replace-archive, or remove it.",
                )
            )
        elif owner not in known:
            problems.append(Problem(shown, 1, 1, "original has no metadata file.", "remove it, or ingest it with briefing ingest."))
    return problems
