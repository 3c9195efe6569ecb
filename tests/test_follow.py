"""Following the story: history from Git, corrections, Atom feeds, permalinks, "data as of" and JSON-LD.

The main test builds a small repository through three commits (add claims, change a value, give
the correction's reason) and reads the built site as a reader and a feed reader would.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import FIXTURES, Project, copy_site_files

from generator.story import history, jsonld

CLAIM = "data/claims/zelenskyy-10000.yml"


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root), "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    result = subprocess.run(
        ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "init.defaultBranch=main", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def commit(root: Path, message: str, when: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)


def make_repo(tmp_path: Path) -> Project:
    """The minimal fixture with the site files, as a Git repository with one commit (3 Jan 2025)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", root)
    copy_site_files(root)
    (root / ".gitignore").write_text("/site/\n/briefings/*/\n/briefings/.briefing-manifest.json\n/.briefing-cache/\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, "Add the first claims", "2025-01-03T10:00:00Z")
    return Project(root)


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    return make_repo(tmp_path)


def correct_value(project: Project) -> None:
    project.edit(CLAIM, 'text: "10,000"', 'text: "10,000 troops"')


def give_reason(project: Project, date: str = "2025-01-12") -> None:
    text = project.path(CLAIM).read_text(encoding="utf-8")
    project.write(CLAIM, text + f'revisions:\n  - date: "{date}"\n    note: The count now includes the word troops, as quoted.\n')


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.meta: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []
        self.ld: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "meta":
            self.meta.append(a)
        if tag == "link":
            self.links.append(a)
        if tag == "script":
            self._script = a.get("type") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script == "application/ld+json":
            self.ld.append(data)
        elif self._script is None:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(path: Path) -> _Html:
    page = _Html()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def lands_on(site: Path, claim_id: str) -> Path:
    """Follow a claim's permanent address like a browser: the refresh target must exist and hold the claim's anchor."""
    redirect = site / "claims" / f"{claim_id}.html"
    refresh = next(m["content"] for m in parse(redirect).meta if m.get("http-equiv") == "refresh")
    assert refresh is not None
    target = refresh.split("url=", 1)[1]
    page, _, anchor = target.partition("#")
    landed = (redirect.parent / page).resolve()
    assert landed.is_file(), target
    assert anchor == f"c-{claim_id}" and anchor in parse(landed).ids, f"{target} has no anchor for {claim_id}"
    return landed


# --- the done-when test: three commits ---------------------------------------------------------------


def test_three_commits_show_in_feeds_corrections_permalinks_and_last_updated(repo: Project) -> None:
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    result = repo.run("validate")
    assert result.exit_code == 0, result.output
    assert (
        "data/claims/zelenskyy-10000.yml:5:1: warning: corrected on 2025-01-12 (value was '10,000') with no reason given. "
        'Hint: add `revisions: [{date: "2025-01-12", note: "…"}]` saying why; readers see it beside the correction.'
    ) in result.output

    give_reason(repo)
    commit(repo.root, "Say why the count was corrected", "2025-01-14T16:00:00Z")
    result = repo.run("build")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    site = repo.path("site")

    # The correction, where the claim is listed and on the Corrections page.
    sentence = "Corrected 12 Jan 2025: value was '10,000'. Reason: The count now includes the word troops, as quoted."
    figure = parse(site / "figures/nk-troops-planned.html").visible
    assert sentence in figure
    for listed in ("actors/volodymyr-zelenskyy.html", "sources/2024-10-18-sample.html", "dates/2024-10-17.html"):
        assert sentence in parse(site / listed).visible, listed
    corrections = parse(site / "corrections/index.html").visible
    assert "1 correction, newest first." in corrections
    assert "12 Jan 2025 Volodymyr Zelenskyy on North Korean troops planned for Russia" in corrections
    assert "value was “10,000” The count now includes the word troops, as quoted." in corrections
    assert (site / "corrections/index.html").read_text(encoding="utf-8").count('href="../claims/') == 1  # only corrected claims

    # The feeds: one entry per claim, dated from history, linking to the permalink.
    feed = feedparser.parse((site / "feeds/all.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.updated == "2025-01-14T16:00:00+00:00"
    entries = {e.id: e for e in feed.entries}
    assert set(entries) == {"tag:briefing.example,2024-11-01:claim/zelenskyy-10000", "tag:briefing.example,2024-11-01:claim/russia-denies"}
    corrected = entries["tag:briefing.example,2024-11-01:claim/zelenskyy-10000"]
    assert corrected.published == "2025-01-03T10:00:00+00:00"
    assert corrected.updated == "2025-01-14T16:00:00+00:00"
    assert corrected.title == "Corrected: Volodymyr Zelenskyy asserts “10,000 troops” about North Korean troops planned for Russia"
    assert corrected.link == "https://briefing.example/claims/zelenskyy-10000.html"  # absolute under site_url
    assert corrected.summary == (
        "Volodymyr Zelenskyy asserts “10,000 troops” about North Korean troops planned for Russia, as reported in “Sample headline about troops” "
        "(18 Oct 2024): “Pyongyang is preparing to send 10,000 troops”. " + sentence
    )
    plain = entries["tag:briefing.example,2024-11-01:claim/russia-denies"]
    assert plain.published == plain.updated == "2025-01-03T10:00:00+00:00"
    assert [e.id for e in feed.entries][0].endswith("zelenskyy-10000")  # newest change first
    for kind, ident, ids in (("figures", "nk-troops-planned", ["zelenskyy-10000"]), ("actors", "russia", ["russia-denies"])):
        own = feedparser.parse((site / f"feeds/{kind}/{ident}.xml").read_bytes())
        assert not own.bozo and [e.id.rsplit("/", 1)[1] for e in own.entries] == ids
        assert own.entries[0].link == f"https://briefing.example/claims/{ids[0]}.html"
        assert (site / own.entries[0].link.removeprefix("https://briefing.example/")).is_file()

    # Each page's head and its visible "Follow" link point at its feeds.
    head = parse(site / "figures/nk-troops-planned.html").links
    feeds = [link["href"] for link in head if "alternate" in (link.get("rel") or "").split() and link.get("type") == "application/atom+xml"]
    assert feeds == ["../feeds/all.xml", "../feeds/figures/nk-troops-planned.xml"]
    assert "Last updated 14 Jan 2025 · Follow this figure · Follow everything · Corrections" in figure
    assert "Last updated 3 Jan 2025 · Follow this actor" in parse(site / "actors/russia.html").visible  # untouched since
    # The home page: the newest date the data speaks of, and when it last changed here: two facts, each named.
    assert (
        "Claims and articles dated up to 18 Oct 2024; last updated 14 Jan 2025. Follow new and corrected claims (Atom feed) · Corrections"
        in parse(site / "index.html").visible
    )

    # Permalinks land on the claim, and say when it was first published.
    assert lands_on(site, "zelenskyy-10000") == (site / "figures/nk-troops-planned.html").resolve()
    assert lands_on(site, "russia-denies") == (site / "actors/russia.html").resolve()
    assert 'title="Permanent link to this claim, first published 3 Jan 2025"' in (site / "figures/nk-troops-planned.html").read_text(encoding="utf-8")


def test_a_revision_that_dates_no_correction_is_an_error(repo: Project) -> None:
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    give_reason(repo, date="2025-01-13")
    result = repo.run("validate")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "data/claims/zelenskyy-10000.yml:21:11: revisions[0] is dated 2025-01-13, but no correction of this claim was published on that day or after it "
        "(published 2025-01-03; corrections published: 2025-01-12). Hint: date each entry on or before the day its correction reached the site (UTC), "
        "after the correction before it; `git log --first-parent` shows the days."
    )
    assert repo.run("generate").exit_code == 1
    assert not repo.path("briefings/figures").exists()  # nothing written


def test_warnings_are_github_warning_annotations(repo: Project) -> None:
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    result = repo.run("validate", "--format", "github")
    assert result.exit_code == 0
    assert result.stderr == (
        "::warning file=data/claims/zelenskyy-10000.yml,line=5,col=1,title=briefing validate::corrected on 2025-01-12 (value was '10,000') "
        'with no reason given. Hint: add `revisions: [{date: "2025-01-12", note: "…"}]` saying why; readers see it beside the correction.\n'
    )
    assert result.stdout.endswith(": OK\n")


def test_a_warning_about_the_whole_project_annotates_no_file(project: Project) -> None:
    give_reason(project)  # a reason to check, and no Git history to check it against
    result = project.run("validate", "--format", "github")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"::warning title=briefing validate::History unknown: {project.root} is not in a Git checkout, "
        "so claims show no date of publication, no corrections and no feed entries. Build from a clone of the repository to show them.\n"
    )
    assert project.run("validate").stderr.startswith(f"warning: History unknown: {project.root} is not in a Git checkout")


def test_a_reason_written_before_its_pull_request_landed_explains_it(repo: Project) -> None:
    correct_value(repo)
    give_reason(repo, date="2025-01-10")  # written on the 10th, merged on the 12th
    commit(repo.root, "Correct the count, with the reason", "2025-01-12T09:30:00Z")
    result = repo.run("generate")
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    figure = repo.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")
    assert "<em>Corrected 12 Jan 2025: value was &#39;10,000&#39;. Reason: The count now includes the word troops, as quoted.</em>" in figure


def test_each_reason_explains_the_first_correction_on_or_after_its_date() -> None:
    from generator.story.corrections import match

    corrected = ["2025-01-12", "2025-02-01"]
    # correction index -> entry index; repeated entries; entries that explain nothing
    assert match("2025-01-03", corrected, ["2025-01-12", "2025-01-20"]) == ({0: 0, 1: 1}, {}, [])
    assert match("2025-01-03", corrected, ["2025-01-03", "2025-02-01"]) == ({0: 0, 1: 1}, {}, [])
    assert match("2025-01-03", corrected, ["2025-01-05", "2025-01-11"]) == ({0: 0}, {1: 0}, [])
    assert match("2025-01-03", corrected, ["2025-01-02", "2025-02-02"]) == ({}, {}, [0, 1])
    assert match("2025-01-03", corrected, ["2025-02-02"], pending_until="2025-03-01") == ({2: 0}, {}, [])


def test_a_correction_not_yet_committed_may_carry_its_reason(repo: Project) -> None:
    import datetime as dt

    correct_value(repo)
    give_reason(repo, date=dt.datetime.now(dt.UTC).date().isoformat())
    result = repo.run("validate")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_statement_and_new_citations_are_changes_not_corrections(repo: Project) -> None:
    repo.edit(CLAIM, "statement: Pyongyang is preparing to send 10,000 troops.", "statement: Pyongyang is preparing to send 10,000 soldiers.")
    commit(repo.root, "Reword", "2025-02-01T00:00:00Z")
    record = history.read(repo.root)
    claim = record.claims["zelenskyy-10000"]
    assert [c.fields for c in claim.changes] == [("statement",)]
    assert claim.corrections == () and claim.updated.date == "2025-02-01" and claim.published.date == "2025-01-03"


# --- history: outside Git, shallow clones, the cache --------------------------------------------------


def test_outside_git_history_is_unknown_with_a_warning(site_project: Project) -> None:
    result = site_project.run("generate")
    assert result.exit_code == 0
    assert f"warning: History unknown: {site_project.root} is not in a Git checkout" in result.output
    home = site_project.path("briefings/_generated/home.md").read_text(encoding="utf-8")
    assert "; last updated unknown (built without Git history).*" in home
    feed = feedparser.parse(site_project.path("briefings/feeds/all.xml").read_bytes())
    assert feed.entries == [] and "History unknown" in feed.feed.subtitle
    assert "History unknown" in site_project.path("briefings/corrections/index.md").read_text(encoding="utf-8")


def test_a_shallow_clone_builds_only_when_told_to_go_without_history(repo: Project, tmp_path: Path) -> None:
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.root.as_uri(), str(clone))
    refused = Project(clone).run("build")
    assert refused.exit_code == 1
    assert refused.output.startswith(
        "History cannot be read (this is a shallow clone), and a site built without it would show no corrections, withdrawals or dates of publication. "
        "Hint: fetch the full history with `git fetch --unshallow` (in GitHub Actions: actions/checkout with fetch-depth: 0); "
        "or pass --without-history to build without them on purpose.\n"
    ), refused.output
    assert not (clone / "site").exists()
    result = Project(clone).run("build", "--without-history")
    assert result.exit_code == 0, result.output
    assert (
        "warning: History unknown: this is a shallow clone, whose first commit would look like the publication of every claim, so claims "
        "show no date of publication, no corrections and no feed entries. Fetch the full history with `git fetch --unshallow` "
        "(in GitHub Actions: actions/checkout with fetch-depth: 0)."
    ) in result.output
    assert "Corrected" not in parse(clone / "site/figures/nk-troops-planned.html").visible
    lands_on(clone / "site", "zelenskyy-10000")  # permalinks need no history


def test_history_is_cached_by_commit_and_read_incrementally(repo: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str | None] = []
    advance = history._advance

    def spy(git: Any, state: Any, since: str | None) -> None:
        calls.append(since)
        advance(git, state, since)

    monkeypatch.setattr(history, "_advance", spy)
    first = history.read(repo.root)
    assert calls == [None] and first.head and (repo.root / ".briefing-cache/history" / f"{first.head}.json").is_file()
    assert history.read(repo.root).claims == first.claims and calls == [None]  # a cache hit reads no log
    correct_value(repo)
    commit(repo.root, "Correct the count", "2025-01-12T09:30:00Z")
    second = history.read(repo.root)
    assert calls == [None, first.head]  # only the new commit is read
    assert second.claims["zelenskyy-10000"].corrections[0].before == {"value": ["10,000", None, 10000, 10000, False]}
    assert second.claims == history.read(repo.root, cache=False).claims


def test_a_change_on_a_merged_branch_is_dated_by_its_commit_held_between_fork_and_merge(repo: Project) -> None:
    git(repo.root, "checkout", "-q", "-b", "topic")
    correct_value(repo)
    commit(repo.root, "Correct on a branch", "2025-01-05T00:00:00Z")
    repo.edit(CLAIM, "send 10,000 troops.", "send 10,000 soldiers.")
    commit(repo.root, "Backdated on the branch", "2000-01-01T00:00:00Z")  # before the branch existed: held at the fork
    git(repo.root, "checkout", "-q", "main")
    git(repo.root, "merge", "-q", "--no-ff", "-m", "Merge the correction", "topic", when="2025-01-20T00:00:00Z")
    change = history.read(repo.root, cache=False).claims["zelenskyy-10000"].changes
    assert [(c.stamp.date, c.fields, c.arrived.date) for c in change] == [
        ("2025-01-03", ("statement",), "2025-01-20"),
        ("2025-01-05", ("value",), "2025-01-20"),
    ]


# --- permalinks survive a figure splitting into month pages -------------------------------------------


def _claim(ident: str, day: str) -> str:
    return (
        f'id: {ident}\nactor: volodymyr-zelenskyy\nfigure: nk-troops-planned\nvalue:\n  text: "10,000"\n  low: 10000\n  high: 10000\n'
        f'stance: asserts\nclaimed_on:\n  date: "{day}"\n  basis: stated\nstatement: Pyongyang is preparing to send 10,000 troops.\n'
        'citations:\n  - source: 2024-10-18-sample\n    quote: "Pyongyang is preparing to send 10,000 troops"\n'
    )


def test_every_old_permalink_still_lands_on_its_claim_after_the_figure_splits(site_project: Project) -> None:
    for i in range(90):
        site_project.write(f"data/claims/extra-{i:03d}.yml", _claim(f"extra-{i:03d}", f"2024-09-{1 + i % 28:02d}"))
    assert site_project.run("generate").exit_code == 0
    docs = site_project.path("briefings")
    before = {p.stem: _target(p) for p in (docs / "claims").glob("*.html") if not p.name.endswith(".cite.html")}
    assert {t for t, _ in before.values()} >= {"figures/nk-troops-planned.md"}
    for i in range(90, 120):
        site_project.write(f"data/claims/extra-{i:03d}.yml", _claim(f"extra-{i:03d}", f"2024-10-{1 + i % 17:02d}"))
    assert site_project.run("generate").exit_code == 0
    assert (docs / "figures/nk-troops-planned--2024-09.md").is_file()  # the figure split by month
    moved = 0
    for ident in before:
        page, anchor = _target(docs / "claims" / f"{ident}.html")
        assert f'id="{anchor}"' in (docs / page).read_text(encoding="utf-8"), ident
        moved += page != before[ident][0]
    assert moved > 90


def _target(redirect: Path) -> tuple[str, str]:
    match = re.search(r'http-equiv="refresh" content="0; url=\.\./([^"#]+)\.html#([^"]+)"', redirect.read_text(encoding="utf-8"))
    assert match, redirect
    return match[1] + ".md", match[2]


# --- JSON-LD -------------------------------------------------------------------------------------------


def test_json_ld_cannot_close_its_script_element() -> None:
    hostile = "</script><script>alert(1)</script><!-- & \u2028"
    html = jsonld.script({"@context": "https://schema.org", "text": hostile})
    inner = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner and "\u2028" not in inner
    assert json.loads(inner)["text"] == hostile


def test_figure_and_downloads_pages_carry_a_dataset_and_claims(repo: Project) -> None:
    result = repo.run("build")
    assert result.exit_code == 0, result.output
    site = repo.path("site")
    (figure,) = [json.loads(s) for s in parse(site / "figures/nk-troops-planned.html").ld]
    assert figure["@context"] == "https://schema.org"
    dataset, claim = figure["@graph"]
    assert dataset["@type"] == "Dataset" and dataset["name"] == "North Korean troops planned for Russia: estimates" and dataset["description"]
    assert dataset["dateModified"] == "2025-01-03T10:00:00Z"
    # The figure's own estimates, at absolute addresses under site_url.
    assert [(d["encodingFormat"], d["contentUrl"]) for d in dataset["distribution"]] == [
        ("application/json", "https://briefing.example/figures/nk-troops-planned.json"),
        ("text/csv", "https://briefing.example/figures/nk-troops-planned.csv"),
    ]
    for d in dataset["distribution"]:
        assert (site / d["contentUrl"].removeprefix("https://briefing.example/")).is_file()
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset["creator"] == {"@type": "Organization", "name": "Briefing editors"}
    assert dataset["temporalCoverage"] == "2024-10-17"
    assert dataset["url"] == "https://briefing.example/figures/nk-troops-planned.html"
    assert claim["@type"] == "Claim" and claim["identifier"] == "zelenskyy-10000"
    assert claim["author"] == {"@type": "Person", "name": "Volodymyr Zelenskyy"}
    assert claim["datePublished"] == "2024-10-17"
    (appearance,) = claim["appearance"]
    assert appearance["headline"] == "Sample headline about troops" and appearance["datePublished"] == "2024-10-18"
    assert "url" not in appearance  # the fixture's source has no known address: none is invented
    assert appearance["archivedAt"] == "https://briefing.example/sources/2024-10-18-sample.html"
    (downloads,) = [json.loads(s) for s in parse(site / "downloads/index.html").ld]
    (whole,) = downloads["@graph"]
    assert whole["@type"] == "Dataset" and whole["dateModified"] == "2025-01-03T10:00:00Z" and len(whole["distribution"]) == 2


SITE_URL = "site_url: https://briefing.example/\n"
FEED_ID = '  feed_id:\n    authority: briefing.example\n    date: "2024-11-01"\n'
FEED_HINT = (
    "Hint: set `site_url` to the address the site is published at (entry ids become its permanent links), or, to keep ids when the site moves, "
    "`extra: {feed_id: {authority: <a domain or e-mail address you hold>, date: <YYYY-MM-DD you held it>}}` (RFC 4151 tag URIs); "
    "then never change it, or feed readers show every claim again."
)


def test_without_feed_id_or_site_url_nothing_is_written(site_project: Project) -> None:
    config = site_project.path("mkdocs.yml").read_text(encoding="utf-8")
    assert FEED_ID in config and SITE_URL in config
    changed = config.replace(FEED_ID, "").replace(SITE_URL, "")
    site_project.write("mkdocs.yml", changed)
    line = changed.splitlines().index("extra:") + 1
    result = site_project.run("generate")
    assert result.exit_code == 1
    assert result.output == (
        f"mkdocs.yml:{line}:1: feeds need a permanent id for each entry, and mkdocs.yml sets neither extra.feed_id nor site_url. {FEED_HINT}\n"
        "Found 1 error in 1 file. Nothing was written.\n"
    )
    assert not site_project.path("briefings/figures").exists()
    assert site_project.run("build").exit_code == 1 and not site_project.path("site").exists()
    assert site_project.run("validate").exit_code == 0  # the data is fine; only a site needs the ids


def test_a_feed_id_rfc_4151_would_refuse_is_reported_where_it_is_written(site_project: Project) -> None:
    config = site_project.path("mkdocs.yml").read_text(encoding="utf-8")
    site_project.write("mkdocs.yml", config.replace(FEED_ID, '  feed_id:\n    authority: our desk\n    date: "2024-13-01"\n'))
    line = config.splitlines().index("  feed_id:") + 1
    result = site_project.run("generate")
    assert result.exit_code == 1
    assert result.output == (
        f'mkdocs.yml:{line + 1}:16: extra.feed_id.authority: "our desk" is not a domain name or e-mail address. {FEED_HINT}\n'
        f'mkdocs.yml:{line + 2}:11: extra.feed_id.date: "2024-13-01" is not a date; write YYYY-MM-DD (or YYYY-MM, YYYY). {FEED_HINT}\n'
        "Found 2 errors in 1 file. Nothing was written.\n"
    )
    site_project.write("mkdocs.yml", config.replace(FEED_ID, "  feed_id:\n    authority: desk@news.example.org\n"))
    result = site_project.run("generate")
    assert result.output == f"mkdocs.yml:{line}:3: extra.feed_id: date is missing. {FEED_HINT}\nFound 1 error in 1 file. Nothing was written.\n"


def test_without_feed_id_entries_are_identified_by_their_address_under_site_url(repo: Project) -> None:
    config = repo.path("mkdocs.yml").read_text(encoding="utf-8")
    repo.write("mkdocs.yml", config.replace(SITE_URL, "site_url: https://desk.example.org/briefing/\n").replace(FEED_ID, ""))
    commit(repo.root, "Publish at our address", "2025-01-04T10:00:00Z")
    result = repo.run("generate")
    assert result.exit_code == 0, result.output
    feed = feedparser.parse(repo.path("briefings/feeds/all.xml").read_bytes())
    assert feed.feed.id == "https://desk.example.org/briefing/feeds/all.xml"
    assert {e.id for e in feed.entries} == {
        "https://desk.example.org/briefing/claims/zelenskyy-10000.html",
        "https://desk.example.org/briefing/claims/russia-denies.html",
    }


def test_feeds_carry_hostile_text_as_text() -> None:
    import datetime as dt

    from generator.story import feeds

    hostile = 'Budanov <script>alert(1)</script> ]]> &amp; \x01\ud800\u202e "quoted"'
    when = dt.datetime(2025, 1, 3, tzinfo=dt.UTC)
    entry = feeds.Entry("c-1", when, when, hostile, hostile)
    xml = feeds.atom(feeds.Settings(authority="tests.example", date="2025-01-01"), "feeds/all.xml", None, hostile, [entry], updated=when)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.bozo_exception
    expected = 'Budanov <script>alert(1)</script> ]]> &amp; \ufffd\ufffd\ufffd "quoted"'
    assert parsed.feed.title == expected and parsed.entries[0].title == expected
    assert b"<script>" not in xml  # escaped in the XML, text again once parsed


def test_a_commit_with_no_data_change_refreshes_the_cached_pages(repo: Project) -> None:
    """The render cache reuses pages only within one commit's history: committing an edit dates it, everywhere."""

    def pages() -> dict[str, bytes]:
        docs = repo.path("briefings")
        return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}

    assert repo.run("generate").exit_code == 0
    correct_value(repo)
    give_reason(repo)
    result = repo.run("generate")  # the edit, not yet committed: rendered from the cache
    assert result.exit_code == 0, result.output
    assert "the rest cannot have changed since the last run (.briefing-cache/)" in result.output
    home = repo.path("briefings/_generated/home.md").read_text(encoding="utf-8")
    assert "14 Jan 2025" not in home

    commit(repo.root, "Correct the count", "2025-01-14T16:00:00Z")  # data/ as it was, history moved on
    result = repo.run("generate")
    assert result.exit_code == 0, result.output
    assert "the rest cannot have changed" not in result.output  # everything rendered again
    cached = pages()
    assert "last updated 14 Jan 2025." in cached["_generated/home.md"].decode()
    assert "Corrected 14 Jan 2025" in cached["figures/nk-troops-planned.md"].decode()
    assert repo.run("generate", "--no-cache").exit_code == 0
    assert pages() == cached


def test_the_same_words_read_another_way_are_a_correction(repo: Project) -> None:
    """Writing down the lexicon's own reading changes nothing a reader sees; reading the words another way is a correction."""
    repo.edit(CLAIM, "  high: 10000\n", '  high: 10000\n  reading: {low: 10000, best: 10000, high: 10000, note: "Checked by hand."}\n')
    commit(repo.root, "Write down the reading", "2025-01-10T00:00:00Z")
    repo.edit(CLAIM, "reading: {low: 10000, best: 10000, high: 10000", "reading: {low: 9000, best: 10000, high: 11000")
    commit(repo.root, "Read it as about 10,000", "2025-01-12T00:00:00Z")
    claim = history.read(repo.root).claims["zelenskyy-10000"]
    assert [(c.stamp.date, c.fields, c.before) for c in claim.changes] == [("2025-01-12", ("reading",), {"reading": [10000, 10000, 10000]})]
    result = repo.run("validate")
    assert "data/claims/zelenskyy-10000.yml:5:1: warning: corrected on 2025-01-12 (reading was '10,000 troops') with no reason given." in result.stderr, (
        result.stderr
    )
