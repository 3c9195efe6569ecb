"""Each claim's history, read from Git: when it was first published and what changed since.

The repository's first-parent history of the checked-out branch is the record of
publication: the commit that brought a claim's file to the branch published it, and
every later commit that changed its value, quotes, attribution, dates or statement
changed it. A merge on that line brings the commits of the branch it merges, and each of
their changes stays a change of its own, dated by its commit and held between the fork and
the merge, so that merges, pulls and rebases never fold or move a published correction.
One pass over ``git log --first-parent --raw -z`` lists the commits that touched ``data/``
(read token by token: a path may hold any byte but NUL); ``git cat-file`` reads the claim
files they wrote, each through the guarded YAML reader of :mod:`generator.data.load` and its cap.

A claim is its id. A file renamed keeps the claim's history under the new id; a file
deleted withdraws the claim (:attr:`History.withdrawn`), whose id then stays taken.

The result is cached by commit hash in ``.briefing-cache/history/`` (ignored by Git), each
file signed with this machine's key (:mod:`generator.signing`): a build loads the newest
state on its history that passes the check and reads only the commits after it; a forged,
copied or damaged one is discarded with a notice. Outside a Git checkout history is unknown
(:attr:`History.known` is false, :attr:`History.warning` says why); when Git cannot be run or
refuses the repository, or the clone is shallow, :attr:`History.failure` says why too, and
``build`` and ``generate`` stop unless told to build without history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data.load import read_capped
from generator.signing import signing_key as _signing_key
from generator.story.gitlog import (
    CACHE_DIR,
    LOG,
    Entry,
    Git,
    GitUnavailable,
    in_checkout,
    parse_log,
    read_blobs,
    reason,
    time_of,
    visible_line,
)
from generator.story.snapshots import compare, snapshot

log = logging.getLogger(__name__)

#: Bumped whenever the cached state's shape or meaning changes; old caches are then ignored.
CACHE_VERSION = 3
#: Cached states kept besides the newest (older ones are removed).
CACHE_KEEP = 1

#: Fields a reader would call a correction when they change after publication.
CORRECTION_FIELDS = ("value", "reading", "quote", "attribution", "claimed_on", "as_of")
#: Every field whose change counts as a change of the claim, in the order they are described.
TRACKED_FIELDS = (*CORRECTION_FIELDS, "statement", "figure", "citations", "revisions")
#: How each corrected field is named in "Corrected …: value was '…'".
FIELD_LABELS = {"value": "value", "reading": "reading", "quote": "quote", "attribution": "attribution", "claimed_on": "date claimed", "as_of": "as-of date"}


@dataclass(frozen=True)
class Stamp:
    """A commit on the branch and when it landed there (its committer time, UTC)."""

    commit: str
    time: int  # seconds since the epoch

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.time, dt.UTC)

    @property
    def date(self) -> str:
        """``YYYY-MM-DD`` in UTC."""
        return self.moment.date().isoformat()


@dataclass(frozen=True)
class Change:
    """One commit's change to a published claim: which fields, and what the corrected ones were before."""

    stamp: Stamp
    fields: tuple[str, ...]
    #: The earlier value of each corrected field, as the claim's data held it (see :func:`snapshot`).
    before: Mapping[str, Any] = field(default_factory=dict)
    #: The commit on the branch that brought the change (a merge, for a change made on a merged branch);
    #: None when that is the commit of :attr:`stamp`.
    landed: Stamp | None = None

    @property
    def arrived(self) -> Stamp:
        """When the change reached the branch: :attr:`landed`, else :attr:`stamp`."""
        return self.landed or self.stamp

    @property
    def corrected(self) -> tuple[str, ...]:
        return tuple(f for f in self.fields if f in CORRECTION_FIELDS)


@dataclass(frozen=True)
class ClaimHistory:
    """When a claim was first published on the branch, and every change to it since."""

    published: Stamp
    changes: tuple[Change, ...] = ()

    @property
    def updated(self) -> Stamp:
        """The last commit that changed the claim (its publication when nothing changed since)."""
        return self.changes[-1].stamp if self.changes else self.published

    @property
    def corrections(self) -> tuple[Change, ...]:
        """Changes of value, reading, quote, attribution or dates, oldest first."""
        return tuple(c for c in self.changes if c.corrected)


@dataclass(frozen=True)
class Withdrawal:
    """A claim deleted after it was published: when, its history until then, and its last published version."""

    stamp: Stamp
    record: ClaimHistory
    #: The last published version, as :func:`snapshot` gives it.
    latest: dict[str, Any]


@dataclass
class History:
    """What Git says about the data: per claim, and the last change of each data file."""

    known: bool
    warning: str | None = None
    head: str | None = None
    claims: dict[str, ClaimHistory] = field(default_factory=dict)
    #: The last commit that changed each file, by path relative to ``data/`` (``figures/x.yml``).
    files: dict[str, Stamp] = field(default_factory=dict)
    #: The last commit that changed anything in ``data/``.
    data_as_of: Stamp | None = None
    #: The last committed version of each claim, as :func:`snapshot` gives it (for the validator).
    latest: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Claims deleted after publication, by id: their address stays and says so.
    withdrawn: dict[str, Withdrawal] = field(default_factory=dict)
    #: Claims whose file was renamed after publication: old id -> (new id, when).
    renamed: dict[str, tuple[str, Stamp]] = field(default_factory=dict)
    #: Withdrawn ids given to a claim again, and the commit that did it (the validator refuses them).
    reused: dict[str, Stamp] = field(default_factory=dict)
    #: Why history could not be read when Git could not be run or refused the repository (a site
    #: built without it would lose its corrections); None when it was read, or there is none to read.
    failure: str | None = None
    #: One-line notices worth a warning: a discarded cache, a commit whose date cannot be shown.
    notices: list[str] = field(default_factory=list)

    @classmethod
    def unknown(cls, warning: str, failure: str | None = None) -> History:
        return cls(known=False, warning=warning, failure=failure)

    def target(self, ident: str) -> str:
        """Where a renamed claim lives now (following renames in turn); ``ident`` itself when not renamed."""
        seen = {ident}
        while ident in self.renamed:
            ident = self.renamed[ident][0]
            if ident in seen:
                break
            seen.add(ident)
        return ident


# --- reading Git -----------------------------------------------------------------------------------


def read(root: Path, *, cache: bool = True) -> History:
    """The history of ``root/data`` on the checked-out branch; unknown (with a warning) when Git cannot tell it.

    When Git cannot be run, or refuses the repository, history is unknown and :attr:`History.failure`
    says why: a site built from it would lose its corrections, so ``build`` and ``generate`` stop
    unless told to go on without history (see :func:`generator.story.follow.read`).
    """
    git = Git(root)
    try:
        return _read(git, root, cache=cache)
    except GitUnavailable as error:
        if not in_checkout(root) and str(error).startswith("git not found"):
            return History.unknown(_not_a_checkout(root))
        return History.unknown(f"History unknown: {error}", failure=str(error))


def _not_a_checkout(root: Path) -> str:
    return (
        f"History unknown: {root} is not in a Git checkout, so claims show no date of publication, no corrections and no feed entries. "
        "Build from a clone of the repository to show them."
    )


def _read(git: Git, root: Path, *, cache: bool) -> History:
    probe = git.run("rev-parse", "--is-inside-work-tree")
    if probe.returncode != 0:
        if b"not a git repository" in probe.stderr and b"dubious" not in probe.stderr:
            return History.unknown(_not_a_checkout(root))
        raise GitUnavailable(reason(probe.stderr, "`git rev-parse` failed"))
    if git.text("rev-parse", "--is-shallow-repository") == "true":
        message = (
            "History unknown: this is a shallow clone, whose first commit would look like the publication of every claim, so claims show "
            "no date of publication, no corrections and no feed entries. Fetch the full history with `git fetch --unshallow` "
            "(in GitHub Actions: actions/checkout with fetch-depth: 0)."
        )
        return History.unknown(message, failure="this is a shallow clone")
    head = git.text("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    if not head:
        return History(known=True, head=None)  # a repository with no commit yet: nothing is published
    prefix = git.text("rev-parse", "--show-prefix") or ""
    key = (root.resolve(), head, prefix)
    if cache and key in _LAST:
        return _LAST[key]  # the live preview reads history on every save; a commit changes HEAD
    notices: list[str] = []
    store = _Cache(root / CACHE_DIR, prefix)
    state, since = store.load(git, head, notices) if cache else (None, None)
    state = state or _State()
    if since != head:
        _advance(git, state, since)
        store.save(head, state)
    result = state.history(head)
    result.notices = notices + [*state.notices]
    if cache:
        _LAST.clear()
        _LAST[key] = result
    return result


#: The last history read in this process, by project, commit and prefix (never mutated by readers).
_LAST: dict[tuple[Path, str, str], History] = {}


@dataclass
class _State:
    """What one pass over the log accumulates; JSON-serialisable for the cache."""

    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {published, changes, latest}
    #: Claims deleted after publication: id -> {stamp, published, latest}.
    withdrawn: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Claims whose file was renamed after publication: old id -> {to, stamp}.
    renamed: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Withdrawn ids given to a claim again: id -> the commit that did it.
    reused: dict[str, list[Any]] = field(default_factory=dict)
    files: dict[str, list[Any]] = field(default_factory=dict)  # path under data/ -> [commit, time]
    data_as_of: list[Any] | None = None
    #: Things about the history worth a warning: commits whose date cannot be shown.
    notices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _STATE_FIELDS}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _State:
        return cls(**{name: data[name] for name in _STATE_FIELDS})

    def history(self, head: str) -> History:
        out = History(known=True, head=head, data_as_of=Stamp(*self.data_as_of) if self.data_as_of else None)
        out.files = {path: Stamp(*s) for path, s in self.files.items()}
        for ident, entry in self.claims.items():
            out.claims[ident] = _claim_history(entry)
            out.latest[ident] = entry["latest"]
        for ident, entry in self.withdrawn.items():
            out.withdrawn[ident] = Withdrawal(Stamp(*entry["stamp"]), _claim_history(entry), entry["latest"])
        for ident, entry in self.renamed.items():
            out.renamed[ident] = (entry["to"], Stamp(*entry["stamp"]))
        out.reused = {ident: Stamp(*stamp) for ident, stamp in self.reused.items()}
        return out


_STATE_FIELDS = ("claims", "withdrawn", "renamed", "reused", "files", "data_as_of", "notices")


def _claim_history(entry: dict[str, Any]) -> ClaimHistory:
    changes = tuple(Change(Stamp(*c["stamp"]), tuple(c["fields"]), c["before"], Stamp(*c["landed"]) if c.get("landed") else None) for c in entry["changes"])
    return ClaimHistory(Stamp(*entry["published"]), changes)


def _advance(git: Git, state: _State, since: str | None) -> None:
    """Read the commits after ``since`` (all of them when None) into ``state``, oldest first.

    A merge on the branch brings the commits of the branch it merges: each of their changes to a
    claim is kept as a change of its own, dated by its commit (see :func:`_side`), so that merging
    a branch, or pulling with a merge, never folds two corrections into one.
    """
    revisions = f"{since}..HEAD" if since else "HEAD"
    output = git.checked(*LOG, "--first-parent", "--diff-merges=first-parent", "-M", "--format=commit %H %ct %P", revisions, "--", "data")
    commits = list(parse_log(output))
    sides: dict[str, list[tuple[str, bytes, list[Entry], list[str]]]] = {}
    floors: dict[str, bytes] = {}
    for commit, _, entries, parents in commits:
        if len(parents) > 1 and any(_claim_id(e.path) for e in entries):
            sides[commit], floors[commit] = _side(git, parents)
    every = [e for c in commits for e in c[2]] + [e for side in sides.values() for c in side for e in c[2]]
    wanted = sorted({blob for entry in every if _claim_id(entry.path) for blob in (entry.blob, entry.old) if blob})
    blobs = read_blobs(git, wanted)
    previous = state.data_as_of[1] if state.data_as_of else 0
    for commit, raw_time, entries, _ in commits:
        time = time_of(raw_time)
        if time is None:
            state.notices.append(
                f"commit {commit[:12]} has a committer date that cannot be shown as a calendar date ({visible_line(raw_time.decode('ascii', 'replace')) or 'none'}); "
                "its changes are dated as the commit before it."
            )
            time = previous
        previous = time
        side = []
        if commit in sides:
            floor = time_of(floors[commit]) or 0
            for made, made_time, made_entries, _ in sides[commit]:
                side.append(([made, min(max(time_of(made_time) or time, floor), time)], made_entries))
        _apply(state, [commit, time], entries, blobs, side)


def _side(git: Git, parents: list[str]) -> tuple[list[tuple[str, bytes, list[Entry], list[str]]], bytes]:
    """The commits a merge brings from its other parents (oldest first, merges left out), and the time of the fork.

    A change made on the merged branch is dated by its commit, held between the fork (the newest commit
    the branch shares with the first parent: nothing on the branch was made before it) and the merge
    (nothing was published after it).
    """
    first, others = parents[0], parents[1:]
    output = git.checked(*LOG, "--topo-order", "--no-merges", "--no-renames", "--format=commit %H %ct %P", *others, f"^{first}", "--", "data")
    base = git.text("merge-base", first, *others[:1]) or ""
    floor = (git.text("log", "-1", "--format=%ct", base) or "").encode() if base else b""
    return list(parse_log(output)), floor


@dataclass
class _Brought:
    """What a merged branch did to one claim: its version at the branch's tip, when it added the claim, and its changes."""

    tip: str | None = None
    added: list[Any] | None = None
    changes: list[dict[str, Any]] = field(default_factory=list)


def _brought(side: list[tuple[list[Any], list[Entry]]], blobs: Mapping[str, Any], landed: list[Any]) -> dict[str, _Brought]:
    out: dict[str, _Brought] = {}
    for stamp, entries in side:
        for item in entries:
            ident = _claim_id(item.path)
            if ident is None:
                continue
            record = out.setdefault(ident, _Brought())
            record.tip = item.blob
            new = snapshot(blobs.get(item.blob)) if item.blob else None
            if new is None:
                continue
            old = snapshot(blobs.get(item.old)) if item.old else None
            if old is None:
                record.added = record.added or stamp
                continue
            fields, before = compare(old, new)
            if fields:
                record.changes.append({"stamp": stamp, "fields": list(fields), "before": before, "landed": landed})
    return out


def _apply(state: _State, stamp: list[Any], entries: list[Entry], blobs: Mapping[str, Any], side: list[tuple[list[Any], list[Entry]]] | None = None) -> None:
    """One commit on the branch; ``side``: for a merge, the commits of the branch it merged, each with its (held) stamp."""
    state.data_as_of = stamp
    brought = _brought(side, blobs, stamp) if side else {}
    gone: set[str] = set()
    written: dict[str, str] = {}  # id -> blob
    moved: dict[str, str] = {}  # new id -> old id
    for item in entries:
        for path in (item.source, item.path):
            if path is None:
                continue
            rel = path[len("data/") :]
            if not rel.startswith("drafts/"):  # drafts are never published
                state.files[rel] = stamp
        if item.source is not None:
            old = _claim_id(item.source)
            if old is not None:
                gone.add(old)
        ident = _claim_id(item.path)
        if ident is None:
            continue
        if item.blob is None:
            gone.add(ident)
            continue
        written[ident] = item.blob
        old = _claim_id(item.source) if item.source else None
        if old is not None and old != ident:
            moved[ident] = old
    gone -= written.keys()
    for ident, blob in written.items():
        snap = snapshot(blobs.get(blob))
        if snap is None:
            continue  # a version that does not parse was never published
        entry = state.claims.get(ident)
        origin = moved.get(ident)
        if entry is None and origin in state.claims and origin in gone:
            # The file was renamed: the claim keeps its history under its new id.
            entry = state.claims[ident] = state.claims.pop(origin)
            state.renamed[origin] = {"to": ident, "stamp": stamp}
            gone.discard(origin)
        branch = brought.get(ident)
        tip = snapshot(blobs.get(branch.tip)) if branch and branch.tip else None
        if entry is None:
            if ident in state.withdrawn:
                state.reused[ident] = stamp  # refused by the validator: a withdrawn address stays withdrawn
            if branch is None or branch.added is None or tip is None:
                state.claims[ident] = {"published": stamp, "changes": [], "latest": snap}
                continue
            # Added on the merged branch: published when its commit made it, then changed as the branch changed it.
            entry = state.claims[ident] = {"published": branch.added, "changes": [], "latest": tip}
        fields, before = compare(entry["latest"], snap)
        if branch is not None and tip is not None:
            # The merge's own change is what it holds that neither side did (a conflict resolved by hand).
            entry["changes"].extend(c for c in branch.changes if c["stamp"][1] >= entry["published"][1])
            kept, _ = compare(tip, snap)
            fields = tuple(f for f in fields if f in kept)
            before = {k: v for k, v in before.items() if k in fields}
        if fields:
            entry["changes"].append({"stamp": stamp, "fields": list(fields), "before": before})
        entry["changes"].sort(key=lambda c: c["stamp"][1])
        entry["latest"] = snap
    for ident in sorted(gone):
        entry = state.claims.pop(ident, None)
        if entry is not None:
            state.withdrawn[ident] = {**entry, "stamp": stamp}
            state.reused.pop(ident, None)


def _claim_id(path: str) -> str | None:
    """The id a path under ``data/`` names, when it is a claim's file the validator would read (its name a valid id)."""
    if path.startswith("data/claims/") and path.endswith(".yml") and path.count("/") == 2:
        ident = path[len("data/claims/") : -len(".yml")]
        return ident if len(ident) <= 120 and _ID.fullmatch(ident) else None
    return None


#: A claim's id, as the schema has it: a slug, at most 120 characters.
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def sign(payload: bytes) -> bytes:
    """The HMAC-SHA256 of a cached state under this machine's key, apart from the render cache's (a signature of one never fits the other)."""
    return hmac.new(_signing_key(), b"briefing history cache\0" + payload, hashlib.sha256).digest()


class _Cache:
    """States of the history by commit hash, in ``.briefing-cache/history/``, each signed (see :mod:`generator.site.cache`).

    A state is what a pass over the log found, so a forged one would rewrite the published record:
    each file carries an HMAC-SHA256 under the key only this machine holds, and one that fails the
    check (copied, committed with a pull request, truncated) is discarded and history read again from Git.
    """

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder / "history"
        self.prefix = prefix

    def _path(self, commit: str) -> Path:
        return self.folder / f"{commit}.json"

    def load(self, git: Git, head: str, notices: list[str]) -> tuple[_State | None, str | None]:
        """The newest cached state on the branch's first-parent history, and its commit."""
        try:
            cached = {p.stem for p in self.folder.glob("*.json")}
        except OSError:
            return None, None
        if not cached:
            return None, None
        if head not in cached:
            listing = git.text("rev-list", "--first-parent", "HEAD") or ""
            head = next((c for c in listing.split() if c in cached), "")
        if not head:
            return None, None
        path = self._path(head)
        try:
            blob = read_capped(path, MAX_CACHE_BYTES)
        except OSError:
            return None, None
        signature, payload = blob[:32], blob[32:]
        try:
            if len(blob) > MAX_CACHE_BYTES or not hmac.compare_digest(signature, sign(payload)):
                raise ValueError("not signed on this machine")
            data = json.loads(payload)
            if data.get("version") != CACHE_VERSION or data.get("prefix") != self.prefix:
                return None, None
            return _State.from_json(data["state"]), head
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            notices.append(f"Discarded the history cache {path.name} ({error}); history was read again from Git.")
            return None, None

    def save(self, head: str, state: _State) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Briefing's caches: local to this machine, never committed.\n*\n", encoding="utf-8")
            payload = json.dumps({"version": CACHE_VERSION, "prefix": self.prefix, "state": state.to_json()}).encode()
            tmp = self._path(head).with_suffix(".tmp")
            tmp.write_bytes(sign(payload) + payload)
            tmp.replace(self._path(head))
            old = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[CACHE_KEEP + 1 :]
            for path in old:
                path.unlink(missing_ok=True)
        except OSError as error:  # a read-only checkout still builds, only more slowly
            log.warning("Could not cache the history in %s: %s", self.folder, error)


#: The largest history cache read back (a state of a million claims is far smaller).
MAX_CACHE_BYTES = 2 * 1024**3
