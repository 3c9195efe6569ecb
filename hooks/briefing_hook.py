"""MkDocs hook: regenerate pages before each build, and watch data/ and site_templates/.

This is the only place MkDocs' plugin API is used, and it is optional: `briefing build`
generates first and sets BRIEFING_HOOK_SKIP, and any builder that ignores hooks still
finds plain Markdown in briefings/. With the hook, `mkdocs serve` live-reloads on a YAML
or template edit.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.briefing")
ROOT = Path(__file__).resolve().parent.parent


def on_pre_build(config, **kwargs):
    if os.environ.get("BRIEFING_HOOK_SKIP"):
        return
    from generator.build import generate
    from generator.errors import BriefingError, ValidationFailed

    try:
        corpus, report = generate(ROOT)
    except ValidationFailed as failed:
        for problem in failed.problems:
            log.error(problem.format())
        raise PluginError(f"{failed.message} Pages were not regenerated.") from None
    except BriefingError as error:
        raise PluginError(error.message) from None
    log.info("briefing: %s: pages %s", corpus.summary(), report.summary())


def on_serve(server, config, builder, **kwargs):
    for folder in ("data", "site_templates"):
        server.watch(str(ROOT / folder))
    return server
