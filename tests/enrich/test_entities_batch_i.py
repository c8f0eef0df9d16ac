"""Entity rules found on the ninth beat batch (*-i-*): names of the same bodies in more
languages, case variants, Latin names glued to Chinese, capitals as places in other languages,
lower-case known names and time zones. Hand-written text in the style of the beat; expected ids
are the packaged knowledge's (`data/knowledge/*.toml`).
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from tests.enrich.test_entities_beat_findings import linked, linked_written


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Das teilte der Vereinigte Generalstab mit.", "Vereinigte Generalstab"),
        ("Lo informó el Estado Mayor Conjunto surcoreano.", "Estado Mayor Conjunto"),
        ("a indiqué l'état-major interarmées à Séoul.", "état-major interarmées"),
        ("ha riferito lo Stato maggiore congiunto.", "Stato maggiore congiunto"),
    ],
)
def test_the_joint_chiefs_in_other_languages(text, name):
    assert (name, "org:jcs") in linked_written(text)


def test_bare_generalstab_is_no_name():
    # any army has one: only the names that say which staff are entered
    assert linked_written("Der Generalstab tagte.") == []


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        ("in Richtung Ostmeer geflogen", "Ostmeer", "place:east-sea"),
        (
            "La República Popular Democrática de Corea envió globos.",
            "República Popular Democrática de Corea",
            "country:north-korea",
        ),
        ("강원도 철원 지역에서 확인됐다", "강원도", "place:gangwon-province"),
        ("강원도 철원 지역에서 확인됐다", "철원", "place:cheorwon"),
    ],
)
def test_more_names_in_other_languages(text, name, entity_id):
    assert (name, entity_id) in linked_written(text)


def test_later_words_of_a_name_may_be_lower_case():
    assert ("Corea del nord", "country:north-korea") in linked_written(
        "La Corea del nord ha sparato un missile."
    )
    # the first word keeps its capital: "corea" alone stays no match of "Corea del Nord"
    assert linked_written("la corea del nord") == []


def test_latin_names_glued_to_chinese_characters():
    found = linked_written("ByBit被盗案表明,据Chainalysis的数据")
    assert ("ByBit", "org:bybit") in found
    assert ("Chainalysis", "org:chainalysis") in found


@pytest.mark.parametrize(
    ("text", "name", "entity_id"),
    [
        ("in der Region um die Hauptstadt Pjöngjang abgeschossen", "Pjöngjang", "place:pyongyang"),
        ("incluida la capital, Seúl.", "Seúl", "place:seoul"),
        ("informaron desde Seúl.", "Seúl", "country:south-korea"),  # the state speaking
    ],
)
def test_a_capital_after_the_word_capital_is_the_city(text, name, entity_id):
    assert (name, entity_id) in linked_written(text)


def test_names_joined_by_a_slash_opening_the_text_are_a_dateline():
    found = linked("Seoul/Pyongyang. North Korean soldiers briefly crossed the border.")
    assert found[:2] == [("Seoul", "place:seoul"), ("Pyongyang", "place:pyongyang")]


def test_a_known_name_listed_in_lower_case_is_found_so():
    found = linked("The soldiers violated the military demarcation line at 5 p.m. (4 a.m. ET).")
    assert ("military demarcation line", "place:military-demarcation-line") in found


def test_a_time_zone_after_a_clock_time_is_no_organisation():
    found = linked("North Korean soldiers crossed at 5 p.m. local time (4 a.m. ET).")
    assert [t for t, _ in found] == ["North Korean"]


def test_the_un_sanctions_committee_is_its_own_body():
    found = linked(
        "According to the report of the United Nations Sanctions Committee, Russia sent oil."
    )
    assert ("United Nations Sanctions Committee", "org:un-sanctions-committee") in found


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # the recurring sources of harvest estimates and of the Korean War's missing (batch j)
        (
            "The Defense POW/MIA Accounting Agency said nearly 7,500 Americans remain missing.",
            "org:defense-pow-mia-accounting-agency",
        ),
        (
            "USDA estimated North Korea harvested 1.36 million tons of rice.",
            "org:us-department-of-agriculture",
        ),
        (
            "농촌진흥청은 북한의 식량 생산량을 481만t으로 추정했다.",
            "org:rural-development-administration",
        ),
        ("미국 농무부는 북한 쌀 생산량을 136만t으로 추정했다.", "org:us-department-of-agriculture"),
    ],
)
def test_harvest_and_missing_figures_name_their_agency(text, claimant):
    figures = enrich_text("Report\n\n" + text).figures
    assert [f.claimant_entity_id for f in figures] == [claimant]
