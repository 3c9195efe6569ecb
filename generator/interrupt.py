"""Stopping cleanly: SIGTERM, SIGINT and SIGHUP end a command the way an error does.

By default SIGTERM ends Python on the spot: no ``finally`` runs, the staging folder stays
and the MkDocs child is orphaned, still writing. Under :func:`handled` (installed by the
CLI) the signal raises :class:`Interrupted` instead, so the usual clean-up runs, and
:func:`run_child` passes the stop on to the child process and waits for it.

Inside :func:`shielded` (publishing: writing the pages and swapping in the site) a signal
is held until the block ends, so a stop never lands between two files of one publish.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from generator.errors import BriefingError

SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
#: Seconds a child gets to end after being told to, before it is killed.
CHILD_GRACE = 10.0

_state: dict[str, Any] = {"shielded": 0, "pending": None}


class Interrupted(BriefingError):
    """A signal asked the command to stop; exits with 128 + the signal's number, as a shell does."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(f"stopped by {signal.Signals(signum).name}; nothing half-written was published.")
        self.exit_code = 128 + signum


def _raise(signum: int, frame: Any) -> None:
    if _state["shielded"]:
        _state["pending"] = _state["pending"] or signum
        return
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """Turn stop signals into :class:`Interrupted` for the duration of the block."""
    previous = {s: signal.signal(s, _raise) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def shielded() -> Iterator[None]:
    """Hold stop signals until the block is done, then act on the first one."""
    _state["shielded"] += 1
    try:
        yield
    finally:
        _state["shielded"] -= 1
        pending = _state["pending"]
        if pending and not _state["shielded"]:
            _state["pending"] = None
            raise Interrupted(pending)


def run_child(command: list[str], *, capture: bool, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run ``command``; if this process is stopped meanwhile, stop the child too and wait for it."""
    pipe = subprocess.PIPE if capture else None
    with subprocess.Popen(command, stdout=pipe, stderr=pipe, text=True, **options) as child:
        try:
            out, err = child.communicate()
        except BaseException:
            # A second signal while the child winds down must not leave it unwaited.
            with suppress(Interrupted), shielded():
                _stop(child)
            raise
        return subprocess.CompletedProcess(command, child.returncode, out, err)


def _stop(child: subprocess.Popen[str]) -> None:
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(CHILD_GRACE)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
