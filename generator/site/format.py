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

from generator.model import Value, precision

# Characters that can start or change Markdown or HTML structure in inline text.
_MD_ESCAPES = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#!|<>&~^\"'$"}


_MD_TABLE = str.maketrans(_MD_ESCAPES)  # one C-level pass instead of a generator per character


# Control characters (but tab) and bidirectional overrides that can disguise text.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def md(text: object) -> str:
    """Escape any value for inline Markdown: no markup, no new block, no hidden characters."""
    text = " ".join(UNSAFE.sub("\ufffd", str(text)).split())
    return text.translate(_MD_TABLE)


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


def bounds(value: Value) -> str:
    """Structured bounds in symbols: ``≤ 1,500``, ``≥ 10,000``, ``1,000–3,000``, ``~11,000``."""
    approx = "~" if value.approximate else ""
    match value.shape:
        case "point":
            return f"{approx}{number(value.low)}"  # type: ignore[arg-type]
        case "range":
            return f"{approx}{number(value.low)}–{number(value.high)}"  # type: ignore[arg-type]
        case "at-most":
            return f"≤ {approx}{number(value.high)}"  # type: ignore[arg-type]
        case _:
            return f"≥ {approx}{number(value.low)}"  # type: ignore[arg-type]


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
