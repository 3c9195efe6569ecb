"""schema.org JSON-LD for search engines and data catalogues: a Dataset and its Claims.

Figure pages and the Downloads page describe the data as a ``Dataset`` (the JSON and CSV
downloads as its distributions, ``dateModified`` the date the data last changed), and
figure pages describe each estimate they list as a ``Claim``: its author, its appearances
(the articles reporting it, with their address when known) and when it was made. Unknown
stays unknown: a property is left out rather than guessed.

The JSON goes into the page inside ``<script type="application/ld+json">``. Data strings
are untrusted, so every ``<``, ``>`` and ``&`` is written as a JSON escape: no data string
can close the script element or open another (the hostile-input tests check it).
"""

from __future__ import annotations

import json
from typing import Any

from generator.data import readings
from generator.model import Claim, Corpus
from generator.site import paths
from generator.story.feeds import Settings
from generator.story.history import Stamp

CONTEXT = "https://schema.org"
_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script(data: dict[str, Any]) -> str:
    """``data`` as one line of HTML: a JSON-LD script element that data cannot break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return f'<script type="application/ld+json">{text}</script>'


def dataset(
    corpus: Corpus,
    settings: Settings,
    page_rel: str,
    *,
    name: str,
    description: str,
    as_of: Stamp | None,
    about: str | None = None,
    dates: list[str] | None = None,
    downloads: tuple[str, str] = (paths.CLAIMS_JSON, paths.CLAIMS_CSV),
) -> dict[str, Any]:
    """A Dataset whose distributions are the site's downloads (``downloads``: its JSON and CSV), with its
    licence, creator and the dates its claims cover (``dates``, ``YYYY-MM-DD`` or ``YYYY-MM``) when known."""
    out: dict[str, Any] = {
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": settings.url(page_rel.removesuffix(".md") + ".html", page_rel),
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": settings.url(downloads[0], page_rel)},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": settings.url(downloads[1], page_rel)},
        ],
        "creator": {"@type": "Organization", "name": settings.creator or settings.site_name},
    }
    if settings.licence_url or settings.licence_name:
        out["license"] = settings.licence_url or settings.licence_name
    if dates:
        first, last = min(dates), max(dates)
        out["temporalCoverage"] = first if first == last else f"{first}/{last}"
    if about:
        out["variableMeasured"] = about
    if as_of is not None:
        out["dateModified"] = as_of.moment.isoformat().replace("+00:00", "Z")
    return out


def claim(item: Claim, corpus: Corpus, settings: Settings, page_rel: str) -> dict[str, Any]:
    """A Claim: author, appearances (source, with its URL when known) and date made."""
    actor = corpus.actors[item.actor]
    link = settings.url(f"claims/{item.id}.html", page_rel)
    out: dict[str, Any] = {
        "@type": "Claim",
        "@id": link,
        "identifier": item.id,
        "text": item.statement,
        "author": {"@type": "Person" if actor.kind == "person" else "Organization", "name": actor.name},
        "appearance": [_appearance(corpus, settings, c.source, c.quote, page_rel) for c in item.citations],
    }
    if item.attribution.inferred:
        # The source names no one: the editors read the claim as this actor's (schema.org has no
        # property for how an author is known, so it is said in words, as on the page).
        out["creditText"] = f"Attribution inferred by the editors: {item.attribution.note}"
    if item.value:
        out["description"] = item.value.text
        reading = readings.read(item.value)
        unit = corpus.figures[item.figure].unit if item.figure and item.figure in corpus.figures else None
        out["about"] = {
            "@type": "QuantitativeValue",
            "description": f"{item.value.text}, read as low {reading.low}, best {reading.best}, high {reading.high}",
            "value": reading.best,
            **({"minValue": reading.low} if reading.low is not None else {}),
            **({"maxValue": reading.high} if reading.high is not None else {}),
            **({"unitText": unit} if unit else {}),
        }
    if item.claimed_on:
        out["datePublished"] = item.claimed_on.date
    return out


def _appearance(corpus: Corpus, settings: Settings, source_id: str, quote: str, page_rel: str) -> dict[str, Any]:
    source = corpus.sources[source_id]
    # archivedAt is the source page holding the archived text with the quote highlighted; the quote itself
    # is left to the page and the downloads, which kept large figure pages under their size budget.
    out: dict[str, Any] = {"@type": "CreativeWork"}
    if source.title:
        out["headline"] = source.title
    if source.url:
        out["url"] = source.url
    if source.published:
        out["datePublished"] = source.published.date
    if source.language.split("-")[0] != "en":
        out["inLanguage"] = source.language  # English, the site's own, is left implied
    if source.outlet and source.outlet in corpus.actors:
        out["publisher"] = {"@type": "Organization", "name": corpus.actors[source.outlet].name}
    out["archivedAt"] = settings.url(paths.source(source_id).removesuffix(".md") + ".html", page_rel)
    return out


def graph(*items: dict[str, Any]) -> dict[str, Any]:
    return {"@context": CONTEXT, "@graph": list(items)}
