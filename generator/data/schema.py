"""Pass 2 of validation: the JSON Schema of each kind, and its errors as messages an editor can act on.

Each problem is reported at the key or value it concerns, with a did-you-mean and the
field's own description from ``generator/schemas/`` as the hint.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, cast

import fastjsonschema
import jsonschema

from generator.data.load import Document, PathKey
from generator.errors import Problem

SCHEMA_DIR = Path(__file__).parent.parent / "schemas"


@cache
def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind: source, actor, figure or claim."""
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@cache
def _anchored(pattern: str) -> re.Pattern[str]:
    """``pattern`` as JSON Schema (ECMA-262) means it: a final ``$`` is the end of the text.

    Python's ``$`` also matches before a final newline, so "en\\n" would pass ``^[a-z]{2}$``
    and carry the newline into a page's ``lang=`` attribute; ``\\Z`` does not.
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[jsonschema.ValidationError]:
    if isinstance(instance, str) and not _anchored(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Strict = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return cast(jsonschema.Draft202012Validator, _Strict(schema_of(kind)))


@cache
def _fast_check(kind: str) -> Callable[[Any], Any]:
    """The kind's schema compiled to Python code: it raises on the first violation, without saying why.

    Its patterns run on Python's ``re`` as jsonschema's do, with ``$`` made stricter (``\\Z``), so a
    document it accepts, jsonschema accepts too (``tests/test_properties.py`` checks this).
    """
    return cast(Callable[[Any], Any], fastjsonschema.compile(schema_of(kind), use_default=False, use_formats=False))


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of fields",
    "array": "a list",
    "null": "null",
}


def _describe_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"' if len(value) < 60 else f'the text "{value[:57]}…"'
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _field_name(at: Iterable[str | int]) -> str:
    name = ""
    for part in at:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "the file"


def schema_problems(doc: Document, kind: str) -> Iterator[Problem]:
    """Every schema problem in ``doc``, explained. Almost every document passes the compiled check,
    which is about ten times faster; only one that fails it is walked by jsonschema for the messages."""
    try:
        _fast_check(kind)(doc.data)
        return
    except Exception:  # noqa: BLE001 - any failure of the quick check means: explain with the full walk
        pass
    for error in _validator(kind).iter_errors(doc.data):
        yield from _explain(doc, error, kind)


def _explain(doc: Document, error: jsonschema.ValidationError, kind: str) -> Iterator[Problem]:
    at: PathKey = tuple(error.absolute_path)
    name = _field_name(at)
    line, col = doc.position(at)
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    description = schema.get("description")
    rule: Any = error.validator_value
    match error.validator:
        case "additionalProperties":
            allowed = sorted(schema.get("properties", {}))
            for extra in sorted(set(cast(dict[str, Any], error.instance)) - set(allowed)):
                kline, kcol = doc.position(at + (extra,), key=True)
                guess = difflib.get_close_matches(extra, allowed, n=1)
                hint = f'did you mean "{guess[0]}"? ' if guess else ""
                where = f"a {kind}" if not at else f"{name}"
                yield Problem(doc.path, kline, kcol, f'unknown field "{extra}" in {where}.', f"{hint}Allowed fields: {', '.join(allowed)}.")
        case "required":
            missing = error.message.split("'")[1]
            # Inside an if/then the failing subschema has no properties: describe from the kind's schema.
            props = schema.get("properties") or (schema_of(kind)["properties"] if not at else {})
            what = props.get(missing, {}).get("description")
            where = f"a {kind}" if not at else name
            yield Problem(doc.path, line, col, f'missing required field "{missing}" in {where}.', what or _inferred_hint(missing))
        case "type":
            expected = rule if isinstance(rule, list) else [rule]
            wanted = " or ".join(_TYPE_NAMES[t] for t in expected)
            yield Problem(doc.path, line, col, f"{name}: expected {wanted} but received {_describe_value(error.instance)}.", description)
        case "enum" | "const":
            options = rule if error.validator == "enum" else [rule]
            guess = difflib.get_close_matches(str(error.instance), [str(o) for o in options], n=1)
            hint = f'did you mean "{guess[0]}"? ' if guess else ""
            yield Problem(
                doc.path,
                line,
                col,
                f"{name}: {_describe_value(error.instance)} is not one of: {', '.join(map(str, options))}.",
                f"{hint}{description or ''}".strip() or None,
            )
        case "pattern":
            yield Problem(doc.path, line, col, f"{name}: {_describe_value(error.instance)} is not {_pattern_name(rule)}.", description)
        case "minimum" | "maximum":
            limit = f"{rule:,}" if float(rule).is_integer() else str(rule)
            side = "below the smallest" if error.validator == "minimum" else "above the largest"
            yield Problem(doc.path, line, col, f"{name}: {_describe_value(error.instance)} is {side} value allowed, {limit}.", description)
        case "minLength":
            yield Problem(doc.path, line, col, f"{name}: must not be empty.", description)
        case "maxLength":
            yield Problem(doc.path, line, col, f"{name}: is longer than {rule} characters.", description)
        case "minItems":
            yield Problem(doc.path, line, col, f"{name}: needs at least {rule} entry.", description)
        case "uniqueItems":
            yield Problem(doc.path, line, col, f"{name}: lists the same entry twice.", "remove the repeated entry.")
        case "anyOf" | "oneOf":
            if error.context and all(sub.validator == "required" for sub in error.context):
                options = [sub.message.split("'")[1] for sub in error.context]
                yield Problem(doc.path, line, col, f"{name}: needs at least one of: {', '.join(options)}.", description)
            else:
                best = jsonschema.exceptions.best_match(error.context or [])
                if best is not None and best.validator != "type":
                    yield from _explain(doc, best, kind)
                else:
                    yield Problem(doc.path, line, col, f"{name}: {_describe_value(error.instance)} is not allowed here.", description)
        case _:
            yield Problem(doc.path, line, col, f"{name}: {error.message}.", description)


def _inferred_hint(missing: str) -> str:
    if missing == "note":
        return "an inferred date needs a note saying how it was worked out."
    return f'add the field "{missing}".'


def _pattern_name(pattern: str) -> str:
    return {
        "^[a-z0-9]+(-[a-z0-9]+)*$": "a valid id (lowercase letters, digits and single hyphens, such as olaf-scholz)",
        "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$": "a date in the form YYYY-MM-DD or YYYY-MM",
        "^https?://[^\\s]+$": "an http or https address",
        "^[0-9a-f]{64}$": "a SHA-256 hash (64 lowercase hexadecimal digits)",
        "^[A-Z]{2}$": "a two-letter country code such as DE",
        "^[a-z]{2,3}(-[A-Za-z0-9]+)*$": "a language tag such as en or pt-BR",
    }.get(pattern, f"in the expected form ({pattern})")
