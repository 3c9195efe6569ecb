"""The build steps behind the CLI: generate Markdown, then run MkDocs into ``site/``.

The generator produces plain Markdown and never imports MkDocs: any builder that
reads ``mkdocs.yml`` can build its output. MkDocs runs as a separate process.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator import docs
from generator.errors import BriefingError
from generator.index import build as build_index
from generator.model import Corpus
from generator.render import Site
from generator.validate import validate
from generator.write import WriteReport, write_pages

log = logging.getLogger(__name__)

DOCS_DIR = "briefings"
SITE_DIR = "site"
TEMPLATES_DIR = "site_templates"
STAGING_DIR = ".briefing-staging"


def generate(root: Path) -> tuple[Corpus, WriteReport]:
    """Validate ``root/data`` and write the generated pages. Writes nothing if validation fails."""
    corpus = validate(root)
    pages = {**Site(build_index(corpus), root / TEMPLATES_DIR).pages(), **docs.pages()}
    report = write_pages(root / DOCS_DIR, pages)
    return corpus, report


def mkdocs_build(root: Path, site_dir: Path | None = None) -> Path:
    """Run ``mkdocs build --strict`` into a staging folder and swap it into place on success.

    A failed build leaves the previous ``site/`` exactly as it was.
    """
    target = site_dir or root / SITE_DIR
    staging = root / STAGING_DIR / "site"
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "BRIEFING_HOOK_SKIP": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)]
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = (result.stderr + result.stdout).strip()
        raise BriefingError(f"mkdocs build --strict failed; {target.name}/ is unchanged.\n{output}")
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(root / STAGING_DIR, ignore_errors=True)
    return target


def zip_site(site: Path, archive: Path) -> Path:
    """Pack the built site into a zip that opens with no server once extracted.

    Entries are sorted and stamped with a fixed time, so the same site gives the same bytes.
    """
    import zipfile

    tmp = archive.with_name(archive.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{site.name}/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
    tmp.replace(archive)
    return archive
