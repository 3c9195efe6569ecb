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
    """Check every file in data/ and report all problems at once.

    Exits 0 with a one-line summary when the data is clean, 1 with one line per
    problem otherwise.
    """
    try:
        corpus = validate_corpus(root)
    except ValidationFailed as failed:
        for problem in failed.problems:
            click.echo(problem.github() if output_format == "github" else problem.format(), err=True)
        click.echo(summary_of(failed.problems), err=True)
        raise SystemExit(1) from None
    click.echo(f"{corpus.summary()}: OK")
