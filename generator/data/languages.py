"""A source's language: a BCP 47 tag checked against the IANA registry, stated by the page or detected.

``langcodes`` checks a tag against the IANA Language Subtag Registry it ships (a tag that
only looks right, such as ``english``, is refused) and gives its shortest
standard form (``kor`` is written ``ko``, ``en-UK`` is ``en-GB``); it is used without its
optional ``language_data`` names, which would add a compiled dependency for display only. ``py3langid`` detects the
language of a text that states none: a naive Bayes model over byte n-grams of 97
languages, shipped inside the package, so it loads nothing at run time.
"""

from __future__ import annotations

from functools import cache
from typing import Any

#: Characters of a text the detector reads: enough for a confident guess, bounded work.
DETECT_CHARACTERS = 20_000
#: Below this probability a detected language is not recorded.
MIN_PROBABILITY = 0.9


def tag_problem(tag: str) -> tuple[str, str] | None:
    """``(message, hint)`` when ``tag`` is not a valid BCP 47 tag in its standard form, else None."""
    import langcodes

    if not langcodes.tag_is_valid(tag):
        return f'language "{tag}" is not a BCP 47 tag the IANA registry knows.', 'write a BCP 47 tag from the IANA registry, such as "en", "ko", "ru" or "uk".'
    standard = str(langcodes.standardize_tag(tag))
    if standard != tag:
        return f'language "{tag}" is not in its standard form.', f'write "{standard}" (the IANA registry\'s preferred form).'
    return None


#: English names of the languages the corpus quotes, for readers; other tags are shown as written.
NAMES = {"en": "English", "ko": "Korean", "ru": "Russian", "uk": "Ukrainian", "ja": "Japanese", "zh": "Chinese", "de": "German", "fr": "French"}


def name(tag: str) -> str:
    """``Korean`` for ``ko`` or ``ko-KR``; the tag itself for a language not in :data:`NAMES`."""
    return NAMES.get(primary(tag), tag)


def standard(tag: str) -> str | None:
    """``tag`` in the registry's standard form (``en-us`` is ``en-US``), or None when it is not a valid tag."""
    import langcodes

    try:
        return str(langcodes.standardize_tag(tag)) if langcodes.tag_is_valid(tag) else None
    except ValueError:
        return None


def primary(tag: str) -> str:
    """The language subtag of a tag, lower case: ``ko`` for ``ko-KR``."""
    return tag.split("-", 1)[0].lower()


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float] | None:
    """``(tag, probability)`` of the text's language, from its first :data:`DETECT_CHARACTERS` characters; None when unsure."""
    sample = text[:DETECT_CHARACTERS].strip()
    if not sample:
        return None
    tag, probability = _identifier().classify(sample)
    probability = float(probability)
    return (str(tag), probability) if probability >= MIN_PROBABILITY else None


def detected_note(tag: str, probability: float) -> str:
    """The ``language_note`` of a detected language."""
    return f"Detected from the text by py3langid (probability {probability:.2f}); neither the page nor the editor states a language."
