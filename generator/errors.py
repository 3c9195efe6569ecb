"""Problems found in the data, and the one exception family the library raises.

The library never prints or exits: it collects :class:`Problem` records and raises
:class:`BriefingError` subclasses, which are plain exceptions. Only :mod:`generator.cli`
turns them into output and exit codes (and the MkDocs hook into plugin errors).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Control characters (C0, DEL, C1), the bidirectional controls that reorder text on screen,
# and the invisible ones (soft hyphen, zero-width spaces and joiners) that hide a difference.
# In a terminal they can erase lines, recolour, retitle, set the clipboard (OSC 52); in a log
# or an annotation they can make text read other than it is.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match[str]) -> str:
    c = match.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control and bidi character shown as an escape (``\\x1b``), except those in ``keep``.

    Data reaches the terminal and CI logs inside messages ("unknown actor …"); shown this way
    it can neither drive the terminal nor hide, and the editor sees exactly what is in the file.
    """
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _shown(m), text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    #: ``error`` fails the run; ``warning`` is reported and the run goes on.
    severity: str = "error"

    @classmethod
    def warning(cls, message: str, hint: str | None = None, *, path: str = "", line: int = 0, col: int = 0) -> Problem:
        """A warning, at a place in a file or (with no ``path``) about the project as a whole."""
        return cls(path, line, col, message, hint, "warning")

    def format(self) -> str:
        """``path:line:col: message Hint: …``, the form editors and their tools read; warnings say ``warning:``."""
        text = f"{self.path}:{self.line}:{self.col}: " if self.path else ""
        text += ("warning: " if self.severity == "warning" else "") + self.message
        return visible(f"{text} Hint: {self.hint}" if self.hint else text)

    def github(self) -> str:
        """A GitHub Actions workflow command (``::error`` or ``::warning``) that annotates the line in a pull request."""
        message = visible(self.message + (f" Hint: {self.hint}" if self.hint else ""))
        where = f"file={_gh_property(visible(self.path))},line={self.line},col={self.col}," if self.path else ""
        return f"::{self.severity} {where}title=briefing validate::{_gh_data(message)}"


def _gh_data(text: str) -> str:
    """Escape a workflow command's message: %, CR and LF (GitHub's own toolkit escapes these three)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    """Escape a workflow command's property value: also ':' and ',', which would end it."""
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
