"""Measure ``briefing suggest`` against the hand-curated claims: precision and recall per article.

Run ``python -m generator.suggest.evaluate`` from the project folder (``--details`` lists every miss;
``--other`` scores the set of other stories; ``python -m generator.suggest.evaluate_story`` the blind set of this story in 2025).

Each curated claim counts once per article that cites it. A draft matches a curated claim when
both have the same source, actor and figure, and the same value (equal ``low`` and ``high``) or,
for a claim without a value, the same stance. Matching is one to one, so a duplicated draft
counts against precision. Drafting for an article learns figure wording only from the *other*
articles' claims (see :mod:`generator.suggest.reader`), so an article is never scored against its
own curation. The actor list is used as curated, aliases included: the numbers measure drafting
given a curated actor list, not the discovery of unknown actors.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from generator import model
from generator.data.validate import validate
from generator.editor.ingest import normalise_article, sha256_of
from generator.suggest.reader import OWN_VOICE, Drafts, suggest

Key = tuple[str, str, str | None, Any]


@dataclass
class Score:
    """Matches, drafts and curated claims of one article (or of all)."""

    source: str
    matched: int = 0
    drafted: int = 0
    curated: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.drafted if self.drafted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.curated if self.curated else 1.0


def _key(source: str, actor: str, figure: str | None, value: dict[str, Any] | None, stance: str) -> Key:
    if value is not None:
        return (source, actor, figure, (value.get("low"), value.get("high")))
    return (source, actor, None, stance)


def curated_keys(corpus: model.Corpus, source: str) -> list[tuple[Key, str]]:
    keys = []
    for claim in corpus.claims.values():
        value = None
        if claim.value is not None:
            value = {"low": claim.value.low, "high": claim.value.high}
        for citation in claim.citations:
            if citation.source == source:
                keys.append((_key(source, claim.actor, claim.figure, value, claim.stance), claim.id))
    return keys


def score_source(corpus: model.Corpus, source: str) -> Score:
    score = Score(source)
    truth = curated_keys(corpus, source)
    drafts = suggest(corpus, source, as_new=True)
    remaining = list(truth)
    score.curated = len(truth)
    for claim in [*drafts.claims, *drafts.citations]:
        value = claim.get("value")
        if value is not None:
            value = {"low": value.get("low"), "high": value.get("high")}
        key = _key(source, claim["actor"], claim.get("figure"), value, claim["stance"])
        score.drafted += 1
        hit = next((i for i, (k, _) in enumerate(remaining) if _same(k, key)), None)
        if hit is None:
            score.spurious.append(f"{claim['id']}: {key[1:]}")
        else:
            score.matched += 1
            remaining.pop(hit)
    score.missed = [f"{ident}: {key[1:]}" for key, ident in remaining]
    return score


def _same(a: Key, b: Key) -> bool:
    if a[:3] != b[:3]:
        return False
    if isinstance(a[3], tuple) and isinstance(b[3], tuple):
        return all((x is None and y is None) or (x is not None and y is not None and float(x) == float(y)) for x, y in zip(a[3], b[3], strict=True))
    return bool(a[3] == b[3])


def evaluate(root: Path) -> list[Score]:
    """One score per English source, then the total.

    It measures the English reader; articles in Korean, Russian or Ukrainian are drafted by
    :mod:`generator.suggest.originals`, measured on a held-back article (tests/test_languages.py).
    """
    corpus = validate(root)
    scores = [score_source(corpus, ident) for ident, source in corpus.sources.items() if source.language.split("-")[0] == model.SITE_LANGUAGE]
    total = Score("all", sum(s.matched for s in scores), sum(s.drafted for s in scores), sum(s.curated for s in scores))
    return [*scores, total]


def report(scores: list[Score], *, details: bool = False) -> str:
    lines = ["| Article | Curated | Drafted | Matched | Precision | Recall |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for s in scores:
        name = "**All five**" if s.source == "all" else f"`{s.source}`"
        lines.append(f"| {name} | {s.curated} | {s.drafted} | {s.matched} | {s.precision:.2f} | {s.recall:.2f} |")
    if details:
        for s in scores[:-1]:
            lines += [f"\n{s.source}", *(f"  missed   {m}" for m in s.missed), *(f"  spurious {m}" for m in s.spurious)]
    return "\n".join(lines)


# --- the evaluation set of other stories -------------------------------------------------------------

#: Hand-labelled articles on other stories (see the README in that folder).
OTHER_SET = Path("tests/data/suggest_eval")


@dataclass
class Label:
    """One number an editor would draft, as labelled by hand: where it stands, its bounds, who said it."""

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    speakers: list[str]
    counts: list[str]


@dataclass
class OtherScore:
    """How the drafts of one article (or of all) compare with its hand labels."""

    source: str
    labels: int = 0
    drafted: int = 0
    found: int = 0
    attributed: int = 0
    figured: int = 0
    bounded: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 1.0

    @property
    def precision(self) -> float:
        return self.found / self.drafted if self.drafted else 1.0

    @property
    def attribution(self) -> float:
        return self.attributed / self.found if self.found else 1.0

    @property
    def figure(self) -> float:
        return self.figured / self.found if self.found else 1.0

    @property
    def bounds(self) -> float:
        return self.bounded / self.found if self.found else 1.0

    #: The counts a total adds up (rates are worked out from them).
    COUNTS: ClassVar[tuple[str, ...]] = ("labels", "drafted", "found", "attributed", "figured", "bounded")

    def add(self, other: OtherScore) -> None:
        """Add ``other``'s counts to this one's, as the total of a set does."""
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _occurrence(text: str, words: str, nth: int) -> tuple[int, int]:
    pattern = re.compile(rf"(?<![\w,.]){re.escape(words)}(?![\w]|[,.]\d)")
    matches = list(pattern.finditer(text))
    if len(matches) < nth:
        raise ValueError(f'"{words}" occurs {len(matches)} times, not {nth}')
    return matches[nth - 1].span()


def read_labels(folder: Path, slug: str, text: str) -> list[Label]:
    meta = yaml.safe_load((folder / f"{slug}.yml").read_text(encoding="utf-8"))
    labels = []
    for entry in meta["labels"]:
        start, end = _occurrence(text, entry["text"], entry.get("nth", 1))
        speakers = [entry["speaker"], *entry.get("aliases", []), *entry.get("also", [])]
        labels.append(Label(entry["text"], start, end, entry.get("low"), entry.get("high"), speakers, entry["counts"]))
    return labels


def _source_record(slug: str, meta: dict[str, Any], text: str) -> dict[str, Any]:
    published = None
    if meta.get("published"):
        published = {"date": meta["published"], "basis": "inferred", "note": meta["published_note"]}
    return {
        "id": slug,
        "title": None,
        "outlet": None,
        "outlet_note": f"{meta['outlet']} (from the evaluation set's record).",
        "url": meta["url"],
        "published": published,
        "language": "en",
        "sha256": sha256_of(text),
    }


def _norm(name: str) -> str:
    name = name.replace("’", "'").replace("‘", "'").lower()
    name = re.sub(r"'s\b|[^\w\s]", " ", name)
    name = re.sub(r"^\s*(?:the|a|an)\s+", "", name)
    return " ".join(name.split())


def _names(ident: str, corpus: model.Corpus, drafts: Drafts) -> list[str]:
    if ident in corpus.actors:
        actor = corpus.actors[ident]
        return [actor.name, *actor.aliases]
    drafted = next((a for a in drafts.actors if a["id"] == ident), None)
    return [drafted["name"], *drafted.get("aliases", [])] if drafted else [ident]


def _speaker_matches(ident: str, label: Label, corpus: model.Corpus, drafts: Drafts) -> bool:
    """The drafted actor is the labelled speaker: the same name or alias, or a fuller name of it."""
    if ident == OWN_VOICE:
        return OWN_VOICE in label.speakers
    wanted = [_norm(s) for s in label.speakers if s != OWN_VOICE]
    for name in map(_norm, _names(ident, corpus, drafts)):
        for want in wanted:
            if name == want or re.search(rf"\b{re.escape(want)}\b", name):
                return True
    return False


def _figure_label(ident: str, corpus: model.Corpus, drafts: Drafts) -> str:
    if ident in corpus.figures:
        return corpus.figures[ident].label
    drafted = next((f for f in drafts.figures if f["id"] == ident), None)
    return str(drafted["label"]) if drafted else ident


#: Words that name the same count, so that a figure labelled "People killed" counts "deaths".
_SAME_COUNT = [("kill", "dead", "death", "died", "fatalit", "toll"), ("casualt", "killed or wounded", "killed and wounded"), ("injur", "wound")]


def _counts(figure: str, stems: list[str]) -> bool:
    """Whether a figure's label names what a label counts, by its stems or their synonyms."""
    wanted = set(stems)
    for group in _SAME_COUNT:
        if wanted & set(group):
            wanted |= set(group)
    if re.search(r"\b(?:killed|dead) (?:or|and) (?:wounded|injured)\b", figure, re.IGNORECASE) and "casualt" not in wanted:
        return False  # a casualty figure does not count deaths alone
    return any(re.search(rf"\b{re.escape(stem)}", figure, re.IGNORECASE) for stem in wanted)


def _same_bound(a: float | None, b: Any) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and float(a) == float(b))


def score_other(corpus: model.Corpus, slug: str, labels: list[Label]) -> OtherScore:
    drafts = suggest(corpus, slug)
    score = OtherScore(slug, labels=len(labels))
    open_labels = list(labels)
    for claim in [*drafts.claims, *drafts.citations]:
        span = drafts.spans.get(claim["id"])
        if span is None:
            continue  # a stance without a number: not part of this evaluation
        score.drafted += 1
        label = next((lab for lab in open_labels if lab.start < span[1] and span[0] < lab.end), None)
        value = claim["value"]
        if label is None:
            score.problems.append(f"  not labelled  {value['text']!r} → {claim['actor']}")
            continue
        open_labels.remove(label)
        score.found += 1
        if _speaker_matches(claim["actor"], label, corpus, drafts):
            score.attributed += 1
        else:
            score.problems.append(f"  speaker       {label.text!r}: drafted {claim['actor']}, labelled {label.speakers[0]}")
        figure = _figure_label(claim["figure"], corpus, drafts)
        if _counts(figure, label.counts):
            score.figured += 1
        else:
            score.problems.append(f"  figure        {label.text!r}: drafted {figure!r}, counts {label.counts[0]}")
        if _same_bound(label.low, value.get("low")) and _same_bound(label.high, value.get("high")):
            score.bounded += 1
        else:
            score.problems.append(f"  bounds        {label.text!r}: drafted {value.get('low')}–{value.get('high')}, labelled {label.low}–{label.high}")
    score.problems += [f"  missed        {lab.text!r} ({lab.speakers[0]})" for lab in open_labels]
    return score


def other_project(root: Path, folder: Path, work: Path) -> dict[str, list[Label]]:
    """Copy ``root/data`` into ``work`` and add every article of the evaluation set as a source; its labels by source id."""
    shutil.copytree(root / "data", work / "data", ignore=shutil.ignore_patterns("drafts"))
    labels = {}
    for slug in sorted(p.stem for p in folder.glob("*.txt")):
        text = normalise_article((folder / f"{slug}.txt").read_bytes(), f"{slug}.txt")
        meta = yaml.safe_load((folder / f"{slug}.yml").read_text(encoding="utf-8"))
        (work / "data" / "sources" / f"{slug}.txt").write_text(text, encoding="utf-8", newline="\n")
        record = yaml.safe_dump(_source_record(slug, meta, text), sort_keys=False, allow_unicode=True, width=10**6)
        (work / "data" / "sources" / f"{slug}.yml").write_text(record, encoding="utf-8", newline="\n")
        labels[slug] = read_labels(folder, slug, text)
    return labels


def evaluate_other(root: Path, folder: Path | None = None) -> list[OtherScore]:
    """Draft each article of the evaluation set against the project's corpus and score it, then the total.

    The articles are added as sources to a copy of ``root/data`` in a temporary folder, so the
    project itself is never touched; each is drafted as ``briefing suggest`` would draft it.
    """
    folder = folder or root / OTHER_SET
    with tempfile.TemporaryDirectory(prefix="suggest-eval-") as tmp:
        work = Path(tmp)
        labels = other_project(root, folder, work)
        corpus = validate(work)
        scores = [score_other(corpus, slug, labels[slug]) for slug in labels]
    total = OtherScore("all")
    for s in scores:
        total.add(s)
    return [*scores, total]


def score_table(scores: list[Any], last: str, cell: Callable[[Any], str], *, details: bool = False) -> str:
    """The Markdown table of an evaluation set's scores, per article and in total, with a ``last`` column of ``cell``'s;
    ``details``: then each article's problems."""
    lines = [
        f"| Article | Labelled | Drafted | Found | Recall | Precision | Attribution | Figure | {last} |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in scores:
        name = f"**All {len(scores) - 1}**" if s.source == "all" else f"`{s.source}`"
        lines.append(
            f"| {name} | {s.labels} | {s.drafted} | {s.found} | {s.recall:.2f} | {s.precision:.2f} | {s.attribution:.2f} | {s.figure:.2f} | {cell(s)} |"
        )
    if details:
        for s in scores[:-1]:
            if s.problems:
                lines += [f"\n{s.source}", *s.problems]
    return "\n".join(lines)


def report_other(scores: list[OtherScore], *, details: bool = False) -> str:
    return score_table(scores, "Bounds", lambda s: f"{s.bounds:.2f}", details=details)


if __name__ == "__main__":  # pragma: no cover - a command for people
    details = "--details" in sys.argv
    if "--other" in sys.argv:
        print(report_other(evaluate_other(Path(".")), details=details))
    else:
        print(report(evaluate(Path(".")), details=details))
