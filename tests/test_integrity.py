"""Integrity of the published record: atomic builds, reproducible builds, immutable archived texts."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest
from conftest import FIXTURES, Project, copy_site_files

from generator.project import GENERATED_DIRS

CLAIM = "data/claims/zelenskyy-10000.yml"
BRIEFING = str(Path(sys.executable).with_name("briefing"))


def snapshot(root: Path) -> dict[str, bytes]:
    """The generated pages of briefings/ (and the manifest) and every file of site/, by path."""
    folders = [root / "briefings" / d for d in GENERATED_DIRS] + [root / "site"]
    out = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else ():
            if path.is_file():
                out[path.relative_to(root).as_posix()] = path.read_bytes()
    manifest = root / "briefings" / ".briefing-manifest.json"
    out["briefings/.briefing-manifest.json"] = manifest.read_bytes()
    return out


def built(project: Project) -> dict[str, bytes]:
    result = project.run("build")
    assert result.exit_code == 0, result.output
    state = snapshot(project.root)
    assert any(p.startswith("site/") for p in state) and any(p.startswith("briefings/actors/") for p in state)
    return state


def change_the_data(project: Project) -> None:
    """A change that rewrites several generated pages, so a half-done build would show."""
    project.edit(CLAIM, "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")


# --- atomic output ----------------------------------------------------------------------------------


def test_killed_build_leaves_pages_and_site_as_they_were(site_project: Project) -> None:
    """SIGKILL a real `briefing build` while MkDocs runs: nothing can clean up, and nothing needs to."""
    before = built(site_project)
    change_the_data(site_project)
    staging_site = site_project.path(".briefing-staging/site")
    process = subprocess.Popen([BRIEFING, "build", "--root", str(site_project.root)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    # MkDocs is midway once it has written a page into its staging folder.
    while not (staging_site.is_dir() and any(staging_site.rglob("*.html"))):
        assert process.poll() is None, f"the build ended before MkDocs was seen running: {process.communicate()}"
        assert time.monotonic() < deadline, "MkDocs never started"
        time.sleep(0.005)
    assert process.poll() is None
    os.killpg(process.pid, signal.SIGKILL)  # briefing and its mkdocs child together
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(site_project.root) == before
    # The next build clears what the killed one left and publishes the change.
    after = built(site_project)
    assert after != before
    assert "getting ready" in after["briefings/actors/volodymyr-zelenskyy.md"].decode()
    assert not site_project.path(".briefing-staging").exists()


def _start_build(project: Project, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [BRIEFING, "build", "--root", str(project.root), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _until_mkdocs_runs(project: Project, process: subprocess.Popen[str]) -> None:
    """Return once MkDocs, run by ``process``, has written a page into the staging folder."""
    staging_site = project.path(".briefing-staging/site")
    deadline = time.monotonic() + 60
    while not (staging_site.is_dir() and any(staging_site.rglob("*.html"))):
        assert process.poll() is None, f"the build ended before MkDocs was seen running: {process.communicate()}"
        assert time.monotonic() < deadline, "MkDocs never started"
        time.sleep(0.005)


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _gone(pid: int, within: float = 15.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def test_overlapping_builds_never_publish_a_partial_site(site_project: Project) -> None:
    """Builds started together run one after the other, each publishing a whole site; one told not to wait refuses, naming the holder."""
    from generator.lock import project_lock

    before = built(site_project)
    site_files = sorted(p for p in before if p.startswith("site/"))
    change_the_data(site_project)
    builds: list[subprocess.Popen[str]] = []
    try:
        # This process stands for a build in progress while the others start.
        with project_lock(site_project.root, "briefing build", wait=0):
            impatient = _start_build(site_project, "--wait", "0")
            _, refused = impatient.communicate(timeout=120)
            assert impatient.returncode == 1
            assert refused.strip() == (
                f"Error: process {os.getpid()} (briefing build) is already working on {site_project.root}; gave up without waiting (--wait 0). "
                "Hint: let it finish and run this again, or give it longer with --wait SECONDS."
            )
            builds = [_start_build(site_project, "--wait", "300") for _ in range(2)]
            time.sleep(1)
            assert all(b.poll() is None for b in builds), "a build ran while the lock was held"
        for process in builds:
            _, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
    finally:
        for process in builds:
            if process.poll() is None:
                process.kill()
                process.communicate()
    after = snapshot(site_project.root)
    assert sorted(p for p in after if p.startswith("site/")) == site_files  # the whole site
    assert "getting ready" in after["site/actors/volodymyr-zelenskyy.html"].decode()
    assert not site_project.path(".briefing-staging").exists() and not site_project.path("site.old").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stopped_build_stops_mkdocs_and_leaves_nothing_behind(site_project: Project, signum: signal.Signals) -> None:
    """The signal reaches briefing only (as from a process manager): it stops MkDocs, cleans staging, publishes nothing."""
    before = built(site_project)
    change_the_data(site_project)
    process = _start_build(site_project)
    _until_mkdocs_runs(site_project, process)
    mkdocs = _children(process.pid)
    assert mkdocs, "MkDocs runs as a child of briefing"
    os.kill(process.pid, signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert err.strip() == f"Error: stopped by {signum.name}; nothing half-written was published."
    assert all(_gone(pid) for pid in mkdocs), "MkDocs outlived briefing"
    assert snapshot(site_project.root) == before
    assert not site_project.path(".briefing-staging").exists()


def test_lock_is_released_when_its_holder_is_killed(site_project: Project) -> None:
    """The kernel drops a flock with its process: a killed build never blocks the next one."""
    built(site_project)
    process = _start_build(site_project)
    _until_mkdocs_runs(site_project, process)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    result = site_project.run("build", "--wait", "0")
    assert result.exit_code == 0, result.output


def _break_validation(project: Project) -> None:
    project.edit(CLAIM, "actor: volodymyr-zelenskyy", "actor: volodymyr-zelensky")


def _break_generation(project: Project) -> None:
    # A hand-written file where the generator would write a page: refused, never overwritten.
    manifest = project.path("briefings/.briefing-manifest.json")
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"actors/russia.md",\n', ""), encoding="utf-8")
    project.edit("data/actors/russia.yml", "name: Russia", "name: The Russian Federation")


def _break_mkdocs(project: Project) -> None:
    project.write("briefings/reading.md", "# Reading\n\n[broken](nowhere.md)\n")


@pytest.mark.parametrize(
    ("step", "breaks", "message"),
    [
        ("validate", _break_validation, 'unknown actor "volodymyr-zelensky"'),
        ("generate", _break_generation, "refusing to overwrite 1 file(s) the generator did not write: briefings/actors/russia.md."),
        ("mkdocs", _break_mkdocs, "mkdocs build --strict failed; site/ is unchanged."),
    ],
)
def test_failed_build_at_any_step_leaves_pages_and_site_as_they_were(site_project: Project, step: str, breaks: Callable[[Project], None], message: str) -> None:
    before = built(site_project)
    change_the_data(site_project)
    breaks(site_project)
    if step == "generate":  # the manifest edit is the breakage itself; compare what follows from it
        before["briefings/.briefing-manifest.json"] = site_project.path("briefings/.briefing-manifest.json").read_bytes()
    result = site_project.run("build")
    assert result.exit_code == 1
    assert message in result.stderr
    assert snapshot(site_project.root) == before
    assert not site_project.path(".briefing-staging").exists()


# --- reproducible builds ---------------------------------------------------------------------------


def _checkout(dest: Path) -> Project:
    shutil.copytree(FIXTURES / "minimal", dest)
    copy_site_files(dest)
    return Project(dest)


def _site(project: Project, env: dict[str, str]) -> dict[str, bytes]:
    result = subprocess.run([BRIEFING, "build", "--root", str(project.root)], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    site = project.path("site")
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_checkouts_build_byte_identical_sites_with_source_date_epoch(tmp_path: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1729209600"}
    first = _site(_checkout(tmp_path / "one"), env)
    second = _site(_checkout(tmp_path / "elsewhere" / "two"), env)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []
    # MkDocs stamps the build's day into the gzip header (MTIME, bytes 4-8); the epoch's day is not today.
    assert "sitemap.xml.gz" in first and first["sitemap.xml.gz"][4:8] == (1729209600).to_bytes(4, "little")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_builds_of_one_commit_are_identical_without_source_date_epoch(tmp_path: Path) -> None:
    """Without SOURCE_DATE_EPOCH, `briefing build` uses the commit's time, so two builds of it still match."""
    project = _checkout(tmp_path / "repo")
    git = ["git", "-C", str(project.root), "-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run(
        [*git, "commit", "-q", "-m", "Data", "--date", "2024-10-18T12:00:00Z"], check=True, env={**os.environ, "GIT_COMMITTER_DATE": "2024-10-18T12:00:00Z"}
    )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    first = _site(project, env)
    second = _site(project, env)
    assert [p for p in first if first[p] != second.get(p)] == [] and sorted(first) == sorted(second)
    assert first["sitemap.xml.gz"][4:8] == (1729209600).to_bytes(4, "little")  # the commit's day, 2024-10-18


# --- archived text is immutable ----------------------------------------------------------------------


def test_changed_archived_text_blocks_the_build_and_names_the_hash_to_re_archive(site_project: Project) -> None:
    import hashlib

    before = built(site_project)
    text = site_project.path("data/sources/2024-10-18-sample.txt")
    text.write_bytes(text.read_bytes().replace(b"10,000 troops", b"12,000 troops"))
    digest = hashlib.sha256(text.read_bytes()).hexdigest()
    result = site_project.run("build")
    assert result.exit_code == 1
    assert f'set sha256: "{digest}" in the same pull request' in result.stderr
    assert snapshot(site_project.root) == before
    # Re-archiving deliberately: the new hash, as printed, is accepted (and the quote must still match).
    site_project.edit("data/sources/2024-10-18-sample.yml", "e89086b84ae56dde7db03742b2dbc5c17a39c25621a5c086d3124f595c40ef00", digest)
    result = site_project.run("validate")
    assert "sha256" not in result.stderr
    assert "data/claims/zelenskyy-10000.yml:17:12: quote not found in data/sources/2024-10-18-sample.txt." in result.stderr


def test_a_link_in_place_of_the_lock_is_never_followed(project: Project) -> None:
    """A pull request could commit .briefing.lock as a link; the lock refuses it and writes nothing through it."""
    target = project.root.parent / "elsewhere.txt"
    target.write_text("untouched\n", encoding="utf-8")
    os.symlink(target, project.path(".briefing.lock"))
    result = project.run("generate")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot take the project's lock .briefing.lock: Too many levels of symbolic links.")
    assert target.read_text(encoding="utf-8") == "untouched\n"
    assert not project.path("briefings").exists()


def test_generate_that_fails_while_rendering_leaves_every_page_as_it_was(site_project: Project) -> None:
    """Pages are compared and staged one at a time as they render; none is published until all have rendered."""
    built(site_project)
    before = snapshot(site_project.root)
    change_the_data(site_project)  # the actor's, figure's, date's and source's pages would change
    # Source pages render after the actor and figure pages: break only those, with a template error.
    template = site_project.path("site_templates/source.md.j2")
    template.write_text("{{ undefined_helper() }}\n" + template.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(jinja2.exceptions.UndefinedError, match="'undefined_helper' is undefined"):
        site_project.run("generate")
    assert snapshot(site_project.root) == before
    assert not site_project.path(".briefing-staging").exists()
