"""Each claim's history, read from Git: when it was first published and what changed since.

The repository's first-parent history of the checked-out branch is the record of
publication: the commit that brought a claim's file to the branch published it, and
every later commit that changed its value, quotes, attribution, dates or statement
changed it. One pass over ``git log --first-parent --raw`` lists the commits that touched
``data/``; ``git cat-file --batch`` reads the claim files they wrote, each parsed once.

The result is cached by commit hash in ``.briefing-cache/`` (ignored by Git): a build
loads the state at the newest cached commit on its history and reads only the commits
after it. Outside a Git checkout, or in a shallow clone (whose oldest commit would look
like the publication of everything), history is unknown: :attr:`History.known` is
false, :attr:`History.warning` says why, and the site builds without dates of
publication, corrections or feeds entries.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

CACHE_DIR = ".briefing-cache"
#: Bumped whenever the cached state's shape or meaning changes; old caches are then ignored.
CACHE_VERSION = 1
#: Cached states kept besides the newest (older ones are removed).
CACHE_KEEP = 1

#: Fields a reader would call a correction when they change after publication.
CORRECTION_FIELDS = ("value", "quote", "attribution", "claimed_on", "as_of")
#: Every field whose change counts as a change of the claim, in the order they are described.
TRACKED_FIELDS = (*CORRECTION_FIELDS, "statement", "figure", "citations", "revisions")
#: How each corrected field is named in "Corrected …: value was '…'".
FIELD_LABELS = {"value": "value", "quote": "quote", "attribution": "attribution", "claimed_on": "date claimed", "as_of": "as-of date"}

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        """Changes of value, quote, attribution or dates, oldest first."""
        return tuple(c for c in self.changes if c.corrected)


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

    @classmethod
    def unknown(cls, warning: str) -> History:
        return cls(known=False, warning=warning)


# --- snapshots: the fields of a claim that matter to readers -----------------------------------------


def _date_of(value: Any) -> str | None:
    """The date of a ``claimed_on``/``as_of`` in any form the data has had: a mapping, a date or text."""
    if isinstance(value, dict):
        value = value.get("date")
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def snapshot(data: Any) -> dict[str, Any] | None:
    """The tracked fields of one version of a claim's YAML, normalised so that versions compare.

    Tolerant on purpose: old versions in history may follow an older schema, or not parse.
    """
    if not isinstance(data, dict):
        return None
    value = data.get("value")
    citations = [c for c in data.get("citations") or [] if isinstance(c, dict)]
    revisions = data.get("revisions") or []
    return {
        "value": [value.get("text"), value.get("hedge"), value.get("low"), value.get("high"), bool(value.get("approximate"))]
        if isinstance(value, dict)
        else None,
        "quotes": [[str(c.get("source")), str(c.get("quote"))] for c in citations],
        "actor": data.get("actor"),
        "via": [[str(c.get("source")), [str(v) for v in c.get("via") or []]] for c in citations],
        "claimed_on": _date_of(data.get("claimed_on")),
        "as_of": _date_of(data.get("as_of")),
        "statement": data.get("statement"),
        "figure": data.get("figure"),
        "revisions": [[_date_of(r.get("date")), r.get("note")] for r in revisions if isinstance(r, dict)],
    }


def compare(old: dict[str, Any], new: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """Which tracked fields differ between two snapshots, and the old value of each corrected one."""
    changed: list[str] = []
    before: dict[str, Any] = {}
    if old["value"] != new["value"]:
        changed.append("value")
        before["value"] = old["value"]
    new_quotes = {tuple(q) for q in new["quotes"]}
    lost = [q for q in old["quotes"] if tuple(q) not in new_quotes]
    if lost:
        # A quote reworded or a citation withdrawn: what readers were shown is no longer there.
        changed.append("quote")
        before["quote"] = lost[0][1]
    new_via = {tuple(map(_freeze, v)) for v in new["via"]}
    kept_sources = {q[0] for q in new["quotes"]}
    via_changed = [v for v in old["via"] if v[0] in kept_sources and tuple(map(_freeze, v)) not in new_via]
    if old["actor"] != new["actor"] or via_changed:
        changed.append("attribution")
        before["attribution"] = {"actor": old["actor"], "via": (via_changed[0][1] if via_changed else [])}
    for name in ("claimed_on", "as_of"):
        if old[name] != new[name]:
            changed.append(name)
            before[name] = old[name]
    for name in ("statement", "figure"):
        if old[name] != new[name]:
            changed.append(name)
    if {q[0] for q in old["quotes"]} < kept_sources:
        changed.append("citations")  # reported by one more article: news, not a correction
    if old["revisions"] != new["revisions"]:
        changed.append("revisions")
    return tuple(changed), before


def _freeze(item: Any) -> Any:
    return tuple(item) if isinstance(item, list) else item


# --- reading Git -----------------------------------------------------------------------------------


class _Git:
    def __init__(self, root: Path) -> None:
        self.root = root
        # A build must not depend on the user's pager, colours or config of diffs.
        self.env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}

    def run(self, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", *args], cwd=self.root, env=self.env, input=input, capture_output=True, check=False)

    def text(self, *args: str) -> str | None:
        try:
            result = self.run(*args)
        except OSError:
            return None
        return result.stdout.decode("utf-8", "replace").strip() if result.returncode == 0 else None


def read(root: Path, *, cache: bool = True) -> History:
    """The history of ``root/data`` on the checked-out branch; unknown (with a warning) when Git cannot tell it."""
    git = _Git(root)
    inside = git.text("rev-parse", "--is-inside-work-tree")
    if inside is None:
        return History.unknown(
            f"History unknown: {root} is not in a Git checkout, so claims show no date of publication, no corrections and no feed entries. "
            "Build from a clone of the repository to show them."
        )
    if git.text("rev-parse", "--is-shallow-repository") == "true":
        return History.unknown(
            "History unknown: this is a shallow clone, whose first commit would look like the publication of every claim, so claims show "
            "no date of publication, no corrections and no feed entries. Fetch the full history with `git fetch --unshallow` "
            "(in GitHub Actions: actions/checkout with fetch-depth: 0)."
        )
    head = git.text("rev-parse", "--verify", "--quiet", "HEAD")
    if not head:
        return History(known=True, head=None)  # a repository with no commit yet: nothing is published
    prefix = git.text("rev-parse", "--show-prefix") or ""
    key = (root.resolve(), head, prefix)
    if cache and key in _LAST:
        return _LAST[key]  # the live preview reads history on every save; a commit changes HEAD
    store = _Cache(root / CACHE_DIR, prefix) if cache else None
    state, since = store.load(git, head) if store else (None, None)
    state = state or _State()
    if since != head:
        _advance(git, state, since)
        if store:
            store.save(head, state)
    result = state.history(head)
    if cache:
        _LAST.clear()
        _LAST[key] = result
    return result


#: The last history read in this process, by project, commit and prefix (never mutated by readers).
_LAST: dict[tuple[Path, str, str], History] = {}


@dataclass
class _State:
    """What one pass over the log accumulates; JSON-serialisable for the cache."""

    claims: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {published, changes, latest, gone}
    files: dict[str, list[Any]] = field(default_factory=dict)  # path under data/ -> [commit, time]
    data_as_of: list[Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {"claims": self.claims, "files": self.files, "data_as_of": self.data_as_of}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _State:
        return cls(data["claims"], data["files"], data["data_as_of"])

    def history(self, head: str) -> History:
        out = History(known=True, head=head, data_as_of=Stamp(*self.data_as_of) if self.data_as_of else None)
        out.files = {path: Stamp(*s) for path, s in self.files.items()}
        for ident, entry in self.claims.items():
            if entry["gone"]:
                continue
            changes = tuple(Change(Stamp(*c["stamp"]), tuple(c["fields"]), c["before"]) for c in entry["changes"])
            out.claims[ident] = ClaimHistory(Stamp(*entry["published"]), changes)
            out.latest[ident] = entry["latest"]
        return out


def _advance(git: _Git, state: _State, since: str | None) -> None:
    """Read the commits after ``since`` (all of them when None) into ``state``, oldest first."""
    revisions = f"{since}..HEAD" if since else "HEAD"
    args = ["log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--raw", "-z", "--no-abbrev", "--no-renames", "--relative"]
    result = git.run(*args, "--format=%x01%H %ct", revisions, "--", "data")
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode("utf-8", "replace").strip())
    commits = list(_parse_log(result.stdout))
    wanted = sorted({blob for _, _, entries in commits for path, blob in entries if blob and _claim_id(path)})
    blobs = _read_blobs(git, wanted)
    for commit, time, entries in commits:
        stamp = [commit, time]
        state.data_as_of = stamp
        for path, blob in entries:
            rel = path[len("data/") :]
            if rel.startswith("drafts/"):
                continue  # drafts are never published
            state.files[rel] = stamp
            ident = _claim_id(path)
            if ident is None:
                continue
            entry = state.claims.get(ident)
            if blob is None:  # deleted
                if entry is not None:
                    entry["gone"] = True
                continue
            snap = snapshot(blobs.get(blob))
            if snap is None:
                continue
            if entry is None:
                state.claims[ident] = {"published": stamp, "changes": [], "latest": snap, "gone": False}
                continue
            fields, before = compare(entry["latest"], snap)
            entry["gone"] = False
            if fields:
                entry["changes"].append({"stamp": stamp, "fields": list(fields), "before": before})
            entry["latest"] = snap


def _claim_id(path: str) -> str | None:
    if path.startswith("data/claims/") and path.endswith(".yml") and path.count("/") == 2:
        return path[len("data/claims/") : -len(".yml")]
    return None


def _parse_log(output: bytes) -> Iterator[tuple[str, int, list[tuple[str, str | None]]]]:
    """Commits of ``git log --raw -z --format=%x01%H %ct``: hash, time, and each (path, new blob or None when deleted)."""
    for record in output.split(b"\x01")[1:]:
        header, _, rest = record.partition(b"\x00")
        commit, _, time = header.decode().partition(" ")
        tokens = rest.lstrip(b"\n").split(b"\x00")
        entries: list[tuple[str, str | None]] = []
        for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
            if not meta.startswith(b":"):
                continue
            fields = meta.decode().split()
            new_blob, status = fields[3], fields[4]
            entries.append((path.decode("utf-8", "surrogateescape"), None if status.startswith("D") else new_blob))
        yield commit, int(time), entries


def _read_blobs(git: _Git, blobs: list[str]) -> dict[str, Any]:
    """Parse each blob as YAML (``None`` for one that does not parse), read through one ``git cat-file --batch``."""
    if not blobs:
        return {}
    result = git.run("cat-file", "--batch", input=("\n".join(blobs) + "\n").encode())
    out: dict[str, Any] = {}
    data, pos = result.stdout, 0
    for blob in blobs:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        text = data[pos : pos + size]
        pos += size + 1
        try:
            out[blob] = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
        except yaml.YAMLError:
            out[blob] = None
    return out


class _Cache:
    """States of the history by commit hash, in ``.briefing-cache/history/``."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.folder = folder / "history"
        self.prefix = prefix

    def _path(self, commit: str) -> Path:
        return self.folder / f"{commit}.json"

    def load(self, git: _Git, head: str) -> tuple[_State | None, str | None]:
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
        try:
            data = json.loads(self._path(head).read_text(encoding="utf-8"))
            if data.get("version") != CACHE_VERSION or data.get("prefix") != self.prefix:
                return None, None
            return _State.from_json(data["state"]), head
        except (OSError, ValueError, KeyError, TypeError):
            return None, None

    def save(self, head: str, state: _State) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Briefing's cache of Git history; safe to delete.\n*\n", encoding="utf-8")
            tmp = self._path(head).with_suffix(".tmp")
            tmp.write_text(json.dumps({"version": CACHE_VERSION, "prefix": self.prefix, "state": state.to_json()}), encoding="utf-8")
            tmp.replace(self._path(head))
            old = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[CACHE_KEEP + 1 :]
            for path in old:
                path.unlink(missing_ok=True)
        except OSError as error:  # a read-only checkout still builds, only more slowly
            log.warning("Could not cache the history in %s: %s", self.folder, error)
