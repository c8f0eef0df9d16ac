"""Capitals as the city or as the state acting: datelines, and cue words in other languages."""

from __future__ import annotations

import pytest

from newsdesk.enrich.entities import link_entities
from newsdesk.enrich.knowledge import load_knowledge
from newsdesk.enrich.metonyms import names_the_place_written
from newsdesk.enrich.nlp import entity_docs, get_nlp


def linked(text: str) -> list[tuple[str, str | None]]:
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text]))
    _, mentions = link_entities(doc, knowledge)
    return [(m.text, m.entity_id) for m in mentions]


@pytest.mark.parametrize(
    ("text", "capital", "entity_id"),
    [
        # the place of filing opening the text is the city, however the dateline is written
        (
            "PYONGYANG (dpa-AFX) - The United States says troops left.",
            "PYONGYANG",
            "place:pyongyang",
        ),
        ("MOSCOW/SEOUL - North Korean leader Kim Jong Un met Putin.", "MOSCOW", "place:moscow"),
        ("MOSCOW/SEOUL - North Korean leader Kim Jong Un met Putin.", "SEOUL", "place:seoul"),
        ("SEOUL, June 19 (Yonhap) -- South Korea said.", "SEOUL", "place:seoul"),
        (
            "Pyongyang, North Korea - Russian President Vladimir Putin signed a pact.",
            "Pyongyang",
            "place:pyongyang",
        ),
        # a capital opening a sentence with a comma but no dateline acts as the state
        (
            "Seoul, which has long warned of the pact, said it would respond.",
            "Seoul",
            "country:south-korea",
        ),
    ],
)
def test_datelines_name_the_city(text, capital, entity_id):
    assert (capital, entity_id) in linked(text)


@pytest.mark.parametrize(
    ("text", "name", "city"),
    [
        ("Шойгу выступил в Москве.", "Москве", True),
        ("Помощь Москве оказывает КНДР.", "Москве", False),
        ("Der Gipfel fand in Moskau statt.", "Moskau", True),
        ("Moskau schweigt.", "Moskau", False),
        ("une visite à Pyongyang", "Pyongyang", True),
        ("金正恩在平壤会见普京。", "平壤", True),
        ("普京抵达平壤。", "平壤", True),
        ("平壤正计划派遣更多士兵。", "平壤", False),
        ("プーチン大統領は平壌に到着した。", "平壌", True),
        ("平壌は反発した。", "平壌", False),
        ("푸틴은 평양에서 만났다.", "평양", True),
        ("평양은 반발했다.", "평양", False),
    ],
)
def test_written_cues_in_other_languages(text, name, city):
    start = text.index(name)
    assert names_the_place_written(text, start, start + len(name)) is city


@pytest.mark.parametrize(
    ("text", "capital", "entity_id"),
    [
        # a dateline in capitals with no mark after it, the story's first word following
        ("MOSCOW Russian Foreign Minister Sergei Lavrov met Kim.", "MOSCOW", "place:moscow"),
        # people or things moved to the city
        ("Two wounded soldiers were brought to Kyiv for questioning.", "Kyiv", "place:kyiv"),
        ("The train now departs Pyongyang twice a month.", "Pyongyang", "place:pyongyang"),
        # a noun of the city's after the name
        ("A Seoul police officer told AFP that crowds gathered.", "Seoul", "place:seoul"),
        # two capitals joined by a dash before a noun of travel are two cities
        ("The Pyongyang-Moscow train resumed in June.", "Pyongyang", "place:pyongyang"),
        ("The Pyongyang-Moscow train resumed in June.", "Moscow", "place:moscow"),
        # ... before any other noun, two states
        ("Pyongyang-Moscow ties deepened after the treaty.", "Moscow", "country:russia"),
        # a route between two cities, and talks between two states
        (
            "Only one air route is serviced between Vladivostok and Pyongyang.",
            "Pyongyang",
            "place:pyongyang",
        ),
        ("Talks between Seoul and Washington resumed.", "Seoul", "country:south-korea"),
    ],
)
def test_cues_that_make_a_capital_the_city_or_the_state(text, capital, entity_id):
    assert (capital, entity_id) in linked(text)
