"""``briefing validate`` run again with nothing changed: the last run's report, when every input is as it was.

The cache of validated files (:mod:`generator.data.validated`) spares parsing and checking each
unchanged file, but a run still lists, loads and cross-checks the whole corpus, reads the
history and builds the model: a fifth of a cold run at 100,000 claims. When *nothing* an
outcome depends on has changed since the last run, that run's report is the answer. What it
depends on, all in the fingerprint:

- every entry under ``data/`` (drafts and ``withdrawn.yml`` included): its path and its size,
  modification and change times, inode and device, as Git's index compares files;
- the repository's HEAD commit, and the signature of Git's index (which files are tracked:
  a committed ``.briefing-cache/`` is refused);
- the generator's code and schemas and the reading libraries' versions;
- today's date (a correction's reason may be pending until a date).

An entry modified in the last two seconds makes no fingerprint, so a write within the clock's
resolution is never missed: that run is a full one. The report is kept signed like every cache
(:mod:`generator.signed`), so one arriving with a pull request is never read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import signed
from generator.data.validated import LIBRARIES, RACY_NS
from generator.errors import Problem, ValidationFailed, summary_of
from generator.project import Project

REPORT_FILE = "validate-report.pickle"
#: An entry's mode, size, modification and change times, inode and device, after its name.
_ENTRY = struct.Struct("<IqqqQQ")
#: Entries of data/ listed at most (a larger tree makes no fingerprint: every run is a full one).
MAX_ENTRIES = 2_000_000


@dataclass
class Report:
    """What ``briefing validate`` prints: problems (exit 1) or warnings, the summary line, and the drafts' lines."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summary: str = ""
    drafts: list[str] = field(default_factory=list)
    #: Whether this report is the last run's, kept because nothing changed.
    recalled: bool = False


def run(root: Path, *, reuse: bool = True) -> Report:
    """Validate ``root`` as ``briefing validate`` does, or recall the last report when nothing it depends on changed."""
    cache = Project(root).cache
    before, stats = snapshot(root)
    if reuse and before is not None:
        kept = signed.load(cache / REPORT_FILE)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == before and isinstance(kept[1], Report):
            kept[1].recalled = True
            return kept[1]
    report = _validate(root, reuse=reuse, stats=stats)
    if before is not None:
        # Kept under the state before the run: any change since (even one made while it ran, or
        # undone) moves a change time, so this report is recalled only for exactly that state.
        signed.save(cache / REPORT_FILE, (before, report))
    return report


def _validate(root: Path, *, reuse: bool, stats: dict[str, os.stat_result]) -> Report:
    from generator.data.drafts import validate_drafts
    from generator.data.validate import validate
    from generator.story.follow import revision_problems

    corpus = None
    problems: list[Problem] = []
    try:
        corpus = validate(root, keep=True, reuse=reuse, stats=stats)
    except ValidationFailed as failed:
        problems = failed.problems + revision_problems(root, None)
    problems = problems or revision_problems(root, corpus)  # revisions, withdrawals and the cache against Git history
    drafts, draft_problems = validate_drafts(root)
    problems = sorted(problems + draft_problems)
    if problems or corpus is None:
        return Report(problems=problems, summary=summary_of(problems))
    return Report(warnings=list(corpus.warnings), summary=f"{corpus.summary()}: OK", drafts=list(drafts))


def snapshot(root: Path) -> tuple[bytes | None, dict[str, os.stat_result]]:
    """A digest of everything a validation of ``root`` depends on (None when it cannot be trusted, see the module),
    and the stat of each file under ``data/`` by its path, which the validation then takes instead of asking again."""
    digest = signed.code_key(LIBRARIES, "validate report", dt.datetime.now(dt.UTC).date().isoformat())
    digest.update(os.fsencode(str(root.resolve())))
    trusted = _git_state(root, digest)
    now = time.time_ns()
    entries: list[bytes] = []
    stats: dict[str, os.stat_result] = {}
    pack = _ENTRY.pack
    stack = [str(Project(root).data)]
    while stack:
        folder = stack.pop()
        entries.append(os.fsencode(folder))
        try:
            with os.scandir(folder) as listing:
                for entry in listing:
                    info = entry.stat(follow_symlinks=False)
                    stats[entry.path] = info
                    if now - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
                        trusted = False
                    entries.append(os.fsencode(entry.name) + pack(info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
                    if stat.S_ISDIR(info.st_mode):
                        stack.append(entry.path)
                    if len(entries) > MAX_ENTRIES:
                        return None, {}
        except FileNotFoundError:
            entries.append(b"missing")
        except OSError:
            trusted = False
    if not trusted:
        return None, stats
    # In listing order, each folder's name before its entries: a folder listed in another order
    # (rare: only when it changed) gives another digest, and so a full run, never a wrong report.
    digest.update(b"\0".join(entries))
    return digest.digest(), stats


def _git_state(root: Path, digest: hashlib._Hash) -> bool:
    """Add the HEAD commit and the index's signature to ``digest``; False when Git's state cannot be told."""
    from generator.story.gitlog import Git, GitUnavailable

    try:
        result = Git(root).run("rev-parse", "--absolute-git-dir", "HEAD")
    except GitUnavailable as unavailable:
        digest.update(f"git unavailable: {unavailable}".encode())
        return True
    digest.update(b"%d|%s|%s" % (result.returncode, result.stdout, result.stderr))
    lines = result.stdout.decode("utf-8", "surrogateescape").splitlines()
    if result.returncode == 0 and lines:
        try:
            info = os.stat(Path(lines[0]) / "index")
        except FileNotFoundError:
            digest.update(b"no index")
        except OSError:
            return False
        else:
            if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
                return False
            digest.update(b"index|%d|%d|%d|%d" % (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    return True
