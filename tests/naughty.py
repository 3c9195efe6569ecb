"""A corpus whose every free-text field holds hostile strings: the Big List of Naughty Strings and our own.

Each string is placed whole (not inside other text), so that a value starting with ``#``,
``-`` or ``<`` is tested as the start of a field. A quote is a payload followed by its claim's
number, so that it identifies one place in the archived text, as quotes must. Strings are dealt out over the free-text
fields of every kind in turn; those left over become actor aliases, so every string lands
in the built site at least once and every field receives many different strings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.names import skeleton

DATA = Path(__file__).parent / "data"
BLNS_SHA256 = "716fcaab86aff4d101774d818b7c9323e539224d29aba146119b70f5c14ac3f3"

#: Our own payloads, by what they try to do.
OWN_PAYLOADS: dict[str, list[str]] = {
    "html": [
        "<script>alert('html')</script>",
        "<img src=x onerror=\"alert('img')\">",
        "<svg/onload=alert('svg')>",
        "<iframe src=\"javascript:alert('iframe')\"></iframe>",
        "</p><div onclick=alert(1)>x</div>",
        "<!-- open comment",
        "<style>body{display:none}</style>",
        '<a href="https://evil.example">phish</a>',
        "<details open ontoggle=alert('toggle')>",
        "&lt;script&gt;alert('entity')&lt;/script&gt;",
        "&#60;script&#62;",
    ],
    "markdown": [
        "[click](javascript:alert('md-link'))",
        "![img](javascript:alert('md-img'))",
        "<javascript:alert('autolink')>",
        "[ref]: javascript:alert('refdef')",
        "{: onclick=\"alert('attr_list')\" }",
        "# A heading from data",
        "- a list item from data",
        "1. a numbered item",
        "> a blockquote from data",
        "    indented code",
        "```\nfenced code\n```",
        "| a | table |\n| --- | --- |",
        "---",
        '!!! danger "Admonition from data"',
        '--8<-- "mkdocs.yml"',
        "*emphasis* __strong__ `code` ~~strike~~",
        "[^1]: footnote",
        "line one\n\n# heading after a blank line",
        "\\[escaped\\]",
        "$$x^2$$",
    ],
    "jinja": ["{{ 7 * 7 }}", "{% for x in range(3) %}loop{% endfor %}", "{{ config.__class__ }}", "{# comment #}", "{{ page.site.env }}"],
    "urls_in_text": [
        "javascript:alert(document.domain)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        'https://evil.example/?q="><script>',
    ],
    "control_and_bidi": [
        "evil\u202egnp.exe",
        "a\u2066isolate\u2069b",
        "zero\u200bwidth",
        "bell\x07and\x1bescape",
        "carriage\rreturn",
        "nul\x00byte",
        "del\x7fc1\x85control",
        "line\u2028separator",
    ],
    "yaml_and_csv": ["NO", "0755", "1:30", "~", "!!python/object:os.system", '=HYPERLINK("https://evil.example","x")', "@SUM(1)", "+1", "-1"],
}


def blns() -> list[str]:
    raw = (DATA / "blns" / "blns.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == BLNS_SHA256, "tests/data/blns/blns.json changed; see its README"
    return list(json.loads(raw))


def payloads() -> list[str]:
    """Every payload once, empty strings out (they are refused: see the tests), one per case-insensitive spelling.

    Names and aliases must be unique without regard to case, so "NULL" and "null" cannot both be actors.
    """
    seen: set[str] = set()
    out = []
    for text in [*blns(), *(p for group in OWN_PAYLOADS.values() for p in group)]:
        key = text.casefold()
        if text and key not in seen:
            seen.add(key)
            out.append(text)
    return out


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``: anything but printable ASCII is escaped."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def quotable(text: str) -> bool:
    """Whether a payload can be a quote: a line of an archived text (no NUL, CR or line break) with some content."""
    return bool(text.strip()) and not any(c in text for c in "\0\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass
class Placement:
    """Where each payload went: (page path inside the site, field name) per payload."""

    where: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def add(self, text: str, page: str, name: str) -> None:
        self.where.setdefault(text, []).append((page, name))

    def displayed(self, text: str) -> bool:
        return any(name not in HIDDEN_FIELDS for _, name in self.where.get(text, ()))


#: Claim fields that only the downloads carry (the pages show the value's words and bounds,
#: not their notes); their payloads are checked in claims.json.
HIDDEN_FIELDS = frozenset({"value.hedge", "value.note", "claimed_on.note", "as_of.note", "claim.notes"})


ACTORS = 24
FIGURES = 3
CLAIMS = 24


def write_corpus(root: Path) -> Placement:
    """Write data/ for the naughty corpus under ``root``; returns where every payload was placed."""
    texts = payloads()
    quotes = [t for t in texts if quotable(t)]
    deck = iter(texts * 2)  # one and a bit rounds: every payload at least once, many twice
    quote_deck = iter(quotes * 2)
    placed = Placement()
    names: set[str] = set()

    def deal(page: str, name: str, *, pool: Iterator[str] = deck, unique: bool = False) -> str:
        for text in pool:
            # Names and aliases must not look alike (one skeleton, one actor).
            if unique and skeleton(text) in names:
                continue
            if unique:
                names.add(skeleton(text))
            placed.add(text, page, name)
            return text
        raise AssertionError("ran out of payloads")

    data = root / "data"
    for folder in ("actors", "figures", "claims", "sources"):
        (data / folder).mkdir(parents=True, exist_ok=True)

    source_lines = ["Archived text of the naughty source."]
    claims = []
    for n in range(CLAIMS):
        quote = f"{deal('sources/naughty-source.html', 'citations[].quote', pool=quote_deck)} (naughty quote {n})"
        source_lines.append(quote)
        claims.append(quote)

    actor_docs = []
    for i in range(ACTORS):
        page = f"actors/naughty-actor-{i}.html"
        actor_docs.append(
            [
                f"id: naughty-actor-{i}",
                f"name: {yaml_str(deal(page, 'name', unique=True))}",
                "kind: person",
                f"role: {yaml_str(deal(page, 'role'))}",
                f"notes: {yaml_str(deal(page, 'notes'))}",
            ]
        )
    for i in range(FIGURES):
        page = f"figures/naughty-figure-{i}.html"
        lines = [f"id: naughty-figure-{i}"] + [f"{key}: {yaml_str(deal(page, key))}" for key in ("label", "unit", "definition", "notes")] + ["headline: true"]
        (data / "figures" / f"naughty-figure-{i}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    for i, quote in enumerate(claims):
        page = f"actors/naughty-actor-{i % ACTORS}.html"
        figure = i % FIGURES
        lines = [f"id: naughty-claim-{i}", f"actor: naughty-actor-{i % ACTORS}", f"figure: naughty-figure-{figure}", "value:", f"  text: {yaml_str(quote)}"]
        lines += [
            f"  hedge: {yaml_str(deal(page, 'value.hedge'))}",
            f"  low: {1000 * (i + 1)}",
            f"  high: {1000 * (i + 2)}",
            f"  note: {yaml_str(deal(page, 'value.note'))}",
        ]
        lines += [
            "stance: asserts",
            "claimed_on:",
            f'  date: "2024-10-{1 + i % 17:02d}"',
            "  basis: inferred",
            f"  note: {yaml_str(deal(page, 'claimed_on.note'))}",
        ]
        lines += ["as_of:", '  date: "2024-10"', "  basis: inferred", f"  note: {yaml_str(deal(page, 'as_of.note'))}"]
        lines += [f"statement: {yaml_str(deal(page, 'statement'))}", "citations:", "  - source: naughty-source", f"    quote: {yaml_str(quote)}"]
        lines += ["    via: [naughty-outlet]", f"    note: {yaml_str(deal(page, 'citations[].note'))}", f"notes: {yaml_str(deal(page, 'claim.notes'))}"]
        (data / "claims" / f"naughty-claim-{i}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    text = "\n".join(source_lines) + "\n"
    (data / "sources" / "naughty-source.txt").write_text(text, encoding="utf-8")
    page = "sources/naughty-source.html"
    url_payload = next(t for t in quotes if "<" in t)
    url = "https://example.org/" + "".join(url_payload.split())
    # The saved page the text came from, as briefing ingest keeps it.
    original = f"<!DOCTYPE html><html><body><article><p>{text}</p></article></body></html>".encode()
    (data / "sources" / "naughty-source.orig.html").write_bytes(original)
    source = [
        "id: naughty-source",
        f"title: {yaml_str(deal(page, 'title'))}",
        "title_basis: stated",
        f"title_note: {yaml_str(deal(page, 'title_note'))}",
        "outlet: naughty-outlet",
        f"outlet_note: {yaml_str(deal(page, 'outlet_note'))}",
        f"url: {yaml_str(url)}",
        "url_basis: stated",
        f"url_note: {yaml_str(deal(page, 'url_note'))}",
        "original:",
        '  file: "naughty-source.orig.html"',
        '  media_type: "text/html"',
        f"  size: {len(original)}",
        f'  sha256: "{hashlib.sha256(original).hexdigest()}"',
        f"  record: {yaml_str(url)}",
        f"  extracted_with: {yaml_str(deal(page, 'original.extracted_with'))}",
        "published:",
        '  date: "2024-10-18"',
        "  basis: inferred",
        f"  note: {yaml_str(deal(page, 'published.note'))}",
        "language: en",
        f'sha256: "{hashlib.sha256(text.encode()).hexdigest()}"',
        f"notes: {yaml_str(deal(page, 'notes'))}",
    ]
    (data / "sources" / "naughty-source.yml").write_text("\n".join(source) + "\n", encoding="utf-8")
    (data / "actors" / "naughty-outlet.yml").write_text("id: naughty-outlet\nname: Naughty Outlet\nkind: outlet\n", encoding="utf-8")

    # Whatever no displayed field took becomes an alias, so every payload is on some page; one that
    # looks like a name already taken becomes the role of an actor of its own.
    leftovers, roles = [], []
    for text in (t for t in texts if not placed.displayed(t)):
        (roles if skeleton(text) in names else leftovers).append(text)
        names.add(skeleton(text))
    for k, role in enumerate(roles):
        placed.add(role, f"actors/naughty-extra-{k}.html", "role")
        extra = f"id: naughty-extra-{k}\nname: Naughty extra {k}\nkind: person\nrole: {yaml_str(role)}\n"
        (data / "actors" / f"naughty-extra-{k}.yml").write_text(extra, encoding="utf-8")
    for i, lines in enumerate(actor_docs):
        mine = leftovers[i::ACTORS]
        for alias in mine:
            placed.add(alias, f"actors/naughty-actor-{i}.html", "aliases[]")
        if mine:
            lines.append("aliases:")
            lines += [f"  - {yaml_str(a)}" for a in mine]
        (data / "actors" / f"naughty-actor-{i}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return placed
