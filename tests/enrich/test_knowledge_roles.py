"""Knowledge files: offices with dates, names in other languages, and the packaged files' ids."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from newsdesk.enrich import KnowledgeError, load_knowledge
from newsdesk.enrich.knowledge import Role, knowledge_dir, slugify

PERSON = """
[[person]]
id = "person:pat-doe"
name = "Pat Doe"
titles = ["General"]
roles = [
  "Veteran diplomat",
  {title = "Vice Foreign Minister", org = "country:north-korea", from = "2018-02", to = "2019"},
  {title = "foreign minister", org = "country:north-korea", from = 2022-06-11},
  {title = "envoy", text = "Envoy to the UN, 2010-2014", from = "2010", to = "2014-03-31"},
]
"""


def load_one(tmp_path, text: str = PERSON):
    path = tmp_path / "people.toml"
    path.write_text(text, encoding="utf-8")
    return load_knowledge([path])


def test_roles_take_dates_as_years_months_days_or_toml_dates(tmp_path):
    pat = load_one(tmp_path).entities["person:pat-doe"]
    assert pat.offices == (
        # a month or a year as a start is its first day, as an end its last
        Role("vice foreign minister", "country:north-korea", date(2018, 2, 1), date(2019, 12, 31)),
        Role("foreign minister", "country:north-korea", date(2022, 6, 11), None),
        Role("envoy", None, date(2010, 1, 1), date(2014, 3, 31)),
    )


def test_free_text_roles_are_kept_and_dated_ones_described_for_users(tmp_path):
    pat = load_one(tmp_path).entities["person:pat-doe"]
    assert pat.roles == (
        "Veteran diplomat",
        "Vice foreign minister, North Korea, 2018-02-01 to 2019-12-31",
        "Foreign minister, North Korea, since 2022-06-11",
        "Envoy to the UN, 2010-2014",
    )


def test_titles_on_a_day(tmp_path):
    pat = load_one(tmp_path).entities["person:pat-doe"]
    assert pat.titles_on(date(2019, 1, 1)) == {"general", "vice foreign minister"}
    assert pat.titles_on(date(2024, 1, 1)) == {"general", "foreign minister"}
    # with former, every office begun by the day
    assert pat.titles_on(date(2024, 1, 1), former=True) == {
        "general",
        "vice foreign minister",
        "foreign minister",
        "envoy",
    }
    assert pat.former_titles(date(2024, 1, 1)) == {"general", "vice foreign minister", "envoy"}
    assert pat.current_titles(None) == {"general", "foreign minister"}
    assert [r.title for r in pat.offices_on(date(2019, 1, 1))] == ["vice foreign minister"]


def test_a_user_file_adds_offices_to_a_packaged_person(tmp_path):
    knowledge = load_one(
        tmp_path,
        '[[person]]\nid = "person:choe-son-hui"\nname = "Choe Son Hui"\n'
        'roles = [{title = "ambassador", from = "2030"}]\n',
    )
    choe = knowledge.entities["person:choe-son-hui"]
    assert [r.title for r in choe.offices] == [
        "vice foreign minister",
        "first vice foreign minister",
        "foreign minister",
        "ambassador",
    ]


@pytest.mark.parametrize(
    ("role", "message"),
    [
        ('{title = "envoy", from = "June 2020"}', "is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ('{org = "country:japan"}', "a role needs a title"),
    ],
)
def test_bad_roles_raise_a_clear_error(tmp_path, role, message):
    with pytest.raises(KnowledgeError, match=message):
        load_one(tmp_path, f'[[person]]\nname = "Pat Doe"\nroles = [{role}]\n')


def test_stems_stay_out_of_the_name_index_and_the_ruler():
    knowledge = load_knowledge()
    putin = knowledge.entities["person:vladimir-putin"]
    assert "Путин*" in putin.aliases and "Путин*" in putin.written_forms
    assert "Путин*" not in putin.surface_forms
    assert knowledge.lookup("Путин") == []  # only the stem is listed
    assert all("*" not in p["pattern"] for p in knowledge.ruler_patterns())


def test_names_in_other_languages_are_looked_up_like_any_alias():
    knowledge = load_knowledge()
    assert knowledge.lookup("북한") == ["country:north-korea"]
    assert knowledge.lookup("Corée du Nord") == ["country:north-korea"]
    assert knowledge.lookup("国情院") == ["org:nis"]
    assert knowledge.lookup("Kursk Oblast") == ["place:kursk"]
    assert knowledge.lookup("HUR") == ["org:main-intelligence-directorate"]


def test_every_entry_of_other_languages_extends_a_packaged_entity():
    """A typo in an id there would make a new, nameless-in-English entity instead."""
    packaged: set[str] = set()
    for name in ("world.toml", "korea.toml", "neighbours.toml"):
        packaged |= set(load_knowledge([knowledge_dir() / name], defaults=False).entities)
    data = tomllib.loads((knowledge_dir() / "other_languages.toml").read_text(encoding="utf-8"))
    ids = [
        row.get("id") or f"{kind}:{slugify(row['name'])}"
        for kind, rows in data.items()
        for row in rows
    ]
    assert len(ids) == len(set(ids))  # one entry per entity
    assert set(ids) <= packaged, set(ids) - packaged


def test_every_packaged_name_belongs_to_one_entity_per_type():
    """Two people of one spelling would make every mention ambiguous: the files must not."""
    knowledge = load_knowledge()
    for entity in knowledge.entities.values():
        for form in entity.surface_forms:
            same_type = [
                i for i in knowledge.lookup(form) if knowledge.entities[i].type == entity.type
            ]
            assert same_type == [entity.id], (form, same_type)


def test_dated_office_a_free_text_already_tells_is_not_repeated(tmp_path):
    leader = """
[[country]]
name = "North Korea"

[[person]]
id = "person:kim-jong-un"
name = "Kim Jong Un"
roles = [
  "Leader of North Korea",
  {title = "leader", org = "country:north-korea", from = "2011-12-17"},
  {title = "supreme leader", org = "country:north-korea", from = "2011-12-17"},
  {title = "marshal", org = "country:north-korea", from = "2012-07-17"},
  {title = "chairman", text = "Chairman of the State Affairs Commission"},
]
"""
    path = tmp_path / "leader.toml"
    path.write_text(leader, encoding="utf-8")
    kim = load_knowledge([path], defaults=False).entities["person:kim-jong-un"]
    # "leader" and "supreme leader" of North Korea are told by the free text; the marshal's
    # rank is not, and an office with its own text always shows that text
    assert kim.roles == (
        "Leader of North Korea",
        "Marshal, North Korea, since 2012-07-17",
        "Chairman of the State Affairs Commission",
    )
    # the offices still count for telling namesakes apart
    assert {r.title for r in kim.offices} == {"leader", "supreme leader", "marshal", "chairman"}
