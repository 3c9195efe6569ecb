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
  (``git archive REV`` of its generator, templates, hook and configuration), and its variants,
  to report before and after in one run.

Builds alternate round by round (``--rounds``) and each site's median is kept. Then each site's
Markdown alone is timed in one process (every page rendered ``--repeat`` times, the fastest
kept), which the machine's load disturbs far less than whole builds. Times are per
Markdown page (the permanent addresses are HTML files MkDocs only copies); read the ratios,
the machine is shared. ``--write`` puts the table
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
_HTML_TABLE = re.compile(r"^<table>.*?^</table>\n", re.M | re.S)
_CITE = re.compile(r" ?\[\\\[\d+\\\]\]\([^)\s]*\)| ?<a href=\"[^\"]*\">\[\d+\]</a>")
_ESCAPE = re.compile(r"&#\d+;")
_ADMONITION = re.compile(r"^(?:\?\?\?|!!!)[^\n]*\n(?:(?:    [^\n]*)?\n)*|^<details class=\"info\">\n.*?^</details>\n", re.M | re.S)
_LINK = re.compile(r"\[((?:\\\]|[^\]])*)\]\([^)\s]*(?: \"[^\"]*\")?\)|<a href=\"[^\"]*\"(?: title=\"[^\"]*\")?>(.*?)</a>")
_SPAN = re.compile(r'<span class="(?:claim-anchor|est)"[^>]*></span>')


_LIST = re.compile(r"(?:^(?:- |\d+\. ).*\n(?:\n(?=- |\d+\. ))?)+", re.M)
_HTML_LIST = re.compile(r"(?<=\n\n)<(ul|ol)>\n.*?^</\1>\n", re.M | re.S)  # not the one inside <details>


def _drop_long_lists(text: str) -> str:
    """Lists of ten items or more (Markdown, loose or tight, or HTML blocks)."""
    text = _LIST.sub(lambda m: "" if len(re.findall(r"^(?:- |\d+\. )", m.group(0), re.M)) >= 10 else m.group(0), text)
    return _HTML_LIST.sub(lambda m: "" if m.group(0).count("<li>") >= 10 else m.group(0), text)


def _outside_citations(edit: Callable[[str], str]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        head, sep, tail = text.partition("\n## Citations\n")
        return edit(head) + sep + tail

    return apply


VARIANTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "tables": ("tables (estimate, period, origin tables)", lambda t: _HTML_TABLE.sub("", _TABLE.sub("", t))),
    "citation-lists": ("citation lists (## Citations)", lambda t: _CITATIONS.sub("", t)),
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
    archive = subprocess.run(
        ["git", "archive", rev, "generator", "site_templates", "hooks", "overrides", "mkdocs.yml", "briefings"], cwd=REPO, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(code, filter="data")
    make_project(dest / "project", claims, seed)
    for rel in ("site_templates", "hooks", "overrides", "mkdocs.yml", "briefings"):
        target = dest / "project" / rel
        if (code / rel).is_dir():
            shutil.copytree(code / rel, target, dirs_exist_ok=True)
        else:
            shutil.copy2(code / rel, target)
    # Ahead of the editable install of this checkout; run from the project, not from this checkout,
    # whose folder `python -m` would put first on the path.
    env = {**os.environ, "PYTHONPATH": str(code)}
    project = dest / "project"
    subprocess.run([sys.executable, "-m", "generator", "generate", "--root", str(project)], cwd=project, env=env, check=True, capture_output=True)


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


# Renders every page of the site in one process as MkDocs' build does (page.render: Markdown with
# the configured extensions and MkDocs' own link and anchor passes), each page REPEAT times,
# and prints the sum over pages of each page's fastest render: the part of the build that the
# constructs change, with the machine's noise (another process taking the core) filtered out.
_RENDER = """
import os, sys, time
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
config = load_config("mkdocs.yml")
config.plugins.on_startup(command="build", dirty=False)
config = config.plugins.on_config(config)
files = get_files(config)
get_navigation(files, config)
total = 0.0
for file in files.documentation_pages():
    file.page.read_source(config)
    best = float("inf")
    for _ in range(int(sys.argv[1])):
        started = time.process_time()
        file.page.render(config, files)
        best = min(best, time.process_time() - started)
    total += best
print(total)
"""


def render(root: Path, repeat: int) -> float:
    """CPU seconds MkDocs spends turning the site's Markdown into HTML (see _RENDER)."""
    env = {**os.environ, "BRIEFING_HOOK_SKIP": "1", "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-c", _RENDER, str(repeat)], cwd=root, env=env, check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def markdown_pages(root: Path) -> int:
    """The pages MkDocs renders from Markdown (the permanent addresses are plain HTML files it copies)."""
    docs = root / "briefings"
    return sum(1 for p in docs.rglob("*.md") if not p.relative_to(docs).as_posix().startswith("_generated/"))


def markdown_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in generated_pages(root))


# --- report ------------------------------------------------------------------------------------


def table(results: dict[str, dict[str, float]], pages: int, claims: int, compare: str | None, rounds: int, repeat: int, load: str, totals: bool = False) -> str:
    def ms(site: str) -> float:
        return results[site]["cpu"] * 1000 / pages

    def rms(site: str) -> float:
        return results[site]["render"] * 1000 / pages

    bases = ["before", "ours"] if compare else ["ours"]
    lines = [
        f"Command: `python bench/mkdocs_cost.py --claims {claims}{f' --compare {compare}' if compare else ''} --rounds {rounds} --repeat {repeat}{' --totals' if totals else ''}`: "
        f"median of {rounds} builds of each site, alternating; {pages} Markdown pages; load average before the run {load}.",
        "",
        "| Pages | build: CPU ms per page | × plain | wall ms per page | Markdown alone: CPU ms per page | × plain | Markdown bytes |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    names = {"plain": "plain pages (same headings and words, paragraphs only)", "ours": "our pages", "before": f"our pages before (`{compare}`)"}
    if compare:
        names["ours"] = "our pages after (this branch)"
    for site in ["plain", *bases]:
        r = results[site]
        lines.append(
            f"| {names[site]} | {ms(site):.1f} | {ms(site) / ms('plain'):.2f} | {r['wall'] * 1000 / pages:.1f} "
            f"| {rms(site):.1f} | {rms(site) / rms('plain'):.2f} | {int(r['bytes']):,} |"
        )
    if compare:
        lines.append(f"| after / before | {ms('ours') / ms('before'):.2f} | | | {rms('ours') / rms('before'):.2f} | | |")
    lines += [
        "",
        "What each construct costs: our pages minus the same pages with that construct taken out, CPU ms per page,",
        "for the whole build and for the Markdown alone (the search plugin works on the HTML, after the Markdown).",
        "",
    ]
    head = " | ".join(f"{names[b].split(' (')[0]}: build | Markdown alone" for b in bases)
    lines += [f"| Construct taken out | {head} |", "| --- |" + " --- | --- |" * len(bases)]
    for key, (label, _edit) in [
        *({} if totals else VARIANTS).items(),
        ("no-search", ("the search plugin (parsing each page's HTML, writing the index)", None)),
    ]:
        cells = []
        for base in bases:
            name = key if base == "ours" else f"before-{key}"
            saved, rsaved = ms(base) - ms(name), rms(base) - rms(name)
            cells.append(f"{saved:.1f} ({saved / ms(base):.0%}) | {'—' if key == 'no-search' else f'{rsaved:.1f} ({rsaved / rms(base):.0%})'}")
        lines.append(f"| {label} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1, help="builds of each site, alternating; the median is kept")
    parser.add_argument("--repeat", type=int, default=2, help="renders of each page when timing the Markdown alone; the fastest is kept")
    parser.add_argument("--compare", metavar="REV", help="also build, and take apart, the pages that git revision REV generates")
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench/mkdocs-cost"))
    parser.add_argument("--write", action="store_true", help="write the table into BENCHMARKS.md")
    parser.add_argument("--totals", action="store_true", help="time only the plain pages and ours (and REV's): no construct taken out")
    args = parser.parse_args()

    work = args.work
    ours = work / "ours"
    print(f"synth {args.claims} claims and generate", flush=True)
    make_project(ours, args.claims, args.seed)
    generate(ours)
    build(ours)  # the plain pages are made from the built pages' text
    roots = {"ours": ours}
    if args.compare:
        print(f"generate with {args.compare}", flush=True)
        export_revision(args.compare, work / "before", args.claims, args.seed)
        roots["before"] = work / "before" / "project"
    print("prepare the plain pages and the variants", flush=True)
    make_plain(ours, work / "plain")
    roots["plain"] = work / "plain"
    for base in list(k for k in roots if k != "plain"):
        prefix = "" if base == "ours" else f"{base}-"
        without_search(roots[base], work / f"{prefix}no-search")
        roots[f"{prefix}no-search"] = work / f"{prefix}no-search"
        for key, (_label, edit) in {} if args.totals else VARIANTS.items():
            make_variant(roots[base], work / f"{prefix}{key}", edit)
            roots[f"{prefix}{key}"] = work / f"{prefix}{key}"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in roots}
    for round_ in range(args.rounds):
        for name, root in roots.items():
            times[name].append(build(root))
            print(f"round {round_ + 1} {name}: {times[name][-1][0]:.1f} s CPU, {times[name][-1][1]:.1f} s wall", flush=True)
    pages = markdown_pages(ours)
    for name, root in roots.items():
        if markdown_pages(root) != pages:
            print(f"warning: {name} has {markdown_pages(root)} Markdown pages, ours {pages}", file=sys.stderr)
    renders = {}
    for name, root in roots.items():
        renders[name] = render(root, args.repeat)
        print(f"render {name}: {renders[name]:.2f} s CPU", flush=True)
    results = {
        name: {
            "cpu": statistics.median(c for c, _ in t),
            "wall": statistics.median(w for _, w in t),
            "render": renders[name],
            "bytes": markdown_bytes(roots[name]),
        }
        for name, t in times.items()
    }
    report = table(results, pages, args.claims, args.compare, args.rounds, args.repeat, load, args.totals)
    print(report)
    (REPO / "bench" / "mkdocs_cost.json").write_text(
        json.dumps({"pages": pages, "claims": args.claims, "load": load, "results": results}, indent=1) + "\n", encoding="utf-8"
    )
    if args.write:
        path = REPO / "BENCHMARKS.md"
        text = path.read_text(encoding="utf-8")
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        path.write_text(f"{head}{START}\n{report}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
