"""Measure ``briefing suggest`` against the hand-curated claims: precision and recall per article.

Run ``python -m generator.suggest.evaluate`` from the project folder (``--details`` lists every miss).

Each curated claim counts once per article that cites it. A draft matches a curated claim when
both have the same source, actor and figure, and the same value (equal ``low`` and ``high``) or,
for a claim without a value, the same stance. Matching is one to one, so a duplicated draft
counts against precision. Drafting for an article learns figure wording only from the *other*
articles' claims (see :mod:`generator.suggest.reader`), so an article is never scored against its
own curation. The actor list is used as curated, aliases included: the numbers measure drafting
given a curated actor list, not the discovery of unknown actors.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import model
from generator.data.validate import validate
from generator.suggest.reader import suggest

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
    drafts = suggest(corpus, source)
    remaining = list(truth)
    score.curated = len(truth)
    for claim in drafts.claims:
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
    """One score per source, then the total."""
    corpus = validate(root)
    scores = [score_source(corpus, source) for source in corpus.sources]
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


if __name__ == "__main__":  # pragma: no cover - a command for people
    print(report(evaluate(Path(".")), details="--details" in sys.argv))
