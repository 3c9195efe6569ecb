"""Property-based tests over random valid datasets: the pages and downloads agree with the data.

Each example writes a random corpus as YAML, runs the real validator and renders every page
(MkDocs is not run per example: the built-site link check runs on the real corpus in
test_generate.py). Names and statements are random Unicode, so escaping is exercised too.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import posixpath
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown.extensions.toc import slugify
from naughty import yaml_str

from generator.data.validate import validate
from generator.project import SITE_FILES
from generator.site import paths
from generator.site.downloads import restore
from generator.site.format import md
from generator.site.index import build as build_index
from generator.site.pages import Site
from generator.story import feeds, follow

TEMPLATES = Path(__file__).resolve().parent.parent / "site_templates"
# Random text: any printable character but the marker brackets, which make each statement unique.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="⟨⟩"), min_size=1, max_size=24)
STANCES = ["asserts", "expects", "warns", "denies", "cannot-confirm"]


@dataclass
class Dataset:
    actors: list[str]  # names; ids are actor-0, actor-1, …
    figures: int
    sources: list[list[int]]  # per source: the numbers its sentences state
    published: list[int]  # per source: day of October 2024
    claims: list[dict]  # actor, figure (or None), stance, statement, citations [(source, sentence, via)], day (or None)


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    n_actors = draw(st.integers(1, 5))
    actors = [draw(TEXT) + f" ⟨actor-{i}⟩" for i in range(n_actors)]
    n_figures = draw(st.integers(1, 3))
    n_sources = draw(st.integers(1, 3))
    sources = [draw(st.lists(st.integers(1, 99_999), min_size=1, max_size=4)) for _ in range(n_sources)]
    published = [draw(st.integers(10, 28)) for _ in range(n_sources)]
    claims = []
    for i in range(draw(st.integers(1, 8))):
        cited = draw(st.lists(st.integers(0, n_sources - 1), min_size=1, max_size=2, unique=True))
        actor = draw(st.integers(0, n_actors - 1))
        relays = st.lists(st.sampled_from([a for a in range(n_actors) if a != actor]), max_size=2, unique=True) if n_actors > 1 else st.just([])
        citations = [(s, draw(st.integers(0, len(sources[s]) - 1)), draw(relays)) for s in cited]
        valued = draw(st.booleans())
        latest = min(published[s] for s in cited)
        claims.append(
            {
                "actor": actor,
                "figure": draw(st.integers(0, n_figures - 1)) if valued else None,
                "stance": draw(st.sampled_from(STANCES)),
                "statement": draw(TEXT) + f" ⟨claim-{i}⟩",
                "citations": citations,
                "day": draw(st.none() | st.integers(1, latest)),
            }
        )
    return Dataset(actors, n_figures, sources, published, claims)


def sentence(source: int, k: int, number: int) -> str:
    return f"Speaker {source}-{k} said {number:,} troops."


def write(data: Dataset, root: Path) -> None:
    for folder in ("actors", "figures", "sources", "claims"):
        (root / "data" / folder).mkdir(parents=True)
    for i, name in enumerate(data.actors):
        (root / f"data/actors/actor-{i}.yml").write_text(f"id: actor-{i}\nname: {yaml_str(name)}\nkind: person\n", encoding="utf-8")
    for i in range(data.figures):
        (root / f"data/figures/figure-{i}.yml").write_text(f'id: figure-{i}\nlabel: "Figure {i}"\nunit: troops\ndefinition: "Figure {i}."\n', encoding="utf-8")
    for j, numbers in enumerate(data.sources):
        text = "\n".join(sentence(j, k, n) for k, n in enumerate(numbers)) + "\n"
        (root / f"data/sources/source-{j}.txt").write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        (root / f"data/sources/source-{j}.yml").write_text(
            f'id: source-{j}\ntitle: "Source {j}"\ntitle_basis: stated\noutlet: null\noutlet_note: "Not named."\nurl: null\n'
            f'published:\n  date: "2024-10-{data.published[j]:02d}"\n  basis: stated\nlanguage: en\nsha256: "{digest}"\n',
            encoding="utf-8",
        )
    for i, claim in enumerate(data.claims):
        lines = [f"id: claim-{i}", f"actor: actor-{claim['actor']}", f"stance: {claim['stance']}"]
        s0, k0, _ = claim["citations"][0]
        if claim["figure"] is not None:
            number = data.sources[s0][k0]
            lines += [f"figure: figure-{claim['figure']}", "value:", f'  text: "{number:,}"', f"  low: {number}", f"  high: {number}"]
        lines.append(f'claimed_on:\n  date: "2024-10-{claim["day"]:02d}"\n  basis: stated' if claim["day"] else "claimed_on: null")
        lines += [f"statement: {yaml_str(claim['statement'])}", "citations:"]
        for s, k, via in claim["citations"]:
            lines += [f"  - source: source-{s}", f'    quote: "{sentence(s, k, data.sources[s][k])}"', f"    via: [{', '.join(f'actor-{a}' for a in via)}]"]
        (root / f"data/claims/claim-{i}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def render(data: Dataset) -> tuple[dict[str, str], dict[str, str]]:
    """The generated Markdown pages and the downloads, for one dataset, through the real validator."""
    with tempfile.TemporaryDirectory() as tmp:
        write(data, Path(tmp))
        index = build_index(validate(Path(tmp)))
        story = follow.Story.unknown(index.corpus, settings=feeds.Settings(authority="tests.example", date="2025-01-01"))
        pages = Site(index, TEMPLATES, story=story).pages()
        placed = {cid: p.when for cid, p in index.placed.items()}
    # Binary files (the feeds) are kept by name only: links to them must resolve too.
    texts = {rel: body if isinstance(body, str) else "" for rel, body in pages.items()}
    return texts, placed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(datasets())
def test_pages_and_downloads_agree_with_random_valid_data(data: Dataset) -> None:
    """One rendering per example, four properties of it (rendering dominates the time, so it is shared)."""
    pages, placed = render(data)
    check_every_claim_appears_exactly_once_on_its_actor_figure_source_and_date_pages(data, pages, placed)
    check_counts_on_index_pages_match_the_data(data, pages)
    check_every_internal_link_and_anchor_resolves(pages)
    check_json_and_csv_downloads_round_trip_to_the_same_claims(data, pages)


JSON_LD = re.compile(r'<script type="application/ld\+json">[^<]*</script>')


def check_every_claim_appears_exactly_once_on_its_actor_figure_source_and_date_pages(data: Dataset, pages: dict[str, str], placed: dict[str, str]) -> None:
    for i, claim in enumerate(data.claims):
        statement = md(claim["statement"])
        where = [paths.actor(f"actor-{claim['actor']}")]
        if claim["figure"] is not None:
            where.append(paths.figure(f"figure-{claim['figure']}"))
        where += [paths.source(f"source-{s}") for s, _, _ in claim["citations"]]
        if placed[f"claim-{i}"]:
            where.append(paths.date(placed[f"claim-{i}"]))
        for page in where:
            shown = JSON_LD.sub("", pages[page])  # the page's machine-readable copy (schema.org) is not what readers see
            assert shown.count(statement) == 1, f"claim-{i} appears {shown.count(statement)} times on {page}"


ROW = re.compile(r"<tr>\n(.*?)</tr>", re.S)
CELL = re.compile(r"<td>(.*?)</td>")


def _row(page: str, link_target: str) -> list[str]:
    """The cells of the index table (an HTML block) row whose first cell links to ``link_target``, as text."""
    row = next(cells for cells in (CELL.findall(r) for r in ROW.findall(page)) if cells and f'<a href="{link_target}">' in cells[0])
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in row]


def check_counts_on_index_pages_match_the_data(data: Dataset, pages: dict[str, str]) -> None:
    claims = data.claims
    for i in range(len(data.actors)):
        assert _row(pages["actors/index.md"], f"actor-{i}.html")[3] == str(sum(c["actor"] == i for c in claims))
    for i in range(data.figures):
        cells = _row(pages["figures/index.md"], f"figure-{i}.html")
        # The Sources column counts the articles that report the figure's claims.
        articles = len({s for c in claims if c["figure"] == i for s, _, _ in c["citations"]})
        assert cells[3] == ("1 article" if articles == 1 else f"{articles} articles")
    for j in range(len(data.sources)):
        assert _row(pages["sources/index.md"], f"source-{j}.html")[3] == str(sum(any(s == j for s, _, _ in c["citations"]) for c in claims))
    rows = sum(len(c["citations"]) for c in claims)
    assert f"hold the same {len(claims)} claims" in pages["downloads/index.md"]
    assert f"one row per citation ({rows} rows)" in pages["downloads/index.md"]


# A Markdown link's target, or an HTML block's (written to the published page: x.html for x.md).
LINK = re.compile(r"\]\(([^)\s]+)\)|<a href=\"([^\"]+)\"")
HAND_WRITTEN = {rel.removeprefix("briefings/") for rel in SITE_FILES if rel.startswith("briefings/") and rel.endswith(".md")}


def _anchors(page: str) -> set[str]:
    ids = set(re.findall(r'id="([^"]+)"', page))
    ids |= {slugify(re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), h), "-") for h in re.findall(r"^#+ (.+)$", page, re.M)}
    return ids


def check_every_internal_link_and_anchor_resolves(pages: dict[str, str]) -> None:
    broken = []
    checked = 0
    for rel, body in pages.items():
        if not rel.endswith(".md"):
            continue
        base = "index.md" if rel.startswith(paths.FRAGMENTS) else rel  # the home fragment is included into index.md
        for markdown_href, html_href in LINK.findall(body):
            href = markdown_href or html.unescape(html_href)
            if href.startswith(("http://", "https://")):
                continue
            checked += 1
            target, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base), target)) if target else base
            if html_href and resolved.endswith(".html") and resolved not in pages:
                resolved = resolved.removesuffix(".html") + ".md"  # a generated page, as published
            if resolved not in pages and resolved not in HAND_WRITTEN:
                broken.append(f"{rel} -> {href}: no such page")
            elif anchor and resolved in pages and anchor not in _anchors(pages[resolved]):
                broken.append(f"{rel} -> {href}: no such anchor")
    # Each claim's permanent address sends the reader to a page that holds the claim's anchor.
    for rel, body in pages.items():
        if rel.startswith("claims/") and not rel.endswith(".cite.html"):  # a claim's citation page is not a redirect
            checked += 1
            target = re.search(r'http-equiv="refresh" content="0; url=\.\./([^"#]+)\.html#([^"]+)"', body)
            if target is None or target[2] not in _anchors(pages.get(target[1] + ".md", "")):
                broken.append(f"{rel}: does not land on its claim")
    assert checked > 0 and broken == []


def check_json_and_csv_downloads_round_trip_to_the_same_claims(data: Dataset, pages: dict[str, str]) -> None:
    records = {c["id"]: c for c in json.loads(pages[paths.CLAIMS_JSON])["claims"]}
    assert sorted(records) == sorted(f"claim-{i}" for i in range(len(data.claims)))
    for i, claim in enumerate(data.claims):
        record = records[f"claim-{i}"]
        assert record["statement"] == claim["statement"] and record["actor"]["name"] == data.actors[claim["actor"]]
        assert [(c["source"], c["via"]) for c in record["citations"]] == [(f"source-{s}", [f"actor-{a}" for a in via]) for s, _, via in claim["citations"]]
    rows = list(csv.DictReader(io.StringIO(pages[paths.CLAIMS_CSV])))
    from_csv: dict[str, dict] = {}
    for row in rows:
        cells = {k: restore(v) for k, v in row.items()}
        record = from_csv.setdefault(
            cells["claim_id"],
            {
                "actor": cells["actor_id"],
                "actor_name": cells["actor_name"],
                "figure": cells["figure_id"] or None,
                "stance": cells["stance"],
                "value": cells["value_text"] or None,
                "low": float(cells["low"]) if cells["low"] else None,
                "high": float(cells["high"]) if cells["high"] else None,
                "claimed_on": cells["claimed_on"] or None,
                "statement": cells["statement"],
                "citations": [],
            },
        )
        record["citations"].append((int(cells["citation"]), cells["source_id"], cells["quote"], cells["via"]))
    assert sorted(from_csv) == sorted(records)
    for cid, record in records.items():
        row = from_csv[cid]
        value = record["value"] or {}
        assert row == {
            "actor": record["actor"]["id"],
            "actor_name": record["actor"]["name"],
            "figure": record["figure"],
            "stance": record["stance"],
            "value": value.get("text"),
            "low": value.get("low"),
            "high": value.get("high"),
            "claimed_on": (record["claimed_on"] or {}).get("date"),
            "statement": record["statement"],
            "citations": [(n, c["source"], c["quote"], " > ".join(c["via"])) for n, c in enumerate(record["citations"], 1)],
        }


# --- the compiled schema check never accepts what the detailed walk rejects ----------------------

_TRICKY = st.sampled_from(
    ["", "x", "a-b", "a--b", "A", "2024-10-18", "2024-10", "2024-13-45", "https://a.example/x", "http://a b", "ok\n", "x\x1c", "\u00a0", "inferred"]
)
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False), _TRICKY, st.text(max_size=4))
_VALUES = st.one_of(_SCALARS, st.lists(st.one_of(_TRICKY, _SCALARS), max_size=3), st.dictionaries(_TRICKY, _SCALARS, max_size=2))


def _curated() -> list[tuple[str, object]]:
    from generator import model
    from generator.data.load import load_yaml

    root = Path(__file__).resolve().parent.parent / "data"
    found = []
    for folder, kind in model.KINDS.items():
        for path in sorted((root / folder).glob("*.yml")):
            doc, problems = load_yaml(path, path.name)
            assert doc is not None and not problems
            found.append((kind, doc.data))
    return found


def _leaves(value: object, at: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [at, *(p for k, v in value.items() for p in _leaves(v, at + (k,)))]
    if isinstance(value, list):
        return [at, *(p for i, v in enumerate(value) for p in _leaves(v, at + (i,)))]
    return [at]


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, object]:
    """A curated record with one to three of its values (or new keys) replaced by values near and across the rules."""
    import copy

    kind, data = draw(st.sampled_from(_curated()))
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.sampled_from(_leaves(data)))
        new = draw(_VALUES)
        if not at:
            continue
        parent = data
        for part in at[:-1]:
            parent = parent[part]
        if isinstance(parent, dict) and draw(st.booleans()):
            parent[draw(st.sampled_from(["extra", "note", "figure", "low", "high", "hedge", "value", "as_of", "aliases", "tags"]))] = new
        else:
            parent[at[-1]] = new
    return kind, data


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_mutated())
def test_the_compiled_check_accepts_only_what_jsonschema_accepts(case: tuple[str, object]) -> None:
    """validate runs jsonschema's detailed walk only on documents the compiled check rejects: it must never pass one the walk would reject."""
    from generator.data.schema import _fast_check, _validator

    kind, data = case
    try:
        _fast_check(kind)(data)
    except Exception:
        return  # the detailed walk decides, and explains
    assert list(_validator(kind).iter_errors(data)) == []
