"""Drafts in ``data/drafts/<source-id>/``: each folder validated as an overlay on the curated data."""

from __future__ import annotations

from pathlib import Path

from generator import model
from generator.data import rejected
from generator.data.validate import DRAFT_KINDS, Run, _linked, check_corpus, data_files, read_into  # the very rules of the curated data
from generator.errors import Problem
from generator.project import Project

#: Kinds a drafts folder may hold: sources are archived with briefing ingest, never drafted.


def validate_drafts(root: Path) -> tuple[list[str], list[Problem]]:
    """Check each ``data/drafts/<source-id>/`` folder as an overlay on the curated data.

    A drafts folder holds ``claims/``, ``actors/`` and ``figures/`` as ``briefing suggest --write``
    writes them, and ``citations/``: curated claims with one more citation, read in place of the
    curated files. Each folder is validated with the curated files plus its own, by the same rules,
    so a draft may refer to curated or drafted actors and figures and its quotes are checked
    against the archived text. Only problems in the drafts themselves are returned (curated
    files are checked by :func:`validate`), with one summary line per clean folder.
    """
    base = Project(root).drafts
    summaries: list[str] = []
    problems: list[Problem] = []
    if (link := _link(root, base)) is not None:
        return summaries, [link]
    if not base.is_dir():
        return summaries, problems
    for folder in sorted(base.iterdir()):
        shown = folder.relative_to(root).as_posix()
        if folder.name.startswith("."):
            continue
        if (link := _link(root, folder)) is not None:
            problems.append(link)
            continue
        if not folder.is_dir():
            problems.append(
                Problem(shown, 1, 1, "unexpected file in data/drafts/.", "data/drafts/ holds one folder per source id, as briefing suggest --write makes them.")
            )
            continue
        found = _validate_draft_folder(root, folder)
        problems.extend(found)
        if not found:
            counts = {kind: len(list((folder / kind).glob("*.yml"))) for kind in (*DRAFT_KINDS, "citations")}
            parts = [f"{counts[k]} {k[:-1]}{'' if counts[k] == 1 else 's'}" for k in ("claims", "actors", "figures")]
            refused = len(rejected.read(root, folder.name)[0])
            if refused:
                parts.append(f"{refused} rejected, not drafted again")
            if counts["citations"]:
                parts.append(f"{counts['citations']} citation{'' if counts['citations'] == 1 else 's'} to add")
            summaries.append(f"Drafts for {folder.name}: {', '.join(parts)}: OK")
    return summaries, problems


def _link(root: Path, path: Path) -> Problem | None:
    """The problem reporting ``path`` as a symbolic link (never followed, never read), or None."""
    probe = Run(root)
    return probe.problems[0] if _linked(probe, path) else None


def _validate_draft_folder(root: Path, folder: Path) -> list[Problem]:
    run = Run(root)
    prefix = folder.relative_to(root).as_posix() + "/"
    own: list[Problem] = []
    # citations/<claim-id>.yml is a curated claim with one more citation: it is read in place of the curated file.
    cited = {p.stem: p for p in sorted((folder / "citations").glob("*.yml"))} if (folder / "citations").is_dir() else {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if (link := _link(root, entry)) is not None:
            own.append(link)
            continue
        if entry.is_dir() and entry.name in (*DRAFT_KINDS, "citations"):
            continue
        if entry.name == rejected.FILE and entry.is_file():
            own.extend(rejected.read(root, folder.name)[1])  # the drafts rejected, which suggest does not draft again
            continue
        own.append(
            Problem(
                entry.relative_to(root).as_posix(),
                1,
                1,
                f"unexpected {'folder' if entry.is_dir() else 'file'} in a drafts folder.",
                "a drafts folder holds only claims/, actors/, figures/, citations/ and rejected.yml.",
            )
        )
    for kind_folder, kind in model.KINDS.items():
        run.docs[kind_folder] = {}
        run.known[kind_folder] = set()
        curated = list(data_files(run, kind_folder))
        drafted: list[Path] = []
        draft_dir = folder / kind_folder
        if kind_folder in DRAFT_KINDS and draft_dir.is_dir() and not draft_dir.is_symlink():
            for path in sorted(draft_dir.iterdir()):
                if path.name.startswith("."):
                    continue
                if (link := _link(root, path)) is not None:
                    own.append(link)
                elif path.suffix == ".yml" and path.is_file():
                    drafted.append(path)
                else:
                    own.append(
                        Problem(
                            path.relative_to(root).as_posix(), 1, 1, f"unexpected file in {prefix}{kind_folder}/.", f"it holds only <id>.yml {kind} drafts."
                        )
                    )
        curated_stems = {path.stem for path in curated}
        if kind_folder == "claims":
            curated = [cited.get(path.stem, path) for path in curated]
            for stem in sorted(set(cited) - curated_stems):
                own.append(
                    Problem(
                        cited[stem].relative_to(root).as_posix(),
                        1,
                        1,
                        f'no curated claim "{stem}" to add a citation to.',
                        "a file in citations/ is a curated claim of data/claims/ with one more citation, named after it.",
                    )
                )
        for path in curated + drafted:
            shown = path.relative_to(root).as_posix()
            if path in drafted and path.stem in curated_stems:
                own.append(
                    Problem(
                        shown,
                        1,
                        1,
                        f'id "{path.stem}" is already used by data/{kind_folder}/{path.stem}.yml.',
                        "rename the draft and its id; a draft must never replace curated data.",
                    )
                )
                continue
            run.known[kind_folder].add(path.stem)
            read_into(run, kind_folder, kind, path, shown)
    if folder.name not in run.known["sources"]:
        own.append(
            Problem(prefix.rstrip("/"), 1, 1, f'drafts for unknown source "{folder.name}".', "a drafts folder is named after the source its drafts come from.")
        )
    check_corpus(run)
    return own + [p for p in run.problems if p.path.startswith(prefix)]
