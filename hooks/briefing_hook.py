"""MkDocs hook: regenerate pages before each build, watch data/ and site_templates/, keep search whole.

This is the only place MkDocs' plugin API is used, and it is optional: `briefing build`
generates first and sets BRIEFING_HOOK_SKIP, and any builder that ignores hooks still
finds plain Markdown in briefings/. With the hook, `mkdocs serve` live-reloads on a YAML
or template edit.

`briefing serve` runs `mkdocs serve --dirty`, so that a save rebuilds only the pages the
generator rewrote (the generator leaves unchanged files untouched). A dirty build indexes
only those pages for search, and Material's own merge of the previous index replaces the
entries of just the first rebuilt page, leaving stale copies of the others. So this hook
keeps every page's search entries from the last build in which the page was built, and
before the search plugin writes its index, hands it the complete set: the served search
index always holds each current page exactly once. `mkdocs build` is always a full build.

It also keeps each page's list of citations, and the folded statements under its tables, out
of the search index: the quotes are indexed once, in the archived text on their source pages.

While serving, it replaces MkDocs' polling watcher by one the system notifies (see
`generator.live.Watch`; BRIEFING_POLL=1 keeps polling, for folders shared into a virtual
machine or container, where notifications do not arrive), so that a save re-reads only the
files it changed and the generator's own writes do not set off a second build; and it leaves
the offline plugin's copy of the search index, which only a site opened from a folder uses,
to `briefing build`; and it keeps Material's compiled templates from one build to the next.

While serving, and only then, it adds the review pages of the drafts in `data/drafts/`
(`generator.editor.review_page`): built from a temporary folder of its own, never from the docs
folder, so no build ever publishes them; each drafted article's source page, the home page and
How to edit link to them.
"""

from __future__ import annotations

import gc
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

log = logging.getLogger("mkdocs.hooks.briefing")
ROOT = Path(__file__).resolve().parent.parent

# Search entries by page, from the last build that built each page. The module is loaded
# once per `mkdocs serve` process, so this lives as long as the server.
_search: dict[str, list[dict[str, Any]]] = {}
_state = {"dirty": False, "serving": False}
_pages: set[str] = set()
_built: set[str] = set()  # pages built by the current build


def on_startup(command, dirty, **kwargs):
    _state["dirty"] = bool(dirty)
    _state["serving"] = command == "serve"
    if command == "serve" and not os.environ.get("BRIEFING_POLL") and not os.environ.get("BRIEFING_HOOK_SKIP"):
        _watch().early()  # so that the first save after the first build reads only what changed
    # As in the CLI: the corpus kept between saves is many long-lived objects with few cycles.
    gc.set_threshold(100_000, 50, 100)


def on_config(config, **kwargs):
    _scan_only_tags_with_anchors()
    if _state["serving"]:
        # search_index.js is the search index again, for a site opened from a folder (file://), where
        # it cannot be fetched; the served preview fetches search_index.json. At 10,000 claims it is
        # 12 MB written on every save. `briefing build` and `mkdocs build` still write it.
        for plugin in config.plugins.values():
            if type(plugin).__module__.startswith("material.plugins.offline"):
                plugin.config.enabled = False
    return config


class _Compiled(jinja2.BytecodeCache):
    """The theme's templates compiled in earlier builds of this `mkdocs serve` process.

    MkDocs makes a new Jinja environment for every build, which compiles Material's templates
    again (about half a second a save at 10,000 claims). As a Jinja bytecode cache this keeps
    their code by name; Jinja compares the checksum of each template's source with the one the
    code was compiled from, and compiles it again when they differ.
    """

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled = _Compiled()


def on_env(env, config, files, **kwargs):
    if _state["serving"] and env.bytecode_cache is None:
        env.bytecode_cache = _compiled
    return env


# MkDocs runs every page's Markdown through an HTML parser, tag by tag, to learn which ids the
# page's raw HTML holds (so that a Markdown link to #such-an-id can be checked). On Briefing's
# pages, whose tables and lists are raw HTML, that was a quarter of the Markdown time, for the
# few tags that carry an id. The same parser now reads only the tags that can: those with an id
# or name attribute, comments and script or style contents set aside as the parser does. Same
# ids, same checks (tests/test_html_blocks.py compares the two on built pages). With another
# MkDocs, whose scan is not where this expects it, MkDocs' own scan runs.
_NOT_TAGS = re.compile(r"<!--.*?(?:-->|\Z)|(<(script|style)\b[^<>]*>).*?(?:</\2\s*>|\Z)", re.S | re.I)
_ANCHOR_TAG = re.compile(r"<([a-zA-Z][^\s/<>]*)[^<>]*?\s(?:id|name)(?=[\s=/>])[^<>]*>", re.I)


def _scan_only_tags_with_anchors():
    from mkdocs.structure import pages

    scan, handler = getattr(pages, "_RawHTMLPreprocessor", None), getattr(pages, "_HTMLHandler", None)
    if scan is None or handler is None or getattr(scan, "briefing_scan", False) or not callable(getattr(scan, "run", None)):
        return

    def run(self, lines):
        parser = handler()
        # Each tag closed at once: after <script> or <style>, the parser would read the rest as text.
        tags = _ANCHOR_TAG.finditer(_NOT_TAGS.sub(r"\1", "\n".join(lines)))
        parser.feed("\n".join(f"{tag[0]}</{tag[1]}>" for tag in tags))
        parser.close()
        self.present_anchor_ids = parser.present_anchor_ids
        return lines

    scan.mkdocs_run = scan.run
    scan.run = run
    scan.briefing_scan = True


def on_pre_build(config, **kwargs):
    # Whether the last build finished, and what changed in the docs folder since (see _leave_out_what_is_current).
    _state["was_complete"], _state["written"], _state["changed_docs"] = _state.pop("complete", False), frozenset(), None
    if os.environ.get("BRIEFING_HOOK_SKIP"):
        return
    from generator.cli import reference_pages
    from generator.errors import BriefingError, ValidationFailed
    from generator.live import regenerate

    started = time.perf_counter()
    watch = _watch()
    watch.docs = os.path.abspath(config.docs_dir)
    changed = watch.take()
    disturbed = watch.generating()
    report = None
    try:
        corpus, report, rendered = regenerate(ROOT, reference_pages(), changed, disturbed)
        _state["corpus"] = corpus  # for the review pages (see _add_review_pages)
        _state["written"] = frozenset(report.written) | frozenset(report.removed)
        if disturbed is not None:
            _state["changed_docs"] = _state["written"] | disturbed
    except ValidationFailed as failed:
        for problem in failed.problems:
            log.error(problem.format())
        _state["problems"] = [problem.format() for problem in failed.problems]  # shown as the page (see _ShowProblems)
        raise PluginError(f"{failed} Pages were not regenerated.") from None
    except BriefingError as error:
        raise PluginError(str(error)) from None
    finally:
        watch.wrote(report.written if report else (), report.removed if report else (), done=report is not None)
    watch.docs_too()
    log.info("briefing: %s: pages %s (%d rendered) in %.2f s", corpus.summary(), report.summary(), rendered, time.perf_counter() - started)


# What the search plugin reads, by page. Each page's citation list repeats quotes that the
# source pages hold in full, and the folded statements and notes under an estimate table repeat
# what the table and the source pages say; searching them too made the index grow with every
# claim. Rather than marking them data-search-exclude, which Material's parser would still read
# tag by tag, the search plugin is handed the page without them. Nor does it get the tags it
# passes over: plain links (their text stays) and the empty marker spans; a link with a class,
# such as a heading's permalink, which the parser must see to skip, is left alone. That is the
# same index from half the tags. The page gets its full content back before it is written.
_FOLDED = re.compile(r'<details class="info">.*?</details>', re.S)
# A source's facts (outlet, dates, SHA-256, the original's size) and a figure's "Reuse this figure" (file names,
# embed code, citations) are for the page, not for a reader's search: "100,000" found hashes and BibTeX before figures.
_NOT_SEARCHED = re.compile(r'<ul class="source-facts">.*?</ul>|<h2 id="reuse-this-figure">.*?(?=<h2[ >]|\Z)', re.S)
_CITATIONS = re.compile(r'<h2 id="citations">.*?(?=<h[1-6][ >]|\Z)', re.S)
_PASSED_OVER = re.compile(r'<a href="[^"]*"(?: title="[^"]*")?>(.*?)</a>|<span class="(?:claim-anchor|est)"(?: id="[^"]*")?></span>', re.S)
_SEARCH_ATTRIBUTES = re.compile(r'\s?data-search-\w+="[^"]+"')
_for_search: dict[str, tuple[str, str]] = {}


def on_page_content(html, page, config, files, **kwargs):
    searched = _PASSED_OVER.sub(r"\1", _CITATIONS.sub("", _NOT_SEARCHED.sub("", _FOLDED.sub("", html)), count=1))
    if _state["serving"] and page.file.src_uri in _review["notices"]:
        html = _review["notices"][page.file.src_uri] + html  # not searched: the preview's link to its review page
    if config.extra.get("search_engine") == "pagefind":
        html = _for_pagefind(html)
        if (page.meta.get("search") or {}).get("boost", 1) < 1:
            # Editors' pages: the search worker lists them after every reader page (Material's index has them boosted low).
            html = '<span data-pagefind-meta="audience:editors" hidden></span>' + html
        elif page.url.startswith("figures/") and not page.url.endswith("index.html"):
            # A figure's opening answer weighs as a heading: "100,000" finds the figure that was put at "up to 100,000".
            # So does each number in large type (a figure with one or two estimates has them instead of a chart).
            html = html.replace("<p>", '<p data-pagefind-weight="5">', 1).replace(
                '<span class="big-number">', '<span class="big-number" data-pagefind-weight="5">'
            )
    if searched != html:
        _for_search[page.url] = (searched, html)
    return html


def _for_pagefind(html):
    """The same exclusions for Pagefind, which skips an element marked data-pagefind-ignore with
    everything inside it: the folded blocks, and the Citations section (the page's last) in a
    wrapper. The spellings under "Also written as" weigh as much as the page's title, as
    Material's front-matter boost makes an actor page come first for any of its names."""
    html = html.replace('<details class="info">', '<details class="info" data-pagefind-ignore>')
    html = html.replace('<ul class="source-facts">', '<ul class="source-facts" data-pagefind-ignore>', 1)
    reuse = html.find('<h2 id="reuse-this-figure">')
    if reuse >= 0:
        end = html.find('<h2 id="citations"', reuse)
        end = len(html) if end < 0 else end
        html = f"{html[:reuse]}<div data-pagefind-ignore>{html[reuse:end]}</div>{html[end:]}"
    html = html.replace("<p><strong>Also written as:</strong>", '<p data-pagefind-weight="10"><strong>Also written as:</strong>', 1)
    start = html.find('<h2 id="citations"')
    return html if start < 0 else f"{html[:start]}<div data-pagefind-ignore>{html[start:]}</div>"


@event_priority(10)  # before the search plugin (0) reads the page
def _hand_search_what_it_indexes(context, page, config, nav, **kwargs):
    _built.add(page.url)
    if page.url in _for_search:
        page.content = _for_search[page.url][0]
    return context


@event_priority(-10)  # after the search plugin, before the theme renders the page
def _give_the_page_back(context, page, config, nav, **kwargs):
    if page.url in _for_search:
        full = _for_search.pop(page.url)[1]
        # As the search plugin does to what it read: data-search-* attributes are not for readers.
        page.content = _SEARCH_ATTRIBUTES.sub("", full) if "data-search-" in full else full
    return context


on_page_context = CombinedEvent(_hand_search_what_it_indexes, _give_the_page_back)


def on_files(files, config, **kwargs):
    if _state["serving"] and not os.environ.get("BRIEFING_HOOK_SKIP"):
        _add_review_pages(files, config)
    _pages.clear()
    _pages.update(f.url for f in files.documentation_pages())
    _built.clear()
    listed = frozenset(f.src_uri for f in files)
    if listed != _state.get("listed"):
        _state["listed"], _state["outputs"] = listed, {f.abs_dest_path for f in files}
    _leave_out_what_is_current(files, config)
    return files


# A save at 10,000 claims rewrites a few dozen of the docs folder's 25,000 files, and a dirty build
# builds only the pages whose source is newer than their output; but it still reads, places in the
# navigation, checks and lists in the sitemap every page, and compares the times of every file, on
# every save. While serving dirty, after a build that finished, when the pages are the same files as
# then, mkdocs.yml and the theme's overrides are unchanged, and the watcher saw every change to the
# docs folder (generating() returned a set), each file that neither the generator wrote nor anyone
# else changed since is marked excluded (File.inclusion, which plugins may set in on_files): MkDocs
# leaves it out of the pages it reads, builds and checks and of the files it copies, and its output
# from an earlier build stays served as it is. Links to it still resolve (MkDocs logs each at INFO:
# _Trimmed drops those lines). The navigation's own pages are never left out. The sitemap and the
# 404 page, which list the pages and the navigation, are not written again: both are unchanged.
def _leave_out_what_is_current(files, config):
    from mkdocs.structure.files import InclusionLevel

    changed, complete = _state.pop("changed_docs", None), _state.pop("was_complete", False)
    signature = (_state.get("listed"), _config_signature(config))
    same, _state["signature"] = _state.get("signature") == signature, signature
    _state["trimmed"] = frozenset()
    if not (_state["serving"] and _state["dirty"]):
        return
    keep = set(changed or ()) | _nav_files(config.nav) | _review.get("rebuilt", set())
    # A page that includes a fragment the generator rewrote (the home page includes _generated/home.md)
    # is older than its output: MkDocs would skip it. Its output is removed, so that it is built again.
    fragments = {rel.split("/", 1)[1] for rel in _state.get("written", ()) if rel.startswith("_generated/")}
    if fragments:
        for file in files.documentation_pages():
            if not file.src_uri.startswith("_generated/") and _includes(file.abs_src_path) & fragments:
                keep.add(file.src_uri)
                if os.path.isfile(file.abs_dest_path):
                    os.unlink(file.abs_dest_path)
    if changed is None or not (complete and same):
        return
    trimmed = set()
    for file in files:
        if file.src_dir == config.docs_dir and file.src_uri not in keep:
            file.inclusion = InclusionLevel.EXCLUDED
            trimmed.add(file.src_uri)
    _state["trimmed"] = frozenset(trimmed)
    config.theme.static_templates.difference_update({"sitemap.xml", "404.html"})
    log.info("briefing: %d files unchanged since the last build are served as it left them", len(trimmed))


_SNIPPET = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"', re.M)


def _includes(path):
    """The snippets (pymdownx.snippets) a hand-written page includes, by name."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return set()
    return {name.split("/")[-1] for name in _SNIPPET.findall(text)}


def _nav_files(nav):
    """The pages the navigation names."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return set().union(*(_nav_files(item) for item in nav))
    return set()


def _config_signature(config):
    """mkdocs.yml's and the theme overrides' files, by size and time: a change to either builds every page dirty would."""
    paths = [config.config_file_path] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        paths += sorted(os.path.join(folder, name) for folder, _, names in os.walk(custom) for name in names)
    signature = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        signature.append((path, info.st_size, info.st_mtime_ns))
    return tuple(signature)


class _Trimmed(logging.Filter):
    """Drops MkDocs' note for each link to a page this hook left out of a build (it is served, unchanged)."""

    _LINK = re.compile(r"contains a link to '(.+)' which is excluded from the built site\.$")

    def filter(self, record):
        trimmed = _state.get("trimmed")
        if not trimmed or record.levelno > logging.INFO:
            return True
        found = self._LINK.search(record.getMessage())
        return not (found and found[1] in trimmed)


logging.getLogger("mkdocs.structure.pages").addFilter(_Trimmed())


# The review pages of the drafts (generator.editor.review_page), only while serving: MkDocs builds
# them from a folder of this process's own, never from the docs folder, so `briefing build` and
# `mkdocs build` never see them. Each is written there only when its text changed, so that a dirty
# build passes over the unchanged ones; a page whose notice (its link to a review page) changed is
# built again.
_review: dict[str, Any] = {"notices": {}, "folder": None}


def _add_review_pages(files, config):
    import tempfile

    from mkdocs.structure.files import File

    from generator.editor.review_page import notices, pages
    from generator.errors import BriefingError

    corpus = _state.get("corpus")
    if corpus is None:
        return
    try:
        made, told = pages(ROOT, corpus), notices(ROOT, corpus)
    except (BriefingError, OSError) as error:
        log.warning("briefing: the review pages of the drafts were not made: %s", error)
        return
    if _review["folder"] is None:
        import atexit
        import shutil

        _review["folder"] = tempfile.mkdtemp(prefix="briefing-review-")
        atexit.register(shutil.rmtree, _review["folder"], True)  # gone with the preview
    folder = _review["folder"]
    for rel, text in made.items():
        if files.get_file_from_path(rel) is not None:
            continue  # a page of the docs folder keeps its address
        path = os.path.join(folder, *rel.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        if not os.path.isfile(path) or Path(path).read_bytes() != data:
            Path(path).write_bytes(data)
        files.append(File.generated(config, rel, abs_src_path=path))
    before, _review["notices"] = _review["notices"], told
    _review["rebuilt"] = set()
    for rel in set(before) | set(told):
        if before.get(rel) != told.get(rel) and (file := files.get_file_from_path(rel)) is not None:
            file.is_modified = lambda: True  # its notice changed: built again by a dirty build
            _review["rebuilt"].add(rel)  # and never left out of it (_leave_out_what_is_current)


def _remove_gone(config):
    """While serving: remove from the served site the files of pages that no longer exist (a dirty build leaves them)."""
    now = _state.get("outputs") or set()
    before, _state["served"] = _state.get("served"), now
    if not _state["serving"] or before is None:
        return
    site = os.path.abspath(config.site_dir)
    for path in before - now:
        if os.path.abspath(path).startswith(site + os.sep) and os.path.isfile(path):
            os.unlink(path)


@event_priority(50)  # before the search plugin (0) writes the index, and before offline (-100) copies it
def on_post_build(config, **kwargs):
    _remove_gone(config)
    _state["complete"] = True  # every page is served as this build left it (see _leave_out_what_is_current)
    search = next((p for p in config.plugins.values() if hasattr(p, "search_index") and hasattr(p, "search_index_prev")), None)
    if search is None or not hasattr(search.search_index, "entries"):
        return
    fresh: dict[str, list[dict[str, Any]]] = {}
    for entry in search.search_index.entries:
        fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
    if not _state["dirty"]:
        _search.clear()
        _search.update(fresh)
        return
    if not _search and _built < _pages:
        # The first build of this process was already dirty (`mkdocs build --dirty`): there is
        # no earlier index to complete it from.
        log.warning("briefing: a dirty build indexes only the pages it rebuilt for search; run `briefing build` for a complete index.")
    _search.update(fresh)
    for page in set(_search) - _pages - {""}:
        del _search[page]
    search.search_index.entries = [entry for entries in _search.values() for entry in entries]
    search.search_index_prev = None  # the list is complete: no merge with the previous build


def _watch():
    from generator.live import Watch

    if "watch" not in _state:
        _state["watch"] = Watch(ROOT / "data", Path(os.path.abspath(os.path.join(ROOT, "briefings"))))
    return _state["watch"]


def on_serve(server, config, builder, **kwargs):
    from generator.live import observer

    watched = getattr(server, "_watched_paths", None)  # what MkDocs watches so far: the docs folder and mkdocs.yml
    if isinstance(watched, dict) and not server.observer.is_alive():
        watch = _watch()
        watch.docs = os.path.abspath(config.docs_dir)
        counts = dict(watched)
        for path, count in counts.items():
            for _ in range(count):
                server.unwatch(path)
        server.observer = observer(watch, poll=bool(os.environ.get("BRIEFING_POLL")))
        for path, count in counts.items():
            for _ in range(count):
                server.watch(path)
    for folder in ("data", "site_templates"):
        server.watch(str(ROOT / folder))
    # A commit, checkout or pull changes what history says (dates, corrections, withdrawals): Git's
    # HEAD and refs are watched too (the Watch passes on only their events, not Git's index or objects).
    folders = _git_folders()
    _watch().git = tuple(folders)
    for folder, recursive in ((f, False) for f in folders):
        server.watch(folder, recursive=recursive)
        refs = os.path.join(folder, "refs")
        if os.path.isdir(refs):
            server.watch(refs)
    server.builder = _ShowProblems(server, server.builder)
    return server


def _git_folders():
    """The Git folders of the project (its own, and the common one of a worktree), or none outside Git."""
    import subprocess

    try:
        done = subprocess.run(["git", "rev-parse", "--absolute-git-dir", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError:
        return []
    if done.returncode != 0:
        return []
    return sorted({os.path.abspath(os.path.join(ROOT, line)) for line in done.stdout.splitlines() if line and os.path.isdir(os.path.join(ROOT, line))})


class _ShowProblems:
    """MkDocs' rebuild, which shows the validator's messages as every page while the data does not validate.

    MkDocs leaves the browser waiting for a build that failed ("the server will appear stuck"): here a
    failed regeneration serves one page, the messages, for every address, with MkDocs' reload script,
    so that the browser reloads into the site once a save fixes the data.
    """

    def __init__(self, server, builder):
        import tempfile

        self.server, self.builder = server, builder
        self.site, self.handler = server.root, server.error_handler
        self.empty = tempfile.mkdtemp(prefix="briefing-problems-")

    def __call__(self, *args, **kwargs):
        _state.pop("problems", None)
        try:
            self.builder(*args, **kwargs)
        except Exception:
            problems = _state.pop("problems", None)
            if problems is None:
                raise
            self.show(problems)
            return
        self.server.root, self.server.error_handler = self.site, self.handler

    def show(self, problems):
        import html

        lines = "".join(f"<li><code>{html.escape(line)}</code></li>\n" for line in problems)
        page = (
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Briefing: the data does not validate</title>\n</head>\n<body>\n'
            f"<h1>The data does not validate</h1>\n<p>{len(problems)} problem{'s' if len(problems) != 1 else ''}; no page was regenerated. "
            "Fix the files and save: this page reloads.</p>\n"
            f"<ul>\n{lines}</ul>\n</body>\n</html>\n"
        ).encode()
        server = self.server
        server.root = self.empty  # every address is "not found", and answered with the messages
        server.error_handler = lambda code: server._inject_js_into_html(page, server._visible_epoch)
