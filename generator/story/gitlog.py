"""Reading Git for the history: the commands, the ``-z`` log parser and the guarded reading of past files.

Everything Git prints is input: a path may hold any byte but NUL (``-z`` everywhere, read token by
token), an entry may be a link or a submodule (not a file's bytes), a committer time may be past
what a calendar shows, and an old file may be an alias bomb or oversized (read through the guarded
YAML reader and its cap, sizes checked before any content is read). When Git cannot be run or
refuses the repository, :class:`GitUnavailable` says why in Git's words.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.data.load import MAX_YAML_BYTES, parse_yaml
from generator.errors import Problem

#: The cache folder, relative to the project (its files are never committed).
CACHE_DIR = ".briefing-cache"


#: Modes of a Git tree entry that hold a file's bytes; a link (120000) or a submodule (160000) holds no claim.
REGULAR = (b"100644", b"100755")
#: The last second a calendar date can show (9999-12-31T23:59:59Z); Git stores later ones.
LAST_SECOND = 253402300799


class GitUnavailable(Exception):
    """Git could not be run, or refused to read the repository; the message says why."""


class Git:
    def __init__(self, root: Path) -> None:
        self.root = root
        # A build must not depend on the user's pager, colours, replacement objects or grafts.
        self.env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0", "GIT_NO_REPLACE_OBJECTS": "1"}
        for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"):
            self.env.pop(name, None)

    def run(self, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(["git", *args], cwd=self.root, env=self.env, input=input, capture_output=True, check=False)
        except FileNotFoundError:
            raise GitUnavailable("git not found: no `git` program on the PATH, so the repository's history cannot be read.") from None
        except OSError as error:
            raise GitUnavailable(f"git cannot be run: {error.strerror or error}.") from None

    def checked(self, *args: str, input: bytes | None = None) -> bytes:
        """Git's output; :class:`GitUnavailable` naming Git's own reason when it fails."""
        result = self.run(*args, input=input)
        if result.returncode != 0:
            raise GitUnavailable(reason(result.stderr, f"`git {args[0]}` failed (exit {result.returncode})"))
        return result.stdout

    def text(self, *args: str) -> str | None:
        result = self.run(*args)
        return result.stdout.decode("utf-8", "replace").strip() if result.returncode == 0 else None


def reason(stderr: bytes, fallback: str) -> str:
    """Git's complaint in one line: ``dubious ownership: …`` when Git refuses a repository another user owns."""
    lines = [visible_line(line) for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    text = " ".join(line.removeprefix("fatal: ").removeprefix("error: ") for line in lines[:1]) or fallback
    if "dubious ownership" in stderr.decode("utf-8", "replace"):
        return f"dubious ownership: {text}"
    return text


def visible_line(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text.strip())


def in_checkout(root: Path) -> bool:
    """Whether ``root`` or a folder above it holds ``.git`` (asked only when Git cannot say so itself)."""
    return any((folder / ".git").exists() for folder in (root.resolve(), *root.resolve().parents))


#: How the log is read: oldest first, every path NUL-terminated, full hashes, paths relative to the project.
LOG = ("log", "--reverse", "--raw", "-z", "--no-abbrev", "--relative", "--no-textconv", "--no-ext-diff")


def time_of(raw: bytes) -> int | None:
    """A committer time (seconds since the epoch) a calendar can show, or None."""
    if not raw.isdigit() or len(raw) > 12:
        return None
    time = int(raw)
    return time if time <= LAST_SECOND else None


@dataclass(frozen=True)
class Entry:
    """One path of a commit's raw diff: where it is now, and its new blob (None: it holds no claim any more)."""

    path: str
    blob: str | None
    #: For a rename, the path it came from.
    source: str | None = None
    #: The blob the path held before (None: it held no file's bytes).
    old: str | None = None


def parse_log(output: bytes) -> Iterator[tuple[str, bytes, list[Entry], list[str]]]:
    """Commits of ``git log --raw -z -M --format=commit %H %ct %P``: hash, raw time, each entry, and the parents.

    With ``-z`` every path ends at a NUL and is never quoted, so a path may hold any byte but NUL:
    the output is read token by token, and a path is never taken for a header or an entry.
    """
    tokens = output.split(b"\x00")
    commit: tuple[str, bytes, list[Entry], list[str]] | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b":") and commit is not None:
            meta = token[1:].split()
            if len(meta) < 5:
                continue
            old_mode, new_mode, old_blob, new_blob, status = meta[0], meta[1], meta[2], meta[3], meta[4][:1]
            count = 2 if status in (b"R", b"C") else 1
            paths = [t.decode("utf-8", "surrogateescape") for t in tokens[i : i + count]]
            i += count
            if len(paths) < count:
                break
            holds = status != b"D" and new_mode in REGULAR
            blob = new_blob.decode("ascii") if holds else None
            old = old_blob.decode("ascii") if old_mode in REGULAR and status != b"A" else None
            if status == b"R":
                commit[2].append(Entry(paths[1], blob, source=paths[0], old=old))
            else:
                commit[2].append(Entry(paths[-1], blob, old=old))
        elif token.startswith(b"commit "):
            if commit is not None:
                yield commit
            parts = token.split(b" ")
            parents = [p.decode("ascii", "replace") for p in parts[3:] if p]
            commit = (parts[1].decode("ascii", "replace"), parts[2] if len(parts) > 2 else b"", [], parents)
    if commit is not None:
        yield commit


def read_blobs(git: Git, blobs: list[str]) -> dict[str, Any]:
    """Each blob's data, read through the guarded YAML reader (``None`` for one it refuses, or one over the size cap).

    ``git cat-file --batch-check`` gives each object's type and size first; only blobs within
    :data:`~generator.data.load.MAX_YAML_BYTES` are read, so no past file costs more than a file of today.
    """
    if not blobs:
        return {}
    listing = git.checked("cat-file", "--batch-check", input=("\n".join(blobs) + "\n").encode())
    small = []
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == b"blob" and parts[2].isdigit() and int(parts[2]) <= MAX_YAML_BYTES:
            small.append(parts[0].decode("ascii"))
    out: dict[str, Any] = dict.fromkeys(blobs)
    if not small:
        return out
    data = git.checked("cat-file", "--batch", input=("\n".join(small) + "\n").encode())
    pos = 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        if end < 0:
            break
        header = data[pos:end].split()
        pos = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # "<name> missing": no content follows
        size = int(header[2])
        content = data[pos : pos + size]
        pos += size + 1
        if header[1] == b"blob":
            out[header[0].decode("ascii")] = parse_blob(content)
    return out


def parse_blob(content: bytes) -> Any:
    try:
        text = content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    doc, problems = parse_yaml(text, "history")
    return doc.data if doc is not None and not problems else None


def committed_cache(root: Path) -> list[Problem]:
    """An error for each file of ``.briefing-cache/`` that Git tracks: caches are this machine's, never the repository's."""
    git = Git(root)
    try:
        result = git.run("ls-files", "-z", "--full-name", "--", CACHE_DIR)
    except GitUnavailable:
        return []
    if result.returncode != 0:
        return []
    prefix = (git.text("rev-parse", "--show-prefix") or "").encode()
    out = []
    for name in sorted(set(result.stdout.split(b"\x00")) - {b""})[:10]:
        shown = name.removeprefix(prefix).decode("utf-8", "replace")
        out.append(
            Problem(
                visible_line(shown),
                1,
                1,
                f"{CACHE_DIR}/ is committed; it is a cache of this machine's builds, and the build never reads one that came with the repository.",
                f"remove it from the repository with `git rm -r --cached {CACHE_DIR}`; it is ignored by Git from then on.",
            )
        )
    return out
