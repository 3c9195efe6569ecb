"""Briefing: validate curated YAML about conflicting claims and render it as a static briefing site.

The library face::

    from generator import Project, validate, generate

    project = Project(Path("."))
    corpus = validate(project)           # raises errors.ValidationFailed with every problem
    corpus, report = generate(project)   # writes the pages into briefings/

Library errors are plain exceptions (:mod:`generator.errors`); only :mod:`generator.cli` turns
them into messages and exit codes. This module is the top of the import graph: nothing inside
``generator/`` imports it.
"""

from __future__ import annotations

from pathlib import Path

from generator import errors
from generator.errors import BriefingError, Problem, ValidationFailed
from generator.model import Corpus
from generator.project import Project
from generator.site.write import WriteReport

__version__ = "0.1.0"
__all__ = ["BriefingError", "Problem", "Project", "ValidationFailed", "build", "errors", "generate", "suggest", "validate"]


def validate(project: Project | Path) -> Corpus:
    """Validate ``data/`` and return the corpus; raises :class:`ValidationFailed` with every problem."""
    from generator.data.validate import validate as validate_corpus

    return validate_corpus(Project.of(project).root)


def generate(project: Project | Path) -> tuple[Corpus, WriteReport]:
    """What ``briefing generate`` does: validate, then write the generated pages into ``briefings/``."""
    from generator.cli import reference_pages
    from generator.lock import project_lock
    from generator.pipeline import generate as generate_pages

    project = Project.of(project)
    with project_lock(project.root, "generator.generate"):
        corpus, report, _ = generate_pages(project, reference_pages())
    return corpus, report


def build(project: Project | Path) -> tuple[Corpus, WriteReport, Path]:
    """What ``briefing build`` does: generate, then ``mkdocs build --strict`` into ``site/``; returns the site folder."""
    from generator.cli import reference_pages
    from generator.lock import project_lock
    from generator.pipeline import build as build_site

    project = Project.of(project)
    with project_lock(project.root, "generator.build"):
        corpus, report, site, _ = build_site(project, reference_pages())
    return corpus, report, site


def suggest(project: Project | Path, source_id: str) -> object:
    """Draft claims from an archived article (see :mod:`generator.suggest.reader`)."""
    from generator.suggest.originals import draft

    return draft(validate(project), source_id)
