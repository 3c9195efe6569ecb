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
import math
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
#: on white. The actors with the most estimates get the first colours; black comes last, as it is also the ink. This is
#: the light scheme's (and the PNG's, on white): there Okabe and Ito's sky blue and orange come to 2.3:1 only, under
#: the 3:1 that graphics need (WCAG 1.4.11), so they are drawn in a deeper shade of the same hue (#209CDF, 3.05:1;
#: #8F5600, 6.0:1, an orange-brown), and the dark scheme keeps the originals (DARK_SHADES). Measured in
#: tests/test_charts.py: every colour reaches 3:1 on its scheme's background, and every pair stays apart under
#: protanopia, deuteranopia and tritanopia, in both schemes.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#209CDF", "#8F5600", "#000000")
#: The dark scheme's colour for each light one that changes (any other stays as it is): Okabe and Ito's own sky blue and
#: orange, lighter than the light scheme's shades and of the same hue, and white for black.
DARK_SHADES = {"#209CDF": "#56B4E9", "#8F5600": "#E69F00", "#000000": "#FFFFFF"}
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
#: The dark scheme's rendering (Material's "slate"): its text colour for the ink, a grid just above its background, and
#: each actor in the same colour or, for the three in DARK_SHADES, a lighter shade of its hue (white for black).
INK_DARK = "#d5d8e2"
GRID_DARK = "#3a3e4b"
#: The other actors' grey, lighter on the dark background (3:1 at least, as every mark colour there).
OTHERS_COLOUR_DARK = "#A0A0A0"
SCHEMES = ("light", "dark")


def in_scheme(chart: dict[str, Any], scheme: str) -> dict[str, Any]:
    """A spec drawn for the light scheme, recoloured for ``scheme``: ink, grid, the grey and the palette's DARK_SHADES."""
    if scheme == "light":
        return chart
    text = json.dumps(chart, ensure_ascii=False)
    for light, dark in ((INK, INK_DARK), (GRID, GRID_DARK), *DARK_SHADES.items(), (OTHERS_COLOUR, OTHERS_COLOUR_DARK)):
        text = text.replace(f'"{light}"', f'"{dark}"')
    return dict(json.loads(text))


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


#: Up to this many estimates, a chart without names on its marks (a phone's, or a busy one) marks each with its actor's
#: letter, which the legend repeats: marks are told apart by a letter as well as by colour.
LETTERED = 40


def _keys(claims: list[Claim], index: Index) -> dict[str, str]:
    """Each coloured actor's legend entry with its letter ("A  Kyrylo Budanov"), by actor id, and the other actors' (under "")."""
    coloured = _coloured(claims)
    keys = {a: f"{chr(65 + i)}  {index.corpus.actors[a].name}" for i, a in enumerate(coloured)}
    if len({c.actor for c in claims}) > len(coloured):
        keys[""] = f"{chr(65 + len(coloured))}  {OTHERS}"
    return keys


def _colour_scale(claims: list[Claim], index: Index, keyed: bool = False) -> dict[str, Any]:
    """Each coloured actor's name (with its letter when ``keyed``) to its colour, in order, and the other actors to grey."""
    coloured = [index.corpus.actors[a].name for a in _coloured(claims)]
    others = len({c.actor for c in claims}) > len(coloured)
    domain = coloured + ([OTHERS] if others else [])
    if keyed:
        domain = list(_keys(claims, index).values())
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
    lines = _lines(index.corpus.actors[claim.actor].name)
    if claim.value is not None:
        lines.append(f"“{claim.value.text}”")
    if claim.attribution.inferred:
        lines.append(f"({INFERRED_MARK})")
    return lines


#: Characters a label line holds before it wraps; names are never cut short.
LABEL_LINE = 24
#: Average advance of a character in the chart's font, as a share of its size (Liberation Sans; measured in the browser tests).
CHAR_WIDTH = 0.56
LINE_HEIGHT = 1.2
#: Space between a mark's centre and its label, in px.
LABEL_GAP = 12


def _lines(name: str, limit: int = LABEL_LINE) -> list[str]:
    """A label in lines of at most ``limit`` characters, broken between words (a longer word keeps a line of its own)."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _nice(top: float) -> float:
    """The axis's top: the next 1, 2, 2.5 or 5 times a power of ten at or above ``top``."""
    if top <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(top))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= top)


def _place_labels(values: list[dict[str, Any]], domain: tuple[dt.date, dt.date], top: float, plot: tuple[int, int], font: int) -> None:
    """Move labels apart so that none covers another or runs out of the plot: each stays beside its mark,
    on the side with room, shifted up or down by whole lines until it is clear (set on each row: ``label_y``, ``side``)."""
    width, height = plot
    days = max((domain[1] - domain[0]).days, 1)
    line = font * LINE_HEIGHT
    px = lambda day: (dt.date.fromisoformat(day) - domain[0]).days / days * width  # noqa: E731
    py = lambda value: height - value / top * height  # noqa: E731
    marks = [(px(r["date"]), py(r["label_y"])) for r in values]
    # Labels keep off the marks too: each dot or arrow, each range's bar and each month's line.
    placed: list[tuple[float, float, float, float]] = [(x - 8, y - 8, x + 8, y + 8) for x, y in marks]
    placed += [(px(r["date"]) - 5, py(r["high"]), px(r["date"]) + 5, py(r["low"])) for r in values if r["shape"] == "range"]
    placed += [(px(r["start"]), py(r["mark"]) - 2, px(r["end"]), py(r["mark"]) + 2) for r in values if r["month"]]
    for row, (mx, my) in sorted(zip(values, marks, strict=True), key=lambda rm: rm[1][1]):
        w = max(len(s) for s in row["label"]) * font * CHAR_WIDTH
        h = len(row["label"]) * line
        # Beside the mark, on the side with room: right of it, else left of it.
        side = "left" if mx + LABEL_GAP + w <= width or mx - LABEL_GAP - w < 0 else "right"
        x0 = mx + LABEL_GAP if side == "left" else mx - LABEL_GAP - w
        for step in range(0, 60):
            shift = (step + 1) // 2 * (line / 2) * (1 if step % 2 else -1)
            cy = min(max(my + shift, h / 2), height - h / 2)
            box = (x0, cy - h / 2, x0 + w, cy + h / 2)
            clear = all(box[2] <= b[0] or box[0] >= b[2] or box[3] <= b[1] or box[1] >= b[3] for b in placed)
            if clear:
                break
        placed.append(box)
        row["side"] = side
        # A label moved off its mark's level is joined to the mark by a thin line.
        row["lead"] = abs(cy - my) > line / 2
        # A moment, not a day (a day would round the gap away), in UTC as Vega reads the days of the other marks.
        start = dt.datetime.combine(domain[0], dt.time())
        row["lead_x"] = (start + dt.timedelta(days=(x0 if side == "left" else x0 + w) / width * days)).isoformat(timespec="seconds") + "Z"
        row["label_y"] = top * (height - cy) / height  # where the leader line ends: the label's middle
        row["label_top"] = top * (height - (cy - h / 2)) / height  # where the text starts (a label of several lines grows down)


def _rows(claims: list[Claim], index: Index, top: float, keyed: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    values: list[dict[str, Any]] = []
    stances: list[dict[str, Any]] = []
    coloured = _coloured(claims)
    keys = _keys(claims, index) if keyed else {}
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
        if keyed:
            actor = keys[claim.actor if claim.actor in coloured else ""]
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
                "label": [actor.split()[0]] if keyed else chart_label(index, claim),
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


def _ticks(first: dt.date, last: dt.date, width: int, label_px: int = 60) -> dict[str, Any]:
    """Ticks on the time axis far enough apart for their labels (``label_px`` each, room between included:
    60 for "13 Oct", so that a phone's chart still dates each cluster)."""
    per_label = max((last - first).days, 1) / max(1, (width - 90) // label_px)
    if per_label <= 7:
        return {"interval": "week", "step": 1}
    if per_label <= 14:
        return {"interval": "week", "step": 2}
    return {"interval": "month", "step": max(1, round(per_label / 30))}


def spec(figure: Figure, claims: list[Claim], index: Index, size: str = "wide") -> dict[str, Any]:
    """The Vega-Lite spec of a figure's chart at one of :data:`SIZES` (deterministic: same claims, same spec)."""
    width, font = SIZES[size]
    bounds = [b for c in claims if c.value for r in (readings.read(c.value),) for b in (r.low, r.best, r.high) if b is not None]
    # A round top set here (not Vega's "nice"), so that labels are placed against the axis as drawn.
    top = _nice(max(bounds) * 1.2) if bounds else 1
    dated = sum(1 for c in claims if c.value is not None and claim_span(index, c))
    labelled = size == "wide" and dated <= LABELLED  # a phone has no room for names beside the marks
    keyed = not labelled and dated <= LETTERED
    values, stances = _rows(claims, index, top, keyed)
    spans = [span for c in claims if (span := claim_span(index, c))]
    first = min((s for s, _ in spans), default=dt.date(2000, 1, 1))
    last = max((e for _, e in spans), default=first)
    pad = dt.timedelta(days=max((last - first).days, 6) * 0.12)
    domain = [(first - pad).isoformat(), (last + pad + dt.timedelta(days=1)).isoformat()]
    years = sorted({first.year, last.year})
    plot_height = 300 if size == "wide" else 240
    if labelled or keyed:
        _place_labels(values, (first - pad, last + pad + dt.timedelta(days=1)), top, (width - 80, plot_height), font)
    x = {
        "field": "date",
        "type": "temporal",
        "title": f"date made or first reported, {'–'.join(str(y) for y in years)}",
        "scale": {"domain": domain},
        "axis": {"format": "%-d %b", "labelAngle": 0, "tickCount": _ticks(first, last, width), "labelOverlap": True, "labelFlush": True},
    }
    color: dict[str, Any] = {"field": "actor", "type": "nominal", "title": "who said it", "scale": _colour_scale(claims, index, keyed)}
    if labelled:
        color["legend"] = None
    else:
        color["legend"] = {"orient": "bottom", "columns": 1 if size == "narrow" else 2, "labelLimit": 0, "symbolType": "circle", "symbolOpacity": 1}
    fill = {"condition": {"test": "datum.hollow", "value": "transparent"}, **{k: v for k, v in color.items() if k != "legend"}, "legend": None}
    y = {
        "field": "mark",
        "type": "quantitative",
        "title": figure.unit,
        "scale": {"domain": [0, top], "nice": False},
        # Millions in words ("1.5 million", never "0M" or "1.5M"); the lowest label kept above the time axis's labels.
        "axis": {
            "format": ",d",
            "labelFlush": True,
            **({"labelExpr": "datum.value == 0 ? '0' : format(datum.value / 1e6, '~g') + ' million'"} if top >= 1e6 else {}),
        },
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
    if labelled or keyed:
        layers.append(
            {  # a leader line from a mark to its label, when the label had to move to stay clear
                "mark": {"type": "rule", "strokeWidth": 1, "color": INK, "opacity": 0.6},
                "transform": [{"filter": "datum.lead"}],
                "encoding": {"x2": {"field": "lead_x"}, "y": {"field": "mark", "type": "quantitative"}, "y2": {"field": "label_y"}},
            }
        )
        for side, align, dx in (("left", "left", 0), ("right", "right", 0)):
            test = f"datum.side == '{side}'"
            layers.append(
                {
                    # In ink, not the actor's colour: some colours of the palette are too light for text.
                    "mark": {"type": "text", "align": align, "dx": dx, "baseline": "top", "fontSize": font, "lineHeight": font * LINE_HEIGHT, "color": INK},
                    "transform": [{"filter": test}],
                    "encoding": {"x": {"field": "lead_x", "type": "temporal"}, "y": {"field": "label_top", "type": "quantitative"}, "text": {"field": "label"}},
                }
            )
    plot = width - 80  # room for the value axis and its title
    estimates = {"width": plot, "height": plot_height, "data": {"values": values}, "encoding": {"x": x}, "layer": layers}
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


def chart_svg(figure: Figure, claims: list[Claim], index: Index, size: str = "wide", kept: Kept[str] | None = None, scheme: str = "light") -> str:
    """The chart as a standalone SVG document, titled and described for screen readers, in the colours of ``scheme``."""
    svg = drawn(in_scheme(spec(figure, claims, index, size), scheme), kept)
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
        "axis": {
            "format": "%-d %b %Y" if size == "wide" else "%-d %b",
            "labelAngle": 0,
            "tickCount": _ticks(first, last, width, 100 if size == "wide" else 60),
            "labelOverlap": True,
            "labelFlush": True,
        },
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


def timeline_svg(index: Index, size: str = "wide", kept: Kept[str] | None = None, scheme: str = "light") -> str:
    """The timeline strip as a standalone SVG document, titled and described for screen readers, in the colours of ``scheme``."""
    svg = drawn(in_scheme(timeline_spec(index, size), scheme), kept)
    end = svg.index(">") + 1
    opening = svg[:end].replace("<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1)
    return f'{opening}<title id="chart-title">Claims over time</title><desc id="chart-desc">{escape(timeline_alt(index))}</desc>{svg[end:]}\n'
