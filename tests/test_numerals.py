"""Number words of Korean, Russian and Ukrainian reports, read into a number and a hedge (generator/data/numerals.py)."""

from __future__ import annotations

import pytest

from generator.data.numerals import HEDGE_KEYS, find, hedge_words, read, value_data
from generator.data.readings import LEXICON, lexicon_reading
from generator.model import Value


@pytest.mark.parametrize(
    ("text", "language", "number", "hedge"),
    [
        ("1만1천", "ko", 11_000, None),
        ("1만2천명", "ko", 12_000, None),
        ("3천여 명", "ko", 3_000, "more than"),
        ("1천500여 명", "ko", 1_500, "more than"),
        ("약 1만 명", "ko", 10_000, "about"),
        ("최대 10만 명", "ko", 100_000, "up to"),
        ("거의 1만1천 명", "ko", 11_000, "almost"),
        ("3천 명 이상", "ko", 3_000, "at least"),
        ("최소 100여명", "ko", 100, "at least"),
        ("적어도 300명", "ko", 300, "at least"),
        ("1만 명 가량", "ko", 10_000, "about"),
        ("수만 명", "ko", 10_000, "tens of thousands"),
        ("12,000명", "ko", 12_000, None),
        ("около 12 тысяч", "ru", 12_000, "about"),
        ("почти 11 тысяч", "ru", 11_000, "almost"),
        ("более 10 тыс.", "ru", 10_000, "more than"),
        ("около 1,5 тыс.", "ru", 1_500, "about"),
        ("двенадцать тысяч", "ru", 12_000, None),
        ("десятки тысяч", "ru", 10_000, "tens of thousands"),
        ("до 100 тисяч", "uk", 100_000, "up to"),
        ("близько 11 000", "uk", 11_000, "about"),
        ("близько 11 тисяч", "uk", 11_000, "about"),
        ("понад 10 тисяч", "uk", 10_000, "more than"),
        ("майже 11 тисяч", "uk", 11_000, "almost"),
        ("щонайменше 3 тисячі", "uk", 3_000, "at least"),
    ],
)
def test_a_number_phrase_is_read_into_a_number_and_an_english_hedge_key(text: str, language: str, number: float, hedge: str | None) -> None:
    assert read(text, language) == (number, hedge)
    assert hedge is None or hedge in HEDGE_KEYS


def test_phrases_are_found_in_a_sentence_as_slices_of_it() -> None:
    sentence = '국가정보원은 18일 "북한이 특수부대 등 4개 여단 총 1만2천명 규모 병력을 우크라이나 전쟁에 파병하기로 최근 결정한 것으로 파악됐다"고 밝혔다.'
    found = find(sentence, "ko")
    assert [(n.text, n.number) for n in found] == [("4", 4.0), ("1만2천", 12_000.0)]  # "18일" is a date
    assert all(sentence[n.start : n.end] == n.text for n in found)
    sentence = "нині близько 11 000 солдат із Північної Кореї навчаються на сході Росії"
    (found_uk,) = find(sentence, "uk")
    assert (found_uk.text, found_uk.number, found_uk.hedge) == ("близько 11 000", 11_000.0, "about")


@pytest.mark.parametrize(("text", "language"), [("1만 명과 2만 명", "ko"), ("три тысячи и пять", "ru"), ("about 3,000", "en")])
def test_what_is_not_one_number_phrase_is_not_read(text: str, language: str) -> None:
    assert read(text, language) is None


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("3천여 명", "ko", "여"),
        ("약 1만 명", "ko", "약"),
        ("수만 명", "ko", "수만"),
        ("около 12 тысяч", "ru", "около"),
        ("до 100 тисяч", "uk", "до"),
        ("десятки тысяч", "ru", "десятки тысяч"),
        ("12,000명", "ko", None),
    ],
)
def test_a_hedge_keeps_its_own_words_for_value_hedge(text: str, language: str, words: str | None) -> None:
    (found,) = find(text, language)
    assert found.hedge_words == words


@pytest.mark.parametrize(
    ("text", "language", "low", "best", "high", "rule"),
    [
        ("1만1천", "ko", 11_000, 11_000, 11_000, "exact"),  # = 11,000
        ("3천여 명", "ko", 3_000, 3_000, None, "at-least"),  # more than 3,000
        ("около 12 тысяч", "ru", 10_800, 12_000, 13_200, "about"),  # ≈ 12,000, give or take a tenth
        ("до 100 тисяч", "uk", None, 100_000, 100_000, "at-most"),  # up to 100,000
        ("почти 11 тысяч", "ru", 9_900, 11_000, 11_000, "just-under"),
        ("майже 11 тисяч", "uk", 9_900, 11_000, 11_000, "just-under"),
        ("понад 10 тисяч", "uk", 10_000, 10_000, None, "at-least"),
        ("수만 명", "ko", 10_000, 30_000, 100_000, "words"),
    ],
)
def test_number_words_read_through_the_hedge_lexicon(text: str, language: str, low: float | None, best: float, high: float | None, rule: str) -> None:
    (found,) = find(text, language)
    reading = lexicon_reading(Value(**value_data(found)))
    assert (reading.low, reading.best, reading.high, reading.rule) == (low, best, high, rule)


def test_every_hedge_word_read_here_is_a_row_of_the_lexicon_with_its_language() -> None:
    rows = {(word, hedge.lang) for hedge in LEXICON for word in hedge.words}
    for language, by_key in hedge_words().items():
        for words in by_key.values():
            for word in words:
                assert (word, language) in rows, (word, language)
