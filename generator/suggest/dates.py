"""Resolve the relative dates of a news sentence ("on Thursday", "last week", "in March") against
the article's publication date, keeping the precision the words give and saying how.

dateparser does the calendar work (weekday arithmetic, month names, "last week"); this module
finds the phrases, because a sentence-wide date search also fires on words such as "may"
and "second", and decides which precision the schema can hold: a day (YYYY-MM-DD) or a month
(YYYY-MM). A week becomes its month when the whole week lies in one month and is otherwise
left unresolved; a bare year is too coarse to record.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from generator.model import Dated

_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: The phrases recognised, longest first so that "earlier this month" wins over "this month".
_PHRASE = re.compile(
    rf"\b(?:(?P<asof>as of)\s+(?P<asof_month>{_MONTHS})(?:\s+(?P<asof_year>\d{{4}}))?"
    rf"|(?P<md>(?:{_MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?)"
    rf"|(?:(?P<in>in|In)\s+)(?P<month>{_MONTHS})(?:\s+(?P<year>\d{{4}}))?"
    rf"|(?P<rel>(?:earlier|later)\s+this\s+(?:week|month)|(?:last|this)\s+(?:week|month)|yesterday)"
    rf"|(?:on\s+)?(?P<weekday>{_WEEKDAYS}))\b"
)
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS.split("|"), start=1)}


@dataclass(frozen=True)
class DateMention:
    """A date phrase at ``start:end`` of a sentence and what it resolved to (None: could not)."""

    start: int
    end: int
    phrase: str
    dated: Dated | None
    #: True for "as of September" and month names: the moment a value describes, not when it was said.
    describes_value: bool
    why: str


def find_dates(sentence: str, published: Dated | None) -> list[DateMention]:
    """Every date phrase of ``sentence``, resolved against ``published`` where the words allow."""
    found = []
    for match in _PHRASE.finditer(sentence):
        phrase = match.group(0)
        dated, why = _resolve(match, published)
        describes = bool(match.group("asof") or match.group("month"))
        found.append(DateMention(match.start(), match.end(), phrase, dated, describes, why))
    return found


def _published_words(published: Dated) -> str:
    basis = "stated" if published.basis == "stated" else "inferred"
    return f"the publication date {published.date} ({basis})"


def _resolve(match: re.Match[str], published: Dated | None) -> tuple[Dated | None, str]:
    phrase = match.group(0)
    # An absolute month with its year needs no publication date.
    for month_key, year_key in (("asof_month", "asof_year"), ("month", "year")):
        if match.group(month_key) and match.group(year_key):
            date = f"{int(match.group(year_key)):04d}-{_MONTH_NUMBER[match.group(month_key)]:02d}"
            return Dated(date, "stated", f'"{phrase}"'), f'"{phrase}" names the month and year'
    if match.group("md") and re.search(r"\d{4}$", match.group("md")):
        parsed = _parser(None).get_date_data(match.group("md"))
        if parsed.date_obj is not None:
            return Dated(parsed.date_obj.date().isoformat(), "stated", f'"{phrase}"'), f'"{phrase}" names the day'
    if published is None:
        return None, f'"{phrase}" is relative and the source has no publication date'
    if match.group("asof_month") or match.group("month"):
        name = match.group("asof_month") or match.group("month")
        year = int(published.date[:4])
        if _MONTH_NUMBER[name] > int(published.date[5:7]):
            year -= 1  # news reports the past: a later month name means last year
        date = f"{year:04d}-{_MONTH_NUMBER[name]:02d}"
        note = f'"{phrase}" read as {date}: the latest {name} on or before {_published_words(published)}'
        return Dated(date, "inferred", note), note
    if published.precision == "month":
        rel = (match.group("rel") or "").lower()
        if rel.endswith("this month"):
            note = f'"{phrase}" is the month of {_published_words(published)}'
            return Dated(published.date, "inferred", note), note
        return None, f'"{phrase}" needs the day of publication, and only the month ({published.date}) is known'
    words = match.group("weekday") or match.group("md") or match.group("rel")
    words = re.sub(r"^(?:earlier|later)\s+", "", words)
    parsed = _parser(_base(published, weekday=bool(match.group("weekday")))).get_date_data(words)
    if parsed.date_obj is None:
        return None, f'dateparser could not read "{phrase}"'
    day = parsed.date_obj.date()
    period = parsed.period or "day"
    if period == "day":
        note = f'"{phrase}" read as {day:%A} {day.isoformat()}, the latest such day on or before {_published_words(published)}'
        return Dated(day.isoformat(), "inferred", note), note
    if period == "week":
        monday = day - dt.timedelta(days=day.weekday())
        sunday = monday + dt.timedelta(days=6)
        if "earlier" in phrase.lower() or "this week" in phrase.lower():
            sunday = min(sunday, dt.date.fromisoformat(published.date))
        if monday.month == sunday.month:
            note = f'"{phrase}" read as the week of {monday.isoformat()} to {sunday.isoformat()} from {_published_words(published)}; no day is given'
            return Dated(monday.isoformat()[:7], "inferred", note), note
        return None, f'"{phrase}" is the week of {monday.isoformat()} to {sunday.isoformat()}, which spans two months'
    if period == "month":
        note = f'"{phrase}" read as {day.isoformat()[:7]} from {_published_words(published)}'
        return Dated(day.isoformat()[:7], "inferred", note), note
    return None, f'"{phrase}" gives only a {period}, too coarse to record'


def _base(published: Dated, *, weekday: bool) -> dt.datetime:
    day = dt.datetime.fromisoformat(published.date)
    if not weekday:
        return day
    # dateparser's "past" preference skips today's weekday ("Friday" on a Friday is a week ago);
    # a news story's "on Friday" published on a Friday means that day, so count from the next day.
    return day + dt.timedelta(days=1)


_PARSERS: dict[dt.datetime | None, DateDataParser] = {}


def _parser(base: dt.datetime | None) -> DateDataParser:
    if base not in _PARSERS:
        settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
        if base is not None:
            settings["RELATIVE_BASE"] = base
        _PARSERS[base] = DateDataParser(languages=["en"], settings=settings)
    return _PARSERS[base]


def another_event(text: str, number_end: int, at: int) -> bool:
    """A date after the number, in a relative or subordinate clause with a verb of its own: "… who occupied parts of Kursk in August"."""
    between = text[number_end:at]
    return bool(at > number_end and re.search(r"\b(?:who|which|when|after|since|before|where)\s+(?:\w+\s+){0,3}?\w+ed\b", between))
