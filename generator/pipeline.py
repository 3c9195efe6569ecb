"""The build steps behind the CLI: generate Markdown, then run MkDocs into ``site/``.

The generator produces plain Markdown and never imports MkDocs: any builder that
reads ``mkdocs.yml`` can build its output. MkDocs runs as a separate process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from itertools import chain
from pathlib import Path

from generator.data.validate import validate
from generator.errors import BriefingError
from generator.files import atomic_writer
from generator.interrupt import run_child, shielded
from generator.model import Corpus
from generator.project import CACHE_DIR, DOCS_DIR, DRAFTS_LOCK_FILE, LOCK_FILE, SITE_DIR, STAGING_DIR, Project
from generator.search import ENV_VAR as SEARCH_ENV
from generator.search import PAGEFIND_DIR, choose, index_with_pagefind
from generator.site.cache import RenderCache, RenderStats
from generator.site.index import build as build_index
from generator.site.pages import Site
from generator.site.write import Staged, WriteReport, publish, stage_pages, stream_pages
from generator.story import follow

log = logging.getLogger(__name__)

#: Pages that do not come from data/, by path inside the docs folder: the field and command
#: references, which :func:`generator.cli.reference_pages` renders from the code.
References = Mapping[str, str | bytes]


def stage(project: Project, references: References, folder: Path, *, cache: bool = True, history: bool = True) -> tuple[Corpus, Staged, RenderStats]:
    """Validate ``data/``, render every generated page and compare it with ``briefings/``, writing nothing there.

    Pages are rendered one at a time and only those that differ from ``briefings/`` are kept,
    in ``folder`` (:func:`generator.site.write.stage_pages`), so memory never holds every page.
    With ``cache``, pages that the edits since the last render cannot have changed are not
    rendered at all (see :mod:`generator.site.cache`); without, every page is. Either way the
    cache is refreshed for the next run. With ``history`` (the default), Git history must be
    readable when the project is a checkout: see :func:`generator.story.follow.read`.
    """
    corpus = validate(project.root, keep=True, reuse=cache)
    story = follow.read(project.root, corpus, cache=cache, require=history)
    site = Site(build_index(corpus), project.templates, limits=project.limits, story=story)
    plan = site.plan()
    renders = RenderCache(project.cache, project.docs, project.templates, project.limits)
    context = story.digest()
    kept = renders.unchanged(site, plan, reuse=cache, context=context)
    todo = renders.track(site, {rel: entry for rel, entry in plan.items() if rel not in kept})
    staged = stage_pages(project.docs, folder, plan.keys() | references.keys(), chain(stream_pages(todo), references.items()), kept)
    renders.save(site, plan, staged.digests, context)
    return corpus, staged, RenderStats(sorted(todo), len(kept))


def generate(project: Project | Path, references: References, *, cache: bool = True, history: bool = True) -> tuple[Corpus, WriteReport, RenderStats]:
    """Validate ``data/`` and write the generated pages. Writes nothing if validation fails.

    The changed pages wait in the staging folder until every page is rendered and checked,
    then each is renamed into place: a failed or stopped run leaves ``briefings/`` as it was.
    Callers hold the project's lock, so no two runs share the staging folder.
    """
    project = Project.of(project)
    try:
        corpus, staged, stats = stage(project, references, project.staging / "pages", cache=cache, history=history)
        with shielded():
            report = publish(staged)
    finally:
        shutil.rmtree(project.staging, ignore_errors=True)
    return corpus, report, stats


def build(
    project: Project | Path, references: References, *, cache: bool = True, search: str = "auto", history: bool = True
) -> tuple[Corpus, WriteReport, Path, RenderStats]:
    """Validate, generate and build the site, touching ``briefings/`` and ``site/`` only once all succeeded.

    The changed pages are written into a staged copy of the project, and MkDocs builds that
    copy into a staging folder. Only then are the pages moved into ``briefings/``
    (each file atomically) and the new site swapped in for the old. A build that fails,
    or is stopped, at any step before that leaves both exactly as they were; what a killed
    one left in the staging folder is cleared by the next build. Callers hold the
    project's lock (:mod:`generator.lock`), so no two builds share the staging folder.

    ``search`` is ``auto``, ``material`` or ``pagefind`` (:func:`generator.search.choose`); with
    Pagefind its index is written into the staged site too, before the swap.
    """
    project = Project.of(project)
    root = project.root
    staging = project.staging
    shutil.rmtree(staging, ignore_errors=True)
    _recover(project.site)
    try:
        corpus, staged, stats = stage(project, references, staging / "pages", cache=cache, history=history)
        engine = choose(search, len(corpus.claims))
        mirror = _stage_project(root, staging / "project")
        publish(staged, mirror / DOCS_DIR, move=False)
        built = _run_mkdocs(mirror, staging / "site", project.site, {SEARCH_ENV: engine})
        _check_complete(built, mirror / DOCS_DIR)
        if engine == "pagefind":
            index_with_pagefind(built, project.site)
        with shielded():  # a stop signal waits until both are published
            report = publish(staged)
            site = _swap_into_place(built, project.site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return corpus, report, site, stats


def serve(project: Project | Path, dev_addr: str) -> int:
    """Run ``mkdocs serve --dirty`` on the project until it stops; its exit code.

    --dirty: a save rebuilds only the pages the generator rewrote, and the hook keeps the search
    index whole. MkDocs warns on every dirty build, so strict mode stays for ``briefing build``.
    """
    project = Project.of(project)
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--config-file", str(project.config), "--dev-addr", dev_addr]
    return run_child(command, capture=False, cwd=project.root, env={**os.environ, **QUIET_MKDOCS}).returncode


def _stage_project(root: Path, mirror: Path) -> Path:
    """A stand-in for the project: a real copy of the docs folder, links to everything else.

    MkDocs resolves ``docs_dir``, ``custom_dir``, hooks and snippet paths relative to the
    config file (and the working folder), so building from the mirror reads the same
    configuration, templates and hand-written pages, but the staged pages.
    """
    mirror.mkdir(parents=True)
    for entry in sorted(root.iterdir()):
        if entry.name in (DOCS_DIR, SITE_DIR, STAGING_DIR, CACHE_DIR, LOCK_FILE, DRAFTS_LOCK_FILE) or entry.name.startswith(SITE_DIR + "."):
            continue
        (mirror / entry.name).symlink_to(entry.resolve(), target_is_directory=entry.is_dir())
    if (root / DOCS_DIR).is_dir():
        shutil.copytree(root / DOCS_DIR, mirror / DOCS_DIR, symlinks=True)
    return mirror


#: Material 9.7+ prints a notice about its end of life (5 May 2027) and MkDocs 2.0 on every run;
#: the README's "The builder's future" section records it once, so builds and serve stay quiet.
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1"}


def _run_mkdocs(config_root: Path, staging: Path, target: Path, extra_env: Mapping[str, str]) -> Path:
    """Run ``mkdocs build --strict`` with the config in ``config_root`` into ``staging``."""
    config_root, staging = config_root.resolve(), staging.resolve()
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **QUIET_MKDOCS, "BRIEFING_HOOK_SKIP": "1", **extra_env}
    epoch = env.get("SOURCE_DATE_EPOCH") or _commit_time(config_root)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(Project(config_root).config), "--site-dir", str(staging)]
    result = run_child(command, capture=True, cwd=config_root, env=env)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        output = (result.stderr + result.stdout).strip()
        raise BriefingError(f"mkdocs build --strict failed; {target.name}/ is unchanged.\n{output}")
    return staging


def _commit_time(root: Path) -> str | None:
    """The time of the checked-out commit, as the Reproducible Builds project recommends for SOURCE_DATE_EPOCH.

    MkDocs stamps the build's day into ``sitemap.xml.gz`` (and into ``lastmod`` when a
    ``site_url`` is set) unless SOURCE_DATE_EPOCH says otherwise; with the commit's time,
    two builds of one commit are byte-identical on any day. Outside a Git checkout there
    is no commit, and the build day stays.
    """
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


def _check_complete(built: Path, docs: Path) -> None:
    """Refuse to publish a site that lacks a page for one of the Markdown pages it was built from."""
    missing = [
        page.relative_to(docs).with_suffix(".html").as_posix()
        for page in sorted(docs.rglob("*.md"))
        # mkdocs.yml's exclude_docs keeps the snippet fragments in _generated/ out of the site.
        if not page.relative_to(docs).as_posix().startswith(("_generated/", ".")) and not (built / page.relative_to(docs).with_suffix(".html")).is_file()
    ]
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise BriefingError(f"mkdocs built an incomplete site ({len(missing)} page(s) missing: {shown}); site/ is unchanged.")


def _recover(target: Path) -> None:
    """Put back the previous site if a build was killed between moving it aside and moving the new one in."""
    old = target.with_name(target.name + ".old")
    if old.is_dir() and not target.exists():
        old.rename(target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_into_place(built: Path, target: Path) -> Path:
    """Make ``built`` the site at ``target``: at every instant ``target`` is the whole old or the whole new site."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.is_dir() and not target.is_symlink() and _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)  # now the old site
        return target
    if target.exists() or target.is_symlink():
        target.rename(old)  # a killed build between here and the next line is undone by _recover
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def zip_site(site: Path, archive: Path) -> Path:
    """Pack the built site into a zip that opens with no server once extracted.

    Entries are sorted and stamped with a fixed time, so the same site gives the same bytes.
    Each file is streamed in, and the archive replaces ``archive`` only once complete
    (:func:`generator.files.atomic_writer`): a failed run leaves the previous one.
    Pagefind's index stays out: from a folder, pages search with Material's index
    (``search/search_index.js``), and Pagefind cannot run there.
    """
    import zipfile

    with atomic_writer(archive) as handle, zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != PAGEFIND_DIR):
            info = zipfile.ZipInfo(f"{site.name}/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.file_size = path.stat().st_size  # as writestr sets it: the same bytes, and zip64 only where a file needs it
            with path.open("rb") as source, bundle.open(info, "w") as entry:
                shutil.copyfileobj(source, entry, 1 << 20)
    return archive
