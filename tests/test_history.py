"""History as input: what a pull request, an odd repository or a broken Git can and cannot do to the published record.

Each test builds a real repository (see ``test_follow.repo``) and does what a hostile contributor
or a busy maintainer would: commit a cache, odd objects or odd paths, delete and rename claims.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import feedparser
import pytest
from conftest import REPO, Project
from test_follow import CLAIM, commit, correct_value, git, give_reason, make_repo, parse

from generator.story import history

OTHER = "data/claims/russia-denies.yml"


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """The minimal fixture with the site files, as a Git repository with one commit (3 Jan 2025), as in test_follow."""
    return make_repo(tmp_path)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    history._LAST.clear()  # each test reads history as a new process would


def _forged_state(head: str) -> dict[str, object]:
    """A history state that invents a correction, moves a publication to 2000 and drops a claim."""
    return {
        "version": history.CACHE_VERSION,
        "prefix": "",
        "state": {
            "claims": {
                "zelenskyy-10000": {
                    "published": [head, 946684800],
                    "changes": [{"stamp": [head, 946684800], "fields": ["value"], "before": {"value": ["26,000", None, 26000, 26000, False]}}],
                    "latest": None,
                    "gone": False,
                }
            },
            "withdrawn": {},
            "renamed": {},
            "reused": {},
            "files": {},
            "data_as_of": [head, 946684800],
            "notices": [],
        },
    }


def _head(project: Project) -> str:
    return git(project.root, "rev-parse", "HEAD").strip()


# --- 1. history is derived, never trusted from the tree ----------------------------------------------


def test_a_cache_committed_with_a_pull_request_is_refused_and_never_read(repo: Project) -> None:
    base = _head(repo)
    forged = repo.path(f".briefing-cache/history/{base}.json")
    forged.parent.mkdir(parents=True)
    forged.write_text(json.dumps(_forged_state(base)), encoding="utf-8")
    git(repo.root, "add", "-f", str(forged))
    forged_bytes = forged.read_bytes()
    repo.edit(OTHER, "statement: ", "statement: ")  # the harmless edit beside it
    commit(repo.root, "Tidy a statement", "2025-01-05T00:00:00Z")
    result = repo.run("validate")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f".briefing-cache/history/{base}.json:1:1: .briefing-cache/ is committed; it is a cache of this machine's builds, and the build never reads "
        "one that came with the repository. Hint: remove it from the repository with `git rm -r --cached .briefing-cache`; it is ignored by Git from then on."
    )
    assert repo.run("generate").exit_code == 1
    assert forged.read_bytes() == forged_bytes  # a tracked file is reported, never deleted
    # Removed from the repository but left on disk (as after `git rm --cached`), it is still not trusted.
    git(repo.root, "rm", "-q", "-r", "--cached", ".briefing-cache")
    commit(repo.root, "Remove the cache", "2025-01-06T00:00:00Z")
    for own in forged.parent.glob("*.json"):
        if own != forged:
            own.unlink()  # the states this machine saved since: the forged one is now the newest on the branch
    result = repo.run("generate")
    assert result.exit_code == 0, result.output
    assert f"warning: Discarded the history cache {base}.json (not signed on this machine); history was read again from Git." in result.output
    figure = repo.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")
    assert "Corrected" not in figure and "26,000" not in figure
    feed = feedparser.parse(repo.path("briefings/feeds/all.xml").read_bytes())
    assert {e.id.rsplit("/", 1)[1]: e.published for e in feed.entries} == {
        "zelenskyy-10000": "2025-01-03T10:00:00+00:00",
        "russia-denies": "2025-01-03T10:00:00+00:00",
    }


def test_no_cache_reads_history_from_git_alone(repo: Project) -> None:
    head = _head(repo)
    plain = repo.path(f".briefing-cache/history/{head}.json")
    plain.parent.mkdir(parents=True)
    plain.write_text(json.dumps(_forged_state(head)), encoding="utf-8")
    result = repo.run("generate", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "26,000" not in repo.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")
    history._LAST.clear()
    payload = json.dumps(_forged_state(head) | {"state": {**_forged_state(head)["state"]}}).encode()  # type: ignore[dict-item]
    state = json.loads(payload)
    state["state"]["claims"]["zelenskyy-10000"]["latest"] = history.snapshot({"value": {"text": "10,000", "low": 10000, "high": 10000}})
    payload = json.dumps(state).encode()
    signed = repo.path(f".briefing-cache/history/{head}.json")
    signed.write_bytes(history.sign(payload) + payload)  # as if this machine had written it
    result = repo.run("generate", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "26,000" not in repo.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")


def test_a_damaged_cache_is_discarded_with_a_one_line_notice(repo: Project) -> None:
    assert repo.run("generate").exit_code == 0
    history._LAST.clear()
    (cached,) = repo.path(".briefing-cache/history").glob("*.json")
    for damage in (b"", cached.read_bytes()[:40], b"\xff" * 32 + b"{not json"):
        cached.write_bytes(damage)
        history._LAST.clear()
        result = repo.run("generate")
        assert result.exit_code == 0, result.output
        notices = [line for line in result.output.splitlines() if "history cache" in line]
        assert notices == [f"warning: Discarded the history cache {cached.name} (not signed on this machine); history was read again from Git."]
        assert "Traceback" not in result.output
        assert cached.is_file()  # written again, signed


def test_codeowners_covers_the_cache_folder() -> None:
    owned = {line.split()[0] for line in (REPO / ".github" / "CODEOWNERS").read_text().splitlines() if line.strip() and not line.startswith("#")}
    assert "/.briefing-cache/" in owned


# --- 2. a history reader that survives any repository git fsck accepts ------------------------------


def test_a_gitlink_among_the_claims_shifts_no_version(repo: Project) -> None:
    head = _head(repo)
    git(repo.root, "update-index", "--add", "--cacheinfo", f"160000,{head},data/claims/aaa-submodule.yml")
    git(repo.root, "update-index", "--add", "--cacheinfo", f"120000,{_blob(repo, 'data/claims/russia-denies.yml')},data/claims/bbb-link.yml")
    git(repo.root, "commit", "-q", "-m", "Odd objects", when="2025-01-04T00:00:00Z")
    git(repo.root, "rm", "-q", "--cached", "data/claims/aaa-submodule.yml", "data/claims/bbb-link.yml")
    git(repo.root, "commit", "-q", "-m", "Remove them", when="2025-01-05T00:00:00Z")
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    record = history.read(repo.root, cache=False)
    fixes = record.claims["zelenskyy-10000"].corrections
    assert [(c.stamp.date, c.fields, c.before) for c in fixes] == [("2025-01-12", ("value",), {"value": ["10,000", None, 10000, 10000, False]})]
    assert record.claims["russia-denies"].changes == ()
    assert set(record.claims) == {"zelenskyy-10000", "russia-denies"} and record.withdrawn == {}


def _blob(project: Project, path: str) -> str:
    return git(project.root, "hash-object", "-w", path).strip()


def test_control_characters_in_a_path_break_no_later_build(repo: Project) -> None:
    odd = "data/claims/b\x01c\n\x00".rstrip("\x00") + ".yml"
    repo.path(odd).write_text("id: nope\n", encoding="utf-8")
    (repo.root / "data" / "notes \x1b[31m.yml").write_text("x: 1\n", encoding="utf-8")
    commit(repo.root, "Odd paths", "2025-01-04T00:00:00Z")
    repo.path(odd).unlink()
    (repo.root / "data" / "notes \x1b[31m.yml").unlink()
    commit(repo.root, "Remove them", "2025-01-05T00:00:00Z")
    correct_value(repo)
    give_reason(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    result = repo.run("generate")
    assert result.exit_code == 0, result.output
    assert "Corrected 12 Jan 2025: value was &#39;10,000&#39;." in repo.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("date", ["99999999999999 +0000", "253402300800 +0000"])
def test_a_commit_date_beyond_the_calendar_is_named_not_a_traceback(repo: Project, date: str) -> None:
    correct_value(repo)
    git(repo.root, "add", "-A")
    tree = git(repo.root, "write-tree").strip()
    body = f"tree {tree}\nparent {_head(repo)}\nauthor Editor <e@example.org> {date}\ncommitter Editor <e@example.org> {date}\n\nCorrect the count\n"
    made = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.root, input=body.encode(), capture_output=True, check=True)
    sha = made.stdout.decode().strip()
    git(repo.root, "update-ref", "HEAD", sha)
    assert "error" not in subprocess.run(["git", "fsck"], cwd=repo.root, capture_output=True, text=True).stderr  # Git accepts it
    result = repo.run("generate")
    assert result.exit_code == 0, result.output
    assert (
        f"warning: commit {sha[:12]} has a committer date that cannot be shown as a calendar date ({date.split()[0]}); "
        "its changes are dated as the commit before it."
    ) in result.output
    assert "Corrected 3 Jan 2025: value was &#39;10,000&#39;." in repo.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")


def test_a_past_version_goes_through_the_guarded_reader(repo: Project) -> None:
    # An alias bomb, committed once and deleted in the next commit: refused as today's files are, at no cost.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    repo.write("data/claims/bomb.yml", bomb)
    # A claim whose first version leans on an anchor: not a version the validator would have published.
    text = repo.path(OTHER).read_text(encoding="utf-8")
    repo.write(
        OTHER,
        text.replace("statement: Russia", "statement: &s Russia", 1).replace(
            "quote: 'Russia last week dismissed the reports as \"one more fake.\"'", "quote: *s"
        ),
    )
    commit(repo.root, "Hostile versions", "2025-01-04T00:00:00Z")
    repo.path("data/claims/bomb.yml").unlink()
    repo.write(OTHER, text)
    commit(repo.root, "Clean again", "2025-01-05T00:00:00Z")
    record = history.read(repo.root, cache=False)
    assert record.claims["russia-denies"].changes == ()  # the refused version was never shown: nothing changed since the 3rd
    assert "bomb" not in record.claims and "bomb" not in record.withdrawn


def test_a_version_over_the_size_cap_is_not_read(repo: Project) -> None:
    text = repo.path(CLAIM).read_text(encoding="utf-8")
    repo.write(CLAIM, text + "# " + "x" * (300 * 1024) + "\n")
    commit(repo.root, "Huge", "2025-01-04T00:00:00Z")
    repo.write(CLAIM, text.replace('text: "10,000"', 'text: "10,000 troops"'))
    commit(repo.root, "Correct", "2025-01-06T00:00:00Z")
    fixes = history.read(repo.root, cache=False).claims["zelenskyy-10000"].corrections
    assert [(c.stamp.date, c.before) for c in fixes] == [("2025-01-06", {"value": ["10,000", None, 10000, 10000, False]})]


def _without_git(tmp_path: Path) -> str:
    """A PATH with the tools a build needs but no git."""
    bin_dir = tmp_path / "bin-without-git"
    bin_dir.mkdir(exist_ok=True)
    return str(bin_dir)


def test_git_not_found_fails_the_build_with_its_name(repo: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    monkeypatch.setenv("PATH", _without_git(tmp_path))
    result = repo.run("generate")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "History cannot be read (git not found: no `git` program on the PATH, so the repository's history cannot be read.), "
        "and a site built without it would show no corrections, withdrawals or dates of publication. "
        "Hint: install Git, or build where it runs; or pass --without-history to build without them on purpose."
    )
    assert not repo.path("briefings/figures").exists()
    validated = repo.run("validate")
    assert validated.exit_code == 0 and "warning: History unknown: git not found: no `git` program on the PATH" in validated.output
    allowed = repo.run("generate", "--without-history")
    assert allowed.exit_code == 0, allowed.output
    assert "warning: History unknown: git not found: no `git` program on the PATH" in allowed.output


def test_publishing_fails_rather_than_publish_without_history() -> None:
    workflow = (REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in workflow and "briefing build" in workflow and "--without-history" not in workflow


@pytest.mark.skipif(os.geteuid() != 0, reason="needs to hand the checkout to another user")
def test_dubious_ownership_is_named_with_the_fix(repo: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # no safe.directory of the machine's user
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    os.chown(repo.root, 4242, 4242)
    try:
        result = repo.run("generate")
    finally:
        os.chown(repo.root, 0, 0)
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith("History cannot be read (dubious ownership: detected dubious ownership in repository at "), first
    assert f"Hint: if you trust this checkout, run `git config --global --add safe.directory {repo.root.resolve()}`" in first


# --- 3. claims keep their identity --------------------------------------------------------------------


def test_a_deleted_claim_is_published_as_withdrawn(repo: Project) -> None:
    repo.path(OTHER).unlink()
    commit(repo.root, "Remove a claim", "2025-01-09T08:00:00Z")
    result = repo.run("validate")
    assert result.exit_code == 0
    assert (
        "warning: claim russia-denies was withdrawn on 2025-01-09 (its file was deleted) with no reason given. "
        'Hint: add `- {id: russia-denies, reason: "…"}` to data/withdrawn.yml saying why; readers see it at the claim\'s address.'
    ) in result.output
    repo.write("data/withdrawn.yml", "- id: russia-denies\n  reason: The statement was a paraphrase, not <b>Russia</b>'s words.\n")
    commit(repo.root, "Say why", "2025-01-10T08:00:00Z")
    result = repo.run("build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    site = repo.path("site")
    address = parse(site / "claims/russia-denies.html").visible
    assert (
        "This is the permanent address of claim russia-denies, first published 3 Jan 2025. It was withdrawn on 9 Jan 2025. "
        "Reason: The statement was a paraphrase, not <b>Russia</b>'s words."
    ) in address
    corrections = parse(site / "corrections/index.html").visible
    assert "9 Jan 2025 russia-denies #" in corrections and "The statement was a paraphrase, not <b>Russia</b>'s words." in corrections
    feed = feedparser.parse((site / "feeds/all.xml").read_bytes())
    entry = next(e for e in feed.entries if e.id.endswith("claim/russia-denies"))
    assert entry.title == "Withdrawn: claim russia-denies" and entry.updated == "2025-01-09T08:00:00+00:00"
    assert entry.summary.startswith("Claim russia-denies, first published 3 Jan 2025, was withdrawn on 9 Jan 2025. Reason: The statement was a paraphrase")


def test_a_withdrawn_id_cannot_be_given_again(repo: Project) -> None:
    old = repo.path(OTHER).read_text(encoding="utf-8")
    repo.path(OTHER).unlink()
    commit(repo.root, "Remove a claim", "2025-01-09T08:00:00Z")
    repo.write(OTHER, old.replace("statement: ", "statement: Something else. ", 1))
    result = repo.run("validate")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        "data/claims/russia-denies.yml:1:1: id russia-denies belonged to a claim withdrawn on 2025-01-09 (its file was deleted in commit "
    )
    assert result.output.splitlines()[0].endswith(
        "its address says so for good, so no other claim may take it. Hint: give this claim a new id (rename the file and its id:)."
    )
    commit(repo.root, "Reuse the id", "2025-01-10T08:00:00Z")  # merged anyway: the build refuses it, and publishes no "correction"
    assert repo.run("generate").exit_code == 1
    assert history.read(repo.root, cache=False).claims["russia-denies"].changes == ()


def test_a_renamed_claim_keeps_its_corrections_and_its_old_address(repo: Project) -> None:
    correct_value(repo)
    give_reason(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    new = "data/claims/zelenskyy-oct-17.yml"
    git(repo.root, "mv", CLAIM, new)
    repo.edit(new, "id: zelenskyy-10000", "id: zelenskyy-oct-17")
    pending = repo.run("validate")  # renamed in the working tree, not committed yet: its reason still explains its correction
    assert pending.exit_code == 0 and "warning" not in pending.output, pending.output
    commit(repo.root, "Rename a claim", "2025-01-20T00:00:00Z")
    result = repo.run("build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    site = repo.path("site")
    sentence = "Corrected 12 Jan 2025: value was '10,000'. Reason: The count now includes the word troops, as quoted."
    assert sentence in parse(site / "figures/nk-troops-planned.html").visible
    assert 'title="Permanent link to this claim, first published 3 Jan 2025"' in (site / "figures/nk-troops-planned.html").read_text(encoding="utf-8")
    old = (site / "claims/zelenskyy-10000.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../figures/nk-troops-planned.html#c-zelenskyy-oct-17">' in old
    assert "This is the permanent address of claim zelenskyy-10000, now claim zelenskyy-oct-17." in parse(site / "claims/zelenskyy-10000.html").visible


# --- 4. corrections stable under the maintainers' everyday Git ----------------------------------------


def _published(project: Project) -> list[str]:
    """The rows of the Corrections page after a clean ``generate``: what the site says was corrected, when and why."""
    history._LAST.clear()
    result = project.run("generate")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output, result.output
    text = project.path("briefings/corrections/index.md").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("| ") and "Corrected |" not in line and "---" not in line]


def _reason(project: Project, date: str, note: str) -> None:
    text = project.path(CLAIM).read_text(encoding="utf-8")
    if "revisions:" not in text:
        text += "revisions:\n"
    project.write(CLAIM, text + f'  - date: "{date}"\n    note: {note}\n')


def _two_corrections(origin: Project) -> list[str]:
    """Two corrections of one claim published on origin (10 and 15 Jan), each with its reason; returns the published rows."""
    correct_value(origin)
    _reason(origin, "2025-01-10", "The count now includes the word troops.")
    commit(origin.root, "Correct the count", "2025-01-10T09:00:00Z")
    origin.edit(CLAIM, 'date: "2024-10-17"', 'date: "2024-10-16"')
    _reason(origin, "2025-01-15", "The speech was on Wednesday.")
    commit(origin.root, "Correct the date", "2025-01-15T09:00:00Z")
    rows = _published(origin)
    assert len(rows) == 2 and "The speech was on Wednesday." in rows[0] and "The count now includes the word troops." in rows[1]
    return rows


def _maintainer(origin: Project, tmp_path: Path, at: str) -> Project:
    """A maintainer's clone of origin at an older commit, with a commit of their own (16 Jan) on top."""
    clone = tmp_path / "maintainer"
    git(tmp_path, "clone", "-q", str(origin.root), str(clone))
    git(clone, "reset", "-q", "--hard", at)
    local = Project(clone)
    local.edit(OTHER, "statement: Russia dismissed the reports as fake.", "statement: Russia dismissed the reports as fake news.")
    commit(clone, "Reword a statement", "2025-01-16T09:00:00Z")
    return local


def test_a_pull_with_a_merge_keeps_every_published_correction_and_reason(repo: Project, tmp_path: Path) -> None:
    base = _head(repo)
    before = _two_corrections(repo)
    local = _maintainer(repo, tmp_path, base)
    git(local.root, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", when="2025-01-17T09:00:00Z")
    git(local.root, "push", "-q", "origin", "HEAD:refs/heads/pushed")
    git(repo.root, "merge", "-q", "--ff-only", "pushed")  # the push is a fast-forward of main
    assert git(repo.root, "rev-list", "--first-parent", "--count", "HEAD").strip() == "3"  # base, the maintainer's commit, the merge
    assert _published(repo) == before


def test_a_pull_with_rebase_keeps_every_published_correction_and_reason(repo: Project, tmp_path: Path) -> None:
    base = _head(repo)
    before = _two_corrections(repo)
    local = _maintainer(repo, tmp_path, base)
    git(local.root, "pull", "-q", "--rebase", "origin", "main", when="2025-01-17T09:00:00Z")
    git(local.root, "push", "-q", "origin", "HEAD:refs/heads/pushed")
    git(repo.root, "merge", "-q", "--ff-only", "pushed")
    assert _published(repo) == before


def test_a_merged_branch_whose_reason_came_later_publishes_one_correction_with_it(repo: Project) -> None:
    git(repo.root, "checkout", "-q", "-b", "topic")
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-05T09:00:00Z")
    _reason(repo, "2025-01-08", "The count now includes the word troops.")  # asked for in review, three days later
    commit(repo.root, "Say why", "2025-01-08T09:00:00Z")
    git(repo.root, "checkout", "-q", "main")
    git(repo.root, "merge", "-q", "--no-ff", "-m", "Merge the correction", "topic", when="2025-01-20T09:00:00Z")
    merged = _published(repo)
    assert len(merged) == 1 and merged[0].startswith("| 5 Jan 2025 |") and "The count now includes the word troops." in merged[0]
    # The same branch squashed instead: one commit on the branch, dated when it landed.
    git(repo.root, "reset", "-q", "--hard", "HEAD^")
    git(repo.root, "merge", "-q", "--squash", "topic")
    git(repo.root, "commit", "-q", "-m", "Correct the count (squashed)", when="2025-01-20T09:00:00Z")
    squashed = _published(repo)
    assert len(squashed) == 1 and squashed[0].startswith("| 20 Jan 2025 |") and "The count now includes the word troops." in squashed[0]


def test_merging_main_into_a_branch_then_the_branch_back_changes_nothing_published(repo: Project) -> None:
    before = _two_corrections(repo)
    git(repo.root, "checkout", "-q", "-b", "topic", "HEAD~2")
    repo.edit(OTHER, "statement: Russia dismissed the reports as fake.", "statement: Russia dismissed the reports as fake news.")
    commit(repo.root, "Reword", "2025-01-16T09:00:00Z")
    git(repo.root, "merge", "-q", "--no-edit", "main", when="2025-01-17T09:00:00Z")  # bring the branch up to date
    git(repo.root, "checkout", "-q", "main")
    git(repo.root, "merge", "-q", "--no-ff", "-m", "Merge topic", "topic", when="2025-01-18T09:00:00Z")
    assert _published(repo) == before


def test_briefing_diff_shows_a_withdrawal_and_its_reason(repo: Project) -> None:
    repo.path(OTHER).unlink()
    repo.write("data/withdrawn.yml", "- id: russia-denies\n  reason: A paraphrase, not <b>a quote</b>.\n")
    result = repo.run("diff", "HEAD")
    assert result.exit_code == 0, result.output
    assert "### Claims removed (a published claim removed is withdrawn: its address stays and says so)\n\n- `russia-denies`" in result.output
    assert (
        "### Reasons for withdrawn claims (data/withdrawn.yml)\n\n- `russia-denies`: given: “A paraphrase, not &#60;b&#62;a quote&#60;/b&#62;.”"
        in result.output
    )
    assert repo.run("validate").exit_code == 0  # a deletion with its reason, not committed yet
