"""`briefing suggest` on Korean reports of the NIS: the NIS as the actor, the lawmakers who relay its briefing as the via.

RELAYED, LEDE and SENT are sentences of a real article (tests/data/originals/sbs-N1008084075.txt,
its address in the labels file). Where a test needs a shape that article lacks, the frame is a real
report's and the reported words are made up; the test says which.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, Project

from generator.data import numerals

ORIGINALS = Path(__file__).parent / "data" / "originals"
#: The relay sentence of the SBS article: the NIS reported it, two lawmakers told reporters.
RELAYED = "국정원은 오늘 국회 정보위원회 비공개 간담회에서 이런 내용을 보고했다고 국민의힘 이성권 의원, 민주당 김병기 의원이 기자들에게 전했습니다."
LEDE = "국가정보원은 오늘(30일) 러시아에 파병된 북한군 가운데 사망자 600명을 포함, 총 4천700명의 사상자가 나온 것으로 파악했습니다."
SENT = "국정원은 북한군이 두 차례에 걸쳐 총 1만 5천 명을 러시아에 파병했다고 보고했습니다."


@pytest.fixture()
def corpus(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "data", tmp_path / "corpus" / "data")
    return Project(tmp_path / "corpus")


def drafted(corpus: Project, text: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The claims (by their value's words), proposed actors and proposed figures (by id) that suggest drafts from ``text``."""
    result = corpus.run("ingest", "-", "--id", "korean-sample", "--language", "ko", "--no-input", input=text)
    assert result.exit_code == 0, result.output
    result = corpus.run("suggest", "korean-sample")
    assert result.exit_code == 0, result.output
    docs = [d for d in yaml.safe_load_all(result.stdout) if d]
    claims = {d["value"]["text"]: d for d in docs if "value" in d}
    actors = {d["id"]: d for d in docs if "kind" in d}
    figures = {d["id"]: d for d in docs if "unit" in d}
    return claims, actors, figures


def names(actors: dict[str, dict[str, Any]], ids: list[str]) -> list[str]:
    return [actors[i]["name"] for i in ids]


def test_the_lawmakers_who_told_reporters_what_the_nis_reported_are_its_via(corpus: Project) -> None:
    claims, actors, _ = drafted(corpus, f"{SENT}\n\n{RELAYED}\n")
    claim = claims["1만 5천"]
    assert claim["actor"] == "south-korea-nis"
    assert names(actors, claim["citations"][0]["via"]) == ["이성권", "김병기"]
    assert {actors[i]["kind"] for i in claim["citations"][0]["via"]} == {"person"}
    assert actors[claim["citations"][0]["via"][0]]["role"] == "Member of the National Assembly of South Korea (의원)"
    # The relay is named in the next sentence: the draft says so, with that sentence, for review.
    assert any(r.startswith("Via ") and RELAYED in r and "Check that this number is from the same briefing" in r for r in claim["review"])


def test_a_lede_before_the_relay_sentence_gets_the_same_chain_and_its_counted_noun_chooses_the_figure(corpus: Project) -> None:
    claims, actors, figures = drafted(corpus, f"{LEDE}\n\n{RELAYED}\n\n{SENT}\n")
    for words in ("600", "4천700", "1만 5천"):
        assert claims[words]["actor"] == "south-korea-nis"
        assert names(actors, claims[words]["citations"][0]["via"]) == ["이성권", "김병기"]
    # 사망자 (dead) and 사상자 (casualties) are new figures with their counts; 파병했다 (sent) files under troops in Russia.
    assert figures[claims["600"]["figure"]]["counts"] == {"whose": "north-korea", "state": "killed"}
    assert figures[claims["4천700"]["figure"]]["counts"] == {"whose": "north-korea", "state": "casualties"}
    assert claims["1만 5천"]["figure"] == "nk-troops-in-russia"


def test_according_to_the_lawmakers_the_nis_said(corpus: Project) -> None:
    # The frame of Channel A's report of 13 Jan 2025 ("according to the two senior members, the NIS said …");
    # its reported words are made up here to hold a number.
    text = "국회 정보위 여야 간사인 이성권·박선원 의원에 따르면 이날 국정원은 비공개로 이뤄진 현안보고에서 북한군 피해 규모가 사망 300여 명이라고 밝혔습니다.\n"
    claims, actors, _ = drafted(corpus, text)
    (claim,) = claims.values()
    assert claim["actor"] == "south-korea-nis"
    assert names(actors, claim["citations"][0]["via"]) == ["이성권", "박선원"]
    assert claim["value"]["low"] == 300


def test_a_lawmaker_speaking_in_his_own_words_is_the_speaker(corpus: Project) -> None:
    # Made up: the lawmaker's own reading, with no briefing named, is his claim; the review says he relays the NIS elsewhere.
    text = f"{RELAYED}\n\n이 의원은 “북한군 사상자는 5천 명을 넘을 것으로 본다”고 말했습니다.\n"
    claims, actors, _ = drafted(corpus, text)
    claim = claims["5천"]
    assert actors[claim["actor"]]["name"] == "이성권"  # "이 의원": the lawmaker of that surname named before
    assert claim["citations"][0]["via"] == []
    assert any("elsewhere in the article this lawmaker relays National Intelligence Service (South Korea)" in r for r in claim["review"])


def test_a_passive_finding_continues_the_speaker_before_and_workers_are_no_figure_of_troops(corpus: Project) -> None:
    text = f"{SENT}\n\n또, 금속과 항공, 에너지, 관광 등 14개 분야에서 산업 현대화를 논의 중이고 북한 노동자 1만 5천 명 정도가 러시아에 송출된 것으로 파악됐습니다.\n"
    claims, _, figures = drafted(corpus, text)
    workers = claims["1만 5천 명 정도"]
    assert workers["actor"] == "south-korea-nis"
    # Workers are no troops: a new figure of people, with the counts the sentence gives (송출: sent abroad).
    assert figures[workers["figure"]] | {"review": None, "definition": None} == {
        "id": "north-korean-workers-sent",
        "label": "North Korean workers sent",
        "unit": "people",
        "counts": {"whose": "north-korea", "state": "sent"},
        "review": None,
        "definition": None,
    }
    assert any('"파악됐습니다", which names no speaker, read as continuing "국정원" with "보고했습니다"' in r for r in workers["review"])


def test_a_passive_finding_with_no_speaker_before_is_the_articles_own_voice(corpus: Project) -> None:
    # Made up, in the shape of the SBS article's "…이송된 것으로 파악됐습니다" (it was found that …).
    claims, _, _ = drafted(corpus, "북한군 사망자 300명이 화장된 뒤 북한으로 이송된 것으로 파악됐습니다.\n")
    assert claims["300"]["actor"] == "unattributed"


@pytest.mark.parametrize("name", ["sbs-N1008084075", "ajunews-20241219114627863"])
def test_a_held_back_article_is_drafted_as_labelled(corpus: Project, name: str) -> None:
    """SBS News (30 April 2025) and Aju Business Daily (19 Dec 2024) on the NIS's closed briefings, relayed by lawmakers.

    Each was labelled by hand and committed before suggest first read it; the results of those first
    runs are in the README. This test holds the drafts to the labels: value, hedge, actor, via, figure.
    """
    labels = yaml.safe_load((ORIGINALS / f"{name}.labels.yml").read_text(encoding="utf-8"))
    text = (ORIGINALS / f"{name}.txt").read_text(encoding="utf-8")
    claims, actors, figures = drafted(corpus, text)
    assert len(claims) == len(labels["expected"]) + (name == "sbs-N1008084075")  # SBS: the workers' number, an extra
    for label in labels["expected"]:
        words = label["text"].removesuffix("명").strip()
        claim = next(c for c in claims.values() if c["value"]["text"] in (words, f"최소 {words}"))
        assert claim["value"]["low"] == label["number"], label
        assert numerals.read(claim["value"]["text"], "ko")[1] in (label["hedge"], label.get("hedge_also")), label  # type: ignore[index]
        assert claim["actor"] == label["actor"], label
        assert [f"{actors[i]['name']} 의원" for i in claim["citations"][0]["via"]] == label["via"], label
        if label["figure"] == "new":
            assert figures[claim["figure"]]["counts"] == {"whose": label["whose"], "state": label["state"]}, label
        else:
            assert claim["figure"] == label["figure"], label


def test_a_number_whose_words_say_nothing_of_what_it_counts_gets_a_figure_to_name_and_the_drafts_validate(corpus: Project) -> None:
    # Made up: a lawmaker not on file (so no claim of his says which figure he speaks of) and a bare number.
    result = corpus.run("ingest", "-", "--id", "korean-sample", "--language", "ko", "--no-input", input="김영호 의원은 2천500명이라고 말했다.\n")
    assert result.exit_code == 0, result.output
    result = corpus.run("suggest", "korean-sample", "--write")
    assert result.exit_code == 0, result.output
    (path,) = corpus.path("data/drafts/korean-sample/figures").glob("*.yml")
    figure = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert figure["label"] == 'What "2천500" counts' and "counts" not in figure
    assert figure["review"] == ['New figure drafted because the words around "2천500" do not say what it counts. Write the label and the definition.']
    result = corpus.run("validate")
    assert result.exit_code == 0, result.output
