"""`briefing generate` and `briefing build`: what is written, what is kept, and the built site."""

from __future__ import annotations

import hashlib
import html as html_module
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, Project
from sitecheck import broken_links

from generator.project import GENERATED_DIRS

CLAIM = "data/claims/zelenskyy-10000.yml"


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with the hash of its bytes."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def generate(project: Project) -> list[str]:
    result = project.run("generate")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_every_claim_appears_on_its_actor_figure_date_and_source_pages(site_project: Project) -> None:
    generate(site_project)
    docs = site_project.path("briefings")
    expectations = {
        "zelenskyy-10000": ["actors/volodymyr-zelenskyy.md", "figures/nk-troops-planned.md", "dates/2024-10-17.md", "sources/2024-10-18-sample.md"],
        "russia-denies": ["actors/russia.md", "dates/2024-10-18.md", "sources/2024-10-18-sample.md"],
    }
    for claim_id, pages in expectations.items():
        for page in pages:
            text = (docs / page).read_text(encoding="utf-8")
            # A Markdown link, or an <a> in the HTML blocks that tables and lists are written as.
            assert f"#q-{claim_id}-1)" in text or f'#q-{claim_id}-1">' in text, f"{claim_id} has no citation on {page}"


def test_generate_summary_and_counts(site_project: Project) -> None:
    # The pages, the Corrections page, the methodology page's hedge lexicon, 2 claims' permanent addresses, and 7 feeds (the site, 1 figure, 5 actors).
    assert generate(site_project) == ["2 claims, 5 actors, 1 figure, 1 source: pages 37 written, 0 unchanged, 0 removed"]
    # Nothing changed: nothing is rendered; every page is read back, checked against .briefing-cache/.
    assert generate(site_project) == [
        "2 claims, 5 actors, 1 figure, 1 source: pages 0 written, 37 unchanged, 0 removed",
        "Rendered 0 of 35 files; the rest cannot have changed since the last run (.briefing-cache/).",
    ]
    result = site_project.run("generate", "--no-cache")
    assert result.stdout.splitlines() == ["2 claims, 5 actors, 1 figure, 1 source: pages 0 written, 37 unchanged, 0 removed"]


def test_generate_without_changes_touches_nothing(site_project: Project) -> None:
    """Not even the manifest: the live preview watches briefings/, and any write there would rebuild and reload forever."""
    generate(site_project)
    docs = site_project.path("briefings")

    def state() -> dict[str, tuple[int, int]]:
        return {p.relative_to(docs).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino) for p in [docs, *docs.rglob("*")]}

    before = state()
    generate(site_project)
    assert state() == before


def test_same_input_gives_byte_identical_markdown(site_project: Project, tmp_path: Path) -> None:
    generate(site_project)
    first = tree(site_project.path("briefings"))
    for rel in first:
        if rel.split("/")[0] in GENERATED_DIRS:
            site_project.path("briefings").joinpath(rel).unlink()
    generate(site_project)
    assert tree(site_project.path("briefings")) == first


def test_one_changed_claim_rewrites_only_the_pages_that_show_it(site_project: Project) -> None:
    generate(site_project)
    docs = site_project.path("briefings")
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    site_project.edit(CLAIM, "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")
    assert generate(site_project) == [
        "2 claims, 5 actors, 1 figure, 1 source: pages 9 written, 28 unchanged, 0 removed",
        "Rendered 27 of 35 files; the rest cannot have changed since the last run (.briefing-cache/).",
    ]
    changed = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and before.get(p) != p.stat().st_mtime_ns)
    assert changed == [
        "actors/volodymyr-zelenskyy.md",
        "dates/2024-10-17.md",
        # Made on 17 Oct, reported in the article of 18 Oct: that day's page lists it as reported.
        "dates/2024-10-18.md",
        "downloads/claims.csv",
        "downloads/claims.json",
        "figures/nk-troops-planned.csv",
        "figures/nk-troops-planned.json",
        "figures/nk-troops-planned.md",
        "sources/2024-10-18-sample.md",
    ]


def test_an_actor_edit_renders_every_page_and_the_cache_keeps_no_copy_of_the_data(site_project: Project) -> None:
    generate(site_project)
    pickle = site_project.path(".briefing-cache/render.pickle").read_bytes()
    # Only digests of the records: no statement, quote or archived text is copied into the cache.
    assert b"Pyongyang is preparing" not in pickle and "Pyongyang is preparing".encode("utf-16-le") not in pickle
    site_project.edit("data/actors/russia.yml", "name: Russia", "name: Russian Federation")
    # An actor's name can show on any page: nothing is taken from the cache, so no "Rendered" line.
    lines = generate(site_project)
    assert lines[0].startswith("2 claims, 5 actors, 1 figure, 1 source: pages ") and len(lines) == 1
    # The source page names the actor without showing any edited claim.
    assert "Russian Federation" in site_project.path("briefings/sources/2024-10-18-sample.md").read_text(encoding="utf-8")


def test_stale_generated_pages_are_removed(site_project: Project) -> None:
    generate(site_project)
    site_project.path("data/claims/russia-denies.yml").unlink()
    site_project.path("data/actors/russia.yml").unlink()
    lines = generate(site_project)
    assert lines == ["1 claim, 4 actors, 1 figure, 1 source: pages 14 written, 19 unchanged, 4 removed"]
    assert not site_project.path("briefings/actors/russia.md").exists()


def test_an_actors_feed_goes_from_briefings_and_the_site_when_the_actor_has_no_claim_left(site_project: Project) -> None:
    """A feed the last build wrote is removed with the actor's last claim, from briefings/ and the built site; a file an
    editor put beside the feeds stays."""
    assert site_project.run("build").exit_code == 0
    feed = "feeds/actors/russia.xml"
    assert site_project.path(f"briefings/{feed}").is_file() and site_project.path(f"site/{feed}").is_file()
    site_project.write("briefings/feeds/actors/desk-notes.xml", "<notes>kept by the desk</notes>\n")
    site_project.path("data/claims/russia-denies.yml").unlink()
    result = site_project.run("build")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 claim, 5 actors, 1 figure, 1 source: pages ")
    assert not site_project.path(f"briefings/{feed}").exists() and not site_project.path(f"site/{feed}").exists()
    assert feed not in json.loads(site_project.path("briefings/.briefing-manifest.json").read_text())["files"]
    assert "feeds/actors/russia.xml" not in site_project.path("site/actors/russia.html").read_text(encoding="utf-8")
    for where in ("briefings", "site"):
        assert site_project.path(f"{where}/feeds/actors/desk-notes.xml").read_text() == "<notes>kept by the desk</notes>\n"


def test_hand_written_pages_are_never_overwritten_or_deleted(site_project: Project) -> None:
    generate(site_project)
    notes = site_project.path("briefings/actors/editors-notes.md")
    notes.write_text("# Notes\n")
    generate(site_project)
    assert notes.read_text() == "# Notes\n"
    assert site_project.path("briefings/index.md").read_text() == (REPO / "briefings/index.md").read_text()


def test_refuses_to_overwrite_a_file_it_did_not_write(site_project: Project) -> None:
    generate(site_project)
    manifest = site_project.path("briefings/.briefing-manifest.json")
    files = json.loads(manifest.read_text())["files"]
    manifest.write_text(json.dumps({"files": [f for f in files if f != "actors/russia.md"]}))
    site_project.path("briefings/actors/russia.md").write_text("# Russia, by hand\n")
    site_project.edit("data/actors/russia.yml", "name: Russia", "name: Russian Federation")
    before = tree(site_project.path("briefings"))
    result = site_project.run("generate")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: refusing to overwrite 1 file(s) the generator did not write: briefings/actors/russia.md. "
        "Hint: move hand-written pages out of the generated folders (actors, figures, dates, sources, downloads, _generated, corrections, feeds, claims, embed).\n"
    )
    assert tree(site_project.path("briefings")) == before


def test_failed_validation_changes_nothing_in_briefings_or_site(site_project: Project) -> None:
    result = site_project.run("build")
    assert result.exit_code == 0, result.output
    before = (tree(site_project.path("briefings")), tree(site_project.path("site")))
    site_project.edit(CLAIM, "actor: volodymyr-zelenskyy", "actr: volodymyr-zelenskyy")
    result = site_project.run("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Found 2 errors in 1 file. Nothing was written."
    assert (tree(site_project.path("briefings")), tree(site_project.path("site"))) == before


def test_failed_mkdocs_build_keeps_the_previous_site(site_project: Project) -> None:
    assert site_project.run("build").exit_code == 0
    before = tree(site_project.path("site"))
    site_project.write("briefings/reading.md", "# Reading\n\n[broken](nowhere.md)\n")
    result = site_project.run("build")
    assert result.exit_code == 1
    assert "mkdocs build --strict failed; site/ is unchanged." in result.stderr
    assert "nowhere.md" in result.stderr
    # Material's end-of-life notice is silenced: the MkDocs output shown is only the real problem.
    assert "end of life" not in result.stderr
    assert tree(site_project.path("site")) == before


GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = [
    "actors/volodymyr-zelenskyy.md",
    "actors/index.md",
    "figures/nk-troops-planned.md",
    "figures/index.md",
    "sources/2024-10-18-sample.md",
    "sources/index.md",
    "dates/2024-10-17.md",
    "dates/2024-10.md",
    "dates/index.md",
    "downloads/index.md",
    "downloads/claims.csv",
    "downloads/claims.json",
    "_generated/home.md",
]


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_golden_page(site_project: Project, page: str, request: pytest.FixtureRequest) -> None:
    generate(site_project)
    actual = site_project.path("briefings").joinpath(page).read_text(encoding="utf-8")
    golden = GOLDEN / page
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), f"{page} differs from tests/golden/{page}; run pytest --update-goldens and review the diff"


def test_real_corpus_site_links_and_anchors_resolve(corpus_site: Path) -> None:
    # The only addresses off the site are the archived articles' own (a source's url, and its
    # links to a quote in the original with a text fragment), as data/sources/ records them.
    urls = {yaml.safe_load(p.read_text(encoding="utf-8"))["url"] for p in (corpus_site / "data/sources").glob("*.yml")} - {None}
    assert len(urls) == 4
    external = re.compile(r" -> (?P<url>https?://[^#\s]+)(?:#:~:text=\S+)?: external address$")
    assert [p for p in broken_links(corpus_site / "site") if not ((m := external.search(p)) and m.group("url") in urls)] == []


def visible_text(path: Path) -> str:
    """A built page's text as a reader sees it: tags dropped, entities read, spaces collapsed."""
    page = path.read_text(encoding="utf-8")
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_real_corpus_notes_read_as_sentences(corpus_site: Path) -> None:
    """Statements and notes follow one another in the folded block: each segment ends as a sentence does."""
    text = visible_text(corpus_site / "site/figures/nk-troops-in-russia.html")
    assert ("in an article published on 17 Nov 2024 (a date the editors inferred); no day is given. Curator's note: Kept apart from ") in text
    segment = re.compile(r"(\S+)\s+(?:Date inferred|Date note|As of|Bounds|Curator's note|Note):\s")
    seen = 0
    for page in sorted((corpus_site / "site/figures").glob("*.html")):
        for before in segment.findall(visible_text(page)):
            seen += 1
            assert before.rstrip("\"'”’»)]")[-1:] in (".", "!", "?", "…", ":"), f"{page.name}: a segment ends without punctuation: …{before}"
    assert seen > 40  # the seed figures carry dozens of notes


def test_real_corpus_every_claim_on_its_four_pages(corpus_site: Path) -> None:
    site = corpus_site / "site"
    claims = json.loads((site / "downloads/claims.json").read_text())["claims"]
    assert len(claims) == len(list((REPO / "data/claims").glob("*.yml")))
    for claim in claims:
        anchor = f"#q-{claim['id']}-1"
        pages = [f"actors/{claim['actor']['id']}.html", f"sources/{claim['citations'][0]['source']}.html"]
        if claim["figure"]:
            pages.append(f"figures/{claim['figure']}.html")
        for page in pages:
            html = (site / page).read_text(encoding="utf-8")
            assert anchor in html or f'id="q-{claim["id"]}-1"' in html, f"{claim['id']} missing from {page}"
    dated = "".join(p.read_text(encoding="utf-8") for p in (site / "dates").glob("*.html") if p.name != "index.html")
    missing = [c["id"] for c in claims if f"#q-{c['id']}-" not in dated]
    assert missing == []


def test_real_corpus_site_never_references_the_network(corpus_site: Path) -> None:
    for page in (corpus_site / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for needle in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "cdnjs"):
            assert needle not in text, f"{page.name} references {needle}"


class _Markup(HTMLParser):
    """Collects what a browser would act on: event handlers, script URLs and inline scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


def live_markup(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    return parser.found


HOSTILE = "</title><script>alert(1)</script> [x](javascript:alert(2)) {: onclick=alert(3)} <img src=x onerror=alert(4)> AT&T"


def test_hostile_name_is_shown_as_text_on_every_page(site_project: Project) -> None:
    site_project.edit("data/actors/russia.yml", "name: Russia", f"name: {json.dumps(HOSTILE)}")
    result = site_project.run("build")
    assert result.exit_code == 0, result.output
    site = site_project.path("site")
    for page in site.rglob("*.html"):
        assert live_markup(page.read_text(encoding="utf-8")) == [], page.relative_to(site)
    actor = (site / "actors/russia.html").read_text(encoding="utf-8")
    assert (
        "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(2)) {: onclick=alert(3)} &lt;img src=x onerror=alert(4)&gt; AT&amp;T - "
        in actor
    )


def test_build_packs_an_offline_zip_that_opens_without_a_server(site_project: Project, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "briefing.zip"
    result = site_project.run("build", "--zip", str(archive))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"Offline edition packed into {archive}"
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        bundle.extractall(tmp_path / "unzipped")
    assert "site/index.html" in names and "site/search/search_index.js" in names
    assert broken_links(tmp_path / "unzipped" / "site") == []


def test_a_failed_zip_leaves_the_previous_one_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The zip is streamed into a temporary file that replaces the archive only once complete."""
    import shutil
    import zipfile

    from generator import pipeline

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>\n", encoding="utf-8")
    (site / "assets" / "big.bin").write_bytes(bytes(range(256)) * 20_000)  # 5 MB, copied in pieces
    archive = tmp_path / "out" / "briefing.zip"
    pipeline.zip_site(site, archive)
    first = archive.read_bytes()
    pipeline.zip_site(site, archive)
    assert archive.read_bytes() == first  # the same site gives the same bytes
    with zipfile.ZipFile(archive) as bundle:
        assert bundle.namelist() == ["site/assets/big.bin", "site/index.html"]
        assert bundle.read("site/assets/big.bin") == (site / "assets" / "big.bin").read_bytes()

    copies = []
    copy = shutil.copyfileobj

    def failing_copy(source: Any, target: Any, length: int = 0) -> None:
        copies.append(source)
        if len(copies) == 2:
            raise OSError(28, "No space left on device")
        copy(source, target, length)

    (site / "index.html").write_text("<p>changed</p>\n", encoding="utf-8")
    monkeypatch.setattr(shutil, "copyfileobj", failing_copy)
    with pytest.raises(OSError, match="No space left"):
        pipeline.zip_site(site, archive)
    assert archive.read_bytes() == first
    assert sorted(p.name for p in archive.parent.iterdir()) == ["briefing.zip"]


def test_source_with_url_links_to_the_quote_in_the_original(site_project: Project) -> None:
    site_project.edit("data/sources/2024-10-18-sample.yml", "url: null", 'url: "https://example.org/news/troops?id=1&lang=en"')
    generate(site_project)
    page = site_project.path("briefings/sources/2024-10-18-sample.md").read_text(encoding="utf-8")
    assert '<a href="https://example.org/news/troops?id=1&amp;lang=en">' in page
    assert (
        '<a href="https://example.org/news/troops?id=1&amp;lang=en#:~:text=Pyongyang%20is%20preparing%20to%20send%2010%2C000%20troops">Open quote in the original</a>'
        in page
    )


def test_live_preview_follows_a_page_kind_added_to_the_plan(site_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new page kind that declares the claims it shows is re-rendered by the live preview after a claim edit, as generate would."""
    from generator.cli import reference_pages
    from generator.live import LiveSite
    from generator.site.pages import Planned, Site, ids

    plan = Site.plan

    def with_statements(site: Site) -> dict[str, Planned]:
        claims = site.index.by_figure["nk-troops-planned"]
        page = lambda: "".join(f"- {c.id}: {c.statement}\n" for c in claims)  # noqa: E731
        return {**plan(site), "figures/nk-troops-planned-statements.md": Planned(page, ids(claims))}

    monkeypatch.setattr(Site, "plan", with_statements)
    live = LiveSite(site_project.root, reference_pages())
    live.regenerate()
    added = site_project.path("briefings/figures/nk-troops-planned-statements.md")
    assert "zelenskyy-10000: Pyongyang is preparing" in added.read_text(encoding="utf-8")
    site_project.edit(CLAIM, "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")
    live.regenerate()
    assert "zelenskyy-10000: Pyongyang is getting ready" in added.read_text(encoding="utf-8")
    # Its actor, source, day, month and figure pages (one estimate: no chart), the day it was reported, the timeline
    # strip at both sizes, the five indexes, home, two downloads, and the new page; the Corrections page, the feeds
    # of the site, the figure and the actor, and the claim's permanent address.
    assert live.rendered == 28
    incremental = tree(site_project.path("briefings"))
    generate(site_project)
    assert tree(site_project.path("briefings")) == incremental


def test_live_preview_with_a_watch_rereads_what_changed_and_reports_errors_as_validate_does(site_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Told which files changed (by the preview's watcher), the live preview re-reads and re-checks just those: the result
    equals a full generate, a new file, a removed one and an edited archived text are all seen, with validate's messages."""
    from generator.cli import reference_pages
    from generator.errors import ValidationFailed
    from generator.live import LiveSite

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1730000000")
    live = LiveSite(site_project.root.resolve(), reference_pages())
    live.regenerate(None)  # nothing known: every file is read
    claim = site_project.path(CLAIM).resolve()
    site_project.edit(CLAIM, "statement: Pyongyang is preparing", "statement: Pyongyang is getting ready")
    live.regenerate(frozenset({claim}))
    assert "Pyongyang is getting ready to send" in site_project.path("briefings/sources/2024-10-18-sample.md").read_text(encoding="utf-8")
    incremental = tree(site_project.path("briefings"))
    generate(site_project)
    assert tree(site_project.path("briefings")) == incremental

    # A new claim citing an unknown actor, in a folder whose listing was cached: reported as validate reports it.
    added = site_project.path("data/claims/zelenskyy-copy.yml")
    added.write_text(
        claim.read_text(encoding="utf-8")
        .replace("id: zelenskyy-10000", "id: zelenskyy-copy")
        .replace("actor: volodymyr-zelenskyy", "actor: volodymyr-zelensky"),
        encoding="utf-8",
    )
    with pytest.raises(ValidationFailed) as failed:
        live.regenerate(frozenset({added.resolve()}))
    assert [p.format() for p in failed.value.problems] == [p for p in validate_output(site_project) if p.startswith("data/")]
    assert any('data/claims/zelenskyy-copy.yml:3:8: unknown actor "volodymyr-zelensky".' in p.format() for p in failed.value.problems)
    added.unlink()
    live.regenerate(frozenset({added.resolve()}))
    assert tree(site_project.path("briefings")) == incremental

    # The archived text changes under an unchanged claim: its quote is looked for again (and the hash checked).
    text = site_project.path("data/sources/2024-10-18-sample.txt")
    text.write_text(text.read_text(encoding="utf-8").replace("Pyongyang is preparing", "Pyongyang is readying"), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        live.regenerate(frozenset({text.resolve()}))
    messages = [p.format() for p in failed.value.problems]
    assert messages == [p for p in validate_output(site_project) if p.startswith("data/")]
    assert any(m.startswith("data/claims/zelenskyy-10000.yml:17:12: quote not found in data/sources/2024-10-18-sample.txt.") for m in messages), messages


def validate_output(project: Project) -> list[str]:
    result = project.run("validate")
    assert result.exit_code != 0
    return [line for line in result.output.splitlines() if line.startswith("data/")]
