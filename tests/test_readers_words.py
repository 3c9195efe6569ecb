"""Reader pages speak the readers' language: no field names, schema codes or ISO codes; dates
marked "date inferred"; no nested parentheses; headers that say what a column holds. And feeds
that open as pages, carry an outlet's relays marked as relayed, are offered only where a claim
can reach them, and end their summaries cleanly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import feedparser
from click.testing import CliRunner
from conftest import FIXTURES, copy_site_files
from test_follow import commit, git
from test_generate import visible_text

from generator.cli import main
from generator.story.feeds import entry_words

READER_SECTIONS = ("actors", "figures", "dates", "sources", "downloads", "corrections")


def words(page: Path) -> str:
    """A page's visible text, without the spaces the tag-stripping leaves before punctuation and inside parentheses."""
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:)\]])", r"\1", visible_text(page)))


def _reader_pages(site: Path) -> list[Path]:
    return [p for section in READER_SECTIONS for p in sorted((site / section).glob("*.html"))] + [site / "index.html"]


def test_no_field_name_or_code_on_reader_pages(site_dir: Path) -> None:
    found = []
    for page in _reader_pages(site_dir):
        text = visible_text(page)
        for pattern in (r"\bas_of\b", r"claimed_on", r"anonymous-group", r"Country: [A-Z]{2}\b", r"Language: [a-z]{2}\b", r"Kind: [a-z]+-[a-z]+"):
            if re.search(pattern, text) and not page.name == "index.html" == page.parent.name:
                found.append(f"{page.relative_to(site_dir)}: {pattern}")
    # The Downloads page documents the CSV's columns by name, on purpose.
    assert [f for f in found if not f.startswith("downloads/")] == []


def test_actor_and_source_pages_name_kinds_countries_and_languages(site_dir: Path) -> None:
    german = words(site_dir / "actors/german-officials.html")
    assert "Kind: unnamed officials or sources · Country: Germany · Part of: Germany" in german
    assert "Country: Germany" in german
    assert "Language: English" in visible_text(next((site_dir / "sources").glob("2024-*.html")))


def test_inferred_dates_say_what_was_inferred(site_dir: Path) -> None:
    bare = [p.relative_to(site_dir).as_posix() for p in _reader_pages(site_dir) if "(inferred)" in visible_text(p)]
    assert bare == []
    assert "via Bloomberg, Nov 2024, date inferred [1]; read as" in words(site_dir / "figures/nk-troops-in-russia.html")


def test_no_nested_parentheses_in_the_answers(site_dir: Path) -> None:
    for page in (site_dir / "figures/nk-troops-in-russia.html", site_dir / "index.html", site_dir / "embed/nk-troops-in-russia.html"):
        text = visible_text(page)
        assert not re.search(r"\([^()]*\([^()]*\)[^()]*\)", text.split("Citations")[0]), page.name
    assert "The lowest reading is “as many as 1,500” (National Intelligence Service, South Korea), the highest" in words(
        site_dir / "figures/nk-troops-in-russia.html"
    )


def test_headers_and_headings_say_what_they_hold(site_dir: Path) -> None:
    index = (site_dir / "figures/index.html").read_text(encoding="utf-8")
    assert "<th>Newest estimate dated</th>" in index and "<th>Latest</th>" not in index
    stance = [p for p in (site_dir / "dates").glob("2024-*.html") if "Claims about no particular figure" in p.read_text(encoding="utf-8")]
    assert stance, "a day with a claim on no figure"
    assert not any("Stances on no figure" in p.read_text(encoding="utf-8") for p in (site_dir / "dates").glob("*.html"))
    figure = visible_text(site_dir / "figures/nk-troops-in-russia.html")
    assert "at the date the estimate describes" in figure and "asserts, no number" not in figure


# --- feeds ------------------------------------------------------------------------------------------


def test_feeds_are_styled_and_absolute(site_dir: Path) -> None:
    xml = (site_dir / "feeds/figures/nk-troops-in-russia.xml").read_text(encoding="utf-8")
    assert xml.splitlines()[1] == '<?xml-stylesheet type="text/xsl" href="../../assets/feed.xsl"?>'
    assert (site_dir / "assets/feed.xsl").is_file()
    feed = feedparser.parse(xml.encode())
    assert not feed.bozo
    assert {link.href for link in feed.feed.links} == {
        "https://briefing.example/feeds/figures/nk-troops-in-russia.xml",
        "https://briefing.example/figures/nk-troops-in-russia.html",
    }


def test_no_feed_is_offered_for_an_actor_no_claim_can_reach(site_dir: Path) -> None:
    # IRIA publishes no claim and relays none: no feed file, no feed link on its page.
    assert not (site_dir / "feeds/actors/iria.xml").exists()
    assert "feeds/actors/iria.xml" not in (site_dir / "actors/iria.html").read_text(encoding="utf-8")
    assert "../feeds/actors/bloomberg.xml" in (site_dir / "actors/bloomberg.html").read_text(encoding="utf-8")


def test_an_outlets_feed_carries_its_relays_marked_as_relayed(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", root)
    copy_site_files(root)
    claim = root / "data/claims/zelenskyy-10000.yml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("via: []", "via: [the-war-zone]"), encoding="utf-8")
    (root / ".gitignore").write_text("/site/\n/briefings/*/\n/briefings/.briefing-manifest.json\n/.briefing-cache/\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "Add the first claims", "2025-01-03T10:00:00Z")
    out = CliRunner().invoke(main, ["generate", "--root", str(root)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    feed = feedparser.parse((root / "briefings/feeds/actors/the-war-zone.xml").read_bytes())
    assert feed.feed.title == "Briefing: North Korean troops in Russia: claims by and relayed by The War Zone"
    (entry,) = feed.entries
    assert entry.title == "Relayed by The War Zone: Volodymyr Zelenskyy asserts “10,000” about North Korean troops planned for Russia"
    # The quote ends its own sentence: the summary does not add a period after it.
    assert entry.summary.endswith("“Pyongyang is preparing to send 10,000 troops”.")


def test_a_summary_whose_quote_ends_a_sentence_ends_with_it() -> None:
    actor, source = SimpleNamespace(name="Kyrylo Budanov"), SimpleNamespace(title="A headline", published=None)
    claim = SimpleNamespace(
        actor="budanov",
        figure=None,
        value=None,
        statement="Troops are training.",
        citations=[SimpleNamespace(source="s", quote="They are training.")],
        attribution=SimpleNamespace(inferred=False),
    )
    corpus = SimpleNamespace(actors={"budanov": actor}, figures={}, sources={"s": source})
    _, summary = entry_words(claim, corpus, stance="asserts", corrections=[])
    assert summary == "Kyrylo Budanov asserts: Troops are training, as reported in “A headline”: “They are training.”"


def test_titles_are_short(site_dir: Path) -> None:
    title = lambda rel: re.search(r"<title>(.*?)</title>", (site_dir / rel).read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]  # noqa: E731
    assert title("figures/nk-troops-in-russia.html") == "North Korean troops in Russia - Briefing"
    assert title("actors/kyrylo-budanov.html") == "Kyrylo Budanov - Briefing"
    assert title("index.html") == "Briefing: North Korean troops in Russia"


# --- the originals ----------------------------------------------------------------------------------


def test_a_found_original_is_linked_with_how_it_was_matched(site_dir: Path) -> None:
    page = (site_dir / "sources/2024-11-17-nk-could-deploy-up-to-100000-soldiers.html").read_text(encoding="utf-8")
    original = "https://fresh.yiaap.com/north-korea-may-supply-putin-with-100-000-soldiers-for-ukraine-war-report-8479946.html"
    text = words(site_dir / "sources/2024-11-17-nk-could-deploy-up-to-100000-soldiers.html")
    assert f"Address: {original} (address inferred). Found by searching stored public copies of news pages" in text
    assert "so the outlet stays unknown" in text
    # Each cited quote links to its words in the original, as a text fragment.
    assert f'href="{original}#:~:text=' in page


def test_an_unknown_original_says_why(site_dir: Path) -> None:
    for source in (
        "2024-10-18-ukraine-south-korea-warn",
        "2024-10-19-south-korea-ukraine-claim",
        "2024-11-18-nk-could-deploy-up-to-100000",
        "2024-11-nk-may-send-up-to-100000",
    ):
        text = words(site_dir / f"sources/{source}.html")
        assert "Address: Unknown: the text was archived without its address, and a search of stored public copies of news pages" in text, source


def test_site_url_gives_a_sitemap_and_canonical_links(site_dir: Path) -> None:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 50 and all(loc.startswith("https://briefing.example/") for loc in locations)
    assert "https://briefing.example/figures/nk-troops-in-russia.html" in locations
    page = (site_dir / "figures/nk-troops-in-russia.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://briefing.example/figures/nk-troops-in-russia.html">' in page
