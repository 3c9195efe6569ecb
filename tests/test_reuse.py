"""Reusing the site: each figure's downloads, chart files, embed page and "Cite this", and the data licence.

Checked on the built seed site, with the formats' own parsers: BibTeX with bibtexparser, CSL-JSON
against the Citation Style Language's schema (vendored in tests/vendor/csl, MIT).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import struct
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from generator.errors import ValidationFailed
from generator.site.reuse import Citation
from generator.story.feeds import settings

CSL_SCHEMA = json.loads((Path(__file__).parent / "vendor/csl/csl-data.json").read_text(encoding="utf-8"))
FIGURE = "nk-troops-in-russia"
CLAIM = "budanov-2600-to-kursk"


def _code_blocks(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<div class="reuse-code"><pre><code>(.*?)</code></pre></div>', page, re.S)]


def _bibtex(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return library


def test_figure_page_offers_downloads_embed_and_licence(site_dir: Path) -> None:
    page = (site_dir / f"figures/{FIGURE}.html").read_text(encoding="utf-8")
    section = page[page.index('id="reuse-this-figure"') :]
    for href in (f"{FIGURE}.csv", f"{FIGURE}.json", f"{FIGURE}.svg", f"{FIGURE}.png", f"../embed/{FIGURE}.html"):
        assert f'href="{href}"' in section, href
        assert (site_dir / "figures" / href).resolve().is_file(), href
    assert 'The data is shared under <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in section
    iframe = _code_blocks(page)[0]
    assert iframe.startswith(
        f'<iframe src="https://briefing.example/embed/{FIGURE}.html" title="North Korean troops in Russia (Briefing: North Korean troops in Russia)"'
    )


def test_figure_csv_and_json_hold_its_estimates(site_dir: Path, corpus_site: Path) -> None:
    everything = list(csv.DictReader(io.StringIO((site_dir / "downloads/claims.csv").read_text(encoding="utf-8"))))
    rows = list(csv.DictReader(io.StringIO((site_dir / f"figures/{FIGURE}.csv").read_text(encoding="utf-8"))))
    key = lambda r: (r["claim_id"], r["citation"])  # noqa: E731 - the figure's file lists its estimates oldest first
    assert sorted(rows, key=key) == sorted((r for r in everything if r["figure_id"] == FIGURE), key=key)
    assert rows, "the figure has estimates"
    data = json.loads((site_dir / f"figures/{FIGURE}.json").read_text(encoding="utf-8"))
    assert data["figure"]["label"] == "North Korean troops in Russia"
    assert data["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert data["page"] == f"https://briefing.example/figures/{FIGURE}.html"
    assert data["data_as_of"] is None  # the test copy has no Git history
    assert sorted(c["id"] for c in data["claims"]) == sorted({r["claim_id"] for r in rows})


def test_chart_png_is_the_wide_chart_at_twice_its_size(site_dir: Path) -> None:
    png = (site_dir / f"figures/{FIGURE}.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    svg = (site_dir / f"figures/{FIGURE}.svg").read_text(encoding="utf-8")
    m = re.search(r'<svg[^>]*?\swidth="([0-9.]+)"[^>]*?\sheight="([0-9.]+)"', svg)
    assert m is not None
    assert (width, height) == (round(float(m.group(1)) * 2), round(float(m.group(2)) * 2))


def test_chart_img_carries_its_size(site_dir: Path) -> None:
    page = (site_dir / f"figures/{FIGURE}.html").read_text(encoding="utf-8")
    img = re.search(rf'<img src="{FIGURE}.svg" width="(\d+)" height="(\d+)"', page)
    assert img is not None, "the chart's <img> has no width and height"


def test_embed_page_is_static_and_credits_its_source(site_dir: Path) -> None:
    page = (site_dir / f"embed/{FIGURE}.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert re.findall(r'\s(?:src|srcset)="([^"]+)"', page) == [f"../figures/{FIGURE}-narrow.svg", f"../figures/{FIGURE}.svg"]
    assert '<h1><a href="../figures/nk-troops-in-russia.html" target="_top">North Korean troops in Russia</a></h1>' in page
    assert "<p>Latest estimate: " in page
    assert 'Licence: <a href="https://creativecommons.org/licenses/by/4.0/" rel="license" target="_top">CC BY 4.0</a>' in page
    # A figure with too few estimates for a chart shows its numbers with their quotes instead.
    numbers = (site_dir / "embed/nk-active-troops.html").read_text(encoding="utf-8")
    assert "<img" not in numbers
    assert '<span class="number">“around 1.28 million”</span>read as about 1.28 million troops' in numbers
    assert "“North Korea maintains around 1.28 million active troops" in numbers


def test_figure_citation_parses_as_bibtex_and_csl_json(site_dir: Path) -> None:
    page = (site_dir / f"figures/{FIGURE}.html").read_text(encoding="utf-8")
    _, text, bibtex, csl = _code_blocks(page)
    # The test copy of the project has no Git history, so the date its data last changed is unknown, and says so.
    assert text == (
        "Briefing editors. “North Korean troops in Russia: every estimate”. Briefing: North Korean troops in Russia. "
        f"Data-as-of date unknown (built without Git history). https://briefing.example/figures/{FIGURE}.html. Licence: CC BY 4.0."
    )
    (entry,) = _bibtex(bibtex).entries
    assert entry.entry_type == "misc"
    assert entry.key == f"briefing-figure-{FIGURE}"
    assert entry["title"] == "North Korean troops in Russia: every estimate"
    assert entry["url"] == f"https://briefing.example/figures/{FIGURE}.html"
    assert entry["note"] == "Data-as-of date unknown. Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    items = json.loads(csl)
    jsonschema.validate(items, CSL_SCHEMA)
    assert items[0]["URL"] == entry["url"]


def test_citation_with_a_data_as_of_date() -> None:
    cite = Citation(
        key="briefing-figure-x", title="X: every estimate", creator="Desk", container="Site", url="https://a.example/figures/x.html",
        as_of="2025-01-14", licence="CC BY 4.0", licence_url="https://creativecommons.org/licenses/by/4.0/",
    )  # fmt: skip
    assert cite.text() == "Desk. “X: every estimate”. Site. Data as of 14 Jan 2025. https://a.example/figures/x.html. Licence: CC BY 4.0."
    (entry,) = _bibtex(cite.bibtex()).entries
    assert (entry["year"], entry["month"], entry["date"]) == ("2025", "jan", "2025-01-14")
    assert entry["note"] == "Data as of 2025-01-14. Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    jsonschema.validate([cite.csl()], CSL_SCHEMA)
    assert cite.csl()["issued"] == {"date-parts": [[2025, 1, 14]]}


def test_claim_citation_page(site_dir: Path) -> None:
    figure_page = (site_dir / "figures/nk-troops-kursk-first-batch.html").read_text(encoding="utf-8")
    assert f'<a href="../claims/{CLAIM}.cite.html" title="Cite this claim: plain text, BibTeX, CSL-JSON">cite</a>' in figure_page
    page = (site_dir / f"claims/{CLAIM}.cite.html").read_text(encoding="utf-8")
    text, bibtex, csl = (html.unescape(b) for b in re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S))
    assert text.startswith(
        "Briefing editors. “Kyrylo Budanov asserts ‘2,600’ (First batch of North Korean troops for the Kursk region)”. Briefing: North Korean"
    )
    assert f"https://briefing.example/claims/{CLAIM}.html" in text
    (entry,) = _bibtex(bibtex).entries
    assert entry["url"] == f"https://briefing.example/claims/{CLAIM}.html"
    assert entry["note"].startswith("As reported in “")
    jsonschema.validate(json.loads(csl), CSL_SCHEMA)
    assert f'<a href="{CLAIM}.html">See the claim with its quotes</a>' in page


HOSTILE = ["}", "{", "\\", "%", "@misc{evil, title={x}}", "a } b { c", "$x^2$ & #1 _y ~z", "\\input{/etc/passwd}", "line\nbreak", "\u202ereversed"]


@pytest.mark.parametrize("words", HOSTILE)
def test_bibtex_keeps_any_string_inside_its_field(words: str) -> None:
    cite = Citation(key="briefing-claim-x", title=f"A {words} B", creator=words, container=words, url=None, as_of="2024-10-18", licence=words, licence_url=None)
    library = _bibtex(cite.bibtex())
    (entry,) = library.entries
    assert entry.key == "briefing-claim-x"
    assert sorted(entry.fields_dict) == ["author", "date", "howpublished", "month", "note", "title", "year"]
    assert "\\input{" not in entry["title"]
    jsonschema.validate([cite.csl()], CSL_SCHEMA)


def test_downloads_page_shows_the_licence(site_dir: Path) -> None:
    page = (site_dir / "downloads/index.html").read_text(encoding="utf-8")
    assert 'The data is shared under <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in page
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    dataset = ld["@graph"][0]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["creator"] == {"@type": "Organization", "name": "Briefing editors"}
    assert dataset["temporalCoverage"] == "2024-10/2024-11-18"
    assert dataset["url"] == "https://briefing.example/downloads/index.html"


def test_figure_jsonld_dataset_points_at_its_own_downloads(site_dir: Path) -> None:
    page = (site_dir / f"figures/{FIGURE}.html").read_text(encoding="utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    dataset = ld["@graph"][0]
    assert [d["contentUrl"] for d in dataset["distribution"]] == [f"https://briefing.example/figures/{FIGURE}.{x}" for x in ("json", "csv")]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["temporalCoverage"] == "2024-10-17/2024-11"


@pytest.mark.parametrize(
    ("licence", "message"),
    [
        ('  data_licence: "CC BY 4.0"\n', "mkdocs.yml:3:17: extra.data_licence: expected a mapping with name and url."),
        ("  data_licence:\n    url: https://x.example/\n", "mkdocs.yml:3:3: extra.data_licence: name is missing."),
        (
            "  data_licence:\n    name: X\n    url: javascript:alert(1)\n",
            'mkdocs.yml:5:10: extra.data_licence.url: "javascript:alert(1)" is not an http(s) address.',
        ),
    ],
)
def test_licence_settings_are_checked(tmp_path: Path, licence: str, message: str) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nextra:\n" + licence + "  feed_id: {authority: x.example, date: '2024-01-01'}\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        settings(tmp_path)
    assert [p.format() for p in failed.value.problems][0].startswith(message)
