"""The figure matcher: which existing figure a number in an article estimates.

Each figure is a TF-IDF vector over its label, definition and the quotes of its curated claims
from other articles; the words nearest the number weigh most, and the number's modality (what
could, will or does happen) is matched against the modality the figure's definition names.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from generator import model
from generator.data import facets
from generator.suggest.counted import figure_kind
from generator.suggest.lexicon import (
    _FUNCTION_WORDS,
    _MODALITY,
    _MODALITY_WEIGHT,
    _MODIFIER,
    _MONTH_NAMES,
    UNIT_NOUNS,
    _figure_stem,
    _figure_terms,
    _modality_profile,
)
from generator.suggest.quantities import Quantity


class FigureMatcher:
    """Chooses among a corpus's figures, learning from every article but the one being read (``source_id``)."""

    def __init__(self, corpus: model.Corpus, source_id: str) -> None:
        self.corpus = corpus
        self.source_id = source_id
        self.source = corpus.sources[source_id]
        self._article_names: set[str] | None = None
        self._figure_docs, self._idf = self._build_figure_docs()
        self._figure_modality = {f.id: _modality_profile(f"{f.label}. {f.definition}") for f in corpus.figures.values()}
        named = sorted({i for f in corpus.figures.values() for i in f.whose if i in corpus.actors})
        self.sides = facets.side_patterns((i, corpus.actors[i].name, corpus.actors[i].aliases) for i in named)
        #: Why the last number was kept from figures its sentence contradicts (for the drafted figure's review).
        self.contradicted: list[str] = []

    def _build_figure_docs(self) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
        """Each figure as a unit-length TF-IDF vector over its label, definition and the quotes of its
        curated claims from other articles; and the IDF of each word across figures. Notes are left
        out: they name the figures this one is *not* ("killed troops are a separate figure")."""
        counts: dict[str, Counter[str]] = {}
        for figure in self.corpus.figures.values():
            own = Counter(_figure_terms(" ".join(filter(None, [figure.label, figure.definition]))))
            counts[figure.id] = Counter({term: 2 * n for term, n in own.items()})
        for claim in self.corpus.claims.values():
            if claim.figure in counts:
                for citation in claim.citations:
                    if citation.source != self.source_id:  # learn only from other articles, never from this one
                        counts[claim.figure].update(_figure_terms(citation.quote))
        n = len(counts) or 1
        frequency: Counter[str] = Counter()
        for terms in counts.values():
            frequency.update(set(terms))
        idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in frequency.items()}
        docs = {}
        for ident, terms in counts.items():
            vector = {t: (1 + math.log(c)) * idf[t] for t, c in terms.items()}
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            docs[ident] = {t: v / norm for t, v in vector.items()}
        return docs, idf

    def choose(self, text: str, quantity: Quantity, unit: str, kind: tuple[str, str] | None, listed: bool = False) -> tuple[str | None, list[str]]:
        """The figure the number in ``text`` estimates, with remarks for review; None (and why) when none fits.

        ``kind`` is what the number counts (:func:`generator.suggest.counted.count_kind`): casualties,
        deaths, injuries and missing people are different quantities, so a number goes only to a
        figure that counts the same thing, and not to one about other people ("Russian" troops are
        not counted by a figure of "Ukrainian" troops).
        """
        what = f'{unit} {kind[0]} ("{kind[1]}")' if kind else unit
        same_unit = [f for f in self.corpus.figures.values() if f.unit.lower() == unit]
        if not same_unit:
            return None, [f"No existing figure counts {unit}; a new figure is drafted. Write its definition."]
        # Casualties, deaths, injuries and missing people are different quantities: a number goes only
        # to a figure that counts the same thing, and not to one about other people ("Russian" troops
        # are not counted by a figure of "Ukrainian" troops).
        candidates = [f for f in same_unit if figure_kind(f.label, f.definition) == (kind[0] if kind else None)]
        # A figure whose facets the sentence contradicts (another side, state or unit) never gets the number.
        reading = facets.read(text, quantity.start, quantity.end, self.sides)
        self.contradicted = []
        fitting = []
        for figure in candidates:
            reasons = facets.disagreements(reading, facets.figure_facets(figure), strict=True)
            if reasons:
                self.contradicted.append(f"not {figure.id}: {'; '.join(reasons)}")
            else:
                fitting.append(figure)
        candidates = [f for f in fitting if not self._other_subject(text, quantity, f.label)]
        if not candidates:
            return None, [
                f"No existing figure counts {what} of the same people; a new figure is drafted. Write its definition.",
                *(f"Kept from an existing figure because {reason}." for reason in self.contradicted),
            ]
        # The words near the number count most: in "almost 11,000 … training in eastern Russia with
        # 2,600 poised to be deployed to the Kursk region" each number has its own neighbours.
        pattern = r"[A-Za-z][A-Za-z’'-]*|\d[\d,.]*"
        tokens = re.findall(pattern, text)
        first = len(re.findall(pattern, text[: quantity.start]))
        last = first + len(re.findall(pattern, quantity.text))
        weights: dict[str, float] = {}
        for i, token in enumerate(tokens):
            if token.lower() in _FUNCTION_WORDS or token[0].isdigit():
                continue
            distance = first - i if i < first else max(0, i - last + 1)
            weight = math.exp(-distance / 3.0)
            term = _figure_stem(token)
            weights[term] = max(weights.get(term, 0.0), weight)
        modality = self._number_modality(text, quantity)
        scores = []
        for figure in candidates:
            doc = self._figure_docs[figure.id]
            score = sum(w * self._idf.get(t, 0.0) * doc[t] for t, w in weights.items() if t in doc)
            scores.append((score + self._modality_fit(modality, figure.id) - self._absent_names(figure.label), figure.id))
        scores.sort(reverse=True)
        content = {t: w for t, w in weights.items() if t not in {_figure_stem(n) for n in UNIT_NOUNS}}
        best_doc = self._figure_docs[scores[0][1]]
        if not any(t in best_doc and self._idf.get(t, 0.0) > 0 for t in content):
            return None, [f"No existing figure counting {unit} shares a word with the words around the number; a new figure is drafted. Write its definition."]
        review = [f"Figure chosen by the words around the number among {len(candidates)} figure{'' if len(candidates) == 1 else 's'} counting {what}"]
        if listed and kind:
            review.append(f'What the number counts ("{kind[1]}") was read from the number listed before it in the sentence.')
        if len(scores) > 1:
            review[0] += f"; the runner-up is {scores[1][1]}."
        else:
            review[0] += "."
        return scores[0][1], review

    def new_facets(self, text: str, quantity: Quantity, kind: str | None) -> tuple[dict[str, str] | None, str]:
        """The ``counts`` of a figure drafted for the number (None when the sentence does not say both), and its side's adjective."""
        reading = facets.read(text, quantity.start, quantity.end, self.sides)
        whose = reading.whose or reading.named
        state = {"dead": "killed", "casualties": "casualties", "wounded": "wounded", "missing": "missing"}.get(kind or "") or reading.state
        if len(whose) != 1:
            return None, ""
        (side,) = whose
        adjective = facets.adjective(self.corpus.actors[side].name)
        return ({"whose": side, "state": state} if state else None), adjective

    def _absent_names(self, label: str) -> float:
        """A malus for each place or people a figure's label names that the whole article never does:
        troops "amassed in the Kursk region" are not the subject of an article that never names Kursk."""
        if self._article_names is None:
            self._article_names = {_figure_stem(w) for w in re.findall(r"\b[A-Z][\w’'-]*", self.source.text)}
        names = {_figure_stem(w) for w in re.findall(r"\b[A-Z][a-z]+\w*", label) if w not in _MONTH_NAMES}
        return 0.5 * len(names - self._article_names)

    def _other_subject(self, text: str, quantity: Quantity, label: str) -> bool:
        """Whether a figure's label names other people than the number's own words: the names and
        adjectives next to the number ("Russian troops") against those of the label ("Ukrainian troops")."""
        names = {_figure_stem(w) for w in re.findall(r"\b[A-Z][a-z]+\w*", label) if w not in _MONTH_NAMES}
        if not names:
            return False
        # Only the number's own noun phrase: "7,000 to 15,000 Russian troops", not the speaker's name.
        phrase = []
        for word in re.findall(r"[\w’'-]+", text[quantity.end :])[:6]:
            if word.lower() in UNIT_NOUNS or not _MODIFIER.match(word):
                break
            phrase.append(word)
        near = {_figure_stem(w) for w in phrase if w[:1].isupper() and w not in _MONTH_NAMES}
        if not near:
            # "Of the some 11,000 North Korean soldiers …, 4,000 casualties": whose casualties the
            # sentence said before the number.
            words = re.findall(r"[\w’'-]+", text[: quantity.start])
            nouns = [i for i, w in enumerate(words) if w.lower() in UNIT_NOUNS and UNIT_NOUNS[w.lower()] in ("troops", "people")]
            if nouns:
                near = {_figure_stem(w) for w in words[max(0, nouns[-1] - 3) : nouns[-1]] if w[:1].isupper() and w not in _MONTH_NAMES}
        # A name no figure uses ("Pyongyang soldiers") says nothing against this one.
        known = {_figure_stem(w) for f in self.corpus.figures.values() for w in re.findall(r"\b[A-Z][a-z]+\w*", f.label)}
        near &= known
        return bool(near) and not (near & names)

    @staticmethod
    def _number_modality(text: str, quantity: Quantity) -> dict[str, float]:
        """How strongly the words next to the number read as capacity, plan or present, by distance:
        in "there are almost 11,000 troops training in Russia with 2,600 poised to be deployed", 11,000
        is present and 2,600 planned. Only the number's own clause is read."""
        weights: dict[str, float] = {}
        for name, pattern in _MODALITY.items():
            best = 0.0
            for match in pattern.finditer(text):
                if match.end() <= quantity.start:
                    gap = text[match.end() : quantity.start]
                elif match.start() >= quantity.end:
                    gap = text[quantity.end : match.start()]
                else:
                    gap = ""
                if re.search(r"[;:—–]|,\s+(?:the|a|an|according|but|while|though|although|as|and)\b|\s-\s", gap):
                    continue
                # The number's own noun phrase is no distance: "10,000 North Korean soldiers could soon".
                distance = len([w for w in re.findall(r"[\w’'-]+", gap) if w.lower() not in UNIT_NOUNS and not _MODIFIER.match(w)])
                best = max(best, math.exp(-distance / 3.0))
            weights[name] = best
        return weights

    def _modality_fit(self, modality: dict[str, float], figure: str) -> float:
        """A bonus for a figure whose definition names the modality of the number, and a malus for one
        whose definition names only others; figures whose definitions name none are left as they are."""
        profile = self._figure_modality[figure]
        total = sum(profile.values())
        if not total:
            return 0.0
        fit = 0.0
        for name, weight in modality.items():
            share = profile[name] / total
            strength = min(profile[name], 3) / 3
            fit += weight * (strength if share > 0 else 0.0) - weight * (1 - share) * 0.5
        return _MODALITY_WEIGHT * fit
