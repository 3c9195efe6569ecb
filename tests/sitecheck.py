"""Check a built site: every internal link and anchor resolves, and nothing points off the machine."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        for attr in ("href", "src"):
            # A canonical address names the page itself; a licence link is one a reader may choose to follow.
            if values.get(attr) and not (tag == "link" and values.get("rel") in ("canonical", "icon")) and not (tag == "a" and values.get("rel") == "license"):
                self.refs.append((tag, values[attr] or ""))


def broken_links(site: Path) -> list[str]:
    """Every internal link or asset whose file or #anchor is missing, as 'page -> target: why'."""
    pages: dict[Path, _Page] = {}
    site = site.resolve()
    for html in sorted(site.rglob("*.html")):
        parser = _Page()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.resolve()] = parser
    problems = []
    for html, parser in pages.items():
        for _tag, ref in parser.refs:
            parts = urlsplit(ref)
            if parts.scheme in ("http", "https"):
                problems.append(f"{html.relative_to(site)} -> {ref}: external address")
                continue
            if parts.scheme or ref.startswith("//"):
                continue  # data:, mailto: and the like stay on the machine
            # 404.html is served at any depth, so Material links it from the site root.
            base = site if parts.path.startswith("/") else html.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else html
            if not target.exists():
                problems.append(f"{html.relative_to(site)} -> {ref}: no such file")
            elif parts.fragment and target.suffix == ".html" and not parts.fragment.startswith(":~:"):
                anchor = unquote(parts.fragment)
                if anchor not in pages[target].ids:
                    problems.append(f"{html.relative_to(site)} -> {ref}: no element with id {anchor!r}")
    return problems
