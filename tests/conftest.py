from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

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

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(main, [*args, "--root", str(self.root)], catch_exceptions=False)


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
