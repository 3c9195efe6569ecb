"""Measure ``briefing suggest`` on the blind set of this story's 2025 articles (``tests/data/suggest_eval_nk``).

Run ``python -m generator.suggest.evaluate_story`` from the project folder (``--details`` lists every miss).

Each label is one number, with its origin, its relay chain and the figure it belongs to (see the
README in that folder). A drafted number is *found* when its quote's span overlaps a label's; a
label is found once, so a second draft of it counts against precision. For each found number:

- *attribution*: the drafted actor is the labelled origin (name or alias) and the drafted ``via``
  is the labelled chain, actor by actor;
- *figure*: the labelled seed figure, or for a number no seed figure fits, a drafted figure that
  counts the labelled state of the labelled side (its ``counts`` facets, else its label's words)
  and whose unit agrees;
- *edits*: the claim fields an editor has to change to reach the claim the label describes:
  actor, via, figure and value (bounds), one each.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator import model
from generator.data.validate import validate
from generator.editor.ingest import normalise_article
from generator.suggest.evaluate import OtherScore, _norm, _occurrence, _same_bound, _source_record, score_table
from generator.suggest.reader import OWN_VOICE, Drafts, suggest

#: The blind set (see the README in that folder).
STORY_SET = Path("tests/data/suggest_eval_nk")

#: Words of a figure's label that name each labelled state, for figures without ``counts`` facets.
_STATE_WORDS = {
    "killed": r"\b(?:kill|dead|death|died|fatalit)",
    "wounded": r"\b(?:wound|injur)",
    "casualties": r"\b(?:casualt|losses|killed (?:or|and) (?:wounded|injured))",
    "sent": r"\b(?:sent|deploy|dispatch)",
    "planned": r"\b(?:plan|expect)",
    "present": r"\b(?:in russia|present)",
    "repatriated": r"\brepatriat",
}
#: A labelled state, as the facets and unit of a figure say it.
_STATE_FACETS = {"casualty-share": ("casualties", "percent"), "casualties-per-day": ("casualties", "troops per day")}
_SIDES = {"north-korea": r"\b(?:north korea|dprk|pyongyang)", "ukraine": r"\bukrain", "russia": r"\brussia"}


@dataclass
class StoryLabel:
    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str
    speakers: list[str]
    chains: list[list[str]]
    figures: list[str]
    whose: str | None
    state: str | None


@dataclass
class StoryScore(OtherScore):
    """An article's score on the story's own set: the other sets' counts, plus the origin alone and the edits per kept draft."""

    origin: int = 0
    edits: int = 0

    COUNTS: ClassVar[tuple[str, ...]] = (*OtherScore.COUNTS, "origin", "edits")

    @property
    def edits_per_draft(self) -> float:
        return self.edits / self.found if self.found else 0.0


def read_story_labels(folder: Path, slug: str, text: str) -> list[StoryLabel]:
    meta = yaml.safe_load((folder / f"{slug}.yml").read_text(encoding="utf-8"))
    labels = []
    for entry in meta["labels"]:
        start, end = _occurrence(text, entry["text"], entry.get("nth", 1))
        speakers = [entry["speaker"], *entry.get("aliases", []), *entry.get("also", [])]
        chains = [list(entry.get("via", [])), *[list(c) for c in entry.get("via_also", [])]]
        figures = [entry["figure"], *entry.get("figure_also", [])]
        labels.append(
            StoryLabel(
                entry["text"], start, end, entry.get("low"), entry.get("high"), entry.get("unit", "troops"),
                speakers, chains, figures, entry.get("whose"), entry.get("state"),
            )
        )  # fmt: skip
    return labels


def story_project(root: Path, folder: Path, work: Path) -> dict[str, list[StoryLabel]]:
    """Copy ``root/data`` (drafts left out) into ``work`` with every article of the set as a source; labels by source id."""
    import shutil

    shutil.copytree(root / "data", work / "data", ignore=shutil.ignore_patterns("drafts"))
    labels = {}
    for slug in sorted(p.stem for p in folder.glob("*.txt")):
        text = normalise_article((folder / f"{slug}.txt").read_bytes(), f"{slug}.txt")
        meta = yaml.safe_load((folder / f"{slug}.yml").read_text(encoding="utf-8"))
        (work / "data" / "sources" / f"{slug}.txt").write_text(text, encoding="utf-8", newline="\n")
        record = yaml.safe_dump(_source_record(slug, meta, text), sort_keys=False, allow_unicode=True, width=10**6)
        (work / "data" / "sources" / f"{slug}.yml").write_text(record, encoding="utf-8", newline="\n")
        labels[slug] = read_story_labels(folder, slug, text)
    return labels


def _names(ident: str, corpus: model.Corpus, drafts: Drafts) -> list[str]:
    if ident in corpus.actors:
        actor = corpus.actors[ident]
        return [actor.name, re.sub(r"\s*\([^)]*\)$", "", actor.name), *actor.aliases]
    drafted = next((a for a in drafts.actors if a["id"] == ident), None)
    return [drafted["name"], *drafted.get("aliases", [])] if drafted else [ident]


def _is(ident: str, wanted: list[str], corpus: model.Corpus, drafts: Drafts) -> bool:
    """The actor ``ident`` is one of the names ``wanted`` (the same name or alias, or a fuller name of it)."""
    if ident == OWN_VOICE:
        return OWN_VOICE in wanted
    wants = [_norm(w) for w in wanted if w != OWN_VOICE]
    names = map(_norm, _names(ident, corpus, drafts))
    return any(name == w or re.search(rf"\b{re.escape(w)}\b", name) for name in names for w in wants)


def _exact_name(ident: str, wanted: list[str], corpus: model.Corpus, drafts: Drafts) -> bool:
    """A drafted actor's name needs no edit: it is one of the labelled names (titles such as "Rep." are edits)."""
    if ident == OWN_VOICE or ident in corpus.actors:
        return True
    drafted = next((a for a in drafts.actors if a["id"] == ident), None)
    return drafted is None or _norm(drafted["name"]) in {_norm(w) for w in wanted}


def _chain_matches(via: list[str], chains: list[list[str]], corpus: model.Corpus, drafts: Drafts) -> bool:
    return any(len(via) == len(chain) and all(_is(v, [c], corpus, drafts) for v, c in zip(via, chain, strict=True)) for chain in chains)


def _figure_record(ident: str | None, corpus: model.Corpus, drafts: Drafts) -> dict[str, Any] | None:
    if ident is None:
        return None
    drafted = next((f for f in drafts.figures if f["id"] == ident), None)
    if drafted is not None:
        return drafted
    if ident in corpus.figures:
        figure = corpus.figures[ident]
        return {"id": ident, "label": figure.label, "unit": figure.unit, "seed": True}
    return None


def _figure_fits(ident: str | None, label: StoryLabel, corpus: model.Corpus, drafts: Drafts) -> bool:
    if ident is not None and ident in corpus.figures:
        return ident in label.figures
    if "new" not in label.figures or label.state is None:
        return False
    figure = _figure_record(ident, corpus, drafts)
    if figure is None:
        return False
    state, unit = _STATE_FACETS.get(label.state, (label.state, label.unit))
    if figure.get("unit") != unit:
        return False
    facets = figure.get("counts")
    if isinstance(facets, dict):
        return facets.get("state") == state and facets.get("whose") in (label.whose, None)
    words = str(figure.get("label", "")).lower()
    if not re.search(_STATE_WORDS[state], words):
        return False
    sides = [side for side, pattern in _SIDES.items() if re.search(pattern, words)]
    return not sides or sides == [label.whose]


def _spans(drafts: Drafts, ident: str) -> list[tuple[int, int]]:
    """Where a drafted number stands: its first quote, then each restatement (one citation each)."""
    span = drafts.spans.get(ident)
    return [] if span is None else [span, *drafts.restated.get(ident, [])]


def score_story(corpus: model.Corpus, slug: str, labels: list[StoryLabel]) -> StoryScore:
    drafts = suggest(corpus, slug)
    score = StoryScore(slug, labels=len(labels))
    open_labels = list(labels)
    for claim in [*drafts.claims, *drafts.citations]:
        spans = _spans(drafts, claim["id"])
        if not spans:
            continue  # a stance without a number: not part of this evaluation
        text, value = corpus.sources[slug].text, claim["value"]
        for span in spans:
            # Each restatement is its own citation, with its own relay chain.
            ours = [c for c in claim["citations"] if c["source"] == slug] or claim["citations"][-1:]
            citation = next((c for c in ours if 0 <= text.find(c["quote"]) <= span[0] < text.find(c["quote"]) + len(c["quote"])), ours[0])
            via = list(citation.get("via", []))
            score.drafted += 1
            label = next((lab for lab in open_labels if lab.start < span[1] and span[0] < lab.end), None)
            if label is None:
                score.problems.append(f"  not labelled  {value['text']!r} → {claim['actor']}")
                continue
            open_labels.remove(label)
            score.found += 1
            origin = _is(claim["actor"], label.speakers, corpus, drafts)
            chain = _chain_matches(via, label.chains, corpus, drafts)
            edits = 0
            if origin:
                score.origin += 1
                edits += 0 if _exact_name(claim["actor"], label.speakers, corpus, drafts) else 1
            else:
                edits += 1
                score.problems.append(f"  speaker       {label.text!r}: drafted {claim['actor']}, labelled {label.speakers[0]}")
            if origin and chain:
                score.attributed += 1
            if not chain:
                edits += 1
                score.problems.append(f"  via           {label.text!r}: drafted {via}, labelled {label.chains[0]}")
            if _figure_fits(claim.get("figure"), label, corpus, drafts):
                score.figured += 1
            else:
                edits += 1
                drafted = _figure_record(claim.get("figure"), corpus, drafts) or {}
                wanted = label.figures[0] if label.figures[0] != "new" else f"new {label.whose} {label.state}"
                score.problems.append(f"  figure        {label.text!r}: drafted {drafted.get('label', claim.get('figure'))!r}, labelled {wanted}")
            if _same_bound(label.low, value.get("low")) and _same_bound(label.high, value.get("high")):
                score.bounded += 1
            else:
                edits += 1
                score.problems.append(f"  bounds        {label.text!r}: drafted {value.get('low')}–{value.get('high')}, labelled {label.low}–{label.high}")
            score.edits += edits
    score.problems += [f"  missed        {lab.text!r} ({lab.speakers[0]})" for lab in open_labels]
    return score


def evaluate_story(root: Path, folder: Path | None = None) -> list[StoryScore]:
    """Draft each article of the blind set against a copy of the project's corpus and score it, then the total."""
    folder = folder or root / STORY_SET
    with tempfile.TemporaryDirectory(prefix="suggest-eval-") as tmp:
        work = Path(tmp)
        labels = story_project(root, folder, work)
        corpus = validate(work)
        scores = [score_story(corpus, slug, labels[slug]) for slug in labels]
    total = StoryScore("all")
    for s in scores:
        total.add(s)
    return [*scores, total]


def report_story(scores: list[StoryScore], *, details: bool = False) -> str:
    return score_table(scores, "Edits per kept draft", lambda s: f"{s.edits_per_draft:.2f}", details=details)


if __name__ == "__main__":  # pragma: no cover - a command for people
    print(report_story(evaluate_story(Path(".")), details="--details" in sys.argv))
