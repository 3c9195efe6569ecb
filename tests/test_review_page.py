"""The live preview's review page: a source's article with every draft highlighted, each draft's
fields, remarks and the commands that accept or reject it; only the preview has it."""

from __future__ import annotations

import html
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, Project, copy_site_files
from serving import free_port, wait_for
from test_review import LAWMAKER, add_source, review_walkthrough

from generator.cli import main
from generator.data.validate import validate
from generator.editor import review_page

SOURCE = "2025-01-14-lawmaker-relays-nis"
PAGE = f"review/{SOURCE}.md"


@pytest.fixture
def drafted(tmp_path: Path) -> Project:
    """The project's data with one more article, the issue's lawmaker relaying the NIS, and its drafts written."""
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    project = Project(tmp_path)
    add_source(project, SOURCE, "2025-01-14", LAWMAKER)
    result = project.run("suggest", SOURCE, "--write")
    assert result.exit_code == 0, result.output
    return project


def _commands(page: str, card: int | None = None) -> list[str]:
    """The commands a page (or one draft's card) shows, as an editor would copy them."""
    if card is not None:
        page = _card(page, card)
    return [html.unescape(c) for c in re.findall(r'<code class="draft-command">(.*?)</code>', page)]


def _card(page: str, n: int) -> str:
    """One draft's card of a review page."""
    return re.split(r'<li class="draft-card|</ol>', page.split(f'id="draft-{n}"', 1)[1], maxsplit=1)[0]


def _run(project: Project, command: str) -> str:
    words = shlex.split(command)
    assert words[:2] == ["briefing", "drafts"]
    done = CliRunner().invoke(main, [*words[1:], "--root", str(project.root)], catch_exceptions=False)
    assert done.exit_code == 0, f"$ {command}\n{done.output}"
    return done.stdout + done.stderr


def test_each_draft_is_highlighted_in_the_article_with_its_fields_remarks_and_commands_that_run(drafted: Project) -> None:
    page = review_page.pages(drafted.root, validate(drafted.root))[PAGE]
    # The article, each drafted quote highlighted as the source page highlights curated ones, its label leading to the draft.
    assert '<div class="archived-text" lang="en">' in page
    assert (
        '<span class="quote-anchor" id="dq-1-1"></span><mark>Around 2,000 North Korean soldiers deployed to help Russia fight against Ukrainian forces' in page
    )
    assert '(NIS).</mark><sup class="quote-claim"><a href="#draft-1">draft 1</a></sup>' in page
    card = _card(page, 1)
    assert "Draft 1: claim <code" in card and "south-korea-nis-around-2000-killed" in card
    assert '<dt>actor</dt><dd><code>south-korea-nis</code> (<a href="../actors/south-korea-nis.html">' in card
    assert "<dt>figure</dt><dd><code>north-korean-troops-killed</code> (drafted: North Korean troops killed)</dd>" in card
    assert "Via: <code>lee-seong-kweun</code> (drafted: Lee Seong-kweun)" in card
    assert "<li>Relayed: &quot;after a briefing from the National Intelligence Service (NIS)&quot;;" in card
    # Accepting a claim takes its drafted actor and figure along; rejecting it, what no other draft needs.
    assert _commands(page, 1) == [
        f"briefing drafts accept {SOURCE} lee-seong-kweun north-korean-troops-killed south-korea-nis-around-2000-killed",
        f"briefing drafts reject {SOURCE} south-korea-nis-around-2000-killed",
    ]
    wounded = next(n for n in range(1, 7) if "south-korea-nis-roughly-27-hundred-injured" in _card(page, n))
    assert _commands(page, wounded)[1] == f"briefing drafts reject {SOURCE} south-korea-nis-roughly-27-hundred-injured north-korean-troops-injured"
    # A drafted actor that claims use is rejected with them: the page says so rather than show a command that is refused.
    actor = _card(page, next(n for n in range(1, 7) if 'actor <code class="draft-id">lee-seong-kweun' in _card(page, n)))
    assert "Reject: used by south-korea-nis-around-2000-killed, south-korea-nis-roughly-27-hundred-injured, south-korea-nis-some-300-killed" in actor
    # The commands run as shown, and the page follows.
    _run(drafted, _commands(page, wounded)[1])
    assert not drafted.path(f"data/drafts/{SOURCE}/figures/north-korean-troops-injured.yml").exists()
    _run(drafted, _commands(page, 1)[0])
    claim = yaml.safe_load(drafted.path("data/claims/south-korea-nis-around-2000-killed.yml").read_text(encoding="utf-8"))
    assert (claim["actor"], claim["citations"][0]["via"], "review" in claim) == ("south-korea-nis", ["lee-seong-kweun"], False)
    after = review_page.pages(drafted.root, validate(drafted.root))[PAGE]
    assert "south-korea-nis-around-2000-killed" not in after and "south-korea-nis-roughly-27-hundred-injured" not in after
    assert _commands(after, 1) == [
        f"briefing drafts accept {SOURCE} south-korea-nis-some-300-killed",  # its actor and figure are curated now
        f"briefing drafts reject {SOURCE} south-korea-nis-some-300-killed",
    ]
    assert '<code>lee-seong-kweun</code> (<a href="../actors/lee-seong-kweun.html">Lee Seong-kweun</a>)' in after
    index = review_page.pages(drafted.root, validate(drafted.root))[review_page.INDEX]
    assert f'<li><a href="{SOURCE}.html">[Article opening “Around 2,000 North Korean soldiers' in index  # no headline: its opening words
    assert f"<code>{SOURCE}</code>: 1 claim" in index


def test_drafted_text_is_escaped_commands_are_quoted_and_the_page_is_bounded(drafted: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = 'He said <script>alert("x")</script> & <b>300</b> troops were sent, the report said.\n'
    add_source(drafted, "2025-01-15-hostile", "2025-01-15", hostile)
    folder = drafted.path("data/drafts/2025-01-15-hostile/claims")
    folder.mkdir(parents=True)
    claim = {"id": "x", "actor": "south-korea-nis", "value": {"text": "300"}, "citations": [{"source": "2025-01-15-hostile", "quote": hostile.strip()}]}
    claim["review"] = ["<img src=x onerror=alert(1)>"]
    for name in ("bad $(touch pwned)", "second", "third"):
        (folder / f"{name}.yml").write_text(yaml.safe_dump({**claim, "id": name}), encoding="utf-8")
    monkeypatch.setattr(review_page, "MAX_DRAFTS", 2)
    page = review_page.pages(drafted.root, validate(drafted.root))["review/2025-01-15-hostile.md"]
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;300&lt;/b&gt;" in page
    assert "<li>&lt;img src=x onerror=alert(1)&gt;</li>" in page
    assert _commands(page, 1)[0] == "briefing drafts accept 2025-01-15-hostile 'bad $(touch pwned)'"
    assert "1 more draft is not shown here; <code>briefing drafts list 2025-01-15-hostile</code> lists them all." in page
    assert 'id="draft-3"' not in page
    # A folder named after no source gets no page; the index says what to do.
    drafted.write("data/drafts/<no-such-source>/claims/x.yml", "id: x\n")
    pages = review_page.pages(drafted.root, validate(drafted.root))
    assert "<li><code>&lt;no-such-source&gt;</code>: no source has this id; <code>briefing validate</code> says what to do.</li>" in pages[review_page.INDEX]
    assert not [p for p in pages if "no-such" in p]


# --- How to edit's walkthrough, with the preview in a real browser ---------------------------------------


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_review_walkthrough_with_the_review_page_in_the_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser) -> None:
    """Every command of How to edit's walkthrough, `briefing serve` among them, and the review page it
    opens, seen in Chromium: the draft highlighted, its commands shown; the page follows each step."""
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    copy_site_files(tmp_path)
    article, steps = review_walkthrough()
    section = (REPO / "briefings" / "how-to-edit.md").read_text(encoding="utf-8").split("### Walkthrough: review drafts", 1)[1]
    address = re.search(r"open the review page, `(http://127\.0\.0\.1:8000/review/[^`]+)`", section)
    assert address
    (tmp_path / "article.txt").write_text(article, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    port = free_port()
    server = None
    try:
        for step in steps:
            words = shlex.split(step)
            if words[1] == "serve":
                # As the page says, in a second terminal: it runs until stopped.
                command = [sys.executable, "-m", "generator", *words[1:], "--dev-addr", f"127.0.0.1:{port}"]
                server = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ.copy())
                url = address.group(1).replace("127.0.0.1:8000", f"127.0.0.1:{port}")
                wait_for(url, "Review drafts", 120)
                _check_review_page(browser, url, port)
                continue
            done = CliRunner().invoke(main, words[1:], catch_exceptions=False)
            assert done.exit_code == 0, f"$ {step}\n{done.output}"
            if server is not None and words[1:3] == ["drafts", "rename"] and "--dry-run" not in words:
                # The page follows: the renamed figure shows.
                wait_for(url, "valdorian-soldiers-wounded", 60)
        assert server is not None, "the walkthrough starts the preview"
        # Everything accepted (while the preview ran): the review page is gone, and the index says nothing waits.
        deadline = time.monotonic() + 60
        while _status(url) != 404 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _status(url) == 404
        wait_for(f"http://127.0.0.1:{port}/review/index.html", "No drafts are waiting.", 30)
    finally:
        if server is not None:
            server.terminate()
            server.communicate(timeout=20)
    assert (tmp_path / "data/claims/valdorian-defence-intelligence-service-about-1200-injured.yml").is_file()


def _check_review_page(browser, url: str, port: int) -> None:
    page = browser.new_page()
    try:
        page.goto(url)
        mark = page.locator(".archived-text mark")
        assert mark.count() == 1
        assert mark.inner_text().startswith("ARDENVALE – About 1,200 Valdorian soldiers have been wounded in training, lawmaker Mira Sandor")
        page.locator(".archived-text .quote-claim a", has_text="draft 1").click()
        card = page.locator("#draft-1")
        assert page.evaluate("location.hash") == "#draft-1"
        assert card.is_visible()
        assert "valdorian-defence-intelligence-service-about-1200-injured" in card.locator("h3").inner_text()
        commands = [c.inner_text() for c in card.locator("code.draft-command").all()]
        assert commands == [
            "briefing drafts accept 2024-11-20-valdoria-counts-its-wounded mira-sandor valdorian-defence-intelligence-service troops-injured "
            "valdorian-defence-intelligence-service-about-1200-injured",
            "briefing drafts reject 2024-11-20-valdoria-counts-its-wounded valdorian-defence-intelligence-service-about-1200-injured "
            "mira-sandor valdorian-defence-intelligence-service troops-injured",
        ]
        assert 'The role "lawmaker" is the title the text gives before the name.' in page.locator(".draft-card").nth(1).inner_text()
        # The preview links to it from the article's source page.
        page.goto(f"http://127.0.0.1:{port}/sources/2024-11-20-valdoria-counts-its-wounded.html")
        page.get_by_role("link", name="Review them beside the article").click()
        page.wait_for_url(url)
    finally:
        page.close()


def test_the_published_site_has_no_review_page(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    copy_site_files(tmp_path)
    project = Project(tmp_path)
    add_source(project, SOURCE, "2025-01-14", LAWMAKER)
    assert project.run("suggest", SOURCE, "--write").exit_code == 0
    assert project.run("build").exit_code == 0
    site = tmp_path / "site"
    assert (site / "sources" / f"{SOURCE}.html").is_file()
    assert not (site / "review").exists() and not (tmp_path / "briefings" / "review").exists()
    leaks = [
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js") and (b"draft-command" in p.read_bytes() or b"Preview only" in p.read_bytes())
    ]
    assert leaks == []
    assert "Preview only" not in (site / "sources" / f"{SOURCE}.html").read_text(encoding="utf-8")


# --- rejections are recorded, and suggest does not draft them again ----------------------------------------


def test_a_rejected_draft_is_recorded_and_not_drafted_again(drafted: Project) -> None:
    folder = f"data/drafts/{SOURCE}"
    done = drafted.run("drafts", "reject", SOURCE, "south-korea-nis-roughly-27-hundred-injured", "north-korean-troops-injured")
    assert done.exit_code == 0, done.output
    assert f"Recorded in {folder}/rejected.yml, so that briefing suggest does not draft them again." in done.stderr
    assert drafted.path(f"{folder}/rejected.yml").read_text(encoding="utf-8") == (
        "# Drafts rejected with briefing drafts reject: briefing suggest does not draft them again.\n"
        "# Delete an entry to have its draft back the next time suggest drafts this article.\n"
        '- id: "south-korea-nis-roughly-27-hundred-injured"\n'
        '  quote: "Lee quoted the nation’s spy agency as saying that some 300 North Korean soldiers have been killed and roughly 27-hundred wounded."\n'
        '  value: "roughly 27-hundred"\n'
    )
    checked = drafted.run("validate")
    assert checked.exit_code == 0, checked.output
    assert f"Drafts for {SOURCE}: 2 claims, 1 actor, 1 figure, 1 rejected, not drafted again: OK" in checked.output
    # Every draft reviewed (the rest rejected too): the record stays, and the next run leaves the rejected ones out.
    assert drafted.run("drafts", "reject", SOURCE, "--all").exit_code == 0
    assert sorted(p.name for p in drafted.path(folder).iterdir()) == ["rejected.yml"]
    assert review_page.pages(drafted.root, validate(drafted.root)).keys() == {review_page.INDEX}
    again = drafted.run("suggest", SOURCE, "--write")
    assert again.exit_code == 0, again.output
    assert (
        f"Rejected before, not drafted again: south-korea-nis-around-2000-killed, south-korea-nis-some-300-killed, south-korea-nis-roughly-27-hundred-injured (data/drafts/{SOURCE}/rejected.yml)."
        in again.stderr
    )
    assert sorted(p.name for p in drafted.path(folder).rglob("*") if p.is_file()) == ["rejected.yml"]
    # Deleting an entry has its draft back; the record is carried into the folder suggest writes.
    text = drafted.path(f"{folder}/rejected.yml").read_text(encoding="utf-8")
    kept = "".join(part for part in re.split(r"(?m)^(?=- id: )", text) if "some-300-killed" not in part)
    drafted.write(f"{folder}/rejected.yml", kept)
    back = drafted.run("suggest", SOURCE, "--write")
    assert back.exit_code == 0, back.output
    assert sorted(p.relative_to(drafted.path(folder)).as_posix() for p in drafted.path(folder).rglob("*.yml")) == [
        "actors/lee-seong-kweun.yml",
        "claims/south-korea-nis-some-300-killed.yml",
        "figures/north-korean-troops-killed.yml",
        "rejected.yml",
    ]
    assert drafted.path(f"{folder}/rejected.yml").read_text(encoding="utf-8") == kept
    # A malformed record is reported where it is wrong, and suggest refuses to guess.
    drafted.write(f"{folder}/rejected.yml", "- id: x\n  quote: 3\n")
    broken = drafted.run("validate")
    assert broken.exit_code == 1
    assert f"{folder}/rejected.yml:1:3: entry 1 of rejected.yml is not a rejected draft." in broken.output


def test_a_citation_to_add_is_shown_with_its_new_quote_highlighted_and_accepted_as_shown(project: Project) -> None:
    from test_suggest import add_source as add_repeat

    quote = "President Volodymyr Zelenskyy said on Monday that Pyongyang is preparing to send 10,000 troops."
    add_repeat(project, "2024-10-21-repeat", "2024-10-21", f"Zelenskyy repeats his warning\n{quote}\n")
    assert project.run("suggest", "2024-10-21-repeat", "--write").exit_code == 0
    page = review_page.pages(project.root, validate(project.root))["review/2024-10-21-repeat.md"]
    card = _card(page, 1)
    assert "Draft 1: citation to add <code" in card and "zelenskyy-10000" in card
    assert "A claim already on file: accepting adds this article's quote to it as one more citation." in card
    assert "cites <code>2024-10-18-sample</code>" in card  # the curated citation, from another article
    assert f'<span class="quote-anchor" id="dq-1-2"></span><mark>{quote}</mark><sup class="quote-claim"><a href="#draft-1">draft 1</a></sup>' in page
    assert _commands(page, 1) == ["briefing drafts accept 2024-10-21-repeat zelenskyy-10000", "briefing drafts reject 2024-10-21-repeat zelenskyy-10000"]
    _run(project, _commands(page, 1)[0])
    claim = yaml.safe_load(project.path("data/claims/zelenskyy-10000.yml").read_text(encoding="utf-8"))
    assert [c["source"] for c in claim["citations"]] == ["2024-10-18-sample", "2024-10-21-repeat"]
    assert project.run("validate").exit_code == 0
