"""Numbers in text that is not English (`numbers.py` + the lexicon files), sentence by sentence.

Every sentence here is written for the test in the style of the beat; values, units and
qualifiers are read off by hand.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich.numbers import find_numbers


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.high, f.unit, f.qualifier) for f in found]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # group separators differ: "." in German, a space in French, "," in Korean
        (
            "de",
            "Rund 12.500 Soldaten sind dort.",
            [("Rund 12.500 Soldaten", 12500.0, None, "soldiers", "approximately")],
        ),
        (
            "fr",
            "Au moins 8 000 soldats y sont.",
            [("Au moins 8 000 soldats", 8000.0, None, "soldiers", "at least")],
        ),
        (
            "es",
            "Más de 2.300 soldados murieron.",
            [("Más de 2.300 soldados", 2300.0, None, "soldiers", "at least")],
        ),
        (
            "it",
            "Quasi 4.100 soldati sono feriti.",
            [("Quasi 4.100 soldati", 4100.0, None, "soldiers", "approximately")],
        ),
        (
            "pt",
            "Pelo menos 700 soldados morreram.",
            [("Pelo menos 700 soldados", 700.0, None, "soldiers", "at least")],
        ),
        # a decimal comma with a scale word
        (
            "ru",
            "Потери составили 3,2 тысячи человек.",
            [("3,2 тысячи человек", 3200.0, None, "people", None)],
        ),
        # spelled numbers in their case forms, with a scale word
        (
            "ru",
            "Отправят восемь тысяч строителей.",
            [("восемь тысяч строителей", 8000.0, None, "builders", None)],
        ),
        (
            "uk",
            "Загинули понад три тисячі військових.",
            [("понад три тисячі військових", 3000.0, None, "soldiers", "at least")],
        ),
        ("de", "Sieben Pioniere kamen zurück.", [("Sieben Pioniere", 7.0, None, "sappers", None)]),
        # a range, the scale written once at its end
        (
            "de",
            "Es waren 2 bis 3 Millionen Granaten.",
            [("2 bis 3 Millionen Granaten", 2e6, 3e6, "shells", None)],
        ),
        (
            "es",
            "Entre 7.000 a 9.000 soldados.",
            [("7.000 a 9.000 soldados", 7000.0, 9000.0, "soldiers", None)],
        ),
        # East Asian myriads and counters, qualifiers written after the number
        ("ko", "북한군 2만2천명이 배치됐다.", [("2만2천명", 22000.0, None, "people", None)]),
        ("ko", "부상자는 500여명이다.", [("500여명", 500.0, None, "people", "at least")]),
        ("ja", "約3万人の兵力を送った。", [("約3万人", 30000.0, None, "troops", "approximately")]),
        ("zh", "超过2万名士兵抵达。", [("超过2万名", 20000.0, None, "soldiers", "at least")]),
        ("zh", "400多人受伤。", [("400多人", 400.0, None, "people", "at least")]),
        # a comma before three digits groups thousands even where the decimal mark is a comma
        (
            "es",
            "Llegaron unos 4,500 soldados.",
            [("unos 4,500 soldados", 4500.0, None, "soldiers", "approximately")],
        ),
        # a counter, then the noun naming what it counts
        (
            "ko",
            "1만2천여 개의 컨테이너가 갔다.",
            [("1만2천여 개", 12000.0, None, "containers", "at least")],
        ),
        # durations
        ("es", "La reunión duró tres horas.", [("tres horas", 3.0, None, "hours", None)]),
        ("de", "Der 90-tägige Einsatz endete.", [("90-tägige", 90.0, None, "days", None)]),
        ("ja", "会談は約3時間続いた。", [("約3時間", 3.0, None, "hours", "approximately")]),
    ],
)
def test_numbers_with_their_unit_and_qualifier(language, sentence, expected):
    assert read(language, sentence) == expected


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Am 4. Juni 2024 um 12:30 Uhr begann es."),  # a date and a clock time
        ("fr", "Le traité de 1961 a été signé le 11 juillet."),  # a year and a day of a month
        ("es", "Firmaron acuerdos en 1961, 2000 y 2001."),  # years only
        ("ru", "Об этом сообщили 30 апреля."),  # a day of a month
        ("ko", "북한은 8일 오전 미사일을 발사했다."),  # "8일": the 8th
        ("ja", "午前2時頃に到着した。"),  # two o'clock
        ("zh", "朝中社19日报道。"),  # the 19th
        ("de", "Neun von ihnen schwiegen."),  # a spelled number that counts no noun
    ],
)
def test_dates_times_and_bare_words_are_not_figures(language, sentence):
    assert read(language, sentence) == []


def test_a_spelled_scale_alone_is_a_figure_only_with_a_qualifier():
    assert read("uk", "Поранених може бути до тисячі.") == [
        ("до тисячі", 1000.0, None, None, "at most")
    ]
    assert read("uk", "Тисячі людей вийшли.") == [("Тисячі людей", 1000.0, None, "people", None)]


def test_a_number_glued_to_the_word_before_is_still_read_whole():
    # a heading run into the text: "...Kim Jong-un.11 000 soldats"; not "000 soldats"
    assert read("fr", "avec Kim Jong-un.11 000 soldats") == [
        ("11 000 soldats", 11000.0, None, "soldiers", None)
    ]


def test_the_noun_after_another_number_is_not_this_ones():
    # "2025" must not take "Schiffen" across "mit vier"; "vier Schiffen" is its own figure
    found = read("de", "zwischen September 2023 und März 2025 mit vier Schiffen")
    assert found == [("vier Schiffen", 4.0, None, "ships", None)]


def test_languages_without_a_file_give_nothing():
    assert find_numbers("Tentara 5.000 orang", 0, 18, "id") == []
