"""Sources in their own language: language tags, quotes verified in Hangul and Cyrillic, translations beside them.

The Korean, Ukrainian and Russian texts are the corpus's own archived originals (data/sources/), so
the rules are tested on what editors really quote.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, Project
from test_webpage import warc

from generator.data import numerals
from generator.data.quotes import Normalised, closest_passage, locate

SEGYE = "2024-10-18-segye-nis-12000-decided"
UKRINFORM = "ukrinform-budanov-11000-training"
SVPRESSA = "svpressa-peskov-information-canard"
CLAIM = "data/claims/nis-12000.yml"
KOREAN_QUOTE = '국가정보원은 18일 "북한이 특수부대 등 4개 여단 총 1만2천명 규모 병력을 우크라이나 전쟁에 파병하기로 최근 결정한 것으로 파악됐다"고 밝혔다.'


def text_of(ident: str) -> str:
    return (REPO / "data/sources" / f"{ident}.txt").read_text(encoding="utf-8")


def add_source(project: Project, ident: str, text: str, language: str, outlet: str = "sample-outlet") -> None:
    project.write(f"data/sources/{ident}.txt", text)
    digest = hashlib.sha256(text.encode()).hexdigest()
    project.write(
        f"data/sources/{ident}.yml",
        f'id: {ident}\ntitle: null\noutlet: {outlet}\nurl: null\npublished: null\nlanguage: {language}\nsha256: "{digest}"\n',
    )


def korean_claim(quote: str, translation: str = "") -> str:
    return (
        "id: nis-12000\nactor: russia\nstance: asserts\nclaimed_on: null\nstatement: The NIS said North Korea decided to send 12,000 troops.\n"
        f"citations:\n  - source: {SEGYE}\n    quote: {json.dumps(quote, ensure_ascii=False)}\n{translation}"
    )


EDITORS = "    translation:\n      text: The NIS said it.\n      lang: en\n      by: editors\n"


@pytest.fixture
def korean(project: Project) -> Project:
    add_source(project, SEGYE, text_of(SEGYE), "ko")
    return project


def errors(project: Project) -> list[str]:
    result = project.run("validate")
    return [line for line in result.output.splitlines() if not line.startswith("Found ")]


# --- matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        KOREAN_QUOTE,
        KOREAN_QUOTE.replace("1만2천명 규모", "1만2천 명 규모"),  # a space before the counter 명
        KOREAN_QUOTE.replace("1만2천명", "1만 2천명"),  # 만 grouping spaced
        KOREAN_QUOTE.replace("파병하기로", "파병 하기로"),  # a verb spaced from its noun
        KOREAN_QUOTE.replace("규모 병력을", "규모병력을"),  # two phrases run together
    ],
)
def test_korean_spacing_variants_are_accepted(korean: Project, quote: str) -> None:
    korean.write(CLAIM, korean_claim(quote, EDITORS))
    assert errors(korean) == ["3 claims, 5 actors, 1 figure, 2 sources: OK"]


def test_the_span_found_under_the_spacing_rule_is_the_archived_text() -> None:
    text = Normalised.of(text_of(SEGYE))
    span = locate(text, "총 1만 2천 명 규모병력을")
    assert span is not None
    assert text_of(SEGYE)[span[0] : span[1]] == "총 1만2천명 규모 병력을"


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        (KOREAN_QUOTE.replace("1만2천명", "1만3천명"), "one syllable (a number) changed"),
        (KOREAN_QUOTE.replace("파병하기로", "파견하기로"), "one syllable of a word changed"),
        (KOREAN_QUOTE.replace("밝혔다", "밝혔다고"), "a syllable added"),
        (KOREAN_QUOTE.replace('"고', '" 고'), "a space beside punctuation"),
    ],
)
def test_a_one_syllable_change_is_refused_with_the_closest_passage_in_hangul(korean: Project, changed: str, why: str) -> None:
    korean.write(CLAIM, korean_claim(changed, EDITORS))
    found = errors(korean)
    assert found == [
        f"{CLAIM}:8:12: quote not found in data/sources/{SEGYE}.txt. Hint: copy it exactly: only spacing and curly versus straight quotes may differ; "
        f'the closest passage is "{KOREAN_QUOTE}"'
    ], why


def test_the_closest_passage_in_hangul_keeps_the_texts_own_spacing() -> None:
    text = Normalised.of(text_of(SEGYE))
    assert closest_passage(text, "북한 지상군의 대규모파병은 이번이 첫번째이다.") == "북한 지상군의 대규모 파병은 이번이 처음이다."


def test_a_short_korean_quote_is_counted_in_characters(korean: Project) -> None:
    korean.write(CLAIM, korean_claim("국정원", EDITORS))
    assert errors(korean) == [
        f"{CLAIM}:8:12: quote is too short to show where the claim comes from: 3 characters, found 2 times in data/sources/{SEGYE}.txt. "
        "Hint: quote at least 8 characters, or characters found only once in the text; the whole sentence is best."
    ]


def test_a_cyrillic_look_alike_in_a_latin_quote_is_refused_and_named(project: Project) -> None:
    project.edit("data/claims/russia-denies.yml", "quote: 'Russia last week", "quote: 'Russiа last week")  # Cyrillic а
    assert errors(project) == [
        "data/claims/russia-denies.yml:9:12: quote not found in data/sources/2024-10-18-sample.txt. Hint: the quote mixes look-alike letters "
        'of another script into its words: "Russiа" has U+0430 CYRILLIC SMALL LETTER A where the archived text has U+0061 LATIN SMALL LETTER A. '
        "Retype those words."
    ]


# --- languages -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        ("ua", 'language "ua" is not a BCP 47 tag the IANA registry knows. Hint: write a BCP 47 tag from the IANA registry, such as "en", "ko", "ru" or "uk".'),
        ("kor", 'language "kor" is not in its standard form. Hint: write "ko" (the IANA registry\'s preferred form).'),
        ("en-UK", 'language "en-UK" is not in its standard form. Hint: write "en-GB" (the IANA registry\'s preferred form).'),
    ],
)
def test_a_source_language_is_checked_against_the_registry(project: Project, tag: str, message: str) -> None:
    project.edit("data/sources/2024-10-18-sample.yml", "language: en", f"language: {tag}")
    assert errors(project) == [f"data/sources/2024-10-18-sample.yml:11:11: {message}"]


def test_a_quote_in_another_language_needs_a_translation(korean: Project) -> None:
    korean.write(CLAIM, korean_claim(KOREAN_QUOTE))
    assert errors(korean) == [
        f'{CLAIM}:8:12: the quote is in ko (the language of source "{SEGYE}") and has no translation. '
        "Hint: add translation: {text, lang: en, by: editors} beside it, or an outlet's published translation."
    ]


def test_an_outlets_published_translation_is_verified_against_its_archived_text(korean: Project) -> None:
    english = "The National Intelligence Service said on Friday that North Korea had decided to send 12,000 troops, four brigades including special forces."
    add_source(korean, "yonhap-english", f"Seoul, Oct. 18 (Yonhap) -- {english}\n", "en", outlet="the-war-zone")
    published = f"    translation:\n      text: {json.dumps(english)}\n      lang: en\n      by: the-war-zone\n      source: yonhap-english\n"
    korean.write(CLAIM, korean_claim(KOREAN_QUOTE, published))
    assert errors(korean) == ["3 claims, 5 actors, 1 figure, 3 sources: OK"]
    korean.write(CLAIM, korean_claim(KOREAN_QUOTE, published.replace("had decided", "has decided")))
    assert errors(korean) == [
        f"{CLAIM}:10:13: translation not found in data/sources/yonhap-english.txt, the outlet's published translation. "
        "Hint: copy the outlet's words exactly: only spacing and curly versus straight quotes may differ; "
        f'the closest passage is "{english}"'
    ]
    korean.write(CLAIM, korean_claim(KOREAN_QUOTE, published.replace("by: the-war-zone", "by: sample-outlet")))
    assert errors(korean) == [
        f'{CLAIM}:12:11: source "yonhap-english" was published by "the-war-zone", not "sample-outlet". Hint: set by to "the-war-zone", or cite the translation sample-outlet published.'
    ]


def test_an_editors_translation_cannot_claim_an_archived_source(korean: Project) -> None:
    korean.write(CLAIM, korean_claim(KOREAN_QUOTE, EDITORS + "      source: 2024-10-18-sample\n"))
    assert errors(korean) == [
        f"{CLAIM}:13:15: the editors' own translation has no archived source. "
        "Hint: remove source, or set by to the actor id of the outlet that published the translation."
    ]


# --- ingest --------------------------------------------------------------------------------------


def page(lang_attribute: str, json_ld: dict[str, str], body: str, title: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n") if p.strip())
    return (
        f'<!doctype html>\n<html{lang_attribute}>\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "headline": title, **json_ld}, ensure_ascii=False)}</script>\n'
        f'</head>\n<body>\n<nav><a href="/">홈</a></nav>\n<article>\n<h1>{title}</h1>\n{paragraphs}</article>\n</body>\n</html>\n'
    ).encode()


def korean_body() -> str:
    # The Korean report, twice over, with a paragraph between: extraction needs 500 characters.
    return "\n\n".join([text_of(SEGYE), "이 기사는 시험용 사본입니다.", text_of(SEGYE).replace("18일", "오늘")])


def test_a_korean_saved_page_states_its_language_in_html_lang(project: Project, tmp_path: Path) -> None:
    saved = tmp_path / "korean.html"
    saved.write_bytes(page(' lang="ko-KR"', {}, korean_body(), "국정원, 북한군 파병 결정"))
    result = project.run("ingest", str(saved), "--outlet", "sample-outlet", "--no-input")
    assert result.exit_code == 0, result.output
    (written,) = [p for p in project.path("data/sources").glob("*.yml") if "sample" not in p.name]
    text = written.read_text(encoding="utf-8")
    assert 'language: "ko-KR"\nlanguage_basis: "stated"\nlanguage_note: "Stated in <html lang>."\n' in text
    archived = written.with_suffix(".txt").read_text(encoding="utf-8")
    assert "총 1만2천명 규모 병력을" in archived
    assert project.run("validate").exit_code == 0


def test_a_cyrillic_web_archive_states_its_language_in_json_ld(project: Project, tmp_path: Path) -> None:
    body = "\n\n".join([text_of(SVPRESSA), text_of(SVPRESSA).replace("Ранее", "Также")])
    html = page("", {"inLanguage": "ru"}, body, "В Кремле ответили на слухи")
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(warc(("https://news.example/432864", "text/html; charset=utf-8", html, 200)))
    result = project.run("ingest", str(archive), "--outlet", "sample-outlet", "--no-input")
    assert result.exit_code == 0, result.output
    (written,) = [p for p in project.path("data/sources").glob("*.yml") if "sample" not in p.name]
    assert 'language: "ru"\nlanguage_basis: "stated"\nlanguage_note: "Stated in JSON-LD NewsArticle.inLanguage."\n' in written.read_text(encoding="utf-8")
    assert project.run("validate").exit_code == 0


def test_a_text_that_states_no_language_has_it_detected_and_marked_inferred(project: Project) -> None:
    result = project.run("ingest", "-", "--outlet", "sample-outlet", input=text_of(UKRINFORM))
    assert result.exit_code == 0, result.output
    (written,) = [p for p in project.path("data/sources").glob("*.yml") if "sample" not in p.name]
    assert (
        'language: "uk"\nlanguage_basis: "inferred"\n'
        'language_note: "Detected from the text by py3langid (probability 1.00); neither the page nor the editor states a language."\n'
    ) in written.read_text(encoding="utf-8")


def test_a_language_given_that_is_not_a_tag_is_refused(project: Project) -> None:
    before = project.files()
    result = project.run("ingest", "-", "--language", "Korean", input=text_of(SEGYE))
    assert result.exit_code == 1
    assert result.output.startswith('--language:1:1: language "Korean" is not a BCP 47 tag the IANA registry knows.')
    assert project.files() == before


# --- on the site -----------------------------------------------------------------------------------


def test_the_original_is_marked_with_its_lang_beside_its_translation(site_project: Project) -> None:
    add_source(site_project, SEGYE, text_of(SEGYE), "ko")
    site_project.write(CLAIM, korean_claim(KOREAN_QUOTE, EDITORS))
    result = site_project.run("generate")
    assert result.exit_code == 0, result.output
    source_page = site_project.path(f"briefings/sources/{SEGYE}.md").read_text(encoding="utf-8")
    pair = (
        '<span class="quote-pair"><span class="original" lang="ko">“국가정보원은 18일 &#34;북한이 특수부대 등 4개 여단 총 1만2천명 규모 병력을 '
        "우크라이나 전쟁에 파병하기로 최근 결정한 것으로 파악됐다&#34;고 밝혔다.”</span> "
        '<span class="translation" lang="en">“The NIS said it.” <small>(the editors\' translation)</small></span></span>'
    )
    assert pair in source_page
    assert '<div class="archived-text" lang="ko">' in source_page


def test_an_estimate_shows_its_words_in_the_original_beside_the_english(site_project: Project) -> None:
    add_source(site_project, SEGYE, text_of(SEGYE), "ko")
    english = "Zelenskyy said 12,000 troops are coming."
    site_project.write(
        CLAIM,
        korean_claim(KOREAN_QUOTE, EDITORS).replace(
            "stance: asserts", 'figure: nk-troops-planned\nvalue:\n  text: "12,000"\n  low: 12000\n  high: 12000\nstance: asserts'
        )
        + f"  - source: 2024-10-18-sample\n    quote: {json.dumps(english)}\n",
    )
    site_project.edit("data/sources/2024-10-18-sample.txt", "Pyongyang is preparing", f"{english} Pyongyang is preparing")
    digest = hashlib.sha256(site_project.path("data/sources/2024-10-18-sample.txt").read_bytes()).hexdigest()
    site_project.edit("data/sources/2024-10-18-sample.yml", 'sha256: "e89086b84ae56dde7db03742b2dbc5c17a39c25621a5c086d3124f595c40ef00"', f'sha256: "{digest}"')
    result = site_project.run("generate")
    assert result.exit_code == 0, result.output
    figure_page = site_project.path("briefings/figures/nk-troops-planned.md").read_text(encoding="utf-8")
    assert re.search(r'“12,000”<br><small>read as 12,000 [a-z]+</small><br><small><span lang="ko">“1만2천”</span> in the Korean original</small>', figure_page)


# --- suggest in the original -------------------------------------------------------------------------

HELD_BACK = Path(__file__).parent / "data" / "originals" / "voakorea-7827289.txt"


def corpus_copy(tmp_path: Path) -> Project:
    shutil.copytree(REPO / "data", tmp_path / "corpus" / "data")
    return Project(tmp_path / "corpus")


def hedge_key(draft: dict[str, Any]) -> str | None:
    """The English hedge key of a draft's value, read from its words as the labels give it."""
    read = numerals.read(draft["value"]["text"], "ko")
    return read[1] if read else draft["value"].get("hedge")


def test_suggest_drafts_the_nis_numbers_of_a_held_back_korean_article_with_their_actor(tmp_path: Path) -> None:
    labels = yaml.safe_load((HELD_BACK.with_suffix(".labels.yml")).read_text(encoding="utf-8"))["expected"]
    corpus = corpus_copy(tmp_path)
    result = corpus.run("ingest", str(HELD_BACK), "--id", "voakorea-7827289", "--url", "https://voakorea.com/a/7827289.html", "--outlet", "voa", "--no-input")
    assert result.exit_code == 0, result.output
    result = corpus.run("suggest", "voakorea-7827289", "--write")
    assert result.exit_code == 0, result.output
    folder = corpus.path("data/drafts/voakorea-7827289")
    drafts = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("claims/*.yml"))]
    # A number already on file (same actor, figure and bounds) is proposed as a citation of that claim.
    cited = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("citations/*.yml"))]
    for label in labels:
        words = label["text"].removesuffix("명").strip()
        matching = [
            d
            for d in drafts
            if d["value"]["text"] == words and label["number"] in (d["value"].get("low"), d["value"].get("high")) and hedge_key(d) == label["hedge"]
        ] + [
            d
            for d in cited
            if words in d["citations"][-1]["quote"] and label["number"] in (d["value"].get("low"), d["value"].get("high")) and hedge_key(d) == label["hedge"]
        ]
        assert matching, f"no draft of {label['text']}: {[d['value'] for d in drafts + cited]}"
        assert {d["actor"] for d in matching} == {label["actor"]}
    assert [d["id"] for d in cited] == ["nis-12000-decided-via-yonhap"]
    more_than = next(d for d in drafts if d["value"]["text"] == "1천500여")
    assert more_than["value"] == {
        "text": "1천500여",
        "hedge": "여",
        "low": 1500,
        "note": '"1천500여" read as "more than 1,500" (ko number words, generator/data/numerals.py)',
    }
    assert "Add a translation beside the quote" in " ".join(more_than["review"])
    # The drafts are valid as drafts: validate checks them, the translation is asked for in review.
    result = corpus.run("validate")
    assert result.exit_code == 0, result.output


def test_suggest_reads_a_ukrainian_pronoun_as_the_person_named_before(tmp_path: Path) -> None:
    corpus = corpus_copy(tmp_path)
    text = text_of(UKRINFORM).replace("близько 11 000 солдат", "майже 12 тисяч солдат")
    result = corpus.run("ingest", "-", "--id", "ukrinform-variant", "--outlet", "ukrinform", input=text)
    assert result.exit_code == 0, result.output
    result = corpus.run("suggest", "ukrinform-variant")
    assert result.exit_code == 0, result.output
    (draft,) = [d for d in yaml.safe_load_all(result.stdout) if d and d.get("value", {}).get("text") == "майже 12 тисяч"]
    assert draft["actor"] == "kyrylo-budanov"
    assert draft["value"]["hedge"] == "майже" and draft["value"]["high"] == 12000
    assert draft["review"][0] == 'Attributed through "він" with "сказав", read as Kyrylo Budanov, the person named last.'


@pytest.mark.parametrize(("encoding", "ident", "lang", "body"), [("euc-kr", SEGYE, "ko", "korean"), ("windows-1251", SVPRESSA, "ru", "russian")])
def test_pages_in_korean_and_cyrillic_legacy_encodings_read_by_their_meta_charset(
    project: Project, tmp_path: Path, encoding: str, ident: str, lang: str, body: str
) -> None:
    text = korean_body() if body == "korean" else "\n\n".join([text_of(SVPRESSA), text_of(SVPRESSA).replace("Ранее", "Также")])
    html = (
        page(f' lang="{lang}"', {}, text, "제목" if body == "korean" else "Заголовок")
        .decode()
        .replace('<meta charset="utf-8">', f'<meta charset="{encoding}">')
    )
    saved = tmp_path / "legacy.html"
    saved.write_bytes(html.replace('<nav><a href="/">홈</a></nav>', "<nav></nav>").encode(encoding))
    result = project.run("ingest", str(saved), "--outlet", "sample-outlet", "--no-input")
    assert result.exit_code == 0, result.output
    (written,) = [p for p in project.path("data/sources").glob("*.txt") if "sample" not in p.name]
    assert text_of(ident).split("\n\n")[-2] in written.read_text(encoding="utf-8")
    assert f'language: "{lang}"\nlanguage_basis: "stated"' in written.with_suffix(".yml").read_text(encoding="utf-8")


def test_a_korean_value_is_checked_against_its_bounds(korean: Project) -> None:
    value = 'figure: nk-troops-planned\nvalue:\n  text: "1만2천"\n  low: 10000\n  high: 10000\nstance: asserts'
    korean.write(CLAIM, korean_claim(KOREAN_QUOTE, EDITORS).replace("stance: asserts", value))
    assert errors(korean) == [
        f'{CLAIM}:5:9: value.text "1만2천" is the number 12,000, outside the bounds 10,000 to 10,000. '
        "Hint: the bounds are the numbers the words allow: fix the digits in low/high, or the text."
    ]
