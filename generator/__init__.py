"""Briefing: validate curated YAML about conflicting claims and render it as a static briefing site."""

__version__ = "0.1.0"
