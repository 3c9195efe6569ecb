"""Read one YAML file into plain Python values, keeping the line and column of every value.

PyYAML's own constructors are never run, nor its composer. libyaml (when it is
installed, about ten times faster than pure Python) parses the file into events,
and this module reads them once: the guards, the values and each value's position
come from that one walk, so that it can refuse what PyYAML would silently accept:

- duplicate keys, of which PyYAML keeps the last;
- anchors, aliases and merge keys, which PyYAML expands lazily (the "billion
  laughs" alias bomb) and which make a reviewer read two places at once;
- explicit tags such as ``!!python/name:``, which only code should carry;
- plain scalars that YAML 1.1 would coerce, such as ``NO`` (false), ``0755``
  (493) or ``1:30`` (90). Only ``true``/``false``, decimal numbers, ISO dates and
  ``null`` are read unquoted; everything else must be quoted to be text.

ISO dates stay strings (``"2024-10-18"``): the schema checks their shape and the
validator checks that they are real calendar dates.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is missing on this machine
    _Loader = yaml.SafeLoader

#: The largest YAML file read, in bytes. A curated record is a few KB; anything
#: near this cap is a mistake or an attack.
MAX_YAML_BYTES = 256 * 1024
#: Anchors, aliases and tags reported one by one in a file; the rest are counted.
MAX_REPEATS = 10
#: The deepest nesting of mappings and lists accepted.
MAX_DEPTH = 32
#: The largest magnitude of a number in data. Figures count troops, rounds and money;
#: anything past a trillion is a typo, and far past it (1e309, a 5,000-digit integer) it
#: would become infinity or crash the conversion.
MAX_NUMBER = 10**12

Position = tuple[int, int]
PathKey = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_QUOTE_IT = "write it in double quotes if you mean the text"


class Document:
    """A YAML file's data, with the position of each value and each mapping key.

    Positions are 1-based ``(line, column)`` and keyed by the path to the value,
    for example ``("citations", 0, "quote")``. ``keys`` holds where each mapping
    key was written, for errors about the key itself (an unknown field).

    Positions are wanted only for messages, and most files have none: a file read with
    no problem keeps its text instead, and its positions are read from the text again
    the first time one is asked for. At 100,000 claims the tables would hold about 7
    million tuples for the length of a validation.
    """

    __slots__ = ("path", "data", "_text", "_values", "_keys")

    def __init__(
        self, path: str, data: Any, values: dict[PathKey, Position] | None = None, keys: dict[PathKey, Position] | None = None, *, text: str | None = None
    ) -> None:
        self.path, self.data, self._text = path, data, text
        self._values = values if values is not None or text is not None else {}
        self._keys = keys if keys is not None or text is not None else {}

    @property
    def values(self) -> dict[PathKey, Position]:
        self._read_positions()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[PathKey, Position]:
        self._read_positions()
        assert self._keys is not None
        return self._keys

    def _read_positions(self) -> None:
        if self._values is None:
            again, _ = parse_yaml(self._text or "", self.path, positions=True)
            self._values, self._keys = (again._values or {}, again._keys or {}) if again is not None else ({}, {})
            self._text = None

    def position(self, at: PathKey, *, key: bool = False) -> Position:
        """Where the value at ``at`` was written, or its nearest written parent."""
        table = self.keys if key else self.values
        while at not in table and at:
            at = at[:-1]
            table = self.values
        return table.get(at, (1, 1))

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {self.data!r})"


#: A file's size by ``stat``, and its first bytes as read (:func:`read_text`).
Read = tuple[int, bytes]


def read_capped(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a file: enough to tell that it is over the cap, never more.

    A link is refused by the operating system (``O_NOFOLLOW``), and a FIFO or device is not
    waited on or read without end.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit + 1)


def read_text(path: Path, shown: str, limit: int, read: Read | None = None) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file, refusing oversized, undecodable, NUL-carrying and CR-carrying files.

    A leading byte-order mark is accepted and dropped. ``read`` is the file's size by ``stat``
    and at most its first ``limit + 1`` bytes, when the caller has read them already.
    """
    size = path.stat().st_size if read is None else read[0]
    if size > limit:
        return None, [_too_big(shown, size, limit)]
    if read is None:
        with path.open("rb") as handle:
            # Read at most one byte past the cap: a file that grows after stat() is still refused.
            raw = handle.read(limit + 1)
    else:
        raw = read[1] if len(read[1]) <= limit + 1 else read[1][: limit + 1]
    if len(raw) > limit:
        return None, [_too_big(shown, len(raw), limit)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                shown,
                line,
                col,
                f"file is not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded.",
                "save the file as UTF-8.",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return None, [Problem(shown, line, col, "file contains a NUL byte.", "remove it; data files are plain text.")]
    cr = text.find("\r")
    if cr >= 0:
        return None, [_carriage_return(shown, text, cr)]
    conflict = _CONFLICT.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        return None, [
            Problem(
                shown,
                line,
                1,
                "unresolved merge conflict: git left its <<<<<<<, ======= and >>>>>>> markers in this file.",
                "keep the version you want between the markers, delete the other and the three marker lines, then validate again.",
            )
        ]
    return text, []


#: The first line git writes into a file whose merge conflicted: "<<<<<<< HEAD" (or "<<<<<<<" alone).
_CONFLICT = re.compile(r"^<{7}(?: |$)", re.M)


def _too_big(shown: str, size: int, limit: int) -> Problem:
    return Problem(
        shown,
        1,
        1,
        f"file is {size:,} bytes, over the limit of {limit:,} bytes.",
        "split the record, or check that this is the file you meant to add.",
    )


def _carriage_return(shown: str, text: str, at: int) -> Problem:
    """Refuse CR line endings: they change an archived text's bytes (and hash) behind the editor's back.

    Git on Windows converts LF to CRLF on checkout unless told otherwise, so a file that
    looks unchanged in an editor can hash differently. One line-ending form keeps hashes,
    quotes and diffs stable; ``.gitattributes`` pins data/ to LF.
    """
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    what = "Windows line endings (CRLF)" if text.startswith("\n", at + 1) else "a carriage return (CR)"
    return Problem(
        shown,
        line,
        col,
        f"file has {what}; data files use LF line endings only.",
        "save the file with LF (Unix) line endings; with Git on Windows, run `git config core.autocrlf input` "
        "and check the file out again (.gitattributes already asks for LF in data/).",
    )


def load_yaml(path: Path, shown: str, read: Read | None = None) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file. Returns the document (None when unusable) and every problem found; ``read`` as for :func:`read_text`."""
    text, problems = read_text(path, shown, MAX_YAML_BYTES, read)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str, *, positions: bool = False) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text; see the module docstring for what is refused.

    A file is read once without recording positions; only when it has a problem is it read
    again with them, so that every message names its line and column. ``positions=True``
    records them on the first reading.
    """
    if not positions:
        try:
            doc, problems = _read_events(_Loader, text, shown, False)
        except (yaml.YAMLError, _NeedPositions):
            pass  # read again below, for the message and its position
        else:
            if doc is not None and not problems:
                return doc, problems
    try:
        try:
            return _read_events(_Loader, text, shown, True)
        except yaml.MarkedYAMLError as exc:
            if "nesting depth" not in str(exc.problem):
                raise
        # libyaml 0.2.6 (PyYAML 6.0.4) refuses more than 1,000 levels of flow nesting itself, and
        # its scanner looks ahead to the end of a run of '[' before it yields the first event, so
        # the error names the 1,000th level, not the 33rd. PyYAML's own scanner looks ahead at
        # most 1,024 characters for a key, so reading again with it stops at our limit, as before.
        return _read_events(yaml.SafeLoader, text, shown, True)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(shown, line, col, f"YAML syntax error: {exc.problem or 'invalid YAML'}.", _syntax_hint(exc))]
    except yaml.YAMLError as exc:
        return None, [Problem(shown, 1, 1, f"YAML syntax error: {exc}.")]


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be written in double quotes."
    if "found character '\\t'" in problem:
        return "indent with spaces, not tabs."
    if "could not find expected ':'" in problem:
        return "each line of a mapping is 'key: value'; quote values that span lines."
    return "check the quoting and indentation around this position."


class _NeedPositions(Exception):
    """A reading without positions met something whose message needs them (a repeated key)."""


def _read_events(loader_class: type, text: str, shown: str, positions: bool) -> tuple[Document | None, list[Problem]]:
    """Read the event stream once: the guards, the values and their positions come from one walk.

    Anchors, aliases, tags and nesting are refused as the events arrive, before any value is
    built deeper than allowed (PyYAML's own composer recurses in C, and 100,000 ``[`` would
    overflow its stack). The values are built without recursion, so depth costs nothing here.
    """
    loader = loader_class(text)
    try:
        return _build(loader.get_event, shown, text, positions)
    finally:
        loader.dispose()


# Event classes, compared by identity: the C and the pure-Python parsers share them.
_SCALAR, _MAP, _SEQ, _ALIAS = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent
_MAP_END, _SEQ_END, _DOC_START, _STREAM_END = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.DocumentStartEvent, yaml.StreamEndEvent
_RESOLVER = yaml.resolver.Resolver()
#: Tags of plain scalars already resolved (field names, ids, numbers and dates repeat across files).
_RESOLVED: dict[tuple[str, tuple[bool, bool]], str] = {}
_KEY, _VALUE, _SKIP_VALUE = 0, 1, 2


def _plain_tag(event: yaml.ScalarEvent) -> str:
    """The tag YAML 1.1 gives a scalar, as PyYAML's composer resolves it."""
    if event.tag is not None and event.tag != "!":
        return str(event.tag)
    memo = (event.value, event.implicit)
    tag = _RESOLVED.get(memo)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        if len(_RESOLVED) < 100_000:
            _RESOLVED[memo] = tag
    return tag


class _Frame:
    """An open mapping or list: its value, its path, its depth and, for a mapping, what comes next."""

    __slots__ = ("value", "at", "depth", "state", "key")

    def __init__(self, value: Any, at: PathKey, depth: int) -> None:
        self.value, self.at, self.depth, self.state, self.key = value, at, depth, _KEY, ""


def _build(next_event: Any, shown: str, text: str, positions: bool) -> tuple[Document | None, list[Problem]]:
    guards: list[Problem] = []
    problems: list[Problem] = []
    # Without positions, the document keeps its text to read them again when one is wanted.
    values: dict[PathKey, Position] = {}
    keys: dict[PathKey, Position] = {}
    doc = Document(shown, None, values, keys) if positions else Document(shown, None, text=text)
    stack: list[_Frame] = []
    depth = 0  # open collections, for the guard
    skip = 0  # open collections of a subtree that is read but not kept
    documents = 0
    second: Position = (1, 1)
    root: Any = None
    while True:
        event = next_event()
        kind = type(event)
        if kind is _STREAM_END:
            break
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # The guards see every event, kept or not.
        if kind is _MAP or kind is _SEQ:
            depth += 1
            if depth > MAX_DEPTH + 1:  # the top-level collection is level 0
                guards.append(Problem(shown, where[0], where[1], *_too_deep()))
                return None, guards
        elif kind is _MAP_END or kind is _SEQ_END:
            depth -= 1
        elif kind is _DOC_START:
            documents += 1
            if documents == 2:
                second = where
            continue
        elif kind is not _SCALAR and kind is not _ALIAS:
            continue  # stream start, document end
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if kind is _ALIAS:
            guards.append(Problem(shown, where[0], where[1], f"aliases are not allowed (*{anchor}).", "write the value out in full."))
        elif anchor:
            guards.append(Problem(shown, where[0], where[1], f"anchors are not allowed (&{anchor}).", "remove the anchor and write each value out in full."))
        if tag and tag != "!":
            guards.append(
                Problem(
                    shown, where[0], where[1], f"YAML tags are not allowed ({tag}).", "remove the tag; data files hold plain text, numbers, lists and mappings."
                )
            )
        if documents > 1 or guards:
            continue  # only the guards read on: a second document is reported whole, below
        if skip:
            if kind is _MAP or kind is _SEQ:
                skip += 1
            elif kind is _MAP_END or kind is _SEQ_END:
                skip -= 1
            continue
        if kind is _MAP_END or kind is _SEQ_END:
            stack.pop()
            continue
        opens = kind is _MAP or kind is _SEQ
        top = stack[-1] if stack else None
        if top is not None and top.state != _VALUE and type(top.value) is dict:
            if top.state == _SKIP_VALUE:  # the value of a refused or repeated key
                top.state = _KEY
                skip = 1 if opens else 0
                continue
            # A key.
            if kind is not _SCALAR or (not event.style and _plain_tag(event) == _TAG + "merge"):
                problems.append(
                    Problem(
                        shown, where[0], where[1], "keys must be plain field names.", "write 'field: value'; merge keys (<<) and complex keys are not allowed."
                    )
                )
                top.state = _SKIP_VALUE
                skip = 1 if opens else 0
                continue
            key = event.value
            path = top.at + (key,)
            if key in top.value or path in keys:
                if not positions:
                    raise _NeedPositions
                first = keys[path]
                problems.append(
                    Problem(
                        shown,
                        where[0],
                        where[1],
                        f'duplicate key "{key}" (first written at line {first[0]}).',
                        "YAML would silently keep only the last one; remove or rename one of them.",
                    )
                )
                top.state = _SKIP_VALUE
                continue
            if positions:
                keys[path] = where
            top.key, top.state = key, _VALUE
            continue
        # A value: the document's root, a mapping's value or a list's item.
        if top is None:
            at: PathKey = ()
            level = 0
        elif type(top.value) is dict:
            at, level = top.at + (top.key,), top.depth + 1
            top.state = _KEY
        else:
            at, level = top.at + (len(top.value),), top.depth + 1
        if positions:
            values[at] = where
        value: Any = None
        if level > MAX_DEPTH:
            problems.append(Problem(shown, where[0], where[1], *_too_deep()))
            skip = 1 if opens else 0
        elif kind is _SCALAR:
            value = _scalar(event, where, shown, problems)
        elif kind is _MAP:
            value = {}
        elif kind is _SEQ:
            value = []
        if top is None:
            root = value
        elif type(top.value) is dict:
            top.value[top.key] = value
        else:
            top.value.append(value)
        if opens and not skip:
            stack.append(_Frame(value, at, level))
    if guards:
        if len(guards) > MAX_REPEATS:
            # An alias bomb holds dozens of anchors and aliases: the first few say all there is to fix.
            rest = guards[MAX_REPEATS]
            more = f"{len(guards) - MAX_REPEATS} more anchors, aliases or tags."
            guards = [*guards[:MAX_REPEATS], Problem(shown, rest.line, rest.col, more, "each is refused for the same reason; write every value out in full.")]
        return None, guards
    if documents > 1:
        return None, [
            Problem(shown, second[0], second[1], "file holds more than one YAML document.", "keep one record per file and remove the '---' separator.")
        ]
    if documents == 0:
        return None, [Problem(shown, 1, 1, "file is empty.", "write the record's fields, or delete the file.")]
    doc.data = root
    return doc, problems


def _too_deep() -> tuple[str, str]:
    return f"nesting is deeper than {MAX_DEPTH} levels.", "records are at most a few levels deep; check the indentation."


def _bounded(number: float, written: str, where: Position, shown: str, problems: list[Problem]) -> float | None:
    if math.isfinite(number) and abs(number) <= MAX_NUMBER:
        return number
    text = written if len(written) <= 24 else f"{written[:20]}… ({len(written):,} characters)"
    problems.append(
        Problem(
            shown,
            where[0],
            where[1],
            f"{text} is beyond the largest number accepted, {MAX_NUMBER:,}.",
            "check for a typo; numbers in data are counts and amounts, written as plain digits such as 1500 or 1.28.",
        )
    )
    return None


def _scalar(event: yaml.ScalarEvent, where: Position, shown: str, problems: list[Problem]) -> Any:
    value: str = event.value
    if event.style:  # quoted or block scalar: always text
        return value
    tag = _plain_tag(event)
    tag = tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    if tag == "str":
        return value
    if tag == "null":
        return None
    if tag == "bool":
        if value in ("true", "false"):
            return value == "true"
        meaning = "true" if value.lower() in ("yes", "y", "on", "true") else "false"
        problems.append(
            Problem(
                shown,
                where[0],
                where[1],
                f'"{value}" would be read as the boolean {meaning}.',
                f'{_QUOTE_IT} ("{value}"), or true/false for a yes-or-no field.',
            )
        )
        return value
    if tag == "int" and _INT.match(value):
        # Counted in digits first: int() of a 5,000-digit string raises, and huge values crash later steps.
        number: float = int(value) if len(value.lstrip("+-")) <= 13 else math.inf
        return _bounded(number, value, where, shown, problems)
    if tag == "float" and _FLOAT.match(value):
        return _bounded(float(value), value, where, shown, problems)
    if tag == "timestamp" and _DATE.match(value):
        return value
    kinds = {"int": "a number", "float": "a number", "timestamp": "a timestamp"}
    problems.append(
        Problem(
            shown,
            where[0],
            where[1],
            f'"{value}" would be read as {kinds.get(tag, tag)}, not as written.',
            f'{_QUOTE_IT} ("{value}"); write numbers as plain digits such as 1500 or 1.28.',
        )
    )
    return value
