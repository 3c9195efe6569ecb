"""The live preview tells the truth: it follows commits, shows the validator's messages while data is invalid, and stops serving pages that are gone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from serving import free_port
from test_follow import CLAIM, commit, correct_value, make_repo


def _fetch(url: str) -> tuple[int, str] | None:
    """The status and body at ``url`` (an error page's too), or None while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return None


def _until(url: str, check: object, seconds: float, what: str) -> str:
    deadline = time.monotonic() + seconds
    seen = None
    while time.monotonic() < deadline:
        seen = _fetch(url)
        if seen is not None and check(*seen):  # type: ignore[operator]
            return seen[1]
        time.sleep(0.2)
    raise AssertionError(f"{url} never {what} within {seconds:g} s; last: {seen!r}"[:2000])


def test_the_preview_follows_commits_shows_problems_and_drops_pages_that_are_gone(tmp_path: Path) -> None:
    project = make_repo(tmp_path)
    root = project.root
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(root / "mkdocs.yml")]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1730000000"}
    server = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    figure = f"{base}/figures/nk-troops-planned.html"
    try:
        _until(figure, lambda code, body: code == 200 and "10,000" in body, 90, "showed the figure")
        # A commit made while the preview runs: the correction shows without another save.
        correct_value(project)
        _until(figure, lambda code, body: "10,000 troops" in body, 30, "showed the saved value")
        time.sleep(3)  # no build is pending: only the commit can bring the correction
        assert "Corrected" not in (_fetch(figure) or (0, ""))[1]
        commit(root, "Correct the count", "2025-01-12T09:30:00Z")
        _until(figure, lambda code, body: "Corrected 12 Jan 2025" in body, 30, "showed the committed correction")
        # Invalid data: the validator's messages are the page, at every address; a fix brings the site back.
        claim = project.path(CLAIM)
        good = claim.read_text(encoding="utf-8")
        claim.write_text(good.replace("actor: volodymyr-zelenskyy", "actor: volodymyr-zelensky"), encoding="utf-8")
        for url in (figure, f"{base}/", f"{base}/actors/russia.html"):
            shown = _until(url, lambda code, body: "The data does not validate" in body, 30, "showed the problems")
            assert "data/claims/zelenskyy-10000.yml:3:8: unknown actor" in shown, shown
            assert "livereload" in shown
        claim.write_text(good, encoding="utf-8")
        _until(figure, lambda code, body: code == 200 and "Corrected 12 Jan 2025" in body, 30, "came back")
        # A claim deleted: its address is no longer served; once the deletion is committed, it says the claim was withdrawn.
        address = f"{base}/claims/russia-denies.html"
        _until(address, lambda code, body: code == 200, 10, "served the address")
        project.path("data/claims/russia-denies.yml").unlink()
        _until(address, lambda code, body: code == 404, 30, "stopped serving the deleted claim's address")
        commit(root, "Withdraw a claim", "2025-01-14T09:30:00Z")
        _until(address, lambda code, body: code == 200 and "was withdrawn on 14 Jan 2025" in body, 30, "said the claim was withdrawn")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert "Traceback" not in output, output[-3000:]
