"""What validation found in each file, kept on disk between runs and keyed by the file's digest.

``.briefing-cache/validated.pickle`` holds, for each file of ``data/`` read by the last run,
the SHA-256 of its bytes and what reading it found: for a YAML file its data and the problems
of passes 1 and 2 (:mod:`generator.data.validate`); for an archived text its hash and
problems. For each claim that passed the corpus checks (pass 3) it holds the quote spans,
with the digests of what the checks read: the claim's file and the record and text of each
source it cites. A later run reads a file again only when its digest changed, and checks a
claim again only when one of those digests did, or an id it names is gone; everything else
(ids, names, bounds, every reference) is checked again as always, from the kept data. So a
run gives the same corpus and the same messages, with their lines and columns (a kept
document reads its positions from the file the first time a message needs one), as a run
without the cache; ``tests/test_validated_cache.py`` compares them.

A file is hashed again only when its size, modification or change time, inode or device
differ from when it was hashed (as Git's index does), and a file modified in the last two
seconds is not trusted that way, so that a write within the clock's resolution is seen.

The file is keyed by a digest of the generator's code and schemas and of the YAML and schema
libraries' versions, and signed like the render cache (:mod:`generator.signed`): a cache file
that arrives with a pull request is never unpickled, and the cost is a cold validation.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from generator import signed
from generator.data.load import Document, Read, read_capped, read_text

STATE_FILE = "validated.pickle"
#: Libraries whose version can change what reading or the schema check finds.
LIBRARIES = ("pyyaml", "fastjsonschema", "jsonschema")
#: A file modified this recently is hashed even when its stat is unchanged.
RACY_NS = 2_000_000_000
_T = TypeVar("_T")

#: A file's size, modification and change times, inode and device, packed; empty when it is not to be trusted.
_SIGNATURE = struct.Struct("<QqqQQ")


@dataclass
class _State:
    """What the last run found. Each value is pickled on its own, so that the file holds a few objects per data file,
    not every value of every record: at 100,000 claims, pickling the records whole took 600 MB more for the pickler's table."""

    key: str
    #: Each file by its shown path: its signature, its digest, and what reading it found (pickled).
    files: dict[str, tuple[bytes, bytes, bytes]] = field(default_factory=dict)
    #: A claim that passed the corpus checks: the digests they read (joined), and its quote spans (pickled).
    claims: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)


class StoredDocument(Document):
    """A document whose data came from the cache: its positions are read from its file when a message first needs one."""

    __slots__ = ("_file", "_limit")

    def __init__(self, shown: str, data: Any, file: Path, limit: int) -> None:
        super().__init__(shown, data, text="")
        self._file, self._limit = file, limit

    def _read_positions(self) -> None:
        if self._values is None:
            try:
                self._text = read_text(self._file, self.path, self._limit)[0] or ""
            except OSError:
                self._text = ""
            super()._read_positions()


class Validated:
    """The cache of one project's validation (see the module docstring)."""

    def __init__(self, folder: Path, *, reuse: bool = True, stats: dict[str, os.stat_result] | None = None) -> None:
        self.path = folder / STATE_FILE
        #: Stats already taken this run, by path: each is used once, in place of asking again.
        self._stats = stats if stats is not None else {}
        self.key = signed.code_key(LIBRARIES).hexdigest()
        old = signed.load(self.path) if reuse else None
        self._old = old if isinstance(old, _State) and old.key == self.key else _State(self.key)
        self._new = _State(self.key)
        self._changed = False
        #: What this run took from the cache: files not read again, claims not checked again.
        self.files_kept = 0
        self.claims_kept = 0

    def file(self, path: Path, shown: str, limit: int, compute: Callable[[Read | None], _T]) -> tuple[bytes | None, _T, bool]:
        """``compute``'s result for the file at ``path``, from the cache while the file's digest is the same.

        ``compute`` is given the file's size and at most its first ``limit + 1`` bytes, read once
        for the digest and the reading both (None: read it yourself). Returns the file's digest
        (None for anything but a regular file, which is never cached), the value, and whether
        it came from the cache.
        """
        try:
            info = self._stats.pop(str(path), None) or os.stat(path, follow_symlinks=False)
        except OSError:
            return None, compute(None), False
        if not stat.S_ISREG(info.st_mode):
            return None, compute(None), False
        signature = _SIGNATURE.pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
            signature = b""
        old = self._old.files.get(shown)
        if old is not None and signature and old[0] == signature:
            self._new.files[shown] = old
            self.files_kept += 1
            return old[1], pickle.loads(old[2]), True
        try:
            raw = read_capped(path, limit)
        except OSError:
            return None, compute(None), False
        hashed = hashlib.sha256(raw)
        hashed.update(b"|%d" % info.st_size)
        digest = hashed.digest()
        self._changed = True
        if old is not None and old[1] == digest:
            self._new.files[shown] = (signature, digest, old[2])
            self.files_kept += 1
            return digest, pickle.loads(old[2]), True
        value = compute((info.st_size, raw))
        self._new.files[shown] = (signature, digest, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return digest, value, False

    def claim(
        self, stem: str, deps: tuple[bytes, ...], check: Callable[[], tuple[list[Any], list[tuple[int, int]]]]
    ) -> tuple[list[Any], list[tuple[int, int]]]:
        """A claim's corpus problems and quote spans: kept from the last run while the digests ``deps`` are the same and it had none."""
        joined = b"".join(deps)
        old = self._old.claims.get(stem)
        if old is not None and old[0] == joined:
            self._new.claims[stem] = old
            self.claims_kept += 1
            return [], pickle.loads(old[1])
        problems, spans = check()
        if not problems:
            self._new.claims[stem] = (joined, pickle.dumps(spans, protocol=pickle.HIGHEST_PROTOCOL))
        self._changed = True
        return problems, spans

    def save(self) -> None:
        """Keep what this run found for the next; rewritten only when it differs from what was read."""
        if self._changed or self._new.files.keys() != self._old.files.keys() or self._new.claims.keys() != self._old.claims.keys():
            signed.save(self.path, self._new)
