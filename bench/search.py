"""What a reader downloads for a first search, with Pagefind and with Material's index.

Run from the repository root on a site built with ``briefing build --search pagefind``::

    .venv/bin/python bench/search.py --site /tmp/pf-10k/site --query "Ada Bgau" --page actors/ada-bagu.html

It serves the site on 127.0.0.1, opens ``index.html`` in Debian's Chromium, types the query key by
key into Material's search box (``--delay`` ms between keys) and waits for ``--page`` among the
results. Over http(s) both engines start loading when the page opens (Material its whole index,
Pagefind its script, WebAssembly and metadata), so the search's download is every file under
``search/``, ``pagefind/``, ``assets/search/`` and Material's worker and Lunr folders fetched from
opening the page to the results. It reports each file's bytes and its size gzipped (level 6, as a
web server would send it; Pagefind's chunks are gzipped already).

Material's figure comes from the same site with Pagefind's script refused: the worker then falls
back to Material's own worker and the whole index (``search/search_index.js``, the same documents
as the ``search_index.json`` a Material-only build serves). It is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

SEARCH_FILES = ("search/", "pagefind/", "assets/search/", "assets/javascripts/workers/", "assets/javascripts/lunr/")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's signature
        pass


def first_search(site: Path, query: str, page_path: str | None, *, engine: str, delay: float) -> list[tuple[str, int, int]]:
    """(path, bytes, gzipped bytes) of every file the first search fetched."""
    from playwright.sync_api import expect, sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("requestfinished", lambda request: fetched.append(request.url))
            if engine == "material":
                page.route("**/pagefind/pagefind.js", lambda route: route.abort())
            page.goto(base + "index.html")
            box = page.locator("input.md-search__input")
            box.click()
            box.press_sequentially(query, delay=delay)
            link = page.locator(f'.md-search-result__item a.md-search-result__link[href^="{base}{page_path or ""}"]')
            expect(link.first).to_be_visible(timeout=120_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    rows = []
    for url in dict.fromkeys(fetched):
        path = site / unquote(urlparse(url).path).lstrip("/")
        if path.is_file() and path.relative_to(site).as_posix().startswith(SEARCH_FILES):
            data = path.read_bytes()
            rows.append((path.relative_to(site).as_posix(), len(data), len(gzip.compress(data, 6))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a site built with briefing build --search pagefind")
    parser.add_argument("--query", required=True, help="what to type, e.g. an actor's alias")
    parser.add_argument("--page", help="the page the results must list, e.g. actors/ada-bagu.html (default: any result)")
    parser.add_argument("--delay", type=float, default=120, help="ms between keys (default 120)")
    args = parser.parse_args()
    for engine in ("pagefind", "material"):
        rows = first_search(args.site, args.query, args.page, engine=engine, delay=args.delay)
        print(f"{engine}: {len(rows)} files, {sum(r[1] for r in rows):,} bytes, {sum(r[2] for r in rows):,} gzipped")
        for path, size, packed in sorted(rows, key=lambda r: -r[1]):
            print(f"  {path}: {size:,} ({packed:,})")


if __name__ == "__main__":
    main()
