"""The key that signs Briefing's caches, kept outside every project so that no repository can carry it.

A cache file is trusted only when its HMAC-SHA256 under this key matches: one that arrives with a
pull request, or is copied from another machine, fails the check and is ignored.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def signing_key() -> bytes:
    """This machine's key for signing caches: 32 random bytes in ``$XDG_CACHE_HOME/briefing/cache.key``, made on first use."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"
    path = base / "cache.key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    base.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key
