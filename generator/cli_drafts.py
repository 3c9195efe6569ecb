"""``briefing drafts``: review the drafts ``briefing suggest --write`` made (see :mod:`generator.editor.review`).

Like :mod:`generator.cli`, a module that prints and exits; it holds the review commands so that
the command line stays one module per concern.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.console import dry_run_option, echo, exclusive, root_option, waiting_for
from generator.errors import summary_of

wait_option = waiting_for("another briefing drafts step on this project", " A running serve does not hold it up.")


@click.group()
def drafts() -> None:
    """Review drafts: list them with their remarks, accept, reject, rename or merge.

    Every step is checked by the validator before anything is written (a refusal is
    the message briefing validate would print), writes all its files or none, and
    takes --dry-run to show the files it would create, replace and delete.
    """


def _run(root: Path, plan: object, dry_run: bool, wait: float, command: str) -> None:
    from generator.editor import review

    assert isinstance(plan, review.Plan)
    problems = review.check(plan)
    if problems:
        for problem in problems:
            echo(problem.format(), err=True)
        echo(f"{summary_of(problems)} Nothing was changed.", err=True)
        raise SystemExit(1)
    for line in plan.describe():
        echo(line)
    if dry_run:
        echo("Dry run: nothing was changed.", err=True)
        return
    # The drafts' own lock, not the project's: a step writes data/ as an editor's save does, so it
    # runs while `briefing serve` (which holds the project's lock) previews it.
    from generator.project import Project

    with exclusive(root, command, wait, Project(root).drafts_lock):
        review.apply(plan)
    for note in plan.notes:
        echo(note[:1].upper() + note[1:] + ".", err=True)


@drafts.command("list")
@root_option
@click.argument("source_id", required=False)
def list_drafts(root: Path, source_id: str | None) -> None:
    """List the drafts of SOURCE_ID (or of every source), each with its review remarks."""
    from generator.editor import review

    sources = [source_id] if source_id else review.folders(root)
    if not sources:
        echo("No drafts in data/drafts/. Draft an article with: briefing suggest SOURCE_ID --write", err=True)
        return
    for source in sources:
        echo(f"Drafts for {source}:")
        for draft in review.read_drafts(root, source):
            data = draft.data or {}
            label = data.get("label") or data.get("name") or (data.get("value") or {}).get("text") or data.get("stance") or ""
            what = "citation to add" if draft.kind == "citations" else draft.kind[:-1]
            echo(f"  {what} {draft.ident}" + (f": {label}" if label else ""))
            for problem in draft.problems:
                echo(f"    ! {problem.format()}")
            for remark in draft.review:
                echo(f"    - {remark}")
        echo(f"  Accept: briefing drafts accept {source} ID… (or --all); reject: briefing drafts reject {source} ID…")


@drafts.command()
@root_option
@click.argument("source_id")
@click.argument("ids", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Accept every draft of SOURCE_ID.")
@dry_run_option
@wait_option
def accept(root: Path, source_id: str, ids: tuple[str, ...], every: bool, dry_run: bool, wait: float) -> None:
    """Move drafts (IDS, or --all) into data/, without their review remarks.

    A citation to add replaces its curated claim. Refused, with the validator's
    message, when data/ would not validate: accept a claim's drafted actor and
    figure with it, or first.
    """
    from generator.editor import review

    found = review.read_drafts(root, source_id)
    _run(root, review.accept(root, source_id, found, review.pick(found, list(ids), every=every)), dry_run, wait, "drafts accept")


@drafts.command()
@root_option
@click.argument("source_id")
@click.argument("ids", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Reject every draft of SOURCE_ID.")
@dry_run_option
@wait_option
def reject(root: Path, source_id: str, ids: tuple[str, ...], every: bool, dry_run: bool, wait: float) -> None:
    """Delete drafts (IDS, or --all). A drafted actor or figure a remaining claim uses is kept."""
    from generator.editor import review

    found = review.read_drafts(root, source_id)
    _run(root, review.reject(root, source_id, found, review.pick(found, list(ids), every=every)), dry_run, wait, "drafts reject")


@drafts.command()
@root_option
@click.argument("source_id")
@click.argument("old_id")
@click.argument("new_id")
@dry_run_option
@wait_option
def rename(root: Path, source_id: str, old_id: str, new_id: str, dry_run: bool, wait: float) -> None:
    """Rename the drafted actor, figure or claim OLD_ID to NEW_ID across the folder.

    References in the other drafts follow, and so do the ids (and file names) of
    drafted claims that embed the old id.
    """
    from generator.editor import review

    found = review.read_drafts(root, source_id)
    _run(root, review.rename(root, source_id, found, old_id, new_id), dry_run, wait, "drafts rename")


@drafts.command()
@root_option
@click.argument("source_id")
@click.argument("drafted_actor")
@click.argument("actor_id")
@dry_run_option
@wait_option
def merge(root: Path, source_id: str, drafted_actor: str, actor_id: str, dry_run: bool, wait: float) -> None:
    """Merge DRAFTED_ACTOR into the curated actor ACTOR_ID.

    The drafts that name it name ACTOR_ID instead, and its spellings the actor does
    not hold yet (compared as the validator compares names) become aliases.
    """
    from generator.editor import review

    found = review.read_drafts(root, source_id)
    _run(root, review.merge(root, source_id, found, drafted_actor, actor_id), dry_run, wait, "drafts merge")
