"""A chart of every estimate of one figure over time, rendered to SVG at build time.

The chart is a Vega-Lite spec rendered by vl-convert, which bundles the Vega engine
and its fonts: no JavaScript, no network, and the SVG works in the offline edition.
A hand-drawn SVG would have to re-implement axes, time scales and legends.

Hedges are drawn as what they say, not as a point:

- a range (``10,000-12,000``, ``low thousands``) is a bar from low to high;
- ``up to`` / ``as many as`` is a downward triangle at the bound, with a dashed line
  down to zero: any value below is consistent with it;
- ``more than`` / ``at least`` is an upward triangle with a dashed line up;
- a stance without a number (a denial, "can't confirm") is a cross on a strip under
  the time axis.
"""

from __future__ import annotations

from html import escape
from typing import Any

import vl_convert

from generator.model import Claim, Figure, precision
from generator.site.format import bounds, day_label
from generator.site.index import Index
from generator.site.values import representative

SHAPES = {"point": "circle", "range": "stroke", "at-most": "triangle-down", "at-least": "triangle-up"}
#: Actors with their own colour; the rest share one. Ten is all a categorical palette can tell apart.
COLOURED_ACTORS = 9
OTHERS = "other actors"
SHAPE_LABELS = {"point": "stated value", "range": "range", "at-most": "upper bound (up to)", "at-least": "lower bound (more than)"}


def _coloured(claims: list[Claim]) -> set[str]:
    """The actors who said the most about this figure, each drawn in its own colour."""
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.actor] = counts.get(claim.actor, 0) + 1
    if len(counts) <= COLOURED_ACTORS + 1:
        return set(counts)
    return set(sorted(counts, key=lambda a: (-counts[a], a))[:COLOURED_ACTORS])


def _rows(claims: list[Claim], index: Index, top: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    values, stances = [], []
    coloured = _coloured(claims)
    for claim in claims:
        when = index.placed[claim.id].when
        if not when:
            continue
        day = when if precision(when) == "day" else when + "-15"  # a month-precision date sits mid-month
        actor = index.corpus.actors[claim.actor].name if claim.actor in coloured else OTHERS
        if claim.value is None:
            stances.append({"date": day, "actor": actor, "stance": claim.stance.replace("-", " ")})
            continue
        v = claim.value
        low = v.low if v.low is not None else 0
        high = v.high if v.high is not None else top
        mark = v.high if v.shape == "at-most" else v.low
        values.append(
            {"date": day, "actor": actor, "shape": SHAPE_LABELS[v.shape], "low": low, "high": high, "mark": mark, "open": v.shape in ("at-most", "at-least")}
        )
    return values, stances


def spec(figure: Figure, claims: list[Claim], index: Index) -> dict[str, Any]:
    """The Vega-Lite spec of a figure's chart (deterministic: same claims, same spec)."""
    bounds = [b for c in claims if c.value for b in (c.value.low, c.value.high) if b is not None]
    top = max(bounds) * 1.15 if bounds else 1
    values, stances = _rows(claims, index, top)
    dates = sorted(r["date"] for r in values + stances)
    x_scale = {"domain": [dates[0], dates[-1]], "padding": 24} if dates else {}
    x = {"field": "date", "type": "temporal", "title": "date claimed (or first reported)", "scale": x_scale, "axis": {"format": "%d %b %Y", "labelAngle": -30}}
    color = {"field": "actor", "type": "nominal", "title": "who said it", "scale": {"scheme": "tableau10"}}
    shape = {
        "field": "shape",
        "type": "nominal",
        "title": "what the words allow",
        "scale": {"domain": list(SHAPE_LABELS.values()), "range": list(SHAPES.values())},
    }
    estimates = {
        "width": 620,
        "height": 260,
        "data": {"values": values},
        "encoding": {"x": x},
        "layer": [
            {
                "mark": {"type": "rule", "strokeWidth": 2, "strokeDash": [4, 3]},
                "transform": [{"filter": "datum.open"}],
                "encoding": {"y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}, "color": color},
            },
            {
                "mark": {"type": "rule", "strokeWidth": 6, "opacity": 0.7},
                "transform": [{"filter": "!datum.open && datum.low != datum.high"}],
                "encoding": {"y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}, "color": color},
            },
            {
                "mark": {"type": "point", "filled": True, "size": 140, "opacity": 1},
                "transform": [{"filter": "datum.open || datum.low == datum.high"}],
                "encoding": {
                    "y": {
                        "field": "mark",
                        "type": "quantitative",
                        "title": f"{figure.unit}",
                        "scale": {"domain": [0, top], "nice": True},
                        "axis": {"format": ",d"},
                    },
                    "color": color,
                    "shape": shape,
                },
            },
        ],
    }
    strip = {
        "width": 620,
        "height": 40,
        "data": {"values": stances or [{"date": dates[0] if dates else "2000-01-01", "actor": "", "stance": ""}]},
        "transform": [{"filter": "datum.stance != ''"}],
        "mark": {"type": "point", "shape": "cross", "size": 120, "filled": True},
        "encoding": {"x": x, "y": {"field": "stance", "type": "nominal", "title": None}, "color": color},
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "background": "white",
        # No ARIA per mark: the SVG is an <img> with alt text and its own title and description, and a
        # label on each of thousands of marks would make most of the file's bytes.
        "config": {"font": "Liberation Sans, Arial, sans-serif", "legend": {"orient": "right"}, "aria": False},
        "vconcat": [estimates, strip] if stances else [estimates],
        "resolve": {"scale": {"color": "shared"}},
    }


def chart_svg(figure: Figure, claims: list[Claim], index: Index) -> str:
    """The chart as a standalone SVG document, titled and described for screen readers."""
    svg = vl_convert.vegalite_to_svg(spec(figure, claims, index))
    end = svg.index(">") + 1
    opening = svg[:end].replace("<svg ", '<svg role="img" aria-labelledby="chart-title chart-desc" ', 1)
    title = escape(f"Estimates of {figure.label} over time")
    desc = escape(alt_text(figure, claims, index))
    return f'{opening}<title id="chart-title">{title}</title><desc id="chart-desc">{desc}</desc>{svg[end:]}\n'


def alt_text(figure: Figure, claims: list[Claim], index: Index) -> str:
    """A sentence describing the chart, for the image's alt text and the SVG's description."""
    valued = [c for c in claims if c.value is not None]
    stances = len(claims) - len(valued)
    if not valued:
        return f"No numeric estimates of {figure.label} yet; {stances} stance(s) without a number. The table lists every claim."
    dates = sorted(w for c in claims if (w := index.placed[c.id].when))
    # The same ordering as the page's "lowest" and "highest", so the two never disagree.
    ordered = sorted(valued, key=lambda c: (representative(c.value), c.id))  # type: ignore[arg-type]
    low, high = ordered[0], ordered[-1]
    span = f" from {day_label(dates[0])} to {day_label(dates[-1])}" if dates else ""
    text = (
        f"{len(valued)} estimate(s) of {figure.label}{span}, from {bounds(low.value)} "  # type: ignore[arg-type]
        f"({index.corpus.actors[low.actor].name}) to {bounds(high.value)} ({index.corpus.actors[high.actor].name})."  # type: ignore[arg-type]
    )
    if stances:
        text += f" {stances} stance(s) without a number are marked under the time axis."
    return text + " The table below lists every estimate."
