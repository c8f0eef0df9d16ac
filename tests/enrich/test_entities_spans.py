"""Names spaCy cuts, joins or types wrongly, repaired before and during linking; each rule on
hand-written text in the style of the beat.

The expected ids are the packaged knowledge's (`data/knowledge/*.toml`) where a name is known,
else "<type>:<slug of the name>" (see `entities.py`); each can be checked against those files.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.enrich.entities import link_entities
from newsdesk.enrich.knowledge import load_knowledge
from newsdesk.enrich.nlp import entity_docs, get_nlp
from newsdesk.model.enrichment import Mention


def mentions_of(text: str, day: date | None = None) -> list[Mention]:
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text]))
    return link_entities(doc, knowledge, published=day)[1]


def linked(text: str, day: date | None = None) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity_id) for m in mentions_of(text, day)]


# --- acronyms defined in brackets -------------------------------------------------------------


def test_acronym_in_brackets_is_the_name_before_it_here_and_later():
    found = linked(
        "China's General Administration of Customs (GAC) said exports rose. "
        "The GAC gave no figure for May."
    )
    customs = "org:general-administration-of-customs"
    # "General" opens the name here; it is no title to strip
    assert ("General Administration of Customs", customs) in found
    assert [i for t, i in found if t == "GAC"] == [customs, customs]


def test_known_acronym_not_spelled_by_the_whole_name_is_the_part_it_abbreviates():
    found = linked(
        "He met the Deputy Chairman of the Central Military Commission of the Workers' Party "
        "of Korea (WPK) on Monday."
    )
    assert ("WPK", "org:workers-party-of-korea") in found


# --- institution names cut in two or glued to their state ------------------------------------


def test_name_left_open_on_of_the_takes_the_state_after_it():
    # spaCy ends the ministry at "of the" and tags "Russian Federation" apart
    found = linked("The Ministry of Agriculture of the Russian Federation said exports rose.")
    assert found == [
        (
            "Ministry of Agriculture of the Russian Federation",
            "org:ministry-of-agriculture-of-the-russian-federation",
        )
    ]


def test_government_of_a_state_is_the_state():
    assert linked("The Government of the Republic of Korea plans to submit a budget.") == [
        ("Republic of Korea", "country:south-korea")
    ]


def test_possessive_title_before_an_office_joins_its_name():
    found = linked("The Prosecutor General's Office of Ukraine said two missiles failed.")
    assert found == [
        ("Prosecutor General's Office of Ukraine", "org:prosecutor-generals-office-of-ukraine")
    ]


@pytest.mark.parametrize(
    ("text", "body", "entity_id"),
    [
        (
            "Ukraine's Ministry of Defence said 30 died.",
            "Ministry of Defence",
            "org:ministry-of-defence-of-ukraine",
        ),
        (
            "Russia's Ministry of Defence said 30 died.",
            "Ministry of Defence",
            "org:russian-ministry-of-defense",
        ),
        # the possessive alias is index-only: the ruler does not swallow the state
        (
            "South Korea's Joint Chiefs of Staff said a missile flew.",
            "Joint Chiefs of Staff",
            "org:jcs",
        ),
    ],
)
def test_body_after_its_state_is_that_states_body(text, body, entity_id):
    found = linked(text)
    assert (body, entity_id) in found
    assert found[0][1].startswith("country:")  # the state keeps its own mention


def test_state_and_body_spacy_reads_as_one_unknown_name_are_split():
    found = linked("The South Korean National Intelligence Service said 100 died.")
    assert found == [
        ("South Korean", "country:south-korea"),
        ("National Intelligence Service", "org:nis"),
    ]


def test_a_states_navy_is_the_state():
    assert linked("The Ukrainian Navy said the ship sank.") == [("Ukrainian", "country:ukraine")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S.-South Korea alliance held.",
            [("U.S.", "country:united-states"), ("South Korea", "country:south-korea")],
        ),
        (
            "The Japan-U.S.-South Korea drills ended.",
            [
                ("Japan", "country:japan"),
                ("U.S.", "country:united-states"),
                ("South Korea", "country:south-korea"),
            ],
        ),
    ],
)
def test_states_joined_by_dashes_are_each_named(text, expected):
    assert linked(text) == expected


def test_a_dashed_place_name_stays_whole():
    assert linked("The jets are built in Komsomolsk-on-Amur.") == [
        ("Komsomolsk-on-Amur", "place:komsomolsk-on-amur")
    ]


def test_curly_apostrophe_in_a_known_name():
    found = linked("The Democratic People’s Republic of Korea or DPRK launched a satellite.")
    assert found == [
        ("Democratic People’s Republic of Korea", "country:north-korea"),
        ("DPRK", "country:north-korea"),
    ]


def test_title_words_ending_in_state_are_no_organisation():
    assert linked("U.S. Secretary of State Antony Blinken said sanctions follow.") == [
        ("U.S.", "country:united-states"),
        ("Antony Blinken", "person:antony-blinken"),
    ]


def test_state_name_with_its_apostrophe_lost_is_the_state():
    assert ("South Koreas", "country:south-korea") in linked(
        "South Koreas military said the balloons landed."
    )


def test_site_address_is_an_organisation():
    assert ("News.az", "org:news-az") in linked("News.az reports that two soldiers were captured.")


# --- types of names no knowledge file holds ------------------------------------------------------


def test_apposition_with_an_organisation_noun_makes_an_organisation():
    found = linked("According to Tanmar, a Seoul-based think tank, 50 died.")
    assert ("Tanmar", "org:tanmar") in found


def test_apposition_naming_a_person_at_an_organisation_keeps_the_person():
    found = linked("Ivan Petrov, a researcher at the firm, said the count was low.")
    assert ("Ivan Petrov", "person:ivan-petrov") in found


def test_east_slavic_name_spacy_took_for_an_organisation_is_a_person():
    # spaCy's small model tags "Oleksandr Kovalenko" here as ORG; the later surname follows
    found = linked("Oleksandr Kovalenko said the unit retreated. Kovalenko added nothing.")
    assert found == [
        ("Oleksandr Kovalenko", "person:oleksandr-kovalenko"),
        ("Kovalenko", "person:oleksandr-kovalenko"),
    ]


def test_adjective_of_no_known_people_names_no_one():
    found = linked("Western officials said the Communist state sent troops.")
    assert found == []


# --- bare surnames no full name of the text explains ------------------------------------------


def test_bare_surname_of_the_one_bearer_who_held_an_office_of_a_named_state():
    # Yoon Suk Yeol was president of South Korea 2022-2025 (korea.toml); no date given
    found = linked("South Korean lawmakers voted to impeach Mr. Yoon on Saturday.")
    assert ("Yoon", "person:yoon-suk-yeol") in found


def test_bare_surname_naming_no_state_is_the_bearer_leading_one():
    assert ("Kim", "person:kim-jong-un") in linked("Kim met Putin at the cosmodrome.")


def test_bare_korean_surname_of_a_bearer_with_no_office_here_stays_unresolved():
    # Jang Chang Ha is known but holds no dated office: a "Jang" could be anyone
    found = linked("One of the prisoners told a lawmaker the same, Jang said.")
    assert ("Jang", "person:jang-chang-ha") not in found


def test_family_name_spelled_the_souths_way_is_the_same_person():
    assert ("Choi Son Hui", "person:choe-son-hui") in linked(
        "Foreign Minister Choi Son Hui arrived in Moscow."
    )
