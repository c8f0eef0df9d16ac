"""The figures ledger on whole texts: measure, subject, claimant, as_of, one figure per fact.

The sentences are written for these tests in the style of the beat; every expected value is
read off the sentence by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.enrich import Figure, enrich_text


def ledger(text: str, published: date | None = None) -> list[tuple]:
    result = enrich_text("Report\n\n" + text, published=published)
    return [_row(f) for f in result.figures]


def _row(f: Figure) -> tuple:
    return (f.text, f.value, f.measure, f.subject_entity_id, f.claimant_entity_id, f.as_of)


def only(text: str, published: date | None = None) -> tuple:
    [row] = ledger(text, published)
    return row


# --- measure: what the sentence says about the number, not the noun beside it -------------


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("About 900 North Korean soldiers have been killed in Kursk.", "killed"),
        ("About 900 North Korean soldiers were wounded in Kursk.", "wounded"),
        ("About 900 North Korean soldiers were killed or wounded in Kursk.", "casualties"),
        ("North Korea sent about 900 soldiers to Russia.", "deployed"),
        ("About 900 North Korean soldiers were captured by Ukraine.", "captured"),
        # a deployment word beside the noun, the casualty word last: the predicate decides
        ("About 900 North Korean soldiers sent to Russia have died in battle.", "killed"),
        # the counted noun decides when it names a kind of worker or a thing
        ("North Korea will send about 900 deminers to Russia.", "workers"),
        ("North Korea shipped about 900 containers to Russia.", "containers"),
        ("North Korea failed two satellite launches.", "launches"),
    ],
)
def test_measure_comes_from_what_happened_to_the_count(sentence, measure):
    assert only(sentence)[2] == measure


def test_each_cue_goes_to_the_figure_it_stands_nearer():
    rows = ledger("In Kursk 150 North Korean soldiers were killed and 1,300 wounded.")
    assert [(r[0], r[2]) for r in rows] == [("150", "killed"), ("1,300", "wounded")]


# --- subject: whose quantity, not who speaks ------------------------------------------------


def test_subject_is_the_country_of_the_troops_not_the_speaker():
    row = only("Ukrainian President Volodymyr Zelensky said 400 North Korean soldiers were killed.")
    assert row[3] == "country:north-korea"
    assert row[4] == "person:volodymyr-zelensky"


def test_subject_is_the_sender_not_the_destination():
    row = only("North Korea has sent about 12,000 troops to Russia, the NIS said.")
    assert row[3] == "country:north-korea"


def test_a_leader_who_sends_troops_stands_for_his_state():
    row = only("North Korean leader Kim Jong Un decided to send 2,500 soldiers to Kursk.")
    assert row[3] == "country:north-korea"


# --- claimant ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("North Korea sent 5,000 troops, according to the Pentagon.", "org:pentagon"),
        ("North Korea sent 5,000 troops, the Pentagon said on Monday.", "org:pentagon"),
        ("Washington said North Korea sent 5,000 troops.", "country:united-states"),
        ("South Korea's spy agency said North Korea sent 5,000 troops.", "org:nis"),
        # the outlet passes the claim on; the official makes it
        (
            "Sergei Shoigu said North Korea would send 5,000 builders, Tass reported.",
            "person:sergei-shoigu",
        ),
        # vague sources name no one: the outlet they told passes their claim on
        ("Officials told the BBC that North Korea sent 5,000 troops.", "org:bbc"),
        # a passive verb has no speaker before it
        ("About 5,000 North Korean troops are believed to be in Russia.", None),
        ("North Korea sent 5,000 troops to Russia.", None),
    ],
)
def test_claimant_comes_from_attribution(sentence, claimant):
    assert only(sentence)[4] == claimant


def test_the_next_sentence_may_say_who_announced_it():
    text = (
        "The number of North Korean soldiers killed in Kursk has passed 1,000. "
        "This was announced by Ukrainian President Volodymyr Zelensky."
    )
    assert only(text)[4] == "person:volodymyr-zelensky"


def test_a_quote_takes_the_speaker_named_after_it():
    text = '"We have captured 20 North Korean soldiers in Kursk," Zelensky wrote.'
    assert only(text)[4] == "person:volodymyr-zelensky"


# --- as_of -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "as_of"),
    [
        ("As of March 3, about 600 North Korean soldiers had been killed.", "2025-03-03"),
        ("Since October 2024, North Korea has sent 14,000 troops to Russia.", "2024-10"),
        # a month yet to come in the article's year is last year's
        ("North Korea has sent 14,000 troops to Russia since November.", "2024-11"),
        ("In 2024, North Korea sent 14,000 troops to Russia.", "2024"),
        # a date in another clause is about something else
        ("North Korea sent 14,000 troops to Kursk, where Ukraine attacked in August 2024.", None),
    ],
)
def test_as_of_is_the_date_the_figure_refers_to(sentence, as_of):
    assert only(sentence, published=date(2025, 4, 10))[5] == as_of


# --- what is a figure --------------------------------------------------------------------------


def test_durations_are_figures_ages_and_dates_are_not():
    rows = ledger("The talks lasted two hours. He is 41 years old and left 3 years ago.")
    assert [(r[0], r[1], r[2]) for r in rows] == [("two hours", 2.0, "duration")]


def test_numbers_in_links_ids_and_file_names_are_not_figures():
    text = "Photos: IMG-20241130-WA0017.jpg and https://example.org/2024/11/30/5512 ."
    assert ledger(text) == []


def test_a_conversion_in_brackets_is_the_same_figure():
    rows = ledger("The missile flew 450 km (280 mi) into the sea.")
    assert [(r[0], r[2]) for r in rows] == [("450 km", "distance")]


def test_the_same_fact_told_twice_is_kept_once_at_its_first_place():
    text = (
        "North Korea sent 11,000 troops to Russia. Analysts say the 11,000 troops sent to "
        "Russia are elite units."
    )
    rows = ledger(text)
    assert [(r[0], r[2]) for r in rows] == [("11,000", "deployed")]
    assert (
        text.index("11,000") + len("Report\n\n")
        == enrich_text("Report\n\n" + text).figures[0].start
    )


def test_two_counts_with_the_same_value_but_different_nouns_stay_two():
    rows = ledger("North Korea will send 1,000 sappers and one thousand builders to Kursk.")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("1,000", 1000.0, "workers"),
        ("one thousand", 1000.0, "workers"),
    ]


# --- text in other languages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nach Angaben des südkoreanischen Geheimdienstes hat Nordkorea rund 11.000 Soldaten "
            "nach Russland geschickt.",
            (11000.0, "deployed", "country:north-korea", "org:nis"),
        ),
        (
            "Selon Séoul, plus de 1 200 soldats nord-coréens ont été tués ou blessés.",
            (1200.0, "casualties", "country:north-korea", "country:south-korea"),
        ),
        (
            "По данным разведки Южной Кореи, в боях погибли около двух тысяч военных КНДР.",
            (2000.0, "killed", "country:north-korea", "org:nis"),
        ),
        (
            "국정원은 북한군 사망자가 600여명에 달한다고 밝혔다.",
            (600.0, "killed", "country:north-korea", "org:nis"),
        ),
        # a killed word and a wounded word joined, in any order: casualties
        (
            "Al menos 900 soldados norcoreanos resultaron heridos o muertos en Kursk.",
            (900.0, "casualties", "country:north-korea", None),
        ),
        # the speaker is the topic nearest the reporting verb, not the sentence's first one
        (
            "북한은 러시아에 컨테이너 7천여 개를 보냈다고 국정원은 밝혔다.",
            (7000.0, "containers", "country:north-korea", "org:nis"),
        ),
    ],
)
def test_other_languages_get_figures_with_their_ledger(text, expected):
    result = enrich_text(text)
    [figure] = result.figures
    assert (
        figure.value,
        figure.measure,
        figure.subject_entity_id,
        figure.claimant_entity_id,
    ) == expected


def test_a_headline_figure_takes_the_claimant_of_the_body_that_repeats_it():
    result = enrich_text(
        "Pentagon: North Korean deployment reaches 4,000\n\n"
        "North Korea has sent about 4,000 soldiers to Russia, the Pentagon said on Monday."
    )
    [figure] = result.figures
    assert (figure.text, figure.measure, figure.claimant_entity_id) == (
        "4,000",
        "deployed",
        "org:pentagon",
    )
    assert figure.start == result.figures[0].start < 50  # kept at its first place, the title
