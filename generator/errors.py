"""Problems found in the data, and the one exception family the library raises.

The library never prints or exits: it collects :class:`Problem` records and raises
:class:`BriefingError` subclasses, which are plain exceptions. Only :mod:`generator.cli`
turns them into output and exit codes (and the MkDocs hook into plugin errors).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None

    def format(self) -> str:
        """``path:line:col: message Hint: …``, the form editors and their tools read."""
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        return f"{text} Hint: {self.hint}" if self.hint else text

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        message = self.message + (f" Hint: {self.hint}" if self.hint else "")
        return f"::error file={_gh_property(self.path)},line={self.line},col={self.col},title=briefing validate::{_gh_data(message)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def summary_of(problems: Iterable[Problem]) -> str:
    """``Found 3 errors in 2 files.``"""
    problems = list(problems)
    files = len({p.path for p in problems})
    errors = "error" if len(problems) == 1 else "errors"
    noun = "file" if files == 1 else "files"
    return f"Found {len(problems)} {errors} in {files} {noun}."


class BriefingError(Exception):
    """Base of every error the generator raises on purpose. ``str(error)`` is the message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationFailed(BriefingError):
    """The data has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summary_of(self.problems))
