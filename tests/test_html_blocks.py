"""Tables and lists written as raw HTML blocks read as the Markdown ones did, links and all.

The estimate tables, the folded statements, the claim lists and the citation lists reach MkDocs
as HTML, which it passes through without rewriting links or escaping text. These tests read the
built site: the cells, the link targets, data with Markdown and HTML characters shown as typed,
and the search index, which still leaves the citation lists and folded notes out.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, Project, copy_site_files
from sitecheck import broken_links

ACTOR = "Volodymyr <b>Zelenskyy</b> & *Co* `x` [y](z) |"
HEADLINE = "Troops <i>now</i> & **then** `code` <script>alert(1)</script>"


class _Blocks(HTMLParser):
    """Every table (rows of cells: text and hrefs) and list item (text and hrefs) in the article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[str, list[str]]]]] = []
        self.items: dict[str, list[tuple[str, list[str]]]] = {}  # by the h2 above the list
        self._heading = ""
        self._h2: list[str] | None = None
        self._cell: tuple[list[str], list[str]] | None = None
        self._item: tuple[list[str], list[str]] | None = None
        self._in_details = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "h2":
            self._h2 = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ([], [])
        elif tag == "li" and not self._in_details:
            self._item = ([], [])
        elif tag == "details":
            self._in_details += 1
        elif tag == "a" and href and not href.startswith("#"):
            for open_ in (self._cell, self._item):
                if open_ is not None:
                    open_[1].append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._h2 is not None:
            self._heading = " ".join("".join(self._h2).replace("¶", "").split())
            self._h2 = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append((" ".join("".join(self._cell[0]).split()), self._cell[1]))
            self._cell = None
        elif tag == "li" and self._item is not None:
            self.items.setdefault(self._heading, []).append((" ".join("".join(self._item[0]).split()), self._item[1]))
            self._item = None
        elif tag == "details":
            self._in_details -= 1

    def handle_data(self, data: str) -> None:
        for open_ in (self._h2, self._cell[0] if self._cell else None, self._item[0] if self._item else None):
            if open_ is not None:
                open_.append(data)


def blocks(page: Path) -> _Blocks:
    parser = _Blocks()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal fixture, with an actor's name and a headline full of markup characters, built by `briefing build`."""
    root = tmp_path_factory.mktemp("blocks") / "project"
    shutil.copytree(FIXTURES / "minimal", root)
    copy_site_files(root)
    project = Project(root)
    project.edit("data/actors/volodymyr-zelenskyy.yml", "name: Volodymyr Zelenskyy", f"name: {json.dumps(ACTOR)}")
    project.edit("data/sources/2024-10-18-sample.yml", "title: Sample headline about troops", f"title: {json.dumps(HEADLINE)}")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_the_estimate_table_shows_its_cells_and_links(site: Path) -> None:
    table, origins = blocks(site / "figures/nk-troops-planned.html").tables
    assert table == [
        [("Date", []), ("Who", []), ("Estimate", []), ("Source", [])],
        [
            ("17 Oct 2024, date inferred #", ["../dates/2024-10-17.html", "../claims/zelenskyy-10000.html"]),
            (ACTOR, ["../actors/volodymyr-zelenskyy.html"]),
            ("“10,000”read as 10,000 troops", []),
            ("[1]", ["../sources/2024-10-18-sample.html#q-zelenskyy-10000-1"]),
        ],
    ]
    # The origins table is an HTML block too: the same escaping holds there.
    assert origins[1] == [
        (ACTOR, ["../actors/volodymyr-zelenskyy.html"]),
        ("“10,000” (read as 10,000 troops) [1]", ["../sources/2024-10-18-sample.html#q-zelenskyy-10000-1"]),
        ("1", []),
    ]
    # The actor's own table names the figure instead of the actor.
    assert [cell for cell, _ in blocks(site / "actors/volodymyr-zelenskyy.html").tables[0][1]][1] == "North Korean troops planned for Russia"


def test_citation_and_claim_lists_show_data_as_typed_and_link_to_the_quote(site: Path) -> None:
    figure = blocks(site / "figures/nk-troops-planned.html")
    assert figure.items["Citations"] == [
        (
            f"{HEADLINE} (Sample Outlet, 18 Oct 2024): “Pyongyang is preparing to send 10,000 troops” Show in source",
            ["../sources/2024-10-18-sample.html", "../sources/2024-10-18-sample.html#q-zelenskyy-10000-1"],
        )
    ]
    source = blocks(site / "sources/2024-10-18-sample.html")
    claims = source.items["Claims citing this article"]
    assert [text.split(". ")[0] for text, _ in claims] == [
        f"{ACTOR} asserts (North Korean troops planned for Russia): “10,000” (read as 10,000 troops)",
        "Russia denies: Russia dismissed the reports as fake",
    ]
    assert claims[1][1] == [
        "../actors/russia.html",
        "2024-10-18-sample.html#q-russia-denies-1",
        "../claims/russia-denies.html",
        "../claims/russia-denies.cite.html",
    ]


def test_the_source_facts_and_the_figures_an_actor_estimated_show_data_as_typed(site: Path) -> None:
    # Under the title, before any h2 (the site's navigation lists come first).
    facts = [item for item in blocks(site / "sources/2024-10-18-sample.html").items[""] if item[0].startswith(("Headline:", "Outlet:", "Published:"))]
    assert facts == [
        (f"Headline: {HEADLINE}", []),
        ("Outlet: Sample Outlet", ["../actors/sample-outlet.html"]),
        ("Published: 18 Oct 2024, date inferred. Thursday was 17 Oct.", ["../dates/2024-10-18.html"]),
    ]
    page = (site / "sources/2024-10-18-sample.html").read_text(encoding="utf-8")
    assert re.search(r"<li><strong>SHA-256 of the archived text:</strong> <code>[0-9a-f]{64}</code></li>", page)
    estimated = blocks(site / "actors/volodymyr-zelenskyy.html").items["Figures estimated"]
    assert estimated == [
        (
            "North Korean troops planned for Russia: “10,000” (read as 10,000 troops) (17 Oct 2024, date inferred) [1]",
            ["../figures/nk-troops-planned.html", "../dates/2024-10-17.html", "../sources/2024-10-18-sample.html#q-zelenskyy-10000-1"],
        )
    ]
    index = blocks(site / "sources/index.html").tables[0]
    assert index[1] == [
        (HEADLINE, ["2024-10-18-sample.html"]),
        ("Sample Outlet", ["../actors/sample-outlet.html"]),
        ("18 Oct 2024, date inferred", ["../dates/2024-10-18.html"]),
        ("2", []),
    ]


def test_every_link_in_the_blocks_resolves(site: Path) -> None:
    # MkDocs does not check links inside raw HTML; this does, anchors included.
    assert broken_links(site) == []


def test_the_link_check_catches_a_broken_link_in_an_html_block(site: Path, tmp_path: Path) -> None:
    # What strict MkDocs would have caught in a Markdown link, the site check catches in an HTML block.
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "figures/nk-troops-planned.html"
    text = page.read_text(encoding="utf-8")
    good = '<td><a href="../actors/volodymyr-zelenskyy.html">'
    assert text.count(good) == 2  # the estimate table's row and the origins table's
    page.write_text(
        text.replace(
            '<a href="../sources/2024-10-18-sample.html#q-zelenskyy-10000-1">[1]</a></td>\n<td>1</td>',
            '<a href="../sources/2024-10-18-sample.html#q-nobody-1">[1]</a></td>\n<td>1</td>',
        ).replace(good, '<td><a href="../actors/nobody.html">', 1),
        encoding="utf-8",
    )
    assert broken_links(copy) == [
        "figures/nk-troops-planned.html -> ../actors/nobody.html: no such file",
        "figures/nk-troops-planned.html -> ../sources/2024-10-18-sample.html#q-nobody-1: no element with id 'q-nobody-1'",
    ]


def test_search_indexes_the_tables_but_not_the_citations_or_folded_notes(site: Path) -> None:
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    figure = " ".join(d["title"] + " " + d["text"] for d in docs if d["location"].startswith("figures/nk-troops-planned.html"))
    assert "10,000" in figure and "Zelenskyy" in figure
    assert "Show in source" not in figure and "Date inferred" not in figure
    assert not [d["location"] for d in docs if d["location"].endswith("#citations")]
    # Readers still get both.
    page = (site / "figures/nk-troops-planned.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="citations">Citations', page) and '<details class="info">' in page and "Date inferred" in page
    assert "data-search-exclude" not in page


TRICKY = """<!-- <span id="in-a-comment"></span> -->
<script type="application/ld+json">{"x": "<span id='in-a-script'></span>"}</script>
<style id="a-style">p > a { color: red }</style>
<SPAN ID="Upper"></SPAN> <a name="named"></a> <b name="not-an-anchor"></b> <source id> `<span id="in-code">`
<p class="x"
   id="over-two-lines">text</p> <span title="a &amp; b" id="after-a-title"></span> <span data-id="no"></span>
<!-- an unclosed comment <span id="never-seen"></span>
"""


def test_the_hooks_anchor_scan_finds_the_ids_mkdocs_own_scan_finds(site: Path) -> None:
    # The hook has MkDocs' parser read only the tags that can carry an id (briefing_hook.py).
    import importlib.util

    from mkdocs.structure.pages import _RawHTMLPreprocessor

    spec = importlib.util.spec_from_file_location("briefing_hook_under_test", REPO / "hooks/briefing_hook.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook._scan_only_tags_with_anchors()
    scan = _RawHTMLPreprocessor()
    assert _RawHTMLPreprocessor.run is not _RawHTMLPreprocessor.mkdocs_run

    def both(text: str) -> tuple[set[str], set[str]]:
        lines = text.split("\n")
        assert scan.run(lines) is lines
        ours = scan.present_anchor_ids
        _RawHTMLPreprocessor.mkdocs_run(scan, lines)
        return ours, scan.present_anchor_ids

    ours, theirs = both(TRICKY)
    assert ours == theirs == {"a-style", "Upper", "named", None, "in-code", "over-two-lines", "after-a-title"}
    pages = sorted((site.parent / "briefings").rglob("*.md"))
    assert len(pages) > 20
    found: set[str] = set()
    for page in pages:
        ours, theirs = both(page.read_text(encoding="utf-8"))
        assert ours == theirs, page
        found |= ours
    assert {"c-zelenskyy-10000", "q-zelenskyy-10000-1"} <= found
