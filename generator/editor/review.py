"""Reviewing drafts: ``briefing drafts list|accept|reject|rename|merge``.

Each step is a :class:`Plan` of whole-file changes (create, replace, delete) computed first and
checked before anything is written: the plan is applied to a linked copy of ``data/`` in a
temporary folder and validated there by the validator itself (curated data, then the drafts
left), so a refusal is the very message ``briefing validate`` would print. Only then is it
applied to ``data/``, all files or none (a failure part-way restores every file touched).
``--dry-run`` prints the plan. Accepted files keep the editor's text, less the ``review`` field,
so ``git diff`` shows a move; renamed and merged drafts are rewritten by the one YAML emitter.

Ids and names are compared as the validator compares them: ids case-insensitively, actor names
by their confusable skeleton (:mod:`generator.data.names`).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data import rejected
from generator.data.drafts import validate_drafts
from generator.data.load import load_yaml
from generator.data.names import skeleton
from generator.data.validate import validate
from generator.editor.records import ID_PATTERN, to_yaml
from generator.errors import BriefingError, Problem, ValidationFailed
from generator.files import atomic_write, create
from generator.project import Project

#: The folders of a drafts folder, and the schema of each.
KINDS = {"claims": "claim", "actors": "actor", "figures": "figure", "citations": "claim"}


@dataclass
class Draft:
    """One draft file: its kind (folder), id, path, text and data (None when it does not parse)."""

    kind: str
    ident: str
    path: Path
    text: str
    data: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def review(self) -> list[str]:
        remarks = (self.data or {}).get("review") or []
        return [str(r) for r in remarks] if isinstance(remarks, list) else [str(remarks)]

    def target(self, root: Path) -> Path:
        """Where the draft goes once accepted: data/<kind>/<id>.yml (a citation replaces its curated claim)."""
        return Project(root).data / ("claims" if self.kind == "citations" else self.kind) / f"{self.ident}.yml"


@dataclass
class Plan:
    """Whole-file changes: path → new text (None deletes it), in the order given."""

    root: Path
    changes: dict[Path, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def describe(self) -> list[str]:
        """One line per file, then a unified diff of each curated file changed in place."""
        lines = []
        for path, text in self.changes.items():
            shown = path.relative_to(self.root).as_posix()
            if text is None:
                lines.append(f"delete  {shown}")
            elif path.exists():
                lines.append(f"replace {shown}")
            else:
                lines.append(f"create  {shown}")
        for path, text in self.changes.items():
            if text is not None and path.exists() and "/drafts/" not in path.as_posix():
                old = path.read_text(encoding="utf-8").splitlines(keepends=True)
                shown = path.relative_to(self.root).as_posix()
                lines.extend(line.rstrip("\n") for line in difflib.unified_diff(old, text.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"))
        return lines


# --- reading ---------------------------------------------------------------------------------------


def folders(root: Path) -> list[str]:
    """The source ids that have a drafts folder."""
    base = Project(root).drafts
    if not base.is_dir():
        return []
    # A folder holding only rejected.yml (every draft reviewed, some rejected) has no drafts left.
    return sorted(p.name for p in base.iterdir() if p.is_dir() and not p.name.startswith(".") and any(p.glob("*/*.yml")))


def read_drafts(root: Path, source: str) -> list[Draft]:
    """Every draft file of ``data/drafts/<source>/``, by kind then id; an unknown source is refused with the folders there are."""
    folder = Project(root).drafts / source
    if not folder.is_dir() or folder.is_symlink():
        known = folders(root)
        guess = difflib.get_close_matches(source, known, n=1, cutoff=0.6)
        hint = (
            f'did you mean "{guess[0]}"?' if guess else (f"drafts folders: {', '.join(known)}." if known else "run briefing suggest SOURCE_ID --write first.")
        )
        raise BriefingError(f'no drafts for "{source}" in data/drafts/. Hint: {hint}')
    drafts = []
    for kind in KINDS:
        for path in sorted((folder / kind).glob("*.yml")) if (folder / kind).is_dir() else []:
            if path.is_symlink():
                continue  # validate reports links; they are never followed
            shown = path.relative_to(root).as_posix()
            doc, problems = load_yaml(path, shown)
            data = doc.data if doc is not None and isinstance(doc.data, dict) else None
            # A file the loader refused (over its size cap, say) is not read whole.
            text = path.read_text(encoding="utf-8") if doc is not None else ""
            drafts.append(Draft(kind, path.stem, path, text, data, problems))
    return drafts


def pick(drafts: list[Draft], idents: list[str], *, every: bool) -> list[Draft]:
    """The drafts named by ``idents`` (case-insensitively), or all of them; refuse an id no draft has."""
    if every:
        return list(drafts)
    chosen: list[Draft] = []
    for ident in idents:
        found = [d for d in drafts if d.ident.lower() == ident.lower()]
        if not found:
            guess = difflib.get_close_matches(ident.lower(), [d.ident for d in drafts], n=1, cutoff=0.6)
            raise BriefingError(
                f'no draft "{ident}" in this folder.' + (f' Hint: did you mean "{guess[0]}"?' if guess else " Hint: briefing drafts list shows them.")
            )
        chosen.extend(d for d in found if d not in chosen)
    if not chosen:
        raise BriefingError("name the drafts to act on, or give --all.")
    return chosen


# --- the steps -------------------------------------------------------------------------------------


def strip_review(text: str) -> str:
    """The file's text without its top-level ``review`` field (flow or block style), and with the schema line of data/<kind>/."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    skipping = False
    for line in lines:
        if re.match(r"review\s*:", line):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    out = "".join(kept)
    return re.sub(r"\A(# yaml-language-server: \$schema=)(?:\.\./)+", r"\1../../", out)


def accept(root: Path, source: str, drafts: list[Draft], chosen: list[Draft]) -> Plan:
    plan = Plan(root)
    for draft in chosen:
        if draft.data is None:
            raise BriefingError(f"{draft.path.relative_to(root).as_posix()} does not parse; briefing validate says why.")
        target = draft.target(root)
        if target.exists() and draft.kind != "citations":
            raise BriefingError(
                f"{target.relative_to(root).as_posix()} already exists; rename the draft first (briefing drafts rename {source} {draft.ident} NEW-ID)."
            )
        plan.changes[target] = strip_review(draft.text)
        plan.changes[draft.path] = None
        plan.notes.append(f"accepted {draft.kind[:-1]} {draft.ident}" if draft.kind != "citations" else f"added this article's citation to claim {draft.ident}")
    return plan


def reject(root: Path, source: str, drafts: list[Draft], chosen: list[Draft]) -> Plan:
    plan = Plan(root)
    for draft in chosen:
        users = [d.ident for d in drafts if d not in chosen and d.kind in ("claims", "citations") and draft.ident in references(d.data)]
        if users and draft.kind in ("actors", "figures"):
            instead = (
                f"or merge the actor into an existing one (briefing drafts merge {source} {draft.ident} ACTOR-ID)"
                if draft.kind == "actors"
                else "or file them under another figure first"
            )
            raise BriefingError(f"{draft.kind[:-1]} {draft.ident} is used by the drafted claims {', '.join(users)}; reject them too, {instead}.")
        plan.changes[draft.path] = None
        plan.notes.append(f"rejected {draft.kind[:-1]} {draft.ident}")
    # Recorded, so that suggest does not draft them again (see generator.editor.rejected).
    recorded = rejected.with_rejected(root, source, [d.data for d in chosen if d.kind in ("claims", "citations")])
    if recorded is not None:
        plan.changes[rejected.path(root, source)] = recorded
        plan.notes.append(f"recorded in data/drafts/{source}/{rejected.FILE}, so that briefing suggest does not draft them again")
    return plan


def references(data: dict[str, Any] | None) -> set[str]:
    """The actor and figure ids a record names."""
    if not data:
        return set()
    found = {str(data.get(k)) for k in ("actor", "figure", "part_of") if data.get(k)}
    for citation in data.get("citations") or []:
        if isinstance(citation, dict):
            found |= {str(v) for v in citation.get("via") or []}
    found |= {str(r) for r in data.get("related") or []}
    counts = data.get("counts")
    if isinstance(counts, dict):
        whose = counts.get("whose")
        found |= {whose} if isinstance(whose, str) else {str(w) for w in whose or []}
    return found


def _replace_ref(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """``data`` with every reference to ``old`` (actor, figure, via, part_of, related) made ``new``."""
    out = dict(data)
    for key in ("actor", "figure", "part_of"):
        if out.get(key) == old:
            out[key] = new
    if isinstance(out.get("related"), list):
        out["related"] = [new if r == old else r for r in out["related"]]
    if isinstance(out.get("citations"), list):
        out["citations"] = [
            {**c, "via": [new if v == old else v for v in c.get("via") or []]} if isinstance(c, dict) and "via" in c else c for c in out["citations"]
        ]
    return out


def _renamed_id(ident: str, old: str, new: str) -> str:
    """A claim id that embeds ``old`` as whole words, with ``new`` in its place."""
    return re.sub(rf"(?<![a-z0-9]){re.escape(old)}(?![a-z0-9])", new, ident)


def _taken(root: Path) -> set[str]:
    """Every id in use, curated or drafted, lowercased."""
    data = Project(root).data
    return {p.stem.lower() for p in data.glob("*/*.yml")} | {p.stem.lower() for p in data.glob("drafts/*/*/*.yml")}


def rename(root: Path, source: str, drafts: list[Draft], old: str, new: str) -> Plan:
    """Rename a drafted actor or figure (or claim) id across the folder: its file, its id, every reference, and claim ids that embed it."""
    (target,) = pick(drafts, [old], every=False)
    old = target.ident
    if target.kind == "citations":
        raise BriefingError(f"{old} is a curated claim with a citation to add; its id is not a draft's to change.")
    if not ID_PATTERN.fullmatch(new):
        raise BriefingError(f'"{new}" is not an id. Hint: lowercase letters, digits and single hyphens, such as "lee-seong-kweun".')
    if new.lower() in _taken(root):
        raise BriefingError(f'id "{new}" is already used by a file in data/; choose another.')
    plan = Plan(root)
    renames = {old: new}
    if target.kind in ("actors", "figures"):
        for draft in drafts:
            if draft.kind == "claims" and draft.data and old in references(draft.data):
                renamed = _renamed_id(draft.ident, old, new)
                if renamed != draft.ident:
                    if renamed.lower() in _taken(root) or renamed in renames.values():
                        raise BriefingError(f"claim {draft.ident} would be renamed {renamed}, which is already used; rename that claim first.")
                    renames[draft.ident] = renamed
    _rewrite(plan, drafts, target.kind, old, new, renames)
    plan.notes.append(f"renamed {target.kind[:-1]} {old} to {new}" + (f" and {len(renames) - 1} claim id(s) that embed it" if len(renames) > 1 else ""))
    return plan


def _rewrite(plan: Plan, drafts: list[Draft], kind: str, old: str, new: str, renames: dict[str, str]) -> None:
    for draft in drafts:
        if draft.data is None:
            continue
        data = _replace_ref(draft.data, old, new) if kind in ("actors", "figures") else dict(draft.data)
        ident = renames.get(draft.ident, draft.ident)
        data["id"] = ident
        if data == draft.data and ident == draft.ident:
            continue
        path = draft.path.with_name(f"{ident}.yml")
        plan.changes[path] = to_yaml(KINDS[draft.kind], data, depth=4)
        if path != draft.path:
            plan.changes[draft.path] = None


def merge(root: Path, source: str, drafts: list[Draft], drafted: str, existing: str) -> Plan:
    """Merge a drafted actor into a curated one: every reference moves to it, and the drafted spellings become its aliases."""
    (target,) = pick(drafts, [drafted], every=False)
    if target.kind != "actors":
        raise BriefingError(f"{target.ident} is a drafted {target.kind[:-1]}; only a drafted actor can be merged into an actor.")
    actor_path = Project(root).data / "actors" / f"{existing.lower()}.yml"
    if not actor_path.is_file():
        raise BriefingError(f'no curated actor "{existing}" in data/actors/. Hint: briefing drafts merge takes the id of an actor in data/actors/.')
    existing = actor_path.stem
    doc, _ = load_yaml(actor_path, actor_path.relative_to(root).as_posix())
    if doc is None or not isinstance(doc.data, dict):
        raise BriefingError(f"{actor_path.relative_to(root).as_posix()} does not parse; fix it first (briefing validate).")
    held = {skeleton(n) for n in [doc.data.get("name", ""), *(doc.data.get("aliases") or [])] if isinstance(n, str)}
    spellings = [n for n in [(target.data or {}).get("name"), *((target.data or {}).get("aliases") or [])] if isinstance(n, str)]
    new_aliases = []
    for name in spellings:
        if skeleton(name) not in held:
            held.add(skeleton(name))
            new_aliases.append(name)
    plan = Plan(root)
    if new_aliases:
        plan.changes[actor_path] = add_aliases(actor_path.read_text(encoding="utf-8"), new_aliases)
    renames = {target.ident: existing}
    for draft in drafts:
        if draft.kind == "claims" and draft.data and target.ident in references(draft.data):
            renamed = _renamed_id(draft.ident, target.ident, existing)
            if renamed != draft.ident and renamed.lower() not in _taken(root) and renamed not in renames.values():
                renames[draft.ident] = renamed
    _rewrite(plan, [d for d in drafts if d is not target], "actors", target.ident, existing, renames)
    plan.changes[target.path] = None
    plan.notes.append(f"merged drafted actor {target.ident} into {existing}" + (f"; aliases added: {', '.join(new_aliases)}" if new_aliases else ""))
    return plan


def add_aliases(text: str, aliases: list[str]) -> str:
    """An actor file's text with ``aliases`` appended to its aliases, in the style the file uses (flow, block, or none yet)."""
    quoted = [to_yaml_scalar(a) for a in aliases]
    flow = re.search(r"^aliases:\s*\[(?P<items>.*)\]\s*$", text, re.MULTILINE)
    if flow:
        items = flow.group("items").strip()
        joined = ", ".join([items, *quoted] if items else quoted)
        return text[: flow.start()] + f"aliases: [{joined}]" + text[flow.end() :]
    block = re.search(r"^aliases:\s*\n((?:[ \t]+-.*\n)+)", text, re.MULTILINE)
    if block:
        indent = re.match(r"[ \t]+", block.group(1))
        pad = indent.group(0) if indent else "  "
        return text[: block.end()] + "".join(f"{pad}- {q}\n" for q in quoted) + text[block.end() :]
    name = re.search(r"^name:.*\n", text, re.MULTILINE)
    at = name.end() if name else len(text)
    return text[:at] + f"aliases: [{', '.join(quoted)}]\n" + text[at:]


def to_yaml_scalar(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


# --- checking and applying -------------------------------------------------------------------------


def _apply(plan: Plan, base: Path) -> None:
    """Apply ``plan`` (whose paths are under ``plan.root``) under ``base`` instead, for checking."""
    for path, text in plan.changes.items():
        here = base / path.relative_to(plan.root)
        if text is None:
            here.unlink(missing_ok=True)
        else:
            here.parent.mkdir(parents=True, exist_ok=True)
            here.unlink(missing_ok=True)  # a linked copy: never write through to the project's file
            here.write_text(text, encoding="utf-8", newline="\n")


def check(plan: Plan) -> list[Problem]:
    """What the validator says about ``data/`` once the plan is applied, checked on a linked copy."""
    data = Project(plan.root).data
    with tempfile.TemporaryDirectory(prefix="briefing-drafts-") as tmp:
        copy = Path(tmp)

        def link(src: str, dst: str) -> None:
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)

        shutil.copytree(data, copy / "data", symlinks=True, copy_function=link)
        _apply(plan, copy)
        problems: list[Problem] = []
        try:
            validate(copy)
        except ValidationFailed as failed:
            problems += failed.problems
        problems += validate_drafts(copy)[1]
    return sorted(set(problems))


def apply(plan: Plan) -> None:
    """Apply ``plan`` to the project, all or nothing: on any failure every file touched is put back."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, text in plan.changes.items():
            before = path.read_bytes() if path.exists() else None
            if text is None:
                if before is not None:
                    path.unlink()
                    done.append((path, before))
            elif before is None:
                path.parent.mkdir(parents=True, exist_ok=True)
                create(path, text)
                done.append((path, None))
            else:
                atomic_write(path, text.encode("utf-8"))
                done.append((path, before))
    except BaseException:
        for path, before in reversed(done):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, before)
        raise
    _prune(plan)


def _prune(plan: Plan) -> None:
    """Remove the drafts folders the plan emptied (never a folder that still holds a file)."""
    base = Project(plan.root).drafts
    for folder in {p.parent for p, t in plan.changes.items() if t is None and base in p.parents}:
        for empty in (folder, folder.parent):
            if empty != base and empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()
