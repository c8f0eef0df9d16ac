"""Entity rules found on the third beat batch (sanctions, crypto theft, datelines, outlets): each
on hand-written text in the style of the beat. Expected ids are the packaged knowledge's
(`data/knowledge/*.toml`) where a name is known, else "<type>:<slug of the name>".
"""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.enrich.entities import link_entities
from newsdesk.enrich.knowledge import load_knowledge
from newsdesk.enrich.nlp import entity_docs, get_nlp


def linked(text: str, day: date | None = None) -> list[tuple[str, str | None]]:
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text]))
    return [(m.text, m.entity_id) for m in link_entities(doc, knowledge, published=day)[1]]


def linked_written(text: str) -> list[tuple[str, str | None]]:
    """The way the stage links text that is not English."""
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text], ner=False))
    return [(m.text, m.entity_id) for m in link_entities(doc, knowledge, known_only=True)[1]]


# --- spans --------------------------------------------------------------------------------------


def test_a_bracket_the_name_opens_ends_it_and_the_acronym_is_the_same_body():
    found = linked(
        "The Treasury's Office of Foreign Assets Control (OFAC) imposed sanctions on two "
        "individuals. According to OFAC, North Korea deploys thousands of IT workers."
    )
    ofac = "org:office-of-foreign-assets-control"
    assert ("Office of Foreign Assets Control", ofac) in found
    assert [i for t, i in found if t == "OFAC"] == [ofac, ofac]


def test_a_site_address_stays_whole_where_spacy_tagged_its_first_part():
    found = linked("The report, cited by Caliber.Az, estimates that 6,000 soldiers were lost.")
    assert ("Caliber.Az", "org:caliber-az") in found


# --- acronyms the press uses alone for well-known bodies ----------------------------------------

FBI = "org:federal-bureau-of-investigation"


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        ("The FBI said the hackers stole $41 million.", "FBI", FBI),
        ("The theft was the work of Lazarus, the FBI said.", "Lazarus", "org:lazarus-group"),
        ("The FBI tied the theft to APT38 on Wednesday.", "APT38", "org:lazarus-group"),
        ("The ship was 90m long, VOA reported.", "VOA", "org:voice-of-america"),
        # the Russian press's acronym for China's customs, kept in English translations
        (
            "At the same time, the GTU noted, China's exports to the DPRK fell.",
            "GTU",
            "org:general-administration-of-customs",
        ),
    ],
)
def test_acronyms_known_alone(text, name, entity_id):
    assert (name, entity_id) in linked(text)


def test_security_council_alone_is_the_uns():
    found = linked("The monitors were members of a Security Council expert panel.")
    assert ("Security Council", "org:un-security-council") in found


def test_the_times_is_londons_unless_the_new_york_times_was_named():
    assert ("Times", "org:times") in linked(
        "Half of the shells come from Pyongyang, reports The Times."
    )
    found = linked("The New York Times reported the deal. The Times said 300 shells were sent.")
    assert [i for t, i in found if t == "Times"] == ["org:new-york-times"]


# --- seats of power and capitals --------------------------------------------------------------


def test_the_white_house_acts_as_the_state_and_is_the_place_after_at_a():
    said = linked("Previously, the White House said North Korea provided 1,000 containers.")
    assert ("White House", "country:united-states") in said
    briefing = linked("This was revealed by John Kirby at a White House news briefing Wednesday.")
    assert ("White House", "place:white-house") in briefing


def test_what_a_capital_owns_is_the_states_whatever_the_preposition():
    found = linked("Officials said billions of dollars were channelled into Pyongyang's weapons.")
    assert ("Pyongyang", "country:north-korea") in found
    centre = linked(
        "A missile struck a building in the Sviatoshynskyi district, west of Kyiv's center."
    )
    assert ("Kyiv", "place:kyiv") in centre


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL--South Korean President Lee Jae Myung said the budget would rise.",
        "SEOUL: North Korea fired several short-range ballistic missiles on Thursday.",
        "Seoul, April 30 (IANS) North Korean troops are believed to have suffered losses.",
    ],
)
def test_datelines_with_a_colon_a_double_dash_or_a_date_are_the_city(text):
    assert linked(text)[0] == (text.split(",")[0].split(":")[0].split("-")[0], "place:seoul")


# --- short forms -------------------------------------------------------------------------------


def test_the_north_before_north_korea_is_named_in_a_story_that_names_it_later():
    found = linked(
        "All Koreans, including those from the North, are citizens, and Seoul said this "
        "applies to any North Korean troops captured in Ukraine."
    )
    assert ("North", "country:north-korea") in found


def test_an_undated_president_yoon_is_the_one_yoon_who_was_president():
    found = linked("37% approved of President Yoon's job performance, Gallup Korea said.")
    assert ("Yoon", "person:yoon-suk-yeol") in found


def test_a_surname_one_known_person_bears_is_that_person_even_tagged_as_an_organisation():
    found = linked("Ryder said the troops entered the fight sometime last week.")
    assert ("Ryder", "person:pat-ryder") in found


def test_a_korean_surname_alone_still_names_no_one_person():
    found = linked("Park said the troops entered the fight sometime last week.")
    assert ("Park", "person:pat-ryder") not in found
    assert all(i is None for t, i in found if t == "Park")


# --- other languages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ракета упала в акватории Японского моря.", "Японского моря"),
        ("Füze Japon Denizi'ne düştü.", "Japon Denizi"),
        ("El misil cayó en el Mar del Japón.", "Mar del Japón"),
    ],
)
def test_the_sea_named_after_japan_is_the_east_sea_not_japan(text, name):
    assert (name, "place:east-sea") in linked_written(text)
