"""Does rendering in worker processes pay on this machine? The same pages, in one process or in a fork pool.

Run from the repository root on a generated synthetic project (see BENCHMARKS.md)::

    .venv/bin/python bench/workers.py /tmp/briefing-bench/claims-2000 0   # one process
    .venv/bin/python bench/workers.py /tmp/briefing-bench/claims-2000 2   # two workers

Charts are left out: they already render in a thread (vl-convert releases the GIL).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

from generator.data.validate import validate
from generator.site.index import build as build_index
from generator.site.pages import Site

root = Path(sys.argv[1])
workers = int(sys.argv[2])
corpus = validate(root)
SITE = Site(build_index(corpus), root / "site_templates")
PLAN = SITE.plan()
RELS = [r for r in PLAN if not r.endswith(".svg")]  # charts already run in a thread; compare the templates


def work(chunk):
    return {r: PLAN[r]() for r in chunk}


def cpu():
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


if workers == 0:
    t, c = time.perf_counter(), cpu()
    out = work(RELS)
else:
    chunks = [RELS[i :: workers * 4] for i in range(workers * 4)]
    t, c = time.perf_counter(), cpu()
    with mp.get_context("fork").Pool(workers) as pool:
        out = {}
        for part in pool.imap_unordered(work, chunks):
            out.update(part)
print(f"workers={workers} pages={len(out)} wall={time.perf_counter() - t:.2f}s cpu={cpu() - c:.2f}s load={os.getloadavg()[0]:.1f}")
