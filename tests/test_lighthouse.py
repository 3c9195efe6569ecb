"""Lighthouse CI on the built seed site: accessibility, best practices and SEO at 100 on four kinds of page.

`lhci collect` runs Lighthouse (pinned in package.json and package-lock.json, installed by `make test` with `npm ci`)
in Debian's chromium against the site served gzip-compressed on 127.0.0.1, as a real host serves it; `lhci assert`
checks lighthouserc.yml's assertions. A second run on a copy of the site with one image's alt text taken away,
served without compression, shows that the assertions fail when a page breaks.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import CHROMIUM, REPO, QuietHandler
from serving import accepts_gzip, gzip_server

LHCI = REPO / "node_modules" / ".bin" / "lhci"
CONFIG = REPO / "lighthouserc.yml"
#: The home page, a figure, an actor and a source: each kind of page a reader lands on.
PAGES = ("index.html", "figures/nk-troops-in-russia.html", "actors/kyrylo-budanov.html", "sources/2024-10-18-segye-nis-12000-decided.html")


def _lhci(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    if not LHCI.is_file():
        pytest.fail("Lighthouse CI is not installed: run `make test` (or `npm ci --ignore-scripts` in the repository)")
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    return subprocess.run([str(LHCI), *args, f"--config={CONFIG}"], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _audit(base: str, pages: tuple[str, ...], work: Path) -> subprocess.CompletedProcess[str]:
    """Collect a report for each page (one run each), then check the assertions; the assert step's result."""
    collected = _lhci("collect", *(f"--url={base}{page}" for page in pages), cwd=work)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    return _lhci("assert", cwd=work)


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.fixture(scope="module")
def gzip_site(site_dir: Path) -> Iterator[str]:
    with gzip_server(site_dir) as base:
        yield base


def test_the_server_sends_text_gzip_compressed(gzip_site: str, site_dir: Path) -> None:
    for page in (*PAGES, "assets/briefing.css", "feeds/all.xml"):
        request = urllib.request.Request(gzip_site + page, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "gzip", page
            assert gzip.decompress(response.read()) == (site_dir / page).read_bytes()
    with urllib.request.urlopen(gzip_site + PAGES[0], timeout=10) as response:  # a client that does not ask for it
        assert response.headers["Content-Encoding"] is None
    assert not accepts_gzip("br, gzip;q=0") and accepts_gzip("*") and not accepts_gzip("identity")


def test_lighthouse_scores_accessibility_best_practices_and_seo_at_100(gzip_site: str, tmp_path: Path) -> None:
    result = _audit(gzip_site, PAGES, tmp_path)
    assert result.returncode == 0, _plain(result.stdout + result.stderr)
    assert f"Checking assertions against {len(PAGES)} URL(s), {len(PAGES)} total run(s)" in _plain(result.stdout + result.stderr)


def test_lighthouse_fails_a_page_that_breaks(site_dir: Path, tmp_path: Path) -> None:
    """The same assertions on a copy of a figure page whose chart has lost its alt text, served uncompressed."""
    broken = tmp_path / "site"
    shutil.copytree(site_dir, broken)
    page = broken / PAGES[1]
    html = page.read_text(encoding="utf-8")
    without_alt = re.sub(r'(<img\b[^>]*?)\salt="[^"]*"', r"\1", html, count=1)
    assert without_alt != html
    page.write_text(without_alt, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    # Python's own server, which does not compress.
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(broken)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = _audit(f"http://127.0.0.1:{server.server_address[1]}/", (PAGES[1],), work)
    finally:
        server.shutdown()
        server.server_close()
    out = _plain(result.stdout + result.stderr)
    assert result.returncode != 0
    assert "categories.accessibility failure for minScore assertion" in out, out
    assert "uses-text-compression failure for maxLength assertion" in out, out
