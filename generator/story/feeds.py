"""Atom feeds of new and corrected claims: the whole site, each figure and each actor.

Written with feedgen, which escapes every text for XML and produces valid Atom 1.0.
Each claim is one entry, so a reader's feed shows a correction as the entry updated:

- ``id``: a tag URI (RFC 4151) built from the claim id, ``tag:<authority>,<date>:claim/<id>``,
  which never changes however the site moves or pages split; without ``extra.feed_id``, the
  claim's permanent address under ``site_url``; with neither, :func:`settings` refuses;
- ``published``: when the claim first reached the branch; ``updated``: its last change
  (both from :mod:`generator.history`);
- ``link``: the claim's permanent address (:mod:`generator.permalinks`);
- ``summary``: a sentence with the quote, followed by any correction.

Feeds list the latest :data:`ENTRIES` claims by last change. Without history (outside Git,
or in a shallow clone) they have no entries and say why.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from feedgen.feed import FeedGenerator

from generator.errors import Problem, ValidationFailed
from generator.project import CONFIG_FILE as CONFIG
from generator.site import paths

log = logging.getLogger(__name__)

FOLDER = "feeds"
#: The XSLT stylesheet (hand-written, in the docs folder's assets) that shows a feed as a page.
STYLESHEET = "assets/feed.xsl"
#: Entries per feed: the claims changed most recently.
ENTRIES = 50
# XML 1.0 cannot carry most control characters, even escaped; data shows them as U+FFFD elsewhere too.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Settings:
    """What the feeds (and JSON-LD) need from ``mkdocs.yml``: the site's name and address, and how entries are identified.

    An id is never invented: it is a tag URI from ``extra.feed_id`` (``authority`` and ``date``),
    else the absolute address under ``site_url``; :func:`settings` refuses a configuration with neither.
    """

    site_name: str = "Briefing"
    site_url: str | None = None
    authority: str | None = None
    date: str | None = None
    #: The data's licence (``extra.data_licence``: name and address), shown on Downloads, in the JSON-LD and on every embed.
    licence_name: str | None = None
    licence_url: str | None = None
    #: Who compiled the data (``extra.creator``), named in citations and the JSON-LD; the site's name without one.
    creator: str | None = None

    def absolute(self, rel: str) -> str | None:
        """The permanent address of a built file under ``site_url``; None without one."""
        return self.site_url.rstrip("/") + "/" + rel if self.site_url else None

    def url(self, rel: str, from_rel: str) -> str:
        """The address of a built file (``rel`` inside the site): absolute with a ``site_url``, else relative to ``from_rel``."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + rel
        return paths.link(from_rel, rel)

    def ident(self, kind: str, ident: str, rel: str) -> str:
        """The permanent id of a feed or entry: ``tag:<authority>,<date>:<kind>/<id>``, else the absolute address of ``rel``."""
        if self.authority and self.date:
            return f"tag:{self.authority},{self.date}:{kind}/{ident}"
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + rel
        raise ValueError("feeds need extra.feed_id or site_url in mkdocs.yml; feeds.settings() checks for it")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: only composed into nodes, never constructed."""


# RFC 4151: a tagging entity is a domain name or an e-mail address, and a date (year, month or day) on which it was held.
_DNS = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
_AUTHORITY = re.compile(rf"(?:[A-Za-z0-9._%+-]+@)?{_DNS}")
_DATE = re.compile(r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-[0-9]{2})?)?")
_HINT = (
    "set `site_url` to the address the site is published at (entry ids become its permanent links), or, to keep ids "
    "when the site moves, `extra: {feed_id: {authority: <a domain or e-mail address you hold>, date: <YYYY-MM-DD you held it>}}` "
    "(RFC 4151 tag URIs); then never change it, or feed readers show every claim again."
)


def _get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of ``key`` in a mapping node, or None."""
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _text(pair: tuple[yaml.Node, yaml.Node] | None) -> str | None:
    if pair is None or not isinstance(pair[1], yaml.ScalarNode) or pair[1].tag.endswith(":null") or pair[1].value in ("", "~", "null"):
        return None
    return str(pair[1].value)


def _at(node: yaml.Node, message: str, hint: str = _HINT) -> Problem:
    return Problem(CONFIG, node.start_mark.line + 1, node.start_mark.column + 1, message, hint)


def _real(date: str) -> bool:
    """A year or month is real once it matches :data:`_DATE`; a day must exist in the calendar."""
    try:
        return len(date) != 10 or bool(dt.date.fromisoformat(date))
    except ValueError:
        return False


def settings(root: Path) -> Settings:
    """Settings from ``root/mkdocs.yml`` (``site_name``, ``site_url``, ``extra.feed_id``).

    Raises :class:`ValidationFailed` with ``mkdocs.yml:line:col`` when feeds cannot be given a permanent id:
    no ``mkdocs.yml``, neither ``extra.feed_id`` nor ``site_url``, or a ``feed_id`` RFC 4151 would refuse.
    """
    try:
        text = (root / CONFIG).read_text(encoding="utf-8")
    except OSError as error:
        hint = "a project needs its mkdocs.yml, which names the site and identifies its feeds: copy Briefing's, with hooks/, overrides/ and site_templates/."
        raise ValidationFailed([Problem(CONFIG, 1, 1, f"cannot read {CONFIG}: {error.strerror or error}.", hint)]) from None
    try:
        top = yaml.compose(text, Loader=_ConfigLoader)  # noqa: S506 - composes nodes only, constructs nothing
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ValidationFailed(
            [Problem(CONFIG, line, col, f"{CONFIG} is not valid YAML: {getattr(error, 'problem', None) or error}.", "fix the syntax.")]
        ) from None
    site_name = _text(_get(top, "site_name")) or "Briefing"
    site_url = _text(_get(top, "site_url"))
    extra = _get(top, "extra")
    feed_id = _get(extra[1], "feed_id") if extra else None
    if feed_id is None:
        if site_url is None:
            where = extra[0] if extra else top  # the extra: key, else the top of the file
            line, col = (where.start_mark.line + 1, where.start_mark.column + 1) if where is not None else (1, 1)
            raise ValidationFailed(
                [Problem(CONFIG, line, col, "feeds need a permanent id for each entry, and mkdocs.yml sets neither extra.feed_id nor site_url.", _HINT)]
            )
        url = _get(top, "site_url")
        if not re.fullmatch(r"https?://[^/\s:]+(?::[0-9]+)?(?:/\S*)?", site_url) and url is not None:
            raise ValidationFailed([_at(url[1], f'site_url: "{site_url}" is not an http(s) address, so it cannot identify feed entries.')])
        return Settings(site_name=site_name, site_url=site_url, **_reuse(extra))
    key, value = feed_id
    if not isinstance(value, yaml.MappingNode):
        raise ValidationFailed([_at(value, "extra.feed_id: expected a mapping with authority and date.")])
    problems = []
    found = {name: _get(value, name) for name in ("authority", "date")}
    at = {name: pair[1] if pair else key for name, pair in found.items()}
    authority, date = _text(found["authority"]), _text(found["date"])
    for name, given in (("authority", authority), ("date", date)):
        if given is None:
            problems.append(_at(at[name], f"extra.feed_id: {name} is missing."))
    if authority is not None and not _AUTHORITY.fullmatch(authority):
        problems.append(_at(at["authority"], f'extra.feed_id.authority: "{authority}" is not a domain name or e-mail address.'))
    if date is not None and not (_DATE.fullmatch(date) and _real(date)):
        problems.append(_at(at["date"], f'extra.feed_id.date: "{date}" is not a date; write YYYY-MM-DD (or YYYY-MM, YYYY).'))
    if problems:
        raise ValidationFailed(problems)
    return Settings(site_name=site_name, site_url=site_url, authority=authority, date=date, **_reuse(extra))


_LICENCE_HINT = (
    "write `extra: {data_licence: {name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}}`, naming the licence readers may reuse the data under."
)


def _reuse(extra: tuple[yaml.Node, yaml.Node] | None) -> dict[str, str | None]:
    """``extra.data_licence`` (name and http(s) address) and ``extra.creator``, checked; each may be absent."""
    out: dict[str, str | None] = {"licence_name": None, "licence_url": None, "creator": None}
    if extra is None:
        return out
    out["creator"] = _text(_get(extra[1], "creator"))
    licence = _get(extra[1], "data_licence")
    if licence is None:
        return out
    if not isinstance(licence[1], yaml.MappingNode):
        raise ValidationFailed([_at(licence[1], "extra.data_licence: expected a mapping with name and url.", _LICENCE_HINT)])
    name, url = _get(licence[1], "name"), _get(licence[1], "url")
    problems = []
    if _text(name) is None:
        problems.append(_at(name[1] if name else licence[0], "extra.data_licence: name is missing.", _LICENCE_HINT))
    given = _text(url)
    if url is not None and given is not None and not re.fullmatch(r"https?://[^/\s:]+(?::[0-9]+)?(?:/\S*)?", given):
        problems.append(_at(url[1], f'extra.data_licence.url: "{given}" is not an http(s) address.', _LICENCE_HINT))
    if problems:
        raise ValidationFailed(problems)
    out["licence_name"], out["licence_url"] = _text(name), given
    return out


def path(kind: str, ident: str | None = None) -> str:
    """``feeds/all.xml``, ``feeds/figures/<id>.xml``, ``feeds/actors/<id>.xml``."""
    return f"{FOLDER}/all.xml" if kind == "all" else f"{FOLDER}/{kind}/{ident}.xml"


@dataclass(frozen=True)
class Entry:
    """One claim in a feed: its id, when published and updated, and its words."""

    claim_id: str
    published: dt.datetime
    updated: dt.datetime
    title: str
    summary: str


def clean(text: str) -> str:
    return " ".join(_XML_UNSAFE.sub("\ufffd", text).split())


def atom(
    settings: Settings, feed_rel: str, page_rel: str | None, title: str, entries: Iterable[Entry], *, updated: dt.datetime, note: str | None = None
) -> bytes:
    """An Atom feed at ``feed_rel`` of the latest :data:`ENTRIES` entries, newest first."""
    chosen = sorted(entries, key=lambda e: (e.updated, e.claim_id), reverse=True)[:ENTRIES]
    fg = FeedGenerator()
    kind, _, rest = feed_rel[len(FOLDER) + 1 : -len(".xml")].partition("/")
    fg.id(settings.ident("feed", f"{kind}/{rest}" if rest else kind, feed_rel))
    fg.title(clean(title))
    fg.subtitle(clean(note or "New and corrected claims: each entry is one claim, updated when it is corrected."))
    fg.author({"name": clean(settings.site_name)})
    fg.link(href=settings.url(feed_rel, feed_rel), rel="self", type="application/atom+xml")
    home = (page_rel or "index.md").removesuffix(".md") + ".html"
    fg.link(href=settings.url(home, feed_rel), rel="alternate", type="text/html")
    fg.language("en")
    fg.updated(max([updated, *(e.updated for e in chosen)]))
    for item in chosen:
        fe = fg.add_entry(order="append")
        fe.id(settings.ident("claim", item.claim_id, f"claims/{item.claim_id}.html"))
        fe.title(clean(item.title))
        fe.link(href=settings.url(f"claims/{item.claim_id}.html", feed_rel), rel="alternate", type="text/html")
        fe.published(item.published)
        fe.updated(item.updated)
        fe.summary(clean(item.summary))
    xml = bytes(fg.atom_str(pretty=True))
    # A browser that opens the feed shows it through the site's stylesheet as a readable page.
    declaration, newline, body = xml.partition(b"\n")
    instruction = f'<?xml-stylesheet type="text/xsl" href="{paths.link(feed_rel, STYLESHEET)}"?>'.encode()
    return declaration + newline + instruction + b"\n" + body


def entry_words(claim: Any, corpus: Any, *, stance: str, corrections: list[str]) -> tuple[str, str]:
    """The title and summary of a claim's entry: who, what, about which figure, and the quote."""
    actor = corpus.actors[claim.actor].name + (" (attribution inferred by the editors)" if claim.attribution.inferred else "")
    figure = corpus.figures[claim.figure].label if claim.figure else None
    what = f" “{claim.value.text}”" if claim.value else ""
    about = f" about {figure}" if figure else f": {claim.statement}"
    title = ("Corrected: " if corrections else "") + f"{actor} {stance}{what}{about}"
    citation = claim.citations[0]
    source = corpus.sources[citation.source]
    name = f"“{source.title}”" if source.title else "an untitled article"
    when = f" ({_day(source.published.date)})" if source.published else ""
    quote = citation.quote.rstrip()
    # A quote that ends its own sentence ends the summary: no period after the closing quotation mark (not `.”.`).
    end = "" if quote.endswith((".", "!", "?", "…")) else "."
    summary = f"{actor} {stance}{what}{about.rstrip('.')}, as reported in {name}{when}: “{quote}”{end}"
    if corrections:
        summary += " " + " ".join(corrections)
    return title, summary


def _day(iso: str) -> str:
    """``18 Oct 2024``, or ``Oct 2024`` for a month."""
    if len(iso) == 7:
        return dt.date.fromisoformat(iso + "-01").strftime("%b %Y")
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%b %Y')}"
