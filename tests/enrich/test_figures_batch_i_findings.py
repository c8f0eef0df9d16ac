"""The figures rules for what a third batch of fresh real text of the beat showed (the `-i-`
excerpts of the beat gold set: balloons, oil barrels, crypto theft, border crossings):
balloons counted in other languages, a short month name after a day, Italian thousands written
as one word, "to" after a year, soldiers who cross a border, Chinese "数据" that holds no cue,
years written "2023 年", a relay citing unnamed sources, long source names, "per year", a
ministry's data in Japanese, and whoever a text cites for data owning none of it.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers

NK = "country:north-korea"


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.unit) for f in found]


def ledger(text: str, published: date | None = None) -> list[tuple]:
    figures = enrich_text(text, published=published).figures
    return [
        (f.text, f.measure, f.subject_entity_id, f.claimant_entity_id, f.as_of) for f in figures
    ]


# --- what is counted -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("es", "Pyongyang lanzó unos 300 globos con basura.", ("unos 300 globos", 300.0)),
        ("fr", "Pyongyang a lancé environ 300 ballons.", ("environ 300 ballons", 300.0)),
        ("de", "Pjöngjang schickte etwa 300 Ballons.", ("etwa 300 Ballons", 300.0)),
        ("it", "Pyongyang ha lanciato 300 palloncini.", ("300 palloncini", 300.0)),
        ("pt", "Pyongyang lançou 300 balões de lixo.", ("300 balões", 300.0)),
        ("ru", "КНДР запустила более 300 шаров с мусором.", ("более 300 шаров", 300.0)),
        ("uk", "КНДР запустила 300 повітряних куль.", ("300 повітряних куль", 300.0)),
    ],
)
def test_balloons_are_counted_as_balloons_in_every_language(language, sentence, expected):
    assert read(language, sentence) == [(*expected, "balloons")]


def test_a_short_month_name_after_a_day_makes_a_date_not_a_count():
    # "28 мая" is May 28: the three letters of the month are no word to skip
    assert read("ru", "С 28 мая КНДР запустила 3600 ракет.") == [("3600 ракет", 3600.0, "missiles")]


def test_italian_thousands_written_as_one_word():
    assert read("it", "Ha raggiunto un'altitudine di seimila chilometri.") == [
        ("seimila chilometri", 6000.0, "km")
    ]


def test_to_after_a_year_starts_the_next_count_not_a_range():
    found = ledger("Hacking incidents increased from 282 in 2023 to 303 in 2024.")
    assert [(text, as_of) for text, *_, as_of in found] == [("282", "2023"), ("303", "2024")]


def test_soldiers_who_cross_a_border_are_people_not_troops_sent():
    found = ledger("About 20 North Korean soldiers briefly crossed the border, Seoul said.")
    assert found[0][:3] == ("About 20", "people", NK)


# --- the date --------------------------------------------------------------------------------


def test_a_year_written_with_its_mark_dates_the_figures_after_it():
    text = "2023 年朝鲜黑客共窃取了 6.61 亿美元;2024 年,他们在 47 次盗窃中共窃取了 13.4 亿美元。"
    assert [f[-1] for f in ledger(text)] == ["2023", "2024", "2024"]


def test_a_marked_year_with_its_month_and_no_later_month():
    assert [f[-1] for f in ledger("2024년 10월 탈북민은 76명이었다.")] == ["2024-10"]
    # a later month in the clause dates the figure, not the year before it
    later = ledger("2024년 10월부터 파병됐고 지난 2월 중순부터 약 4천 명의 사상자가 발생했다.")
    assert later[-1][-1] is None


# --- who claims it ---------------------------------------------------------------------------


def test_data_holds_no_according_to_cue_in_chinese():
    # "数据" (data) ends in "据" (according to): what follows it is no source
    found = ledger("根据 Chainalysis 的数据,朝鲜黑客共窃取了 6.61 亿美元。")
    assert found[0][2:4] == (NK, "org:chainalysis")


def test_a_relay_citing_unnamed_sources_is_the_claimant():
    text = "Yonhap news agency, citing anonymous military sources, said about 90 balloons fell."
    assert ledger(text)[0][3] == "org:yonhap"


def test_a_long_source_name_begun_within_the_phrase_after_its_cue():
    text = (
        "Russia supplied North Korea with over a million barrels of oil, according to an "
        "analysis conducted by the UK-based research group Open Source Centre."
    )
    assert ledger(text)[0][3] == "org:open-source-centre"


def test_per_year_is_a_rate_not_a_source():
    text = "North Korea may import 500,000 barrels of refined oil per year under U.N. sanctions."
    assert ledger(text)[0][3] is None


def test_a_ministry_named_for_its_data_speaks_for_the_figures_after_it_in_japanese():
    text = (
        "第3四半期に韓国に入国した脱北者は計76人だったことが統一省のデータでわかった。\n"
        "第1四半期は43人だった。"
    )
    found = enrich_text(text).figures
    assert [(f.unit, f.claimant_entity_id) for f in found] == [
        ("defectors", "org:unification-ministry"),
        ("people", "org:unification-ministry"),
    ]


# --- whose it is -----------------------------------------------------------------------------


def test_whoever_a_text_cites_for_data_owns_none_of_it():
    text = (
        "North Korean hackers were busy in 2024. According to a study conducted by "
        "Chainalysis, these hackers stole $1.34 billion."
    )
    assert ledger(text)[0][2:4] == (NK, "org:chainalysis")
