"""A citation's translation: its language, its translator and, for an outlet's archived translation, its words.

Part of ``briefing validate``'s corpus checks (:mod:`generator.data.validate` runs it for
each citation, passing its reference check); kept apart to keep that module readable.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator import model
from generator.data import languages
from generator.data.load import Document, PathKey
from generator.data.quotes import closest_hint, invisible_or_composed, locate


def check_translation(
    run: Any, doc: Document, at: PathKey, citation: dict[str, Any], reference: Callable[..., bool], normalised: Callable[[Any, str], Any]
) -> None:
    """A translation's language, translator and, for an outlet's archived translation, its words in that source.

    A quote in another language than the site's needs a translation beside it, for readers.
    """
    sources = run.docs["sources"]
    source = sources.get(citation["source"])
    language = source.data.get("language") if source else None
    translation = citation.get("translation")
    if translation is None:
        # A wrong tag is reported on the source; only a valid one says the quote needs translating.
        # A draft (it carries review remarks) is not published: its review asks for the translation.
        if (
            "review" not in doc.data
            and isinstance(language, str)
            and languages.primary(language) != model.SITE_LANGUAGE
            and languages.tag_problem(language) is None
        ):
            run.add(
                doc,
                at + ("quote",),
                f'the quote is in {language} (the language of source "{citation["source"]}") and has no translation.',
                f"add translation: {{text, lang: {model.SITE_LANGUAGE}, by: editors}} beside it, or an outlet's published translation.",
            )
        return
    at = at + ("translation",)
    wrong_tag = languages.tag_problem(translation["lang"])
    if wrong_tag:
        run.add(doc, at + ("lang",), *wrong_tag)
    elif isinstance(language, str) and languages.primary(translation["lang"]) == languages.primary(language):
        run.add(
            doc,
            at + ("lang",),
            f"the translation is in {translation['lang']}, the quote's own language.",
            "a translation is in another language than the original; remove it or correct lang.",
        )
    by, archived = translation["by"], translation.get("source")
    if by != model.EDITORS:
        reference(run, doc, at + ("by",), "actors", by)
    elif archived is not None:
        run.add(
            doc,
            at + ("source",),
            "the editors' own translation has no archived source.",
            "remove source, or set by to the actor id of the outlet that published the translation.",
        )
        return
    if archived is None or not reference(run, doc, at + ("source",), "sources", archived):
        return
    record = sources[archived].data if archived in sources else {}
    if record.get("outlet") not in (None, by):
        run.add(
            doc,
            at + ("by",),
            f'source "{archived}" was published by "{record["outlet"]}", not "{by}".',
            f'set by to "{record["outlet"]}", or cite the translation {by} published.',
        )
    if record.get("language") not in (None, translation["lang"]):
        run.add(
            doc,
            at + ("lang",),
            f'source "{archived}" is in {record["language"]}, not {translation["lang"]}.',
            f"set lang to {record['language']}, or cite the right translation.",
        )
    if archived in run.texts:
        text = normalised(run, archived)
        if locate(text, translation["text"]) is None:
            run.add(
                doc,
                at + ("text",),
                f"translation not found in data/sources/{archived}.txt, the outlet's published translation.",
                invisible_or_composed(text, translation["text"])
                or f"copy the outlet's words exactly: only spacing and curly versus straight quotes may differ{closest_hint(text, translation['text'])}",
            )
