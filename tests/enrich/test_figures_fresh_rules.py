"""The figures rules for what a second batch of fresh real text of the beat showed (the `-f-`
excerpts of the beat gold set, from sites the rules had not seen): Polish and Turkish numbers,
a scale's abbreviation dot that is no sentence end, codes with a leading zero, days listed
after a month, "an hour and a half", people counted as users, and money a speaker reports about
a country named after it.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.figure_words import word_quantities
from newsdesk.enrich.numbers import find_numbers, joined_sentences

NK = "country:north-korea"


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.high, f.unit, f.qualifier) for f in found]


# --- Polish and Turkish: a lexicon file each ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "tys." is a thousand, "ok." about, "ponad" more than; "żołnierzy" soldiers
        (
            "Ok. 2 tys. żołnierzy zginęło.",
            [("Ok. 2 tys. żołnierzy", 2000.0, None, "soldiers", "approximately")],
        ),
        (
            "Wysłano ponad 10 tys. żołnierzy.",
            [("ponad 10 tys. żołnierzy", 10000.0, None, "soldiers", "at least")],
        ),
        # a space groups thousands; "co najmniej" is at least
        (
            "Rannych jest co najmniej 2 700 osób.",
            [("co najmniej 2 700 osób", 2700.0, None, "people", "at least")],
        ),
    ],
)
def test_polish_numbers_with_their_scale_unit_and_qualifier(sentence, expected):
    assert read("pl", sentence) == expected


def test_polish_do_is_to_not_at_most():
    # "zwiększyło ... do 4 000": raised to 4,000, a level, not "up to 4,000"
    assert read("pl", "Wojsko zwiększyło liczbę ofiar do 4 000.") == [
        ("4 000", 4000.0, None, None, None)
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "bin" is a thousand, "yaklaşık" about, "asker" soldier
        (
            "Kuzey Kore yaklaşık 13 bin asker gönderdi.",
            [("yaklaşık 13 bin asker", 13000.0, None, "soldiers", "approximately")],
        ),
        ("Savaşta 2 bin asker öldü.", [("2 bin asker", 2000.0, None, "soldiers", None)]),
    ],
)
def test_turkish_numbers_with_their_scale_unit_and_qualifier(sentence, expected):
    assert read("tr", sentence) == expected


def test_a_polish_casualty_verb_makes_a_killed_count():
    result = enrich_text("Raport\n\nOkoło 2 tysiące żołnierzy zginęło w walkach w obwodzie.")
    assert [(f.value, f.measure) for f in result.figures] == [(2000.0, "killed")]


# --- what is a figure ---------------------------------------------------------------------------


def test_a_sentence_cut_after_a_scale_abbreviation_is_joined_again():
    text = "Wysłał 6 tys. żołnierzy. Potem wrócił."
    # a parser cuts after "tys." and after "żołnierzy."; only a lower case start is undone
    spans = [(0, 13), (14, 24), (25, 38)]
    assert joined_sentences(text, spans) == [(0, 24), (25, 38)]


def test_the_unit_after_a_scale_abbreviation_is_read_in_a_whole_text():
    result = enrich_text("Raport\n\nPjongjang planuje wysłać 6 tys. żołnierzy do Rosji.")
    assert [(f.value, f.unit) for f in result.figures] == [(6000.0, "soldiers")]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("it", "A parlare sono gli 007 di Seul."),  # spies, not seven of anything
        ("fr", "Le dossier 012 a été transmis."),  # a file number with a leading zero
    ],
)
def test_a_number_with_a_leading_zero_is_a_code_not_a_figure(language, sentence):
    assert read(language, sentence) == []


def test_a_decimal_below_one_is_still_a_figure():
    assert read("it", "Il calo è di 0,5 per cento.") == [
        ("0,5 per cento", 0.5, None, "percent", None)
    ]


def test_days_listed_after_a_month_are_dates_in_korean():
    # "12월 17, 18일": the 17th and the 18th of December; only "이틀" (two days) is a span
    assert read("ko", "북한은 12월 17, 18일 미사일을 쐈다.") == []


def test_an_hour_and_a_half_is_one_and_a_half_hours():
    sentence = "The rocket was in flight for almost an hour and a half."
    found = [(f.text, f.value, f.unit) for f in word_quantities(sentence, 0, len(sentence))]
    assert found == [("almost an hour and a half", 1.5, "hours")]
    plain = "It took an hour and a half."
    assert [f.value for f in word_quantities(plain, 0, len(plain))] == [1.5]


def test_an_hour_alone_without_a_qualifier_is_no_figure():
    sentence = "They met an hour ago."
    assert word_quantities(sentence, 0, len(sentence)) == []


# --- what it measures and whose it is ----------------------------------------------------------


def test_users_are_people():
    result = enrich_text("Report\n\nThe exchange serves more than 60 million users worldwide.")
    assert [(f.value, f.unit, f.measure) for f in result.figures] == [(60e6, "users", "people")]


def test_money_a_speaker_reports_about_a_country_named_after_it_is_that_countrys():
    result = enrich_text(
        "Report\n\nChainalysis reported that hackers linked to North Korea stole more than "
        "$1.3 billion in cryptocurrency in 2024."
    )
    money = [f for f in result.figures if f.unit == "USD"]
    assert [(f.value, f.subject_entity_id) for f in money] == [(1.3e9, NK)]
    assert money[0].claimant_entity_id != NK


def test_money_a_speaker_reports_with_no_country_after_it_stays_the_speakers():
    result = enrich_text("Report\n\nSamsung Electronics said it earned $2 billion in 2024.")
    money = [f for f in result.figures if f.unit == "USD"]
    assert len(money) == 1
    assert money[0].subject_entity_id == money[0].claimant_entity_id


# --- Indonesian: a lexicon file, and vague counts ----------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "." groups thousands, "sekitar" is about, "tentara" soldiers
        (
            "Korea Utara mengirim sekitar 11.000 tentara ke Rusia.",
            [("sekitar 11.000 tentara", 11000.0, None, "soldiers", "approximately")],
        ),
        # "sebanyak" is "as many as"; "%" a percentage
        (
            "Parade melibatkan sebanyak 15.000 personel, naik 20%.",
            [
                ("sebanyak 15.000 personel", 15000.0, None, "personnel", "at most"),
                ("20%", 20.0, None, "percent", None),
            ],
        ),
    ],
)
def test_indonesian_numbers_with_their_scale_unit_and_qualifier(sentence, expected):
    assert read("id", sentence) == expected


def test_a_number_after_the_indonesian_word_for_date_is_a_day():
    # "pada tanggal 4": on the 4th; "pukul 10.30": half past ten
    assert read("id", "Kementerian mengumumkan pada tanggal 4 pukul 10.30.") == []


def test_a_vague_count_of_another_noun_is_no_figure():
    # hundreds of factories (of munitions): "munitions" is not what "centaines" counts
    assert read("fr", "Des centaines d’usines de munitions fonctionnent.") == []
    assert read("fr", "Des milliers de soldats sont arrivés.") == [
        ("milliers de soldats", 2000.0, None, "soldiers", "at least")
    ]
