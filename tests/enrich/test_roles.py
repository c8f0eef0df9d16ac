"""Titles read as offices (`enrich/roles.py`) and read off the text (`enrich/role_phrases.py`)."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.enrich.knowledge import KnownEntity, Role, load_knowledge
from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.enrich.nlp import entity_docs, get_nlp
from newsdesk.enrich.role_phrases import role_near
from newsdesk.enrich.roles import (
    Title,
    contradicts,
    fitting_people,
    namesake_id,
    parse_title,
    role_key,
    same_office,
)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Foreign Minister", Title("minister", (), frozenset({"foreign"}))),
        (
            "First Vice Foreign Minister",
            Title("minister", ("first", "vice"), frozenset({"foreign"})),
        ),
        ("deputy defence minister", Title("minister", ("vice",), frozenset({"defense"}))),
        ("then-President", Title("president", (), frozenset(), True)),
        ("former vice-minister", Title("minister", ("vice",), frozenset(), True)),
        ("FM", Title("minister", (), frozenset({"foreign"}))),
        # "general" closes these titles: the post is the word before it
        ("Prosecutor General", Title("prosecutor general")),
        ("Secretary General", Title("secretary general")),
        ("Lieutenant General", Title("general", (), frozenset({"lieutenant"}))),
    ],
)
def test_parse_title(text, title):
    assert parse_title(text) == title


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("minister", "unification minister", True),  # less said, not contradicted
        ("supreme leader", "leader", True),
        ("deputy foreign minister", "vice foreign minister", True),
        ("vice foreign minister", "foreign minister", False),  # another rank
        ("first vice foreign minister", "vice foreign minister", False),
        ("foreign minister", "unification minister", False),  # another ministry
        ("president", "minister", False),
        ("prime minister", "minister", False),  # "prime" is a rank: "Minister Kim" is no PM
        ("prime minister", "Prime Minister", True),
    ],
)
def test_same_office(a, b, same):
    assert same_office(parse_title(a), parse_title(b)) is same
    assert same_office(parse_title(b), parse_title(a)) is same


DATED = KnownEntity(
    "person:pat-doe",
    "Pat Doe",
    "person",
    titles=("general",),
    offices=(
        Role("vice foreign minister", None, date(2018, 2, 1), date(2019, 4, 30)),
        Role("foreign minister", None, date(2022, 6, 11), None),
    ),
)
UNDATED = KnownEntity("person:lee-doe", "Lee Doe", "person", titles=("unification minister",))


@pytest.mark.parametrize(
    ("person", "role", "day", "contradicted"),
    [
        (DATED, "foreign minister", date(2024, 1, 1), False),
        (DATED, "vice foreign minister", date(2024, 1, 1), False),  # held before the day
        (DATED, "foreign minister", date(2017, 1, 1), True),  # not yet held
        (DATED, "foreign minister", None, False),  # no day: any office fits
        (DATED, "defense minister", None, True),  # dated list: any other office contradicts
        (DATED, "general", None, False),  # a rank, not an office
        (DATED, "mr.", None, False),
        (UNDATED, "minister", None, False),
        (UNDATED, "foreign minister", None, True),  # another post of the kind it holds
        (UNDATED, "vice unification minister", None, True),  # a rank it never had
        (UNDATED, "president", None, False),  # short undated list: no judgement
        (UNDATED, "former vice unification minister", None, False),  # an earlier post
    ],
)
def test_contradicts(person, role, day, contradicted):
    assert contradicts(person, role, day) is contradicted


def test_a_role_held_from_just_after_the_articles_date_still_fits():
    # a month's grace: the press is slow to follow a change of office
    assert not contradicts(DATED, "foreign minister", date(2022, 5, 20))
    assert contradicts(DATED, "foreign minister", date(2022, 4, 1))


def test_fitting_people_reads_offices_on_the_day():
    knowledge = load_knowledge()
    kims = knowledge.people_with_surname("Kim")
    assert [p.id for p in fitting_people(kims, "leader", date(2005, 1, 1))] == [
        "person:kim-jong-il"
    ]
    assert [p.id for p in fitting_people(kims, "leader", date(2020, 1, 1))] == [
        "person:kim-jong-un"
    ]
    # a title written as former looks at every office up to the day
    assert {p.id for p in fitting_people(kims, "late leader", date(2020, 1, 1))} == {
        "person:kim-jong-il",
        "person:kim-il-sung",
    }


def test_namesake_ids_are_stable_across_spellings_of_the_role():
    person = load_knowledge().entities["person:kim-jong-un"]
    assert role_key("Deputy Foreign Minister") == role_key("former vice foreign minister")
    assert namesake_id(person, "Deputy Foreign Minister") == (
        "person:kim-jong-un-vice-foreign-minister"
    )


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "North Korea's First Vice Foreign Minister Kim Son Gyong spoke.",
            "Kim Son Gyong",
            "first vice foreign minister",
        ),
        (
            "Deputy Foreign Minister Kim Jong-un flew to Moscow.",
            "Kim Jong-un",
            "deputy foreign minister",
        ),
        ("Kim Jong Un, a vice foreign minister, said so.", "Kim Jong Un", "vice foreign minister"),
        (
            "Kim Jong Un, North Korea's deputy foreign minister, said so.",
            "Kim Jong Un",
            "deputy foreign minister",
        ),
        ("Kim Jong Un, Foreign Minister Choe Son Hui and Putin met.", "Kim Jong Un", None),
        ("Putin and Kim Jong Un met.", "Kim Jong Un", None),
    ],
)
def test_role_phrases_next_to_a_name(text, name, role):
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text]))
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    assert role_near(doc, span.start, span.end, load_lexicon()) == role
