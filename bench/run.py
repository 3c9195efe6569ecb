"""Benchmark Briefing on synthetic corpora: validate, generate, mkdocs build, one-claim edits.

Run from the repository root (``make bench`` runs the default sizes)::

    .venv/bin/python bench/run.py --sizes 1000,10000,100000

For each size it writes a synthetic project into a scratch folder (``--work``, default
``/tmp/briefing-bench``), then measures, each step in its own child process so that its
peak RSS is its own:

- ``briefing validate``, then again with nothing changed (the cache of validated files), and
  ``briefing generate`` (from empty output, without either cache);
- ``mkdocs build --strict`` of the generated pages (skipped past ``--build-max`` claims);
- the site: HTML pages, bytes, search-index bytes, the largest page, and what a reader
  downloads for a figure page and for the first search;
- one claim edited: generate again with the render cache, counting the pages rendered and
  rewritten, and once more with ``--no-cache``; then
  ``mkdocs build --dirty``; and, with ``--serve``, the time from saving the YAML until
  ``mkdocs serve --dirty`` (with the live-reload hook) serves the changed page.

Results go to ``bench/results.json`` and into the table between the markers in
``BENCHMARKS.md``. It is a benchmark, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from generator.project import SITE_FILES

REPO = Path(__file__).resolve().parent.parent
START, END = "<!-- bench:start -->", "<!-- bench:end -->"

# Runs one command in a fresh interpreter and reports its wall time, and the CPU time (user +
# system) and peak RSS of its process tree (RUSAGE_CHILDREN of this wrapper is only that command).
# On a shared machine CPU time moves far less with the load than wall time.
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "code": done.returncode, "stdout": done.stdout[-2000:]}))
"""


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-c", _MEASURE, *command], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    stats = json.loads(result.stdout.strip().splitlines()[-1])
    if stats["code"] != 0:
        raise SystemExit(f"{' '.join(command)} failed with exit code {stats['code']}")
    return stats


def briefing(*args: str) -> list[str]:
    return [str(REPO / ".venv/bin/briefing"), *args]


def mkdocs(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args, "--config-file", str(root / "mkdocs.yml")]


def make_project(root: Path, claims: int, seed: int) -> None:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for rel in SITE_FILES:
        src, dest = REPO / rel, root / rel
        if src.is_dir():
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
    subprocess.run(briefing("synth", "--root", str(root), "--claims", str(claims), "--seed", str(seed)), check=True, capture_output=True)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def site_stats(site: Path) -> dict[str, Any]:
    pages = sorted(site.rglob("*.html"))
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    index_js = site / "search" / "search_index.js"
    # The heaviest figure page: HTML and chart, plus what every page loads (CSS, JS).
    figures = [p for p in (site / "figures").glob("*.html") if p.name != "index.html" and "--" not in p.name]
    figure = max(figures, key=lambda p: p.stat().st_size)
    chart = figure.with_suffix(".svg")
    html = figure.read_text(encoding="utf-8")
    assets = [site / "figures" / ref for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)]
    shared = sum(p.stat().st_size for p in assets if p.is_file())
    shared_gz = sum(gz(p) for p in assets if p.is_file())
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js"), None)
    first_search = [p for p in (index_js, worker) if p and p.is_file()]
    return {
        "html_pages": len(pages),
        "site_bytes": total,
        "bytes_per_page": total / len(pages),
        "largest_page": f"{largest.relative_to(site)}",
        "largest_page_bytes": largest.stat().st_size,
        "search_index_bytes": index.stat().st_size if index.exists() else 0,
        "search_index_gz": gz(index) if index.exists() else 0,
        "search_entries": len(json.loads(index.read_text(encoding="utf-8"))["docs"]) if index.exists() else 0,
        "search_bytes_per_page": (index.stat().st_size / len(pages)) if index.exists() else 0,
        "figure_page": f"{figure.relative_to(site)}",
        "figure_download": figure.stat().st_size + chart.stat().st_size + shared,
        "figure_download_gz": gz(figure) + gz(chart) + shared_gz,
        "first_search": sum(p.stat().st_size for p in first_search),
        "first_search_gz": sum(gz(p) for p in first_search),
    }


def pick_claim(root: Path) -> tuple[Path, str]:
    """A claim by the actor with the most claims (the one whose pages are split): the hardest edit."""
    counts: dict[str, list[Path]] = {}
    for path in sorted((root / "data/claims").glob("*.yml")):
        actor = re.search(r"^actor: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        assert actor
        counts.setdefault(actor.group(1), []).append(path)
    busiest = max(counts.values(), key=len)
    path = busiest[len(busiest) // 2]
    statement = re.search(r'^statement: "(.*)"$', path.read_text(encoding="utf-8"), re.M)
    assert statement
    return path, statement.group(1)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'statement: "{old}"', f'statement: "{new}"', 1), encoding="utf-8")


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def serve_reload(root: Path, claim: Path, statement: str, page: str) -> dict[str, float]:
    """Seconds from saving a claim's YAML until `mkdocs serve --dirty` serves the changed page."""
    port = free_port()
    log = (root / "serve.log").open("w")
    server = subprocess.Popen(
        mkdocs(root, "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"), cwd=root, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        started = time.perf_counter()
        while (body := fetch(url)) is None or statement not in body:
            if time.perf_counter() - started > 1800:
                raise SystemExit("mkdocs serve did not come up in 30 minutes")
            time.sleep(0.5)
        first_build = time.perf_counter() - started
        time.sleep(2)  # let the watcher settle
        new = statement.replace(".", " (edited in the benchmark).", 1)
        edit(claim, statement, new)
        saved = time.perf_counter()
        while (body := fetch(url)) is None or "edited in the benchmark" not in body:
            if time.perf_counter() - saved > 300:
                raise SystemExit("the edit never reached the served page")
            time.sleep(0.05)
        reload = time.perf_counter() - saved
        search = fetch(f"http://127.0.0.1:{port}/search/search_index.json") or ""
        docs = len(json.loads(search)["docs"]) if search else 0
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        edit(claim, new, statement)
    return {"serve_first_build_s": first_build, "serve_reload_s": reload, "serve_search_docs_after_edit": docs}


def run_size(claims: int, args: argparse.Namespace) -> dict[str, Any]:
    root = Path(args.work) / f"claims-{claims}"
    print(f"== {claims} claims in {root}", flush=True)
    make_project(root, claims, args.seed)
    out: dict[str, Any] = {"claims": claims}
    out["validate"] = measure(briefing("validate", "--root", str(root)), root)
    # Nothing changed: every file's digest is in .briefing-cache/validated.pickle.
    out["validate_again"] = measure(briefing("validate", "--root", str(root)), root)
    shutil.rmtree(root / ".briefing-cache")  # generate from empty: no cache of any kind
    out["generate"] = measure(briefing("generate", "--root", str(root)), root)
    docs = root / "briefings"
    out["generated_files"] = len(json.loads((docs / ".briefing-manifest.json").read_text())["files"])
    out["generated_pages"] = sum(1 for f in json.loads((docs / ".briefing-manifest.json").read_text())["files"] if f.endswith(".md"))
    print(f"   validate {out['validate']['wall']:.1f}s, generate {out['generate']['wall']:.1f}s", flush=True)
    claim, statement = pick_claim(root)
    before = mtimes(docs)
    edit(claim, statement, statement.replace(".", " (edited).", 1))
    out["regenerate"] = measure(briefing("generate", "--root", str(root)), root)
    rendered = re.search(r"^Rendered ([\d,]+) of ([\d,]+) files", out["regenerate"]["stdout"], re.M)
    out["pages_rendered"] = rendered.group(1) if rendered else "all"
    after = mtimes(docs)
    rewritten = sorted(p for p in after if before.get(p) != after[p] and p.endswith((".md", ".svg", ".json", ".csv")) and not p.startswith("."))
    out["pages_rewritten"] = len(rewritten)
    out["rewritten"] = rewritten
    # The same edit without the render cache: every page rendered, as before the cache.
    edit(claim, statement.replace(".", " (edited).", 1), statement.replace(".", " (edited again).", 1))
    out["regenerate_cold"] = measure(briefing("generate", "--no-cache", "--root", str(root)), root)
    edit(claim, statement.replace(".", " (edited again).", 1), statement)
    subprocess.run(briefing("generate", "--root", str(root)), check=True, capture_output=True)
    print(f"   one edit: generate {out['regenerate']['wall']:.1f}s with the cache, {out['regenerate_cold']['wall']:.1f}s without", flush=True)
    if claims <= args.build_max:
        env = {**os.environ, "BRIEFING_HOOK_SKIP": "1"}
        out["build"] = measure(mkdocs(root, "build", "--strict"), root, env)
        print(f"   mkdocs build {out['build']['wall']:.1f}s", flush=True)
        out.update(site_stats(root / "site"))
        for unit in ("wall", "cpu"):
            suffix = "" if unit == "wall" else "_cpu"
            out["generator_share" + suffix] = (out["validate"][unit] + out["generate"][unit]) / out["build"][unit]
            out["validate_share" + suffix] = out["validate"][unit] / out["build"][unit]
            # `briefing build` runs generate (which validates first) and then MkDocs: its generator share.
            out["pipeline_share" + suffix] = out["generate"][unit] / out["build"][unit]
        edit(claim, statement, statement.replace(".", " (edited).", 1))
        subprocess.run(briefing("generate", "--root", str(root)), check=True, capture_output=True)
        # Into a copy (copytree keeps modification times): a dirty build writes a search index of
        # the rebuilt pages only, and the full site stays as built for inspection.
        shutil.copytree(root / "site", root / "site-dirty")
        out["dirty_build"] = measure(mkdocs(root, "build", "--dirty", "--no-strict", "--site-dir", str(root / "site-dirty")), root, env)
        out["dirty_search_index_bytes"] = (root / "site-dirty/search/search_index.json").stat().st_size
        edit(claim, statement.replace(".", " (edited).", 1), statement)
        subprocess.run(briefing("generate", "--root", str(root)), check=True, capture_output=True)
        if claims in args.serve:
            page = next(p for p in rewritten if p.startswith("actors/")).replace(".md", ".html")
            out.update(serve_reload(root, claim, statement, page))
            print(f"   serve reload {out['serve_reload_s']:.2f}s", flush=True)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return out


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    versions = subprocess.run(
        [sys.executable, "-c", "import mkdocs, material, jinja2, jsonschema; print(mkdocs.__version__, material.__version__)"], capture_output=True, text=True
    ).stdout.split()
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "mkdocs": versions[0] if versions else "?",
        "material": versions[1] if len(versions) > 1 else "?",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 * 10 else f"{n / 1024 / 1024:,.1f} MB"


def table(results: list[dict[str, Any]], info: dict[str, str], command: str) -> str:
    sizes = [r["claims"] for r in results]
    head = "| | " + " | ".join(f"{s:,} claims" for s in sizes) + " |\n|---|" + "---|" * len(sizes) + "\n"

    def row(label: str, fn: Any) -> str:
        cells = []
        for r in results:
            try:
                cells.append(fn(r))
            except KeyError:
                cells.append("—")
        return f"| {label} | " + " | ".join(cells) + " |\n"

    step = lambda name: lambda r: f"{r[name]['wall']:.1f} s ({r[name]['cpu']:.1f} s CPU), {r[name]['rss_mb']:,.0f} MB"  # noqa: E731
    share = lambda name: lambda r: f"{r[name]:.1%} ({r[name + '_cpu']:.1%})"  # noqa: E731
    body = head + "".join(
        [
            row("validate (wall (CPU), peak RSS)", step("validate")),
            row("validate again, nothing changed (cache of validated files)", step("validate_again")),
            row(
                "validate again / validate, wall (CPU)",
                lambda r: f"{r['validate_again']['wall'] / r['validate']['wall']:.1%} ({r['validate_again']['cpu'] / r['validate']['cpu']:.1%})",
            ),
            row("generate from empty", step("generate")),
            row("mkdocs build --strict", step("build")),
            row("validate / build, wall (CPU)", share("validate_share")),
            row("generator share: (validate + generate) / build, wall (CPU)", share("generator_share")),
            row("generator share in `briefing build`: generate / build, wall (CPU)", share("pipeline_share")),
            row("generated files (Markdown pages)", lambda r: f"{r['generated_files']:,} ({r['generated_pages']:,})"),
            row("HTML pages", lambda r: f"{r['html_pages']:,}"),
            row("site bytes", lambda r: kb(r["site_bytes"])),
            row("site bytes per page", lambda r: kb(r["bytes_per_page"])),
            row("largest page", lambda r: f"{kb(r['largest_page_bytes'])} ({r['largest_page']})"),
            row("search index (gzip)", lambda r: f"{kb(r['search_index_bytes'])} ({kb(r['search_index_gz'])})"),
            row("search-index bytes per page", lambda r: kb(r["search_bytes_per_page"])),
            row("figure page download, gzip (HTML + chart + CSS/JS)", lambda r: f"{kb(r['figure_download'])}, {kb(r['figure_download_gz'])}"),
            row("first search download, gzip (index + worker)", lambda r: f"{kb(r['first_search'])}, {kb(r['first_search_gz'])}"),
            row("one claim edited: generate (render cache)", step("regenerate")),
            row("one claim edited: files rendered / rewritten", lambda r: f"{r['pages_rendered']} / {r['pages_rewritten']}"),
            row("one claim edited: generate --no-cache", step("regenerate_cold")),
            row("one claim edited: mkdocs build --dirty", step("dirty_build")),
            row("search index written by that dirty build", lambda r: kb(r["dirty_search_index_bytes"])),
            row("mkdocs serve --dirty: first build", lambda r: f"{r['serve_first_build_s']:.1f} s"),
            row("mkdocs serve --dirty: save to page served", lambda r: f"{r['serve_reload_s']:.2f} s"),
            row("search entries: full build / served after the edit", lambda r: f"{r['search_entries']:,} / {r['serve_search_docs_after_edit']:,}"),
        ]
    )
    machine_line = (
        f"Machine: {info['cpus']} CPUs ({info['cpu']}), load average before the run {info['load_before']}; "
        f"Python {info['python']}, MkDocs {info['mkdocs']}, Material {info['material']}; {info['date']}."
    )
    return f"{START}\nCommand: `{command}`\n\n{machine_line}\n\n{body}{END}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="claim counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--build-max", type=int, default=10000, help="largest size that also runs mkdocs build")
    parser.add_argument("--serve", default="10000", help="sizes that also measure the mkdocs serve --dirty reload, comma-separated")
    parser.add_argument("--work", default="/tmp/briefing-bench", help="scratch folder for the synthetic projects")
    parser.add_argument("--keep", action="store_true", help="keep the projects after measuring")
    parser.add_argument("--no-write", action="store_true", help="print results without updating BENCHMARKS.md")
    parser.add_argument("--results", default="bench/results.json", help="where to write the raw numbers (relative to the repository)")
    args = parser.parse_args()
    args.serve = {int(s) for s in args.serve.split(",") if s}
    info = machine()
    results = [run_size(int(n), args) for n in args.sizes.split(",")]
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    (REPO / args.results).write_text(json.dumps({"machine": info, "command": command, "results": results}, indent=1) + "\n")
    text = table(results, info, command)
    print(text)
    if not args.no_write:
        bench = REPO / "BENCHMARKS.md"
        current = bench.read_text(encoding="utf-8") if bench.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
        before, _, rest = current.partition(START)
        _, _, after = rest.partition(END)
        bench.write_text(before + text + after, encoding="utf-8")


if __name__ == "__main__":
    main()
