"""What validation read and found, kept between runs in one process (the live preview's).

See :class:`ReadCache`; :func:`generator.data.validate.validate` takes one.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from generator.data.load import Document
from generator.errors import Problem

_T = TypeVar("_T")


class ReadCache:
    """What reading and checking each file found, reused while the file is unchanged.

    The live preview validates the whole corpus on every save; with this cache it parses
    only the files that changed. A file counts as unchanged while its size, inode and
    modification and change times are (editors that save by renaming get a new inode).
    When the caller watches ``data/`` (the preview's file watcher), it sets :attr:`changed`
    to the paths the watcher saw, and every other file is taken as unchanged without a
    ``stat``; a folder is listed again only when a file in it appeared, went or changed kind.
    Each claim's corpus checks (references, dates, quotes located in their texts) are kept
    while its document, the folders' listings and the sources it cites are the same objects.
    Cached documents are never mutated by validation, so sharing them is safe.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, str], tuple[tuple[int, ...], Any]] = {}
        self._records: dict[int, tuple[Document, tuple[Any, ...], Any]] = {}
        self._listings: dict[Path, Listing] = {}
        self._claims: dict[str, tuple[tuple[Any, ...], list[Problem], list[tuple[int, int]]]] = {}
        self._memos: dict[tuple[str, int], tuple[Document, tuple[Any, ...], Any]] = {}
        #: Paths that may have changed since the last validation with this cache; None: unknown, check every file.
        self.changed: frozenset[Path] | None = None

    def record(self, doc: Document, extra: tuple[Any, ...], build: Callable[[], _T]) -> _T:
        """The model record built from ``doc`` (and ``extra`` inputs), rebuilt only when either changed."""
        hit = self._records.get(id(doc))
        if hit is not None and hit[0] is doc and hit[1] == extra:
            return cast(_T, hit[2])
        value = build()
        self._records[id(doc)] = (doc, extra, value)
        return value

    def memo(self, what: str, doc: Document, deps: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
        """What ``compute`` found for ``doc``, computed again only when ``doc`` or one of ``deps`` is not the very same object."""
        hit = self._memos.get((what, id(doc)))
        if hit is not None and hit[0] is doc and len(hit[1]) == len(deps) and all(a is b for a, b in zip(hit[1], deps, strict=True)):
            return cast(_T, hit[2])
        value = compute()
        self._memos[(what, id(doc))] = (doc, deps, value)
        return value

    def get(self, path: Path, what: str, compute: Callable[[], _T]) -> _T:
        hit = self._entries.get((path, what))
        if hit is not None and self.changed is not None and path not in self.changed:
            return cast(_T, hit[1])
        info = path.stat()
        signature = (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
        if hit is not None and hit[0] == signature:
            return cast(_T, hit[1])
        value = compute()
        self._entries[(path, what)] = (signature, value)
        return value

    def listing(self, base: Path, compute: Callable[[], Listing]) -> Listing:
        """The listing of ``base``, listed again unless the watcher says no entry in it appeared, went or changed kind."""
        hit = self._listings.get(base)
        if hit is not None and self.changed is not None and all(kind_of(path) == hit.kinds.get(path.name) for path in self.changed if path.parent == base):
            return hit
        self._listings[base] = listing = compute()
        return listing

    def claim(
        self, stem: str, deps: tuple[Any, ...], check: Callable[[], tuple[list[Problem], list[tuple[int, int]]]]
    ) -> tuple[list[Problem], list[tuple[int, int]]]:
        """A claim's corpus problems and quote spans, checked again only when one of ``deps`` is not the very same object."""
        hit = self._claims.get(stem)
        if hit is not None and len(hit[0]) == len(deps) and all(a is b for a, b in zip(hit[0], deps, strict=True)):
            return hit[1], hit[2]
        problems, spans = check()
        self._claims[stem] = (deps, problems, spans)
        return problems, spans


def kind_of(path: Path) -> str | None:
    """What ``path`` is, as a listing records it: "link", "file", "dir", "other", or None when absent."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return None
    return "link" if stat.S_ISLNK(mode) else "file" if stat.S_ISREG(mode) else "dir" if stat.S_ISDIR(mode) else "other"


@dataclass(frozen=True, eq=False)
class Listing:
    """What listing one data folder found: its entries' kinds, the files to read, the ids and the problems."""

    kinds: dict[str, str]
    paths: tuple[Path, ...]
    stems: tuple[str, ...]
    known: frozenset[str]
    problems: tuple[Problem, ...]
