"""Writing files safely: every file the generator or the editor tools write goes through here.

Three ways to write, each so that a reader never sees half a file and an interrupted run
leaves the old state or the new one:

- :func:`atomic_write` replaces a file (generated pages, the manifest): write a temporary
  file beside it, then rename it over the target; :func:`atomic_writer` does the same for
  output streamed in pieces (the site's zip), never held whole in memory.
- :func:`create` makes a file that must not exist yet (an editor's new data file): ``os.link``
  from a temporary file is atomic and never replaces, so an editor's work is never overwritten.
- :func:`write_folder` makes a whole folder of files (drafts, a synthetic ``data/``): written
  into a hidden staging folder beside it and renamed into place, so a run leaves every file or none.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from generator.errors import BriefingError


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target``, replacing it atomically."""
    with atomic_writer(target) as handle:
        handle.write(data)


@contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """A file to stream into that replaces ``target`` atomically when the block ends, for output too large to hold in memory.

    If the block raises, the temporary file is removed and ``target`` is as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create(path: Path, content: str | bytes) -> None:
    """Create ``path`` with ``content``, atomically, refusing to replace an existing file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise BriefingError(f"{path} already exists; nothing was overwritten.") from None
    finally:
        os.unlink(tmp)


def write_folder(target: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Create the folder ``target`` holding ``files`` (by path relative to it), all at once.

    ``target`` must not exist or hold only empty folders and files that ``files`` carries over
    (callers check, to say why in their own words). The files go into a hidden staging folder beside ``target``, which is renamed
    into place at the end; on any error the staging folder is removed and ``target`` is as it was.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    written = []
    try:
        for rel, content in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            written.append(target / rel)
        if target.exists():
            # Holds no file the caller did not carry into ``files`` (it checked): set aside until the new folder is in place.
            aside = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
            target.rename(aside / target.name)
            try:
                staging.rename(target)
            except BaseException:
                (aside / target.name).rename(target)
                aside.rmdir()
                raise
            shutil.rmtree(aside)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written
