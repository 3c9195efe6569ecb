"""What the Korean spacing rule and the closest passage by characters cost, against English, in one run.

Run from the repository root::

    .venv/bin/python bench/quotes.py [--megabytes 1 5] [--repeat 5]

It builds an archived text of the given size by repeating a Korean original of the corpus
(data/sources/2024-10-18-segye-nis-12000-decided.txt) with a counter in each copy, and an English
one the same way (data/sources/2024-10-18-ukraine-south-korea-warn.txt), then times, as the best
of ``--repeat`` runs: finding a quote near the end written as archived (a plain substring search),
the same Korean quote spaced differently (the spacing rule's pattern), and the closest passage of
a quote with one syllable (or word) changed. It prints the times and the Korean/English ratios,
which are what BENCHMARKS.md compares; the absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from generator.data.quotes import Normalised, closest_passage, locate

ROOT = Path(__file__).resolve().parent.parent
KOREAN = (ROOT / "data/sources/2024-10-18-segye-nis-12000-decided.txt").read_text(encoding="utf-8")
ENGLISH = (ROOT / "data/sources/2024-10-18-ukraine-south-korea-warn.txt").read_text(encoding="utf-8")
KOREAN_QUOTE = "북한이 특수부대 등 4개 여단 총 1만2천명 규모 병력을 우크라이나 전쟁에 파병하기로 최근 결정한 것으로 파악됐다"
KOREAN_SPACED = KOREAN_QUOTE.replace("1만2천명", "1만 2천 명").replace("파병하기로", "파병 하기로")
KOREAN_CHANGED = KOREAN_QUOTE.replace("파병하기로", "파견하기로")
ENGLISH_QUOTE = "Pyongyang recently decided to send 12,000 troops to Ukraine and that they have started to move"
ENGLISH_CHANGED = ENGLISH_QUOTE.replace("recently", "lately")


def text_of(article: str, megabytes: float, marker: str, quote_words: str) -> str:
    """``article`` repeated to ``megabytes`` (UTF-8), each copy numbered, the quote's words unique to the last copy."""
    size = int(megabytes * 1_000_000)
    parts: list[str] = []
    total, n = 0, 0
    body = article.replace(quote_words, "")
    while total < size:
        parts.append(f"{marker} {n}\n\n{body}\n\n")
        total += len(parts[-1].encode())
        n += 1
    parts.append(article)
    return "".join(parts)


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, nargs="+", default=[1.0, 5.0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| Text | Korean verbatim | Korean respaced | English verbatim | respaced / verbatim | Korean closest | English closest | Korean / English closest |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for megabytes in args.megabytes:
        korean = Normalised.of(text_of(KOREAN, megabytes, "기사", KOREAN_QUOTE))
        english = Normalised.of(text_of(ENGLISH, megabytes, "Article", ENGLISH_QUOTE))
        assert locate(korean, KOREAN_QUOTE) and locate(korean, KOREAN_SPACED) and locate(english, ENGLISH_QUOTE)
        assert not locate(korean, KOREAN_CHANGED) and not locate(english, ENGLISH_CHANGED)
        verbatim = best(lambda k=korean: locate(k, KOREAN_QUOTE), args.repeat)
        respaced = best(lambda k=korean: locate(k, KOREAN_SPACED), args.repeat)
        plain = best(lambda e=english: locate(e, ENGLISH_QUOTE), args.repeat)
        korean_closest = best(lambda k=korean: closest_passage(k, KOREAN_CHANGED, seconds=60), args.repeat)
        english_closest = best(lambda e=english: closest_passage(e, ENGLISH_CHANGED, seconds=60), args.repeat)
        print(
            f"| {megabytes:g} MB | {verbatim * 1000:.2f} ms | {respaced * 1000:.1f} ms | {plain * 1000:.2f} ms | {respaced / verbatim:.0f}× "
            f"| {korean_closest * 1000:.0f} ms | {english_closest * 1000:.0f} ms | {korean_closest / english_closest:.1f}× |"
        )


if __name__ == "__main__":
    main()
