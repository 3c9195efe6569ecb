"""Compare the data at two git revisions and describe the change for a reviewer, in Markdown.

A pull request that edits YAML is hard to review as a text diff: a moved quote, a
changed bound or a new alias is one line among many, and what it does to the site
is invisible. ``briefing diff`` reads both revisions, validates them with the same
rules as ``briefing validate``, renders both sites in memory with each revision's
own templates, and reports records added, changed and removed (field by field),
the pages that will change, and the figures whose spread of estimates moves.

Data values are untrusted, so every value is escaped for Markdown before it is
printed: the report is posted as the pull request's summary.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import model
from generator.data.validate import validate
from generator.editor.records import Workspace
from generator.errors import BriefingError, Problem, ValidationFailed
from generator.project import DATA_DIR, TEMPLATES_DIR, Project
from generator.site.format import counted, md, number
from generator.site.index import build as build_index
from generator.site.pages import Site
from generator.site.values import Compared, grades_between, spread
from generator.story import feeds, follow, withdrawn

#: What a revision contributes to the site: the data and the templates that render it.
TRACKED = (DATA_DIR, TEMPLATES_DIR)
#: Longest value shown in a field change before it is cut.
SHOWN = 160
#: Most pages listed by name; the rest are counted.
PAGES_LISTED = 60

KIND_TITLES = {"claims": "Claims", "actors": "Actors", "figures": "Figures", "sources": "Sources"}


@dataclass
class Tree:
    """One revision's data and rendered pages."""

    label: str
    docs: dict[str, dict[str, dict[str, Any]]]
    corpus: model.Corpus | None = None
    pages: dict[str, str | bytes] = field(default_factory=dict)
    #: The reasons given in data/withdrawn.yml, by claim id.
    reasons: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Whether ``pages`` holds the rendered site (not when there are no templates, or mkdocs.yml gives feeds no id).
    rendered: bool = False


def read_tree(root: Path, label: str, settings: feeds.Settings | None) -> Tree:
    """Read and render the project at ``root`` (a checkout or an extracted revision), its feeds identified by ``settings``.

    Without ``settings`` (mkdocs.yml gives feeds no id), the data is read but no page is rendered.
    """
    tree = Tree(label, Workspace.read(root).docs)
    entries, reason_problems = withdrawn.read_reasons(root)
    tree.reasons = {ident: reason for ident, (reason, _, _) in entries.items()}
    try:
        tree.corpus = validate(root)
    except ValidationFailed as failed:
        tree.problems = failed.problems + reason_problems
        return tree
    tree.problems = reason_problems
    project = Project(root)
    if project.templates.is_dir() and settings is not None:
        tree.rendered = True
        story = follow.Story.unknown(tree.corpus, settings=settings)
        tree.pages = Site(build_index(tree.corpus), project.templates, limits=project.limits, story=story).pages()
    return tree


def extract(root: Path, revision: str, into: Path) -> None:
    """Write ``data/`` and ``site_templates/`` as they are at ``revision`` into ``into``."""
    listed = _git(root, "ls-tree", "--name-only", revision, "--", *TRACKED)
    paths = [p for p in listed.decode().split("\n") if p]
    if not paths:
        return
    archive = _git(root, "archive", "--format=tar", revision, "--", *paths)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise BriefingError("briefing diff needs git on the PATH.") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise BriefingError(f"git {args[0]} failed: {message[-1] if message else 'no output'}")
    return done.stdout


def diff(root: Path, base: str, head: str | None = None) -> tuple[str, bool]:
    """The Markdown report, and whether the head revision validates."""
    # Both revisions' feeds take their ids from the working tree's mkdocs.yml, as a build here would.
    # When it gives none, the build would refuse: that is a problem of the head, and pages are not compared.
    settings, config_problems = None, []
    try:
        settings = feeds.settings(root)
    except ValidationFailed as failed:
        config_problems = failed.problems
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        base_root = Path(tmp) / "base"
        base_root.mkdir()
        extract(root, base, base_root)
        before = read_tree(base_root, base, settings)
        if head is None:
            after = read_tree(root, "working tree", settings)
        else:
            head_root = Path(tmp) / "head"
            head_root.mkdir()
            extract(root, head, head_root)
            after = read_tree(head_root, head, settings)
    after.problems = config_problems + after.problems
    return report(before, after), not after.problems


# --- the report ---------------------------------------------------------------------------------


def report(before: Tree, after: Tree) -> str:
    lines = [f"## Briefing: what changes from `{_code(before.label)}` to `{_code(after.label)}`", ""]
    if after.problems:
        shown = [p.format() for p in after.problems]  # one line each: newlines in data are shown as \n
        fence = fence_for(shown)
        lines += [f"**{after.label} does not validate**: {counted(len(after.problems), 'problem')}. Fix them before merging:", "", f"{fence}text"]
        lines += shown
        lines += [fence, ""]
    counts: list[str] = []
    sections: list[str] = []
    for folder, title in KIND_TITLES.items():
        old, new = before.docs.get(folder, {}), after.docs.get(folder, {})
        added = sorted(set(new) - set(old))
        removed = sorted(set(old) - set(new))
        changed = sorted(ident for ident in set(old) & set(new) if old[ident] != new[ident])
        counts.append(f"{title.lower()}: {len(added)} added, {len(changed)} changed, {len(removed)} removed")
        if added:
            sections += [f"### {title} added", "", *(f"- {_describe(folder, ident, new[ident])}" for ident in added), ""]
        if changed:
            sections += [f"### {title} changed", ""]
            for ident in changed:
                sections.append(f"- {_id(ident)}")
                sections += [f"    - `{path}`: {was} → {now}" for path, was, now in field_changes(old[ident], new[ident])]
            sections.append("")
        if removed:
            note = " (a published claim removed is withdrawn: its address stays and says so)" if folder == "claims" else ""
            sections += [f"### {title} removed{note}", "", *(f"- {_describe(folder, ident, old[ident])}" for ident in removed), ""]
    lines += ["**Records** · " + " · ".join(counts), ""]
    lines += sections or ["No records changed.", ""]
    lines += _reasons(before.reasons, after.reasons)
    if before.corpus is not None and after.corpus is not None:
        lines += _spreads(before.corpus, after.corpus)
        lines += _grades(before.corpus, after.corpus)
        if before.rendered and after.rendered:
            lines += _pages(before.pages, after.pages)
    elif before.problems:
        lines += [f"`{_code(before.label)}` does not validate ({len(before.problems)} problems), so pages and spreads are not compared.", ""]
    return "\n".join(lines).rstrip() + "\n"


def field_changes(old: Any, new: Any, at: str = "") -> Iterator[tuple[str, str, str]]:
    """``(field path, old, new)`` for each changed leaf, such as ``citations[0].quote``."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            yield from field_changes(old.get(key, _ABSENT), new.get(key, _ABSENT), f"{at}.{key}" if at else key)
    elif isinstance(old, list) and isinstance(new, list) and any(isinstance(v, dict) for v in old + new):
        for i in range(max(len(old), len(new))):
            yield from field_changes(old[i] if i < len(old) else _ABSENT, new[i] if i < len(new) else _ABSENT, f"{at}[{i}]")
    elif old != new:
        yield at, _shown(old), _shown(new)


class _Absent:
    pass


_ABSENT = _Absent()


def _shown(value: Any) -> str:
    if value is _ABSENT:
        return "*(absent)*"
    if value is None:
        return "`null`"
    if isinstance(value, (dict, list)):
        import json

        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    if len(text) > SHOWN:
        text = text[: SHOWN - 1] + "…"
    return f"“{md(text)}”" if isinstance(value, str) else md(text)


def _describe(folder: str, ident: str, data: dict[str, Any]) -> str:
    def get(key: str) -> str:
        value = data.get(key)
        return value if key == "actor" and isinstance(value, str) else md(value) if isinstance(value, str) else ""

    match folder:
        case "claims":
            value = data.get("value") if isinstance(data.get("value"), dict) else None
            said = f" “{md(value['text'])}”" if value and isinstance(value.get("text"), str) else ""
            figure = f" on {_id(data['figure'])}" if isinstance(data.get("figure"), str) else ""
            return f"{_id(ident)}: {_id(get('actor'))} {get('stance')}{said}{figure}. {get('statement')}"
        case "actors":
            return f"{_id(ident)}: {get('name')} ({get('kind')})"
        case "figures":
            return f"{_id(ident)}: {get('label')}, in {get('unit')}"
        case _:
            title = get("title") or "untitled"
            return f"{_id(ident)}: {title}"


def _reasons(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Reasons for withdrawn claims (``data/withdrawn.yml``) given, changed or taken back: readers see them at each claim's address."""
    rows = [f"- {_id(i)}: given: {_shown(new[i])}" for i in sorted(set(new) - set(old))]
    rows += [f"- {_id(i)}: {_shown(old[i])} → {_shown(new[i])}" for i in sorted(set(old) & set(new)) if old[i] != new[i]]
    rows += [f"- {_id(i)}: taken back (was {_shown(old[i])})" for i in sorted(set(old) - set(new))]
    if not rows:
        return []
    return ["### Reasons for withdrawn claims (data/withdrawn.yml)", "", *rows, ""]


def fence_for(lines: list[str]) -> str:
    """A code fence longer than any run of backticks in ``lines``, so that no line can close it (CommonMark)."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _spread_text(value: tuple[float, float, int] | None) -> str:
    if value is None:
        return "no estimates"
    low, high, count = value
    estimates = "estimate" if count == 1 else "estimates"
    span = number(low) if low == high else f"{number(low)} to {number(high)}"
    return f"{span} ({count} {estimates})"


def _spreads(before: model.Corpus, after: model.Corpus) -> list[str]:
    rows = []
    for figure in sorted(set(before.figures) | set(after.figures)):
        old, new = spread(before, figure), spread(after, figure)
        if old != new:
            label = after.figures[figure].label if figure in after.figures else before.figures[figure].label
            rows.append(f"| {md(label)} ({_id(figure)}) | {_spread_text(old)} | {_spread_text(new)} |")
    if not rows:
        return ["No figure's spread of estimates moves.", ""]
    return ["### Spread of estimates", "", "| Figure | Before | After |", "| --- | --- | --- |", *rows, ""]


def _pair_grades(corpus: model.Corpus, focus: set[str]) -> dict[tuple[str, str], Compared]:
    """Graded pairs about the same moment that involve a claim in ``focus``, by the pair's claim ids (sorted)."""
    index = build_index(corpus)
    out: dict[tuple[str, str], Compared] = {}
    for claims in index.by_figure.values():
        mine = [c for c in claims if c.id in focus]
        if not mine:
            continue
        for claim in mine:
            for pair in grades_between(index, [claim, *(c for c in claims if c is not claim)]).values():
                if claim in (pair.lower, pair.higher):
                    out[tuple(sorted((pair.lower.id, pair.higher.id)))] = pair  # type: ignore[index]
    return out


def _grades(before: model.Corpus, after: model.Corpus) -> list[str]:
    """Pairs of estimates whose agreement grade changes ("Budanov and NIS: now differ, 7× apart"), for the claims this change touches."""
    changed = {i for i in set(before.claims) | set(after.claims) if before.claims.get(i) != after.claims.get(i)}
    if not changed:
        return []
    old, new = _pair_grades(before, changed), _pair_grades(after, changed)
    rows = []
    for key in sorted(set(old) | set(new)):
        was, now = old.get(key), new.get(key)
        if was is not None and now is not None and was.grade.name == now.grade.name:
            continue
        pair = now or was
        assert pair is not None
        corpus = after if now else before
        names = " and ".join(md(corpus.actors[c.actor].name) for c in (pair.lower, pair.higher))
        figure = md(corpus.figures[pair.lower.figure].label) if pair.lower.figure in corpus.figures else ""
        if now is None:
            text = f"no longer compared (were: {was.grade.words})"  # type: ignore[union-attr]
        elif was is None:
            text = f"now {now.grade.words}, {now.apart}"
        else:
            text = f"now {now.grade.words} (were: {was.grade.words})"
        rows.append(f"- {names}, {figure} ({_id(key[0])}, {_id(key[1])}): {text}")
    if not rows:
        return ["No pair of estimates changes its grade.", ""]
    return ["### Agreement between sources", "", *rows, ""]


def _pages(old: dict[str, str | bytes], new: dict[str, str | bytes]) -> list[str]:
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(p for p in set(old) & set(new) if old[p] != new[p])
    total = len(added) + len(removed) + len(changed)
    if not total:
        return ["No site page changes.", ""]
    lines = [f"### Site pages that will change ({total})", ""]
    listed = [
        *(f"- added: `briefings/{p}`" for p in added),
        *(f"- changed: `briefings/{p}`" for p in changed),
        *(f"- removed: `briefings/{p}`" for p in removed),
    ]
    lines += listed[:PAGES_LISTED]
    if len(listed) > PAGES_LISTED:
        lines.append(f"- … and {len(listed) - PAGES_LISTED} more")
    return [*lines, ""]


def _code(text: str) -> str:
    return text.replace("`", "'").replace("\n", " ")


def _id(text: str) -> str:
    """An id or file name in a code span, where Markdown is inert; backticks cannot close it."""
    return f"`{_code(text)}`"
