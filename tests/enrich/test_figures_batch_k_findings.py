"""The figures rules for what a fifth batch of fresh real text of the beat showed (the `-k-`
excerpts of the beat gold set, 48 excerpts in 11 languages): one unit of time after a
qualifier ("casi una hora", "moins d'un mois"), vague millions ("millones de proyectiles",
"с миллионами боеприпасов"), a share in brackets after a count, money told again in the
reader's currency, month ranges written with a wave dash, and a calibre in inches.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.unit, f.qualifier) for f in found]


def figures(text: str) -> list[tuple]:
    return [(f.text, f.value, f.unit) for f in enrich_text(text).figures]


# --- one unit of time, after a qualifier ---------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        (
            "es",
            "La reunión terminó tras casi una hora de conversaciones.",
            ("casi una hora", 1.0, "hours", "approximately"),
        ),
        (
            "es",
            "La cumbre duró casi una hora y media.",
            ("casi una hora y media", 1.5, "hours", "approximately"),
        ),
        (
            "fr",
            "Trump revient dans moins d'un mois à la Maison Blanche.",
            ("moins d'un mois", 1.0, "months", "at most"),
        ),
        (
            "de",
            "Das Treffen dauerte fast eine Stunde.",
            ("fast eine Stunde", 1.0, "hours", "approximately"),
        ),
        (
            "pt",
            "A reunião durou quase uma hora e meia.",
            ("quase uma hora e meia", 1.5, "hours", "approximately"),
        ),
        (
            "it",
            "Il vertice è durato quasi un anno.",
            ("quasi un anno", 1.0, "years", "approximately"),
        ),
    ],
)
def test_one_unit_of_time_after_a_qualifier_is_a_duration(language, sentence, expected):
    assert read(language, sentence) == [expected]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("es", "Hace un año, Kim visitó Rusia."),
        ("es", "La reunión duró una hora."),
        ("fr", "Un mois plus tard, Kim est rentré à Pyongyang."),
        ("de", "Ein Jahr später reiste Kim nach Moskau."),
    ],
)
def test_one_unit_of_time_without_a_qualifier_is_no_figure(language, sentence):
    assert read(language, sentence) == []


# --- vague millions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        (
            "es",
            "Corea del Norte suministró millones de proyectiles a Rusia.",
            ("millones de proyectiles", 2e6, "shells", "at least"),
        ),
        (
            "fr",
            "Pyongyang a envoyé des millions d'obus à Moscou.",
            ("millions d'obus", 2e6, "shells", "at least"),
        ),
        (
            "ru",
            "КНДР отправила контейнеры с миллионами боеприпасов.",
            ("миллионами боеприпасов", 2e6, "shells", "at least"),
        ),
        (
            "de",
            "Nordkorea lieferte Millionen Granaten an Russland.",
            ("Millionen Granaten", 2e6, "shells", "at least"),
        ),
    ],
)
def test_millions_without_a_number_are_at_least_two_million(language, sentence, expected):
    assert read(language, sentence) == [expected]


def test_a_number_before_millions_keeps_its_value():
    assert read("es", "Los envíos superan los 12 millones de cartuchos.") == [
        ("12 millones de cartuchos", 12e6, "rounds", None)
    ]


def test_one_million_written_with_the_plural_in_german_is_one_million():
    assert read("de", "Mehr als eine Millionen Granaten hat Russland erhalten.") == [
        ("Mehr als eine Millionen Granaten", 1e6, "shells", "at least")
    ]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("ru", "Погибли около тысячи военных.", ("около тысячи военных", 1000.0)),
        ("uk", "Загинули близько тисячі військових.", ("близько тисячі військових", 1000.0)),
    ],
)
def test_about_a_thousand_in_the_genitive_is_one_thousand_not_thousands(
    language, sentence, expected
):
    (found,) = read(language, sentence)
    assert found[:2] == expected


# --- one fact or two ------------------------------------------------------------------------


def test_a_share_in_brackets_after_a_count_is_a_second_figure():
    found = figures("탈북민은 2021년 63명에 비해 4명(6.3%)이 늘어났다.")
    assert ("6.3%", 6.3, "percent") in found
    assert ("4명", 4.0, "people") in [(t, v, "people") for t, v, _ in found]


def test_a_conversion_in_brackets_is_still_one_fact():
    found = figures("The missile flew 300 km (185 mi) before it fell into the sea.")
    assert [t for t, _, _ in found] == ["300 km"]


def test_money_told_again_in_won_is_one_fact():
    found = figures(
        "북한이 탈취한 금액이 약 30억 달러, 우리 돈으로 약 4조 원으로 추산된다고 밝혔습니다."
    )
    assert found == [("약 30억 달러", 3e9, "USD")]


def test_a_month_range_with_a_wave_dash_is_a_date_not_a_figure():
    found = figures("韓国統一部は、今年1〜3月に韓国に入国した脱北者は43人だったと発表した。")
    assert [t for t, _, _ in found] == ["43人"]


def test_a_calibre_in_inches_after_millimetres_is_no_figure():
    found = figures(
        "Los envíos superan los 12 millones de cartuchos de 152 milímetros (6 pulgadas)."
    )
    assert [t for t, _, _ in found] == ["12 millones de cartuchos"]
