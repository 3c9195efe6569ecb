"""The ``briefing`` command line. The only module that prints or sets an exit code."""

from __future__ import annotations

import gc
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
    # A large corpus is millions of long-lived objects with few reference cycles; with the
    # default thresholds the collector rescans them all again and again (a quarter of the
    # time of validating 100,000 claims).
    gc.set_threshold(100_000, 50, 100)


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
    # --dirty: a save rebuilds only the pages the generator rewrote, and the hook keeps the search
    # index whole. MkDocs warns on every dirty build, so strict mode stays for `briefing build`.
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--config-file", str(root / "mkdocs.yml"), "--dev-addr", dev_addr]
    raise SystemExit(subprocess.call(command, cwd=root))


@main.command()
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Project folder to write data/ into; created if missing. Its data/ must be empty or absent.",
)
@click.option("--claims", type=click.IntRange(min=1), default=1000, show_default=True, help="How many claims to write.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed: the same seed and size give byte-identical files.")
def synth(root: Path, claims: int, seed: int) -> None:
    """Write a synthetic corpus (actors, figures, archived sources, claims) for benchmarks.

    The data passes briefing validate: every quote occurs in its archived text and every
    hash matches. Refuses a data/ folder that already holds files, so it never touches
    an editor's data.
    """
    from generator.synth import write as write_synth

    root.mkdir(parents=True, exist_ok=True)
    made = write_synth(root, claims, seed)
    click.echo(f"{len(made.claims)} claims, {len(made.actors)} actors, {len(made.figures)} figures, {len(made.sources)} sources written into {root / 'data'}")
    if not (root / "mkdocs.yml").exists():
        click.echo(
            f"To build a site from it, copy mkdocs.yml, hooks/, overrides/, site_templates/ and the hand-written briefings/ pages into {root} "
            "(bench/run.py does), then run briefing build --root with that folder."
        )
