"""Screenshots of each page kind of the built site, at a desktop and a phone width, light and dark.

Usage: ``python tools/screenshots.py [--site site] [--out screenshots]`` after ``briefing build``
(``make screenshots`` does both). Writes ``<out>/<page>-<width>-<scheme>.png``, full-page, so a
reviewer can look at every page kind in a minute. Uses Debian's chromium, as the browser tests do.
"""

from __future__ import annotations

import argparse
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
#: One page of each kind of the seed site, by the name its screenshots get.
PAGES = {
    "home": "index.html",
    "figures-index": "figures/index.html",
    "figure": "figures/nk-troops-in-russia.html",
    "figure-single": "figures/nk-active-troops.html",
    "actors-index": "actors/index.html",
    "actor": "actors/kyrylo-budanov.html",
    "source": "sources/2024-10-18-ukraine-south-korea-warn.html",
    "sources-index": "sources/index.html",
    "day": "dates/2024-10-18.html",
    "month": "dates/2024-11.html",
    "timeline": "dates/index.html",
    "downloads": "downloads/index.html",
    "reading": "reading.html",
    "methodology": "methodology.html",
}
SIZES = {1280: 800, 390: 844}
SCHEMES = ("light", "dark")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's signature
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--only", nargs="*", help="page names to shoot (default: all)")
    parser.add_argument("--widths", nargs="*", type=int, default=list(SIZES), help="viewport widths (default: 1280 390)")
    parser.add_argument("--slice", nargs=2, type=int, metavar=("TOP", "HEIGHT"), help="shoot only this band of each page, in CSS px")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    written = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in SIZES.items():
            if width not in args.widths:
                continue
            for scheme in SCHEMES:
                context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
                page = context.new_page()
                for name, rel in PAGES.items():
                    if args.only and name not in args.only:
                        continue
                    page.goto(base + rel)
                    shot = args.out / f"{name}-{width}-{scheme}.png"
                    if args.slice:
                        clip = {"x": 0, "y": args.slice[0], "width": width, "height": args.slice[1]}
                        page.screenshot(path=str(shot), full_page=True, clip=clip)
                    else:
                        page.screenshot(path=str(shot), full_page=True)
                    written += 1
                context.close()
        browser.close()
    server.shutdown()
    print(f"{written} screenshots in {args.out}/")


if __name__ == "__main__":
    main()
