"""Rules one record can break, as plain functions: the validator's words, in one place.

``briefing validate`` runs them on every file of the corpus, and ``briefing new`` on the
record it is about to write, so an editor reads the same message, hint and position
from both. Each takes plain data (a record's fields) and returns :class:`Finding` s; the
caller turns a finding into a :class:`~generator.errors.Problem` at the field's line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.data import numerals, readings
from generator.data.load import PathKey
from generator.data.names import skeleton
from generator.data.quotes import normalise


@dataclass(frozen=True)
class Finding:
    """A broken rule: where in the record (``("value", "low")``), what is wrong, and how to fix it."""

    at: PathKey
    message: str
    hint: str


def reversed_bounds(value: dict[str, Any] | None) -> Finding | None:
    """``value.low`` above ``value.high``."""
    if not value or value.get("low") is None or value.get("high") is None or value["low"] <= value["high"]:
        return None
    return Finding(
        ("value", "low"),
        f"value.low ({value['low']:g}) is greater than value.high ({value['high']:g}).",
        "low is the smallest value the words allow and high the largest; swap them.",
    )


def unquoted_value(value: dict[str, Any] | None, quotes: Iterable[str]) -> Finding | None:
    """``value.text`` in none of the claim's quotes (compared as :func:`normalise` does: spacing and quote marks aside)."""
    said = [normalise(q) for q in quotes]
    if not value or not said or any(normalise(value["text"]) in q for q in said):
        return None
    return Finding(
        ("value", "text"),
        f'value.text "{value["text"]}" does not appear in any of this claim\'s quotes.',
        'copy the value\'s words from a quote, such as "up to 15,000".',
    )


_PLAIN_NUMBER = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?|[0-9]+(\.[0-9]+)?")


def plain_number(text: str) -> float | None:
    """The number in ``text`` when it is only a number, such as ``"2,600"``, ``"1만2천명"`` or ``"12 тысяч"``; otherwise None.

    Number words of Korean, Russian and Ukrainian are read by :mod:`generator.data.numerals`; a
    phrase with a hedge ("3천여 명", "около 12 тысяч") is not only a number.
    """
    if _PLAIN_NUMBER.fullmatch(text.strip()):
        return float(text.strip().replace(",", ""))
    if text.isascii():  # the number words read below are Hangul or Cyrillic: most values skip them
        return None
    for language in numerals.LANGUAGES:
        read = numerals.read(text, language)
        if read is not None:
            return read[0] if read[1] is None else None
    return None


def number_outside_bounds(value: dict[str, Any] | None) -> Finding | None:
    """A value whose words are just a number ("2,600") must lie within its own bounds."""
    number = plain_number(value["text"]) if value else None
    if value is None or number is None:
        return None
    low, high = value.get("low"), value.get("high")
    if (low is None or low <= number) and (high is None or number <= high):
        return None
    bounds = " to ".join(f"{b:,g}" if b is not None else "open" for b in (low, high))
    return Finding(
        ("value", "text"),
        f'value.text "{value["text"]}" is the number {number:,g}, outside the bounds {bounds}.',
        "the bounds are the numbers the words allow: fix the digits in low/high, or the text.",
    )


def value_findings(value: dict[str, Any] | None, quotes: Iterable[str]) -> list[Finding]:
    """The value rules in the validator's order: bounds the wrong way round, words not quoted, else a plain number outside its bounds.

    A value whose words are not quoted, or whose bounds are reversed, is reported once, not again as outside its bounds.
    """
    reversed_ = reversed_bounds(value)
    unquoted = unquoted_value(value, quotes)
    found = [f for f in (reversed_, unquoted) if f]
    if not found:
        outside = number_outside_bounds(value)
        found += [outside] if outside else []
    if value and not reversed_:
        hedge = readings.fits_rule(value)
        found += [Finding(*hedge)] if hedge else []
        found += [Finding(*c) for c in readings.contradictions(value)]
    return found


#: ``skeleton(name) -> (actor id, the spelling that claimed it)``.
Owners = dict[str, tuple[str, str]]


def actor_names(data: dict[str, Any]) -> Iterator[tuple[PathKey, str, str]]:
    """``(where, "name" or "alias", spelling)`` for each name an actor record gives."""
    if isinstance(data.get("name"), str):
        yield ("name",), "name", data["name"]
    for i, alias in enumerate(data.get("aliases") or ()):
        if isinstance(alias, str):
            yield ("aliases", i), "alias", alias


def name_owners(actors: Iterable[tuple[str, dict[str, Any]]]) -> Owners:
    """Who holds each name, by skeleton (:mod:`generator.data.names`): the first actor given keeps a name."""
    owners: Owners = {}
    for ident, data in actors:
        for _, _, name in actor_names(data):
            owners.setdefault(skeleton(name), (ident, name))
    return owners


def name_clashes(ident: str, data: dict[str, Any], owners: Owners) -> list[Finding]:
    """Names and aliases of actor ``ident`` that another actor holds ("Budanov" with a Cyrillic "а" is the same name to a reader)."""
    found = []
    for at, what, name in actor_names(data):
        other, spelling = owners.get(skeleton(name), (ident, name))
        if other == ident:
            continue
        alike = "" if spelling == name else f' (it looks the same as "{spelling}")'
        found.append(
            Finding(
                at,
                f'{what} "{name}" is already a name or alias of actor "{other}"{alike}.',
                "one name must point to one actor, or readers and search cannot tell them apart; "
                "if they are the same, keep one actor, and if not, spell the name as the sources do with what tells them apart.",
            )
        )
    return found
