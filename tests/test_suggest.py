"""`briefing suggest`: drafts from an archived article, where they go, and how good they are."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Project

from generator.data.drafts import validate_drafts
from generator.data.validate import validate
from generator.model import Dated
from generator.suggest.dates import find_dates
from generator.suggest.drafts import existing_draft_ids, write_drafts
from generator.suggest.evaluate import OTHER_SET, evaluate, evaluate_other, other_project, report, report_other
from generator.suggest.quantities import find_quantities
from generator.suggest.quantities import find_quantities as quantities
from generator.suggest.reader import suggest
from generator.suggest.speakers import read_speaker, subject_before

SOURCE = "2024-10-18-sample"
DRAFTS = f"data/drafts/{SOURCE}"


def documents(stdout: str) -> list[dict]:
    return [yaml.safe_load(part) for part in stdout.split("---\n")]


def test_prints_drafts_for_the_sample_article(project: Project) -> None:
    result = project.run("suggest", SOURCE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"# {DRAFTS}/figures/troops-training.yml\n# yaml-language-server: $schema=")
    drafts = {d["id"]: d for d in documents(result.stdout)}
    assert sorted(drafts) == ["kyrylo-budanov-almost-11000-training", "russia-denies-reports-one-fake", "troops-training"]
    # Zelenskyy's 10,000 is on file and already cites this article: it is not drafted again.
    assert result.stderr == "Already cited by this article, not drafted again: zelenskyy-10000.\n"
    budanov = drafts["kyrylo-budanov-almost-11000-training"]
    assert budanov["value"] == {"text": "almost 11,000", "hedge": "almost", "high": 11000, "approximate": True}
    assert budanov["citations"][0]["via"] == ["the-war-zone"]
    # Troops "training" are not troops "planned", the only figure: a new figure is drafted, and says so.
    assert budanov["figure"] == "troops-training"
    assert "a new figure is drafted. Write its definition." in " ".join(budanov["review"])
    assert (drafts["troops-training"]["label"], drafts["troops-training"]["unit"]) == ("Troops training", "troops")
    denial = drafts["russia-denies-reports-one-fake"]
    assert (denial["stance"], denial["claimed_on"]["date"]) == ("denies", "2024-10")
    assert "week of 2024-10-07 to 2024-10-13" in denial["claimed_on"]["note"]
    assert not project.path("data/drafts").exists(), "printing must not write anything"


def test_unknown_source_is_an_error_with_a_suggestion(project: Project) -> None:
    result = project.run("suggest", "2024-10-18-sampel")
    assert result.exit_code == 1
    assert result.stderr == 'Error: unknown source "2024-10-18-sampel". Hint: did you mean "2024-10-18-sample"?\n'
    result = project.run("suggest", "no-such-article")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: unknown source "no-such-article". Hint: archive the article first with briefing ingest; sources are the <id>.yml files in data/sources/.\n'
    )


def test_invalid_data_is_reported_before_drafting(project: Project) -> None:
    project.edit("data/claims/zelenskyy-10000.yml", "stance: asserts", "stance: assert")
    result = project.run("suggest", SOURCE)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "Found 1 error in 1 file. Fix data/ before drafting from it."


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_write_puts_drafts_beside_the_data_and_never_overwrites(project: Project) -> None:
    # A curated claim already has the id the first draft would take: the draft must take another.
    shutil.copy(project.path("data/claims/zelenskyy-10000.yml"), project.path("data/claims/kyrylo-budanov-almost-11000-training.yml"))
    project.edit("data/claims/kyrylo-budanov-almost-11000-training.yml", "id: zelenskyy-10000", "id: kyrylo-budanov-almost-11000-training")
    curated = tree(project.path("data/claims"))
    result = project.run("suggest", SOURCE, "--write")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{DRAFTS}/figures/troops-training.yml",
        f"{DRAFTS}/claims/kyrylo-budanov-almost-11000-training-2.yml",
        f"{DRAFTS}/claims/russia-denies-reports-one-fake.yml",
    ]
    assert result.stderr == (
        "Drafted 2 claims, 0 new actors and 1 new figures for review.\n"
        "Already cited by this article, not drafted again: kyrylo-budanov-almost-11000-training.\n"
    )
    assert tree(project.path("data/claims")) == curated
    written = project.path(f"{DRAFTS}/claims/kyrylo-budanov-almost-11000-training-2.yml").read_text(encoding="utf-8")
    assert written.startswith('# yaml-language-server: $schema=../../../../generator/schemas/claim.schema.json\nid: "kyrylo-budanov-almost-11000-training-2"\n')

    # A second run refuses rather than overwrite the drafts an editor may be reviewing.
    project.edit(f"{DRAFTS}/claims/russia-denies-reports-one-fake.yml", "statement: ", "statement: Edited. ")
    drafts = tree(project.path(DRAFTS))
    result = project.run("suggest", SOURCE, "--write")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: data/drafts/{SOURCE}/ already holds drafts; suggest never overwrites them. "
        "Review them, move the finished ones into data/ and delete the folder, then run suggest again.\n"
    )
    assert tree(project.path(DRAFTS)) == drafts
    assert [p.name for p in project.path("data/drafts").iterdir()] == [SOURCE], "no staging folder may be left behind"


def test_drafts_validate_unchanged_and_problems_in_them_are_reported(project: Project) -> None:
    assert project.run("suggest", SOURCE, "--write").exit_code == 0
    result = project.run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"2 claims, 5 actors, 1 figure, 1 source: OK\nDrafts for {SOURCE}: 2 claims, 0 actors, 1 figure: OK\n"

    draft = f"{DRAFTS}/claims/kyrylo-budanov-almost-11000-training.yml"
    project.edit(draft, 'actor: "kyrylo-budanov"', 'actor: "kyrylo-budanof"')
    project.edit(draft, "almost 11,000 troops training.", "almost 12,000 troops training.")
    project.write(f"{DRAFTS}/claims/zelenskyy-10000.yml", project.path("data/claims/zelenskyy-10000.yml").read_text(encoding="utf-8"))
    project.edit("data/claims/zelenskyy-10000.yml", "tags: [troops]", "tags: [troops]\nreview: [Check the figure.]")
    result = project.run("validate")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "data/claims/zelenskyy-10000.yml:20:1: review remarks belong to drafts, not to curated data. Hint: resolve each remark, then delete the review field.",
        f'{draft}:3:8: unknown actor "kyrylo-budanof". Hint: did you mean "kyrylo-budanov"?',
        f'{draft}:6:9: value.text "almost 11,000" does not appear in any of this claim\'s quotes. Hint: copy the value\'s words from a quote, such as "up to 15,000".',
        f"{draft}:15:12: quote not found in data/sources/{SOURCE}.txt. Hint: copy it exactly: only spacing and curly versus straight quotes may differ; "
        'the closest passage is "The War Zone cited Ukraine\'s chief of military intelligence Kyrylyo Budanov as saying that there are almost 11,000 troops training."',
        f'{DRAFTS}/claims/zelenskyy-10000.yml:1:1: id "zelenskyy-10000" is already used by data/claims/zelenskyy-10000.yml. '
        "Hint: rename the draft and its id; a draft must never replace curated data.",
        "Found 5 errors in 3 files.",
    ]


def test_drafts_for_an_unknown_source_are_reported(project: Project) -> None:
    project.write("data/drafts/not-archived/claims/x.yml", "id: x\n")
    result = project.run("validate")
    assert result.exit_code == 1
    assert 'data/drafts/not-archived:1:1: drafts for unknown source "not-archived".' in result.stderr


def test_the_site_ignores_drafts(site_project: Project) -> None:
    assert site_project.run("suggest", SOURCE, "--write").exit_code == 0
    draft_ids = [p.stem for p in site_project.path(DRAFTS).rglob("*.yml")]
    result = site_project.run("generate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 claims, 5 actors, 1 figure, 1 source: pages ")
    # The pages generated from data; the hand-written guides and the command reference explain drafts.
    pages = [p for d in ("actors", "figures", "dates", "sources", "downloads") for p in site_project.path(f"briefings/{d}").rglob("*.*")]
    pages.append(site_project.path("briefings/_generated/home.md"))
    assert len(pages) > 10
    for page in pages:
        if page.suffix in (".md", ".json", ".csv"):
            text = page.read_text(encoding="utf-8")
            assert "drafts" not in text
            for ident in draft_ids:
                assert ident not in text, f"{page} mentions draft {ident}"


NEW_ARTICLE = """\
Drone strikes intensify along the front
Ukraine's defence ministry said on Tuesday that Russia launched more than 1,200 drones at Ukrainian cities in March.
Olena Kovalenko, a spokeswoman for the Ukrainian air force, told Reuters that between 300 and 400 of them were Shahed drones.
The ministry estimates that some three-thousand North Korean soldiers are now in the Kursk region.
Russia has denied using North Korean troops.
According to the Institute for the Study of War, Russian guns fired about 9,000 shells a day last week.
"""

NEW_SOURCE = """\
# yaml-language-server: $schema=../../../../../generator/schemas/source.schema.json
id: 2024-11-21-drones
title: Drone strikes intensify along the front
title_basis: stated
outlet: sample-outlet
url: null
published:
  date: "2024-11-21"
  basis: stated
language: en
sha256: "{sha}"
"""


def test_a_new_article_yields_drafts_that_validate(project: Project) -> None:
    text = NEW_ARTICLE.encode("utf-8")
    project.path("data/sources/2024-11-21-drones.txt").write_bytes(text)
    project.write("data/sources/2024-11-21-drones.yml", NEW_SOURCE.format(sha=hashlib.sha256(text).hexdigest()))
    project.write(
        "data/actors/ukraine-ministry-of-defence.yml",
        "id: ukraine-ministry-of-defence\nname: Ministry of Defence of Ukraine\nkind: government\naliases: [Ukraine's defence ministry, the ministry]\n",
    )
    project.write("data/actors/reuters.yml", "id: reuters\nname: Reuters\nkind: outlet\n")
    assert project.run("validate").exit_code == 0

    result = project.run("suggest", "2024-11-21-drones", "--write")
    assert result.exit_code == 0, result.output
    validated = project.run("validate")
    assert validated.exit_code == 0, validated.output

    folder = project.path("data/drafts/2024-11-21-drones")
    claims = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (folder / "claims").glob("*.yml")}
    actors = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (folder / "actors").glob("*.yml")}
    figures = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (folder / "figures").glob("*.yml")}
    by_value = {c["value"]["text"]: c for c in claims.values() if "value" in c}

    drones = by_value["more than 1,200"]
    assert (drones["actor"], drones["value"]["low"], "high" in drones["value"]) == ("ukraine-ministry-of-defence", 1200, False)
    assert drones["figure"] in figures, "no existing figure counts drones, so one is proposed"
    assert figures[drones["figure"]]["unit"] == "drones"
    assert drones["claimed_on"]["date"] == "2024-11-19"
    assert drones["as_of"]["date"] == "2024-03"

    shahed = by_value["between 300 and 400"]
    assert (shahed["value"]["low"], shahed["value"]["high"]) == (300, 400)
    assert shahed["citations"][0]["via"] == ["reuters"]
    assert actors[shahed["actor"]]["name"] == "Olena Kovalenko"
    assert actors[shahed["actor"]]["kind"] == "person"

    soldiers = by_value["some three-thousand"]
    assert (soldiers["actor"], soldiers["figure"], soldiers["value"]["low"], soldiers["value"]["approximate"]) == (
        "ukraine-ministry-of-defence",
        "nk-troops-planned",
        3000,
        True,
    )

    denial = next(c for c in claims.values() if c["stance"] == "denies")
    assert denial["actor"] == "russia"
    assert "value" not in denial

    shells = by_value["about 9,000"]
    assert actors[shells["actor"]]["name"] == "Institute for the Study of War"
    assert figures[shells["figure"]]["unit"] == "rounds per day"
    assert (shells["value"]["low"], shells["value"]["high"], shells["value"]["approximate"]) == (9000, 9000, True)


MISSION_ARTICLE = """\
Kenya to send more soldiers to Haiti
Kenyan Defence Secretary Amina Wanjiru said on Monday that Nairobi is preparing to send 600 more soldiers to Haiti.
About 400 Kenyan soldiers are already stationed in Port-au-Prince, Wanjiru added.
Countries in the region could send up to 2,500 soldiers if the mission is extended, according to a new report.
The assessment was written by United Nations officials, who told Reuters that the mission still lacks money.
Haiti's prime minister Garry Conille welcomed the first soldiers on Tuesday, calling their arrival a turning point for the country.
Wanjiru has expressed concern that gangs still control most of the capital.
"""

MISSION_FIGURES = {
    "mission-soldiers-planned": (
        "Mission soldiers planned to be sent",
        "Soldiers that contributing countries plan, are preparing or are expected to send to the mission.",
    ),
    "mission-soldiers-present": (
        "Mission soldiers in the country",
        "Mission soldiers present in the country, wherever they are stationed, at the claim's as_of date.",
    ),
    "mission-soldiers-potential": (
        "Mission soldiers that could be sent at most",
        "The largest number of soldiers that contributing countries could send to the mission if it is extended.",
    ),
}


def test_a_second_article_on_another_topic_reads_modality_context_and_participles(project: Project) -> None:
    """Cues that hold for any story: "preparing to send" is a plan, "already stationed" a count of
    what is there, "could send up to … if" a ceiling; a surname alone after the full name; an
    unnamed report credited to the next sentence's source; "…, calling it" and "expressed concern"
    as stances. The figures exist only in this test, so only their definitions can tell them apart."""
    text = MISSION_ARTICLE.encode("utf-8")
    project.path("data/sources/2024-11-25-mission.txt").write_bytes(text)
    project.write(
        "data/sources/2024-11-25-mission.yml",
        NEW_SOURCE.format(sha=hashlib.sha256(text).hexdigest()).replace("2024-11-21-drones", "2024-11-25-mission").replace('"2024-11-21"', '"2024-11-25"'),
    )
    actors = {
        "amina-wanjiru": "name: Amina Wanjiru\nkind: person\n",
        "kenya": "name: Kenya\nkind: government\naliases: [Nairobi]\n",
        "un-officials": "name: United Nations officials (unnamed)\nkind: anonymous-group\naliases: [United Nations officials]\n",
        "reuters": "name: Reuters\nkind: outlet\n",
        "garry-conille": "name: Garry Conille\nkind: person\n",
    }
    for ident, body in actors.items():
        project.write(f"data/actors/{ident}.yml", f"id: {ident}\n{body}")
    for ident, (label, definition) in MISSION_FIGURES.items():
        project.write(f"data/figures/{ident}.yml", f"id: {ident}\nlabel: {label}\nunit: troops\ndefinition: {definition}\n")
    assert project.run("validate").exit_code == 0

    result = project.run("suggest", "2024-11-25-mission", "--write")
    assert result.exit_code == 0, result.output
    validated = project.run("validate")
    assert validated.exit_code == 0, validated.output
    folder = project.path("data/drafts/2024-11-25-mission")
    claims = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((folder / "claims").glob("*.yml"))]
    assert not (folder / "actors").exists(), "every speaker is a known actor"
    by_value = {c["value"]["text"]: c for c in claims if "value" in c}
    assert sorted(by_value) == ["600", "About 400", "up to 2,500"]

    assert (by_value["600"]["actor"], by_value["600"]["figure"]) == ("amina-wanjiru", "mission-soldiers-planned")
    assert (by_value["About 400"]["actor"], by_value["About 400"]["figure"]) == ("amina-wanjiru", "mission-soldiers-present")
    ceiling = by_value["up to 2,500"]
    assert (ceiling["actor"], ceiling["figure"], ceiling["stance"]) == ("un-officials", "mission-soldiers-potential", "warns")
    assert ceiling["citations"][0]["via"] == ["reuters"]
    assert any('"according to a new report" is not named here' in note for note in ceiling["review"])

    stances = {(c["actor"], c["stance"]) for c in claims if "value" not in c}
    assert ("garry-conille", "asserts") in stances
    assert ("amina-wanjiru", "warns") in stances


QUANTITIES = {
    "10,000 troops": ("10,000", 10000, 10000, None),
    "1.28 million active troops": ("1.28 million", 1280000, 1280000, None),
    "1,500 a day": ("1,500", 1500, 1500, None),
    "up to 20%": ("up to 20%", None, 20, "up to"),
    "eight million shells": ("eight million", 8000000, 8000000, None),
    "some three-thousand troops": ("some three-thousand", 3000, 3000, "some"),
    "roughly 27-hundred soldiers": ("roughly 27-hundred", 2700, 2700, "roughly"),
    "10,000-12,000 troops": ("10,000-12,000", 10000, 12000, None),
    "between 10,000 and 12,000 troops": ("between 10,000 and 12,000", 10000, 12000, None),
    "in the low thousands": ("low thousands", 1000, 3000, None),
    "hundreds of thousands of rounds": ("hundreds of thousands", 100000, 1000000, None),
    "millions of rounds": ("millions", 1000000, 10000000, None),
    "dozens of soldiers": ("dozens", 24, None, None),
    "as many as 1,500 troops": ("as many as 1,500", None, 1500, "as many as"),
    "more than 10,000 troops": ("more than 10,000", 10000, None, "more than"),
    "at least 500 troops": ("at least 500", 500, None, "at least"),
    "almost 11,000 troops": ("almost 11,000", None, 11000, "almost"),
    "nearly 11,000 troops": ("nearly 11,000", None, 11000, "nearly"),
    "about 700,000 troops": ("about 700,000", 700000, 700000, "about"),
    # Hedges from the reading lexicon that suggest's own table lacked: one table now serves both.
    "approaching 12,000 troops": ("approaching 12,000", None, 12000, "approaching"),
    "no fewer than 3,000 troops": ("no fewer than 3,000", 3000, None, "no fewer than"),
    "a maximum of 15,000 soldiers": ("a maximum of 15,000", None, 15000, "a maximum of"),
}


def test_every_english_hedge_the_site_reads_is_one_suggest_drafts() -> None:
    from generator.data.readings import LEXICON, WORDS

    for row in LEXICON:
        if row.lang == "en" and row.rule is not WORDS:
            for words in row.words:
                (found,) = find_quantities(f"{words} 5,000 troops")
                assert found.hedge == words and found.text == f"{words} 5,000", words


@pytest.mark.parametrize("words", QUANTITIES)
def test_quantities_keep_their_words_and_bounds(words: str) -> None:
    (found,) = find_quantities(words)
    assert (found.text, found.low, found.high, found.hedge) == QUANTITIES[words]


def test_numbers_in_names_dates_and_calibres_are_not_quantities() -> None:
    assert find_quantities("the G-20 summit on June 19, 2024 and November 1 with 122-mm guns") == []


@pytest.mark.parametrize(
    ("phrase", "date"),
    [
        ("on Thursday", "2024-10-17"),
        ("on Friday", "2024-10-18"),
        ("last week", "2024-10"),
        ("earlier this month", "2024-10"),
        ("in March", "2024-03"),
        ("as of September", "2024-09"),
    ],
)
def test_relative_dates_resolve_against_publication(phrase: str, date: str) -> None:
    (mention,) = find_dates(f"He spoke {phrase}.", Dated("2024-10-18", "stated"))
    assert mention.dated is not None
    assert mention.dated.date == date
    assert phrase in (mention.dated.note or "")


def test_relative_days_stay_unknown_when_only_the_month_is_published() -> None:
    (mention,) = find_dates("He spoke on Friday.", Dated("2024-11", "inferred", "x"))
    assert mention.dated is None
    assert mention.why == '"on Friday" needs the day of publication, and only the month (2024-11) is known'


@pytest.fixture(scope="module")
def scores() -> list:
    return evaluate(REPO)


def test_quality_meets_the_target_on_the_curated_seed_articles(scores: list) -> None:
    total = scores[-1]
    assert total.precision >= 0.7, report(scores, details=True)
    assert total.recall >= 0.85, report(scores, details=True)


def test_quality_does_not_fall_below_what_was_measured(scores: list) -> None:
    """The numbers in the README, as a floor: a change that drafts worse fails here."""
    total = scores[-1]
    assert (total.curated, total.drafted, total.matched) == (63, 71, 57), report(scores, details=True)
    assert total.precision >= 0.80
    assert total.recall >= 0.90


# --- statements already on file ------------------------------------------------------------------------

REPEAT_SOURCE = """\
id: {id}
title: null
outlet: null
url: null
published:
  date: "{date}"
  basis: stated
language: en
sha256: "{sha}"
"""


def add_source(project: Project, ident: str, date: str, text: str) -> None:
    raw = text.encode("utf-8")
    project.path(f"data/sources/{ident}.txt").write_bytes(raw)
    project.write(f"data/sources/{ident}.yml", REPEAT_SOURCE.format(id=ident, date=date, sha=hashlib.sha256(raw).hexdigest()))


def test_a_statement_already_on_file_becomes_a_citation_to_add(project: Project) -> None:
    # Four days after the curated claim (17 October), another outlet reports the same statement.
    quote = "President Volodymyr Zelenskyy said on Monday that Pyongyang is preparing to send 10,000 troops."
    add_source(project, "2024-10-21-repeat", "2024-10-21", f"Zelenskyy repeats his warning\n{quote}\n")
    result = project.run("suggest", "2024-10-21-repeat", "--write")
    assert result.exit_code == 0, result.output
    assert result.stdout == "data/drafts/2024-10-21-repeat/citations/zelenskyy-10000.yml\n"
    assert result.stderr == (
        "Drafted 0 claims, 0 new actors and 0 new figures for review.\n"
        "1 already on file: zelenskyy-10000 (citations/ holds each claim with this article's quote added, to replace the curated file).\n"
    )
    cited = yaml.safe_load(project.path("data/drafts/2024-10-21-repeat/citations/zelenskyy-10000.yml").read_text(encoding="utf-8"))
    assert [c["source"] for c in cited["citations"]] == ["2024-10-18-sample", "2024-10-21-repeat"]
    assert cited["citations"][1] == {"source": "2024-10-21-repeat", "quote": quote, "via": []}
    assert (cited["statement"], cited["tags"], cited["claimed_on"]["date"]) == ("Pyongyang is preparing to send 10,000 troops.", ["troops"], "2024-10-17")
    assert cited["review"][-2] == (
        "zelenskyy-10000 is already on file with the same actor, figure and value, said 4 days apart (2024-10-17 and 2024-10-21, by their first days)."
    )
    validated = project.run("validate")
    assert validated.exit_code == 0, validated.output
    assert validated.stdout.splitlines()[-1] == "Drafts for 2024-10-21-repeat: 0 claims, 0 actors, 0 figures, 1 citation to add: OK"

    # The proposal is checked like the claim it replaces: a quote that is not in the article is an error.
    project.edit("data/drafts/2024-10-21-repeat/citations/zelenskyy-10000.yml", "said on Monday that", "said on Tuesday that")
    project.path("data/drafts/2024-10-21-repeat/citations/no-such-claim.yml").write_text("id: no-such-claim\n", encoding="utf-8")
    result = project.run("validate")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[0] == (
        'data/drafts/2024-10-21-repeat/citations/no-such-claim.yml:1:1: no curated claim "no-such-claim" to add a citation to. '
        "Hint: a file in citations/ is a curated claim of data/claims/ with one more citation, named after it."
    )
    assert (
        errors[1].startswith("data/drafts/2024-10-21-repeat/citations/zelenskyy-10000.yml:")
        and "quote not found in data/sources/2024-10-21-repeat.txt" in errors[1]
    )


def test_the_same_number_two_months_later_is_a_new_claim(project: Project) -> None:
    add_source(
        project,
        "2024-12-20-later",
        "2024-12-20",
        "Zelenskyy again\nPresident Volodymyr Zelenskyy said on Thursday that Pyongyang is preparing to send 10,000 troops.\n",
    )
    result = project.run("suggest", "2024-12-20-later")
    assert result.exit_code == 0, result.output
    (claim,) = [d for d in documents(result.stdout) if d.get("actor") == "volodymyr-zelenskyy"]
    assert (claim["figure"], claim["value"]["low"], claim["claimed_on"]["date"]) == ("nk-troops-planned", 10000, "2024-12-19")
    assert result.stderr == ""


# --- speakers the corpus does not know, figures by what is counted ---------------------------------------

#: A realistic excerpt built from the sentences quoted in issue 16 (a Korea JoongAng Daily report of
#: 27 March 2025 on the South's Joint Chiefs of Staff); the frame of the last sentence is invented.
JCS_ARTICLE = """\
N. Korea sent 3,000 more troops to Russia this year, JCS says
North Korea appears to have additionally dispatched at least 3,000 soldiers to Russia in January and February, South Korea's military said Thursday.
“Of the some 11,000 North Korean soldiers dispatched to Russia, 4,000 casualties have occurred, and it appears that some 3,000 or more have been additionally dispatched this year,” the South's Joint Chiefs of Staff (JCS) said.
The North has also sent around 220 pieces of 170 millimeter self-propelled howitzers and 240 mm rocket launchers, according to the JCS.
"""


def test_speakers_and_casualties_of_the_jcs_example(tmp_path: Path) -> None:
    shutil.copytree(REPO / "data", tmp_path / "data", ignore=shutil.ignore_patterns("drafts"))
    raw = JCS_ARTICLE.encode("utf-8")
    (tmp_path / "data/sources/2025-03-27-jcs.txt").write_bytes(raw)
    (tmp_path / "data/sources/2025-03-27-jcs.yml").write_text(
        REPEAT_SOURCE.format(id="2025-03-27-jcs", date="2025-03-27", sha=hashlib.sha256(raw).hexdigest()), encoding="utf-8"
    )
    corpus = validate(tmp_path)
    drafts = suggest(corpus, "2025-03-27-jcs")
    by_value = {c["value"]["text"]: c for c in drafts.claims}
    actors = {a["id"]: a for a in drafts.actors}
    figures = {f["id"]: f for f in drafts.figures}
    assert sorted(by_value) == ["4,000", "around 220", "at least 3,000", "some 11,000", "some 3,000"], "no calibre (170, 240) is drafted"

    jcs = actors[by_value["4,000"]["actor"]]
    assert (jcs["name"], jcs["kind"], jcs["aliases"]) == ("Joint Chiefs of Staff", "military", ["JCS"])
    assert {by_value[v]["actor"] for v in ("some 11,000", "4,000", "some 3,000", "around 220")} == {jcs["id"]}
    assert '"JCS" follows the name in brackets, so it is proposed as an alias.' in jcs["review"]
    assert any("is not an actor yet; the claim is attributed to the drafted actor joint-chiefs-of-staff" in r for r in by_value["4,000"]["review"])

    military = actors[by_value["at least 3,000"]["actor"]]
    assert (military["name"], military["kind"], military["part_of"]) == ("South Korea's military", "military", "south-korea")
    said = by_value["at least 3,000"]["claimed_on"]
    assert (said["date"], said["basis"]) == ("2025-03-27", "inferred")
    assert said["note"].startswith('"Thursday" read as Thursday 2025-03-27')
    assert any("is the start of a period of more than one month" in r for r in by_value["at least 3,000"]["review"])

    # Casualties are not a troop count: not "troops amassed in Kursk", not Russian casualties either.
    casualties = figures[by_value["4,000"]["figure"]]
    assert (casualties["label"], casualties["unit"]) == ("Troops killed or wounded", "troops")
    assert 'what the number counts was read from "casualties"' in casualties["review"][0]
    assert by_value["some 11,000"]["figure"] == by_value["at least 3,000"]["figure"] == "nk-troops-in-russia"


@pytest.mark.parametrize(
    ("sentence", "verb", "name", "kind", "aliases", "owner"),
    [
        (
            "Derna alone, the UN Office for the Coordination of Humanitarian Affairs (OCHA) said.",
            "said",
            "UN Office for the Coordination of Humanitarian Affairs",
            "agency",
            ["OCHA"],
            None,
        ),
        ("Earlier in the week, the mayor of Derna had said it was possible.", "said", "Mayor of Derna", "person", [], None),
        (
            "On Sunday, Othman Abdel Jalil, the health minister of the eastern government, told a news conference.",
            "told",
            "Othman Abdel Jalil",
            "person",
            [],
            None,
        ),
        ("“We were unable to count them,” the Front’s convenor, Jimmy Sham Tsz-kit, said.", "said", "Jimmy Sham Tsz-kit", "person", [], None),
        (
            "A group of Libyan data analysts and researchers also said there had been more.",
            "said",
            "Group of Libyan data analysts and researchers",
            "anonymous-group",
            [],
            None,
        ),
        ("Kanazawa (Jiji Press)--The toll has risen to 94, the prefectural government said Friday.", "said", "Prefectural government", "government", [], None),
        ("Britain's Ministry of Defense said early Thursday that losses were heavy.", "said", "Ministry of Defense", "government", [], "Britain"),
        ("A US official said on Wednesday that it was so.", "said", "US official", "anonymous-group", [], "US"),
        (
            "The U.S., South Korean and Ukrainian intelligence officials said the troops moved.",
            "said",
            "U.S., South Korean and Ukrainian intelligence officials",
            "anonymous-group",
            [],
            None,
        ),
    ],
)
def test_a_speaker_phrase_is_read_as_an_editor_would_write_the_actor(sentence: str, verb: str, name: str, kind: str, aliases: list, owner: str | None) -> None:
    found = subject_before(sentence, sentence.index(f" {verb}") + 1)
    assert found is not None
    speaker = read_speaker(found[0], found[1], sentence[found[1] + len(found[0]) :])
    assert speaker is not None
    assert (speaker.name, speaker.kind, speaker.aliases, speaker.owner) == (name, kind, aliases, owner)


@pytest.mark.parametrize(
    "phrase",
    ["it", "the report", "a new report", "officials", "with a statement from his office", "there are conflicting", "the sheer volume of the deliveries"],
)
def test_words_that_name_no_one_are_not_drafted_as_actors(phrase: str) -> None:
    assert read_speaker(phrase) is None


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("It sent 220 pieces of 170 millimeter self-propelled howitzers and 240 mm rocket launchers.", ["220"]),
        ("After the 7.6-magnitude quake, 222 people were missing, about 400 miles away, at 2 p.m.", ["222"]),
        ("They oppose raising the retirement age from 62 to 64 for 3.5 million workers.", ["3.5 million"]),
        ("The 212-page document and a 90-minute video, under article 49.3, showed 7,028 names.", ["7,028"]),
        ("The actual turnout is much larger than 1.7 million, and more than a million marched.", ["much larger than 1.7 million", "More than a million"]),
    ],
)
def test_measurements_ages_and_article_numbers_are_not_counts(sentence: str, counted: list) -> None:
    assert [q.text.lower() for q in quantities(sentence)] == [c.lower() for c in counted]


# --- the evaluation set of other stories ------------------------------------------------------------------


@pytest.fixture(scope="module")
def other_scores() -> list:
    return evaluate_other(REPO)


def test_quality_on_articles_about_other_stories(other_scores: list) -> None:
    """Floors a little below what was measured (README, Assisted curation): a change that drafts worse fails."""
    total = other_scores[-1]
    assert len(other_scores) - 1 >= 15
    assert total.labels == 95, report_other(other_scores, details=True)
    assert total.recall >= 0.97, report_other(other_scores, details=True)
    assert total.precision >= 0.90, report_other(other_scores, details=True)
    assert total.attribution >= 0.90, report_other(other_scores, details=True)
    assert total.figure >= 0.85, report_other(other_scores, details=True)
    assert total.bounds >= 0.97, report_other(other_scores, details=True)


def test_every_draft_for_the_other_stories_validates(tmp_path: Path) -> None:
    labels = other_project(REPO, REPO / OTHER_SET, tmp_path)
    corpus = validate(tmp_path)
    for source in labels:
        write_drafts(tmp_path, suggest(corpus, source, existing_draft_ids(tmp_path)))
    summaries, problems = validate_drafts(tmp_path)
    assert [p.format() for p in problems] == []
    assert len(summaries) == len(labels)


def test_a_quotation_names_its_speaker_where_it_closes(project: Project) -> None:
    # Archived text often opens a quotation with a straight mark and closes it with a curly one; the
    # sentence splitter then cuts the quotation into sentences, and only the last names the speaker.
    text = (
        "Flood toll rises\n"
        '"We have recovered 4,200 bodies so far. When the water recedes, we will find more. It is a catastrophe,” '
        "Red Crescent spokeswoman Amina Yusuf said on Tuesday.\n"
    )
    add_source(project, "2024-11-21-flood", "2024-11-21", text)
    result = project.run("suggest", "2024-11-21-flood")
    assert result.exit_code == 0, result.output
    docs = documents(result.stdout)
    (bodies,) = [d for d in docs if d.get("value", {}).get("text") == "4,200"]
    (yusuf,) = [d for d in docs if d["id"] == bodies["actor"]]
    assert (yusuf["name"], yusuf["kind"], yusuf["role"]) == ("Amina Yusuf", "person", "Red Crescent spokeswoman")
    assert "The quotation closes in a later sentence, which names its speaker; check the attribution." in bodies["review"]
    assert (bodies["claimed_on"]["date"], bodies["claimed_on"]["basis"]) == ("2024-11-19", "inferred")
    assert "claimed_on is the date given where the quotation closes." in bodies["review"]
    (figure,) = [d for d in docs if d["id"] == bodies["figure"]]
    assert (figure["label"], figure["unit"]) == ("People killed", "people")


def test_drafted_ids_avoid_the_names_of_the_sites_own_pages(project: Project) -> None:
    """A speaker or figure whose slug is "all" or "index" would collide with feeds/all.xml or an index page: the validator refuses it."""
    from generator.editor.records import propose_id
    from generator.suggest.reader import Suggester

    drafting = Suggester(validate(project.root), "2024-10-18-sample")
    assert [drafting._free_id(base) for base in ("index", "all", "all", "search", "russia")] == ["index-2", "all-2", "all-3", "search-2", "russia-2"]
    assert propose_id("All", ["all-2"]) == "all-3"  # the same rule as ingest and new
