"""The editor's commands: ingest, new claim|actor|figure and diff, through the real CLI."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from conftest import Project

ARTICLE = (
    "Seoul, Thursday\r\nThe spy agency said as many as 3,000 soldiers had left, Kim Yong-hyun told lawmakers.\r\nCaf\u0065\u0301 owners were not asked.\r\n"
)
#: ARTICLE as archived: LF line endings, composed é, nothing else changed.
ARCHIVED = "Seoul, Thursday\nThe spy agency said as many as 3,000 soldiers had left, Kim Yong-hyun told lawmakers.\nCaf\u00e9 owners were not asked.\n"
NEW_ID = "2024-10-24-seoul-thursday"
SAMPLE = "2024-10-18-sample"


def ingest(project: Project, *args: str) -> None:
    project.write("article.txt", ARTICLE)
    result = project.run("ingest", str(project.path("article.txt")), "--published", "2024-10-24", *args)
    assert result.exit_code == 0, result.output


# --- ingest -------------------------------------------------------------------------------------


def test_ingest_archives_normalised_text_and_leaves_unknowns_null(project: Project) -> None:
    project.path("article.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    result = project.run("ingest", str(project.path("article.txt")), "--published", "2024-10-24", "--outlet", "sample-outlet")
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Archived data/sources/{NEW_ID}.txt (130 characters).\n"
        f"Wrote data/sources/{NEW_ID}.yml.\n"
        "Left unknown (null): title, url.\n"
        f'Next: briefing suggest {NEW_ID} --write (drafts to review), or briefing new claim --source {NEW_ID} --quote "…"\n'
    )
    assert project.path(f"data/sources/{NEW_ID}.txt").read_bytes() == ARCHIVED.encode()
    digest = hashlib.sha256(ARCHIVED.encode()).hexdigest()
    assert project.path(f"data/sources/{NEW_ID}.yml").read_text() == (
        "# yaml-language-server: $schema=../../generator/schemas/source.schema.json\n"
        f'id: "{NEW_ID}"\n'
        "title: null\n"
        'outlet: "sample-outlet"\n'
        "url: null\n"
        "published:\n"
        '  date: "2024-10-24"\n'
        '  basis: "stated"\n'
        'language: "en"\n'
        'language_basis: "inferred"\n'
        'language_note: "Detected from the text by py3langid (probability 0.98); neither the page nor the editor states a language."\n'
        f'sha256: "{digest}"\n'
        "relays: []\n"
    )
    assert project.run("validate").exit_code == 0


def test_ingest_reads_standard_input_and_marks_a_title_not_in_the_text_inferred(project: Project) -> None:
    result = project.run("ingest", "-", "--title", "Spy agency: 3,000 left", "--url", "https://example.org/a?b=c", input=ARTICLE)
    assert result.exit_code == 0, result.output
    text = project.path("data/sources/undated-spy-agency-3000-left.yml").read_text()
    assert 'title_basis: "inferred"' in text
    assert 'url: "https://example.org/a?b=c"' in text
    assert "published: null" in text
    assert 'notes: "The title was given when the text was archived; it does not appear in the archived text."' in text
    result = project.run("ingest", "-", "--title", "Seoul, Thursday", input=ARTICLE.replace("3,000", "4,000"))
    assert 'title_basis: "stated"' in project.path("data/sources/undated-seoul-thursday.yml").read_text()
    assert project.run("validate").exit_code == 0


def test_ingest_refuses_a_text_already_archived(project: Project) -> None:
    before = project.files()
    sample = project.path(f"data/sources/{SAMPLE}.txt").read_text().replace("\n", "\r\n")
    project.path("again.txt").write_text(sample, newline="")
    result = project.run("ingest", str(project.path("again.txt")), "--published", "2024-10-19")
    assert result.exit_code == 1
    assert result.output == (
        f'{project.path("again.txt")}:1:1: this text is already archived as source "{SAMPLE}" (data/sources/{SAMPLE}.txt). '
        f"Hint: cite it in claims with --source {SAMPLE}.\n"
        "Found 1 error in 1 file. Nothing was written.\n"
    )
    assert project.files() == before


def test_ingest_dry_run_writes_nothing(project: Project) -> None:
    before = project.files()
    result = project.run("ingest", "-", "--published", "2024-10-24", "--dry-run", input=ARTICLE)
    assert result.exit_code == 0
    assert result.output.startswith(
        f"Would archive data/sources/{NEW_ID}.txt (130 characters).\nWould write data/sources/{NEW_ID}.yml:\n\n# yaml-language-server:"
    )
    assert result.output.endswith("Dry run: nothing was written.\n")
    assert project.files() == before


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (
            [],
            b"ok\n\xff bad\n",
            1,
            "<stdin>:2:1: text is not valid UTF-8: byte 0xff cannot be decoded. Hint: save the article as UTF-8 text (for example: iconv -f cp1252 -t utf-8).",
        ),
        ([], b" \r\n\n", 1, "<stdin>:1:1: text is empty. Hint: save the article's text into the file first."),
        ([], b"a\nb\x00c", 1, "<stdin>:2:2: text contains a NUL byte. Hint: archive the article as plain text, not a binary file."),
        (
            ["--url", "javascript:alert(1)"],
            b"text",
            2,
            "Error: Invalid value for --url: only http(s) addresses are archived; leave --url out when the address is unknown.",
        ),
        (
            ["--published", "2024-02-30"],
            b"text",
            1,
            'Error: --published: "2024-02-30" is not a date. Write YYYY-MM-DD, or YYYY-MM when only the month is known.',
        ),
        (["--published", "2024-10", "--published-basis", "inferred"], b"text", 1, "Error: --published-note is required when --published-basis is inferred"),
        (["--published-note", "guess"], b"text", 2, "Error: --published-basis and --published-note describe --published; give the date too."),
        (
            ["--outlet", "sample-outlett"],
            b"text",
            1,
            'Error: --outlet: no actor "sample-outlett" in data/actors/. Did you mean "sample-outlet"? Create one with briefing new actor.',
        ),
        (["--id", SAMPLE], b"text", 1, f'Error: --id: source "{SAMPLE}" already exists in data/sources/; choose another id.'),
        (
            ["--id", "Bad/Id"],
            b"text",
            1,
            'Error: --id: "Bad/Id" is not a valid id: use lowercase letters, digits and single hyphens, such as 2024-10-24-seoul-briefing.',
        ),
        (["--id", "index"], b"text", 1, 'Error: --id: "index" is reserved for the site\'s own pages; choose another id.'),
    ],
)
def test_ingest_bad_input_is_refused_and_writes_nothing(project: Project, args: list[str], stdin: bytes, code: int, message: str) -> None:
    before = project.files()
    result = project.run("ingest", "-", *args, input=stdin)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert project.files() == before


# --- new claim ----------------------------------------------------------------------------------

CLAIM_ARGS = [
    "--source",
    NEW_ID,
    "--quote",
    "The spy agency said as many as 3,000 soldiers had left",
    "--figure",
    "nk-troops-planned",
    "--value",
    "as many as 3,000",
    "--hedge",
    "as many as",
    "--high",
    "3000",
    "--claimed-on",
    "2024-10-24",
    "--statement",
    "The spy agency said as many as 3,000 soldiers had left.",
]


def test_new_claim_writes_a_claim_that_validates(project: Project) -> None:
    ingest(project)
    project.write("data/actors/nis.yml", 'id: nis\nname: National Intelligence Service\nkind: agency\naliases: ["spy agency"]\n')
    result = project.run("new", "claim", *CLAIM_ARGS, "--actor", "nis", "--via", "sample-outlet")
    assert result.exit_code == 0, result.output
    assert result.output == "Wrote data/claims/nis-nk-troops-planned-as-many-as-3000.yml. Check the whole corpus with: briefing validate\n"
    assert project.path("data/claims/nis-nk-troops-planned-as-many-as-3000.yml").read_text() == (
        "# yaml-language-server: $schema=../../generator/schemas/claim.schema.json\n"
        'id: "nis-nk-troops-planned-as-many-as-3000"\n'
        'actor: "nis"\n'
        'figure: "nk-troops-planned"\n'
        "value:\n"
        '  text: "as many as 3,000"\n'
        '  hedge: "as many as"\n'
        "  high: 3000\n"
        'stance: "asserts"\n'
        "claimed_on:\n"
        '  date: "2024-10-24"\n'
        '  basis: "stated"\n'
        'statement: "The spy agency said as many as 3,000 soldiers had left."\n'
        "citations:\n"
        f'  - source: "{NEW_ID}"\n'
        '    quote: "The spy agency said as many as 3,000 soldiers had left"\n'
        '    via: ["sample-outlet"]\n'
    )
    assert project.run("validate").output == "3 claims, 6 actors, 1 figure, 2 sources: OK\n"


def test_new_claim_verifies_the_quote_first(project: Project) -> None:
    ingest(project)
    before = project.files()
    args = ["--source", NEW_ID, "--quote", "The spy agency said as many as 30,000 soldiers had left", "--actor", "russia", "--statement", "x"]
    result = project.run("new", "claim", *args)
    assert result.exit_code == 1
    assert result.output == (
        f"Error: --quote: not found in data/sources/{NEW_ID}.txt. "
        'The closest passage is "The spy agency said as many as 3,000 soldiers had left,". '
        "Copy it exactly: only spacing and curly versus straight quotes may differ.\n"
    )
    assert project.files() == before


def test_new_claim_suggests_the_actor_named_in_the_quote(project: Project) -> None:
    quote = "The War Zone cited Ukraine’s chief of military intelligence Kyrylyo Budanov as saying that there are almost 11,000 troops training."
    result = project.run("new", "claim", "--source", SAMPLE, "--quote", quote, "--statement", "x", "--no-input")
    assert result.exit_code == 2
    assert 'The quote mentions: "The War Zone" (the-war-zone); "Kyrylyo Budanov" (kyrylo-budanov)' in result.output
    assert "Error: --actor is required. The quote mentions the-war-zone." in result.output
    # Interactively the first suggestion is the default: pressing Enter accepts it.
    result = project.run("new", "claim", "--source", SAMPLE, "--quote", quote, "--statement", "x", "--dry-run", input="\n")
    assert result.exit_code == 0, result.output
    assert 'actor: "the-war-zone"' in result.output


def test_new_claim_dry_run_writes_nothing(project: Project) -> None:
    ingest(project)
    before = project.files()
    result = project.run("new", "claim", *CLAIM_ARGS, "--actor", "russia", "--dry-run")
    assert result.exit_code == 0
    assert result.output.startswith("Would write data/claims/russia-nk-troops-planned-as-many-as-3000.yml:\n\n")
    assert result.output.endswith("Dry run: nothing was written.\n")
    assert project.files() == before


def test_new_claim_asks_for_everything_without_flags(project: Project) -> None:
    ingest(project)
    answers = [
        NEW_ID,
        "Kim Yong-hyun told lawmakers",
        "russia",
        "denies",
        "",  # no figure
        "2024-10",
        "inferred",
        "the article is from October",
        "Kim Yong-hyun spoke to lawmakers.",
    ]
    result = project.run("new", "claim", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    text = project.path("data/claims/russia-denies-2.yml").read_text()
    assert 'stance: "denies"' in text
    assert 'claimed_on:\n  date: "2024-10"\n  basis: "inferred"\n  note: "the article is from October"\n' in text
    assert project.run("validate").exit_code == 0


def test_new_claim_proposes_the_next_free_id(project: Project) -> None:
    ingest(project)
    for expected in ("russia-nk-troops-planned-as-many-as-3000", "russia-nk-troops-planned-as-many-as-3000-2"):
        result = project.run("new", "claim", *CLAIM_ARGS, "--actor", "russia")
        assert result.output.startswith(f"Wrote data/claims/{expected}.yml."), result.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["--figure", "nk-troops"],
            'Error: --figure: no figure "nk-troops" in data/figures/. Did you mean "nk-troops-planned"? Create one with briefing new figure.',
        ),
        (["--value", "3,000", "--hedge", "up to"], 'Error: --hedge: "up to" is not part of --value "3,000".'),
        (["--claimed-on", "2024-11-01"], f'Error: --claimed-on: 2024-11-01 is after source "{NEW_ID}" was published (2024-10-24).'),
        (["--via", "war-zone"], 'Error: --via: no actor "war-zone" in data/actors/. Did you mean "the-war-zone"?'),
        (["--source", "2024-10-18"], 'Error: --source: no source "2024-10-18" in data/sources/. Did you mean "2024-10-18-sample"?'),
        (["--id", "zelenskyy-10000"], "Error: --id: data/claims/zelenskyy-10000.yml already exists; choose another id"),
    ],
)
def test_new_claim_bad_input(project: Project, extra: list[str], message: str) -> None:
    ingest(project)
    before = project.files()
    args = ["--source", NEW_ID, "--quote", "as many as 3,000 soldiers", "--actor", "russia", "--statement", "x", "--figure", "nk-troops-planned"]
    if "--value" not in extra:
        args += ["--value", "as many as 3,000", "--high", "3000"]
    result = project.run("new", "claim", *args, *extra)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert project.files() == before


def test_new_claim_and_validate_say_the_same_about_a_value(project: Project) -> None:
    """`new` refuses a value with the validator's own rule: the line it prints is the one `validate` prints for the written file."""
    ingest(project)
    claim = "data/claims/russia-nk-troops-planned-as-many-as-3000.yml"
    args = ["--source", NEW_ID, "--quote", "as many as 3,000 soldiers", "--actor", "russia", "--statement", "x", "--figure", "nk-troops-planned"]
    before = project.files()
    refused = project.run("new", "claim", *args, "--value", "as many as 3,000", "--high", "3000", "--low", "4000")
    assert refused.exit_code == 1
    assert refused.output == (
        f"{claim}:7:8: value.low (4000) is greater than value.high (3000). Hint: low is the smallest value the words allow and high the largest; swap them.\n"
        "Found 1 error in 1 file. Nothing was written.\n"
    )
    assert project.files() == before
    assert project.run("new", "claim", *args, "--value", "as many as 3,000", "--high", "3000").exit_code == 0
    project.edit(claim, "  high: 3000", "  low: 4000\n  high: 3000")
    assert project.run("validate").output.splitlines()[0] == refused.output.splitlines()[0]

    project.path(claim).unlink()
    refused = project.run("new", "claim", *args, "--value", "3,500")
    assert refused.exit_code == 1
    assert refused.output.splitlines()[0] == (
        'data/claims/russia-nk-troops-planned-3500.yml:6:9: value.text "3,500" does not appear in any of this claim\'s quotes. '
        'Hint: copy the value\'s words from a quote, such as "up to 15,000".'
    )
    assert project.run("new", "claim", *args, "--value", "3,000").exit_code == 0
    project.path("data/claims/russia-nk-troops-planned-3000.yml").rename(project.path("data/claims/russia-nk-troops-planned-3500.yml"))
    project.edit("data/claims/russia-nk-troops-planned-3500.yml", "3000", "3500")
    project.edit("data/claims/russia-nk-troops-planned-3500.yml", '"3,000"', '"3,500"')
    assert project.run("validate").output.splitlines()[0] == refused.output.splitlines()[0]


def test_new_claim_needs_bounds_for_a_hedged_value(project: Project) -> None:
    ingest(project)
    args = ["--source", NEW_ID, "--quote", "as many as 3,000 soldiers", "--actor", "russia", "--statement", "x", "--figure", "nk-troops-planned"]
    result = project.run("new", "claim", *args, "--value", "as many as 3,000")
    assert result.exit_code == 1
    assert 'Error: --value "as many as 3,000" is not a plain number: give --low and/or --high' in result.output


# --- new actor, new figure ----------------------------------------------------------------------


def test_new_actor(project: Project) -> None:
    result = project.run(
        "new", "actor", "--name", "Kim Yong-hyun", "--kind", "person", "--alias", "Kim Yong Hyun", "--country", "KR", "--role", "Minister of National Defense"
    )
    assert result.exit_code == 0, result.output
    assert project.path("data/actors/kim-yong-hyun.yml").read_text() == (
        "# yaml-language-server: $schema=../../generator/schemas/actor.schema.json\n"
        'id: "kim-yong-hyun"\n'
        'name: "Kim Yong-hyun"\n'
        'kind: "person"\n'
        'aliases: ["Kim Yong Hyun"]\n'
        'country: "KR"\n'
        'role: "Minister of National Defense"\n'
    )
    assert project.run("validate").exit_code == 0


NAME_HINT = (
    "Hint: one name must point to one actor, or readers and search cannot tell them apart; "
    "if they are the same, keep one actor, and if not, spell the name as the sources do with what tells them apart."
)


def test_new_actor_refuses_a_look_alike_name(project: Project) -> None:
    """A Cyrillic "а" in "Budanov" is the same name to a reader; `new` and `validate` say so in the same words."""
    before = project.files()
    result = project.run("new", "actor", "--name", "Kyrylo Bud\u0430nov", "--kind", "person", "--no-input")
    assert result.exit_code == 1
    assert result.output == (
        'data/actors/kyrylo-budanov-2.yml:3:7: name "Kyrylo Bud\u0430nov" is already a name or alias of actor "kyrylo-budanov" '
        f'(it looks the same as "Kyrylo Budanov"). {NAME_HINT}\n'
        "Found 1 error in 1 file. Nothing was written.\n"
    )
    assert project.files() == before
    project.write(
        "data/actors/kyrylo-budanov-2.yml",
        '# yaml-language-server: $schema=../../generator/schemas/actor.schema.json\nid: "kyrylo-budanov-2"\nname: "Kyrylo Bud\u0430nov"\nkind: "person"\n',
    )
    assert project.run("validate").output.splitlines()[0] == result.output.splitlines()[0]


def test_new_actor_refuses_a_name_another_actor_has(project: Project) -> None:
    before = project.files()
    result = project.run("new", "actor", "--name", "Kirill Budanov", "--kind", "person", "--alias", "kyrylyo budanov")
    assert result.exit_code == 1
    assert result.output == (
        'data/actors/kirill-budanov.yml:5:11: alias "kyrylyo budanov" is already a name or alias of actor "kyrylo-budanov" '
        f'(it looks the same as "Kyrylyo Budanov"). {NAME_HINT}\n'
        "Found 1 error in 1 file. Nothing was written.\n"
    )
    assert project.files() == before


def test_new_actor_interactive_and_dry_run(project: Project) -> None:
    before = project.files()
    result = project.run("new", "actor", "--dry-run", input="Ministry of National Defense\nagency\nMND; South Korea's defence ministry\n\nKR\n")
    assert result.exit_code == 0, result.output
    assert 'aliases: ["MND", "South Korea\'s defence ministry"]' in result.output
    assert "Would write data/actors/ministry-of-national-defense.yml:" in result.output
    assert project.files() == before
    result = project.run("new", "actor", "--name", "X", "--no-input")
    assert result.exit_code == 2
    assert "Error: --kind is required." in result.output


def test_new_figure(project: Project) -> None:
    args = [
        "--label",
        "North Korean troops in Kursk",
        "--unit",
        "troops",
        "--definition",
        "Troops in Kursk region at the as_of date.",
        "--related",
        "nk-troops-planned",
    ]
    result = project.run("new", "figure", *args, "--dry-run")
    assert result.exit_code == 0
    assert not project.path("data/figures/north-korean-troops-in-kursk.yml").exists()
    result = project.run("new", "figure", *args)
    assert result.output == "Wrote data/figures/north-korean-troops-in-kursk.yml. Check the whole corpus with: briefing validate\n"
    assert 'related: ["nk-troops-planned"]' in project.path("data/figures/north-korean-troops-in-kursk.yml").read_text()
    result = project.run("new", "figure", *args, "--id", "x", "--related", "nk-troops-plan")
    assert result.exit_code == 1
    assert 'Error: --related: no figure "nk-troops-plan" in data/figures/. Did you mean "nk-troops-planned"?' in result.output
    assert project.run("validate").exit_code == 0


KURSK = ["--label", "North Korean troops in Kursk", "--unit", "troops", "--definition", "Troops in Kursk region at the as_of date."]


def test_new_figure_rank_and_group(project: Project) -> None:
    result = project.run("new", "figure", *KURSK, "--headline", "--rank", "2", "--group", "deployment")
    assert result.exit_code == 0, result.output
    assert project.path("data/figures/north-korean-troops-in-kursk.yml").read_text() == (
        "# yaml-language-server: $schema=../../generator/schemas/figure.schema.json\n"
        'id: "north-korean-troops-in-kursk"\n'
        'label: "North Korean troops in Kursk"\n'
        'unit: "troops"\n'
        'definition: "Troops in Kursk region at the as_of date."\n'
        "headline: true\n"
        "rank: 2\n"
        'group: "deployment"\n'
    )
    assert project.run("validate").exit_code == 0


def test_new_figure_refuses_a_bad_rank_or_group_in_the_validators_words(project: Project) -> None:
    before = project.files()
    result = project.run("new", "figure", *KURSK, "--headline", "--rank", "0", "--group", "")
    assert result.exit_code == 1
    new_lines = result.output.splitlines()
    assert new_lines == [
        "data/figures/north-korean-troops-in-kursk.yml:7:7: rank: the number 0 is below the smallest value allowed, 1. "
        "Hint: Order among the headline figures on the home page: 1 comes first; figures without a rank follow, by label.",
        "data/figures/north-korean-troops-in-kursk.yml:8:8: group: must not be empty. "
        "Hint: What the figure counts, for grouping on the Figures index, such as deployment, munitions, casualties or context.",
        "Found 2 errors in 1 file. Nothing was written.",
    ]
    assert project.files() == before
    result = project.run("new", "figure", *KURSK, "--headline", "--rank", "first")
    assert result.exit_code == 1
    assert 'rank: expected a whole number but received the text "first". Hint: Order among' in result.output
    # The same record, written by hand: `briefing validate` says the same words.
    project.edit("data/figures/nk-troops-planned.yml", "headline: true", 'headline: true\nrank: 0\ngroup: ""')
    validated = project.run("validate").output.splitlines()
    assert [line.split(": ", 1)[1] for line in validated[:2]] == [line.split(": ", 1)[1] for line in new_lines[:2]]


def test_new_figure_rank_needs_headline(project: Project) -> None:
    result = project.run("new", "figure", *KURSK, "--rank", "1")
    assert result.exit_code == 1
    assert result.output == "Error: --rank orders the figures on the home page, so it needs --headline: add --headline, or leave --rank out.\n"


def test_new_figure_asks_for_headline_rank_and_group(project: Project) -> None:
    project.edit("data/figures/nk-troops-planned.yml", "headline: true", "headline: true\ngroup: deployment")
    answers = "North Korean troops in Kursk\ntroops\nTroops in Kursk region at the as_of date.\ny\n1\ncasualties\n"
    result = project.run("new", "figure", "--dry-run", input=answers)
    assert result.exit_code == 0, result.output
    assert "Show it on the home page? [y/N]: " in result.output
    assert "Rank on the home page, 1 first (empty to follow the ranked figures): " in result.output
    assert "Group (in use: deployment; empty for none): " in result.output
    assert 'headline: true\nrank: 1\ngroup: "casualties"\n' in result.output
    # Not on the home page: no rank is asked for, and an empty group is left out.
    result = project.run("new", "figure", "--dry-run", input="Tanks\ntanks\nTanks sent.\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Rank on the home page" not in result.output
    assert "headline" not in result.output.split("Would write")[1] and "group" not in result.output.split("Would write")[1]


# --- diff ---------------------------------------------------------------------------------------


def git(project: Project, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "e@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "e@example.org",
    }
    return subprocess.run(["git", "-C", str(project.root), *args], check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture
def repo(site_project: Project) -> Project:
    git(site_project, "init", "-q", "-b", "main")
    git(site_project, "add", "-A")
    git(site_project, "commit", "-qm", "base")
    return site_project


def test_diff_reports_records_fields_spreads_and_pages(repo: Project) -> None:
    ingest(repo)
    result = repo.run("new", "claim", *CLAIM_ARGS, "--actor", "russia")
    assert result.exit_code == 0, result.output
    repo.edit("data/claims/zelenskyy-10000.yml", "Pyongyang is preparing", "Pyongyang <script>|is| preparing")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "head")
    result = repo.run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("## Briefing: what changes from `HEAD~1` to `HEAD`\n\n")
    assert (
        "**Records** · claims: 1 added, 1 changed, 0 removed · actors: 0 added, 0 changed, 0 removed · figures: 0 added, 0 changed, 0 removed · sources: 1 added, 0 changed, 0 removed"
        in out
    )
    assert "### Claims added\n\n- `russia-nk-troops-planned-as-many-as-3000`: `russia` asserts “as many as 3,000” on `nk-troops-planned`." in out
    assert (
        "### Claims changed\n\n- `zelenskyy-10000`\n    - `statement`: “Pyongyang is preparing to send 10,000 troops.” → “Pyongyang &#60;script&#62;&#124;is&#124; preparing to send 10,000 troops.”"
        in out
    )
    assert f"### Sources added\n\n- `{NEW_ID}`: untitled" in out
    assert "| North Korean troops planned for Russia (`nk-troops-planned`) | 10,000 (1 estimate) | 3,000 to 10,000 (2 estimates) |" in out
    assert (
        "### Agreement between sources\n\n- Russia and Volodymyr Zelenskyy, North Korean troops planned for Russia (`russia-nk-troops-planned-as-many-as-3000`, `zelenskyy-10000`): now differ, 3× apart, "
        in out
    ), out
    assert "- added: `briefings/sources/2024-10-24-seoul-thursday.md`" in out
    assert "- changed: `briefings/figures/nk-troops-planned.md`" in out
    assert "<script>" not in out


def test_diff_defaults_to_the_working_tree_and_writes_to_a_file(repo: Project, tmp_path: Path) -> None:
    repo.edit("data/claims/zelenskyy-10000.yml", "high: 10000", "high: 12000")
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n")
    result = repo.run("diff", "main", "--output", str(summary))
    assert result.exit_code == 0, result.output
    text = summary.read_text()
    assert text.startswith("# Earlier step\n## Briefing: what changes from `main` to `working tree`")
    assert "    - `value.high`: 10000 → 12000" in text
    assert "| North Korean troops planned for Russia (`nk-troops-planned`) | 10,000 (1 estimate) | 10,000 to 12,000 (1 estimate) |" in text


def test_diff_fails_like_build_when_mkdocs_yml_gives_feeds_no_id(repo: Project) -> None:
    config = repo.path("mkdocs.yml").read_text(encoding="utf-8")
    changed = config.replace('  feed_id:\n    authority: briefing.example\n    date: "2024-11-01"\n', "").replace("site_url: https://briefing.example/\n", "")
    repo.write("mkdocs.yml", changed)
    result = repo.run("diff", "main")
    assert result.exit_code == 1
    line = changed.splitlines().index("extra:") + 1
    assert result.output.startswith(
        "## Briefing: what changes from `main` to `working tree`\n\n**working tree does not validate**: 1 problem. Fix them before merging:\n\n"
        f"```text\nmkdocs.yml:{line}:1: feeds need a permanent id for each entry, and mkdocs.yml sets neither extra.feed_id nor site_url. Hint: "
    )
    assert "**Records** · claims: 0 added, 0 changed, 0 removed" in result.output  # the data is still compared
    assert "Site pages that will change" not in result.output


def test_diff_shows_problems_and_fails_when_head_does_not_validate(repo: Project) -> None:
    repo.edit("data/claims/zelenskyy-10000.yml", "actor: volodymyr-zelenskyy", "actor: zelensky")
    result = repo.run("diff", "main")
    assert result.exit_code == 1
    assert "**working tree does not validate**: 1 problem. Fix them before merging:" in result.output
    assert 'data/claims/zelenskyy-10000.yml:3:8: unknown actor "zelensky".' in result.output
    assert "    - `actor`: “volodymyr-zelenskyy” → “zelensky”" in result.output


def test_diff_unknown_revision(repo: Project) -> None:
    result = repo.run("diff", "no-such-branch")
    assert result.exit_code == 1
    assert result.output.startswith("Error: git ls-tree failed: fatal: Not a valid object name no-such-branch")


def test_diff_against_a_revision_without_data_lists_everything_as_added(repo: Project) -> None:
    git(repo, "checkout", "-q", "--orphan", "empty")
    git(repo, "rm", "-rqf", "--cached", ".")
    git(repo, "commit", "-q", "--allow-empty", "-m", "empty")
    git(repo, "checkout", "-q", "-f", "main")
    result = repo.run("diff", "empty", "main")
    assert result.exit_code == 0, result.output
    assert "claims: 2 added, 0 changed, 0 removed" in result.output


# --- ingest, then suggest -----------------------------------------------------------------------

NEW_ARTICLE = """\
Reservists called up as border tensions rise
Kyiv, Friday
Ukraine's military intelligence chief Kyrylo Budanov said on Thursday that about 3,000 North Korean troops had arrived in the Kursk region.
Russia denied the reports on Wednesday, calling them "fabrications".
"""


def test_an_ingested_article_yields_drafts_that_validate(project: Project) -> None:
    result = project.run("ingest", "-", "--published", "2024-10-25", "--title", "Reservists called up as border tensions rise", input=NEW_ARTICLE)
    assert result.exit_code == 0, result.output
    source = "2024-10-25-reservists-called-up-as-border-tensions-rise"
    before = project.files()
    result = project.run("suggest", source, "--write")
    assert result.exit_code == 0, result.output
    written = sorted(set(project.files()) - set(before))
    assert written and all(path.startswith(f"data/drafts/{source}/") for path in written)
    assert {path: data for path, data in project.files().items() if path in before} == before
    drafts = "\n".join(project.path(path).read_text() for path in written)
    assert 'actor: "kyrylo-budanov"' in drafts or "actor: kyrylo-budanov" in drafts
    assert "about 3,000" in drafts
    result = project.run("validate")
    assert result.exit_code == 0, result.output
    assert f"Drafts for {source}:" in result.output
