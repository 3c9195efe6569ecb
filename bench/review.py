"""What the live preview's review pages cost on each save: ``generator.editor.review_page.pages``.

Usage: ``.venv/bin/python bench/review.py [--repeat 5]``. Builds, in a temporary folder, the seed
data plus one article of about ``--kb`` kilobytes whose every paragraph is drafted as a claim
(as ``briefing suggest --write`` lays drafts out), for a few draft counts, and prints the wall time of
the first ``pages()`` (which reads every draft) and the best of the later ones (the hook calls it on
every build while serving, and a save re-reads only the draft files it changed), and the size of
the article's review page. The page shows at most ``MAX_DRAFTS`` drafts; the rest are named.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
import time
from pathlib import Path

from generator.data.validate import validate
from generator.editor import review_page
from generator.editor.records import to_yaml

REPO = Path(__file__).resolve().parent.parent
SOURCE = "2025-01-01-bench-article"
PARAGRAPH = "Officials said that about {n},000 soldiers had been sent to the region in paragraph {n}, according to a briefing on Tuesday."


def project(folder: Path, drafts: int, kb: int) -> Path:
    shutil.copytree(REPO / "data", folder / "data", ignore=shutil.ignore_patterns("drafts"))
    paragraphs = max(drafts, kb * 1024 // len(PARAGRAPH))
    text = "\n".join(PARAGRAPH.format(n=n) for n in range(1, paragraphs + 1)) + "\n"
    raw = text.encode("utf-8")
    (folder / f"data/sources/{SOURCE}.txt").write_bytes(raw)
    (folder / f"data/sources/{SOURCE}.yml").write_text(
        f'id: {SOURCE}\ntitle: "Bench article"\noutlet: null\nurl: null\npublished:\n  date: "2025-01-01"\n  basis: stated\n'
        f'language: en\nsha256: "{hashlib.sha256(raw).hexdigest()}"\n',
        encoding="utf-8",
    )
    claims = folder / f"data/drafts/{SOURCE}/claims"
    claims.mkdir(parents=True)
    for n in range(1, drafts + 1):
        record = {
            "id": f"officials-about-{n}000-sent",
            "actor": "south-korea-nis",
            "figure": "nk-troops-in-russia",
            "value": {"text": f"about {n},000", "hedge": "about", "low": n * 1000, "high": n * 1000, "approximate": True},
            "stance": "asserts",
            "claimed_on": None,
            "statement": f"NIS: about {n},000.",
            "citations": [{"source": SOURCE, "quote": PARAGRAPH.format(n=n)}],
            "review": ['Attributed through "said".', "The statement is drafted from the figure and value; reword it."],
        }
        (claims / f"{record['id']}.yml").write_text(to_yaml("claim", record, depth=4), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--kb", type=int, default=100, help="size of the article in kilobytes")
    args = parser.parse_args()
    print(f"| drafts | article | first pages() (reads every draft) | later pages(), nothing changed (best of {args.repeat}) | review page |")
    print("|---:|---:|---:|---:|---:|")
    for drafts in (10, 200, 1000):
        with tempfile.TemporaryDirectory(prefix="briefing-bench-review-") as tmp:
            root = project(Path(tmp), drafts, args.kb)
            corpus = validate(root)
            started = time.perf_counter()
            review_page.pages(root, corpus)
            first = time.perf_counter() - started
            best = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                made = review_page.pages(root, corpus)
                best = min(best, time.perf_counter() - started)
            size = len(made[review_page.page_path(SOURCE)].encode("utf-8"))
            article = len(corpus.sources[SOURCE].text.encode("utf-8"))
            print(f"| {drafts:,} | {article / 1024:,.0f} KB | {first * 1000:,.0f} ms | {best * 1000:,.0f} ms | {size / 1024:,.0f} KB |")


if __name__ == "__main__":
    main()
