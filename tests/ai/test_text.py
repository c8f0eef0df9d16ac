"""Sentences and terms: the regex splitter knows news abbreviations and keeps quotes whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.ai.text import numbers_in, split_sentences, terms


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Yoon warned that such cooperation breaches U.N. Security Council resolutions. "
        "From Jan. to July 2023, South Korea imported 17.38 million metric tons of coal. "
        "Gen. Kim said the U.S. would respond. It did."
    )
    assert split_sentences(text) == [
        "Yoon warned that such cooperation breaches U.N. Security Council resolutions.",
        "From Jan. to July 2023, South Korea imported 17.38 million metric tons of coal.",
        "Gen. Kim said the U.S. would respond.",
        "It did.",
    ]


def test_a_closing_quote_stays_with_its_sentence() -> None:
    text = '"We will respond," the ministry said. "It is a violation." Seoul protested.'
    assert split_sentences(text) == [
        '"We will respond," the ministry said.',
        '"It is a violation."',
        "Seoul protested.",
    ]


def test_korean_sentences_split_too() -> None:
    text = "북한이 위성을 궤도에 진입시켰다고 주장했다. 국가정보원은 러시아가 조언했다고 밝혔다."
    assert len(split_sentences(text)) == 2


def test_decimal_numbers_and_initials_do_not_split() -> None:
    assert split_sentences("The index rose 3.5 percent. Kim J. Un spoke.") == [
        "The index rose 3.5 percent.",
        "Kim J. Un spoke.",
    ]


def test_terms_fold_plurals_and_drop_stop_words() -> None:
    assert terms("The troops of North Korea's army") == ["troop", "north", "korea", "army"]


def test_numbers_drop_separators() -> None:
    assert numbers_in("about 11,000 troops and 2.5 million shells.") == {"11000", "2.5"}


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=6))
def test_splitting_loses_no_words(parts: list[str]) -> None:
    paragraph = " ".join(parts)
    assert " ".join(split_sentences(paragraph)).split() == paragraph.split()
