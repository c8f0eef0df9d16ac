"""The figures rules for what an eighth batch of fresh real text of the beat showed (the `-n-`
excerpts of the beat gold set): money told again in another currency after "or",
"umgerechnet", "soit" (the same currency twice is two amounts), a calibre written
"152-millimeter", model and isotope numbers glued to their names ("화성포-19형", "코로나19",
"铀235", "121局"), a box-drawing dash between years, Japanese "20年近く", Italian shots and
seconds.

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


def texts(text: str) -> list[str]:
    return [f.text for f in enrich_text(text).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministry asked for 59.59 trillion won, or about $45 billion, next year.",
            ["59.59 trillion won"],
        ),
        (
            "Die Regierung will 66,3 Billionen Won, umgerechnet 47,6 Milliarden Dollar, ausgeben.",
            ["66,3 Billionen Won"],
        ),
        (
            "Le budget atteint 61 200 milliards de wons, soit 44 milliards de dollars.",
            ["61 200 milliards de wons"],
        ),
    ],
)
def test_money_told_again_in_another_currency_is_one_fact(text, expected):
    assert texts(text) == expected


def test_the_same_currency_twice_after_or_is_two_amounts():
    text = "Seoul may pay $5 million or $10 million for the new radar, officials said."
    assert texts(text) == ["$5 million", "$10 million"]


def test_a_calibre_written_in_millimeters_is_no_figure():
    text = "The containers hold over 3 million 152-millimeter artillery shells, Shin said."
    assert texts(text) == ["over 3 million"]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("ko", "북한은 화성포-19형 미사일을 쐈다.", []),
        ("ko", "코로나19 이후 탈북민 229명이 입국했다.", [("229명", 229.0, "people")]),
        ("zh", "高浓缩铀235和钚239的库存增加。", []),
        ("zh", "121局有6000人。", [("6000人", 6000.0, "people")]),
    ],
)
def test_numbers_glued_to_a_name_are_no_figures(language, sentence, expected):
    assert [
        (t, v, "people" if u == "defectors" else u) for t, v, u in read(language, sentence)
    ] == expected


def test_a_box_drawing_dash_joins_two_years():
    assert read("ja", "27─30年は上昇率が5%を超えない。") == [("5%を超え", 5.0, "percent")]


def test_nearly_twenty_years_in_japanese_is_a_duration():
    assert read("ja", "協議は20年近く続いた。") == [("20年近く", 20.0, "years")]


def test_italian_shots_and_seconds():
    assert read("it", "Il K9 spara tre colpi in 15 secondi.") == [
        ("tre colpi", 3.0, "rounds"),
        ("15 secondi", 15.0, "seconds"),
    ]


def test_one_unit_of_a_currency_is_the_base_of_a_rate_not_an_amount():
    text = "In the markets, 1 dollar is traded at 30,800 won, up from 8,000 won a year ago."
    assert texts(text) == ["30,800 won", "8,000 won"]


def test_one_billion_dollars_is_an_amount():
    assert texts("North Korea stole $1 billion in crypto last year, the firm said.") == [
        "$1 billion"
    ]


def test_two_yen_amounts_joined_by_or_in_japanese_are_a_range():
    assert read("ja", "1000ウォンを17円または18円で計算している。")[-1] == (
        "17円または18円",
        17.0,
        "JPY",
    )


def test_one_dollar_set_aside_alone_is_an_amount():
    assert texts("The ministry set aside $1 for the program.") == ["$1"]
