"""What the CLI prints, the options its commands share, and how its writing commands take the project.

Every line goes through :func:`generator.errors.visible`, so control characters from data are
shown as escapes whether or not a terminal reads the output. Commands that write pages or the
site run under :func:`exclusive`: stop signals become :class:`~generator.interrupt.Interrupted`
and the project's lock is held (see :mod:`generator.lock`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TypeVar

import click

from generator.errors import ValidationFailed, summary_of, visible
from generator.interrupt import handled
from generator.lock import project_lock

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=".",
    show_default=True,
    help="Project folder holding data/, site_templates/ and mkdocs.yml.",
)


dry_run_option = click.option("--dry-run", is_flag=True, help="Show what would be written, and write nothing.")


def basis_option(name: str) -> Any:
    """The ``--…-basis`` option of a date: whether the text states it or the editor worked it out."""
    return click.option(
        name, type=click.Choice(["stated", "inferred"]), default="stated", show_default=True, help="stated: the text gives the date. inferred: worked out."
    )


no_input_option = click.option("--no-input", is_flag=True, help="Never prompt: fail when a required value is missing (for scripts).")


FC = TypeVar("FC", bound=Callable[..., Any])


def waiting_for(what: str, note: str = "") -> Callable[[FC], FC]:
    """``--wait SECONDS`` (default 30): how long to wait for ``what`` to finish, then ``note``."""
    return click.option(
        "--wait", type=click.FloatRange(min=0), default=30, show_default=True, metavar="SECONDS", help=f"How long to wait for {what} to finish.{note}"
    )


wait_option = waiting_for("another build, generate or serve on this project")
without_history_option = click.option(
    "--without-history",
    is_flag=True,
    help="Build even when Git cannot be run or read here, on purpose: the site then shows no corrections, withdrawals or dates of publication.",
)
cache_option = click.option(
    "--no-cache", "no_cache", is_flag=True, help="Render every page and read history from Git alone, ignoring (then refreshing) .briefing-cache/."
)


def cache_options(command: Any) -> Any:
    """``--no-cache`` and ``--without-history``, for the commands that render the site."""
    return cache_option(without_history_option(command))


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print, with control characters from data shown as escapes: whether or not a terminal reads it, data cannot drive it."""
    click.echo(visible(message, keep="\n\t"), err=err, nl=nl)


def report_problems(failed: ValidationFailed, suffix: str = "") -> NoReturn:
    """Print every problem and the summary line, and exit 1."""
    for problem in failed.problems:
        echo(problem.format(), err=True)
    echo(f"{summary_of(failed.problems)}{suffix}", err=True)
    raise SystemExit(1)


@contextmanager
def exclusive(root: Path, command: str, wait: float, lock: Path | None = None) -> Iterator[None]:
    """Run the block as the project's one writer (or the holder of ``lock``), stopping cleanly on SIGTERM, SIGINT or SIGHUP."""
    with handled(), project_lock(root, command, wait, lock):
        yield


# --- ingest's option checks ------------------------------------------------------------------------


def checked_url(url: str | None) -> str | None:
    if url is not None and not url.lower().startswith(("https://", "http://")):
        raise click.BadParameter("only http(s) addresses are archived; leave --url out when the address is unknown.", param_hint="--url")
    return url


def input_name(handle: BinaryIO) -> str:
    """How to name an input file in messages."""
    name = getattr(handle, "name", "-")
    return "<stdin>" if name in ("-", "<stdin>") else click.format_filename(name)


def interactive(no_input: bool, shown: str) -> bool:
    """Whether ingest may ask a question: not under --no-input, and only of someone at a terminal."""
    import sys

    return not no_input and shown != "<stdin>" and sys.stdin.isatty()
