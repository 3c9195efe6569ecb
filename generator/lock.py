"""One writer at a time: a lock on the project for every command that writes pages or the site.

``briefing build``, ``generate`` and ``serve`` write into ``briefings/`` and ``site/`` and
share the staging folder. Two of them at once (a CI re-run, an editor's double click,
``serve`` beside ``build``) would interleave their writes and swap half a site into place.
So each takes an exclusive ``flock`` on ``.briefing.lock`` in the project root first. The
kernel releases it when the process ends, however it ends, so a killed build never
leaves a stale lock behind. The holder writes its process id and command into the file,
and a command that cannot get the lock within its wait names them.

``briefing drafts`` steps write ``data/`` only, as an editor's save does, so they take a lock
of their own, ``.briefing-drafts.lock``: one step at a time, each all or nothing, while
``serve`` previews them (the review pages show the very commands to run beside the preview).
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BriefingError
from generator.project import Project

#: Seconds a command waits for another one to finish before refusing, unless told otherwise.
DEFAULT_WAIT = 30.0
#: The most of the lock file read back to name its holder.
_HOLDER_BYTES = 512


class ProjectBusy(BriefingError):
    """Another briefing process holds the project's lock."""


@contextmanager
def project_lock(root: Path, command: str, wait: float = DEFAULT_WAIT, lock: Path | None = None) -> Iterator[None]:
    """Hold the project's lock for the duration of the block; wait up to ``wait`` seconds for it.

    Raises :class:`ProjectBusy`, naming the holder's process, when it stays taken. ``lock`` is
    another lock file of the project to take instead, such as :attr:`Project.drafts_lock`.
    """
    path = lock or Project(root).lock
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:  # a link committed in its place (never followed), a read-only checkout
        raise BriefingError(
            f"cannot take the project's lock {path.name}: {exc.strerror}. Hint: it must be a regular file the build can write; remove whatever is in its place."
        ) from None
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise ProjectBusy(_busy_message(fd, root, wait)) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _busy_message(fd: int, root: Path, wait: float) -> str:
    holder = os.pread(fd, _HOLDER_BYTES, 0).decode("utf-8", "replace").strip()
    pid, _, command = holder.partition(" ")
    who = f"process {pid} ({command})" if pid.isdigit() and command else "another briefing process"
    waited = f"after waiting {wait:g} s" if wait > 0 else "without waiting (--wait 0)"
    return f"{who} is already working on {root}; gave up {waited}. Hint: let it finish and run this again, or give it longer with --wait SECONDS."
