"""The metadata a saved page states, each value with the element it was found in.

Candidates are read in order of preference, the most specific structured field first:
JSON-LD (schema.org ``NewsArticle`` and its kin, ``@graph`` and ``@id`` references
resolved), then Open Graph and other ``<meta>`` fields, then ``<h1>`` and ``<title>``.
The first readable candidate wins; the note names it and says what the others said when
they differ (a ``<title>`` suffix, an ``og:site_name`` that is a section, a later
``dateModified``).

**Dates are read in the time zone the page states**: ``2024-10-18T23:40:00-04:00`` is
18 October, although it is 19 October in UTC. The calendar date the publisher printed is
the one a reader saw; a date with no time zone is taken as written.
"""

from __future__ import annotations

import email.utils
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

#: schema.org types whose objects describe an article.
ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "Article",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
)


@dataclass(frozen=True)
class Stated:
    """A value the page states, and where: ``JSON-LD NewsArticle.headline``."""

    value: str
    where: str
    note: str = ""


#: The deepest nesting of a JSON-LD block walked (a page's metadata is a few levels deep).
MAX_JSON_DEPTH = 64
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _squash(value: str) -> str:
    """Whitespace collapsed, and any lone surrogate (JSON's ``"\\ud800"``, which no UTF-8 text can hold) shown as U+FFFD."""
    return " ".join(_LONE_SURROGATE.sub("\ufffd", value).split())


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    names = kind if isinstance(kind, list) else [kind]
    return [n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)]


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks, @graph and lists flattened."""
    found: list[dict[str, Any]] = []

    def walk(top: Any) -> None:
        stack = [(top, 0)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_JSON_DEPTH:
                continue
            if isinstance(node, list):
                stack.extend((item, depth + 1) for item in reversed(node))
            elif isinstance(node, dict):
                found.append(node)
                if "@graph" in node:
                    stack.append((node["@graph"], depth + 1))

    for script in tree.xpath('//script[translate(@type, "LDJSON", "ldjson")="application/ld+json"]'):
        text = script.text or ""
        if _too_deep(text):
            continue  # a block nested past any real page's metadata is not read (json.loads would recurse without end)
        try:
            walk(json.loads(text))
        except (ValueError, RecursionError):
            continue
    return found


def _too_deep(text: str) -> bool:
    """Whether a JSON text opens more than :data:`MAX_JSON_DEPTH` arrays or objects at once (brackets inside strings count too: a cheap, safe bound)."""
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            return True
    return False


def _meta(tree: Any, attribute: str, name: str) -> str | None:
    lowered = f'translate(@{attribute}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")'
    for element in tree.xpath(f'//meta[{lowered}="{name}"]'):
        content = _squash(element.get("content") or "")
        if content:
            return content
    return None


def _text_of(value: Any, ids: dict[str, dict[str, Any]], key: str = "name") -> str | None:
    """A JSON-LD value as text: a string, an object's ``key``, or the object an ``@id`` names."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        if key not in value and isinstance(value.get("@id"), str):
            value = ids.get(value["@id"], value)
        value = value.get(key)
    return _squash(value) if isinstance(value, str) and value.strip() else None


@dataclass
class _Candidates:
    """Each field's values in order of preference: (value, where)."""

    title: list[tuple[str, str]] = field(default_factory=list)
    published: list[tuple[str, str]] = field(default_factory=list)
    modified: list[tuple[str, str]] = field(default_factory=list)
    outlet: list[tuple[str, str]] = field(default_factory=list)
    url: list[tuple[str, str]] = field(default_factory=list)
    language: list[tuple[str, str]] = field(default_factory=list)
    title_element: str | None = None
    paywalled: Stated | None = None


def _candidates(tree: Any, saved_from: tuple[str, str] | None) -> _Candidates:
    found = _Candidates()
    objects = _json_ld(tree)
    ids = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}
    article = next((o for t in ARTICLE_TYPES for o in objects if t in _types(o)), None)
    if article is not None:
        kind = next(t for t in ARTICLE_TYPES if t in _types(article))
        ld = f"JSON-LD {kind}"
        for key, into in (("headline", found.title), ("datePublished", found.published), ("dateModified", found.modified), ("inLanguage", found.language)):
            value = _text_of(article.get(key), ids)
            if value:
                into.append((value, f"{ld}.{key}"))
        publisher = _text_of(article.get("publisher"), ids)
        if publisher:
            found.outlet.append((publisher, f"{ld}.publisher.name"))
        for key in ("mainEntityOfPage", "url"):
            value = _text_of(article.get(key), ids, "@id")
            if value:
                found.url.append((value, f"{ld}.{key}"))
        if article.get("isAccessibleForFree") in (False, "False", "false"):
            found.paywalled = Stated("false", f"{ld}.isAccessibleForFree")
    for canonical in tree.xpath('//link[contains(concat(" ", translate(@rel, "CANONICAL", "canonical"), " "), " canonical ")]/@href'):
        if canonical.strip():
            found.url.insert(0, (canonical.strip(), '<link rel="canonical">'))
            break
    for attribute, name, into in (
        ("property", "og:title", found.title),
        ("name", "twitter:title", found.title),
        ("property", "article:published_time", found.published),
        ("itemprop", "datepublished", found.published),
        ("name", "parsely-pub-date", found.published),
        ("name", "dc.date.issued", found.published),
        ("name", "pubdate", found.published),
        ("property", "article:modified_time", found.modified),
        ("property", "og:site_name", found.outlet),
        ("name", "application-name", found.outlet),
        ("property", "og:url", found.url),
        ("property", "og:locale", found.language),
    ):
        value = _meta(tree, attribute, name)
        if value:
            into.append((value, f'<meta {attribute}="{_case(name)}">'))
    for element in tree.xpath("//*[@itemprop='datePublished'][@datetime]"):
        found.published.append((element.get("datetime"), f"<{element.tag} itemprop=datePublished datetime>"))
        break
    headings = [_squash(h.text_content()) for h in tree.xpath("//h1")]
    if len([h for h in headings if h]) == 1:
        found.title.append((next(h for h in headings if h), "<h1>"))
    titles = tree.xpath("//title")
    if titles and _squash(titles[0].text_content()):
        found.title_element = _squash(titles[0].text_content())
    lang = tree.xpath("/html/@lang")
    if lang and lang[0].strip():
        found.language.insert(0, (lang[0].strip(), "<html lang>"))
    if saved_from:
        found.url.append(saved_from)
    return found


def _case(name: str) -> str:
    return {"datepublished": "datePublished"}.get(name, name)


def _single_file_url(html: str) -> str | None:
    """The address SingleFile writes into the comment at the top of a page it saves."""
    found = re.search(r"<!--\s*Page saved with SingleFile\s*\n?\s*url:\s*(\S+)", html[:8192])
    return found.group(1) if found else None


def _differing(chosen: tuple[str, str], others: list[tuple[str, str]], same: Any = None) -> list[str]:
    notes = []
    seen = set()
    for value, where in others:
        if where == chosen[1] or value == chosen[0] or (same and same(value, chosen[0])) or value in seen:
            continue
        seen.add(value)
        notes.append(f'{where} reads "{value}"')
    return notes


# Dates: 2024-10-18, 2024-10, 2024-10-18T23:40:00-04:00, 2024-10-18 23:40:00Z, and RFC 2822.
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?)?)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Day:
    date: str
    zone: str | None


def parse_date(value: str) -> _Day | None:
    """The calendar date a stated timestamp names, in the time zone it states; None if unreadable."""
    found = _ISO.fullmatch(value.strip())
    if found:
        y, m, d = int(found["y"]), int(found["m"]), int(found["d"]) if found["d"] else 1
        try:
            date(y, m, d)
        except ValueError:
            return None
        text = f"{y:04d}-{m:02d}" + (f"-{d:02d}" if found["d"] else "")
        zone = found["tz"]
        if zone and zone.upper() == "Z":
            zone = "UTC"
        elif zone:
            zone = "UTC" + (zone if ":" in zone or len(zone) == 3 else f"{zone[:3]}:{zone[3:]}")
        return _Day(text, zone) if 1900 <= y <= 2200 else None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    offset = moment.utcoffset()
    zone = None
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        zone = "UTC" if minutes == 0 else f"UTC{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return _Day(moment.date().isoformat(), zone)


def _published(found: _Candidates, html: str) -> Stated | None:
    readable = [(value, where, day) for value, where in found.published if (day := parse_date(value)) is not None]
    if not readable:
        from htmldate import find_date

        guessed = find_date(html, extensive_search=False, original_date=True)
        if guessed is None:
            return None
        return Stated(
            guessed,
            "htmldate",
            "The page states no publication date in a structured field; htmldate found this date in its markup or address. Check it against the page.",
        )
    value, where, day = readable[0]
    zone_rule = f", the calendar date in the time zone it states ({day.zone})" if day.zone else ""
    notes = [f'{where} states "{value}"{zone_rule}.']
    for other, other_where, other_day in readable[1:]:
        if other_day.date != day.date and other_where != where:
            zone = f" in {other_day.zone}" if other_day.zone else ""
            notes.append(f'{other_where} states "{other}" ({other_day.date}{zone}); {where} is the more specific field and is preferred.')
    later = [(v, w) for v, w in found.modified if (d := parse_date(v)) is not None and d.date != day.date]
    if later:
        notes.append(f'The page was modified later ({later[0][1]} "{later[0][0]}"); that is not the publication date.')
    return Stated(day.date, where, " ".join(notes))


_SEPARATORS = (" - ", " | ", " – ", " — ", " · ", " :: ")


def _title(found: _Candidates, outlet: Stated | None) -> Stated | None:
    element = found.title_element
    if found.title:
        chosen = found.title[0]
        notes = [f"Stated in {chosen[1]}."]
        if element and element != chosen[0]:
            if element.startswith(chosen[0]):
                notes.append(f'The <title> element adds "{element[len(chosen[0]) :]}", the site\'s name, which is not part of the headline.')
            else:
                notes.append(f'The <title> element reads "{element}".')
        notes += [f"{n}." for n in _differing(chosen, found.title[1:], lambda a, b: _squash(a).casefold() == _squash(b).casefold())]
        return Stated(chosen[0], chosen[1], " ".join(n[0].upper() + n[1:] for n in notes))
    if not element:
        return None
    if outlet is not None:
        for separator in _SEPARATORS:
            for suffix in (f"{separator}{outlet.value}",):
                if element.endswith(suffix) and len(element) > len(suffix):
                    return Stated(element[: -len(suffix)], "<title>", f'Stated in the <title> element, without its suffix "{suffix}", the site\'s name.')
    return Stated(element, "<title>", "Stated in the <title> element; the page has no other headline field.")


def _outlet(found: _Candidates) -> Stated | None:
    if not found.outlet:
        return None
    chosen = found.outlet[0]
    notes = [f'The page names its outlet "{chosen[0]}" in {chosen[1]}.']
    for note in _differing(chosen, found.outlet[1:], lambda a, b: a.casefold() == b.casefold()):
        notes.append(f"{note[0].upper()}{note[1:]}, which is not the publisher's name; {chosen[1]} is the more specific field and is preferred.")
    return Stated(chosen[0], chosen[1], " ".join(notes))


def _clean_url(value: str, base: str | None) -> str | None:
    value = urljoin(base, value) if base else value
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
        return None
    return urlunsplit(parts._replace(fragment=""))


def _url(found: _Candidates, base: str | None) -> Stated | None:
    absolute = next((v for v, _ in found.url if _clean_url(v, None)), base)
    usable = [(url, where) for value, where in found.url if (url := _clean_url(value, absolute)) is not None]
    if not usable:
        return None
    chosen = usable[0]
    notes = [f"Stated in {chosen[1]}."]
    notes += [f"{n}; {chosen[1]} is preferred." for n in _differing(chosen, usable[1:])]
    return Stated(chosen[0], chosen[1], " ".join(n[0].upper() + n[1:] for n in notes))


def _language(found: _Candidates) -> Stated | None:
    for value, where in found.language:
        tag = value.replace("_", "-").strip()
        primary, _, rest = tag.partition("-")
        tag = primary.lower() + (f"-{rest}" if rest else "")
        if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", tag):
            return Stated(tag, where)
    return None


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


@dataclass(frozen=True)
class Metadata:
    """What a page states about itself; ``None`` where it states nothing readable."""

    title: Stated | None
    published: Stated | None
    outlet: Stated | None
    url: Stated | None
    language: Stated | None
    paywalled: Stated | None


def read_metadata(html: str, base_url: str | None) -> Metadata:
    """The page's title, publication date, outlet, address, language and paywall marker.

    ``base_url`` is the address a web archive recorded the page under, if any.
    """
    import lxml.html

    tree = lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    single_file = _single_file_url(html)
    saved_from = (base_url, "the web archive's WARC-Target-URI") if base_url else (single_file, "SingleFile's saved-from comment") if single_file else None
    found = _candidates(tree, saved_from)
    outlet = _outlet(found)
    return Metadata(_title(found, outlet), _published(found, html), outlet, _url(found, base_url), _language(found), found.paywalled)
