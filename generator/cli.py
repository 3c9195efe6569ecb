"""The ``briefing`` command line. With :mod:`generator.cli_drafts`, the only modules that print or set an exit code."""

from __future__ import annotations

import gc
import logging
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import click

from generator import docs
from generator.cli_drafts import drafts
from generator.cli_new import new
from generator.console import (
    basis_option,
    cache_options,
    checked_url,
    dry_run_option,
    echo,
    exclusive,
    input_name,
    interactive,
    no_input_option,
    report_problems,
    root_option,
    wait_option,
)
from generator.data.validate import validate as validate_corpus
from generator.errors import BriefingError, ValidationFailed, visible
from generator.project import Project
from generator.search import MODES as SEARCH_MODES
from generator.search import PAGEFIND_FROM_CLAIMS, choose, search_summary

log = logging.getLogger(__name__)


class _Briefing(click.Group):
    """The command group; turns the library's plain exceptions into click's errors (exit code 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefingError as error:
            failure = click.ClickException(visible(str(error), keep="\n"))
            failure.exit_code = getattr(error, "exit_code", 1)  # type: ignore[misc]  # 128 + the signal for a stopped command
            raise failure from None


@click.group(cls=_Briefing, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing", prog_name="briefing")
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
@click.option("--no-cache", "no_cache", is_flag=True, help="Read and check every file, ignoring (then refreshing) .briefing-cache/.")
def validate(root: Path, output_format: str, no_cache: bool) -> None:
    """Check every file in data/, drafts included, and report all problems at once.

    Exits 0 with a one-line summary when the data is clean, 1 with one line per
    problem otherwise. Files unchanged since the last run (by their digest) are not
    read and checked again, and when nothing in data/, Git's HEAD or the code changed
    the last run's report is given again (.briefing-cache/, see --no-cache); the
    messages are the same.
    """
    from generator.data import rerun

    report = rerun.run(root, reuse=not no_cache)
    for problem in report.problems or report.warnings:
        echo(problem.github() if output_format == "github" else problem.format(), err=True)
    if report.problems:
        echo(report.summary, err=True)
        raise SystemExit(1) from None
    echo(report.summary)
    for line in report.drafts:
        echo(line)


def _generate(root: Path, *, build: bool = False, cache: bool = True, search: str = "auto", history: bool = True) -> Path | None:
    from generator import pipeline  # the caller holds the project's lock

    site = None
    try:
        if build:
            corpus, report, site, stats = pipeline.build(root, reference_pages(), cache=cache, search=search, history=history)
        else:
            corpus, report, stats = pipeline.generate(root, reference_pages(), cache=cache, history=history)
    except ValidationFailed as failed:
        report_problems(failed, " Nothing was written.")
    for warning in corpus.warnings:
        echo(warning.format(), err=True)
    echo(f"{corpus.summary()}: pages {report.summary()}")
    if stats.reused:
        echo(stats.summary())
    if build:
        echo(search_summary(choose(search, len(corpus.claims))))
    return site


@main.command()
@root_option
@cache_options
@wait_option
def generate(root: Path, no_cache: bool, without_history: bool, wait: float) -> None:
    """Validate, then write the generated Markdown pages into briefings/.

    Only the generated folders (actors, figures, dates, sources, downloads) are
    touched, and only files whose content changed are rewritten. If validation
    fails, nothing is written. Pages an edit cannot have changed are reused (see --no-cache).
    """
    with exclusive(root, "briefing generate", wait):
        _generate(root, cache=not no_cache, history=not without_history)


@main.command()
@root_option
@cache_options
@wait_option
@click.option("--zip", "zip_path", type=click.Path(dir_okay=False, path_type=Path), help="Also pack the site into this zip, for readers on closed networks.")
@click.option(
    "--search",
    type=click.Choice(SEARCH_MODES),
    default="auto",
    show_default=True,
    help=f"Search for readers over http(s): Material's whole index, or Pagefind's, loaded in pieces; auto picks Pagefind from {PAGEFIND_FROM_CLAIMS:,} claims. "
    "From a folder or the zip, pages always search with Material's index.",
)
def build(root: Path, no_cache: bool, without_history: bool, wait: float, zip_path: Path | None, search: str) -> None:
    """Validate, generate, then run mkdocs build --strict into site/.

    The pages and the site are built in a staging folder, and briefings/ and site/
    change only when every step succeeds, so a failed or killed build leaves both as
    they were. The result opens from a web server or straight from the folder (no server needed).
    """
    from generator.pipeline import zip_site

    with exclusive(root, "briefing build", wait):
        site = _generate(root, build=True, cache=not no_cache, search=search, history=not without_history)
    assert site is not None
    echo(f"Site built in {site}")
    if zip_path is not None:
        echo(f"Offline edition packed into {zip_site(site, zip_path)}")


@main.command()
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
@wait_option
def serve(root: Path, dev_addr: str, wait: float) -> None:
    """Serve the site locally, regenerating and reloading when data/ or site_templates/ change.

    Holds the project's lock while it runs, so a build or generate beside it waits.
    """
    from generator import pipeline
    from generator.interrupt import Interrupted

    try:
        with exclusive(root, "briefing serve", wait):
            _generate(root)
            returncode = pipeline.serve(root, dev_addr)
    except Interrupted as stopped:  # Ctrl-C is how a preview ends: no error message
        returncode = stopped.exit_code
    raise SystemExit(returncode)


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--outlet", metavar="ACTOR_ID", help="Actor id of the outlet (plain text with --create-outlet: its name). Overrides the page's; null if unknown.")
@click.option("--outlet-note", help="Why the outlet is known or unknown: what the text does and does not say.")
@click.option(
    "--published", metavar="DATE", help="Publication date, YYYY-MM-DD, or YYYY-MM when only the month is known. Overrides the page's; null if unknown."
)
@basis_option("--published-basis")
@click.option("--published-note", help="How the date was worked out. Required with --published-basis inferred.")
@click.option("--url", help="The http(s) address the text was archived from. Overrides the page's; null if unknown: never guess one.")
@click.option("--title", help="The headline. Overrides the page's; null if unknown; marked inferred when in neither text nor page.")
@click.option("--language", help="BCP 47 tag of the text. Default: the page's own (<html lang>, JSON-LD inLanguage), else detected (inferred).")
@click.option("--relay", "relays", multiple=True, metavar="ACTOR_ID", help="Actor id of an outlet or body the text says it draws on. Repeatable.")
@click.option("--notes", help="Anything a reader should know about the archived copy.")
@click.option("--id", "ident", help="The source id. Proposed from the date and title (or first line) when not given.")
@click.option("--text", "text_file", type=click.File("rb"), help="For a saved page: the article's text by hand, when extraction finds too little.")
@click.option("--record", metavar="URI", help="For a web archive holding several HTML responses: the WARC-Target-URI of the article's page.")
@click.option("--create-outlet", is_flag=True, help="Create the outlet actor the page (or, for plain text, --outlet) names when no actor has that name.")
@click.option("--replace-archive", is_flag=True, help="The article is archived already: keep this file as its original; its text and hash stay.")
@no_input_option
@dry_run_option
@root_option
def ingest(
    file: BinaryIO, text_file: BinaryIO | None, published: str | None, published_basis: str, published_note: str | None, url: str | None, **given: Any
) -> None:
    """Archive an article (FILE, or - for standard input) as a new source.

    FILE is plain text, a saved HTML page or a web archive (WARC), told apart by content.
    From a page: its main text, and the title, date, outlet and address it states, each
    noted with where it was found; the page is kept as the original. The text becomes LF
    and NFC, otherwise verbatim, and is hashed. Unknown metadata is null. An article
    already archived is refused, with its id.
    """
    from generator.editor import ingest as ingesting
    from generator.editor import webpage
    from generator.editor.new import check_dated
    from generator.model import Dated

    if published is None and (published_note or published_basis == "inferred"):
        raise click.UsageError("--published-basis and --published-note describe --published; give the date too.")
    if published is not None:
        check_dated(Dated(published, published_basis, published_note), "--published")
    shown = input_name(file)
    supplied = None if text_file is None else (text_file.read(ingesting.MAX_TEXT_BYTES + 1), input_name(text_file))
    no_input, dry_run, root, language, create = (given.pop(k) for k in ("no_input", "dry_run", "root", "language", "create_outlet"))
    request = ingesting.IngestRequest(
        published=None if published is None else Dated(published, published_basis, published_note),
        url=checked_url(url),
        language=language,
        text_file=supplied,
        create_outlet=True if create else None,
        **given,
    )
    # Read one byte past the cap, never more: a larger file is refused without being read whole.
    raw = file.read(webpage.MAX_ORIGINAL_BYTES + 1)
    try:
        try:
            planned = ingesting.plan(root, raw, shown, request)
        except ingesting.OutletUndecided as undecided:
            if not interactive(no_input, shown):
                raise
            planned = ingesting.plan(root, raw, shown, replace(request, create_outlet=click.confirm(undecided.question, default=True)))
    except ValidationFailed as failed:
        report_problems(failed, " Nothing was written.")
    if not dry_run:
        ingesting.write(planned)
    for line in ingesting.describe(planned, root, dry_run=dry_run):
        echo(line)


main.add_command(new)  # after ingest, as the Command line page lists them


@main.command("diff")
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help="Append the report to this file (such as $GITHUB_STEP_SUMMARY) instead of printing it."
)
@root_option
def diff_command(base: str, head: str | None, output: Path | None, root: Path) -> None:
    """Report, in Markdown, how the data changes from git revision BASE to HEAD.

    HEAD defaults to the working tree. The report lists claims, actors, figures and
    sources added, changed (field by field) and removed, figures whose spread of
    estimates moves, and the site pages that will change. Exits 1 when HEAD does not
    validate.
    """
    from generator.editor.diff import diff

    text, valid = diff(root, base, head)
    if output is not None:
        with output.open("a", encoding="utf-8") as handle:
            handle.write(visible(text, keep="\n\t"))
    else:
        echo(text, nl=False)
    if not valid:
        raise SystemExit(1)


@main.command()
@root_option
@click.argument("source_id")
@click.option("--write", is_flag=True, help="Write the drafts into data/drafts/SOURCE_ID/ instead of printing them. Never overwrites a file.")
@click.option("--numbers-only", is_flag=True, help="Draft only statements with a number: no stance drafts.")
def suggest(root: Path, source_id: str, write: bool, numbers_only: bool) -> None:
    """Draft claims from the archived source SOURCE_ID, for an editor to review.

    Prints the drafts as YAML, one document per file, or with --write puts them in
    data/drafts/SOURCE_ID/ (claims/, and actors/ or figures/ for new ones;
    citations/ for statements already on file), which briefing validate checks
    and the site ignores. Each draft quotes the source verbatim and lists in
    review what was inferred.
    """
    from generator.suggest.drafts import existing_draft_ids, known_source, on_file_notes, only_numbers, render, without_rejected, write_drafts
    from generator.suggest.originals import draft

    try:
        corpus = validate_corpus(root)
    except ValidationFailed as failed:
        report_problems(failed, " Fix data/ before drafting from it.")
    known_source(corpus, source_id)
    drafts = draft(corpus, source_id, existing_draft_ids(root))
    drafts, left_out = without_rejected(root, only_numbers(drafts) if numbers_only else drafts)
    if not write:
        echo(render(drafts), nl=False)
    else:
        for path in write_drafts(root, drafts):
            echo(path.relative_to(root).as_posix())
        echo(f"Drafted {len(drafts.claims)} claims, {len(drafts.actors)} new actors and {len(drafts.figures)} new figures for review.", err=True)
    for line in on_file_notes(drafts) + (
        [f"Rejected before, not drafted again: {', '.join(left_out)} (data/drafts/{source_id}/rejected.yml)."] if left_out else []
    ):
        echo(line, err=True)


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
    echo(f"{len(made.claims)} claims, {len(made.actors)} actors, {len(made.figures)} figures, {len(made.sources)} sources written into {root / 'data'}")
    if not Project(root).config.exists():
        echo(
            f"To build a site from it, copy mkdocs.yml, hooks/, overrides/, site_templates/ and the hand-written briefings/ pages into {root} "
            "(bench/run.py does), then run briefing build --root with that folder."
        )


main.add_command(drafts)


@cache
def reference_pages() -> dict[str, str | bytes]:
    """The field and command references (``_generated/fields.md`` and ``commands.md``) of this command line."""
    return docs.pages(main)
