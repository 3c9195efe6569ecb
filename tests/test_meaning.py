"""What the pages *say*: the source's words kept, readings shown as readings, disagreement found on best readings.

The seed site is read as a sceptical reader would: each test names a sentence that misled
readers before readings existed, and pins the page text that replaces it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.data import readings
from generator.data.readings import LEXICON, Hedge, grade, lexicon_reading, read
from generator.data.validate import validate
from generator.model import Value
from generator.project import Project
from generator.site import charts
from generator.site.index import build
from generator.site.values import SAME_MOMENT_DAYS, compared, moment, same_moment

# --------------------------------------------------------------------------- the seed site, as a reader meets it


def _page(corpus_site: Path, rel: str) -> str:
    return (corpus_site / "briefings" / rel).read_text(encoding="utf-8")


def _text(markdown: str) -> str:
    """Page text without tags, links' targets or character references, as a reader reads it."""
    text = re.sub(r"<br>", " ", markdown)
    text = re.sub(r"<[^>]+>", "", text).replace("*(", "(").replace(")*", ")")
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("&#40;", "(").replace("&#41;", ")").replace("&#39;", "'").replace("&#34;", '"').replace("\\[", "[").replace("\\]", "]")
    return re.sub(r"\s+", " ", text)


def test_budanov_and_the_nis_are_shown_to_differ_with_the_factor(corpus_site: Path) -> None:
    figure = _text(_page(corpus_site, "figures/nk-troops-in-russia.md"))
    section = figure.split("## Where sources differ", 1)[1].split("## ", 1)[0]
    assert (
        "National Intelligence Service (South Korea): “as many as 1,500” (reported 19 Oct 2024) [" in section
        and "and Kyrylo Budanov: “almost 11,000” (17 Oct 2024, date inferred)" in section
        and "differ, 7× apart: best readings 1,500 troops and 11,000 troops, 2 days apart." in section
    ), section
    assert "No two sources" not in section
    home = _text(_page(corpus_site, "_generated/home.md"))
    assert "North Korean troops in Russia: National Intelligence Service (South Korea): “as many as 1,500”" in home
    assert "differ, 7× apart" in home
    assert "no two sources differ in the same week" not in home


def test_zelenskyy_and_the_nis_on_troops_planned_roughly_agree_and_are_not_called_a_difference(corpus_site: Path) -> None:
    section = _text(_page(corpus_site, "figures/nk-troops-planned.md")).split("## Where sources differ", 1)[1].split("## ", 1)[0]
    assert "No two sources gave estimates about the same moment whose best readings differ." in section
    assert "2 pairs of estimates about the same moment roughly agree: their best readings are between 1.1 and 1.5 times apart." in section


def test_almost_is_shown_as_said_and_read_as_just_under(corpus_site: Path) -> None:
    pages = {p: p.read_text(encoding="utf-8") for p in (corpus_site / "briefings").rglob("*.md")}
    assert not [p for p, text in pages.items() if "up to about" in text]
    figure = _text(_page(corpus_site, "figures/nk-troops-in-russia.md"))
    assert "“almost 11,000” read as 9,900 to 11,000 troops" in figure
    index = _text(_page(corpus_site, "figures/index.md"))
    assert "“as many as 1,500” to “almost 11,000” read as 1,500 to 11,000 troops" in index


def test_no_false_precision_and_ranges_in_words_keep_round_bounds(corpus_site: Path) -> None:
    pages = {p: p.read_text(encoding="utf-8") for p in (corpus_site / "briefings").rglob("*") if p.suffix in (".md", ".svg", ".csv", ".json")}
    # SVG coordinates such as 49.999999999 are not numbers a reader sees; 999999 as a whole number is.
    assert not [p for p, text in pages.items() if "999,999" in text or re.search(r"(?<![\d.])999999(?![\d.])", text)]
    home = _text(_page(corpus_site, "_generated/home.md"))
    # "millions" (Nov, reported 18 Nov) is the latest: it was reported after "hundreds of thousands" (17 Nov).
    assert "“millions of rounds” Latest estimate" in home and "read as 1 million to 10 million rounds, best 3 million" in home
    assert "roughly between" not in home
    figure = _text(_page(corpus_site, "figures/nk-artillery-rounds-to-russia.md"))
    assert "“hundreds of thousands of rounds” read as 100,000 to 1 million rounds, best 300,000" in figure


def test_a_percentage_is_never_shown_bare(corpus_site: Path) -> None:
    figure = _text(_page(corpus_site, "figures/nk-deployment-boost-to-russian-force.md"))
    assert "“up to 20%” Read as at most 20%." in figure
    index = _text(_page(corpus_site, "figures/index.md"))
    assert "“up to 20%” (read as at most 20%)" in index
    assert not re.search(r"up to 20(?!%)", index + figure)


def test_the_inferred_attribution_of_eight_million_is_marked_where_it_appears(corpus_site: Path) -> None:
    artillery = _text(_page(corpus_site, "figures/nk-artillery-rounds-to-russia.md"))
    assert "National Intelligence Service (South Korea) (attribution inferred by the editors)" in artillery
    assert "Attribution inferred: The sentence is passive" in artillery
    nis = _text(_page(corpus_site, "actors/south-korea-nis.md"))
    assert "“eight million” (read as 8 million rounds) (attribution inferred by the editors)" in nis
    svg = _page(corpus_site, "figures/nk-artillery-rounds-to-russia.svg")
    assert "(attribution inferred by the editors)" in svg
    data = json.loads(_page(corpus_site, "downloads/claims.json"))
    shells = (
        next(c for c in data["claims"] if c["id"] == "nis-eight-million-shells")
        if isinstance(data, dict)
        else next(c for c in data if c["id"] == "nis-eight-million-shells")
    )
    assert shells["attribution"]["basis"] == "inferred"
    assert shells["value"]["reading"] == {"low": 8000000, "best": 8000000, "high": 8000000, "rule": "exact", "note": shells["value"]["reading"]["note"]}
    header = _page(corpus_site, "downloads/claims.csv").splitlines()[0].split(",")
    assert {"attribution_basis", "reading_low", "reading_best", "reading_high", "reading_rule"} <= set(header)


def test_the_18_november_page_lists_the_claims_reported_that_day(corpus_site: Path) -> None:
    page = _text(_page(corpus_site, "dates/2024-11-18.md"))
    made, reported = page.split("## Reported this day, made earlier", 1)
    assert "German officials (unnamed)" in made
    assert "“more than 10,000”" in reported and "“millions of rounds”" in reported and "“up to 15,000”" in reported
    assert "(reported this day; listed under Nov 2024, date inferred)" in reported


def test_no_month_band_runs_past_the_earliest_article_that_reports_the_claim(corpus_site: Path) -> None:
    index = build(validate(corpus_site))
    checked = 0
    for figure in index.corpus.figures.values():
        claims = index.by_figure.get(figure.id, [])
        if not charts.charted(claims):
            continue
        rows = charts.spec(figure, claims, index)["vconcat"][0]["data"]["values"]
        by_label = {tuple(r["label"]): r for r in rows}
        for claim in claims:
            if claim.value is None or len(index.placed[claim.id].when) != 7:
                continue
            row = by_label[tuple(charts.chart_label(index, claim))]
            reported = index.reported_by(claim)
            assert reported, claim.id  # every seed claim dated to a month has an article dated to the day
            first = dt.date.fromisoformat(reported)
            assert dt.date.fromisoformat(row["end"]) <= first + dt.timedelta(days=1), (claim.id, row["end"], first)
            checked += 1
    assert checked >= 3


def test_the_home_sentence_keeps_each_figure_to_its_own_values(corpus_site: Path) -> None:
    home = _text(_page(corpus_site, "_generated/home.md"))
    sentence = home.split("In short:** ", 1)[1].split(" Each range is of one figure only", 1)[0]
    parts = sentence.split("; ")
    assert len(parts) == 4, parts
    potential = [p for p in parts if "up to 100,000" in p]
    assert potential == ["North Korean troops that could be sent at most: one estimate, “up to 100,000” (People familiar with the G-20 assessment, unnamed)"]
    assert parts[0] == "North Korean troops in Russia: from “as many as 1,500” (National Intelligence Service, South Korea) to “almost 11,000” (Kyrylo Budanov)"
    assert "low thousands" not in sentence


def test_methodology_prints_the_lexicon_and_the_grades(corpus_site: Path) -> None:
    lexicon = _text(_page(corpus_site, "_generated/readings.md"))
    for hedge in LEXICON:
        assert f"“{hedge.words[0]}”" in lexicon
    assert "“almost 11,000” reads as 9,900 to 11,000 troops" in lexicon
    methodology = _page(corpus_site, "methodology.md")
    assert '--8<-- "readings.md"' in methodology
    assert "| differ | more than 1.5× |" in methodology and "| agree | at most 1.1× |" in methodology
    built = (corpus_site / "site/methodology.html").read_text(encoding="utf-8")
    assert "hundreds of thousands" in built and "1.5×" in built
    assert "roughly agree" in _page(corpus_site, "reading.md")


# --------------------------------------------------------------------------- readings


def _example(hedge: Hedge, number: float) -> Value:
    word = hedge.words[0]
    if hedge.rule is readings.WORDS:
        return Value(word)
    low = None if hedge.rule in (readings.AT_MOST, readings.JUST_UNDER) else number
    high = None if hedge.rule is readings.AT_LEAST else number
    return Value(f"{word} {number:,g}", hedge=word, low=low, high=high)


@given(st.sampled_from(LEXICON), st.integers(min_value=1, max_value=10**11))
def test_every_hedge_reads_low_best_high_in_order_with_its_own_number_inside(hedge: Hedge, number: int) -> None:
    reading = lexicon_reading(_example(hedge, number))
    low = reading.low if reading.low is not None else float("-inf")
    high = reading.high if reading.high is not None else float("inf")
    assert low <= reading.best <= high
    said = hedge.best if hedge.rule is readings.WORDS else number
    assert low <= said <= high  # type: ignore[operator]
    if hedge.rule is readings.JUST_UNDER:
        assert reading.high == number and reading.low == number * 9 / 10


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.floats(min_value=0, max_value=1e12, allow_nan=False))
def test_the_grade_is_symmetric(a: float, b: float) -> None:
    assert grade(a, b) == grade(b, a)


@pytest.mark.parametrize(
    ("a", "b", "name", "words"),
    [
        (10_000, 11_000, "agree", "agree"),
        (10_000, 11_001, "roughly agree", "roughly agree (1.1×)"),
        (10_000, 12_000, "roughly agree", "roughly agree (1.2×)"),
        (10_000, 15_000, "roughly agree", "roughly agree (1.5×)"),
        (10_000, 15_001, "differ", "differ, 1.5× apart"),
        (1_500, 11_000, "differ", "differ, 7× apart"),
        (0, 5, "differ", "differ: one is zero"),
        (0, 0, "agree", "agree"),
    ],
)
def test_grades_at_their_thresholds(a: float, b: float, name: str, words: str) -> None:
    assert grade(a, b).name == name
    assert grade(a, b).words == words


def _corpus_with(bests: list[tuple[str, str, float]]) -> tuple[object, list]:
    """An index of claims by (actor, date, best), for the comparison's own tests."""
    from generator.model import Actor, Citation, Claim, Corpus, Dated, Figure, Source

    corpus = Corpus()
    corpus.figures["f"] = Figure("f", "f.yml", "F", "troops", "d")
    corpus.sources["s"] = Source("s", "s.yml", "text", "T", None, None, Dated("2024-12-31", "stated"), "en", "0")
    for i, (actor, day, value) in enumerate(bests):
        corpus.actors.setdefault(actor, Actor(actor, f"{actor}.yml", actor.title(), "person"))
        ident = f"c{i:03d}"
        corpus.claims[ident] = Claim(
            ident, f"{ident}.yml", actor, "asserts", Dated(day, "stated"), "s", (Citation("s", "q"),), "f", Value(f"{value:g}", low=value, high=value)
        )
    index = build(corpus)
    return index, list(corpus.claims.values())


def _brute_force(index, claims) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    differ = roughly = 0
    for a, b in itertools.combinations(claims, 2):
        if index.origin(a) == index.origin(b) or not same_moment(moment(index, a), moment(index, b)):
            continue
        name = grade(read(a.value).best, read(b.value).best).name
        differ += name == "differ"
        roughly += name == "roughly agree"
    return differ, roughly


days = st.sampled_from(["2024-10-01", "2024-10-05", "2024-10-08", "2024-10-09", "2024-10-31", "2024-11-01", "2024-11-06", "2024-10", "2024-11"])
rows = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]), days, st.sampled_from([0, 1000, 1100, 1101, 1500, 1501, 2000, 7000, 11000])), max_size=14)


@settings(max_examples=150, deadline=None)
@given(rows, st.randoms(use_true_random=False))
def test_agreement_counts_match_every_pair_and_never_depend_on_the_order_of_claims(bests: list[tuple[str, str, float]], rng: random.Random) -> None:
    index, claims = _corpus_with(bests)
    counts, pairs = compared(index, claims, 1000)
    assert (counts["differ"], counts["roughly agree"]) == _brute_force(index, claims)
    shuffled = claims[:]
    rng.shuffle(shuffled)
    assert compared(index, shuffled, 1000) == (counts, pairs)
    for pair in pairs:
        assert pair.grade.name == "differ" and index.origin(pair.lower) != index.origin(pair.higher)
        assert read(pair.lower.value).best <= read(pair.higher.value).best


def test_many_estimates_on_one_day_are_compared_in_n_log_n_not_pairwise() -> None:
    # 6,000 estimates of one figure on one day: every pair is the same moment. The sweep counts
    # 18 million pairs without listing them, and lists only each estimate's furthest partner.
    rng = random.Random(7)
    bests = [(f"actor-{i % 50}", "2024-10-18", float(rng.choice([1000, 1500, 2600, 10000, 11000, 12000]))) for i in range(6_000)]
    index, claims = _corpus_with(bests)
    counts, pairs = compared(index, claims, 10)
    assert counts["differ"] > 1_000_000
    assert len(pairs) == 10 and pairs[0].grade.factor == 12


def test_same_moment_is_a_week_or_the_same_month() -> None:
    assert same_moment("2024-10-17", "2024-10-24") and not same_moment("2024-10-17", "2024-10-25")
    assert same_moment("2024-11", "2024-11-30") and same_moment("2024-11", "2024-11") and not same_moment("2024-10", "2024-11-01")
    assert SAME_MOMENT_DAYS == 7


# --------------------------------------------------------------------------- editors' readings in the data


def test_validate_refuses_a_reading_that_says_more_than_the_words(project: Project) -> None:
    path = project.path("data/claims/zelenskyy-10000.yml")
    text = path.read_text(encoding="utf-8").replace("  high: 10000\n", '  high: 10000\n  reading:\n    best: 12000\n    note: "Read as the total."\n', 1)
    path.write_text(text, encoding="utf-8")
    result = project.run("validate")
    assert result.exit_code == 1
    assert (
        'data/claims/zelenskyy-10000.yml:10:11: value.reading.best (12,000) is above "10,000": the words allow at most 10,000. '
        "Hint: a reading may not say more than the source: lower best, or fix value.high if the words allow more."
    ) in result.output, result.output


def test_an_editors_reading_needs_its_reason(project: Project) -> None:
    path = project.path("data/claims/zelenskyy-10000.yml")
    path.write_text(path.read_text(encoding="utf-8").replace("  high: 10000\n", "  high: 10000\n  reading:\n    best: 10000\n", 1), encoding="utf-8")
    result = project.run("validate")
    assert result.exit_code == 1
    assert (
        'data/claims/zelenskyy-10000.yml:10:5: missing required field "note" in value.reading. '
        "Hint: Why the editors read the words as they do: what departs from the lexicon, or that it was checked by hand."
    ) in result.output, result.output


def test_validate_refuses_a_hedge_whose_bounds_contradict_it(project: Project) -> None:
    claim = yaml.safe_load(project.path("data/claims/zelenskyy-10000.yml").read_text(encoding="utf-8"))
    claim["value"] = {"text": claim["value"]["text"], "hedge": "more than", "high": claim["value"]["high"]}
    project.write("data/claims/zelenskyy-10000.yml", yaml.safe_dump(claim, sort_keys=False, allow_unicode=True))
    result = project.run("validate")
    assert result.exit_code == 1
    assert 'value.hedge "more than" reads as a number it stays at or over, but value.low is not set. Hint: set value.low to the number said.' in result.output


def test_every_seed_claim_carries_a_reading_checked_by_hand() -> None:
    root = Path(__file__).parent.parent
    corpus = validate(root)
    for claim in corpus.claims.values():
        if claim.value is None:
            continue
        assert claim.value.reading is not None and claim.value.reading.note.startswith("Checked by hand: "), claim.id  # type: ignore[union-attr]
    editors = [c.id for c in corpus.claims.values() if c.value and read(c.value).by_editors]
    assert editors == ["unattributed-400000-ukrainian-injured"]
