"""Atom feeds of new and corrected claims: the whole site, each figure and each actor.

Written with feedgen, which escapes every text for XML and produces valid Atom 1.0.
Each claim is one entry, so a reader's feed shows a correction as the entry updated:

- ``id``: a tag URI (RFC 4151) built from the claim id, ``tag:<authority>,<date>:claim/<id>``,
  which never changes however the site moves or pages split;
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

from generator.site import paths

log = logging.getLogger(__name__)

FOLDER = "feeds"
#: Entries per feed: the claims changed most recently.
ENTRIES = 50
#: Where the authority and date of the tag URIs come from when mkdocs.yml does not say.
DEFAULT_AUTHORITY = "briefing.invalid"
DEFAULT_DATE = "2024-01-01"

# XML 1.0 cannot carry most control characters, even escaped; data shows them as U+FFFD elsewhere too.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Settings:
    """What the feeds (and JSON-LD) need from ``mkdocs.yml``: the site's name and address, and the tag authority."""

    site_name: str = "Briefing"
    site_url: str | None = None
    authority: str = DEFAULT_AUTHORITY
    date: str = DEFAULT_DATE

    def url(self, rel: str, from_rel: str) -> str:
        """The address of a built file (``rel`` inside the site): absolute with a ``site_url``, else relative to ``from_rel``."""
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + rel
        return paths.link(from_rel, rel)

    def tag(self, kind: str, ident: str) -> str:
        """``tag:<authority>,<date>:<kind>/<id>``."""
        return f"tag:{self.authority},{self.date}:{kind}/{ident}"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running anything: tags such as ``!!python/name:`` load as None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def settings(root: Path) -> Settings:
    """Settings from ``root/mkdocs.yml`` (``site_name``, ``site_url``, ``extra.feed_id``); defaults without one."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError):
        return Settings()
    if not isinstance(config, dict):
        return Settings()
    extra = config.get("extra")
    feed_id = extra.get("feed_id") if isinstance(extra, dict) else None
    if not isinstance(feed_id, dict):
        feed_id = {}
    site_url = config.get("site_url")
    authority = str(feed_id.get("authority") or "")
    if not authority and site_url:
        authority = re.sub(r"^https?://([^/:]+).*$", r"\1", str(site_url))
    return Settings(
        site_name=str(config.get("site_name") or "Briefing"),
        site_url=str(site_url) if site_url else None,
        authority=authority or DEFAULT_AUTHORITY,
        date=str(feed_id.get("date") or DEFAULT_DATE),
    )


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
    fg.id(settings.tag("feed", f"{kind}/{rest}" if rest else kind))
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
        fe.id(settings.tag("claim", item.claim_id))
        fe.title(clean(item.title))
        fe.link(href=settings.url(f"claims/{item.claim_id}.html", feed_rel), rel="alternate", type="text/html")
        fe.published(item.published)
        fe.updated(item.updated)
        fe.summary(clean(item.summary))
    return bytes(fg.atom_str(pretty=True))


def entry_words(claim: Any, corpus: Any, *, stance: str, corrections: list[str]) -> tuple[str, str]:
    """The title and summary of a claim's entry: who, what, about which figure, and the quote."""
    actor = corpus.actors[claim.actor].name
    figure = corpus.figures[claim.figure].label if claim.figure else None
    what = f" “{claim.value.text}”" if claim.value else ""
    about = f" about {figure}" if figure else f": {claim.statement}"
    title = ("Corrected: " if corrections else "") + f"{actor} {stance}{what}{about}"
    citation = claim.citations[0]
    source = corpus.sources[citation.source]
    name = f"“{source.title}”" if source.title else "an untitled article"
    when = f" ({_day(source.published.date)})" if source.published else ""
    summary = f"{actor} {stance}{what}{about.rstrip('.')}, as reported in {name}{when}: “{citation.quote}”."
    if corrections:
        summary += " " + " ".join(corrections)
    return title, summary


def _day(iso: str) -> str:
    """``18 Oct 2024``, or ``Oct 2024`` for a month."""
    if len(iso) == 7:
        return dt.date.fromisoformat(iso + "-01").strftime("%b %Y")
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%b %Y')}"
