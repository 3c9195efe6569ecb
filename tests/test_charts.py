"""Chart colours a reader can tell apart: with any common colour-vision deficiency, in the light scheme and the dark one.

Colour-vision deficiency is simulated with Machado, Oliveira and Fernandes (2009, severity 1.0) in linear sRGB, and
colours are compared by CIEDE2000. The dark scheme shows a second rendering (charts.in_scheme) in which every actor
keeps its colour's hue (three colours are drawn lighter, black becomes white); no CSS filter changes a colour between
the schemes.
"""

from __future__ import annotations

import colorsys
import itertools
import math
import re
from pathlib import Path

import pytest
from conftest import REPO

from generator.data.validate import validate
from generator.site import charts
from generator.site.index import build as build_index
from generator.synth import write

CVD = {
    "normal vision": None,
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
#: Two colours this far apart (CIEDE2000) are told apart at a glance; about 2 is a just-noticeable difference.
APART = 6.0
#: Vega's tableau10, the palette before: its red and green are 1.2 apart under deuteranopia.
TABLEAU10 = ("#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac")


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float], cvd: tuple[tuple[float, ...], ...] | None) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    if cvd is not None:
        r, g, b = (min(1.0, max(0.0, row[0] * r + row[1] * g + row[2] * b)) for row in cvd)
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _ciede2000(one: tuple[float, float, float], two: tuple[float, float, float]) -> float:
    (l1, a1, b1), (l2, a2, b2) = one, two
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = 1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
    t += 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.2 * math.cos(math.radians(4 * h_mean - 63))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_t = -math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))) * 2 * math.sqrt(c_mean**7 / (c_mean**7 + 25**7))
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, d_h / s_h
    return math.sqrt(dl**2 + dc**2 + dhh**2 + r_t * dc * dhh)


def _dark_scheme(colour: str) -> str:
    """The colour the dark scheme's rendering draws in place of ``colour`` (read from the recoloured spec itself)."""
    spec = charts.in_scheme({"colour": colour}, "dark")
    return str(spec["colour"])


def closest_pair(colours: tuple[str, ...], cvd: tuple[tuple[float, ...], ...] | None, dark: bool) -> tuple[float, str, str]:
    """The two colours least far apart as a reader with ``cvd`` sees them, and how far (CIEDE2000)."""
    seen = {c: _lab(_rgb(_dark_scheme(c)) if dark else _rgb(c), cvd) for c in colours}
    return min((_ciede2000(seen[a], seen[b]), a, b) for a, b in itertools.combinations(colours, 2))


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("vision", list(CVD))
def test_every_pair_of_chart_colours_stays_apart(vision: str, dark: bool) -> None:
    distance, a, b = closest_pair((*charts.PALETTE, charts.OTHERS_COLOUR), CVD[vision], dark)
    assert distance >= APART, f"{a} and {b} are {distance:.1f} apart with {vision} in the {'dark' if dark else 'light'} scheme"


def test_the_measure_catches_the_palette_it_replaced() -> None:
    distance, a, b = closest_pair(TABLEAU10, CVD["deuteranopia"], dark=False)
    assert distance < 2 and {a, b} == {"#e45756", "#54a24b"}


def _colours(svg: str) -> set[str]:
    return {c.upper() for c in re.findall(r'(?:stroke|fill)="(#[0-9a-fA-F]{6})"', svg)} - {charts.INK.upper(), charts.GRID.upper()}


def test_each_actor_of_a_chart_has_a_colour_of_its_own(tmp_path: Path) -> None:
    """The actors with the most estimates get the palette in order; past seven, the rest share the grey, last in the legend."""
    index = build_index(validate(REPO))
    claims = index.by_figure["nk-troops-in-russia"]
    assert len({c.actor for c in claims}) == 5
    svg = charts.chart_svg(index.corpus.figures["nk-troops-in-russia"], claims, index)
    assert _colours(svg) == {c.upper() for c in charts.PALETTE[:5]}

    write(tmp_path, 400, 1)
    index = build_index(validate(tmp_path))
    figure, claims = max(index.by_figure.items(), key=lambda kv: len({c.actor for c in kv[1]}))
    assert len({c.actor for c in claims}) > charts.COLOURED_ACTORS + 1
    svg = charts.chart_svg(index.corpus.figures[figure], claims, index)
    assert _colours(svg) == {c.upper() for c in (*charts.PALETTE, charts.OTHERS_COLOUR)}
    legend = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert charts.OTHERS in legend and legend.index(charts.OTHERS) > max(legend.index(index.corpus.actors[a].name) for a in charts._coloured(claims))


def _luminance(colour: str) -> float:
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


#: Material's backgrounds: white, and "slate" (hsl(232, 15%, 14%)).
BACKGROUNDS = {"light": "#FFFFFF", "dark": "#1E2029"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_marks_and_ink_stand_out_from_the_schemes_background(scheme: str) -> None:
    # WCAG 1.4.11: graphics 3:1 against what is next to them; the ink (text) 4.5:1. The light scheme's background is
    # also the PNG's (on white).
    background = _luminance(BACKGROUNDS[scheme])
    ratio = lambda c: (max(_luminance(c), background) + 0.05) / (min(_luminance(c), background) + 0.05)  # noqa: E731
    shown = lambda c: _dark_scheme(c) if scheme == "dark" else c  # noqa: E731
    low = {c: round(ratio(shown(c)), 2) for c in (*charts.PALETTE, charts.OTHERS_COLOUR) if ratio(shown(c)) < 3}
    assert low == {}
    assert ratio(shown(charts.INK)) >= 4.5


def test_the_contrast_measure_catches_okabe_and_itos_light_colours() -> None:
    # The palette before: Okabe and Ito's sky blue and orange on white.
    ratios = {c: (1.05) / (_luminance(c) + 0.05) for c in ("#56B4E9", "#E69F00")}
    assert {c: round(r, 2) for c, r in ratios.items()} == {"#56B4E9": 2.31, "#E69F00": 2.25}


def _hue(colour: str) -> float:
    return colorsys.rgb_to_hls(*_rgb(colour))[0] * 360


def test_each_actor_keeps_its_colours_hue_in_both_schemes() -> None:
    """The dark scheme may draw a colour lighter, never another colour: an actor's marks are the same hue in both."""
    for colour in (*charts.PALETTE, charts.OTHERS_COLOUR):
        dark = _dark_scheme(colour)
        if colour == "#000000":
            assert dark == "#FFFFFF"  # the ink's black turns to the dark scheme's white, as the text does
        elif colour != dark:
            assert abs((_hue(colour) - _hue(dark) + 180) % 360 - 180) <= 6, (colour, dark)
            assert _luminance(dark) > _luminance(colour), (colour, dark)
