"""`briefing new claim` with a translation: the editors' own, or an outlet's archived one, checked before anything is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Project

SEGYE = "2024-10-18-segye-nis-12000-decided"
QUOTE = '국정원 소식통은 "북한군의 이동이 이미 시작됐다"고 말했다.'
TRANSLATION = 'An NIS source said "the movement of North Korean troops has already begun."'
ARGS = ["--source", SEGYE, "--quote", QUOTE, "--actor", "south-korea-nis", "--statement", "The NIS said the troops had begun to move.", "--no-input"]


@pytest.fixture()
def corpus(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "data", tmp_path / "corpus" / "data")
    return Project(tmp_path / "corpus")


def written(corpus: Project) -> dict:
    (path,) = [p for p in corpus.path("data/claims").glob("*.yml") if not (REPO / "data/claims" / p.name).exists()]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_editors_translation_is_written_beside_the_quote_and_validates(corpus: Project) -> None:
    result = corpus.run("new", "claim", *ARGS, "--translation", TRANSLATION, "--via", "yonhap")
    assert result.exit_code == 0, result.output
    (citation,) = written(corpus)["citations"]
    assert citation == {"source": SEGYE, "quote": QUOTE, "translation": {"text": TRANSLATION, "lang": "en", "by": "editors"}, "via": ["yonhap"]}
    result = corpus.run("validate")
    assert result.exit_code == 0, result.output


def test_a_quote_in_korean_without_a_translation_is_refused(corpus: Project) -> None:
    before = corpus.files()
    result = corpus.run("new", "claim", *ARGS)
    assert result.exit_code == 1
    assert (
        f'--quote is in ko (the language of source "{SEGYE}"): give --translation, the quote in en, for readers '
        "(--translated-by editors for your own; SOURCE_ID for an outlet's archived translation)." in result.output
    )
    assert corpus.files() == before


def test_without_no_input_the_translation_is_asked_for(corpus: Project) -> None:
    args = [a for a in ARGS if a != "--no-input"]
    result = corpus.run("new", "claim", *args, input=f"{TRANSLATION}\n")
    assert result.exit_code == 0, result.output
    assert "Translation of the quote into en (the quote is in ko; empty to stop)" in result.output
    assert written(corpus)["citations"][0]["translation"]["text"] == TRANSLATION


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--translation-lang", "ko"], "--translation-lang: ko is the quote's own language (ko); a translation is in another language."),
        (["--translation-lang", "eng"], '--translation-lang: language "eng" is not in its standard form. Hint: write "en"'),
        (["--translated-by", "yonhap-english"], '--translated-by: no source "yonhap-english" in data/sources/.'),
    ],
)
def test_a_wrong_translation_option_is_refused_and_nothing_written(corpus: Project, extra: list[str], message: str) -> None:
    before = corpus.files()
    result = corpus.run("new", "claim", *ARGS, "--translation", TRANSLATION, *extra)
    assert result.exit_code == 1
    assert message in result.output
    assert corpus.files() == before


def test_an_outlets_published_translation_is_checked_in_its_archived_source(corpus: Project) -> None:
    # A test source standing for an outlet's English edition: its words are this test's, not an outlet's.
    english = f"Seoul (Yonhap) -- {TRANSLATION} The agency gave no number.\n"
    result = corpus.run("ingest", "-", "--id", "yonhap-english-sample", "--outlet", "yonhap", "--language", "en", "--no-input", input=english)
    assert result.exit_code == 0, result.output
    before = corpus.files()
    result = corpus.run("new", "claim", *ARGS, "--translation", TRANSLATION.replace("already", "now"), "--translated-by", "yonhap-english-sample")
    assert result.exit_code == 1
    assert "--translation: not found in data/sources/yonhap-english-sample.txt, the outlet's published translation." in result.output
    assert corpus.files() == before
    result = corpus.run("new", "claim", *ARGS, "--translation", TRANSLATION, "--translated-by", "yonhap-english-sample")
    assert result.exit_code == 0, result.output
    assert written(corpus)["citations"][0]["translation"] == {"text": TRANSLATION, "lang": "en", "by": "yonhap", "source": "yonhap-english-sample"}
    result = corpus.run("validate")
    assert result.exit_code == 0, result.output
