"""The figures rules for what a seventh batch of fresh real text of the beat showed (the `-m-`
excerpts of the beat gold set): Italian trillions, a Korean myriad after a qualifier that split
it from its number ("800여만 발"), Russian tens in the genitive ("около пятидесяти гаубиц"),
English "-fold" multiples, conversions in full-width brackets and in roubles, Japanese star
ratings and "per person", and equal shares listed in one sentence.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.unit, f.qualifier) for f in found]


def test_italian_trillions_scale_the_number():
    assert read("it", "Il bilancio della difesa sale a 61,2 trilioni di won.") == [
        ("61,2 trilioni di won", 61.2e12, "KRW", None)
    ]


def test_a_korean_myriad_after_a_qualifier_multiplies_the_number():
    assert read("ko", "북한은 총 800여만 발의 포탄을 보냈다.") == [
        ("800여만 발", 8e6, "shells", "at least")
    ]


def test_a_korean_myriad_after_a_unit_is_no_scale():
    assert read("ko", "협상은 2시간 만에 끝났다.") == [("2시간 만", 2.0, "hours", None)]


def test_russian_tens_in_the_genitive_are_numbers():
    assert read("ru", "Россия получила около пятидесяти гаубиц.") == [
        ("около пятидесяти гаубиц", 50.0, "howitzers", "approximately")
    ]


def test_a_twofold_increase_is_two_times():
    text = "The number of shells represents a twofold increase since February, the agency said."
    assert [(f.value, f.unit) for f in enrich_text(text).figures] == [(2.0, "times")]


def test_money_converted_in_brackets_after_roubles_is_one_fact():
    text = "ツアー料金は1人あたり1,250米ドルに20,000ルーブル(約250米ドル)が加算される。"
    assert [f.text for f in enrich_text(text).figures] == ["1,250米ドル", "20,000ルーブル"]


def test_money_converted_in_full_width_brackets_is_one_fact():
    text = "国防予算は61兆2千億ウォン（約440億ドル）に上る。"
    assert [f.unit for f in enrich_text(text).figures] == ["KRW"]


def test_a_star_rating_is_no_figure():
    assert read("ja", "パッケージには4つ星ホテルの宿泊が含まれる。") == []


def test_equal_shares_listed_in_one_sentence_are_different_facts():
    text = (
        "By region, the approval ratings were 85% in Gwangju, 63% in Daejeon and 63% in "
        "Seoul, Gallup Korea said."
    )
    assert [f.text for f in enrich_text(text).figures] == ["85%", "63%", "63%"]


def test_an_equal_share_repeated_in_the_next_sentence_is_the_same_fact():
    text = "Approval stood at 63%, Gallup Korea said. The 63% rating was the highest this year."
    assert [f.text for f in enrich_text(text).figures] == ["63%"]
