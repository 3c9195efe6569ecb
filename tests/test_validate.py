"""`briefing validate`: every rule, with a bad fixture, its exact message and its position."""

from __future__ import annotations

import hashlib

import pytest
from conftest import Project

CLAIM = "data/claims/zelenskyy-10000.yml"
DENIAL = "data/claims/russia-denies.yml"
SOURCE = "data/sources/2024-10-18-sample.yml"
ACTOR = "data/actors/kyrylo-budanov.yml"
FIGURE = "data/figures/nk-troops-planned.yml"


def test_clean_fixture_prints_summary(project: Project) -> None:
    result = project.run("validate")
    assert result.exit_code == 0
    assert result.stdout == "2 claims, 5 actors, 1 figure, 1 source: OK\n"


def test_real_corpus_is_valid() -> None:
    from click.testing import CliRunner
    from conftest import REPO

    from generator.cli import main

    result = CliRunner().invoke(main, ["validate", "--root", str(REPO)])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": OK\n")


def errors(project: Project) -> list[str]:
    result = project.run("validate")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("Found ")
    return lines[:-1]


# Each case: a change to the valid fixture, and the exact lines validate must print.
CASES = {
    "yaml_syntax": (
        lambda p: p.edit(CLAIM, "statement: Pyongyang", "statement: Pyongyang: is"),
        [f"{CLAIM}:14:21: YAML syntax error: mapping values are not allowed in this context. Hint: a value containing ': ' must be written in double quotes."],
    ),
    "unknown_field_typo": (
        lambda p: p.edit(CLAIM, "actor: volodymyr", "actr: volodymyr"),
        [
            f'{CLAIM}:2:1: missing required field "actor" in a claim. Hint: Actor id of who made the claim: the origin, not the outlet that relays it.',
            f'{CLAIM}:3:1: unknown field "actr" in a claim. Hint: did you mean "actor"? Allowed fields: actor, as_of, attribution, citations, claimed_on, figure, figure_fits, id, notes, review, revisions, stance, statement, tags, value.',
        ],
    ),
    "wrong_type": (
        lambda p: p.edit(CLAIM, "  low: 10000", '  low: "10,000"'),
        [
            f'{CLAIM}:7:8: value.low: expected a number but received the text "10,000". Hint: Lowest value the words allow, inclusive; from 0 to 1,000,000,000,000, as figures count things (troops, rounds, percent). Leave out for no lower bound ("up to").'
        ],
    ),
    "bad_enum_with_suggestion": (
        lambda p: p.edit(CLAIM, "stance: asserts", "stance: assert"),
        [
            f'{CLAIM}:9:9: stance: the text "assert" is not one of: asserts, expects, warns, denies, cannot-confirm. Hint: did you mean "asserts"? asserts: states it as fact. expects: forecasts it. warns: raises it as a risk. denies: rejects it. cannot-confirm: says there is no evidence or it cannot be confirmed.'
        ],
    ),
    "duplicate_key": (
        lambda p: p.edit(CLAIM, "stance: asserts\n", "stance: asserts\nstance: denies\n"),
        [f'{CLAIM}:10:1: duplicate key "stance" (first written at line 9). Hint: YAML would silently keep only the last one; remove or rename one of them.'],
    ),
    "anchor_and_alias": (
        lambda p: p.edit(CLAIM, "  low: 10000\n  high: 10000", "  low: &n 10000\n  high: *n"),
        [
            f"{CLAIM}:7:8: anchors are not allowed (&n). Hint: remove the anchor and write each value out in full.",
            f"{CLAIM}:8:9: aliases are not allowed (*n). Hint: write the value out in full.",
        ],
    ),
    "alias_bomb": (
        lambda p: p.write(
            "data/claims/bomb.yml",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        ),
        None,  # checked below: refused at the first anchor, without expanding anything
    ),
    "oversized_file": (
        lambda p: p.write("data/claims/huge.yml", "id: huge\nnotes: " + "x" * 300_000 + "\n"),
        [
            "data/claims/huge.yml:1:1: file is 300,017 bytes, over the limit of 262,144 bytes. Hint: split the record, or check that this is the file you meant to add."
        ],
    ),
    "coerced_boolean": (
        lambda p: p.edit(FIGURE, "unit: troops", "unit: NO"),
        [
            f'{FIGURE}:4:7: "NO" would be read as the boolean false. Hint: write it in double quotes if you mean the text ("NO"), or true/false for a yes-or-no field.'
        ],
    ),
    "coerced_sexagesimal": (
        lambda p: p.edit(FIGURE, "unit: troops", "unit: 1:30"),
        [
            f'{FIGURE}:4:7: "1:30" would be read as a number, not as written. Hint: write it in double quotes if you mean the text ("1:30"); write numbers as plain digits such as 1500 or 1.28.'
        ],
    ),
    "id_not_slug": (
        lambda p: p.write("data/actors/Kim_Jong_Un.yml", "id: Kim_Jong_Un\nname: Kim Jong Un\nkind: person\n"),
        [
            'data/actors/Kim_Jong_Un.yml:1:5: id: the text "Kim_Jong_Un" is not a valid id (lowercase letters, digits and single hyphens, such as olaf-scholz). Hint: The actor\'s id; the file must be named <id>.yml.'
        ],
    ),
    "id_differs_from_file_name": (
        lambda p: p.edit(ACTOR, "id: kyrylo-budanov", "id: kyrylo-budanov-2"),
        [
            f'{ACTOR}:2:5: id "kyrylo-budanov-2" does not match the file name kyrylo-budanov.yml. Hint: rename the file to kyrylo-budanov-2.yml, or set id: kyrylo-budanov.'
        ],
    ),
    "reserved_id": (
        lambda p: p.write("data/actors/index.yml", "id: index\nname: Index\nkind: organisation\n"),
        ['data/actors/index.yml:1:5: id "index" is reserved for the site\'s own pages. Hint: choose a more specific id.'],
    ),
    "unresolved_reference_did_you_mean": (
        lambda p: p.edit(CLAIM, "actor: volodymyr-zelenskyy", "actor: volodymyr-zelensky"),
        [f'{CLAIM}:3:8: unknown actor "volodymyr-zelensky". Hint: did you mean "volodymyr-zelenskyy"?'],
    ),
    "unresolved_source": (
        lambda p: p.edit(CLAIM, "  - source: 2024-10-18-sample", "  - source: 2024-10-19-sample"),
        [f'{CLAIM}:16:13: unknown source "2024-10-19-sample". Hint: did you mean "2024-10-18-sample"?'],
    ),
    "quote_not_verbatim": (
        lambda p: p.edit(CLAIM, 'quote: "Pyongyang is preparing to send', 'quote: "Pyongyang is preparing to deploy'),
        [
            f'{CLAIM}:17:12: quote not found in data/sources/2024-10-18-sample.txt. Hint: copy it exactly: only spacing and curly versus straight quotes may differ; the closest passage is "Pyongyang is preparing to send 10,000 troops."'
        ],
    ),
    "low_above_high": (
        lambda p: p.edit(CLAIM, "  high: 10000", "  high: 1000"),
        [f"{CLAIM}:7:8: value.low (10000) is greater than value.high (1000). Hint: low is the smallest value the words allow and high the largest; swap them."],
    ),
    "value_text_not_in_quote": (
        lambda p: p.edit(CLAIM, '  text: "10,000"', '  text: "12,000"'),
        [
            f'{CLAIM}:6:9: value.text "12,000" does not appear in any of this claim\'s quotes. Hint: copy the value\'s words from a quote, such as "up to 15,000".'
        ],
    ),
    "impossible_date": (
        lambda p: p.edit(CLAIM, 'date: "2024-10-17"', 'date: "2024-02-30"'),
        [f'{CLAIM}:11:9: "2024-02-30" is not a real calendar date. Hint: check the month and day.'],
    ),
    "claim_after_source": (
        lambda p: p.edit(CLAIM, 'date: "2024-10-17"', 'date: "2024-10-20"'),
        [
            f'{CLAIM}:11:9: claimed_on 2024-10-20 is after source "2024-10-18-sample" was published (2024-10-18). Hint: a source cannot report a claim made after it was published; check both dates.'
        ],
    ),
    "inferred_date_without_note": (
        lambda p: p.edit(CLAIM, "  note: '\"on Thursday\" before 18 Oct'\n", ""),
        [f'{CLAIM}:11:3: missing required field "note" in claimed_on. Hint: an inferred date needs a note saying how it was worked out.'],
    ),
    "sha256_mismatch": (
        lambda p: p.edit("data/sources/2024-10-18-sample.txt", "Sample headline", "Sample headlines"),
        None,  # checked below: the new hash is part of the message
    ),
    "value_without_figure": (
        lambda p: p.edit(CLAIM, "figure: nk-troops-planned\n", ""),
        [f'{CLAIM}:2:1: missing required field "figure" in a claim. Hint: Figure id the value estimates. Leave it out for a stance on no particular quantity.'],
    ),
    "yaml_extension": (
        lambda p: p.write("data/actors/kim.yaml", "id: kim\n"),
        ["data/actors/kim.yaml:1:1: data files end in .yml, so this file would be ignored. Hint: rename it to kim.yml."],
    ),
    "alias_shared_by_two_actors": (
        lambda p: p.edit("data/actors/volodymyr-zelenskyy.yml", "aliases: [Zelensky]", "aliases: [Zelensky, Kyrylyo Budanov]"),
        [
            'data/actors/volodymyr-zelenskyy.yml:5:21: alias "Kyrylyo Budanov" is already a name or alias of actor "kyrylo-budanov". Hint: one name must point to one actor, or readers and search cannot tell them apart; if they are the same, keep one actor, and if not, spell the name as the sources do with what tells them apart.'
        ],
    ),
    "multiple_documents": (
        lambda p: p.write("data/figures/two.yml", "id: two\n---\nid: three\n"),
        ["data/figures/two.yml:2:1: file holds more than one YAML document. Hint: keep one record per file and remove the '---' separator."],
    ),
    "empty_file": (
        lambda p: p.write("data/figures/empty.yml", ""),
        ["data/figures/empty.yml:1:1: file is empty. Hint: write the record's fields, or delete the file."],
    ),
    "javascript_url": (
        lambda p: p.edit(SOURCE, "url: null", 'url: "javascript:alert(1)"'),
        [
            f'{SOURCE}:6:6: url: the text "javascript:alert(1)" is not an http or https address. Hint: The address the text was archived from, http(s) only, or null when unknown. Never guess one.'
        ],
    ),
    "python_tag": (
        lambda p: p.write("data/figures/tagged.yml", "id: !!python/name:os.system tagged\n"),
        [
            "data/figures/tagged.yml:1:5: YAML tags are not allowed (tag:yaml.org,2002:python/name:os.system). Hint: remove the tag; data files hold plain text, numbers, lists and mappings."
        ],
    ),
}


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][1] is not None])
def test_bad_fixture_reports_exact_message(project: Project, case: str) -> None:
    change, expected = CASES[case]
    change(project)
    assert errors(project) == expected


def test_alias_bomb_is_refused_without_expansion(project: Project) -> None:
    CASES["alias_bomb"][0](project)
    lines = errors(project)
    assert lines[0] == "data/claims/bomb.yml:1:4: anchors are not allowed (&a). Hint: remove the anchor and write each value out in full."
    assert all(line.startswith("data/claims/bomb.yml:") for line in lines)


def test_changed_archived_text_fails_with_new_hash(project: Project) -> None:
    CASES["sha256_mismatch"][0](project)
    digest = hashlib.sha256(project.path("data/sources/2024-10-18-sample.txt").read_bytes()).hexdigest()
    assert errors(project) == [
        f"{SOURCE}:12:9: sha256 does not match data/sources/2024-10-18-sample.txt, which hashes to {digest}. "
        "Hint: archived texts must not change. If this is a deliberate re-archive of the article, "
        f'set sha256: "{digest}" in the same pull request and say in it why the text changed.'
    ]


def test_all_problems_are_reported_at_once(project: Project) -> None:
    CASES["unknown_field_typo"][0](project)
    CASES["coerced_boolean"][0](project)
    project.edit(DENIAL, "quote: 'Russia last week", "quote: 'Russia this week")
    result = project.run("validate")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 5  # the typo is both an unknown and a missing field
    assert [line.split(":")[0] for line in lines[:-1]] == [DENIAL, CLAIM, CLAIM, FIGURE]
    assert lines[-1] == "Found 4 errors in 3 files."


def test_schema_is_checked_even_when_reading_found_problems(project: Project) -> None:
    project.edit(CLAIM, "actor: volodymyr", "actr: volodymyr")
    project.edit(CLAIM, "stance: asserts", "stance: NO")
    assert errors(project) == [
        f'{CLAIM}:2:1: missing required field "actor" in a claim. Hint: Actor id of who made the claim: the origin, not the outlet that relays it.',
        f'{CLAIM}:3:1: unknown field "actr" in a claim. Hint: did you mean "actor"? Allowed fields: actor, as_of, attribution, citations, claimed_on, figure, figure_fits, id, notes, review, revisions, stance, statement, tags, value.',
        f'{CLAIM}:9:9: "NO" would be read as the boolean false. Hint: write it in double quotes if you mean the text ("NO"), or true/false for a yes-or-no field.',
    ]


def test_quotes_tolerate_only_whitespace_and_quote_style(project: Project) -> None:
    # Straight quotes and a line break where the archive has curly quotes and a space: accepted.
    project.edit(DENIAL, 'as "one more fake."', 'as\n      "one more fake."')
    assert project.run("validate").exit_code == 0
    project.edit(DENIAL, "week dismissed", "week Dismissed")
    assert project.run("validate").exit_code == 1


def test_github_format_annotates_lines(project: Project) -> None:
    CASES["unresolved_reference_did_you_mean"][0](project)
    result = project.run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f'::error file={CLAIM},line=3,col=8,title=briefing validate::unknown actor "volodymyr-zelensky". Hint: did you mean "volodymyr-zelenskyy"?'
    )


def test_broken_actor_file_does_not_cascade(project: Project) -> None:
    # The actor file is unusable, but claims that reference it are not reported again.
    project.write("data/actors/russia.yml", "id: russia\nname: [unclosed\n")
    lines = errors(project)
    assert len(lines) == 1 and lines[0].startswith("data/actors/russia.yml:")
