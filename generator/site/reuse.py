"""Reusing a figure or a claim elsewhere: its estimates as CSV and JSON, its chart as PNG,
an embed page, and "Cite this" as plain text, BibTeX and CSL-JSON.

Everything here is written into the site at build time, so it works offline and from the
zip, and nothing a reader opens loads anything from another host. Data strings are
untrusted: BibTeX escapes TeX's special characters and keeps braces balanced, CSL-JSON is
written by :mod:`json`, and the embed page escapes every string for HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import vl_convert
from markupsafe import Markup

from generator.data import readings
from generator.model import Claim, Figure
from generator.project import Limits
from generator.site import paths
from generator.site.charts import SIZES, alt_text, chart_svg, charted, spec
from generator.site.downloads import CSV_COLUMNS, claim_record, csv_rows
from generator.site.format import STANCE_LABELS, UNSAFE, aside, day_label, reading_words
from generator.site.index import Index
from generator.site.kept import Kept
from generator.site.values import kept_summary
from generator.story import permalinks
from generator.story.feeds import Settings

if TYPE_CHECKING:
    from generator.story.follow import Story

EMBED_FOLDER = "embed"
#: Material's icon, in the built site.
FAVICON = "assets/images/favicon.png"
#: The embed page's size in the ``<iframe>`` code offered to copy: the wide chart, the sentence above it and the credit below.
EMBED_WIDTH, EMBED_HEIGHT = 720, 600


def figure_csv_path(ident: str) -> str:
    return f"figures/{ident}.csv"


def figure_json_path(ident: str) -> str:
    return f"figures/{ident}.json"


def figure_png_path(ident: str) -> str:
    return f"figures/{ident}.png"


def claim_cite_path(ident: str) -> str:
    """``claims/<id>.cite.html``: how to cite a claim, beside its permanent address (``claims/<id>.html``)."""
    return f"{permalinks.FOLDER}/{ident}.cite.html"


def cite_link(page: Any, claim: Claim) -> Markup:
    """A link (in HTML) to how to cite the claim: plain text, BibTeX and CSL-JSON (``claims/<id>.cite.html``); a method of the pages' Page."""
    return Markup(f'<a href="{page.html.href(claim_cite_path(claim.id))}" title="Cite this claim: plain text, BibTeX, CSL-JSON">cite</a>')


def embed_path(ident: str) -> str:
    return f"{EMBED_FOLDER}/{ident}.html"


# --- the estimates of one figure ---------------------------------------------------------------


def figure_csv(index: Index, ident: str) -> str:
    """The figure's claims in the columns of ``downloads/claims.csv``, one row per citation."""
    rows = "".join(csv_rows(index, claim) for claim in index.by_figure.get(ident, []))
    return ",".join(CSV_COLUMNS) + "\n" + rows


def figure_json(index: Index, ident: str, settings: Settings, as_of: str | None) -> str:
    """The figure, its licence and data-as-of date, and its claims as in ``downloads/claims.json``."""
    figure = index.corpus.figures[ident]
    data = {
        "figure": {"id": figure.id, "label": figure.label, "unit": figure.unit, "definition": figure.definition},
        "page": settings.url(paths.published(paths.figure(ident)), figure_json_path(ident)),
        "data_as_of": as_of,
        "licence": {"name": settings.licence_name, "url": settings.licence_url} if settings.licence_name else None,
        "claims": [claim_record(index, c) for c in index.by_figure.get(ident, [])],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def chart_png(figure: Figure, claims: list[Claim], index: Index, kept: Kept[bytes] | None = None) -> bytes:
    """The wide chart as a PNG at twice its size, on white: pasted into a document, it needs no dark scheme.

    With ``kept`` (the live preview's), drawn again only when the spec changed, as :func:`~generator.site.charts.drawn`.
    """
    chart = spec(figure, claims, index, "wide")
    chart["background"] = "white"
    if kept is None:
        return bytes(vl_convert.vegalite_to_png(chart, scale=2))
    digest = hashlib.sha256(json.dumps(chart, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return kept.get(("png", digest), None, lambda old, new: True, lambda: bytes(vl_convert.vegalite_to_png(chart, scale=2)))


# --- Cite this ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """What a citation of a figure or a claim says, in any format: who, what, where and as of when."""

    key: str
    title: str
    creator: str
    container: str
    url: str | None
    as_of: str | None  # YYYY-MM-DD: when the data behind it last changed
    licence: str | None
    licence_url: str | None
    note: str = ""

    def text(self) -> str:
        """One line a reader can paste into a footnote."""
        parts = [f"{self.creator}. “{self.title}”. {self.container}."]
        parts.append(f"Data as of {day_label(self.as_of)}." if self.as_of else "Data-as-of date unknown (built without Git history).")
        if self.url:
            parts.append(f"{self.url}.")
        if self.licence:
            parts.append(f"Licence: {self.licence}.")
        return clean(" ".join(parts))

    def bibtex(self) -> str:
        """A ``@misc`` entry, every value escaped for TeX and braced."""
        fields = [("title", self.title), ("author", "{" + _tex(self.creator) + "}"), ("howpublished", self.container)]
        if self.as_of:
            day = dt.date.fromisoformat(self.as_of)
            fields += [("year", str(day.year)), ("month", day.strftime("%b").lower()), ("date", self.as_of)]
        if self.url:
            fields.append(("url", self.url))
        note = [self.note] if self.note else []
        note.append(f"Data as of {self.as_of}" if self.as_of else "Data-as-of date unknown")
        if self.licence:
            note.append(f"Licence: {self.licence}" + (f" ({self.licence_url})" if self.licence_url else ""))
        fields.append(("note", ". ".join(note)))
        lines = []
        for name, value in fields:
            # The author is escaped and braced above (a corporate name); urls and dates are printed as they are.
            written = value if name in ("author", "url", "date", "year", "month") else _tex(value)
            lines.append(f"  {name} = {{{written}}}" if name != "month" else f"  {name} = {written}")
        return f"@misc{{{self.key},\n" + ",\n".join(lines) + "\n}\n"

    def csl(self) -> dict[str, Any]:
        """One CSL-JSON item (the citation processors' input format), a ``dataset``."""
        item: dict[str, Any] = {"id": self.key, "type": "dataset", "title": clean(self.title), "author": [{"literal": clean(self.creator)}]}
        item["publisher"] = clean(self.container)
        if self.as_of:
            y, m, d = (int(p) for p in self.as_of.split("-"))
            item["issued"] = {"date-parts": [[y, m, d]]}
        if self.url:
            item["URL"] = self.url
        note = [self.note] if self.note else []
        note.append(f"Data as of {self.as_of}" if self.as_of else "Data-as-of date unknown")
        if self.licence:
            note.append(f"Licence: {self.licence}" + (f" ({self.licence_url})" if self.licence_url else ""))
        item["note"] = clean(". ".join(note))
        return item

    def csl_json(self) -> str:
        return json.dumps([self.csl()], ensure_ascii=False, indent=2) + "\n"


def clean(text: str) -> str:
    """One line: control and bidi-override characters shown as U+FFFD, whitespace folded."""
    return " ".join(UNSAFE.sub("\ufffd", text).split())


_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_TEX_SPECIAL = re.compile(r"[\\{}%&#$_^~]")


def _tex(text: str) -> str:
    """Text for a braced BibTeX value: TeX's special characters escaped, so braces stay balanced and nothing is a command."""
    return _TEX_SPECIAL.sub(lambda m: _TEX[m.group()], clean(text))


def _key(kind: str, ident: str) -> str:
    # Ids are slugs (lowercase letters, digits, hyphens): valid in a BibTeX key and a CSL id as they are.
    return f"briefing-{kind}-{ident}"


def figure_citation(index: Index, settings: Settings, ident: str, as_of: str | None) -> Citation:
    figure = index.corpus.figures[ident]
    url = settings.absolute(paths.published(paths.figure(ident)))
    return Citation(
        key=_key("figure", ident),
        title=f"{figure.label}: every estimate",
        creator=settings.creator or settings.site_name,
        container=settings.site_name,
        url=url,
        as_of=as_of,
        licence=settings.licence_name,
        licence_url=settings.licence_url,
    )


def claim_citation(index: Index, settings: Settings, claim: Claim, as_of: str | None, stance: str) -> Citation:
    corpus = index.corpus
    actor = corpus.actors[claim.actor].name
    words = f" ‘{claim.value.text}’" if claim.value else ""  # inside the title's own quotation marks
    about = f" ({corpus.figures[claim.figure].label})" if claim.figure else ""
    source = corpus.sources[claim.citations[0].source]
    reported = f"As reported in “{source.title}”" if source.title else "As reported in an untitled article"
    if source.published:
        reported += f", {day_label(source.published.date)}"
    return Citation(
        key=_key("claim", claim.id),
        title=f"{actor} {stance}{words}{about}",
        creator=settings.creator or settings.site_name,
        container=settings.site_name,
        url=settings.absolute(permalinks.path(claim.id)),
        as_of=as_of,
        licence=settings.licence_name,
        licence_url=settings.licence_url,
        note=reported,
    )


# --- the embed page ----------------------------------------------------------------------------


def _words(claim: Claim) -> str:
    """The value's words as the source gave them, in quotation marks."""
    assert claim.value is not None
    return f"“{claim.value.text}”"


def _reading(index: Index, claim: Claim) -> str:
    """How the words read, with the figure's unit: "read as 9,900 to 11,000 troops" (as the figure page says it)."""
    assert claim.value is not None and claim.figure is not None
    found = readings.read(claim.value)
    return f"{'editors read it as' if found.by_editors else 'read as'} {reading_words(found, index.corpus.figures[claim.figure].unit)}"


def answer(index: Index, summary: dict[str, Any]) -> str:
    """The figure page's opening answer in plain words (no links): the latest estimate in its words, who and when, how it
    reads, and the lowest and highest readings."""

    def by(c: Claim) -> str:
        name = aside(index.corpus.actors[c.actor].name)
        return f"{name}, attribution inferred by the editors" if c.attribution.inferred else name

    latest, valued = summary["latest"], summary["valued"]
    if latest and len(valued) == 1:
        return f"The only estimate so far: {_words(latest)}, from {index.corpus.actors[latest.actor].name}, {_when(index, latest)}; {_reading(index, latest)}."
    low, high = summary["lowest"], summary["highest"]
    spread = f"The lowest reading is {_words(low)} ({by(low)}), the highest {_words(high)} ({by(high)})." if low and high else ""
    if latest:
        text = f"Latest estimate: {_words(latest)}, from {index.corpus.actors[latest.actor].name}, {_when(index, latest)}; {_reading(index, latest)}."
        text += f" {len(valued)} estimates from {len(summary['origins'])} origins, {day_label(summary['first_date'])} to {day_label(summary['last_date'])}. {spread}"
        return text
    if valued:
        return f"{len(valued)} estimates, none of them dated. {spread}"
    return "No source has put a number on this yet."


def _when(index: Index, claim: Claim) -> str:
    placed = index.placed[claim.id]
    if placed.how == "claimed" and claim.claimed_on:
        return day_label(claim.claimed_on.date) + (", date inferred" if claim.claimed_on.basis == "inferred" else "")
    return f"reported {day_label(placed.when)}" if placed.when else "undated"


_EMBED_CSS = """
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif;color:#222;background:#fff}
body{margin:0;padding:8px 12px}figure{margin:0}h1{font-size:1.1rem;margin:0 0 .3rem}
p{margin:.3rem 0;font-size:.95rem;line-height:1.4}img{max-width:100%;height:auto;display:block}
.number{font-size:1.6rem;font-weight:700;display:block}blockquote{margin:.5rem 0;padding-left:.7rem;border-left:3px solid #999}
figcaption{font-size:.8rem;color:#444;margin-top:.4rem}a{color:#1a5fb4}
""".strip()


def embed_page(
    index: Index, settings: Settings, figure: Figure, summary: dict[str, Any], alt: str, as_of: str | None, chart_size: tuple[int, int] | None
) -> str:
    """A small static page with the figure's chart (or numbers), its answer and a link back: what an ``<iframe>`` shows.

    It loads only the chart images beside it, has no script, and opens from ``file://`` as from a server.
    Links open in the top window, so a click leaves the embedding page for the figure's own page.
    """
    e = lambda s: html.escape(clean(s), quote=True)  # noqa: E731
    back = e(paths.link(embed_path(figure.id), paths.published(paths.figure(figure.id))))
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(figure.label)} – {e(settings.site_name)}</title>",
        '<meta name="robots" content="noindex">',
        # The theme's icon, so a browser does not ask the server for /favicon.ico.
        f'<link rel="icon" href="{e(paths.link(embed_path(figure.id), FAVICON))}">',
    ]
    canonical = settings.absolute(paths.published(paths.figure(figure.id)))
    if canonical:
        parts.append(f'<link rel="canonical" href="{e(canonical)}">')
    parts += [f"<style>{_EMBED_CSS}</style>", "</head>", "<body>", "<figure>", f'<h1><a href="{back}" target="_top">{e(figure.label)}</a></h1>']
    parts.append(f"<p>{e(answer(index, summary))}</p>")
    if charted(summary["claims"]) and chart_size:
        wide = e(paths.link(embed_path(figure.id), paths.figure_chart(figure.id, "wide")))
        narrow = e(paths.link(embed_path(figure.id), paths.figure_chart(figure.id, "narrow")))
        w, h = chart_size
        parts.append(f'<picture><source media="(max-width: 600px)" srcset="{narrow}"><img src="{wide}" width="{w}" height="{h}" alt="{e(alt)}"></picture>')
    else:
        for claim in summary["valued"]:
            parts.append(
                f'<blockquote><span class="number">{e(_words(claim))}</span>{e(_reading(index, claim))}<br>“{e(claim.citations[0].quote)}”<br>{e(index.corpus.actors[claim.actor].name)}, {e(_when(index, claim))}</blockquote>'
            )
    credit = f'Source: <a href="{back}" target="_top">{e(settings.site_name)}</a>, every estimate with its quote and article.'
    credit += f" Data as of {e(day_label(as_of))}." if as_of else " Data-as-of date unknown."
    if settings.licence_name:
        licence = e(settings.licence_name)
        if settings.licence_url:
            licence = f'<a href="{e(settings.licence_url)}" rel="license" target="_top">{licence}</a>'
        credit += f" Licence: {licence}; the quotes are the sources’ own words."
    parts += [f"<figcaption>{credit}</figcaption>", "</figure>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def claim_cite_page(citation: Citation, settings: Settings, ident: str) -> str:
    """A small static page with one claim's citation as plain text, BibTeX and CSL-JSON, and a link to the claim."""
    e = lambda s: html.escape(s, quote=True)  # noqa: E731
    back = e(paths.link(claim_cite_path(ident), permalinks.path(ident)))
    blocks = (("Plain text", citation.text()), ("BibTeX", citation.bibtex()), ("CSL-JSON", citation.csl_json()))
    body = "".join(f"<h2>{name}</h2><pre><code>{e(text.rstrip())}</code></pre>" for name, text in blocks)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Cite this claim – {e(clean(settings.site_name))}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="icon" href="{e(paths.link(claim_cite_path(ident), FAVICON))}">\n'
        f"<style>{_EMBED_CSS}pre{{white-space:pre-wrap;background:#f4f4f4;padding:.5rem;font-size:.85rem}}</style>\n"
        "</head>\n<body>\n<main>\n"
        f'<h1>Cite this claim</h1>\n<p>{e(citation.title)}. <a href="{back}">See the claim with its quotes</a>.</p>\n'
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def iframe_code(settings: Settings, ident: str, label: str, from_rel: str) -> str:
    """The ``<iframe>`` a reader copies to show the embed page on their own site."""
    src = settings.absolute(embed_path(ident)) or paths.link(from_rel, embed_path(ident))
    title = html.escape(clean(f"{label} ({settings.site_name})"), quote=True)
    return f'<iframe src="{html.escape(src, quote=True)}" title="{title}" width="{EMBED_WIDTH}" height="{EMBED_HEIGHT}" style="border:0;max-width:100%" loading="lazy"></iframe>'


def svg_size(svg: str) -> tuple[int, int] | None:
    """The width and height vl-convert writes on its ``<svg>`` element."""
    m = re.search(r'<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"', svg[:2000])
    return (round(float(m.group(1))), round(float(m.group(2)))) if m else None


class Reusable:
    """What a :class:`generator.site.pages.Site` renders for reuse: charts (drawn once a run), the figure's files,
    its embed page, the "Reuse this figure" section's content and the claims' citation pages."""

    index: Index
    story: Story
    limits: Limits
    summaries: Kept[dict[str, Any]]
    charts: Kept[str] | None
    #: The figures' PNG charts, kept between runs of the live preview (set by :mod:`generator.live`).
    pngs: Kept[bytes] | None = None
    _drawn: dict[tuple[str, str, str], str]
    _drawn_lock: threading.Lock

    def reuse_files(self, ident: str) -> dict[str, Callable[[], str | bytes]]:
        """A figure's files for reuse, by path, with how each is rendered: CSV, JSON, its chart as PNG, its embed page."""
        figure, claims = self.index.corpus.figures[ident], self.index.by_figure.get(ident, [])
        out: dict[str, Callable[[], str | bytes]] = {figure_csv_path(ident): partial(figure_csv, self.index, ident)}
        if charted(claims):
            out[figure_png_path(ident)] = partial(chart_png, figure, claims, self.index, self.pngs)
        out[figure_json_path(ident)] = partial(self._figure_json, ident)
        out[embed_path(ident)] = partial(self._embed_page, ident)
        return out

    def chart(self, ident: str, size: str = "wide", scheme: str = "light") -> str:
        """A figure's chart as an SVG file, drawn once a run however many pages ask for it."""
        key = (ident, size, scheme)
        with self._drawn_lock:
            if key not in self._drawn:
                figure, claims = self.index.corpus.figures[ident], self.index.by_figure.get(ident, [])
                self._drawn[key] = chart_svg(figure, claims, self.index, size, self.charts, scheme)
            return self._drawn[key]

    def chart_size(self, ident: str) -> tuple[int, int] | None:
        """The wide chart's width and height in px, for the ``<img>`` that shows it (so the page does not jump as it loads)."""
        return svg_size(self.chart(ident)) if charted(self.index.by_figure.get(ident, [])) else None

    def _as_of(self, claims: list[Claim], files: list[str]) -> str | None:
        stamp = self.story.as_of(claims, files)
        return stamp.date if stamp else None

    def _figure_as_of(self, ident: str) -> str | None:
        return self._as_of(self.index.by_figure.get(ident, []), [f"figures/{ident}.yml"])

    def _figure_json(self, ident: str) -> str:
        return figure_json(self.index, ident, self.story.settings, self._figure_as_of(ident))

    def _embed_page(self, ident: str) -> str:
        figure = self.index.corpus.figures[ident]
        claims = self.index.by_figure.get(ident, [])
        summary = kept_summary(self.summaries, self.index, ident, self.limits.conflicts_shown)
        alt = alt_text(figure, claims, self.index)
        return embed_page(self.index, self.story.settings, figure, summary, alt, self._figure_as_of(ident), self.chart_size(ident))

    def _reuse(self, ident: str) -> dict[str, Any]:
        """What the figure page's "Reuse this figure" section offers: files, the embed code, and the citation in three formats."""
        settings = self.story.settings
        figure = self.index.corpus.figures[ident]
        cite = figure_citation(self.index, settings, ident, self._figure_as_of(ident))
        rel = paths.figure(ident)
        return {
            "charted": charted(self.index.by_figure.get(ident, [])),
            "csv": figure_csv_path(ident),
            "json": figure_json_path(ident),
            "svg": paths.figure_chart(ident),
            "png": figure_png_path(ident),
            "embed": embed_path(ident),
            # Code to copy, shown as it is: escaped for HTML here, newlines kept (a template value would have them folded).
            "iframe": Markup(html.escape(iframe_code(settings, ident, figure.label, rel))),
            "text": Markup(html.escape(cite.text())),
            "bibtex": Markup(html.escape(cite.bibtex().rstrip())),
            "csl": Markup(html.escape(cite.csl_json().rstrip())),
            "licence": settings.licence_name,
            "licence_url": settings.licence_url,
            "address": cite.url,
        }

    def claim_citation(self, claim: Claim) -> Citation:
        as_of = self._as_of([claim], [])
        return claim_citation(self.index, self.story.settings, claim, as_of, STANCE_LABELS[claim.stance])

    def _claim_cite_page(self, ident: str) -> str:
        claim = self.index.corpus.claims[ident]
        return claim_cite_page(self.claim_citation(claim), self.story.settings, ident)


__all__ = ["SIZES", "Citation", "answer", "chart_png", "embed_page", "figure_csv", "figure_json", "iframe_code", "svg_size"]
