"""Real-browser tests of the built site: search, citations, charts, the offline edition and accessibility.

One build per session (into a temporary copy of the project, never the working tree), one HTTP server
on 127.0.0.1 and one headless Chromium, shared by every test.
"""

from __future__ import annotations

import csv
import functools
import html as html_module
import io
import json
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import QuietHandler
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, expect

from generator.pipeline import zip_site

REPO = Path(__file__).resolve().parent.parent
# Folders and files under briefings/ that the generator writes; only hand-written files are copied.
LOCAL_SCHEMES = ("data:", "blob:", "about:")

FIGURE_PAGE = "figures/nk-troops-in-russia.html"
SOURCE_PAGE = "sources/2024-10-18-ukraine-south-korea-warn.html"
PAGES_OF_EACH_KIND = [
    "index.html",
    "figures/index.html",
    FIGURE_PAGE,
    "actors/olaf-scholz.html",
    SOURCE_PAGE,
    "dates/2024-10-18.html",
    "dates/2024-10.html",
    "dates/index.html",
    "downloads/index.html",
    "how-to-edit.html",
    "commands.html",
]
BLOCKING_IMPACTS = {"serious", "critical"}


# --------------------------------------------------------------------------- session fixtures


# site_dir, base_url, playwright and browser are session fixtures in conftest.py, shared with
# test_reader_layout.


# --------------------------------------------------------------------------- per-test page with a recorder


@dataclass
class Recorder:
    """What a page did that a test should check: console errors, uncaught exceptions, every request."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Page:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", self._on_request)
        return page

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            self.console_errors.append(f"{message.text} (at {location.get('url', '?')}:{location.get('lineNumber', '?')})")

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)


def assert_clean(recorder: Recorder, *allowed_prefixes: str) -> None:
    """No console error, no uncaught exception, and every request went to one of the allowed places."""
    assert not recorder.page_errors, "uncaught exceptions in the page:\n  " + "\n  ".join(recorder.page_errors)
    assert not recorder.console_errors, "console errors:\n  " + "\n  ".join(recorder.console_errors)
    allowed = (*allowed_prefixes, *LOCAL_SCHEMES)
    outside = sorted({url for url in recorder.requests if not url.startswith(allowed)})
    assert not outside, f"requests outside {', '.join(allowed_prefixes)}:\n  " + "\n  ".join(outside)


@dataclass
class Tab:
    page: Page
    recorder: Recorder


def _open_tab(context: BrowserContext) -> Tab:
    recorder = Recorder()
    return Tab(recorder.attach(context.new_page()), recorder)


@pytest.fixture
def new_tab(browser: Browser) -> Iterator[Callable[..., Tab]]:
    """Opens a recorded page in a fresh browser context (options such as color_scheme go to the context)."""
    contexts: list[BrowserContext] = []

    def make(**context_options: Any) -> Tab:
        context = browser.new_context(**context_options)
        contexts.append(context)
        return _open_tab(context)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def tab(new_tab: Callable[..., Tab]) -> Tab:
    return new_tab()


def goto(tab: Tab, url: str) -> None:
    response = tab.page.goto(url)
    if url.startswith("http"):
        assert response is not None and response.ok, f"GET {url} -> {response.status if response else 'no response'}"


# --------------------------------------------------------------------------- helpers


def search(page: Page, query: str) -> None:
    """Type into Material's search box key by key (fill() does not trigger the search) and wait for results."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("Initializing search", timeout=15_000)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


def result_hrefs(page: Page) -> list[str]:
    hrefs: list[str] = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    return hrefs


def heading_text(page: Page) -> str:
    """The page's h1 without Material's permalink "¶"."""
    h1 = page.locator("article h1").first
    expect(h1).to_be_visible()
    return h1.evaluate("el => { const c = el.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove()); return c.textContent.trim(); }")


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        targets = []
        for node in violation.get("nodes", [])[:5]:
            checks = [*node.get("any", []), *node.get("all", []), *node.get("none", [])]
            detail = checks[0].get("message", "") if checks else ""
            targets.append(" ".join(map(str, node.get("target", []))) + (f" -- {detail}" if detail else ""))
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation.get('help')} [{len(violation.get('nodes', []))} node(s)]\n"
            + "\n".join(f"    {target}" for target in targets)
        )
    return "\n".join(lines)


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]


# --------------------------------------------------------------------------- 1. search for an alias


@pytest.mark.parametrize(
    ("query", "page_path", "heading"),
    [("Schulz", "actors/olaf-scholz.html", "Olaf Scholz"), ("Kyrylyo", "actors/kyrylo-budanov.html", "Kyrylo Budanov")],
)
def test_search_for_alias_lands_on_actor_page(tab: Tab, base_url: str, query: str, page_path: str, heading: str) -> None:
    # The session's site is built with Pagefind: over http, Material's search box asks it.
    page = tab.page
    goto(tab, base_url + "index.html")
    search(page, query)
    assert base_url + "pagefind/pagefind.js" in tab.recorder.requests, "the search did not load Pagefind"
    assert base_url + "search/search_index.js" not in tab.recorder.requests, "the search loaded Material's whole index"

    hrefs = result_hrefs(page)
    target = base_url + page_path
    matching = [href for href in hrefs if href.split("#")[0].split("?")[0] == target]
    assert matching, f"searching {query!r}: the actor page {page_path} is not among the results:\n  " + "\n  ".join(hrefs)
    # Prefer the link to the page itself over a link to one of its sections.
    chosen = next((href for href in matching if "#" not in href), matching[0])
    link = page.locator(".md-search-result__item a.md-search-result__link").nth(hrefs.index(chosen))
    link.click()
    page.wait_for_load_state()

    assert urlparse(page.url).path.endswith("/" + page_path), f"after clicking the result, the browser is at {page.url}"
    assert heading_text(page) == heading, f"the page's h1 reads {heading_text(page)!r}, expected {heading!r}"
    assert_clean(tab.recorder, base_url)


# --------------------------------------------------------------------------- 2. citation -> highlighted quote


def test_citation_opens_source_at_highlighted_quote(tab: Tab, base_url: str) -> None:
    page = tab.page
    goto(tab, base_url + FIGURE_PAGE)
    # Material wraps tables in scroll containers, so take the first table after the heading in document order.
    table = page.locator("xpath=//h2[@id='every-estimate']/following::table[1]")
    expect(table).to_be_visible()
    citation = table.locator('a[href*="#q-"]').first
    expect(citation).to_have_text(re.compile(r"^\[\d+\]$"))
    href = citation.get_attribute("href")
    assert href, "the first citation in the 'Every estimate' table has no href"
    expected = urlparse(urljoin(page.url, href))
    anchor = unquote(expected.fragment)
    assert anchor.startswith("q-"), f"citation href {href!r} does not point at a quote anchor"

    citation.click()
    page.wait_for_url(lambda url: urlparse(url).path == expected.path)
    page.wait_for_load_state()

    now = urlparse(page.url)
    assert now.path == expected.path and now.path.split("/")[-2] == "sources", f"the citation led to {page.url}, expected {expected.geturl()}"
    assert unquote(now.fragment) == anchor, f"the URL hash is #{now.fragment}, expected #{anchor}"

    target = page.locator(f'[id="{anchor}"]')
    expect(target).to_have_count(1)
    sibling = target.evaluate("el => el.nextElementSibling ? el.nextElementSibling.tagName.toLowerCase() : null")
    assert sibling == "mark", f"the element after #{anchor} is <{sibling}>, not the highlighted quote <mark>"

    mark = page.locator(f'[id="{anchor}"] + mark')
    expect(mark).to_be_visible()
    expect(mark).to_be_in_viewport()
    box = mark.bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    assert 0 <= box["y"] < viewport["height"] and box["x"] >= 0 and box["x"] < viewport["width"], f"quote at {box} is outside the viewport {viewport}"
    header = page.locator("header.md-header").bounding_box()
    assert header is not None
    assert box["y"] >= header["y"] + header["height"] - 1, (
        f"the quote (top {box['y']:.0f}px) is hidden under the sticky header (bottom {header['y'] + header['height']:.0f}px)"
    )
    outline = mark.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the targeted quote is not outlined (the :target highlight did not apply)"
    assert_clean(tab.recorder, base_url)


# --------------------------------------------------------------------------- 3. chart


def test_figure_chart_is_visible(tab: Tab, base_url: str) -> None:
    page = tab.page
    goto(tab, base_url + FIGURE_PAGE)
    img = page.locator("figure.briefing-chart img:visible")  # the light scheme's rendering; the dark one is hidden
    expect(img).to_have_count(1)
    expect(img).to_be_visible()
    page.wait_for_function("el => el.complete", arg=img.element_handle())
    width = img.evaluate("el => el.complete && el.naturalWidth")
    assert width and width > 0, f"the chart {img.get_attribute('src')!r} did not load (naturalWidth {width!r})"
    box = img.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 50, f"the chart is rendered too small: {box}"
    alt = (img.get_attribute("alt") or "").strip()
    assert alt, "the chart has no alt text"
    assert "estimate" in alt.lower(), f"the chart's alt text does not describe the estimates: {alt!r}"
    assert_clean(tab.recorder, base_url)


# --------------------------------------------------------------------------- 4. offline edition from file://


@pytest.fixture(scope="module")
def unzipped(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip `briefing build --zip` packs, unzipped: it leaves pagefind/ out."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(zip_site(site_dir, folder / "briefing.zip")) as bundle:
        assert not [name for name in bundle.namelist() if "/pagefind/" in name]
        bundle.extractall(folder)
    return folder / site_dir.name


def test_offline_edition_from_file(tab: Tab, unzipped: Path) -> None:
    # Opened from a folder, the zip's pages search with Material's index.
    page = tab.page
    home = (unzipped / "index.html").as_uri()
    goto(tab, home)
    expect(page.locator("article h1").first).to_be_visible()

    figures_tab = page.locator("nav.md-tabs").get_by_role("link", name="Figures", exact=True)
    expect(figures_tab).to_be_visible()
    figures_tab.click()
    page.wait_for_url(lambda url: url.startswith("file://") and urlparse(url).path.endswith("/figures/index.html"))
    expect(page.locator("article h1").first).to_be_visible()

    search(page, "Schulz")
    hrefs = result_hrefs(page)
    assert any(urlparse(href).path.endswith("/actors/olaf-scholz.html") for href in hrefs), (
        "searching 'Schulz' from file:// did not find Olaf Scholz:\n  " + "\n  ".join(hrefs)
    )
    assert any(url.endswith("/search/search_index.js") for url in tab.recorder.requests), "the zip's search did not load Material's index"
    assert_clean(tab.recorder, "file://")


def test_offline_edition_put_on_a_server_searches_with_materials_index(tab: Tab, unzipped: Path) -> None:
    # Without pagefind/, the worker that asks Pagefind falls back to Material's worker and index.
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(unzipped)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        goto(tab, base + "index.html")
        search(tab.page, "Kyrylyo")
        hrefs = result_hrefs(tab.page)
        assert base + "actors/kyrylo-budanov.html?h=kyrylyo" in hrefs, "searching 'Kyrylyo' did not find Kyrylo Budanov:\n  " + "\n  ".join(hrefs)
        assert base + "search/search_index.js" in tab.recorder.requests
        assert_clean(tab.recorder, base)
    finally:
        server.shutdown()
        server.server_close()


# Playwright types a character no US key makes (Hangul, Cyrillic) as inserted text, with no key
# events; Material's search box runs a query on a key's release, as a reader's keyboard layout or
# input method gives one. Pressing End, which changes nothing, gives it that release.
@pytest.mark.parametrize(
    ("engine", "query", "source", "claim", "lang"),
    [
        ("pagefind", "국정원", "sources/2024-10-18-segye-nis-12000-decided.html", "nis-12000-decided-via-yonhap", "ko"),
        ("pagefind", "утку", "sources/svpressa-peskov-information-canard.html", "russia-denies-troops-one-more-fake", "ru"),
        ("pagefind", "близько", "sources/ukrinform-budanov-11000-training.html", "budanov-almost-11000-training", "uk"),
        ("material", "국정원", "sources/2024-10-18-segye-nis-12000-decided.html", "nis-12000-decided-via-yonhap", "ko"),
        ("material", "утку", "sources/svpressa-peskov-information-canard.html", "russia-denies-troops-one-more-fake", "ru"),
        ("material", "canard", "sources/svpressa-peskov-information-canard.html", "russia-denies-troops-one-more-fake", "ru"),
    ],
)
def test_a_word_of_the_original_or_its_translation_finds_the_claim(
    tab: Tab, base_url: str, unzipped: Path, engine: str, query: str, source: str, claim: str, lang: str
) -> None:
    page = tab.page
    # Over http the session's site searches with Pagefind; the zip, opened from a folder, with Material's index.
    start = base_url if engine == "pagefind" else unzipped.as_uri() + "/"
    goto(tab, start + "index.html")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=40)
    box.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
    hrefs = result_hrefs(page)
    wanted = [href for href in hrefs if href.split("#")[0].split("?")[0] == start + source]
    assert wanted, f"searching {query!r} with {engine}: {source} is not among the results:\n  " + "\n  ".join(hrefs)
    if engine == "pagefind":
        assert base_url + "pagefind/pagefind.js" in tab.recorder.requests
    else:
        assert any(url.endswith("/search/search_index.js") for url in tab.recorder.requests)
    goto(tab, wanted[0].split("#")[0])
    item = page.locator(f"li:has(#c-{claim})")
    expect(item).to_be_visible()
    original = item.locator(f'.quote-pair .original[lang="{lang}"]')
    expect(original).to_be_visible()
    expect(item.locator('.quote-pair .translation[lang="en"]')).to_contain_text("the editors' translation")
    assert_clean(tab.recorder, start)


def test_a_claims_permanent_address_lands_on_the_claim_from_file(tab: Tab, site_dir: Path) -> None:
    # No server and no script: the redirect page's meta refresh takes the reader to the claim's row.
    page = tab.page
    goto(tab, (site_dir / "claims/budanov-2600-to-kursk.html").as_uri())
    page.wait_for_url(lambda url: url.startswith("file://") and url.endswith("/figures/nk-troops-kursk-first-batch.html#c-budanov-2600-to-kursk"))
    expect(page.locator("#c-budanov-2600-to-kursk")).to_be_attached()
    row = page.locator("tr", has=page.locator("#c-budanov-2600-to-kursk"))
    expect(row).to_contain_text("2,600")
    assert_clean(tab.recorder, "file://")


# --------------------------------------------------------------------------- 5. no request leaves 127.0.0.1


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_page_stays_local_without_console_errors(tab: Tab, base_url: str, path: str) -> None:
    goto(tab, base_url + path)
    tab.page.wait_for_load_state("networkidle")
    expect(tab.page.locator("article h1").first).to_be_visible()
    assert_clean(tab.recorder, base_url)


# --------------------------------------------------------------------------- 6. accessibility (axe-core)


@pytest.mark.parametrize("path", PAGES_OF_EACH_KIND)
def test_accessibility(tab: Tab, base_url: str, path: str) -> None:
    goto(tab, base_url + path)
    violations = blocking_violations(tab.page)
    assert not violations, f"axe found serious/critical violations on {path}:\n{format_violations(violations)}"
    assert_clean(tab.recorder, base_url)


@pytest.mark.parametrize("path", [SOURCE_PAGE, FIGURE_PAGE, SOURCE_PAGE + "#q-budanov-almost-11000-training-1"])
def test_accessibility_dark_mode(new_tab: Callable[..., Tab], base_url: str, path: str) -> None:
    tab = new_tab(color_scheme="dark")
    goto(tab, base_url + path)
    # Material picks the palette whose media query matches: the dark ("slate") scheme.
    expect(tab.page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    violations = blocking_violations(tab.page)
    assert not violations, f"axe found serious/critical violations on {path} in dark mode:\n{format_violations(violations)}"
    assert_clean(tab.recorder, base_url)


# --------------------------------------------------------------------------- 7. downloads


def test_downloads_resolve(tab: Tab, base_url: str, corpus_site: Path) -> None:
    expected = len(list((corpus_site / "data" / "claims").glob("*.yml")))
    assert expected > 0

    goto(tab, base_url + "downloads/index.html")
    page = tab.page
    for name in ("claims.json", "claims.csv"):
        expect(page.locator(f'article a[href$="{name}"]').first).to_be_attached()

    response = page.request.get(base_url + "downloads/claims.json")
    assert response.ok, f"downloads/claims.json -> {response.status}"
    data = json.loads(response.text())
    assert isinstance(data.get("claims"), list), f"claims.json has no 'claims' list: keys {sorted(data)}"
    assert len(data["claims"]) == expected, f"claims.json lists {len(data['claims'])} claims, data/claims has {expected} files"

    response = page.request.get(base_url + "downloads/claims.csv")
    assert response.ok, f"downloads/claims.csv -> {response.status}"
    rows = list(csv.reader(io.StringIO(response.text())))
    assert rows and rows[0] and rows[0][0] == "claim_id", f"claims.csv header is {rows[0] if rows else None!r}"
    assert len(rows) - 1 >= expected, f"claims.csv has {len(rows) - 1} data rows for {expected} claims"
    assert_clean(tab.recorder, base_url)


# --------------------------------------------------------------------------- 8. hostile data runs no script

# Any payload that managed to run would call one of these; they record instead of opening a dialog.
_TRAP = """
window.__calls = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__calls.push(name + "(" + args.map(String).join(", ") + ")"); };
}
"""


def test_pages_made_of_naughty_strings_open_no_dialog_and_run_no_script(tab: Tab, naughty_site: tuple[Path, Any]) -> None:
    """Every page that carries payloads (see tests/naughty.py), opened from the folder as readers of the zip do."""
    site = naughty_site[0] / "site"
    page = tab.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.add_init_script(_TRAP)
    paths = ["index.html", "actors/index.html", "figures/index.html", "dates/index.html"]
    paths += sorted(p.relative_to(site).as_posix() for folder in ("actors", "figures", "sources") for p in (site / folder).glob("naughty-*.html"))
    assert len(paths) > 30
    for rel in paths:
        goto(tab, (site / rel).as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("window.__calls") == [], f"a payload ran script on {rel}"
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"
        )
        assert handlers == [], f"event handler attributes on {rel}"
        # JSON-LD (type application/ld+json) is data the browser never runs; every other inline script is Material's.
        scripts = page.evaluate("[...document.scripts].filter(s => s.type !== 'application/ld+json').map(s => s.src ? new URL(s.src).pathname : 'inline')")
        outside = [s for s in scripts if s != "inline" and not s.startswith(str(site))]
        assert outside == [] and scripts.count("inline") <= 5, f"unexpected scripts on {rel}: {scripts}"
    assert dialogs == []
    assert_clean(tab.recorder, site.as_uri())


def test_pagefind_results_for_naughty_strings_run_no_script(tab: Tab, naughty_site: tuple[Path, Any]) -> None:
    """Over http the naughty site searches with Pagefind: titles and excerpts made of payloads show as text."""
    site = naughty_site[0] / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    page = tab.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{dialog.type}: {dialog.message}"), dialog.dismiss()))
    page.add_init_script(_TRAP)
    try:
        goto(tab, base + "index.html")
        search(page, "alert")
        results = page.locator(".md-search-result__list")
        expect(results.locator("article").nth(4)).to_be_attached()
        page.wait_for_timeout(500)
        assert base + "pagefind/pagefind.js" in tab.recorder.requests
        assert page.evaluate("window.__calls") == [] and dialogs == []
        markup = results.evaluate("el => [...el.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
        assert set(markup) <= {"li", "a", "article", "div", "h1", "h2", "mark", "details", "summary"}, f"result markup: {sorted(set(markup))}"
        titles = results.locator("article h1").all_inner_texts()
        assert any("<" in title for title in titles), f"no title shows a payload's markup as text: {titles}"
        assert_clean(tab.recorder, base)
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- 6. a figure's embed page, elsewhere

EMBED = "embed/nk-troops-in-russia.html"


def _embed_loaded(frame: Any) -> None:
    expect(frame.locator("h1")).to_have_text("North Korean troops in Russia")
    expect(frame.locator("p").first).to_contain_text("Latest estimate:")
    expect(frame.locator("figcaption")).to_contain_text("Licence: CC BY 4.0")
    # The chart image is drawn, not a broken-image box.
    assert frame.locator("img").evaluate("img => img.complete && img.naturalWidth > 300")


def test_embed_page_opens_from_file(tab: Tab, site_dir: Path) -> None:
    goto(tab, (site_dir / EMBED).as_uri())
    _embed_loaded(tab.page)
    assert_clean(tab.recorder, "file://")


def test_embed_page_works_in_an_iframe_on_another_local_page(tab: Tab, site_dir: Path, tmp_path: Path) -> None:
    # The reader's own page, elsewhere on disk, holding the code the figure page offers to copy
    # with its address pointed at this copy of the site.
    figure_page = (site_dir / "figures/nk-troops-in-russia.html").read_text(encoding="utf-8")
    code = re.search(r'<div class="reuse-code"><pre><code>(&lt;iframe .*?)</code>', figure_page)
    assert code, "the figure page offers no <iframe> code"
    iframe = html_module.unescape(code.group(1)).replace("https://briefing.example/", (site_dir.as_uri() + "/"))
    host = tmp_path / "article.html"
    host.write_text(f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>An article</title></head><body><p>Our story.</p>{iframe}</body></html>")
    goto(tab, host.as_uri())
    frame = tab.page.frame_locator("iframe")
    _embed_loaded(frame)
    assert_clean(tab.recorder, "file://")


def test_embed_page_over_http_requests_only_the_site(tab: Tab, base_url: str) -> None:
    goto(tab, base_url + EMBED)
    tab.page.wait_for_load_state("networkidle")
    _embed_loaded(tab.page)
    assert_clean(tab.recorder, base_url)
    # Its link back opens the figure's page in the top window, not inside the frame.
    assert tab.page.locator("h1 a").get_attribute("target") == "_top"


# --------------------------------------------------------------------------- 7. a feed opened in the browser


def test_feed_opens_as_a_readable_page(tab: Tab, base_url: str) -> None:
    goto(tab, base_url + "feeds/all.xml")
    page = tab.page
    expect(page.locator("h1")).to_have_text("Briefing: North Korean troops in Russia: new and corrected claims")
    expect(page.locator(".about")).to_contain_text("copy this page's address into a feed reader")
    # The test copy has no Git history, so the feed has no entries and says why.
    expect(page.locator("body")).to_contain_text("History unknown")
    outside = sorted({url for url in tab.recorder.requests if not url.startswith((base_url, *LOCAL_SCHEMES))})
    assert outside == []


def test_home_page_answers_first_with_its_citations_folded(new_tab: Callable[..., Tab], base_url: str) -> None:
    # The home page was 5,054 px tall at 1280 px, about half of it the citation list; the first answer sat below the fold on a phone.
    for width, tallest in ((1280, 4000), (390, 6000)):
        tab = new_tab(viewport={"width": width, "height": 800})
        goto(tab, base_url + "index.html")
        page = tab.page
        # The answer comes first: the one-sentence summary of every headline figure, then the first answer box.
        summary = page.locator("article p", has_text="In short:").first
        expect(summary).to_be_visible()
        assert summary.bounding_box()["y"] < 600, f"the answer is below the fold at {width} px"  # type: ignore[index]
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < tallest, f"home page {height} px tall at {width} px"
        citations = page.locator("details", has=page.locator("summary", has_text="quotes this page cites"))
        expect(citations).to_have_count(1)
        expect(citations.locator("ol")).not_to_be_visible()


# --------------------------------------------------------------------------- 8. chart labels, measured where they are drawn

_LABEL_BOXES = """() => {
  const svg = document.querySelector('svg');
  const W = svg.width.baseVal.value, H = svg.height.baseVal.value;
  const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect(); return {t: t.textContent, x: r.left, y: r.top, w: r.width, h: r.height}; });
  const out = [];
  for (let i = 0; i < boxes.length; i++) { const a = boxes[i];
    if (a.x < -0.5 || a.y < -0.5 || a.x + a.w > W + 0.5 || a.y + a.h > H + 0.5) out.push('outside the chart: ' + a.t);
    for (let j = i + 1; j < boxes.length; j++) { const b = boxes[j];
      const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x), oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (ox > 1 && oy > 1) out.push('overlap: ' + a.t + ' | ' + b.t); } }
  return {problems: out, texts: boxes.map(b => b.t)}; }"""


def test_chart_labels_are_whole_and_apart(tab: Tab, site_dir: Path) -> None:
    # The desktop rendering (shown at 1280 px) and the phone's (at 390 px) of every chart: text as the browser lays it out.
    charts = sorted((site_dir / "figures").glob("*.svg")) + sorted((site_dir / "dates").glob("timeline*.svg"))
    assert len(charts) >= 8
    problems = []
    for chart in charts:
        goto(tab, chart.as_uri())
        found = tab.page.evaluate(_LABEL_BOXES)
        problems += [f"{chart.name}: {p}" for p in found["problems"]]
        problems += [f"{chart.name}: cut short: {t}" for t in found["texts"] if "…" in t]
        problems += [f"{chart.name}: axis label {t}" for t in found["texts"] if re.fullmatch(r"[0-9.]+[kMG]", t)]
    assert problems == []


def test_phone_chart_dates_every_cluster(tab: Tab, site_dir: Path) -> None:
    # At 390 px the October cluster (17 to 19 Oct) had no date of its own: only "1 Nov" and "1 Dec".
    goto(tab, (site_dir / "figures/nk-troops-in-russia-narrow.svg").as_uri())
    texts = tab.page.evaluate(_LABEL_BOXES)["texts"]
    ticks = [t for t in texts if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", t)]
    assert any(t.endswith("Oct") for t in ticks) and len(ticks) >= 3, ticks


def test_millions_are_written_as_millions(tab: Tab, site_dir: Path) -> None:
    goto(tab, (site_dir / "figures/nk-artillery-rounds-to-russia.svg").as_uri())
    texts = tab.page.evaluate(_LABEL_BOXES)["texts"]
    assert "0" in texts and "8 million" in texts and not any(t.endswith("M") for t in texts)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chart_is_drawn_in_the_schemes_own_colours_without_a_filter(new_tab: Callable[..., Tab], base_url: str, scheme: str) -> None:
    tab = new_tab(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    goto(tab, base_url + "figures/nk-troops-in-russia.html")
    page = tab.page
    shown = page.locator(".briefing-chart img:visible")
    expect(shown).to_have_count(1)
    src = shown.get_attribute("src")
    assert src == ("nk-troops-in-russia-dark.svg" if scheme == "dark" else "nk-troops-in-russia.svg")
    assert shown.evaluate("img => getComputedStyle(img).filter") == "none"
    assert shown.evaluate("img => img.complete && img.naturalWidth > 300")


def test_phone_chart_marks_carry_their_actors_letter(tab: Tab, site_dir: Path) -> None:
    # Told apart by more than colour: each mark's letter, repeated before the actor's name in the legend.
    goto(tab, (site_dir / "figures/nk-troops-in-russia-narrow.svg").as_uri())
    texts = tab.page.evaluate(_LABEL_BOXES)["texts"]
    letters = sorted(t for t in texts if re.fullmatch(r"[A-Z]", t))
    assert letters == ["A", "B", "C", "D", "E"]
    assert "C Kyrylo Budanov" in [" ".join(t.split()) for t in texts]


# --------------------------------------------------------------------------- 9. the words readers type

EDITORS_PAGES = ("how-to-edit.html", "commands.html")


@pytest.mark.parametrize(
    ("query", "expected", "within"),
    [
        # The three articles whose headlines say "up to 100,000", and the artillery figure whose bounds
        # ("hundreds of thousands") start at 100,000, rightly come first too.
        ("100,000", "figures/nk-troops-potential.html", 6),
        ("Scholes", "actors/olaf-scholz.html", 1),
        ("NIS", "actors/south-korea-nis.html", 1),
        ("casualties", "figures/russian-troops-killed-or-wounded.html", 3),
        ("Kursk", "figures/russian-and-nk-troops-in-kursk.html", 3),
    ],
)
def test_searches_readers_type_find_reader_pages_first(tab: Tab, base_url: str, query: str, expected: str, within: int) -> None:
    page = tab.page
    goto(tab, base_url + "index.html")
    search(page, query)
    pages = list(dict.fromkeys(urlparse(h).path.removeprefix(urlparse(base_url).path) for h in result_hrefs(page)))
    assert expected in pages[:within], f"searching {query!r}: {expected} is not among the first {within}:\n  " + "\n  ".join(pages)
    # Editors' pages come after every reader page the search found.
    editors = [i for i, p in enumerate(pages) if p in EDITORS_PAGES]
    readers = [i for i, p in enumerate(pages) if p not in EDITORS_PAGES]
    assert not editors or not readers or min(editors) > max(readers), pages
    snippets = page.locator(".md-search-result__item").all_inner_texts()
    assert not [s for s in snippets if re.search(r"[0-9a-f]{64}|SHA-256", s)], "source metadata in the results"


@pytest.mark.parametrize("path", ["figures/nk-troops-in-russia.html", SOURCE_PAGE, "actors/kyrylo-budanov.html", "index.html"])
def test_tap_targets_are_large_or_spaced_enough(new_tab: Callable[..., Tab], base_url: str, path: str) -> None:
    # WCAG 2.5.8 (Target Size, Minimum), as axe-core checks it and Lighthouse reports it: 24 by 24 px, or spaced so.
    for width in (1280, 390):
        tab = new_tab(viewport={"width": width, "height": 900})
        goto(tab, base_url + path)
        results = Axe().run(tab.page, options={"runOnly": ["target-size"]})
        failing = [node["target"] for v in results.response["violations"] for node in v["nodes"]]
        assert failing == [], f"{path} at {width} px: {failing[:10]}"
