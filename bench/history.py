"""Measure reading each claim's history from Git on a synthetic corpus committed in several commits.

Run from the repository root::

    .venv/bin/python bench/history.py --claims 10000 --commits 5

It writes ``briefing synth`` data into a scratch Git repository, commits the claims in
``--commits`` batches (then one more commit that corrects 1% of the values), and times
:func:`generator.story.history.read`: cold (no cache), warm (the cache at HEAD), and
incremental (one new commit after a cached one). Nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.story import history  # noqa: E402
from generator.synth import write  # noqa: E402

ENV = {"PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/tmp"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", *args], cwd=root, env=ENV, check=True, capture_output=True)


def timed(label: str, run: callable) -> object:  # type: ignore[valid-type]
    start = time.perf_counter()
    result = run()
    print(f"{label}: {time.perf_counter() - start:.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/briefing-bench-history"))
    args = parser.parse_args()
    root = args.work
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    write(root, args.claims, args.seed)
    claims = sorted((root / "data/claims").glob("*.yml"))
    held = root / "held"
    held.mkdir()
    for path in claims:
        path.rename(held / path.name)
    git(root, "init", "-q")
    batch = -(-len(claims) // args.commits)
    for i in range(args.commits):
        for path in claims[i * batch : (i + 1) * batch]:
            (held / path.name).rename(path)
        git(root, "add", "-A", "data")
        git(root, "commit", "-q", "-m", f"batch {i + 1}")
    corrected = 0
    for path in claims[::100]:
        text = path.read_text(encoding="utf-8")
        if "  high: " in text:
            path.write_text(text.replace("  high: ", "  high: 1", 1), encoding="utf-8")
            corrected += 1
    git(root, "commit", "-q", "-am", "corrections")
    print(f"{len(claims)} claims in {args.commits} commits, then {corrected} corrected in one more")
    shutil.rmtree(root / history.CACHE_DIR, ignore_errors=True)
    record = timed("cold (no cache, whole log)", lambda: history.read(root))
    timed("warm (cache at HEAD)", lambda: history.read(root))
    assert isinstance(record, history.History) and len(record.claims) == len(claims)
    print(f"corrections found: {sum(len(c.corrections) for c in record.claims.values())}")
    claims[1].write_text(claims[1].read_text(encoding="utf-8").replace("statement: ", "statement: Edited. ", 1), encoding="utf-8")
    git(root, "commit", "-q", "-am", "one more")
    timed("incremental (one new commit after the cached one)", lambda: history.read(root))
    size = sum(p.stat().st_size for p in (root / history.CACHE_DIR).rglob("*.json"))
    print(f"cache: {size / 1e6:.1f} MB in {root / history.CACHE_DIR}")


if __name__ == "__main__":
    main()
