"""The knowledge files: loading, name keys, variants, extension by user files."""

from __future__ import annotations

import pytest

from newsdesk.enrich import KnowledgeError, load_knowledge
from newsdesk.enrich.knowledge import (
    family_name_spellings,
    korean_name_variants,
    name_key,
    slugify,
)


def test_name_key_ignores_case_spacing_hyphens_and_the():
    assert (
        name_key("Kim Jong-un") == name_key("Kim Jong Un") == name_key("KIM JONG-UN") == "kimjongun"
    )
    assert name_key("N. Korea") == "nkorea"
    assert name_key("the Kremlin") == name_key("Kremlin")


def test_korean_name_variants():
    assert korean_name_variants("Kim Jong Un") == [
        "Kim Jong Un",
        "Kim Jong-un",
        "Kim Jong-Un",
        "Kim Jongun",
    ]
    assert korean_name_variants("Lee Jae-myung")[:2] == ["Lee Jae Myung", "Lee Jae-myung"]
    assert korean_name_variants("Chung Euisun") == ["Chung Euisun"]


def test_slugify():
    assert slugify("Park Yong-han") == "park-yong-han"
    assert slugify("Workers' Party of Korea") == "workers-party-of-korea"
    assert slugify("Türkiye") == "turkiye"


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("Kim Jong-Un", "person:kim-jong-un"),
        ("Yoon Suk Yeol", "person:yoon-suk-yeol"),
        ("Lee Jae Myung", "person:lee-jae-myung"),
        ("DPRK", "country:north-korea"),
        ("S. Korea", "country:south-korea"),
        ("North Korean", "country:north-korea"),
        ("KIDA", "org:kida"),
        ("JCS", "org:jcs"),
        ("Yonhap", "org:yonhap"),
        ("U.N. Security Council", "org:un-security-council"),
        ("Pyongyang", "place:pyongyang"),
        ("Kremlin", "place:kremlin"),
    ],
)
def test_packaged_knowledge_knows_the_beat(name, entity_id):
    assert load_knowledge().lookup(name) == [entity_id]


def test_capitals_stand_for_their_state():
    knowledge = load_knowledge()
    assert knowledge.entities["place:pyongyang"].seat_of == "country:north-korea"
    assert knowledge.entities["place:seoul"].seat_of == "country:south-korea"
    assert knowledge.entities["place:washington"].seat_of == "country:united-states"
    assert knowledge.lookup_after_mention("the North") == ["country:north-korea"]
    assert knowledge.lookup("the North") == []  # only after North Korea was named


def test_user_file_extends_a_packaged_entity(tmp_path):
    extra = tmp_path / "extra.toml"
    extra.write_text(
        '[[org]]\nid = "org:kida"\nname = "Korea Institute for Defense Analyses"\n'
        'aliases = ["Defense Analyses Institute"]\n',
        encoding="utf-8",
    )
    knowledge = load_knowledge([extra])
    assert knowledge.lookup("Defense Analyses Institute") == ["org:kida"]
    assert knowledge.lookup("KIDA") == ["org:kida"]  # the packaged alias is kept
    assert load_knowledge().lookup("Defense Analyses Institute") == []


def test_bad_files_raise_a_clear_error(tmp_path):
    with pytest.raises(KnowledgeError, match="not found"):
        load_knowledge([tmp_path / "missing.toml"])
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[[ship]]\nname = "Cheonan"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"unknown table \[\[ship\]\]"):
        load_knowledge([wrong])
    nameless = tmp_path / "nameless.toml"
    nameless.write_text('[[person]]\naliases = ["X"]\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="has no name"):
        load_knowledge([nameless])


def test_ids_are_unique_and_typed():
    knowledge = load_knowledge()
    for entity_id, entity in knowledge.entities.items():
        assert entity_id.startswith(entity.type + ":")


def test_family_name_spellings_of_both_koreas():
    assert family_name_spellings("Choe Son Hui") == ["Choi Son Hui"]
    assert family_name_spellings("Pak Jong Chon") == ["Park Jong Chon"]
    assert family_name_spellings("Ri Son Gwon") == ["Lee Son Gwon", "Rhee Son Gwon", "Yi Son Gwon"]
    assert family_name_spellings("Kim Jong Un") == []  # one spelling everywhere
    assert family_name_spellings("Pak") == []  # no given name: nothing to respell


def test_packaged_korean_names_match_in_either_spelling():
    knowledge = load_knowledge()
    assert knowledge.lookup("Choi Son-hui") == ["person:choe-son-hui"]
    assert knowledge.lookup("Roh Kwang Chol") == ["person:no-kwang-chol"]


def test_ruler_leaves_a_body_after_its_states_possessive_to_spacy(tmp_path):
    path = tmp_path / "bodies.toml"
    path.write_text(
        """
[[country]]
name = "Freedonia"
demonyms = ["Freedonian"]

[[org]]
name = "Freedonia Post"

[[org]]
name = "Navy Board"
aliases = ["Freedonia's Navy Board", "Freedonian Navy Board", "NB of Freedonia"]
""",
        encoding="utf-8",
    )
    knowledge = load_knowledge([path], defaults=False)
    patterns = {p["pattern"] for p in knowledge.ruler_patterns()}
    # a state's possessive or demonym before a body named without it: spaCy decides the span
    assert "Freedonia's Navy Board" not in patterns
    assert "Freedonian Navy Board" not in patterns
    # the state in the body's own name, or after it: the ruler keeps it
    assert {"Freedonia Post", "Navy Board", "NB of Freedonia"} <= patterns
    # the index keeps them all, for whole spans and bodies right after their state
    assert knowledge.lookup("Freedonia's Navy Board") == ["org:navy-board"]
