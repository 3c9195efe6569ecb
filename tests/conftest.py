from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.project import SITE_FILES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


class Project:
    """A throwaway copy of a fixture project, with helpers to break it and run the CLI on it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def write(self, rel: str, text: str) -> None:
        path = self.path(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> None:
        text = self.path(rel).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, 1))

    def run(self, *args: str, input: str | bytes | None = None) -> Result:
        return CliRunner().invoke(main, [*args, "--root", str(self.root)], input=input, catch_exceptions=False)

    def files(self) -> dict[str, bytes]:
        """Every file under data/, by relative path, to assert that nothing changed."""
        return {p.relative_to(self.root).as_posix(): p.read_bytes() for p in sorted((self.root / "data").rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of tests/fixtures/minimal: one source, five actors, one figure, two claims, all valid."""
    shutil.copytree(FIXTURES / "minimal", tmp_path / "project")
    return Project(tmp_path / "project")


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[[str], Project]:
    def make(name: str) -> Project:
        shutil.copytree(FIXTURES / name, tmp_path / name)
        return Project(tmp_path / name)

    return make


def copy_site_files(dest: Path) -> None:
    """Copy the build configuration and hand-written pages (not generated ones) into a project."""
    for rel in SITE_FILES:
        src = REPO / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


@pytest.fixture
def site_project(project: Project) -> Project:
    """The minimal fixture data with the real templates, mkdocs.yml and hand-written pages."""
    copy_site_files(project.root)
    return project


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real corpus built once into a temporary copy of the project; returns the project root.

    Built with Pagefind forced on, so that the browser tests search it over http and through the
    offline zip (Material's index) on file://; a small corpus gets Material's everywhere otherwise.
    """
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "data", root / "data")
    copy_site_files(root)
    result = CliRunner().invoke(main, ["build", "--search", "pagefind", "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


# --------------------------------------------------------------------------- the built seed site in a browser
# One build, one HTTP server on 127.0.0.1 and one headless Chromium per session, shared by the browser tests.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def site_dir(corpus_site: Path) -> Path:
    """The real corpus, built once per session by `briefing build` (see conftest.corpus_site)."""
    return corpus_site / "site"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature is the base class's
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 at an ephemeral port; yields "http://127.0.0.1:PORT/"."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    from playwright.sync_api import sync_playwright

    p = sync_playwright().start()
    try:
        yield p
    finally:
        p.stop()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    b = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield b
    finally:
        b.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="Rewrite tests/golden/ from the current output.")


@pytest.fixture(scope="session")
def naughty_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """The naughty corpus (tests/naughty.py) built once by `briefing build`; returns the root and where each payload went.

    With Pagefind, so that its markup and its results are checked against the payloads too; from
    a folder the pages are Material's as ever.
    """
    from naughty import write_corpus

    root = tmp_path_factory.mktemp("naughty")
    placed = write_corpus(root)
    copy_site_files(root)
    result = CliRunner().invoke(main, ["build", "--search", "pagefind", "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root, placed
