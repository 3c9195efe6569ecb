"""Which search the web edition gets, and the Pagefind step that builds it.

Material's search loads the site's whole index before the first result; at 10,000 claims that
is 2 MB gzipped. Pagefind splits its index into chunks and a first search loads only the few a
query needs, but it cannot run from ``file://``. So a site built with Pagefind carries both:

- ``pagefind/``, written here into the staged site after MkDocs, which pages served over http(s)
  search through ``briefings/assets/search/pagefind-worker.js`` (Material's search box and
  results, Pagefind underneath; ``overrides/main.html`` points Material at that worker);
- Material's index as ``search/search_index.js``, which pages opened from a folder or the zip
  load, as before. ``search/search_index.json``, the copy Material fetches over http(s), is cut
  to its configuration, so web readers no longer download it.

``briefing build --search auto`` picks Pagefind from :data:`PAGEFIND_FROM_CLAIMS` claims on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Literal

from generator.errors import BriefingError
from generator.interrupt import run_child

Engine = Literal["material", "pagefind"]
MODES = ("auto", "material", "pagefind")

#: From this many claims ``--search auto`` builds the web edition's search with Pagefind. Material's
#: index grows by about 200 bytes gzipped per claim: about 1 MB here, five to six times what a first
#: Pagefind search downloads at 10,000 claims (BENCHMARKS.md, "Search: Material's index or Pagefind").
PAGEFIND_FROM_CLAIMS = 5_000

#: Tells mkdocs.yml (``extra.search_engine``) which search the pages are built for.
ENV_VAR = "BRIEFING_SEARCH"
PAGEFIND_DIR = "pagefind"


def choose(mode: str, claims: int) -> Engine:
    """The engine for ``--search mode`` on a corpus of ``claims`` claims."""
    if mode == "auto":
        return "pagefind" if claims >= PAGEFIND_FROM_CLAIMS else "material"
    if mode == "material":
        return "material"
    if mode == "pagefind":
        return "pagefind"
    raise BriefingError(f"unknown search engine {mode!r}. Hint: use one of {', '.join(MODES)}.")


def search_summary(engine: Engine) -> str:
    """What ``briefing build`` says about the search it built."""
    if engine == "pagefind":
        return "Search: Pagefind for readers over http(s) (site/pagefind/); Material's index from a folder or the zip."
    return f"Search: Material's index (Pagefind from {PAGEFIND_FROM_CLAIMS:,} claims with --search auto, or with --search pagefind)."


def index_with_pagefind(site: Path, target: Path) -> None:
    """Write Pagefind's index into ``site/pagefind/`` and cut Material's http(s) index to its configuration.

    ``site`` is the staged build; on failure it is left as it is for the caller to discard, and
    the message says that ``target`` (the published site) is unchanged.
    """
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        PAGEFIND_DIR,
        "--keep-index-url",
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]
    try:
        result = run_child(command, capture=True, cwd=site)
    except OSError as error:
        raise BriefingError(f"could not run Pagefind ({error}); {target.name}/ is unchanged.") from None
    if result.returncode != 0 or not (site / PAGEFIND_DIR / "pagefind-entry.json").is_file():
        output = (result.stderr + result.stdout).strip()
        hint = " Hint: install it with `pip install 'pagefind[bin]'`, or build with --search material." if "No module named pagefind" in output else ""
        raise BriefingError(f"pagefind failed (exit {result.returncode}); {target.name}/ is unchanged.{hint}\n{output}")
    _cut_material_index(site / "search" / "search_index.json")


def _cut_material_index(path: Path) -> None:
    """Keep the index's configuration and drop its documents: Material still fetches it, Pagefind answers."""
    config = json.loads(path.read_text(encoding="utf-8")).get("config", {})
    path.write_text(json.dumps({"config": config, "docs": []}, separators=(",", ":")), encoding="utf-8")
