"""The ``briefing`` command line. The only module that prints or sets an exit code."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from generator import __version__
from generator.errors import ValidationFailed, summary_of
from generator.validate import validate as validate_corpus

log = logging.getLogger(__name__)

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="Project folder holding data/, site_templates/ and mkdocs.yml.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Validate curated claims in data/ and build the briefing site from them."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")


@main.command()
@root_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col: message. github: GitHub Actions annotations on the pull request.",
)
def validate(root: Path, output_format: str) -> None:
    """Check every file in data/, drafts included, and report all problems at once.

    Exits 0 with a one-line summary when the data is clean, 1 with one line per
    problem otherwise.
    """
    from generator.validate import validate_drafts

    problems = []
    try:
        corpus = validate_corpus(root)
    except ValidationFailed as failed:
        problems = failed.problems
    drafts, draft_problems = validate_drafts(root)
    problems = sorted(problems + draft_problems)
    if problems:
        for problem in problems:
            click.echo(problem.github() if output_format == "github" else problem.format(), err=True)
        click.echo(summary_of(problems), err=True)
        raise SystemExit(1) from None
    click.echo(f"{corpus.summary()}: OK")
    for line in drafts:
        click.echo(line)


def _generate(root: Path) -> None:
    from generator.build import generate

    try:
        corpus, report = generate(root)
    except ValidationFailed as failed:
        for problem in failed.problems:
            click.echo(problem.format(), err=True)
        click.echo(f"{summary_of(failed.problems)} Nothing was written.", err=True)
        raise SystemExit(1) from None
    click.echo(f"{corpus.summary()}: pages {report.summary()}")


@main.command()
@root_option
def generate(root: Path) -> None:
    """Validate, then write the generated Markdown pages into briefings/.

    Only the generated folders (actors, figures, dates, sources, downloads) are
    touched, and only files whose content changed are rewritten. If validation
    fails, nothing is written.
    """
    _generate(root)


@main.command()
@root_option
@click.option("--zip", "zip_path", type=click.Path(dir_okay=False, path_type=Path), help="Also pack the site into this zip, for readers on closed networks.")
def build(root: Path, zip_path: Path | None) -> None:
    """Validate, generate, then run mkdocs build --strict into site/.

    The site is built in a staging folder and swapped into site/ only when MkDocs
    succeeds, so a failed build leaves the previous site as it was. The result opens
    from a web server or straight from the folder (no server needed).
    """
    from generator.build import mkdocs_build, zip_site

    _generate(root)
    site = mkdocs_build(root)
    click.echo(f"Site built in {site}")
    if zip_path is not None:
        click.echo(f"Offline edition packed into {zip_site(site, zip_path)}")


@main.command()
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(root: Path, dev_addr: str) -> None:
    """Serve the site locally, regenerating and reloading when data/ or site_templates/ change."""
    import subprocess
    import sys

    _generate(root)
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(root / "mkdocs.yml"), "--dev-addr", dev_addr]
    raise SystemExit(subprocess.call(command, cwd=root))


@main.command()
@root_option
@click.argument("source_id")
@click.option("--write", is_flag=True, help="Write the drafts into data/drafts/SOURCE_ID/ instead of printing them. Never overwrites a file.")
def suggest(root: Path, source_id: str, write: bool) -> None:
    """Draft claims from the archived source SOURCE_ID, for an editor to review.

    Prints the drafts as YAML, one document per file, or with --write puts them in
    data/drafts/SOURCE_ID/ (claims/, and actors/ or figures/ for new ones), which
    briefing validate checks and the site ignores. Each draft quotes the source
    verbatim and lists in review what was inferred.
    """
    import difflib

    from generator.errors import BriefingError
    from generator.suggest import existing_draft_ids, render, write_drafts
    from generator.suggest import suggest as draft

    try:
        corpus = validate_corpus(root)
    except ValidationFailed as failed:
        for problem in failed.problems:
            click.echo(problem.format(), err=True)
        click.echo(f"{summary_of(failed.problems)} Fix data/ before drafting from it.", err=True)
        raise SystemExit(1) from None
    if source_id not in corpus.sources:
        guess = difflib.get_close_matches(source_id, list(corpus.sources), n=1, cutoff=0.6)
        hint = f'did you mean "{guess[0]}"?' if guess else "archive the article first with briefing ingest; sources are the <id>.yml files in data/sources/."
        raise BriefingError(f'unknown source "{source_id}". Hint: {hint}')
    drafts = draft(corpus, source_id, existing_draft_ids(root))
    if not write:
        click.echo(render(drafts), nl=False)
        return
    for path in write_drafts(root, drafts):
        click.echo(path.relative_to(root).as_posix())
    click.echo(f"Drafted {len(drafts.claims)} claims, {len(drafts.actors)} new actors and {len(drafts.figures)} new figures for review.", err=True)
