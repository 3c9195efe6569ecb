"""Benchmark the live preview: seconds from saving a claim's YAML until ``mkdocs serve --dirty`` serves it.

Run from the repository root::

    .venv/bin/python bench/serve.py --claims 10000 --saves 5 --vs /path/to/other/checkout

It writes a synthetic project (``briefing synth``, as ``bench/run.py`` does) and starts
``mkdocs serve --dirty`` with the live-reload hook on it. Once the first build is served, it
edits a claim of the busiest actor ``--saves`` times, each time waiting until the actor's page
shows the edit, then reads the server's log for that save: Briefing's share (the hook's own
timing), MkDocs' build time, the server's CPU time from save to page served, and whether
the save set off a second build (which would keep a
reloading browser waiting). With ``--vs``, a copy of the project whose hook and generator come
from that checkout (``PYTHONPATH``) is served in turn, in the same run, ``--rounds`` times each.
It is a benchmark, not a test; results are printed and written to ``--out`` as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import REPO, edit, fetch, free_port, make_project, mkdocs, pick_claim  # noqa: E402

from generator.project import SITE_FILES  # noqa: E402

_BRIEFING = re.compile(r"briefing: .* in ([\d.]+) s")
_MKDOCS = re.compile(r"Documentation built in ([\d.]+) seconds")
_BUILDS = re.compile(r"Building documentation")


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of process ``pid`` so far (Linux ``/proc``), or None where that cannot be read.

    The machine is shared: a save's CPU time in the server is what the load inflates least.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve(root: Path, claim: Path, statement: str, actor: str, saves: int, env: dict[str, str]) -> dict[str, Any]:
    """Start a server on ``root``, save ``claim`` ``saves`` times, and time each save until ``actor``'s page listing it shows it."""
    port = free_port()
    log_path = root / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        mkdocs(root, "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"), cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env
    )
    base = f"http://127.0.0.1:{port}/"
    results: list[dict[str, Any]] = []
    current = statement
    try:
        started = time.perf_counter()
        while fetch(base + "index.html") is None:
            if time.perf_counter() - started > 3600 or server.poll() is not None:
                raise SystemExit(f"mkdocs serve did not come up; see {log_path}")
            time.sleep(0.5)
        first_build = time.perf_counter() - started
        # The actor's page that shows the statement (a busy actor's claims are listed by period).
        pages = sorted((root / "briefings/actors").glob(f"{actor}*.md"))
        shows = next(p for p in pages if statement in p.read_text(encoding="utf-8"))
        url = base + shows.relative_to(root / "briefings").with_suffix(".html").as_posix()
        for n in range(1, saves + 1):
            time.sleep(5)  # let the watcher settle
            mark = f"edited in the benchmark, save {n}"  # the page escapes the parentheses around it
            new = statement.replace(".", f" ({mark}).", 1)
            offset = log_path.stat().st_size
            cpu = cpu_seconds(server.pid)
            edit(claim, current, new)
            current = new
            saved = time.perf_counter()
            while (body := fetch(url)) is None or mark not in body:
                if time.perf_counter() - saved > 300:
                    raise SystemExit(f"save {n} never reached the served page; see {log_path}")
                time.sleep(0.02)
            served = time.perf_counter() - saved
            cpu_after = cpu_seconds(server.pid)
            time.sleep(5)  # a second build, if the save set one off, has started by now
            with log_path.open(encoding="utf-8", errors="replace") as handle:
                handle.seek(offset)
                lines = handle.read()
            briefing = [float(m) for m in _BRIEFING.findall(lines)]
            built = [float(m) for m in _MKDOCS.findall(lines)]
            results.append(
                {
                    "served_s": served,
                    "server_cpu_s": None if cpu is None or cpu_after is None else round(cpu_after - cpu, 2),
                    "briefing_s": briefing[0] if briefing else None,
                    "mkdocs_build_s": built[0] if built else None,
                    # A second build holds up the reloading browser's requests until it ends.
                    "builds": len(_BUILDS.findall(lines)),
                }
            )
            print(f"   save {n}: served in {served:.2f} s; " + json.dumps(results[-1]), flush=True)
        search = fetch(f"http://127.0.0.1:{port}/search/search_index.json") or ""
        docs = len(json.loads(search)["docs"]) if search else 0
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        edit(claim, current, statement)
    return {"first_build_s": first_build, "page": url, "saves": results, "search_docs": docs}


def copy_site_files(checkout: Path, root: Path) -> None:
    """Replace ``root``'s hook, templates and configuration with ``checkout``'s."""
    for rel in SITE_FILES:
        src, dest = checkout / rel, root / rel
        if dest.is_dir():
            shutil.rmtree(dest)
        if src.is_dir():
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    saves = [s for r in runs for s in r["saves"]]

    def median(key: str) -> float | None:
        values = [s[key] for s in saves if s[key] is not None]
        return statistics.median(values) if values else None

    return {
        "saves": len(saves),
        "served_median_s": median("served_s"),
        "served_all_s": [round(s["served_s"], 2) for s in saves],
        "server_cpu_median_s": median("server_cpu_s"),
        "server_cpu_all_s": [s["server_cpu_s"] for s in saves],
        "briefing_median_s": median("briefing_s"),
        "mkdocs_build_median_s": median("mkdocs_build_s"),
        "builds_per_save": [s["builds"] for s in saves],
        "search_docs": [r["search_docs"] for r in runs],
        "first_build_s": [round(r["first_build_s"], 1) for r in runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--saves", type=int, default=5, help="saves timed per server")
    parser.add_argument("--rounds", type=int, default=1, help="servers started per version, alternating with --vs")
    parser.add_argument("--vs", help="another checkout to compare with, in the same run (its generator through PYTHONPATH)")
    parser.add_argument("--work", default="/tmp/briefing-bench", help="scratch folder for the synthetic projects")
    parser.add_argument("--reuse", action="store_true", help="reuse the synthetic project from an earlier run in --work")
    parser.add_argument("--out", default=str(REPO / "bench" / "serve-results.json"))
    args = parser.parse_args()
    root = Path(args.work) / f"serve-{args.claims}"
    if not (args.reuse and (root / "data").is_dir()):
        print(f"== {args.claims} claims in {root}", flush=True)
        make_project(root, args.claims, args.seed)
    else:
        copy_site_files(REPO, root)
    versions: dict[str, tuple[Path, dict[str, str]]] = {"this": (root, dict(os.environ))}
    if args.vs:
        other = Path(args.vs).resolve()
        vs_root = Path(args.work) / f"serve-{args.claims}-vs"
        shutil.rmtree(vs_root, ignore_errors=True)
        top = lambda folder, names: [n for n in names if folder == str(root) and n not in ("data", ".git")]  # noqa: E731
        shutil.copytree(root, vs_root, ignore=top, symlinks=True)
        copy_site_files(other, vs_root)
        versions["vs"] = (vs_root, {**os.environ, "PYTHONPATH": str(other)})
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in versions}
    for _ in range(args.rounds):
        for name, (where, env) in versions.items():
            claim, statement = pick_claim(where)
            actor = re.search(r"^actor: \"?([^\s\"]+)\"?$", claim.read_text(encoding="utf-8"), re.M)
            assert actor
            print(f"== {name}: serving {where}", flush=True)
            runs[name].append(serve(where, claim, statement, actor.group(1), args.saves, env))
    result = {name: summary(r) for name, r in runs.items()}
    command = "python bench/serve.py " + " ".join(sys.argv[1:])
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    Path(args.out).write_text(json.dumps({"command": command, "load_after": load, "summary": result, "runs": runs}, indent=1) + "\n")
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
