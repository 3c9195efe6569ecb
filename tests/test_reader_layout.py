"""What a reader sees on the built seed site: pages that fit the screen, compact estimates,
readable charts, names instead of ids, and "differs" said only of estimates from the same week.

The layout tests run in Chromium at a desktop (1280×800) and a phone (390×844) viewport, in the
light and the dark scheme, reusing the session's build, server and browser from test_browser.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections.abc import Callable
from pathlib import Path

import pytest
import test_browser
import yaml
from conftest import REPO, Project
from playwright.sync_api import Page
from test_browser import Tab, blocking_violations, format_violations, goto

# A fresh browser context per test, with its options (viewport, colour scheme), as in test_browser.
new_tab = test_browser.new_tab

#: One page of each kind readers open, plus the hand-written ones.
READER_PAGES = [
    "index.html",
    "figures/index.html",
    "figures/nk-troops-in-russia.html",
    "figures/nk-troops-planned.html",
    "figures/nk-active-troops.html",
    "actors/index.html",
    "actors/kyrylo-budanov.html",
    "actors/olaf-scholz.html",
    "sources/index.html",
    "sources/2024-10-18-ukraine-south-korea-warn.html",
    "sources/2024-11-18-nk-could-deploy-up-to-100000.html",
    "dates/index.html",
    "dates/2024-10-18.html",
    "dates/2024-11.html",
    "downloads/index.html",
    "reading.html",
    "methodology.html",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SCHEMES = ["light", "dark"]
#: Smallest chart text, in CSS px, as displayed: on a desktop and on a phone.
MIN_CHART_TEXT = {"desktop": 12, "phone": 10}

# Every table's right edge against its article's, and whether anything scrolls sideways.
_FIT = """() => {
  const doc = document.scrollingElement;
  const article = document.querySelector('article.md-content__inner');
  const right = article.getBoundingClientRect().right;
  const tables = [...article.querySelectorAll('table')].map((t, i) => ({
    i, right: t.getBoundingClientRect().right, scroll: t.scrollWidth, client: t.clientWidth,
    head: (t.querySelector('th, td') || {}).textContent || ''}));
  return {page: doc.scrollWidth, view: doc.clientWidth, right, tables};
}"""


def _open(new_tab: Callable[..., Tab], viewport: str, scheme: str) -> Tab:
    return new_tab(viewport=VIEWPORTS[viewport], color_scheme=scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_page_scrolls_sideways_and_every_table_fits_its_column(new_tab: Callable[..., Tab], base_url: str, viewport: str, scheme: str) -> None:
    tab = _open(new_tab, viewport, scheme)
    problems = []
    for path in READER_PAGES:
        goto(tab, base_url + path)
        fit = tab.page.evaluate(_FIT)
        if fit["page"] > fit["view"]:
            problems.append(f"{path}: the page is {fit['page']} px wide in a {fit['view']} px window")
        for t in fit["tables"]:
            if t["right"] > fit["right"] + 1 or t["scroll"] > t["client"] + 1:
                problems.append(
                    f"{path}: table {t['i']} ({t['head'].strip()!r}) ends at {t['right']:.0f} px (column ends at {fit['right']:.0f}), scrolls {t['scroll']} in {t['client']} px"
                )
    assert not problems, f"at {viewport} in {scheme}:\n  " + "\n  ".join(problems)


def _figure_pages(site_dir: Path) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / "figures").glob("*.html") if p.name != "index.html" and "--" not in p.name)


def test_estimate_rows_are_compact_on_a_desktop(new_tab: Callable[..., Tab], base_url: str, site_dir: Path) -> None:
    tab = _open(new_tab, "desktop", "light")
    heights: dict[str, float] = {}
    for path in _figure_pages(site_dir):
        goto(tab, base_url + path)
        rows = tab.page.evaluate("() => [...document.querySelectorAll('table:has(.est) tbody tr')].map(r => r.getBoundingClientRect().height)")
        if rows:
            heights[path] = statistics.median(rows)
    assert heights, "no figure page has an estimate table"
    tall = {p: h for p, h in heights.items() if h > 120}
    assert not tall, f"median estimate row taller than 120 px: {tall}"


def test_estimates_are_cards_on_a_phone(new_tab: Callable[..., Tab], base_url: str) -> None:
    tab = _open(new_tab, "phone", "light")
    goto(tab, base_url + "figures/nk-troops-in-russia.html")
    first = tab.page.locator("table:has(.est) tbody tr").first
    # One card: date (with the claim's permanent link, #) · who via whom · the words, then the bounds and the citations.
    cells = first.evaluate(
        """tr => [...tr.cells].map(td => [td.innerText.replace(/\\s+/g, ' ').trim(), getComputedStyle(td).display,
                                         getComputedStyle(td, '::after').content])"""
    )
    assert [c[0] for c in cells] == [
        "17 Oct 2024, date inferred #",
        "Kyrylo Budanov via The War Zone",
        "“almost 11,000” read as 9,900 to 11,000 troops “близько 11 000” in the Ukrainian original",
        cells[3][0],
    ], cells
    assert re.fullmatch(r"\[\d+\] \[\d+\] \[\d+\]", cells[3][0]), cells  # the Ukrainian original, then the two English articles
    assert [c[1] for c in cells] == ["inline"] * 4
    assert [c[2] for c in cells] == ['" · "'] * 3 + ["none"]
    assert tab.page.locator("table:has(.est) thead").first.is_hidden()
    box = first.bounding_box()
    assert box is not None and box["height"] <= 140, f"the first card is {box} tall"


def _chart_text(page: Page) -> tuple[float, float]:
    """The chart's smallest text size as displayed (CSS px), and the chart's top edge on the page."""
    return page.evaluate(
        """async () => {
      // The rendering the reader's scheme shows (the other is display: none).
      const img = [...document.querySelectorAll('figure.briefing-chart img')].find(i => i.getClientRects().length);
      await img.decode();
      const svg = new DOMParser().parseFromString(await (await fetch(img.currentSrc)).text(), 'image/svg+xml').documentElement;
      const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize));
      const scale = img.getBoundingClientRect().width / parseFloat(svg.getAttribute('width'));
      return [Math.min(...sizes) * scale, img.getBoundingClientRect().top + window.scrollY];
    }"""
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_chart_text_is_readable_and_the_chart_comes_first(new_tab: Callable[..., Tab], base_url: str, site_dir: Path, viewport: str, scheme: str) -> None:
    tab = _open(new_tab, viewport, scheme)
    charted = []
    for path in [*_figure_pages(site_dir), "index.html", "dates/index.html"]:
        goto(tab, base_url + path)
        if not tab.page.locator("figure.briefing-chart img").count():
            continue
        charted.append(path)
        smallest, top = _chart_text(tab.page)
        assert smallest >= MIN_CHART_TEXT[viewport], f"{path}: chart text shown at {smallest:.1f} px at {viewport}"
        if path.startswith("figures/"):
            assert top <= 800, f"{path}: the chart starts {top:.0f} px down the page"
    assert {"figures/nk-troops-in-russia.html", "index.html", "dates/index.html"} <= set(charted), charted


def test_dark_scheme_shows_the_chart_drawn_in_its_own_colours(new_tab: Callable[..., Tab], base_url: str, site_dir: Path) -> None:
    # A white box on a dark page was the complaint: the chart has no background of its own. The dark
    # scheme shows a second rendering in the theme's colours (not an inverted image, whose hues changed).
    for svg in (site_dir / "figures").glob("*.svg"):
        head = svg.read_text(encoding="utf-8")[:3000]
        assert 'fill="white"' not in head and "fill: white" not in head and 'fill="#fff' not in head, f"{svg.name} has a background"
    for scheme, src in (("dark", "nk-troops-in-russia-dark.svg"), ("light", "nk-troops-in-russia.svg")):
        tab = _open(new_tab, "desktop", scheme)
        goto(tab, base_url + "figures/nk-troops-in-russia.html")
        shown = tab.page.locator("figure.briefing-chart img:visible")
        assert shown.get_attribute("src") == src
        assert shown.evaluate("el => getComputedStyle(el).filter") == "none"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_accessibility_on_a_phone(new_tab: Callable[..., Tab], base_url: str, scheme: str) -> None:
    tab = _open(new_tab, "phone", scheme)
    problems = []
    for path in [
        "index.html",
        "figures/nk-troops-in-russia.html",
        "actors/kyrylo-budanov.html",
        "sources/2024-10-18-ukraine-south-korea-warn.html",
        "figures/index.html",
        "dates/index.html",
    ]:
        goto(tab, base_url + path)
        violations = blocking_violations(tab.page)
        if violations:
            problems.append(f"{path}:\n{format_violations(violations)}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- reader-facing text, from the built HTML

_TAG = re.compile(r"<[^>]*>")
_CODE = re.compile(r"<(code|pre|script|style)\b.*?</\1>", re.S)
_MAIN = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def _reader_text(html_page: Path) -> str:
    """The visible text of a page's article: no tags, no attribute values, no code."""
    match = _MAIN.search(html_page.read_text(encoding="utf-8"))
    body = match.group(1) if match else ""
    return " ".join(_TAG.sub(" ", _CODE.sub(" ", body)).split())


def _record_ids() -> set[str]:
    ids = set()
    for kind in ("claims", "sources", "figures", "actors"):
        for path in (REPO / "data" / kind).glob("*.yml"):
            ident = path.stem
            if "-" in ident:  # one-word ids ("russia") are also ordinary words
                ids.add(ident)
    return ids


def test_reader_text_has_no_template_plurals_untitled_articles_or_raw_ids(site_dir: Path) -> None:
    ids = _record_ids()
    pages = [p for p in site_dir.rglob("*.html") if p.name not in ("how-to-edit.html", "commands.html", "404.html")]
    problems = []
    for page in pages:
        text = _reader_text(page)
        rel = page.relative_to(site_dir).as_posix()
        if "(s)" in text:
            problems.append(f"{rel}: '(s)' in {text[max(0, text.index('(s)') - 40) : text.index('(s)') + 5]!r}")
        if "Untitled article" in text:
            problems.append(f"{rel}: 'Untitled article'")
        raw = sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))
        if raw:
            problems.append(f"{rel}: raw ids {raw}")
    assert len(pages) > 60
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- "differs" only about the same moment

NIS = """# yaml-language-server: $schema=../../../../../generator/schemas/claim.schema.json
id: nis-as-many-as-1500
actor: the-war-zone
figure: nk-troops-planned
value:
  text: "as many as 1,500"
  hedge: as many as
  high: 1500
stance: asserts
claimed_on:
  date: "{day}"
  basis: stated
statement: As many as 1,500 troops are planned.
citations:
  - source: 2024-10-18-sample
    quote: "as many as 1,500 troops are planned"
"""


def _with_sentence(project: Project, sentence: str) -> None:
    """Add ``sentence`` to the sample article, with the hash its source record must then carry."""
    text = project.path("data/sources/2024-10-18-sample.txt")
    old = hashlib.sha256(text.read_bytes()).hexdigest()
    text.write_text(text.read_text(encoding="utf-8") + sentence + "\n", encoding="utf-8")
    record = project.path("data/sources/2024-10-18-sample.yml")
    record.write_text(record.read_text(encoding="utf-8").replace(old, hashlib.sha256(text.read_bytes()).hexdigest()), encoding="utf-8")


def _differ_section(project: Project) -> str:
    result = project.run("generate")
    assert result.exit_code == 0, result.output
    page = project.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")
    return page.split("## Where sources differ", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize(
    ("day", "differs"),
    [("2024-10-17", "same day"), ("2024-10-10", "7 days apart"), ("2024-10-09", None), ("2024-10-01", None), ("2024-10", "same month")],
)
def test_sources_differ_only_about_the_same_moment(site_project: Project, day: str, differs: str | None) -> None:
    # Zelenskyy's "10,000" was claimed on 17 Oct; a best reading of 1,500 is 7 times lower.
    _with_sentence(site_project, "The War Zone said as many as 1,500 troops are planned.")
    site_project.write("data/claims/nis-as-many-as-1500.yml", NIS.replace("{day}", day))
    section = _differ_section(site_project)
    if differs:
        assert "differ, 7× apart: best readings 1,500 troops and 10,000 troops" in section and f"{differs}." in section, section
        assert "other pair" not in section
    else:
        assert "No two sources gave estimates about the same moment whose best readings differ." in section, section
        assert "1 other pair of estimates differs but was made further apart" in section
    assert "cannot both be right" not in section


def test_every_differing_pair_in_the_seed_corpus_is_about_the_same_moment(corpus_site: Path) -> None:
    from generator.data.validate import validate
    from generator.site.index import build
    from generator.site.values import compared, moment, same_moment

    index = build(validate(corpus_site))
    found = 0
    for claims in index.by_figure.values():
        counts, pairs = compared(index, [c for c in claims if c.value], 100)
        found += counts["differ"]
        for pair in pairs:
            assert same_moment(moment(index, pair.lower), moment(index, pair.higher))  # type: ignore[arg-type]
    assert found, "the seed corpus has pairs that differ about the same moment (Budanov and the NIS on troops in Russia)"


def test_figure_ranks_order_the_home_page(corpus_site: Path) -> None:
    home = (corpus_site / "briefings/_generated/home.md").read_text(encoding="utf-8")
    ranked = [yaml.safe_load((REPO / f"data/figures/{f}.yml").read_text())["label"] for f in ("nk-troops-in-russia", "nk-troops-planned")]
    headings = re.findall(r"^### (.+)$", home, re.M)
    assert headings[:2] == ranked, headings
