"""Quotes in their own language on the site: the original marked with its ``lang``, its translation beside it.

The page helpers :meth:`generator.site.pages.Page.quoted` and ``original_words`` call these,
so every template shows originals the same way: in citation lists, figure cards, source pages
and estimate tables.
"""

from __future__ import annotations

import html
from typing import Any

from markupsafe import Markup

from generator.data import languages, numerals
from generator.model import EDITORS, SITE_LANGUAGE, Citation, Claim
from generator.site.format import md


def quoted(page: Any, citation: Citation) -> Markup:
    """A citation's quote in its own language, marked with ``lang``, and its translation beside it.

    A quote in the site's language with no translation is just the quote in quotation marks.
    """
    language = page.site.index.corpus.sources[citation.source].language
    words = Markup(f"“{md(citation.quote)}”")
    translation = citation.translation
    if translation is None:
        if language.split("-")[0] == SITE_LANGUAGE:
            return words
        return Markup(f'<span class="original" lang="{html.escape(language)}">{words}</span>')
    if translation.by == EDITORS:
        by = Markup("the editors' translation")
    else:
        by = Markup("translation published by ") + page.actor(translation.by)
        if translation.source:
            by += Markup(", archived as ") + page.source(translation.source)
    return Markup(
        f'<span class="quote-pair"><span class="original" lang="{html.escape(language)}">{words}</span> '
        f'<span class="translation" lang="{html.escape(translation.lang)}">“{md(translation.text)}” <small>({by})</small></span></span>'
    )


def original_words(page: Any, claim: Claim) -> Markup:
    """The value's words in the original, beside the English ones in an estimate cell: ``“1만2천” in the Korean original``.

    Found in the first citation quoted in Korean, Russian or Ukrainian, as the number phrase
    (generator/data/numerals.py) whose number is one of the value's bounds; nothing when
    there is none, or when the claim has no value.
    """
    if claim.value is None:
        return Markup("")
    bounds = {b for b in (claim.value.low, claim.value.high) if b is not None}
    for citation in claim.citations:
        language = page.site.index.corpus.sources[citation.source].language
        found = [n for n in numerals.find(citation.quote, language) if n.number in bounds]
        if found:
            named = languages.name(language)
            return Markup(f'<br><small><span lang="{html.escape(language)}">“{md(found[0].text)}”</span> in the {md(named)} original</small>')
    return Markup("")
