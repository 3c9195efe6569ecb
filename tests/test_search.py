"""Which search `briefing build` builds, and the Pagefind step inside the staged build.

The browser side (Pagefind over http, Material's index from the zip on file://) is in test_browser.py.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import Project

from generator.errors import BriefingError
from generator.search import PAGEFIND_FROM_CLAIMS, choose


def test_auto_picks_pagefind_from_the_documented_number_of_claims() -> None:
    assert PAGEFIND_FROM_CLAIMS == 5_000  # README and BENCHMARKS.md give this number
    assert choose("auto", PAGEFIND_FROM_CLAIMS - 1) == "material"
    assert choose("auto", PAGEFIND_FROM_CLAIMS) == "pagefind"
    assert choose("material", 100_000) == "material"
    assert choose("pagefind", 2) == "pagefind"
    with pytest.raises(BriefingError, match=r"^unknown search engine 'lunr'\. Hint: use one of auto, material, pagefind\.$"):
        choose("lunr", 2)


def _index_docs(site: Path) -> list[dict[str, object]]:
    docs: list[dict[str, object]] = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    return docs


def test_auto_builds_material_search_for_a_small_corpus(site_project: Project) -> None:
    result = site_project.run("build")
    assert result.exit_code == 0, result.output
    assert "Search: Material's index (Pagefind from 5,000 claims with --search auto, or with --search pagefind)." in result.stdout.splitlines()
    site = site_project.path("site")
    assert not (site / "pagefind").exists()
    assert any(doc["location"] == "actors/kyrylo-budanov.html" for doc in _index_docs(site))
    page = (site / "actors/kyrylo-budanov.html").read_text(encoding="utf-8")
    assert "data-pagefind" not in page and "pagefind-worker.js" not in page


def _fake_pagefind(folder: Path) -> Path:
    """A `pagefind` module that fails as a broken install would, put ahead of the real one through PYTHONPATH."""
    (folder / "pagefind").mkdir(parents=True)
    (folder / "pagefind/__init__.py").write_text("", encoding="utf-8")
    (folder / "pagefind/__main__.py").write_text("import sys\nprint('Error: could not read the site', file=sys.stderr)\nsys.exit(3)\n", encoding="utf-8")
    return folder


def test_pagefind_runs_inside_the_staged_build_and_a_failure_leaves_the_site(site_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = site_project.run("build", "--search", "pagefind")
    assert result.exit_code == 0, result.output
    assert "Search: Pagefind for readers over http(s) (site/pagefind/); Material's index from a folder or the zip." in result.stdout.splitlines()
    site = site_project.path("site")
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] > 0
    # Over http(s) Material fetches search_index.json: only its configuration is left. From a
    # folder it loads search_index.js, which keeps every page.
    assert _index_docs(site) == []
    assert '"location":"actors/kyrylo-budanov.html"' in (site / "search/search_index.js").read_text(encoding="utf-8").replace(" ", "")
    actor = (site / "actors/kyrylo-budanov.html").read_text(encoding="utf-8")
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in actor
    assert '<p data-pagefind-weight="10"><strong>Also written as:</strong> Kyrylyo Budanov</p>' in actor
    figure = (site / "figures/nk-troops-planned.html").read_text(encoding="utf-8")
    assert '<div data-pagefind-ignore><h2 id="citations"' in figure
    assert '<details class="info" data-pagefind-ignore>' in figure  # Material drops data-search-exclude once indexed
    # A page Material's index leaves out is left out of Pagefind's too.
    day = next((site / "dates").glob("2024-*-*.html")).read_text(encoding="utf-8")
    assert "data-pagefind-body" not in day

    archive = tmp_path / "briefing.zip"
    assert site_project.run("build", "--search", "pagefind", "--zip", str(archive)).exit_code == 0
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
    assert "site/search/search_index.js" in names and "site/assets/search/pagefind-worker.js" in names
    assert not [name for name in names if name.startswith("site/pagefind/")]

    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    site_project.edit("data/actors/kyrylo-budanov.yml", "aliases: [Kyrylyo Budanov]", "aliases: [Kyrylyo Budanov, Budanow]")
    monkeypatch.setenv("PYTHONPATH", str(_fake_pagefind(tmp_path / "fake")))
    failed = site_project.run("build", "--search", "pagefind")
    assert failed.exit_code == 1
    assert "Error: pagefind failed (exit 3); site/ is unchanged.\nError: could not read the site" in failed.output
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert "Budanow" not in site_project.path("briefings/actors/kyrylo-budanov.md").read_text(encoding="utf-8")
    assert not site_project.path(".briefing-staging").exists()
