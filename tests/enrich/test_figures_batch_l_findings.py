"""The figures rules for what a sixth batch of fresh real text of the beat showed (the `-l-`
excerpts of the beat gold set: budgets, trade, tourism, warheads): Korean spans of years
("2년 연속", "5년 동안"), Portuguese trillions, a myriad written with two characters
("66.3萬億韓圜"), Chinese currency names, and money converted in a bracket that holds a range
or a qualifier.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.unit) for f in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("국방예산은 2년 연속으로 늘었다.", ("2년 연속", 2.0, "years")),
        ("양측은 6개월간 협상했다.", ("6개월간", 6.0, "months")),
    ],
)
def test_a_korean_span_of_years_or_months_is_a_duration(sentence, expected):
    assert read("ko", sentence) == [expected]


def test_a_korean_year_is_still_a_date():
    assert read("ko", "2024년에 북한은 미사일을 쐈다.") == []


def test_portuguese_trillions_scale_the_number():
    assert read("pt", "O ministério solicitou quase 59,59 trilhões de won.") == [
        ("quase 59,59 trilhões de won", 59.59e12, "KRW")
    ]


def test_a_myriad_written_with_two_characters_multiplies_once():
    assert read("zh", "國防預算為66.3萬億韓圜。") == [("66.3萬億韓圜", 66.3e12, "KRW")]
    assert read("zh", "国防预算为66.3万亿韩元。") == [("66.3万亿韩元", 66.3e12, "KRW")]


def test_hong_kong_dollars_are_money():
    assert read("zh", "約3700億港元") == [("約3700億港元", 3.7e11, "HKD")]


def test_money_converted_in_a_bracket_with_a_range_is_one_fact():
    text = "The tour is priced between 3,600 and 4,600 yuan ($500 and $635)."
    assert [f.text for f in enrich_text(text).figures] == ["between 3,600 and 4,600 yuan"]


def test_money_converted_in_a_bracket_with_a_qualifier_is_one_fact():
    text = "The defence budget is 61.6 trillion won (about US$46.3 billion) next year."
    assert [f.text for f in enrich_text(text).figures] == ["61.6 trillion won"]


def test_a_share_in_a_bracket_after_money_is_its_own_figure():
    text = "Exports rose to $1.2 billion (up 15%) last year, the ministry said."
    assert [f.text for f in enrich_text(text).figures] == ["$1.2 billion", "15%"]


def test_the_last_day_of_a_date_range_is_no_figure():
    text = "The survey, conducted by Gallup Korea between July 1 and 23, polled 1,200 adults."
    assert [f.text for f in enrich_text(text).figures] == ["1,200"]


def test_a_range_of_counts_after_and_is_still_a_figure():
    text = "Russia received between 10 and 20 tanks from its ally, the ministry said."
    assert [f.value for f in enrich_text(text).figures] == [10.0]
