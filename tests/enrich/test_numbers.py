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
            [("Entre 7.000 a 9.000 soldados", 7000.0, 9000.0, "soldiers", None)],
        ),
        (
            "es",
            "la llegada de entre 10,000 y 12,000 tropas de Corea del Norte",
            [("entre 10,000 y 12,000 tropas", 10000.0, 12000.0, "troops", None)],
        ),
        (
            "de",
            "Es kamen zwischen 10.000 und 12.000 Soldaten.",
            [("zwischen 10.000 und 12.000 Soldaten", 10000.0, 12000.0, "soldiers", None)],
        ),
        # "d'" glued to the counted noun; a rate's span of time is not what it counts
        (
            "fr",
            "environ six millions d'obus, au rythme de 10.000 par jour",
            [
                ("environ six millions d'obus", 6e6, None, "shells", "approximately"),
                ("10.000", 10000.0, None, None, None),
            ],
        ),
        ("fr", "Le rythme est de trois par mois.", [("trois", 3.0, None, None, None)]),
        # a noun before the number says what a counter of people counts
        (
            "ja",
            "戦死した北朝鮮兵は2000人余りと推定",
            [("2000人余り", 2000.0, None, "soldiers", "at least")],
        ),
        # Korean: "N년 만에" is a span of years, native numbers before a counter, degrees
        ("ko", "24년 만에 평양을 방문했다.", [("24년 만", 24.0, None, "years", None)]),
        ("ko", "약 두 시간에 걸친 회담", [("약 두 시간", 2.0, None, "hours", "approximately")]),
        ("ko", "30도가 넘는 무더위", [("30도가 넘는", 30.0, None, "degrees", "at least")]),
        # a scale after an article, vague plurals (a lower bound), shares of a whole
        (
            "es",
            "Envió más de un millón de proyectiles y miles de soldados.",
            [
                ("más de un millón de proyectiles", 1e6, None, "shells", "at least"),
                ("miles de soldados", 2000.0, None, "soldiers", "at least"),
            ],
        ),
        (
            "de",
            "Die Hälfte der Granaten kam aus Nordkorea.",
            [("Die Hälfte", 50.0, None, "percent", None)],
        ),
        (
            "fr",
            "plus d'un million d'obus",
            [("plus d'un million d'obus", 1e6, None, "shells", "at least")],
        ),
        (
            "pt",
            "O orçamento sobe para 61,6 biliões de wones.",
            [("61,6 biliões de wones", 61.6e12, None, "KRW", None)],
        ),
        # Korean: trillions and hundreds in myriad groups, the noun before the number
        ("ko", "국방예산은 61조6천억원이다.", [("61조6천억원", 61.6e12, None, "KRW", None)]),
        (
            "ko",
            "총 1만5,000여명, 최소 1백여 명",
            [
                ("1만5,000여명", 15000.0, None, "people", "at least"),
                ("최소 1백여 명", 100.0, None, "people", "at least"),
            ],
        ),
        ("ko", "단거리탄도미사일 2발을 쐈다.", [("2발", 2.0, None, "missiles", None)]),
        ("ko", "10개 여단", [("10개", 10.0, None, "units", None)]),  # "여단": no "여" qualifier
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
        ("ko", "어제 새벽 2시 50분쯤 도착했다."),  # ten to three: the minutes of a clock time
        ("es", "El martes 23 de junio llegó a las 3 de la madrugada."),  # a weekday, a clock
        ("pt", "Chegou na terça-feira, 23, às 7h10."),  # the day after a weekday, "7h10"
        ("de", "Er kam um 3 Uhr an, in den 90er Jahren gebaut."),  # a clock, a decade
        ("fr", "Le 1er janvier, l'article 4 s'appliquait depuis les années 90."),
        ("it", "L'articolo 4 risale agli anni '90."),  # a name after an elided article
        ("ru", "Во вторник, 23-го, с октября 2024 года."),  # an ordinal, a year with its noun
        ("ko", "6·25 전쟁 74주년, 제1차 회의에서 1인당 소득과 24~26일 조사."),
        ("ja", "第1回会議が開かれた。"),  # an ordinal
        ("it", "Si sono spostati di centinaia di chilometri."),  # a vague span is no report
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
    assert find_numbers("Hermennirnir eru 5.000 manns", 0, 28, "is") == []
