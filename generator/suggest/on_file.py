"""Claims already on file: a new article's statement that the corpus already holds.

When an article reports what a curated claim records (the same actor, figure and bounds, said
within a month), the editor needs one more citation on that claim, not a second claim. This
module finds that claim and writes it back as data, so that ``briefing suggest`` can propose it
with the new citation added (``data/drafts/<source-id>/citations/<claim-id>.yml``), validated in
place of the curated file.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator import model
from generator.data.quotes import normalise

#: How far apart two statements may be said and still be one claim, by the first days of their dates.
CLOSE_DAYS = 31


def find_on_file(
    corpus: model.Corpus, source: str, actor: str, figure: str, value: dict[str, Any], said: str | None, *, as_new: bool = False
) -> tuple[model.Claim, str] | None:
    """The curated claim with this actor, figure and bounds, said within a month of ``said``, and why.

    With ``as_new``, claims that only ``source`` cites are not on file: the article is drafted as if new.
    """
    for claim in corpus.claims.values():
        if claim.actor != actor or claim.figure != figure or claim.value is None:
            continue
        if not (_same(claim.value.low, value.get("low")) and _same(claim.value.high, value.get("high"))):
            continue
        if as_new and not any(c.source != source for c in claim.citations):
            continue
        if said and claim.claimed_on:
            apart = abs((_day(said) - _day(claim.claimed_on.date)).days)
            if apart > CLOSE_DAYS:
                continue
            when = f"said {apart} day{'' if apart == 1 else 's'} apart ({claim.claimed_on.date} and {said}, by their first days)"
        else:
            when = "how close in time could not be checked: " + ("the claim on file has no date" if said else "this statement has no date")
        return claim, f"{claim.id} is already on file with the same actor, figure and value, {when}."
    return None


def _same(a: float | None, b: Any) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and float(a) == float(b))


def _day(date: str) -> dt.date:
    return dt.date.fromisoformat(date if len(date) == 10 else date + "-01")


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _dated(dated: model.Dated) -> dict[str, Any]:
    result: dict[str, Any] = {"date": dated.date, "basis": dated.basis}
    if dated.note:
        result["note"] = dated.note
    return result


def claim_record(claim: model.Claim) -> dict[str, Any]:
    """A curated claim as the data it was read from, in the order of the data files."""
    record: dict[str, Any] = {"id": claim.id, "actor": claim.actor}
    if claim.figure is not None:
        record["figure"] = claim.figure
    if claim.value is not None:
        value: dict[str, Any] = {"text": claim.value.text}
        if claim.value.hedge:
            value["hedge"] = claim.value.hedge
        if claim.value.low is not None:
            value["low"] = _number(claim.value.low)
        if claim.value.high is not None:
            value["high"] = _number(claim.value.high)
        if claim.value.approximate:
            value["approximate"] = True
        if claim.value.note:
            value["note"] = claim.value.note
        record["value"] = value
    record["stance"] = claim.stance
    record["claimed_on"] = _dated(claim.claimed_on) if claim.claimed_on else None
    if claim.as_of is not None:
        record["as_of"] = _dated(claim.as_of)
    record["statement"] = claim.statement
    citations = []
    for citation in claim.citations:
        entry: dict[str, Any] = {"source": citation.source, "quote": citation.quote, "via": list(citation.via)}
        if citation.note:
            entry["note"] = citation.note
        citations.append(entry)
    record["citations"] = citations
    if claim.tags:
        record["tags"] = list(claim.tags)
    if claim.notes:
        record["notes"] = claim.notes
    return record


def citation_record(claim: model.Claim, source: str, quote: str, via: list[str], review: list[str], *, as_new: bool = False) -> dict[str, Any]:
    """``claim`` as data with ``quote`` from ``source`` added as one more citation, and the review remarks."""
    record = claim_record(claim)
    if as_new:
        record["citations"] = [c for c in record["citations"] if c["source"] != source]
    record["citations"].append({"source": source, "quote": quote, "via": via})
    record["review"] = [
        *review,
        f"This is {claim.path} with this article's quote added as a citation: check the quote and via-chain, then replace {claim.path} with this file.",
    ]
    return record


def cited_here(corpus: model.Corpus, source: str, sentence: str, quantity: Any, as_new: bool) -> str | None:
    """A curated claim that already cites this sentence for this number (its quote within the sentence, its value's words the number's).

    Re-running ``suggest`` after curation recognises the claim even when the editor changed its
    actor, figure, bounds or id: it is the same words of the same article.
    """
    if as_new:
        return None
    said = normalise(sentence)
    number = normalise(quantity.text)
    for claim in corpus.claims.values():
        if claim.value is None or normalise(claim.value.text) not in (number, normalise(sentence[quantity.start : quantity.end])):
            continue
        for citation in claim.citations:
            quote = normalise(citation.quote)
            if citation.source == source and (quote in said or said in quote):
                return claim.id
    return None


def restated(claims: list[dict[str, Any]], actor: str, figure: str, value: dict[str, Any], citation: dict[str, Any]) -> dict[str, Any] | None:
    """The drafted claim this statement restates (same actor, figure and bounds), with the new quote added as a citation; None if none.

    An article often gives a number in its lede and again in its body: one claim, each quote a citation.
    """
    for claim in claims:
        old = claim.get("value")
        if claim["actor"] != actor or claim.get("figure") != figure or old is None:
            continue
        if not (_same(old.get("low"), value.get("low")) and _same(old.get("high"), value.get("high"))):
            continue
        if all(c["quote"] != citation["quote"] for c in claim["citations"]):
            claim["citations"].append(citation)
            claim["review"].insert(-1, f'Restated in the article ("{value["text"]}"): its quote is one more citation of this claim.')
        return claim
    return None
