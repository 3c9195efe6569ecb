"""A chart of every estimate of one figure over time, rendered to SVG at build time.

The chart is a Vega-Lite spec rendered by vl-convert, which bundles the Vega engine
and its fonts: no JavaScript, no network, and the SVG works in the offline edition.
A hand-drawn SVG would have to re-implement axes, time scales and legends.

Each figure gets two renderings, one for the width of the content column on a desktop
and one for a phone, so that the text is shown at its native size (13 and 12 px) instead
of being scaled down. The background is transparent and the ink neutral, so that the site's
dark scheme can invert the image (see briefing.css) instead of showing a white box.

Hedges are drawn as what they say, not as a point:

- a stated number is a dot, hollow when the words are approximate ("about", "some");
- a range (``10,000-12,000``, ``low thousands``) is a bar from low to high;
- ``up to`` / ``almost`` is a short line at the value with an arrow pointing down from it,
  and ``more than`` / ``at least`` one pointing up: the arrow says which side is allowed
  without drawing a line to the axis, which would read as "from 0 to the value";
- a date known only to the month is a line across the month;
- a stance without a number (a denial, "can't confirm") is a cross on a strip under
  the time axis.

Marks are labelled with the actor's name where there is room; marks that would sit on
top of each other (same date, same value) are nudged apart.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from html import escape
from typing import Any

import vl_convert

from generator.data import readings
from generator.model import Claim, Figure
from generator.site.format import counted, day_label, reading_words
from generator.site.index import Index
from generator.site.kept import Kept
from generator.site.values import best

#: Okabe and Ito's palette for colour-blind readers ("Color Universal Design", 2008), its yellow left out: too faint
#: on white, and too dark once the dark scheme inverts the chart. The actors with the most estimates get the first
#: colours; black comes last, as it is also the ink. Measured in tests/test_charts.py: every pair stays apart under
#: protanopia, deuteranopia and tritanopia, in the light scheme and the dark one.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
#: The colour the actors without their own share (or an eighth actor's, when there are exactly eight).
OTHERS_COLOUR = "#606060"
#: Actors with their own colour; the rest share one.
COLOURED_ACTORS = len(PALETTE)
OTHERS = "other actors"
#: Renderings by name: total width in px (the content column it is shown in) and text size.
SIZES = {"wide": (680, 13), "narrow": (360, 12)}
#: With this many estimates or fewer, each mark of the wide chart carries its actor's name and there is no legend.
LABELLED = 8
#: Length of an "up to" / "more than" arrow, as a share of the value axis.
ARROW = 0.09
#: Vertical step between the labels of marks at the same place, as a share of the value axis.
LABEL_STEP = 0.06
INK = "#333333"
GRID = "#d9d9d9"
STANCE_WORDS = {"asserts": "asserts", "expects": "expects", "warns": "warns", "denies": "denies", "cannot-confirm": "cannot confirm"}


#: Fewer estimates than this are shown as large numbers with their words instead of a chart.
CHARTED = 3


def charted(claims: list[Claim]) -> bool:
    """Whether a figure's estimates are drawn as a chart (else shown as numbers with their words)."""
    return sum(1 for c in claims if c.value is not None) >= CHARTED


def _coloured(claims: list[Claim]) -> list[str]:
    """The actors who said the most about this figure, most first, each drawn in its own colour.

    One actor more than the palette holds takes the grey, rather than a group of others of one.
    """
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.actor] = counts.get(claim.actor, 0) + 1
    ordered = sorted(counts, key=lambda a: (-counts[a], a))
    return ordered if len(ordered) <= COLOURED_ACTORS + 1 else ordered[:COLOURED_ACTORS]


def _colour_scale(claims: list[Claim], index: Index) -> dict[str, Any]:
    """Each coloured actor's name to its colour, in order, and the other actors to grey."""
    coloured = [index.corpus.actors[a].name for a in _coloured(claims)]
    others = len({c.actor for c in claims}) > len(coloured)
    domain = coloured + ([OTHERS] if others else [])
    return {"domain": domain, "range": [*PALETTE, OTHERS_COLOUR][: len(coloured)] + ([OTHERS_COLOUR] if others else [])}


def _span(when: str, reported: str = "") -> tuple[dt.date, dt.date]:
    """The first and last day a date may mean: the day itself, or the part of the month the sources allow.

    A claim known only to its month was made by the day the earliest article reported it, so its
    band ends there (``reported``), never later.
    """
    if len(when) == 10:
        day = dt.date.fromisoformat(when)
        return day, day
    first = dt.date.fromisoformat(when + "-01")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if len(reported) == 10 and reported.startswith(when):
        last = min(last, dt.date.fromisoformat(reported))
    return first, last


def claim_span(index: Index, claim: Claim) -> tuple[dt.date, dt.date] | None:
    """The days a claim's mark covers on the time axis, or None when nothing dates it."""
    when = index.placed[claim.id].when
    if not when:
        return None
    return _span(when, index.reported_by(claim) if len(when) == 7 else "")


#: Said after an actor's name wherever the editors, not the source, attribute the claim.
INFERRED_MARK = "attribution inferred by the editors"


def chart_label(index: Index, claim: Claim) -> list[str]:
    """A mark's label, a line each: who, the words as quoted, and whether the attribution is the editors' reading."""
    lines = [_short(index.corpus.actors[claim.actor].name)]
    if claim.value is not None:
        lines.append(f"“{claim.value.text}”")
    if claim.attribution.inferred:
        lines.append(f"({INFERRED_MARK})")
    return lines


def _short(name: str, limit: int = 26) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _rows(claims: list[Claim], index: Index, top: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    values: list[dict[str, Any]] = []
    stances: list[dict[str, Any]] = []
    coloured = _coloured(claims)
    spans = [span for c in claims if (span := claim_span(index, c))]
    days = (max(e for _, e in spans) - min(s for s, _ in spans)).days if spans else 0
    nudge = max(days, 10) * 0.025  # days a mark moves aside from an identical one
    seen: dict[tuple[str, float, str], int] = {}
    for claim in claims:
        span = claim_span(index, claim)
        if span is None:
            continue
        start, end = span
        middle = start + (end - start) / 2
        name = index.corpus.actors[claim.actor].name
        actor = name if claim.actor in coloured else OTHERS
        if claim.value is None:
            stances.append({"date": middle.isoformat(), "actor": actor, "stance": STANCE_WORDS[claim.stance]})
            continue
        # Drawn as read (the best reading, and the span the words suggest), never as the open
        # bounds alone: "almost 11,000" is a short bar just under 11,000, not an arrow down to 0.
        r = readings.read(claim.value)
        shape = "at-most" if r.low is None else "at-least" if r.high is None else "point" if r.low == r.high else "range"
        mark = r.best
        # Marks within a few days of each other at one value share a place: their labels stack.
        key = (str(middle.toordinal() // 4), float(mark), shape)
        k = seen[key] = seen.get(key, -1) + 1
        shifted = middle + dt.timedelta(days=k * nudge)
        arrow = {"at-most": -ARROW * top, "at-least": ARROW * top}.get(shape, 0.0)
        # Labels of marks at the same place stack upwards instead of printing over each other.
        label_y = (r.high if shape == "range" else mark) + k * LABEL_STEP * top  # type: ignore[operator]
        values.append(
            {
                "date": shifted.isoformat(),
                "start": start.isoformat(),
                "end": (end + dt.timedelta(days=1)).isoformat(),
                "month": start != end,
                "actor": actor,
                "label": chart_label(index, claim),
                "shape": shape,
                "low": r.low if r.low is not None else mark,
                "high": r.high if r.high is not None else mark,
                "mark": mark,
                "tip": mark + arrow,
                "label_y": label_y,
                "hollow": shape != "point" or claim.attribution.inferred,
            }
        )
    return values, stances


def _ticks(first: dt.date, last: dt.date, width: int) -> dict[str, Any]:
    """Ticks on the time axis far enough apart for their labels (about 80 px each)."""
    per_label = max((last - first).days, 1) / max(1, (width - 90) // 80)
    if per_label <= 7:
        return {"interval": "week", "step": 1}
    if per_label <= 14:
        return {"interval": "week", "step": 2}
    return {"interval": "month", "step": max(1, round(per_label / 30))}


def spec(figure: Figure, claims: list[Claim], index: Index, size: str = "wide") -> dict[str, Any]:
    """The Vega-Lite spec of a figure's chart at one of :data:`SIZES` (deterministic: same claims, same spec)."""
    width, font = SIZES[size]
    bounds = [b for c in claims if c.value for r in (readings.read(c.value),) for b in (r.low, r.best, r.high) if b is not None]
    top = max(bounds) * 1.2 if bounds else 1
    values, stances = _rows(claims, index, top)
    spans = [span for c in claims if (span := claim_span(index, c))]
    first = min((s for s, _ in spans), default=dt.date(2000, 1, 1))
    last = max((e for _, e in spans), default=first)
    pad = dt.timedelta(days=max((last - first).days, 6) * 0.12)
    domain = [(first - pad).isoformat(), (last + pad + dt.timedelta(days=1)).isoformat()]
    middle = (first + (last - first) / 2).isoformat()
    for row in values:
        # Labels point into the chart: right of marks in its first half, left of those in the second.
        row["side"] = "left" if row["date"] < middle else "right"
    years = sorted({first.year, last.year})
    labelled = size == "wide" and len(values) <= LABELLED  # a phone has no room beside the marks
    x = {
        "field": "date",
        "type": "temporal",
        "title": f"date made or first reported, {'–'.join(str(y) for y in years)}",
        "scale": {"domain": domain},
        "axis": {"format": "%-d %b", "labelAngle": 0, "tickCount": _ticks(first, last, width), "labelOverlap": True},
    }
    color: dict[str, Any] = {"field": "actor", "type": "nominal", "title": "who said it", "scale": _colour_scale(claims, index)}
    if labelled:
        color["legend"] = None
    else:
        color["legend"] = {"orient": "bottom", "columns": 1 if size == "narrow" else 2, "labelLimit": 0, "symbolType": "circle", "symbolOpacity": 1}
    fill = {"condition": {"test": "datum.hollow", "value": "transparent"}, **{k: v for k, v in color.items() if k != "legend"}, "legend": None}
    y = {
        "field": "mark",
        "type": "quantitative",
        "title": figure.unit,
        "scale": {"domain": [0, top], "nice": True},
        "axis": {"format": "~s" if top >= 1e6 else ",d"},
    }
    layers: list[dict[str, Any]] = [
        {  # a date known only to the month: a band from the month's start to the earliest report
            "mark": {"type": "rule", "strokeWidth": 2, "opacity": 0.55},
            "transform": [{"filter": "datum.month"}],
            "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}, "y": y, "color": color},
        },
        {  # a reading's span: a bar from low to high
            "mark": {"type": "rule", "strokeWidth": 7, "opacity": 0.75, "strokeCap": "round"},
            "transform": [{"filter": "datum.shape == 'range'"}],
            "encoding": {"y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}, "color": color},
        },
        {  # a reading open below or above ("as many as", "more than"): a short arrow from the best reading
            "mark": {"type": "rule", "strokeWidth": 2},
            "transform": [{"filter": "datum.shape == 'at-most' || datum.shape == 'at-least'"}],
            "encoding": {"y": {"field": "mark", "type": "quantitative"}, "y2": {"field": "tip"}, "color": color},
        },
        {
            "mark": {"type": "point", "shape": "triangle-down", "filled": True, "size": 70, "opacity": 1},
            "transform": [{"filter": "datum.shape == 'at-most'"}],
            "encoding": {"y": {"field": "tip", "type": "quantitative"}, "color": color},
        },
        {
            "mark": {"type": "point", "shape": "triangle-up", "filled": True, "size": 70, "opacity": 1},
            "transform": [{"filter": "datum.shape == 'at-least'"}],
            "encoding": {"y": {"field": "tip", "type": "quantitative"}, "color": color},
        },
        {  # the value an open bound starts from: a short level line
            "mark": {"type": "tick", "thickness": 3, "size": 16, "orient": "horizontal"},
            "transform": [{"filter": "datum.shape == 'at-most' || datum.shape == 'at-least'"}],
            "encoding": {"y": {"field": "mark", "type": "quantitative"}, "color": color},
        },
        {  # a stated number: a dot, hollow when approximate
            "mark": {"type": "point", "shape": "circle", "size": 110, "strokeWidth": 2.5, "opacity": 1, "filled": False},
            "transform": [{"filter": "datum.shape == 'point'"}],
            "encoding": {"y": y, "color": color, "fill": fill},
        },
    ]
    if labelled:
        for side, align, dx in (("left", "left", 10), ("right", "right", -10)):
            test = f"datum.side == '{side}'"
            layers.append(
                {
                    # In ink, not the actor's colour: some colours of the palette are too light for text.
                    "mark": {"type": "text", "align": align, "dx": dx, "baseline": "middle", "fontSize": font, "color": INK},
                    "transform": [{"filter": test}],
                    "encoding": {"y": {"field": "label_y", "type": "quantitative"}, "text": {"field": "label"}},
                }
            )
    plot = width - 80  # room for the value axis and its title
    estimates = {"width": plot, "height": 300 if size == "wide" else 240, "data": {"values": values}, "encoding": {"x": x}, "layer": layers}
    strip = {
        "width": plot,
        "height": 16 * max(1, len({s["stance"] for s in stances})),
        "data": {"values": stances or [{"date": domain[0], "actor": "", "stance": ""}]},
        "transform": [{"filter": "datum.stance != ''"}],
        "mark": {"type": "point", "shape": "cross", "size": 120, "filled": True},
        "encoding": {"x": {**x, "title": None, "axis": None}, "y": {"field": "stance", "type": "nominal", "title": None}, "color": color},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "background": "transparent",
        "padding": 4,
        # No ARIA per mark: the SVG is an <img> with alt text and its own title and description, and a
        # label on each of thousands of marks would make most of the file's bytes.
        "config": {
            "font": "Liberation Sans, Arial, sans-serif",
            "aria": False,
            "view": {"stroke": None},
            "axis": {
                "labelFontSize": font,
                "titleFontSize": font,
                "labelColor": INK,
                "titleColor": INK,
                "domainColor": INK,
                "tickColor": INK,
                "gridColor": GRID,
                "titleFontWeight": "normal",
            },
            "legend": {"labelFontSize": font, "titleFontSize": font, "labelColor": INK, "titleColor": INK, "titleFontWeight": "normal"},
            "text": {"fontSize": font},
        },
        "vconcat": [estimates, strip] if stances else [estimates],
        "spacing": 6,
        "resolve": {"scale": {"color": "shared"}},
    }


def drawn(chart: dict[str, Any], kept: Kept[str] | None = None) -> str:
    """The SVG vl-convert draws for a Vega-Lite spec; with ``kept`` (the live preview's), drawn again only when the spec changed.

    The drawing depends on the spec alone (and on vl-convert, which cannot change within a
    process), so a spec with the same canonical JSON, compared by its SHA-256, gives the same SVG.
    """
    if kept is None:
        return vl_convert.vegalite_to_svg(chart)
    digest = hashlib.sha256(json.dumps(chart, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return kept.get(digest, None, lambda old, new: True, lambda: vl_convert.vegalite_to_svg(chart))


def chart_svg(figure: Figure, claims: list[Claim], index: Index, size: str = "wide", kept: Kept[str] | None = None) -> str:
    """The chart as a standalone SVG document, titled and described for screen readers."""
    svg = drawn(spec(figure, claims, index, size), kept)
    end = svg.index(">") + 1
    opening = svg[:end].replace("<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1)
    title = escape(f"Estimates of {figure.label} over time")
    desc = escape(alt_text(figure, claims, index))
    return f'{opening}<title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>{svg[end:]}\n'


#: Estimates read out one by one in the text alternative; past this, only the spread.
SPOKEN_ESTIMATES = 8


def alt_text(figure: Figure, claims: list[Claim], index: Index) -> str:
    """Sentences describing the chart, written to be read aloud: words, not symbols."""
    valued = [c for c in claims if c.value is not None]
    stances = len(claims) - len(valued)
    if not valued:
        return f"No numeric estimates of {figure.label} yet; {counted(stances, 'stance without a number')}. The table lists every claim."
    name = lambda c: index.corpus.actors[c.actor].name + (f" ({INFERRED_MARK})" if c.attribution.inferred else "")  # noqa: E731
    said = lambda c: f"“{c.value.text}”, read as {reading_words(readings.read(c.value), figure.unit)}"  # noqa: E731
    when = lambda c: day_label(index.placed[c.id].when) if index.placed[c.id].when else "undated"  # noqa: E731
    dates = sorted(w for c in valued if (w := index.placed[c.id].when))
    span = f" from {day_label(dates[0])} to {day_label(dates[-1])}" if dates else ""
    text = f"Chart of {counted(len(valued), 'estimate')} of {figure.label}{span}."
    if len(valued) <= SPOKEN_ESTIMATES:
        text += " " + "; ".join(f"{when(c)}, {name(c)}: {said(c)}" for c in valued) + "."
    else:
        # The same ordering as the page's "lowest" and "highest", so the two never disagree.
        ordered = sorted(valued, key=lambda c: (best(c.value), c.id))  # type: ignore[arg-type]
        low, high = ordered[0], ordered[-1]
        text += f" The lowest reading is {said(low)} ({name(low)}, {when(low)}); the highest, {said(high)} ({name(high)}, {when(high)})."
    if stances:
        text += f" Below the time axis, {counted(stances, 'stance without a number')}."
    return text + " The table below lists every estimate."


def timeline_spec(index: Index, size: str = "wide") -> dict[str, Any]:
    """One strip for the whole corpus: a dot per claim at its day, dots of one day stacked,
    claims dated only to the month drawn hollow across the month's middle."""
    width, font = SIZES[size]
    rows = []
    stacked: dict[str, int] = {}
    for key, claims in index.claims_on.items():
        start, end = _span(key)
        middle = (start + (end - start) / 2).isoformat()
        for claim in claims:
            k = stacked[middle] = stacked.get(middle, 0) + 1
            rows.append({"date": middle, "k": k, "kind": "with a number" if claim.value else "stance without a number", "month": len(key) == 7})
    spans = [_span(k) for k in index.claims_on]
    first = min((s for s, _ in spans), default=dt.date(2000, 1, 1))
    last = max((e for _, e in spans), default=first)
    pad = dt.timedelta(days=max((last - first).days, 6) * 0.04)
    domain = [(first - pad).isoformat(), (last + pad + dt.timedelta(days=1)).isoformat()]
    x = {
        "field": "date",
        "type": "temporal",
        "title": None,
        "scale": {"domain": domain},
        "axis": {"format": "%-d %b %Y" if size == "wide" else "%-d %b", "labelAngle": 0, "tickCount": _ticks(first, last, width), "labelOverlap": True},
    }
    color = {
        "field": "kind",
        "type": "nominal",
        "title": None,
        "scale": {"domain": ["with a number", "stance without a number"], "range": [PALETTE[0], PALETTE[1]]},
        "legend": {"orient": "top", "labelLimit": 0},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "background": "transparent",
        "padding": 4,
        "width": width - 20,
        "height": max(60, 9 * max(stacked.values(), default=1)),
        "data": {"values": rows},
        "mark": {"type": "point", "shape": "circle", "size": 40, "strokeWidth": 1.5, "opacity": 1},
        "encoding": {
            "x": x,
            "y": {"field": "k", "type": "quantitative", "axis": None, "scale": {"domain": [0, max(stacked.values(), default=1) + 1]}},
            "color": color,
            "fill": {"condition": {"test": "datum.month", "value": "transparent"}, **{k: v for k, v in color.items() if k != "legend"}, "legend": None},
        },
        "config": {
            "font": "Liberation Sans, Arial, sans-serif",
            "aria": False,
            "view": {"stroke": None},
            "axis": {"labelFontSize": font, "labelColor": INK, "domainColor": INK, "tickColor": INK, "grid": False},
            "legend": {"labelFontSize": font, "labelColor": INK},
        },
    }


def timeline_alt(index: Index) -> str:
    """The timeline strip in words: how many claims, over which days, and the busiest day."""
    days = {k: len(v) for k, v in index.claims_on.items()}
    if not days:
        return "No dated claims yet."
    busiest = max(sorted(days), key=lambda k: days[k])
    total = sum(days.values())
    return (
        f"Timeline of {counted(total, 'dated claim')} from {day_label(min(days))} to {day_label(max(days))}, one dot each; "
        f"the busiest date is {day_label(busiest)}, with {counted(days[busiest], 'claim')}. The list below links every day."
    )


def timeline_svg(index: Index, size: str = "wide", kept: Kept[str] | None = None) -> str:
    """The timeline strip as a standalone SVG document, titled and described for screen readers."""
    svg = drawn(timeline_spec(index, size), kept)
    end = svg.index(">") + 1
    opening = svg[:end].replace("<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1)
    return f'{opening}<title id="chart-title">Claims over time</title><desc id="chart-desc">{escape(timeline_alt(index))}</desc>{svg[end:]}\n'
