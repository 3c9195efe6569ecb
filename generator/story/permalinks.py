"""Permanent addresses of claims: ``claims/<id>.html``, valid however pages split.

A claim is listed on its figure's page (its actor's when it has no figure). Past 100
claims those lists split into one page per month, so the page that holds a claim can
change as the corpus grows. Each claim therefore gets one address of its own, a small
static page written into the site that sends the reader on to where the claim is listed
now: a ``meta refresh`` (no JavaScript, so it works from ``file://`` and in the offline
zip) and a plain link for browsers that do not follow it. Only the claim's id (a slug
checked by the schema) goes into the page, so data cannot add markup to it.
"""

from __future__ import annotations

from generator.site import paths
from generator.site.index import Index
from generator.site.paginate import Part

FOLDER = "claims"


def path(claim_id: str) -> str:
    """Where a claim's redirect page is written, inside ``briefings/``: ``claims/<id>.html``."""
    return f"{FOLDER}/{claim_id}.html"


def listings(index: Index, parts_of: dict[tuple[str, str], list[Part]]) -> dict[str, str]:
    """The page (``.md`` path) that lists each claim now, by claim id: its figure's page or period page, else its actor's."""
    period: dict[tuple[str, str], str] = {}
    for (section, ident), parts in parts_of.items():
        for part in parts:
            for claim in part.claims:
                period[(section, claim.id)] = paths.part(section, ident, part.key)
    out = {}
    for claim in index.corpus.claims.values():
        section, ident = ("figures", claim.figure) if claim.figure else ("actors", claim.actor)
        out[claim.id] = period.get((section, claim.id)) or (paths.figure(ident) if section == "figures" else paths.actor(ident))
    return out


def html_of(md_path: str) -> str:
    """The built page of a Markdown page (the site uses ``use_directory_urls: false``)."""
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def redirect_page(claim_id: str, target_md: str, former: str | None = None) -> str:
    """The redirect page for one claim, sending the reader to its anchor on ``target_md``.

    ``former``: the id the claim had before its file was renamed, whose address this page is.
    """
    href = "../" + html_of(target_md) + "#" + paths.claim_anchor(claim_id)
    if former is not None:
        return (
            "<!doctype html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Claim {former}, now {claim_id}</title>\n"
            '<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={href}">\n'
            f'<link rel="canonical" href="{href}">\n'
            "</head>\n<body>\n"
            f'<p>This is the permanent address of claim {former}, now claim {claim_id}. It is listed on <a href="{href}">this page</a>.</p>\n'
            "</body>\n</html>\n"
        )
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Claim {claim_id}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        f'<link rel="canonical" href="{href}">\n'
        "</head>\n<body>\n"
        f'<p>This is the permanent address of claim {claim_id}. It is listed on <a href="{href}">this page</a>.</p>\n'
        "</body>\n</html>\n"
    )
