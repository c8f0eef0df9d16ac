"""The figures rules for what a ninth batch of fresh real text of the beat showed (the `-o-`
excerpts of the beat gold set): a model's number after a hyphen ("화산-31", "F-35A"), a date
or a clock time spaced out in Chinese ("今 ( 31 ) 日"), kilometres written "千米" (no
thousand), Italian "mila miliardi", centimetres in Korean, seconds in English, and a span of
time converted in brackets.

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
    ("language", "sentence"),
    [
        ("ko", "북한은 전술 핵탄두 화산-31을 공개했다."),
        ("ru", "Над Курском сбит Су-25."),
        ("zh", "韓國聯合參謀本部今 ( 31 ) 日通報。"),
    ],
)
def test_a_model_number_or_a_spaced_out_date_is_no_figure(language, sentence):
    assert read(language, sentence) == []


def test_kilometres_written_with_the_thousand_sign_are_no_thousands():
    assert read("zh", "飛行高度約為7,000千米。") == [("約為7,000千米", 7000.0, "km")]


def test_a_thousand_people_are_still_a_thousand():
    assert read("zh", "有5千人參加。") == [("5千人", 5000.0, "people")]


def test_italian_thousands_of_billions_are_trillions():
    assert read("it", "Il piano vale circa 132 mila miliardi di won.") == [
        ("circa 132 mila miliardi di won", 132e12, "KRW")
    ]


def test_korean_centimetres():
    assert read("ko", "탄두의 직경은 40㎝로 추정된다.") == [("40㎝", 40.0, "cm")]


def test_a_span_of_time_converted_in_brackets_is_one_fact():
    text = "The missile flew for 5,156 seconds (about 1 hour and 25 minutes), KCNA said."
    assert [(f.text, f.unit) for f in enrich_text(text).figures] == [("5,156 seconds", "seconds")]


def test_a_share_in_brackets_after_a_count_is_no_conversion():
    text = "Russia lost 3 ships (about 10%) in the Black Sea, the navy said."
    assert [f.text for f in enrich_text(text).figures] == ["3", "about 10%"]
