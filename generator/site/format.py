"""Formatting for pages: escaping for Markdown and HTML, numbers, bounds, dates and safe URLs.

Every data string is untrusted (pull requests come from outsiders). :func:`md` escapes a
value for Markdown *and* HTML at once, and :mod:`generator.site.pages` applies it to each
``{{ … }}`` of a template through Jinja's ``finalize`` hook. These helpers are pure and
depend on no other stage, so the charts and the reviewer's diff use them too.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from generator.data import languages, readings
from generator.data.readings import Reading
from generator.model import Value, precision

# Characters that can start or change Markdown or HTML structure in inline text.
_MD_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#!|<>&~^\"'$"}


_MD_TABLE = str.maketrans(_MD_ESCAPES)  # one C-level pass instead of a generator per character


# A record id inside free text: a slug with at least one hyphen, not inside a longer word.
ID_TOKEN = re.compile(r"(?<![\w-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![\w-])")
# Control characters (but tab) and bidirectional overrides that can disguise text.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# What starts a block when it opens a line, besides the characters escaped everywhere: a list
# item ("- x", "+ x", "1. x"), a rule or setext underline ("---", "==="). Templates print values
# at the start of a line (an actor's notes, a name opening a sentence), so a value's first
# characters are escaped too: "1. Panzerdivision" keeps its "1." and "- x" stays text.
_BLOCK_START = re.compile(r"[-+=]|[0-9]{1,9}(?=\.(?: |$))")


def md(text: object) -> str:
    """Escape any value for inline Markdown: no markup, no new block, no hidden characters."""
    text = " ".join(UNSAFE.sub("\ufffd", str(text)).split()).translate(_MD_TABLE)
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    end = start.end()
    if text[0].isdigit():  # the dot after the digits is what makes a list item
        return f"{text[:end]}&#46;{text[end + 1 :]}"
    return f"&#{ord(text[0])};{text[1:]}"


def finalize(value: Any) -> Any:
    # Runs before autoescape: data becomes Markup escaped for Markdown and HTML at once,
    # so autoescape leaves it alone, and macro output (already Markup) passes through.
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; guard optional fields with {% if %}")
    return Markup(md(value))


def safe_url(url: str) -> str:
    """An http(s) address, percent-encoded so that it cannot break out of an attribute."""
    if not re.match(r"https?://", url):
        raise ValueError(f"refusing non-http(s) URL: {url!r}")
    return quote(url, safe=":/?#@!$&+,;=%~.-_")


def text_fragment(url: str, quote_text: str) -> str:
    """A link that opens the original page scrolled to the quote (``#:~:text=start,end``)."""
    words = quote_text.split()

    def enc(part: str) -> str:
        return quote(part, safe="").replace("-", "%2D")

    fragment = enc(" ".join(words)) if len(words) <= 8 else f"{enc(' '.join(words[:4]))},{enc(' '.join(words[-4:]))}"
    return safe_url(url.split("#")[0]) + "#:~:text=" + fragment


def number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def amount(value: float) -> str:
    """A number as a reader reads it: ``1,500``, ``8 million``, ``1.28 million`` (whole millions and
    hundredths of one in words, so that a round bound never prints as 999,999 or 1,000,000)."""
    if value >= 1_000_000 and (value * 100) % 1_000_000 == 0:
        return f"{value / 1_000_000:g} million"
    return number(value)


def with_unit(value: float, unit: str) -> str:
    """``20%`` for a percentage, ``8 million rounds``, ``1,500 troops per day``: a number never shown without its unit."""
    if unit.strip().lower() in ("percent", "per cent", "%", "percentage points"):
        return f"{amount(value)}%" if unit.strip().lower() != "percentage points" else f"{amount(value)} percentage points"
    return f"{amount(value)} {unit}"


def reading_words(reading: Reading, unit: str) -> str:
    """A reading in words, with the unit: ``9,900 to 11,000 troops``, ``at most 1,500 troops``, ``20%``.

    The best reading is named where the span does not already say it (a range read from words,
    or a number given or taken a tenth).
    """
    low, best, high = reading.low, reading.best, reading.high
    if reading.rule == "about":
        return f"about {with_unit(best, unit)}, give or take a tenth"
    if low is None and high is None:
        return with_unit(best, unit)
    if low is None:
        return f"at most {with_unit(high, unit)}"  # type: ignore[arg-type]
    if high is None:
        return f"at least {with_unit(low, unit)}"
    if low == high:
        return with_unit(best, unit)
    span = f"{amount(low)} to {with_unit(high, unit)}"
    return span if best in (high, low) else f"{span}, best {amount(best)}"


def counted(n: int, noun: str) -> str:
    """``1 estimate``, ``3 estimates``, ``2 pairs of estimates``: a count with its noun in the right number.

    The head noun takes the plural: the last word, or the word before "of" or "without".
    """
    if n == 1:
        return f"1 {noun}"
    words = noun.split()
    head = next((i - 1 for i, w in enumerate(words) if i and w in ("of", "without")), len(words) - 1)
    words[head] += "es" if words[head].endswith(("s", "x", "ch", "sh")) else "s"
    return f"{number(n)} {' '.join(words)}"


#: Words of a headline shown in an editorial description of an untitled article.
DESCRIPTION_WORDS = 12


def editorial_description(text: str) -> str:
    """A bracketed description of an untitled article: its opening words, marked as the editors'.

    The first line long enough to be a sentence is used, so page furniture such as "Search"
    or a photo credit is skipped; the words are the article's own, cut at a word boundary.
    """
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 6:
            shown = " ".join(words[:DESCRIPTION_WORDS]).rstrip(",;:—–-")
            return f"[Article opening “{shown}{'…' if len(words) > DESCRIPTION_WORDS else ''}”]"
    return "[Article without a headline]"


_CLOSERS = "\"'”’»)]"


def sentence(text: str) -> str:
    """``text`` ending as a sentence does, so that notes set one after another read as sentences.

    A full stop is added unless the text already ends in one, a question or exclamation mark or
    an ellipsis, before any closing quotes or brackets (``said "no."`` stays; ``(about 10)`` gains one).
    """
    text = text.strip()
    if not text or text.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…"):
        return text
    return text + "."


def day_label(day: str) -> str:
    """``17 Oct 2024`` for a day, ``Oct 2024`` for a month, ``undated`` for nothing."""
    if not day:
        return "undated"
    if precision(day) == "month":
        return dt.date.fromisoformat(day + "-01").strftime("%b %Y")
    d = dt.date.fromisoformat(day)
    return f"{d.day} {d.strftime('%b %Y')}"


def month_label(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%B %Y")


STANCE_LABELS = {"asserts": "asserts", "expects": "expects", "warns": "warns", "denies": "denies", "cannot-confirm": "cannot confirm"}

#: An actor's kind (a schema code) in a reader's words.
KIND_WORDS = {
    "person": "person",
    "agency": "agency",
    "government": "government",
    "military": "armed forces",
    "organisation": "organisation",
    "outlet": "news outlet",
    "anonymous-group": "unnamed officials or sources",
}


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind)


def country_name(code: str) -> str:
    """An ISO 3166 country code as its English name (``DE`` → Germany), from the CLDR data Babel ships."""
    return _ENGLISH().territories.get(code.upper(), code)


def language_name(code: str) -> str:
    """A language tag as its English name (``en`` → English, ``pt-BR`` → Brazilian Portuguese), from CLDR."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code.replace("-", "_")).get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return _ENGLISH().languages.get(code.split("-")[0].lower(), code)


def _ENGLISH() -> Any:  # noqa: N802 - read as a constant; Babel loads its data on first use
    from babel import Locale

    return Locale("en")


def aside(name: str) -> str:
    """A name written inside parentheses without nesting them: ``A (B)`` becomes ``A, B``."""
    return re.sub(r"\s*\(([^()]*)\)", r", \1", name).strip()


def lexicon_table() -> dict[str, Any]:
    """The hedge lexicon's rows, each with an example read through the lexicon itself, for the methodology page."""
    rows = []
    for hedge in readings.LEXICON:
        word = hedge.words[0]
        if hedge.rule is readings.WORDS:
            example = f"“{word}” reads as {reading_words(readings.lexicon_reading(Value(word)), 'troops')}"
        else:
            number = 11_000
            # Korean hedges mostly follow the number ("1만1천여", "1만1천 이상"); 약, 최대, 최소, 적어도 and 거의 precede it.
            suffix = hedge.lang == "ko" and word not in ("약", "최대", "최소", "적어도", "거의")
            written = (f"1만1천{word}" if word == "여" else f"1만1천 {word}") if suffix else f"{word} 1만1천" if hedge.lang == "ko" else f"{word} 11,000"
            value = Value(
                written,
                hedge=word,
                low=None if hedge.rule is readings.AT_MOST or hedge.rule is readings.JUST_UNDER else number,
                high=None if hedge.rule is readings.AT_LEAST else number,
            )
            example = f"“{value.text}” reads as {reading_words(readings.lexicon_reading(value), 'troops')}"
        rows.append(
            {
                "words": hedge.words,
                "rule": hedge.rule,
                "low": hedge.low,
                "best": hedge.best,
                "high": hedge.high,
                "example": example,
                "lang": hedge.lang,
                "language": languages.name(hedge.lang),
            }
        )
    return {"lexicon": rows, "exact": readings.EXACT, "range": readings.RANGE, "bounds": readings.BOUNDS}
