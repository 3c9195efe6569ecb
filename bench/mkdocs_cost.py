"""What MkDocs spends on Briefing's pages, against plain pages, and on which construct.

Run from the repository root::

    .venv/bin/python bench/mkdocs_cost.py --claims 1000 --compare main

It writes the synthetic project (``briefing synth --claims N --seed 1``) into a scratch folder,
generates its pages, and times ``mkdocs build`` (the hook skipped, as ``briefing build`` does)
as a child process, CPU time (user + system) and wall, over these sites of the same pages:

- **ours**: the generated pages as they are;
- **plain**: one page per generated page, with the same headings and the same words a reader
  sees (the text of the built page's article), in paragraphs of 60 words and nothing else: no
  links, tables, lists or escapes. That is what MkDocs spends on briefing-like pages;
- **without X**: the generated pages with one construct taken out (the regular expressions
  are in ``VARIANTS``), and one build without the search plugin. What the construct costs is
  ours minus that build;
- with ``--compare REV``: the pages that revision's generator writes for the same data
  (``git archive REV`` of its generator, templates, hook and configuration), to report before
  and after in one run.

Builds alternate round by round (``--rounds``) and each site's median is kept. Times are per
HTML page of the site; read the ratios, the machine is shared. ``--write`` puts the table
into ``BENCHMARKS.md`` between the ``mkdocs-cost`` markers. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import REPO, make_project  # noqa: E402

START, END = "<!-- mkdocs-cost:start -->", "<!-- mkdocs-cost:end -->"


# --- variants: the generated Markdown with one construct taken out ------------------------------

_TABLE = re.compile(r"^\|.*\n", re.M)
_CITATIONS = re.compile(r"^## Citations\n.*?(?=^## |^<script|^<!-- |\Z)", re.M | re.S)
_HTML_CITATIONS = re.compile(r'^<ol class="citations">.*?^</ol>\n', re.M | re.S)
_HTML_TABLE = re.compile(r"^<table>.*?^</table>\n", re.M | re.S)
_CITE = re.compile(r" ?\[\\\[\d+\\\]\]\([^)\s]*\)| ?<a href=\"[^\"]*\">\[\d+\]</a>")
_ESCAPE = re.compile(r"&#\d+;")
_ADMONITION = re.compile(r"^(?:\?\?\?|!!!)[^\n]*\n(?:(?:    [^\n]*)?\n)*", re.M)
_LINK = re.compile(r"\[((?:\\\]|[^\]])*)\]\([^)\s]*(?: \"[^\"]*\")?\)|<a href=\"[^\"]*\"(?: title=\"[^\"]*\")?>(.*?)</a>")
_SPAN = re.compile(r'<span class="(?:claim-anchor|est)"[^>]*></span>')


_LIST = re.compile(r"(?:^(?:- |\d+\. ).*\n(?:\n(?=- |\d+\. ))?)+", re.M)


def _drop_long_lists(text: str) -> str:
    """Lists of ten items or more (loose or tight)."""
    return _LIST.sub(lambda m: "" if len(re.findall(r"^(?:- |\d+\. )", m.group(0), re.M)) >= 10 else m.group(0), text)


def _outside_citations(edit: Callable[[str], str]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        head, sep, tail = text.partition("\n## Citations\n")
        return edit(head) + sep + tail

    return apply


VARIANTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "tables": ("tables (estimate, period, origin tables)", lambda t: _HTML_TABLE.sub("", _TABLE.sub("", t))),
    "citation-lists": ("citation lists (## Citations)", lambda t: _HTML_CITATIONS.sub("", _CITATIONS.sub("", t))),
    "cite-markers": ("inline citation numbers [n]", lambda t: _CITE.sub("", t)),
    "long-lists": ("lists of 10 or more items (outside citations)", _outside_citations(_drop_long_lists)),
    "escapes": ("inline escapes (&#NN; character references)", lambda t: _ESCAPE.sub("x", t)),
    "admonitions": ("admonitions and details blocks (!!! / ???)", lambda t: _ADMONITION.sub("", t)),
    "links": ("every link, its text kept", lambda t: _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), t)),
    "spans": ("claim anchors and estimate markers (inline HTML)", lambda t: _SPAN.sub("", t)),
}


# --- the plain baseline ------------------------------------------------------------------------


class _Article(HTMLParser):
    """The headings and visible words of a built page's article, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # ("h1"/"h2"/"h3"/"p", text)
        self._depth = 0
        self._in_article = False
        self._heading: str | None = None
        self._skip = 0
        self._text: list[str] = []

    def _flush(self, kind: str) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append((kind, text))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article = True
        elif self._in_article and tag in ("h1", "h2", "h3"):
            self._flush("p")
            self._heading = tag
        elif self._in_article and tag in ("script", "style", "svg"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._flush("p")
            self._in_article = False
        elif self._heading and tag == self._heading:
            self._flush(self._heading)
            self._heading = None
        elif tag in ("script", "style", "svg") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_article and not self._skip:
            self._text.append(data.replace("¶", ""))


_PLAIN_DROP = str.maketrans({c: " " for c in "\\`*_{}[]()#!|<>&~^\"'$+-=:"})


def plain_page(built_html: str, front_matter: str) -> str:
    """Same headings and words as the built page, as paragraphs of 60 words."""
    parser = _Article()
    parser.feed(built_html)
    lines = [front_matter] if front_matter else []
    for kind, text in parser.blocks:
        words = text.translate(_PLAIN_DROP).split()
        if kind != "p":
            lines.append(f"{'#' * int(kind[1])} {' '.join(words)}\n")
            continue
        for i in range(0, len(words), 60):
            lines.append(" ".join(words[i : i + 60]) + "\n")
    return "\n".join(lines)


# --- building ----------------------------------------------------------------------------------


def generated_pages(root: Path) -> list[Path]:
    docs = root / "briefings"
    files = json.loads((docs / ".briefing-manifest.json").read_text(encoding="utf-8"))["files"]
    return [docs / f for f in files if f.endswith(".md") and not f.startswith("_generated/")]


def clone(src: Path, dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("site", "data", ".briefing-cache"))


_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)


def make_variant(ours: Path, dest: Path, edit: Callable[[str], str]) -> None:
    clone(ours, dest)
    for page in generated_pages(dest):
        text = page.read_text(encoding="utf-8")
        front = _FRONT.match(text)
        head = front.group(0) if front else ""
        page.write_text(head + edit(text[len(head) :]), encoding="utf-8")


def make_plain(ours: Path, dest: Path) -> None:
    clone(ours, dest)
    site = ours / "site"
    for page in generated_pages(dest):
        rel = page.relative_to(dest / "briefings").with_suffix(".html")
        text = page.read_text(encoding="utf-8")
        front = _FRONT.match(text)
        page.write_text(plain_page((site / rel).read_text(encoding="utf-8"), front.group(0) if front else ""), encoding="utf-8")


def without_search(ours: Path, dest: Path) -> None:
    clone(ours, dest)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:\n  - search\n", "plugins:\n"), encoding="utf-8")
    assert "  - search\n" not in config.read_text(encoding="utf-8")


def export_revision(rev: str, dest: Path, claims: int, seed: int) -> None:
    """The project as revision REV would generate it: its generator, templates, hook and config."""
    shutil.rmtree(dest, ignore_errors=True)
    code = dest / "code"
    code.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "generator", "site_templates", "hooks", "overrides", "mkdocs.yml", "briefings"], cwd=REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(code, filter="data")
    make_project(dest / "project", claims, seed)
    for rel in ("site_templates", "hooks", "overrides", "mkdocs.yml", "briefings"):
        target = dest / "project" / rel
        if (code / rel).is_dir():
            shutil.copytree(code / rel, target, dirs_exist_ok=True)
        else:
            shutil.copy2(code / rel, target)
    env = {**os.environ, "PYTHONPATH": str(code)}  # ahead of the editable install of this checkout
    subprocess.run([sys.executable, "-m", "generator", "generate", "--root", str(dest / "project")], env=env, check=True, capture_output=True)


def generate(root: Path) -> None:
    subprocess.run([sys.executable, "-m", "generator", "generate", "--root", str(root)], check=True, capture_output=True)


def build(root: Path) -> tuple[float, float]:
    """CPU seconds (user + system) and wall seconds of one ``mkdocs build`` of ROOT."""
    env = {**os.environ, "BRIEFING_HOOK_SKIP": "1", "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(root / "mkdocs.yml")], cwd=root, env=env, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def html_pages(root: Path) -> int:
    return sum(1 for _ in (root / "site").rglob("*.html"))


def markdown_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in generated_pages(root))


# --- report ------------------------------------------------------------------------------------


def table(results: dict[str, dict[str, float]], pages: int, claims: int, compare: str | None) -> str:
    def ms(site: str) -> float:
        return results[site]["cpu"] * 1000 / pages

    ours = ms("ours")
    lines = [
        f"Command: `python bench/mkdocs_cost.py --claims {claims}{f' --compare {compare}' if compare else ''}`, "
        f"median of {int(results['ours']['rounds'])} rounds; {pages} HTML pages; CPU time of `mkdocs build` per HTML page "
        f"(load average before the run {results['ours']['load']}).",
        "",
        "| Site | ms per page (CPU) | wall ms per page | × plain | Markdown bytes |",
        "| --- | --- | --- | --- | --- |",
    ]
    order = ["plain", *(["before"] if compare else []), "ours"]
    names = {"plain": "plain pages (same headings and words, paragraphs only)", "ours": "our pages", "before": f"our pages at `{compare}`"}
    for site in order:
        r = results[site]
        lines.append(f"| {names[site]} | {ms(site):.1f} | {r['wall'] * 1000 / pages:.1f} | {ms(site) / ms('plain'):.2f} | {int(r['bytes']):,} |")
    lines += ["", "What each construct costs: our pages' build minus a build of the same pages with the construct taken out.", ""]
    lines += ["| Construct taken out | ms per page (CPU) | share of our cost |", "| --- | --- | --- |"]
    for key, (label, _edit) in VARIANTS.items():
        saved = ours - ms(key)
        lines.append(f"| {label} | {saved:.1f} | {saved / ours:.0%} |")
    saved = ours - ms("no-search")
    lines.append(f"| the search plugin (parsing each page's HTML, writing the index) | {saved:.1f} | {saved / ours:.0%} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1, help="builds of each site, alternating; the median is kept")
    parser.add_argument("--compare", metavar="REV", help="also build the pages that git revision REV generates")
    parser.add_argument("--only", help="comma-separated sites to build (ours, plain, before, no-search, or a variant)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench/mkdocs-cost"))
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    args = parser.parse_args()

    work = args.work
    ours = work / "ours"
    print(f"synth {args.claims} claims and generate", flush=True)
    make_project(ours, args.claims, args.seed)
    generate(ours)
    sites: dict[str, Callable[[Path], None]] = {}
    if args.compare:
        sites["before"] = lambda dest: export_revision(args.compare, dest.parent, args.claims, args.seed)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    build(ours)  # the plain pages are made from the built pages' text
    sites["plain"] = lambda dest: make_plain(ours, dest)
    sites["no-search"] = lambda dest: without_search(ours, dest)
    for key, (_label, edit) in VARIANTS.items():
        sites[key] = lambda dest, edit=edit: make_variant(ours, dest, edit)
    wanted = set(args.only.split(",")) if args.only else None
    roots = {"ours": ours}
    for name, make in sites.items():
        if wanted and name not in wanted and name != "plain":
            continue
        root = work / name if name != "before" else work / "before" / "project"
        print(f"prepare {name}", flush=True)
        make(root)
        roots[name] = root
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in roots}
    for round_ in range(args.rounds):
        for name, root in roots.items():
            times[name].append(build(root))
            print(f"round {round_ + 1} {name}: {times[name][-1][0]:.1f} s CPU, {times[name][-1][1]:.1f} s wall", flush=True)
    pages = html_pages(ours)
    for name, root in roots.items():
        if html_pages(root) != pages:
            print(f"warning: {name} has {html_pages(root)} HTML pages, ours {pages}", file=sys.stderr)
    results = {
        name: {"cpu": statistics.median(c for c, _ in t), "wall": statistics.median(w for _, w in t), "bytes": markdown_bytes(roots[name]), "rounds": args.rounds, "load": load}
        for name, t in times.items()
    }
    if wanted:
        for name, r in results.items():
            print(f"{name}: {r['cpu'] * 1000 / pages:.1f} ms CPU per page, {r['wall'] * 1000 / pages:.1f} ms wall, {int(r['bytes']):,} Markdown bytes")
        return
    report = table(results, pages, args.claims, args.compare)
    print(report)
    (REPO / "bench" / "mkdocs_cost.json").write_text(json.dumps({"pages": pages, "claims": args.claims, "results": results}, indent=1) + "\n", encoding="utf-8")
    if args.write:
        path = REPO / "BENCHMARKS.md"
        text = path.read_text(encoding="utf-8")
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        path.write_text(f"{head}{START}\n{report}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
