"""People who share a name, offices with dates, and bare surnames: each rule on hand-written text.

The sentences are written for these tests; the people, offices and dates are the packaged
knowledge's (`data/knowledge/korea.toml`), so each expected id can be checked against it.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.enrich.entities import link_entities
from newsdesk.enrich.knowledge import load_knowledge
from newsdesk.enrich.nlp import entity_docs, get_nlp
from newsdesk.model.enrichment import Entity, Mention


def link(text: str, day: date | None = None) -> tuple[list[Entity], list[Mention]]:
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text]))
    return link_entities(doc, knowledge, published=day)


def ids_of(mentions: list[Mention], name: str) -> list[str | None]:
    return [m.entity_id for m in mentions if m.text == name]


def only(mentions: list[Mention], name: str) -> Mention:
    [mention] = [m for m in mentions if m.text == name]
    return mention


# --- namesakes: a title the known person never held ------------------------------------------


def test_deputy_foreign_minister_sharing_the_leaders_name_is_not_the_leader():
    _, mentions = link(
        "North Korean leader Kim Jong Un met the envoy. Deputy Foreign Minister Kim Jong-un "
        "flew to Moscow on Monday."
    )
    assert ids_of(mentions, "Kim Jong Un") == ["person:kim-jong-un"]
    # "deputy" and "vice" name one rank, so the id is the same whichever the text uses
    assert ids_of(mentions, "Kim Jong-un") == ["person:kim-jong-un-vice-foreign-minister"]


def test_namesake_entity_carries_its_role_and_is_not_known():
    entities, _ = link("Vice Foreign Minister Kim Jong Un arrived in Beijing on Tuesday.")
    [namesake] = [e for e in entities if e.type == "person"]
    assert namesake.id == "person:kim-jong-un-vice-foreign-minister"
    assert (namesake.name, namesake.known, namesake.roles) == (
        "Kim Jong Un",
        False,
        ["vice foreign minister"],
    )


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un, a vice foreign minister, told reporters on Friday that talks would go on.",
        "Kim Jong Un, North Korea's deputy foreign minister, said on Friday that talks failed.",
    ],
)
def test_title_in_an_apposition_sets_the_namesake_apart(text):
    _, mentions = link(text)
    assert ids_of(mentions, "Kim Jong Un") == ["person:kim-jong-un-vice-foreign-minister"]


def test_a_title_followed_by_another_name_belongs_to_that_name():
    # "Foreign Minister" after the comma is Choe's, not a title of Kim Jong Un
    _, mentions = link("Kim Jong Un, Foreign Minister Choe Son Hui and Vladimir Putin met.")
    assert ids_of(mentions, "Kim Jong Un") == ["person:kim-jong-un"]
    assert ids_of(mentions, "Choe Son Hui") == ["person:choe-son-hui"]


def test_plain_mentions_keep_the_namesake_until_a_fitting_title_names_the_leader():
    _, mentions = link(
        "Vice Foreign Minister Kim Jong Un arrived in Beijing. Kim Jong Un said the talks went "
        "well. Leader Kim Jong Un later praised him. Kim Jong Un spoke for an hour."
    )
    assert ids_of(mentions, "Kim Jong Un") == [
        "person:kim-jong-un-vice-foreign-minister",
        "person:kim-jong-un-vice-foreign-minister",
        "person:kim-jong-un",
        "person:kim-jong-un",
    ]


def test_bare_surname_after_the_leader_and_his_namesake_stays_unresolved():
    _, mentions = link(
        "North Korean leader Kim Jong Un met the envoy. Deputy Foreign Minister Kim Jong-un "
        "flew to Moscow. Kim said the trip was useful."
    )
    kim = only(mentions, "Kim")
    assert kim.entity_id is None
    assert sorted(kim.candidates) == [
        "person:kim-jong-un",
        "person:kim-jong-un-vice-foreign-minister",
    ]


def test_titles_the_leader_holds_keep_the_leader():
    _, mentions = link(
        "Supreme Leader Kim Jong Un inspected the site. General Secretary Kim Jong-un spoke. "
        "Marshal Kim Jong Un left."
    )
    assert {m.entity_id for m in mentions if m.text.startswith("Kim")} == {"person:kim-jong-un"}


def test_a_rank_a_person_without_dated_offices_never_had_makes_a_namesake():
    # Kim Son Gyong is known as a vice foreign minister (no dates): "first vice" is another post
    _, mentions = link("First Vice Foreign Minister Kim Son Gyong spoke at the UN on Monday.")
    assert ids_of(mentions, "Kim Son Gyong") == ["person:kim-son-gyong-first-vice-foreign-minister"]


def test_an_earlier_post_or_a_title_of_no_office_splits_no_one():
    _, mentions = link(
        "Then-Vice Chairman Chung Eui-sun visited the plant. National Security Communications "
        "Adviser John Kirby spoke."
    )
    # "then-" marks a post held before (Chung's list has no dates to check it against);
    # "adviser" is not one of the offices a person holds one at a time
    assert ids_of(mentions, "Chung Eui-sun") == ["person:chung-eui-sun"]
    assert ids_of(mentions, "John Kirby") == ["person:john-kirby"]


# --- offices with dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "entity_id"),
    [
        # vice foreign minister from 2018-02 to 2019-04: the title fits in March 2019
        (
            "Vice Foreign Minister Choe Son Hui said the talks failed.",
            date(2019, 3, 1),
            "person:choe-son-hui",
        ),
        # foreign minister since 2022-06-11: fits in 2024
        (
            "Foreign Minister Choe Son Hui said the talks failed.",
            date(2024, 3, 1),
            "person:choe-son-hui",
        ),
        # a post she held before the article's date still fits (the press recalls old posts)
        (
            "Vice Foreign Minister Choe Son Hui said the talks failed.",
            date(2024, 3, 1),
            "person:choe-son-hui",
        ),
        # in 2017 she was not yet foreign minister: this is someone else of that name
        (
            "Foreign Minister Choe Son Hui said the talks failed.",
            date(2017, 3, 1),
            "person:choe-son-hui-foreign-minister",
        ),
        # Shoigu: defense minister 2012-2024, then secretary of the Security Council
        (
            "Russian Defense Minister Sergei Shoigu visited Pyongyang.",
            date(2023, 7, 26),
            "person:sergei-shoigu",
        ),
    ],
)
def test_titles_are_judged_at_the_articles_date(text, day, entity_id):
    _, mentions = link(text, day)
    [person] = [m for m in mentions if m.label == "PERSON"]
    assert person.entity_id == entity_id


def test_without_a_date_every_office_fits():
    _, mentions = link("Foreign Minister Choe Son Hui said the talks failed.")
    assert ids_of(mentions, "Choe Son Hui") == ["person:choe-son-hui"]


# --- bare surnames ----------------------------------------------------------------------------


def test_bare_surname_with_a_title_held_on_the_date_picks_that_person():
    # "leader" on 2024-03-01: Kim Jong Un (since 2011); Kim Jong Il's ended in 2011
    _, mentions = link("The leader Kim said the army was ready.", date(2024, 3, 1))
    assert ids_of(mentions, "Kim") == ["person:kim-jong-un"]


def test_bare_surname_with_a_title_two_people_held_that_day_stays_unresolved():
    # in October 2024 Kim Yung-ho (unification) and Kim Yong-hyun (defense) were both ministers
    _, mentions = link("Minister Kim said the budget would rise.", date(2024, 10, 13))
    kim = only(mentions, "Kim")
    assert kim.entity_id is None
    assert sorted(kim.candidates) == ["person:kim-yong-hyun", "person:kim-yung-ho"]


def test_bare_surname_resolves_to_the_one_known_bearer_in_office_of_a_named_state():
    _, mentions = link(
        "North Korea fired two missiles as Kim used the distraction.", date(2023, 9, 13)
    )
    assert ids_of(mentions, "Kim") == ["person:kim-jong-un"]


def test_bare_surname_with_two_bearers_in_office_of_named_states_is_the_head_of_state():
    # January 2024: Kim Jong Un leads the North, Kim Tok Hun is its premier and Kim Yung-ho the
    # South's unification minister: a bare "Kim" in the news is the one leading a state
    _, mentions = link(
        "North Korea and South Korea traded threats. Kim said nothing more.", date(2024, 1, 13)
    )
    assert ids_of(mentions, "Kim") == ["person:kim-jong-un"]


def test_bare_korean_surname_nobody_known_bears_names_no_one():
    _, mentions = link("Hwang said the talks would resume in March.")
    assert "Hwang" not in {m.text for m in mentions}


def test_bare_surname_after_two_full_names_stays_unresolved():
    _, mentions = link(
        "Kim Yong Bok, a close ally of North Korean leader Kim Jong Un, took command. "
        "Kim's presence worries Kyiv."
    )
    kim = only(mentions, "Kim")
    assert kim.entity_id is None
    assert sorted(kim.candidates) == ["person:kim-jong-un", "person:kim-yong-bok"]


def test_given_name_alone_after_the_full_name_is_that_person():
    _, mentions = link(
        "South Korean lawmaker Lee Seong-kweun said 100 soldiers died. Reuters, citing "
        "Seong-kweun, reported the figure."
    )
    assert ids_of(mentions, "Seong-kweun") == ["person:lee-seong-kweun"]


def test_picking_a_bearer_reads_offices_to_the_day():
    # Kim Yung-ho left the unification ministry on 2025-07-24 (korea.toml): a month later the
    # only Kim in office of a named state is Kim Jong Un, though the month's grace that keeps
    # late titles from splitting people would still count the minister
    _, mentions = link(
        "South Korean officials said North Korea sent more troops. Kim said more would go.",
        date(2025, 8, 22),
    )
    assert ids_of(mentions, "Kim") == ["person:kim-jong-un"]
