"""The project's own automation: GitHub workflows, pre-commit hooks and CODEOWNERS.

These files run code with the repository's permissions, so they are held to rules a
reviewer would otherwise have to remember: actionlint-clean, no pull_request_target,
no secrets and a read-only token on pull requests, writes to Pages only in the deploy job.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert found, f"{name} is not installed; run pip install -e '.[test]'"
    return found


def workflow(name: str) -> dict[Any, Any]:
    # PyYAML reads the key "on" as True (YAML 1.1); that is why it is looked up as True below.
    return yaml.safe_load((WORKFLOWS / name).read_text())


def test_workflows_pass_actionlint() -> None:
    done = subprocess.run([tool("actionlint"), "-no-color"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = (WORKFLOWS / "pull-request.yml").read_text().replace("${{ github.base_ref }}", "${{ github.base_reff }}")
    (tmp_path / "broken.yml").write_text(broken)
    done = subprocess.run([tool("actionlint"), "-no-color", str(tmp_path / "broken.yml")], capture_output=True, text=True)
    assert done.returncode == 1
    assert 'property "base_reff" is not defined' in done.stdout


def test_workflows_pass_zizmor() -> None:
    # zizmor's audits that need no network: unpinned actions, credentials left in checkouts, template injection,
    # excessive permissions, dangerous triggers. make test runs it, so CI does on every pull request.
    done = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(WORKFLOWS)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_every_action_is_pinned_by_full_commit_hash() -> None:
    uses = [
        (path.name, line.split("uses:", 1)[1].strip()) for path in sorted(WORKFLOWS.glob("*.yml")) for line in path.read_text().splitlines() if "uses:" in line
    ]
    assert uses
    assert [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", u[1])] == []


def test_zizmor_catches_an_action_pinned_by_tag(tmp_path: Path) -> None:
    unpinned = re.sub(r"actions/checkout@[0-9a-f]{40} # v[0-9.]+", "actions/checkout@v4", (WORKFLOWS / "pull-request.yml").read_text())
    (tmp_path / "unpinned.yml").write_text(unpinned)
    done = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(tmp_path / "unpinned.yml")], capture_output=True, text=True)
    assert done.returncode != 0
    assert "unpinned-uses" in done.stdout


def test_pull_requests_run_untrusted_changes_without_secrets_or_write_access() -> None:
    text = (WORKFLOWS / "pull-request.yml").read_text()
    flow = workflow("pull-request.yml")
    assert list(flow[True]) == ["pull_request"]
    assert flow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in flow["jobs"].values())
    assert "secrets." not in text
    steps = flow["jobs"]["check"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["persist-credentials"] is False
    runs = [step.get("run", "") for step in steps]
    assert any("briefing validate --format github" in run for run in runs)
    assert any('briefing diff "origin/$BASE_REF" HEAD --output "$GITHUB_STEP_SUMMARY"' in run for run in runs)
    assert any(run.strip() == "briefing build" for run in runs)
    assert any(run.strip() == "make test" for run in runs)
    for path in WORKFLOWS.glob("*.yml"):
        assert "pull_request_target" not in workflow(path.name)[True], path.name


def test_main_is_published_to_pages_by_a_deploy_job_alone() -> None:
    flow = workflow("publish.yml")
    assert flow[True]["push"] == {"branches": ["main"]}
    assert flow["permissions"] == {"contents": "read"}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "permissions" not in build
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") and step["with"]["path"] == "site" for step in build["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # A shallow clone would date every claim by its last commit: publishing needs the whole history.
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_pre_commit_config_is_valid() -> None:
    done = subprocess.run([tool("pre-commit"), "validate-config", ".pre-commit-config.yaml"], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _schema_hooks() -> list[dict[str, Any]]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] if repo["repo"].endswith("/check-jsonschema") for hook in repo["hooks"]]
    return hooks


def test_pre_commit_checks_each_kind_against_its_schema() -> None:
    kinds = {hook["files"]: hook["args"][1] for hook in _schema_hooks()}
    assert kinds == {f"^data/{kind}s/[^/]*\\.yml$": f"generator/schemas/{kind}.schema.json" for kind in ("source", "actor", "figure", "claim")}
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    local = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert local == [
        {"id": "briefing-validate", "name": "briefing validate", "entry": "briefing validate", "language": "system", "files": "^data/", "pass_filenames": False}
    ]


@pytest.mark.parametrize("hook", _schema_hooks(), ids=lambda hook: hook["name"])
def test_schema_hooks_pass_on_the_data_and_fail_on_a_mistake(hook: dict[str, Any], tmp_path: Path) -> None:
    import re

    files = sorted(p for p in REPO.glob("data/*/*.yml") if re.search(hook["files"], p.relative_to(REPO).as_posix()))
    assert files
    done = subprocess.run([tool("check-jsonschema"), *hook["args"], *map(str, files)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / files[0].name
    broken.write_text(files[0].read_text() + "unknown_field: 1\n")
    done = subprocess.run([tool("check-jsonschema"), *hook["args"], str(broken)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 1
    assert "Additional properties are not allowed ('unknown_field' was unexpected)" in done.stdout


def test_codeowners_guard_what_runs_at_build_time_and_leave_data_to_editors() -> None:
    owned = {line.split()[0] for line in (REPO / ".github" / "CODEOWNERS").read_text().splitlines() if line.strip() and not line.startswith("#")}
    assert {"/mkdocs.yml", "/hooks/", "/overrides/", "/site_templates/", "/generator/", "/.github/"} <= owned
    assert not any(path.startswith("/data") for path in owned)


def test_ci_and_publishing_install_exactly_the_hashed_lock() -> None:
    installs = {
        "pull-request.yml": "requirements/dev.txt",
        "publish.yml": "requirements/site.txt",
    }
    for name, lock in installs.items():
        runs = "\n".join(step.get("run", "") for job in workflow(name)["jobs"].values() for step in job.get("steps", []))
        assert f"--require-hashes --no-deps -r {lock}" in runs, name
        assert "--no-deps --no-build-isolation -e ." in runs, name
    makefile = (REPO / "Makefile").read_text()
    assert "--require-hashes --no-deps -r requirements/dev.txt" in makefile
    for lock in ("dev.txt", "site.txt", "pyyaml-compat.txt"):
        pins = [line for line in (REPO / "requirements" / lock).read_text().splitlines() if line and not line[0].isspace() and not line.startswith("#")]
        assert pins and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[^ ]+ \\", pin) or re.fullmatch(r"[A-Za-z0-9_.-]+==[^ ]+ ; .+ \\", pin) for pin in pins), lock


def test_upstream_is_watched_weekly_without_the_lock_and_lock_updates_are_tested_first() -> None:
    flow = workflow("upstream.yml")
    assert "schedule" in flow[True]
    assert flow["permissions"] == {"contents": "read"}
    newest, lock = flow["jobs"]["newest"], flow["jobs"]["lock"]
    assert "permissions" not in newest
    newest_runs = "\n".join(step.get("run", "") for step in newest["steps"])
    assert "requirements/" not in newest_runs and "pip install --quiet --upgrade -e '.[test]'" in newest_runs
    assert any(step.get("env", {}).get("BRIEFING_UNLOCKED") == "1" for step in newest["steps"])
    steps = [step.get("name") for step in lock["steps"]]
    assert steps.index("Run the full suite on the new lock") < steps.index("Open a pull request")
    assert lock["permissions"] == {"contents": "write", "pull-requests": "write"}


def test_lighthouse_ci_is_installed_exactly_as_locked_with_no_install_scripts() -> None:
    package = json.loads((REPO / "package.json").read_text())
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in package["devDependencies"].values()), package["devDependencies"]
    lock = json.loads((REPO / "package-lock.json").read_text())
    installed = {path: entry for path, entry in lock["packages"].items() if path}
    assert installed and [path for path, entry in installed.items() if not entry.get("integrity", "").startswith("sha512-")] == []
    assert lock["packages"]["node_modules/@lhci/cli"]["version"] == package["devDependencies"]["@lhci/cli"]
    makefile = (REPO / "Makefile").read_text()
    assert "PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts" in makefile and "npm install" not in makefile
    # Every job that runs the browser tests gets a Node for them, from an action pinned like the others.
    for name, job in (("pull-request.yml", "check"), ("upstream.yml", "newest"), ("upstream.yml", "lock")):
        assert any(step.get("uses", "").startswith("actions/setup-node@") for step in workflow(name)["jobs"][job]["steps"]), (name, job)


def test_every_container_image_is_pinned_by_digest() -> None:
    images = [
        (name, job["container"]) for name in sorted(p.name for p in WORKFLOWS.glob("*.yml")) for job in workflow(name)["jobs"].values() if "container" in job
    ]
    assert images
    assert [i for i in images if not re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", i[1] if isinstance(i[1], str) else i[1].get("image", ""))] == []
