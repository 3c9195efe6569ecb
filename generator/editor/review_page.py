"""The live preview's review pages: a source's article with every draft highlighted, and beside
each draft its fields, its review remarks and the commands that accept or reject it.

Only ``briefing serve`` shows them (``hooks/briefing_hook.py`` adds them to the pages MkDocs
builds while serving, from a folder outside the docs folder); ``briefing generate`` and
``briefing build`` never write them, so the published site has none. They are read-only, like
the rest of the site: an editor reviews with ``briefing drafts …`` in the project folder, and
the preview regenerates after each change.

One page per drafts folder of a known source (``review/<source-id>.md``) and an index
(``review/index.md``) listing them. The article is highlighted by the source page's own
function (:func:`generator.site.archive.highlighted`), so drafts look as curated quotes do.
Everything drafted is input: every value is escaped, and each command word is quoted for the
shell (a file name may hold anything). The work is bounded: at most :data:`MAX_PAGES` pages and
:data:`MAX_DRAFTS` drafts a page; the index and each page say what they leave out.
"""

from __future__ import annotations

import html
import json
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import model
from generator.data.load import load_yaml
from generator.data.quotes import Normalised, locate
from generator.editor.review import KINDS, Draft, folders, references
from generator.project import Project
from generator.site import paths
from generator.site.archive import highlighted
from generator.site.format import UNSAFE, day_label, editorial_description

#: The folder of the review pages inside the served site.
FOLDER = "review"
INDEX = f"{FOLDER}/index.md"
#: Drafts shown on one page, and review pages made; the rest are named, not shown.
MAX_DRAFTS = 200
MAX_PAGES = 200
#: Draft files read in one folder (the page shows fewer; reading more only makes each save slower).
MAX_READ = 5000
#: Citations of one draft that are shown (a draft has one or a few).
MAX_CITATIONS = 20
#: Characters of one field's value shown (quotes are shown whole, in the article and the card).
MAX_FIELD = 2000

#: Where each kind is shown: claims first (they have quotes), then the records they need.
_ORDER = {"claims": 0, "citations": 1, "actors": 2, "figures": 3}
_NOUN = {"claims": "claim", "citations": "citation to add", "actors": "actor", "figures": "figure"}


def page_path(source_id: str) -> str:
    return f"{FOLDER}/{source_id}.md"


def reviewable(root: Path, corpus: model.Corpus) -> list[str]:
    """The drafts folders that get a review page: those named after a source on file."""
    return [name for name in folders(root) if name in corpus.sources]


def pages(root: Path, corpus: model.Corpus) -> dict[str, str]:
    """Every review page as Markdown, by path in the site (``review/…``); the index even when there are no drafts."""
    names = folders(root)
    shown = [n for n in names if n in corpus.sources][:MAX_PAGES]
    seen: set[str] = set()
    out = {page_path(name): source_page(root, corpus, name, seen) for name in shown}
    out[INDEX] = index_page(root, corpus, names, shown)
    for gone in set(_PARSED) - seen:
        del _PARSED[gone]
    return out


# --- reading, kept between saves -------------------------------------------------------------------

#: Each draft file read, by path, with the (mtime, size) it was read at: a save re-reads only what changed.
_PARSED: dict[str, tuple[tuple[int, int], Draft]] = {}


def _files(root: Path, source: str) -> list[tuple[str, Path]]:
    """The draft files of a folder, by kind (claims, citations, actors, figures) then name; links are never read."""
    folder = Project(root).drafts / source
    found: list[tuple[str, Path]] = []
    for kind in sorted(KINDS, key=_ORDER.__getitem__):
        sub = folder / kind
        if sub.is_dir() and not sub.is_symlink():
            found.extend((kind, p) for p in sorted(sub.glob("*.yml"), key=lambda p: p.stem) if not p.is_symlink())
    return found


def _read(root: Path, source: str, seen: set[str]) -> tuple[list[Draft], int]:
    """The drafts of a folder (the first :data:`MAX_READ`), and how many files were left unread."""
    files = _files(root, source)
    drafts = []
    for kind, path in files[:MAX_READ]:
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
        seen.add(str(path))
        hit = _PARSED.get(str(path))
        if hit is not None and hit[0] == signature:
            drafts.append(hit[1])
            continue
        doc, problems = load_yaml(path, path.relative_to(root).as_posix())
        draft = Draft(kind, path.stem, path, "", doc.data if doc is not None and isinstance(doc.data, dict) else None, problems)
        _PARSED[str(path)] = (signature, draft)
        drafts.append(draft)
    return drafts, max(0, len(files) - MAX_READ)


# --- the pages -------------------------------------------------------------------------------------

_NONE = "<p>No drafts are waiting. Draft an article's claims with <code>briefing suggest SOURCE_ID --write</code>.</p>\n"
_FRONT = "---\ntitle: {title}\nhide: [navigation, toc]\nsearch:\n  exclude: true\n---\n\n"
_NOTICE = (
    '<div class="admonition note"><p class="admonition-title">Preview only</p><p>{what} <code>briefing serve</code> makes this page '
    "from <code>data/drafts/</code>; the published site does not have it. It changes nothing: run the commands below in the project "
    "folder, and this page follows.</p></div>"
)


def index_page(root: Path, corpus: model.Corpus, names: list[str], shown: list[str]) -> str:
    rows = []
    for name in names:
        if name in shown:
            counts = _counts([kind for kind, _ in _files(root, name)])
            link = f'<a href="{html.escape(paths.published(page_path(name)).rpartition("/")[2])}">{_esc(_source_name(corpus, name))}</a>'
            rows.append(f"<li>{link} <code>{_esc(name)}</code>: {_esc(counts)}</li>")
        elif name in corpus.sources:
            rows.append(f"<li><code>{_esc(name)}</code>: not shown here (more than {MAX_PAGES} folders); <code>briefing drafts list {_shell(name)}</code></li>")
        else:
            rows.append(f"<li><code>{_esc(name)}</code>: no source has this id; <code>briefing validate</code> says what to do.</li>")
    return (
        _FRONT.format(title=json.dumps("Review drafts"))
        + "# Review drafts\n\n"
        + _NOTICE.format(what="The drafts <code>briefing suggest --write</code> made, by article.")
        + "\n\n"
        + (f'<ul class="review-folders">{"".join(rows)}</ul>\n' if rows else _NONE)
    )


def source_page(root: Path, corpus: model.Corpus, source_id: str, seen: set[str] | None = None) -> str:
    """The review page of one drafts folder: the notice, the article highlighted, and a card per draft."""
    source = corpus.sources[source_id]
    found, unread = _read(root, source_id, set() if seen is None else seen)
    folder = _Folder.of(found)
    drafts, left = found[:MAX_DRAFTS], max(0, len(found) - MAX_DRAFTS) + unread
    numbers = {id(d): n for n, d in enumerate(drafts, 1)}
    haystack = Normalised.of(source.text)
    marks: list[tuple[int, int, str, str]] = []
    cards = []
    for draft in drafts:
        n = numbers[id(draft)]
        quotes = []
        for position, citation in enumerate(_citations(draft)[:MAX_CITATIONS], 1):
            quote = citation.get("quote")
            span = locate(haystack, quote) if citation.get("source") == source_id and isinstance(quote, str) else None
            if span is not None:
                anchor = f"dq-{n}-{position}"
                marks.append(
                    (
                        span[0],
                        span[1],
                        f'<span class="quote-anchor" id="{anchor}"></span>',
                        f'<sup class="quote-claim"><a href="#draft-{n}">draft {n}</a></sup>',
                    )
                )
            quotes.append((citation, span, f"dq-{n}-{position}"))
        cards.append(_card(corpus, source_id, folder, draft, n, quotes))
    source_link = paths.link(page_path(source_id), paths.published(paths.source(source_id)))
    more = (
        f"<p>{left} more draft{'s are' if left != 1 else ' is'} not shown here; <code>briefing drafts list {_shell(source_id)}</code> lists them all.</p>"
        if left
        else ""
    )
    parts = [
        _FRONT.format(title=json.dumps(f"Review drafts: {source_id}")),
        "# Review drafts\n\n",
        _NOTICE.format(what="The drafts of one article."),
        "\n\n",
        f'<p class="review-of">Article: <a href="{html.escape(source_link)}">{_esc(_source_title(corpus, source_id))}</a>, <code>{_esc(source_id)}</code>. '
        f'{_esc(_counts([kind for kind, _ in _files(root, source_id)]))}. <a href="index.html">Every article with drafts</a>.</p>\n\n',
        f'<p class="review-all">Every draft at once: accept with {_command(["accept", source_id, "--all"])}, reject with {_command(["reject", source_id, "--all"])}.</p>\n\n',
        '<div class="review-grid"><section class="review-article"><h2 id="article">The article</h2>'
        "<p>Each drafted quote is highlighted; the label after it leads to its draft.</p>"
        f"{highlighted(source.text, source.language, marks)}</section>"
        f'<section class="review-drafts"><h2 id="drafts">Drafts</h2><ol class="draft-cards">{"".join(cards)}</ol>{more}</section></div>\n\n',
        _STYLE,
    ]
    return "".join(parts)


def _card(corpus: model.Corpus, source_id: str, folder: _Folder, draft: Draft, n: int, quotes: list[tuple[dict[str, Any], Any, str]]) -> str:
    data = draft.data or {}
    out = [f'<li class="draft-card draft-{draft.kind}" id="draft-{n}" value="{n}">']
    out.append(f'<h3>Draft {n}: {_NOUN[draft.kind]} <code class="draft-id">{_esc(draft.ident)}</code></h3>')
    if draft.kind == "citations":
        out.append("<p>A claim already on file: accepting adds this article's quote to it as one more citation.</p>")
    for citation, span, anchor in quotes:
        where = (
            f'<a href="#{anchor}">In the article</a>'
            if span is not None
            else "<strong>Not found in this article</strong> (<code>briefing validate</code> says why)"
        )
        if citation.get("source") != source_id:
            where = f"cites <code>{_esc(citation.get('source'))}</code>"
        out.append(f'<blockquote class="draft-quote"><p>{_esc(citation.get("quote"))}</p></blockquote><p class="draft-where">{where}</p>')
        if citation.get("via"):
            out.append(f"<p>Via: {_ids(corpus, folder.drafted, citation.get('via'))}</p>")
    if len(_citations(draft)) > MAX_CITATIONS:
        out.append(f"<p>{len(_citations(draft)) - MAX_CITATIONS} more citations are in the file.</p>")
    fields = [(k, v) for k, v in data.items() if k not in ("id", "review", "citations")]
    if fields:
        out.append('<dl class="draft-fields">')
        for key, value in fields:
            shown = _ids(corpus, folder.drafted, value) if key in ("actor", "figure", "part_of", "related") else _esc(_flat(value))
            out.append(f"<dt>{_esc(key)}</dt><dd>{shown}</dd>")
        out.append("</dl>")
    for problem in draft.problems:
        out.append(f'<p class="draft-problem"><strong>Does not read:</strong> <code>{_esc(problem.format())}</code></p>')
    if draft.review:
        out.append('<p class="draft-remarks-title"><strong>Review remarks</strong></p><ul class="draft-remarks">')
        out.extend(f"<li>{_esc(remark)}</li>" for remark in draft.review)
        out.append("</ul>")
    accept, reject, why = commands(source_id, folder, draft)
    out.append(f'<p class="draft-accept">Accept: {_command(accept)}</p>')
    out.append(f'<p class="draft-reject">Reject: {_command(reject)}</p>' if reject else f'<p class="draft-reject">Reject: {_esc(why)}</p>')
    out.append("</li>")
    return "".join(out)


# --- the commands ----------------------------------------------------------------------------------


@dataclass
class _Folder:
    """A folder's drafts, with what refers to what, worked out once for every card."""

    drafted: dict[str, Draft]  # the drafted actors and figures, by id
    used_by: dict[str, list[Draft]]  # every id, with the drafts that refer to it

    @classmethod
    def of(cls, drafts: list[Draft]) -> _Folder:
        used_by: dict[str, list[Draft]] = {}
        for draft in drafts:
            for ident in references(draft.data):
                used_by.setdefault(ident, []).append(draft)
        return cls({d.ident: d for d in drafts if d.kind in ("actors", "figures")}, used_by)


def commands(source_id: str, folder: _Folder, draft: Draft) -> tuple[list[str], list[str] | None, str]:
    """The arguments of ``briefing drafts`` that accept and reject ``draft``, and why there is no reject when there is none.

    Accepting a claim takes the drafted actors and figures it needs along (the validator refuses
    a claim without them); rejecting it takes those no other drafted claim needs, so that no
    orphan is left behind. A drafted actor or figure a drafted claim uses is rejected with that
    claim: ``briefing drafts reject`` refuses it alone.
    """
    drafted = folder.drafted
    needed = _needs(draft, drafted)
    accept = ["accept", source_id, *_ordered(needed, drafted), draft.ident]
    users = [d for d in folder.used_by.get(draft.ident, []) if d is not draft and d.kind in ("claims", "citations")]
    if draft.kind in ("actors", "figures"):
        holders = [d for d in folder.used_by.get(draft.ident, []) if d is not draft and d.kind == "actors"]
        if users or holders:
            named = ", ".join(d.ident for d in [*users, *holders][:5]) + (", …" if len(users) + len(holders) > 5 else "")
            return accept, None, f"used by {named}: it goes with them (or merge or rename it, see How to edit)."
        return accept, ["reject", source_id, draft.ident], ""
    alone = [i for i in _ordered(needed, drafted) if not any(d is not draft and d.kind != "figures" for d in folder.used_by.get(i, []))]
    return accept, ["reject", source_id, draft.ident, *alone], ""


def _needs(draft: Draft, drafted: dict[str, Draft]) -> set[str]:
    """The drafted actors and figures ``draft`` refers to, and those they refer to (an actor's part_of)."""
    found: set[str] = set()
    todo = [r for r in references(draft.data) if r in drafted]
    while todo:
        ident = todo.pop()
        if ident in found or ident == draft.ident:
            continue
        found.add(ident)
        todo.extend(r for r in references(drafted[ident].data) if r in drafted)
    return found


def _ordered(idents: Iterable[str], drafted: dict[str, Draft]) -> list[str]:
    return sorted(idents, key=lambda i: (_ORDER[drafted[i].kind], i))


def _command(words: list[str]) -> str:
    return f'<code class="draft-command">{_esc(shlex.join(["briefing", "drafts", *words]))}</code>'


def _shell(word: str) -> str:
    return _esc(shlex.quote(word))


# --- values ----------------------------------------------------------------------------------------


def _esc(value: object) -> str:
    return html.escape(UNSAFE.sub("\ufffd", str(value)))


def _flat(value: Any, depth: int = 0) -> str:
    """A field's value in one line: ``text: about 300; low: 300``."""
    if isinstance(value, dict):
        text = "; ".join(f"{k}: {_flat(v, depth + 1)}" for k, v in value.items()) if depth < 4 else "…"
    elif isinstance(value, list):
        text = ", ".join(_flat(v, depth + 1) for v in value) if depth < 4 else "…"
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return text if len(text) <= MAX_FIELD else text[:MAX_FIELD] + "…"


def _ids(corpus: model.Corpus, drafted: dict[str, Draft], value: Any) -> str:
    """Actor and figure ids with their names: a curated one links to its page, a drafted one says so."""
    out = []
    for ident in value if isinstance(value, list) else [value]:
        ident = str(ident)
        if ident in drafted:
            data = drafted[ident].data or {}
            name = data.get("name") or data.get("label") or ""
            out.append(f"<code>{_esc(ident)}</code> (drafted{': ' + _esc(_flat(name)) if name else ''})")
        elif ident in corpus.actors or ident in corpus.figures:
            target = paths.actor(ident) if ident in corpus.actors else paths.figure(ident)
            name = corpus.actors[ident].name if ident in corpus.actors else corpus.figures[ident].label
            href = paths.link(page_path("x"), paths.published(target))
            out.append(f'<code>{_esc(ident)}</code> (<a href="{html.escape(href)}">{_esc(name)}</a>)')
        else:
            out.append(f"<code>{_esc(ident)}</code> (not on file)")
    return ", ".join(out)


def _citations(draft: Draft) -> list[dict[str, Any]]:
    found = (draft.data or {}).get("citations")
    return [c for c in found if isinstance(c, dict)] if isinstance(found, list) else []


def _counts(kinds: list[str]) -> str:
    tally: dict[str, int] = {}
    for kind in kinds:
        tally[kind] = tally.get(kind, 0) + 1
    words = []
    for kind in ("claims", "citations", "actors", "figures"):
        if tally.get(kind):
            noun = _NOUN[kind]
            plural = "citations to add" if kind == "citations" else noun + "s"
            words.append(f"{tally[kind]} {noun if tally[kind] == 1 else plural}")
    return ", ".join(words) or "no drafts"


def _source_name(corpus: model.Corpus, ident: str) -> str:
    source = corpus.sources[ident]
    return source.title or editorial_description(source.text)


def _source_title(corpus: model.Corpus, ident: str) -> str:
    source = corpus.sources[ident]
    outlet = [corpus.actors[source.outlet].name] if source.outlet and source.outlet in corpus.actors else []
    when = day_label(source.published.date) if source.published else "date unknown"
    return f"{_source_name(corpus, ident)} ({', '.join([*outlet, when])})"


def notices(root: Path, corpus: model.Corpus) -> dict[str, str]:
    """Where the preview links to the review pages: each drafted article's source page, the home page
    and How to edit, by page (``sources/<id>.md``), each with the notice (HTML) to put at its top."""
    names = reviewable(root, corpus)[:MAX_PAGES]
    if not names:
        return {}
    out = {}
    for name in names:
        href = paths.link(paths.source(name), paths.published(page_path(name)))
        out[paths.source(name)] = (
            '<div class="admonition note"><p class="admonition-title">Preview only: drafts to review</p>'
            f'<p>This article has drafts in <code>data/drafts/{_esc(name)}/</code>. <a href="{html.escape(href)}">Review them beside the article</a>.</p></div>'
        )
    many = f"{len(names)} article{'s have' if len(names) != 1 else ' has'} drafts"
    for page in ("index.md", "how-to-edit.md"):
        href = paths.link(page, paths.published(INDEX))
        out[page] = (
            '<div class="admonition note"><p class="admonition-title">Preview only: drafts to review</p>'
            f'<p>{many} in <code>data/drafts/</code>. <a href="{html.escape(href)}">Review drafts</a>.</p></div>'
        )
    return out


# Preview-only styles: the published stylesheet stays as it is. Two columns when the page is wide
# (the article stays in view while the drafts scroll), one below 76.25em (Material's wide breakpoint).
_STYLE = (
    "<style>"
    ".review-grid{display:grid;gap:1.5rem}"
    "@media screen and (min-width:76.25em){.review-grid{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}"
    ".review-article{position:sticky;top:4.5rem;align-self:start;max-height:calc(100vh - 5.5rem);overflow-y:auto}}"
    ".draft-cards{padding-left:0!important;margin-left:0!important;list-style:none}"
    ".md-typeset .draft-cards>li{margin-left:0!important}"
    ".draft-card{scroll-margin-top:4rem}"
    ".md-typeset .draft-card{border:1px solid var(--md-default-fg-color--lightest);border-radius:.2rem;padding:.2rem .8rem .6rem;margin:0 0 1rem}"
    ".draft-card:target{outline:3px solid var(--md-accent-fg-color)}"
    ".draft-card h3{margin-top:.6rem!important;font-size:1em}"
    ".draft-fields{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1rem .8rem;margin:.5rem 0}"
    ".md-typeset .draft-fields dd{margin:0}.draft-fields dt{font-weight:700}"
    ".draft-command{white-space:pre-wrap;word-break:break-all;display:inline-block}"
    ".draft-problem{color:var(--md-typeset-del-color,#b00)}"
    "</style>\n"
)
