"""What a number counts, read from the noun it counts and the verbs of its clause.

Casualties, deaths, injuries, missing people, displaced people, arrests and turnout are different
quantities even when they count the same people, and news text says which in the words next to
the number: "4,000 casualties", "11,300 dead and 10,100 missing", "3,958 people had died",
"230,000 turned up". The same patterns read a figure's label and definition, so that a number is
only filed under a figure that counts the same thing, and a figure drafted for a number is named
after what it counts.
"""

from __future__ import annotations

import re

#: Kinds of count, most specific first ("killed or wounded" is a casualty count, not a death count).
KINDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "casualties",
        re.compile(
            r"\b(?:casualt(?:y|ies)|(?:killed|dead|deaths?)\s+(?:or|and)\s+(?:wounded|injured)|(?:wounded|injured)\s+(?:or|and)\s+(?:killed|dead)|losses|lost|losing)\b",
            re.I,
        ),
    ),
    ("missing", re.compile(r"\b(?:missing|unaccounted(?: for)?)\b", re.I)),
    ("wounded", re.compile(r"\b(?:wounded|injured|injuries|hurt)\b", re.I)),
    (
        "dead",
        re.compile(r"\b(?:killed|dead|deaths?|died|death toll|fatalit(?:y|ies)|perished|lost their lives|buried|bodies|mortality)\b", re.I),
    ),
    ("displaced", re.compile(r"\b(?:displaced|homeless|evacuees|evacuated|fled|refugees|driven\s+\w*\s*from their homes|forced from their homes)\b", re.I)),
    ("arrested", re.compile(r"\b(?:arrested|detained|arrests|detentions)\b", re.I)),
    (
        "turnout",
        re.compile(
            r"\b(?:protesters|demonstrators|marchers|marched|protested|demonstrated|turned up|took part|turnout|participants|joined the (?:protest|march|rally))\b",
            re.I,
        ),
    ),
]
KIND_LABEL = {
    "casualties": "{unit} killed or wounded",
    "missing": "{unit} missing",
    "wounded": "{unit} injured",
    "dead": "{unit} killed",
    "displaced": "{unit} displaced",
    "arrested": "{unit} arrested",
    "turnout": "Protesters",
}
_CLAUSE_BREAK = re.compile(r"[;:—–]|,\s+(?:but|while|though|although|and|according|as|which|who)\b|\s-\s|\(")


def count_kind(text: str, start: int, end: int) -> tuple[str, str] | None:
    """(kind, words) of what the number at ``start:end`` counts, from its own clause; None if it says nothing.

    The words after the number come first ("4,000 casualties", "10,100 missing", "3,958 people had
    died"), then those before it in the same clause ("the death toll … has risen to 94"). The next
    number's words are not read: in "11,300 dead and 10,100 missing" each has its own.
    """
    after = text[end:]
    stop = re.search(r"[;:—–(]|,\s|\s-\s", after)
    following = after[: stop.start()] if stop else after
    # "12,000 soldiers deployed in Kursk could face total casualties": a forecast about them, not what they count.
    modal = re.search(r"\b(?:may|might|could|would|will)\s+(?:\w+\s+)?(?:face|be|suffer)\b", following)
    if modal:
        following = following[: modal.start()]
    next_number = re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)\b", following)
    if next_number:
        following = following[: next_number.start()]
    before = text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before)) + list(re.finditer(r",\s", before))
    clause_start = max((b.end() for b in breaks), default=0)
    preceding = before[clause_start:]
    previous_number = [n for n in re.finditer(r"\d[\d,.]*", preceding) if preceding[n.end() : n.end() + 1] != "-"]
    if previous_number:
        preceding = preceding[previous_number[-1].end() :]
    # The nearest words, those after the number first: "killed an average of 1,500 … a day, … heavy
    # losses" is a death count. What happened to people ("80 demonstrators arrested", "123 police
    # officers were injured") counts before who they are.
    best: tuple[int, int, str, str] | None = None
    for rank, (kind, pattern) in enumerate(KINDS):
        event = 0 if kind != "turnout" else 1000
        for found in pattern.finditer(following):
            candidate = (found.start() + event, rank, kind, found.group(0))
            best = min(best, candidate) if best else candidate
        for found in pattern.finditer(preceding):
            candidate = (len(preceding) - found.end() + 20 + event, rank, kind, found.group(0))
            best = min(best, candidate) if best else candidate
    return (best[2], best[3]) if best else None


def figure_kind(label: str, definition: str) -> str | None:
    """The kind of count a figure is about, from its label, else its definition's first sentence."""
    for text in (label, definition.split(". ")[0]):
        for kind, pattern in KINDS:
            if pattern.search(text):
                return kind
    return None


def new_figure_label(kind: str | None, unit: str, text: str, noun_start: int, noun: str) -> str:
    """A label for a figure drafted for a number: what it counts, in the article's words where it has no kind.

    "People killed", "Troops missing", "Protesters"; without a kind, the counted noun and the rest of
    its clause: "Households in the prefecture have been without water supplies" → "Households in
    the prefecture without water supplies".
    """
    if kind is not None:
        return KIND_LABEL[kind].format(unit=unit[:1].upper() + unit[1:])
    rest = text[noun_start:]
    stop = re.search(r"[,;:.(]|\s[-–—]\s|\s+(?:and|but|while|as|because|due to|after|since)\s", rest)
    words = (rest[: stop.start()] if stop else rest).split()
    words = [w for w in words if w.lower() not in ("were", "was", "are", "is", "have", "has", "had", "been", "be", "still", "now")]
    label = " ".join(words[:9])
    if not re.search(r"[A-Za-z]{3}", label):
        label = noun if re.search(r"[A-Za-z]", noun) else unit
    return label[:1].upper() + label[1:]
