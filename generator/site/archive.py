"""A source's archived text as HTML: every cited quote highlighted, anchored, and linked to its claim."""

from __future__ import annotations

import html
from collections.abc import Iterable

from generator.site import paths
from generator.site.format import UNSAFE
from generator.site.index import Index


def archive_html(index: Index, source_id: str) -> str:
    """The archived text as HTML, each cited quote highlighted and anchored.

    An empty anchor marks where each quote starts, and a numbered link after each quote leads
    to the claim (see :func:`highlighted`).
    """
    source = index.corpus.sources[source_id]
    marks: list[tuple[int, int, str, str]] = []
    # The label after a quote is the claim's number in the page's list of claims, not its id.
    numbers = {claim.id: n for n, claim in enumerate(index.by_source.get(source_id, []), 1)}
    for claim in index.by_source.get(source_id, []):
        for position, citation in enumerate(claim.citations, 1):
            if citation.source != source_id:
                continue
            start, end = citation.span
            marks.append(
                (
                    start,
                    end,
                    f'<span class="quote-anchor" id="{paths.quote_anchor(claim.id, position)}"></span>',
                    f'<sup class="quote-claim"><a href="#{paths.claim_anchor(claim.id)}">claim {numbers[claim.id]}</a></sup>',
                )
            )
    return highlighted(source.text, source.language, marks)


def highlighted(text: str, language: str, marks: Iterable[tuple[int, int, str, str]]) -> str:
    """``text`` as one line of HTML, each ``(start, end, anchor, label)`` span highlighted.

    Spans may overlap, so the text is cut at every span boundary and each piece covered by at
    least one span is wrapped in ``<mark>``; ``anchor`` (markup) goes where its span starts and
    ``label`` (markup) where it ends. The text itself is escaped, its hidden characters shown as
    U+FFFD. The source page (curated claims) and the preview's review page (drafts) share it.
    """
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    opened: dict[int, int] = {}  # how many spans start (+) and end (-) at each cut
    for start, end, anchor, label in marks:
        if not 0 <= start <= end <= len(text):
            continue
        starts.setdefault(start, []).append(anchor)
        ends.setdefault(end, []).append(label)
        opened[start] = opened.get(start, 0) + 1
        opened[end] = opened.get(end, 0) - 1
    cuts = sorted({0, len(text), *starts, *ends, *(i for i, ch in enumerate(text) if ch == "\n")})
    out: list[str] = ['<div class="archived-text" lang="' + html.escape(language) + '">', "<p>"]
    covering = 0  # the spans covering the piece from the current cut on: every span boundary is a cut
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering += opened.get(a, 0)
        out.extend(ends.get(a, []))
        out.extend(starts.get(a, []))
        piece = text[a:b]
        if piece.startswith("\n"):
            out.append("</p><p>" if piece.strip() or text[a - 1 : a] != "\n" else "")
            piece = piece[1:]
        if not piece:
            continue
        escaped = html.escape(UNSAFE.sub("\ufffd", piece))
        out.append(f"<mark>{escaped}</mark>" if covering > 0 else escaped)
    out.extend(ends.get(len(text), []))
    out.append("</p></div>")
    # One physical line: a raw HTML block in Markdown must not contain blank lines.
    return "".join(out).replace("<p></p>", "")
