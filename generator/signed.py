"""Signed pickles in ``.briefing-cache/``: the render cache and the cache of validated records.

A pickle can run code when loaded, so each cache file is signed with an HMAC-SHA256 whose key
is kept outside the project (:func:`generator.signing.signing_key`). A
cache file that arrives with a pull request, is copied from another machine, or is truncated
fails the check and is never unpickled; the cost is a cold run. The signature also covers the
file's name, its purpose: one cache file put in place of another (the render cache's state where
the validated records belong) fails the check too, as the history cache's own prefix does.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.metadata
import pickle
import platform
import sys
from pathlib import Path
from typing import Any

from generator.files import atomic_write, atomic_writer
from generator.signing import signing_key


def code_key(libraries: tuple[str, ...], *extra: object) -> hashlib._Hash:
    """A digest of the generator's code and schemas, the Python version and ``libraries``' versions, and ``extra``."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{platform.machine()}|{extra!r}".encode())
    for name in libraries:
        try:
            digest.update(f"|{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"|{name}=none".encode())
    package = Path(__file__).resolve().parent  # generator/
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".json"):
            digest.update(f"|{path.relative_to(package).as_posix()}|".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest


def _signature(path: Path, payload: bytes) -> bytes:
    """The HMAC of ``payload`` for the cache file named as ``path`` is."""
    mac = hmac.new(signing_key(), f"briefing cache {path.name}\0".encode(), hashlib.sha256)
    mac.update(payload)
    return mac.digest()


def load(path: Path) -> Any:
    """What :func:`save` wrote at ``path``, or None when it is missing, unsigned, signed with another key or unreadable."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    signature, payload = blob[:32], blob[32:]
    if len(signature) < 32 or not hmac.compare_digest(signature, _signature(path, payload)):
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - an unreadable cache is only a cold run
        return None


def save(path: Path, value: Any) -> None:
    """Pickle ``value`` into ``path``, signed, atomically; the folder gets a .gitignore that ignores it all."""
    path.parent.mkdir(exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        atomic_write(ignore, b"# Briefing's caches: local to this machine, never committed.\n*\n")
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    with atomic_writer(path) as handle:  # signature, then payload: no third copy of a large cache in memory
        handle.write(_signature(path, payload))
        handle.write(payload)
