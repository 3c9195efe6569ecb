"""A source's archived text as HTML: every cited quote highlighted, anchored, and linked to its claim."""

from __future__ import annotations

import html

from generator.site import paths
from generator.site.format import UNSAFE
from generator.site.index import Index


def archive_html(index: Index, source_id: str) -> str:
    """The archived text as HTML, each cited quote highlighted and anchored.

    Quotes may overlap, so the text is cut at every quote boundary and each piece
    covered by at least one quote is wrapped in ``<mark>``. An empty anchor marks
    where each quote starts, and a numbered link after each quote leads to the claim.
    """
    source = index.corpus.sources[source_id]
    text = source.text
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    spans: list[tuple[int, int]] = []
    # The label after a quote is the claim's number in the page's list of claims, not its id.
    numbers = {claim.id: n for n, claim in enumerate(index.by_source.get(source_id, []), 1)}
    for claim in index.by_source.get(source_id, []):
        for position, citation in enumerate(claim.citations, 1):
            if citation.source != source_id:
                continue
            start, end = citation.span
            spans.append((start, end))
            starts.setdefault(start, []).append(f'<span class="quote-anchor" id="{paths.quote_anchor(claim.id, position)}"></span>')
            ends.setdefault(end, []).append(f'<sup class="quote-claim"><a href="#{paths.claim_anchor(claim.id)}">claim {numbers[claim.id]}</a></sup>')
    cuts = sorted({0, len(text), *starts, *ends, *(i for i, ch in enumerate(text) if ch == "\n")})
    out: list[str] = ['<div class="archived-text" lang="' + html.escape(source.language) + '">', "<p>"]
    for a, b in zip(cuts, cuts[1:], strict=False):
        out.extend(ends.get(a, []))
        out.extend(starts.get(a, []))
        piece = text[a:b]
        if piece.startswith("\n"):
            out.append("</p><p>" if piece.strip() or text[a - 1 : a] != "\n" else "")
            piece = piece[1:]
        if not piece:
            continue
        escaped = html.escape(UNSAFE.sub("\ufffd", piece))
        covered = any(s <= a and b <= e for s, e in spans)
        out.append(f"<mark>{escaped}</mark>" if covered else escaped)
    out.extend(ends.get(len(text), []))
    out.append("</p></div>")
    # One physical line: a raw HTML block in Markdown must not contain blank lines.
    return "".join(out).replace("<p></p>", "")
