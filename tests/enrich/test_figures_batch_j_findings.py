"""The figures rules for what a fourth batch of fresh real text of the beat showed (the `-j-`
excerpts of the beat gold set: harvests, trade in tons, tours, treaty votes, war remains):
Korean tons written "t", multiples in words ("в 300 раз", "o dobro"), "до" after a verb of
change, a stay of nights and days, a country in a currency's name, a body "of" a country, an
adjective that looks like a speech verb, and a next sentence that points back at its figures.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers

NK = "country:north-korea"


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.unit, f.qualifier) for f in found]


def ledger(text: str) -> list[tuple]:
    return [(f.text, f.subject_entity_id, f.claimant_entity_id) for f in enrich_text(text).figures]


# --- what is counted -------------------------------------------------------------------------


def test_korean_tons_written_t_after_the_number():
    assert read("ko", "올해 북한의 곡물 생산량은 481만t으로 추정된다.") == [
        ("481만t", 4810000.0, "tons", None)
    ]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("ru", "Товарооборот вырос в 9 раз за год.", ("9 раз", 9.0)),
        ("uk", "Товарообіг зріс у 9 разів за рік.", ("9 разів", 9.0)),
    ],
)
def test_a_multiple_in_russian_and_ukrainian_counts_times(language, sentence, expected):
    assert read(language, sentence) == [(*expected, "times", None)]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("pt", "O dobro dos referenciados ontem.", "O dobro"),
        ("es", "Es el doble de lo informado en enero.", "el doble"),
    ],
)
def test_a_multiple_written_as_a_word_is_two_times(language, sentence, expected):
    assert read(language, sentence) == [(expected, 2.0, "times", None)]


def test_do_after_a_verb_of_change_is_where_the_number_went_not_a_ceiling():
    fell = "Оборот за год упал в 300 раз, до 20 тонн."
    assert ("20 тонн", 20.0, "tons", None) in read("ru", fell)
    # with no change before it, "до" is still "up to"
    assert read("ru", "Ракеты пролетели до 800 км.") == [("до 800 км", 800.0, "km", "at most")]


def test_a_stay_of_nights_and_days_lasts_its_days():
    tour = "ロシア人97人が3泊4日のツアーに参加した。"
    assert ("3泊4日", 4.0, "days", None) in read("ja", tour)
    assert not any(text == "3" for text, *_ in read("ja", tour))


# --- whose and who says ----------------------------------------------------------------------


def test_a_country_in_a_currency_name_owns_no_money():
    text = (
        "Die Importe Nordkoreas beliefen sich auf 1,4 Milliarden US-Dollar, nach 911 "
        "Millionen US-Dollar im Vorjahr."
    )
    subjects = [subject for _, subject, _ in ledger(text)]
    assert "country:united-states" not in subjects


def test_a_participle_after_an_article_is_no_speech_verb():
    text = (
        "Die Importe Nordkoreas beliefen sich bis September des berichteten Jahres auf "
        "1,4 Milliarden US-Dollar."
    )
    assert [claimant for *_, claimant in ledger(text)] == [None]


def test_a_body_of_a_country_does_not_make_the_country_an_owner():
    text = (
        "Serão agora 3 mil soldados norte-coreanos, citando funcionários do Departamento de "
        "Estado dos EUA."
    )
    assert ledger(text) == [("3 mil soldados", NK, "org:us-state-department")]


def test_a_next_sentence_opening_with_of_these_gives_its_source_to_the_figures_before():
    text = (
        "Rusia lanzó cuatro misiles balísticos contra Kiev. De estos misiles, las defensas "
        "aéreas lograron derribar dos, según el informe de la Fuerza Aérea de Ucrania."
    )
    first = ledger(text)[0]
    assert first[0] == "cuatro misiles" and first[2] == "org:ukrainian-air-force"
