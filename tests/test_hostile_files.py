"""Hostile files in data/: each is refused with a clear error naming the file, and nothing else changes.

Every case runs on the minimal fixture with the real templates, after a first clean
``generate``. It adds one hostile file (or breaks one), *and* one ordinary mistake in an
unrelated file. The exact output must be the hostile file's own problem plus the unrelated
one, unchanged: the hostile file neither hides nor adds problems elsewhere. The generated
pages must be byte-identical afterwards.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Project
from test_validate import CASES

ACTOR = "data/actors/russia.yml"
TEXT = "data/sources/2024-10-18-sample.txt"
FIGURE = "data/figures/nk-troops-planned.yml"
UNRELATED = (
    f'{FIGURE}:4:7: "NO" would be read as the boolean false. Hint: write it in double quotes if you mean the text ("NO"), or true/false for a yes-or-no field.'
)
CRLF_HINT = (
    "Hint: save the file with LF (Unix) line endings; with Git on Windows, run `git config core.autocrlf input` "
    "and check the file out again (.gitattributes already asks for LF in data/)."
)
LINK_HINT = "Hint: replace the link with a regular file; links are never followed."


def write_bytes(project: Project, rel: str, data: bytes) -> None:
    project.path(rel).write_bytes(data)


def link(project: Project, rel: str, target: Path) -> None:
    os.symlink(target, project.path(rel))


def outside(project: Project) -> Path:
    """A file outside the project, as a pull request's link could name (/etc/passwd, ~/.ssh/…)."""
    secret = project.root.parent / "secret.yml"
    secret.write_text("id: russia\nname: Secret\nkind: government\n", encoding="utf-8")
    return secret


def crlf(project: Project, rel: str) -> None:
    write_bytes(project, rel, project.path(rel).read_bytes().replace(b"\n", b"\r\n"))


def rewrite_text(project: Project, old: str, new: str) -> None:
    """Change the archived text and record its new hash, as a deliberate re-archive would."""
    before = hashlib.sha256(project.path(TEXT).read_bytes()).hexdigest()
    project.edit(TEXT, old, new)
    after = hashlib.sha256(project.path(TEXT).read_bytes()).hexdigest()
    project.edit(TEXT.replace(".txt", ".yml"), before, after)


CLAIM = "data/claims/zelenskyy-10000.yml"
DENIAL = "data/claims/russia-denies.yml"
NOT_FOUND = f"{CLAIM}:17:12: quote not found in data/sources/2024-10-18-sample.txt. Hint: "
TOO_SHORT = "Hint: quote at least 4 words, or words found only once in the text; the whole sentence is best."

DATA_FOLDERS = "data/ holds only the folders sources/, actors/, figures/, claims/, drafts/."
IDENTITY_HINT = (
    "one name must point to one actor, or readers and search cannot tell them apart; "
    "if they are the same, keep one actor, and if not, spell the name as the sources do with what tells them apart."
)
NUMBER_HINT = "check for a typo; numbers in data are counts and amounts, written as plain digits such as 1500 or 1.28."
LOW_DESCRIPTION = (
    "Lowest value the words allow, inclusive; from 0 to 1,000,000,000,000, as figures count things (troops, rounds, percent). "
    'Leave out for no lower bound ("up to").'
)

Case = tuple[Callable[[Project], None], list[str]]

# Each case: the hostile change and the exact lines it must add to the output.
HOSTILE: dict[str, Case] = {
    "oversized_file": CASES["oversized_file"],
    "deep_nesting_flow": (
        lambda p: p.write("data/claims/deep.yml", "id: deep\nnotes: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ["data/claims/deep.yml:2:40: nesting is deeper than 32 levels. Hint: records are at most a few levels deep; check the indentation."],
    ),
    "deep_nesting_flow_mapping": (
        lambda p: p.write("data/claims/deep.yml", "id: deep\nnotes: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n"),
        ["data/claims/deep.yml:2:136: nesting is deeper than 32 levels. Hint: records are at most a few levels deep; check the indentation."],
    ),
    "deep_nesting_block": (
        lambda p: p.write("data/claims/deep.yml", "id: deep\nnotes:\n" + "- " * 100_000 + "x\n"),
        ["data/claims/deep.yml:3:65: nesting is deeper than 32 levels. Hint: records are at most a few levels deep; check the indentation."],
    ),
    "non_utf8": (
        lambda p: write_bytes(p, ACTOR, p.path(ACTOR).read_bytes().replace(b"name: Russia", b"name: R\xfcssia")),
        [f"{ACTOR}:3:8: file is not valid UTF-8: byte 0xfc cannot be decoded. Hint: save the file as UTF-8."],
    ),
    "nul_byte": (
        lambda p: write_bytes(p, ACTOR, p.path(ACTOR).read_bytes().replace(b"name: Russia", b"name: Rus\0sia")),
        [f"{ACTOR}:3:10: file contains a NUL byte. Hint: remove it; data files are plain text."],
    ),
    "crlf": (
        lambda p: crlf(p, ACTOR),
        [f"{ACTOR}:1:83: file has Windows line endings (CRLF); data files use LF line endings only. {CRLF_HINT}"],
    ),
    "crlf_in_archived_text": (
        lambda p: crlf(p, TEXT),
        [
            # The bytes changed, so the hash no longer matches either: both are true and both are shown.
            "data/sources/2024-10-18-sample.yml:12:9: sha256 does not match data/sources/2024-10-18-sample.txt, which hashes to "
            "DIGEST. Hint: archived texts must not change. If this is a deliberate re-archive of the article, "
            'set sha256: "DIGEST" in the same pull request and say in it why the text changed.',
            f"{TEXT}:1:29: file has Windows line endings (CRLF); data files use LF line endings only. {CRLF_HINT}",
        ],
    ),
    "lone_carriage_return": (
        lambda p: write_bytes(p, ACTOR, p.path(ACTOR).read_bytes().replace(b"name: Russia", b"name: Rus\rsia")),
        [f"{ACTOR}:3:10: file has a carriage return (CR); data files use LF line endings only. {CRLF_HINT}"],
    ),
    "duplicate_key": CASES["duplicate_key"],
    "multiple_documents": CASES["multiple_documents"],
    "empty_file": CASES["empty_file"],
    "comments_only_file": (
        lambda p: p.write("data/figures/empty.yml", "# nothing here yet\n"),
        ["data/figures/empty.yml:1:1: file is empty. Hint: write the record's fields, or delete the file."],
    ),
    "top_level_list": (
        lambda p: p.write("data/actors/listed.yml", "- id: listed\n  name: Listed\n  kind: person\n"),
        [
            "data/actors/listed.yml:1:1: the file: expected a mapping of fields but received a list. Hint: A person, agency, government, outlet or unnamed group that makes or relays claims: data/actors/<id>.yml."
        ],
    ),
    "id_with_dot_dot": (
        lambda p: p.write("data/actors/escape.yml", 'id: "../../mkdocs"\nname: Escape\nkind: person\n'),
        [
            'data/actors/escape.yml:1:5: id: the text "../../mkdocs" is not a valid id (lowercase letters, digits and single hyphens, such as olaf-scholz). '
            "Hint: The actor's id; the file must be named <id>.yml."
        ],
    ),
    "id_with_slash": (
        lambda p: p.write("data/actors/slash.yml", 'id: "figures/slash"\nname: Slash\nkind: person\n'),
        [
            'data/actors/slash.yml:1:5: id: the text "figures/slash" is not a valid id (lowercase letters, digits and single hyphens, such as olaf-scholz). '
            "Hint: The actor's id; the file must be named <id>.yml."
        ],
    ),
    "id_uppercase": CASES["id_not_slug"],
    "id_reserved": CASES["reserved_id"],
    "id_windows_device_name": (
        lambda p: p.write("data/actors/con.yml", "id: con\nname: Con\nkind: person\n"),
        ['data/actors/con.yml:1:5: id "con" is a device name on Windows, which cannot hold a page of that name. Hint: choose a more specific id.'],
    ),
    "names_differing_in_case": (
        lambda p: p.write("data/actors/Russia.yml", "id: russia\nname: Russia again\nkind: government\n"),
        [
            "data/actors/Russia.yml:1:1: Russia.yml and russia.yml would become the same page on case-insensitive systems. "
            "Hint: ids are lowercase: keep the record in russia.yml, and remove Russia.yml or give it another id."
        ],
    ),
    "names_differing_in_unicode_form": (
        # A fullwidth "ｒ" folds to "r" under NFKC: one page on systems that normalise names.
        lambda p: p.write("data/actors/\uff52ussia.yml", "id: russia\nname: Russia again\nkind: government\n"),
        [
            "data/actors/\uff52ussia.yml:1:1: \uff52ussia.yml and russia.yml would become the same page on case-insensitive systems. "
            "Hint: ids are lowercase: keep the record in russia.yml, and remove \uff52ussia.yml or give it another id."
        ],
    ),
    "symlink_outside_repository": (
        lambda p: link(p, "data/actors/secret.yml", outside(p)),
        [f"data/actors/secret.yml:1:1: symbolic links are not allowed in data/; this one points outside the repository, to OUTSIDE. {LINK_HINT}"],
    ),
    "symlinked_archived_text": (
        lambda p: (p.path(TEXT).rename(p.root.parent / "moved.txt"), link(p, TEXT, p.root.parent / "moved.txt")),
        [f"{TEXT}:1:1: symbolic links are not allowed in data/; this one points outside the repository, to MOVED. {LINK_HINT}"],
    ),
    "symlink_inside_repository": (
        lambda p: link(p, "data/actors/russia-2.yml", Path("russia.yml")),
        [f"data/actors/russia-2.yml:1:1: symbolic links are not allowed in data/; this one points to data/actors/russia.yml. {LINK_HINT}"],
    ),
    # --- evidence that is not what it seems: too short to place, invisible or decomposed characters
    "quote_of_one_common_word": (
        lambda p: p.edit(DENIAL, """quote: 'Russia last week dismissed the reports as "one more fake."'""", "quote: the"),
        [f"{DENIAL}:9:12: quote is too short to show where the claim comes from: 1 word, found 2 times in data/sources/2024-10-18-sample.txt. {TOO_SHORT}"],
    ),
    "quote_of_punctuation": (
        lambda p: p.edit(DENIAL, """quote: 'Russia last week dismissed the reports as "one more fake."'""", 'quote: ","'),
        [f"{DENIAL}:9:12: quote is too short to show where the claim comes from: 0 words, found 2 times in data/sources/2024-10-18-sample.txt. {TOO_SHORT}"],
    ),
    "soft_hyphen_in_archived_text": (
        lambda p: rewrite_text(p, "that Pyongyang is", "that Pyong\u00adyang is"),
        [
            NOT_FOUND + 'the archived text has invisible characters inside this passage: U+00AD SOFT HYPHEN after "Pyong". '
            "Write them into the quote (as \\u00ad in a double-quoted value), or quote only the words around them."
        ],
    ),
    "zero_width_space_in_quote": (
        lambda p: p.edit(CLAIM, 'quote: "Pyongyang is', 'quote: "Pyong\\u200byang is'),
        [
            NOT_FOUND + "the quote holds invisible characters that the archived text does not have there: "
            'U+200B ZERO WIDTH SPACE after "Pyong". Delete them from the quote.'
        ],
    ),
    "decomposed_archived_text": (
        lambda p: (
            rewrite_text(p, "is preparing to send", "is pre\u0301paring to send"),
            p.edit(CLAIM, 'quote: "Pyongyang is preparing', 'quote: "Pyongyang is pr\u00e9paring'),
        ),
        [
            NOT_FOUND + 'the archived text writes characters decomposed (NFD), the quote composed (NFC): "\u00e9" as e + U+0301 COMBINING ACUTE ACCENT. '
            "Re-archive the text with briefing ingest, which composes it, and update its sha256."
        ],
    ),
    # --- numbers that are not numbers, or not counts: refused where written, never a crash or "inf" on a page
    "number_beyond_float": (
        lambda p: p.edit(CLAIM, "  low: 10000", "  low: 1.0e+309"),
        [f"{CLAIM}:7:8: 1.0e+309 is beyond the largest number accepted, 1,000,000,000,000. Hint: {NUMBER_HINT}"],
    ),
    "integer_of_400_digits": (
        lambda p: p.edit(CLAIM, "  high: 10000", "  high: " + "9" * 400),
        [f"{CLAIM}:8:9: {'9' * 20}… (400 characters) is beyond the largest number accepted, 1,000,000,000,000. Hint: {NUMBER_HINT}"],
    ),
    "integer_past_pythons_digit_limit": (
        lambda p: p.edit(CLAIM, "  high: 10000", "  high: -" + "1" * 5000),
        [f"{CLAIM}:8:9: -{'1' * 19}… (5,001 characters) is beyond the largest number accepted, 1,000,000,000,000. Hint: {NUMBER_HINT}"],
    ),
    "number_past_the_documented_limit": (
        lambda p: p.edit(CLAIM, "  high: 10000", "  high: 1000000000001"),
        [f"{CLAIM}:8:9: 1000000000001 is beyond the largest number accepted, 1,000,000,000,000. Hint: {NUMBER_HINT}"],
    ),
    "negative_count": (
        lambda p: p.edit(CLAIM, "  low: 10000", "  low: -10000"),
        [f"{CLAIM}:7:8: value.low: the number -10000 is below the smallest value allowed, 0. Hint: {LOW_DESCRIPTION}"],
    ),
    "plain_number_outside_its_bounds": (
        lambda p: (p.edit(CLAIM, "  low: 10000", "  low: 1000"), p.edit(CLAIM, "  high: 10000", "  high: 1000")),
        [
            f'{CLAIM}:6:9: value.text "10,000" is the number 10,000, outside the bounds 1,000 to 1,000. '
            "Hint: the bounds are the numbers the words allow: fix the digits in low/high, or the text."
        ],
    ),
    # --- data that is not where it belongs, or not finished: never silently ignored
    "misspelt_kind_folder": (
        lambda p: p.write("data/claim/new-claim.yml", "id: new-claim\n"),
        [f'data/claim:1:1: unexpected folder in data/; nothing in it is read. Hint: did you mean "claims/"? {DATA_FOLDERS}'],
    ),
    "record_directly_in_data": (
        lambda p: p.write("data/new-claim.yml", "id: new-claim\n"),
        [f"data/new-claim.yml:1:1: unexpected file in data/; it is not read. Hint: move it into the folder of its kind, such as data/claims/; {DATA_FOLDERS}"],
    ),
    "unresolved_merge_conflict": (
        lambda p: p.edit(ACTOR, "name: Russia\n", "<<<<<<< HEAD\nname: Russia\n=======\nname: Russian Federation\n>>>>>>> rename\n"),
        [
            f"{ACTOR}:3:1: unresolved merge conflict: git left its <<<<<<<, ======= and >>>>>>> markers in this file. "
            "Hint: keep the version you want between the markers, delete the other and the three marker lines, then validate again."
        ],
    ),
    "pattern_with_trailing_newline": (
        lambda p: p.edit("data/sources/2024-10-18-sample.yml", "language: en", 'language: "en\\n"'),
        [
            'data/sources/2024-10-18-sample.yml:11:11: language: the text "en\\n" is not a language tag such as en or pt-BR. '
            "Hint: BCP 47 language tag of the text, such as en, ko, ru or uk, as the IANA registry writes it (checked)."
        ],
    ),
    # --- identity: a second actor that readers could not tell from an existing one
    "actor_with_an_existing_name": (
        lambda p: p.write("data/actors/budanov-2.yml", "id: budanov-2\nname: Kyrylo Budanov\nkind: person\n"),
        [f'data/actors/kyrylo-budanov.yml:3:7: name "Kyrylo Budanov" is already a name or alias of actor "budanov-2". Hint: {IDENTITY_HINT}'],
    ),
    "actor_with_a_look_alike_name": (
        lambda p: p.write("data/actors/x-budanov.yml", 'id: x-budanov\nname: "Kyrylo Bud\\u0430nov"\nkind: person\n'),
        [
            f'data/actors/x-budanov.yml:2:7: name "Kyrylo Bud\u0430nov" is already a name or alias of actor "kyrylo-budanov" (it looks the same as "Kyrylo Budanov"). Hint: {IDENTITY_HINT}'
        ],
    ),
    "alias_hidden_by_a_zero_width_space": (
        lambda p: p.write("data/actors/x-budanov.yml", 'id: x-budanov\nname: X\nkind: person\naliases: ["Kyrylo\\u200b Budanov"]\n'),
        [
            f'data/actors/x-budanov.yml:4:11: alias "Kyrylo\\u200b Budanov" is already a name or alias of actor "kyrylo-budanov" (it looks the same as "Kyrylo Budanov"). Hint: {IDENTITY_HINT}'
        ],
    ),
    "symlinked_folder": (
        lambda p: (p.path("data/figures").rename(p.root.parent / "figures"), link(p, "data/figures", p.root.parent / "figures")),
        [],  # filled in below: the unrelated mistake is in a figure, which is now behind the link
    ),
}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused_and_nothing_else_changes(site_project: Project, case: str) -> None:
    project = site_project
    assert project.run("generate").exit_code == 0
    pages = snapshot(project.path("briefings"))
    change, expected = HOSTILE[case]
    if case != "symlinked_folder":
        project.edit(FIGURE, "unit: troops", "unit: NO")  # the unrelated mistake
    change(project)
    result = project.run("generate")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("Nothing was written.")
    substitutions = {
        "DIGEST": hashlib.sha256(project.path(TEXT).read_bytes()).hexdigest() if project.path(TEXT).is_file() else "DIGEST",
        "OUTSIDE": str(project.root.parent / "secret.yml"),
        "MOVED": str(project.root.parent / "moved.txt"),
    }
    wanted = [_fill(line, substitutions) for line in expected]
    if case == "symlinked_folder":
        wanted = [
            # Only the link: references to the figures behind it are not reported again.
            f"data/figures:1:1: symbolic links are not allowed in data/; this one points outside the repository, to {project.root.parent / 'figures'}. {LINK_HINT}",
        ]
    else:
        wanted.append(UNRELATED)
    assert sorted(lines[:-1]) == sorted(wanted)
    assert snapshot(project.path("briefings")) == pages


def _fill(line: str, substitutions: dict[str, str]) -> str:
    for key, value in substitutions.items():
        line = line.replace(key, value)
    return line


def test_alias_bomb_is_refused_at_once(site_project: Project) -> None:
    """A billion-laughs file: refused from the event stream, before any alias is expanded."""
    project = site_project
    assert project.run("generate").exit_code == 0
    pages = snapshot(project.path("briefings"))
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 9):
        prev, name = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    project.write("data/claims/bomb.yml", "\n".join(levels) + "\n")
    project.edit(FIGURE, "unit: troops", "unit: NO")
    result = project.run("generate")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()[:-1]
    assert lines[0] == "data/claims/bomb.yml:1:4: anchors are not allowed (&a). Hint: remove the anchor and write each value out in full."
    # Nine anchors and 72 aliases: ten are listed, the other 71 counted in one line.
    bomb = [line for line in lines if line.startswith("data/claims/bomb.yml:")]
    assert len(bomb) == 11
    assert bomb[-1].endswith(": 71 more anchors, aliases or tags. Hint: each is refused for the same reason; write every value out in full.")
    assert lines[-1] == UNRELATED
    assert snapshot(project.path("briefings")) == pages


def test_byte_order_mark_is_accepted_and_stripped(site_project: Project) -> None:
    project = site_project
    assert project.run("generate").exit_code == 0
    pages = snapshot(project.path("briefings"))
    write_bytes(project, ACTOR, b"\xef\xbb\xbf" + project.path(ACTOR).read_bytes())
    result = project.run("generate")
    assert result.exit_code == 0, result.output
    assert snapshot(project.path("briefings")) == pages  # the mark is not part of any value


def test_data_folder_is_lf_only_in_git() -> None:
    """.gitattributes keeps checkouts LF on Windows, where core.autocrlf would break every text's hash."""
    from conftest import REPO

    assert "/data/** text eol=lf" in (REPO / ".gitattributes").read_text(encoding="utf-8").splitlines()


def test_decomposed_quote_matches_the_composed_archive(site_project: Project) -> None:
    """Quotes are composed (NFC) before matching, as briefing ingest composes archived texts."""
    rewrite_text(site_project, "is preparing to send", "is pr\u00e9paring to send")
    site_project.edit(CLAIM, 'quote: "Pyongyang is preparing', 'quote: "Pyongyang is pre\u0301paring')
    result = site_project.run("validate")
    assert result.exit_code == 0, result.output


def test_long_wrong_quote_in_a_large_text_is_answered_quickly(site_project: Project) -> None:
    """A 2,000-character quote that is not in a 5 MB text: the closest passage comes from an anchored search, not a scan of every position."""
    import random

    rng = random.Random(14)
    vocabulary = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(20_000)]
    vocabulary += ["the", "of", "and", "to", "troops", "said"] * 2_000
    lines, size = [site_project.path(TEXT).read_text(encoding="utf-8")], 0
    while size < 5 * 1024 * 1024 - 2_000:
        line = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 30))) + ".\n"
        lines.append(line)
        size += len(line)
    text = "".join(lines)
    assert 4.9 * 1024 * 1024 < len(text.encode()) <= 5 * 1024 * 1024
    middle = text.index("\n", len(text) // 2) + 1
    passage = " ".join(text[middle : middle + 2_400].split())[:2_000].rsplit(" ", 1)[0]
    quote = passage.replace(" the ", " a ").replace(" of ", " off ")
    assert quote not in text and len(quote) > 1_900
    site_project.path(TEXT).write_text(text, encoding="utf-8")
    site_project.edit(
        TEXT.replace(".txt", ".yml"), "e89086b84ae56dde7db03742b2dbc5c17a39c25621a5c086d3124f595c40ef00", hashlib.sha256(text.encode()).hexdigest()
    )
    site_project.edit(DENIAL, """quote: 'Russia last week dismissed the reports as "one more fake."'""", f"quote: {quote!r}")
    result = site_project.run("validate")
    assert result.exit_code == 1
    [line, _] = result.stderr.splitlines()
    assert line.startswith(f"{DENIAL}:9:12: quote not found in data/sources/2024-10-18-sample.txt. Hint: copy it exactly")
    shown = line.split('; the closest passage is "', 1)[1].removesuffix('"')
    assert shown.startswith(passage[:1_000]) and abs(len(shown) - len(passage)) < 40  # the same place, give or take a word at the end
    # Shown at all means the search finished within its budget of CPU time (SEARCH_SECONDS), however busy the machine.


def test_a_closest_passage_search_out_of_budget_says_so() -> None:
    from generator.data.quotes import Normalised, closest_hint

    text = Normalised.of("Budanov said almost 11,000 North Korean troops were in Kursk. " * 2_000)
    assert closest_hint(text, "almost 12,000 North Korean troops were in Kursk", seconds=0) == (
        "; no closest passage is shown: the search stopped after 0 s of computing"
    )
    assert closest_hint(text, "almost 12,000 North Korean troops were in Kursk") == (
        '; the closest passage is "almost 11,000 North Korean troops were in Kursk."'
    )


# --- readers of untrusted input read at most their cap plus one byte, and never through a link


def test_ingest_of_an_endless_input_fails_fast(project: Project) -> None:
    import time

    before = project.files()
    started = time.perf_counter()
    result = project.run("ingest", "/dev/zero")
    assert time.perf_counter() - started < 5
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "/dev/zero:1:1: file is more than 26,214,400 bytes, over the limit of 26,214,400 bytes (25 MB) for an original. "
        "Hint: save the page without its media (HTML only, or a WARC of the article page), or give the article's text as plain text."
    )
    assert project.files() == before


@pytest.mark.parametrize(
    "where", ["data/drafts", "data/drafts/2024-10-18-sample", "data/drafts/2024-10-18-sample/claims", "data/drafts/2024-10-18-sample/claims/x.yml"]
)
def test_links_in_drafts_are_refused_and_never_read(project: Project, where: str) -> None:
    """A link anywhere under data/drafts/ is reported by name; what it points to is never read or printed."""
    # The same layout outside the project, holding a secret where a draft would be.
    outside = project.root.parent / "outside"
    (outside / "drafts/2024-10-18-sample/claims").mkdir(parents=True)
    (outside / "drafts/2024-10-18-sample/claims/x.yml").write_text("id: x\nname: SECRET-TOKEN-42\n", encoding="utf-8")
    project.path(where).parent.mkdir(parents=True, exist_ok=True)
    link(project, where, outside / where.removeprefix("data/"))
    result = project.run("validate")
    assert result.exit_code == 1
    assert "SECRET-TOKEN-42" not in result.output
    pointed = os.readlink(project.path(where))
    assert result.stderr.splitlines() == [
        f"{where}:1:1: symbolic links are not allowed in data/; this one points outside the repository, to {pointed}. {LINK_HINT}",
        "Found 1 error in 1 file.",
    ]


def test_new_claim_never_reads_a_linked_archived_text(project: Project) -> None:
    project.path(TEXT).rename(project.root.parent / "moved.txt")
    link(project, TEXT, project.root.parent / "moved.txt")
    result = project.run("new", "claim", "--source", "2024-10-18-sample", "--quote", "Pyongyang is preparing to send", "--no-input")
    assert result.exit_code == 1
    assert "Error: --source: data/sources/2024-10-18-sample.txt is a symbolic link; links are never followed." in result.stderr
