"""The figures ledger's rules for what a batch of real text labelled before the system saw it
(the beat gold set's `en-h-*` excerpts) showed: years named by their distance ("last year"),
spans between two dates, months ahead ("by December"), the noun "the number of" counts,
speeds, a force's strength, words of exceeding and estimating, and the owner of a distance
named only in an earlier sentence.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

from datetime import date

from newsdesk.enrich import enrich_text


def rows(text: str, published: date | None = None) -> list[tuple]:
    result = enrich_text("Report\n\n" + text, published=published)
    return [
        (f.text, f.unit, f.measure, f.subject_entity_id, f.claimant_entity_id, f.as_of)
        for f in result.figures
    ]


# --- the date a figure refers to ----------------------------------------------------------------


def test_last_year_is_the_year_before_the_article():
    found = rows("North Korea sent 8,000 workers to Russia last year.", date(2025, 3, 1))
    assert [(r[0], r[5]) for r in found] == [("8,000", "2024")]


def test_next_year_is_the_year_after_the_article():
    found = rows("The defense budget will rise to 66 trillion won next year.", date(2025, 9, 1))
    assert [(r[0], r[5]) for r in found] == [("66 trillion won", "2026")]


def test_a_relative_year_needs_the_article_date():
    found = rows("North Korea sent 8,000 workers to Russia last year.")
    assert [(r[0], r[5]) for r in found] == [("8,000", None)]


def test_a_relative_year_after_a_speech_verb_dates_the_statement():
    found = rows("Seoul said last year that Pyongyang had sent 3,000 troops.", date(2025, 3, 1))
    assert [(r[0], r[5]) for r in found] == [("3,000", None)]


def test_a_span_between_two_dates_starts_at_the_first():
    found = rows("Russia fired 50 missiles at Ukraine between December 2023 and February 2024.")
    assert [(r[0], r[5]) for r in found] == [("50", "2023-12")]


def test_by_a_month_still_to_come_is_this_year():
    text = "The NIS expects North Korea to deploy a total of 10,000 troops by December."
    assert [(r[0], r[5]) for r in rows(text, date(2024, 10, 23))] == [("10,000", "2024-12")]


def test_by_a_month_just_gone_is_last_year_and_a_count_after_it_no_day():
    text = "By December, 3,000 North Korean troops had arrived in Russia."
    assert [(r[0], r[5]) for r in rows(text, date(2025, 1, 20))] == [("3,000", "2024-12")]


def test_a_double_hyphen_ends_a_clause():
    text = "Some 91% of respondents backed the plan -- up from 77% in the same poll last year."
    found = rows(text, date(2024, 2, 6))
    assert [(r[0], r[5]) for r in found] == [("Some 91%", None), ("77%", "2023")]


# --- what a figure counts -----------------------------------------------------------------------


def test_a_bare_number_counts_the_noun_the_number_of_names():
    found = rows("The number of North Korean defectors arriving in the South reached 181.")
    assert [(r[0], r[1], r[2]) for r in found] == [("181", "defectors", "people")]


def test_the_number_of_in_an_earlier_sentence_names_nothing():
    text = "The number of defectors rose. Of them, 74 were soldiers."
    assert [r[0] for r in rows(text)] == ["74"]
    assert all(r[1] != "defectors" for r in rows(text))


def test_a_speed_is_no_distance():
    found = rows("The armoured train can travel at up to 60 kilometers per hour.")
    assert [(r[0], r[1], r[2]) for r in found] == [
        ("up to 60 kilometers per hour", "km/h", "other")
    ]


def test_a_strength_is_personnel():
    found = rows("The hacking program has grown into a 7,000-strong cyber unit.")
    assert [(r[0], r[2]) for r in found] == [("7,000", "personnel")]


# --- how exact ----------------------------------------------------------------------------------


def test_a_number_exceeded_is_a_lower_bound():
    found = rows("North Korean casualties in Kursk have exceeded 3,000 soldiers.")
    assert [r[0] for r in found] == ["exceeded 3,000"]
    assert enrich_text("Report\n\nLosses have exceeded 3,000 soldiers.").figures[0].qualifier == (
        "at least"
    )


def test_a_number_estimated_at_is_approximate():
    result = enrich_text("Report\n\nThe shortage is estimated at 4,500 workers.")
    assert [(f.value, f.qualifier) for f in result.figures] == [(4500, "approximately")]


# --- whose it is --------------------------------------------------------------------------------


def test_a_distance_belongs_to_the_country_an_earlier_sentence_names():
    text = (
        "North Korea launched a ballistic missile on Monday, the Joint Chiefs of Staff said. "
        "The projectile flew about 350 km before falling into the sea."
    )
    assert [(r[0], r[3]) for r in rows(text)] == [("about 350 km", "country:north-korea")]


def test_a_country_that_only_speaks_owns_no_distance():
    text = (
        "The Japanese government said on Tuesday that a missile had been launched. "
        "The missile reached an altitude of 7,000 km."
    )
    assert [(r[0], r[3]) for r in rows(text)] == [("7,000 km", None)]
