"""Fuzzing history: small repositories built from random commits, renames, deletions, merges and odd objects.

Whatever Git accepts, reading history and validating either succeed or fail with clean messages (no
traceback), and every correction the site would publish is a real change of that claim: the value it
names as the earlier one is one the claim had, and its commit touched the claim's file. The budget is
a few tens of seconds (``max_examples``); each example is a real repository built with Git.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from conftest import FIXTURES, Project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.data.validate import validate
from generator.errors import ValidationFailed
from generator.story import follow, history

IDS = ("claim-a", "claim-b", "claim-c")
#: Bounds of "10,000" (the words the quote holds): changing them corrects the value.
VALUES = ((10000, 10000), (9000, 10000), (10000, 12000))
#: Committer times: ordinary days, the epoch, and one past the year 9999 (Git stores it; no calendar shows it).
TIMES = ("1735900000", "1736000000", "1736100000", "0", "99999999999")


def _claim(ident: str, value: tuple[int, int]) -> str:
    return (
        f'id: {ident}\nactor: volodymyr-zelenskyy\nfigure: nk-troops-planned\nvalue:\n  text: "10,000"\n  low: {value[0]}\n  high: {value[1]}\n'
        'stance: asserts\nclaimed_on:\n  date: "2024-10-17"\n  basis: stated\nstatement: Pyongyang is preparing to send troops.\n'
        'citations:\n  - source: 2024-10-18-sample\n    quote: "Pyongyang is preparing to send 10,000 troops"\n    via: []\n'
    )


@dataclass
class _Repo:
    root: Path
    #: Every value each claim id was written with, and every file name it had (for renames).
    values: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)

    def git(self, *args: str, when: str = "1735900000", check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.root),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_DATE": f"@{when} +0000",
            "GIT_COMMITTER_DATE": f"@{when} +0000",
        }
        base = ["git", "-c", "user.name=Editor", "-c", "user.email=e@example.org", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"]
        return subprocess.run([*base, *args], cwd=self.root, env=env, capture_output=True, text=True, check=check)

    def commit(self, when: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", "change", when=when)

    def path(self, ident: str) -> Path:
        return self.root / "data" / "claims" / f"{ident}.yml"

    def write(self, ident: str, value: tuple[int, int]) -> None:
        self.path(ident).write_text(_claim(ident, value), encoding="utf-8")
        self.values.setdefault(ident, set()).add(value)
        self.names.setdefault(ident, set()).add(ident)


def _apply(repo: _Repo, op: tuple, when: str) -> None:  # type: ignore[type-arg]
    kind = op[0]
    (repo.root / "data" / "claims").mkdir(parents=True, exist_ok=True)  # Git removes the folder when a checkout empties it
    if kind == "write":
        repo.write(IDS[op[1]], VALUES[op[2]])
    elif kind == "delete":
        repo.path(IDS[op[1]]).unlink(missing_ok=True)
    elif kind == "rename":
        old, new = IDS[op[1]], IDS[op[2]]
        if old != new and repo.path(old).exists() and not repo.path(new).exists():
            text = repo.path(old).read_text(encoding="utf-8").replace(f"id: {old}", f"id: {new}")
            repo.git("mv", str(repo.path(old)), str(repo.path(new)))
            repo.path(new).write_text(text, encoding="utf-8")
            repo.values.setdefault(new, set()).update(repo.values.get(old, set()))
            repo.names.setdefault(new, set()).update(repo.names.get(old, {old}))
    elif kind == "odd":
        head = repo.git("rev-parse", "HEAD").stdout.strip()
        if op[1] == "gitlink":
            repo.git("update-index", "--add", "--cacheinfo", f"160000,{head},data/claims/gitlink.yml")
        elif op[1] == "symlink":
            link = repo.root / "data" / "claims" / "linked.yml"
            link.unlink(missing_ok=True)
            link.symlink_to(f"{IDS[0]}.yml")
        elif op[1] == "path":
            (repo.root / "data" / "claims" / "odd\x01\n name.yml").write_text("id: odd\n", encoding="utf-8")
        elif op[1] == "alias":
            (repo.root / "data" / "claims" / "bomb.yml").write_text("a: &a [x, x]\nb: [*a, *a]\n", encoding="utf-8")
        elif op[1] == "clean":
            for name in ("linked.yml", "odd\x01\n name.yml", "bomb.yml"):
                (repo.root / "data" / "claims" / name).unlink(missing_ok=True)
            repo.git("rm", "-q", "--cached", "--ignore-unmatch", "data/claims/gitlink.yml")
    if kind != "merge":
        repo.commit(when)
        return
    # A branch from an earlier commit, with commits of its own, merged back with a merge commit (or, failing, abandoned).
    back = repo.git("rev-list", "--first-parent", "--count", "HEAD").stdout.strip()
    start = f"HEAD~{min(op[1], int(back) - 1)}"
    repo.git("checkout", "-q", "-b", "side", start)
    for sub in op[2]:
        _apply(repo, sub, op[3])
    repo.git("checkout", "-q", "main")
    merged = repo.git("merge", "-q", "--no-ff", "--no-edit", "side", when=when, check=False)
    if merged.returncode != 0:
        repo.git("merge", "--abort", check=False)
        repo.git("reset", "-q", "--hard", "HEAD")
    repo.git("branch", "-q", "-D", "side")


_SIMPLE = st.one_of(
    st.tuples(st.just("write"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("delete"), st.integers(0, 2)),
    st.tuples(st.just("rename"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("odd"), st.sampled_from(["gitlink", "symlink", "path", "alias", "clean"])),
)
_OPS = st.lists(
    st.tuples(
        st.one_of(_SIMPLE, _SIMPLE, st.tuples(st.just("merge"), st.integers(0, 3), st.lists(_SIMPLE, min_size=1, max_size=3), st.sampled_from(TIMES))),
        st.sampled_from(TIMES),
    ),
    min_size=1,
    max_size=7,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ops=_OPS)
def test_any_history_reads_cleanly_and_publishes_only_real_corrections(tmp_path_factory: object, ops: list[tuple]) -> None:  # type: ignore[type-arg]
    root = tmp_path_factory.mktemp("fuzz")  # type: ignore[attr-defined]
    shutil.rmtree(root)
    shutil.copytree(FIXTURES / "minimal", root)
    for claim in (root / "data" / "claims").glob("*.yml"):
        claim.unlink()
    repo = _Repo(root)
    repo.git("init", "-q")
    repo.write(IDS[0], VALUES[0])
    repo.commit("1735800000")
    for op, when in ops:
        _apply(repo, op, when)

    history._LAST.clear()
    record = history.read(root, cache=False)
    assert record.known and record.failure is None
    result = Project(root).run("validate")  # raises (failing the test) on any traceback
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        *problems, summary = result.output.splitlines()
        assert summary.startswith("Found ") and all(line.startswith(("data/", "history", ".briefing")) or ": " in line for line in problems), result.output

    touched = set(repo.git("log", "--format=%H", "--all", "--", "data/claims").stdout.split())
    for ident, claim in [*record.claims.items(), *((i, w.record) for i, w in record.withdrawn.items())]:
        for change in claim.corrections:
            assert change.stamp.commit in touched, (ident, change)
            if "value" in change.corrected:
                text, _, low, high, _ = change.before["value"]
                assert text == "10,000" and (low, high) in repo.values.get(ident, set()), (ident, change.before, repo.values.get(ident))
    try:
        corpus = validate(root)
        story = follow.read(root, corpus, site=False)
    except ValidationFailed:
        return
    for correction in story.all:
        assert correction.sentence().startswith("Corrected ")
