"""The linking rules stated one by one (`link_rules.py`, `candidates.py`, `name_forms.py`; long
because each rule gets a case of its own): how names are compared and spelled, what a name's
words alone say, a misspelt state, a body named after its state, and which known person a bare
surname means.

The people and states are written here as the knowledge files would list them (a `Knowledge`
built from them), so each rule is checked on the facts it reads; the expected ids are read off
those facts by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from newsdesk.enrich.candidates import (
    Candidate,
    initials,
    institution_words,
    is_acronym,
    is_short_form,
    same_name,
)
from newsdesk.enrich.knowledge import Knowledge, KnownEntity, Role
from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.enrich.link_rules import (
    heads_of_state,
    in_office_of,
    known_bearer,
    owned_institution,
    state_misspelled,
)
from newsdesk.enrich.name_forms import (
    family_name_spellings,
    is_stem,
    korean_name_variants,
    name_key,
    slugify,
)

NK, SK, UA, RU = "country:north-korea", "country:south-korea", "country:ukraine", "country:russia"

# --- names compared and spelled -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Kim Jong-un", "kimjongun"),
        ("Kim Jong Un", "kimjongun"),
        ("KIM JONG UN", "kimjongun"),
        ("N. Korea", "nkorea"),
        ("the Kremlin", "kremlin"),
        ("  The  Kremlin ", "kremlin"),
        ("Theodore Roosevelt", "theodoreroosevelt"),  # "the" only as a word of its own
        ("Korea’s", "koreas"),
        ("Korea_Times", "koreatimes"),
        ("Straße", "strasse"),  # casefold, not lower: "ß" is compared as "ss"
    ],
)
def test_names_are_compared_without_case_spacing_hyphens_or_a_leading_the(written, key):
    assert name_key(written) == key


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Park Yong-han", "park-yong-han"),
        ("Korean People's Army", "korean-peoples-army"),  # the apostrophe drops, not splits
        ("Korean People’s Army", "korean-peoples-army"),
        ("José Martí", "jose-marti"),
        (" -Kim Jong Un- ", "kim-jong-un"),
        ("Путин", "путин"),  # no ASCII letters: the name itself, folded
        ("Ким Чен Ын", "ким-чен-ын"),
        ("«Путин»", "путин"),
    ],
)
def test_ids_are_ascii_slugs_and_names_without_latin_letters_keep_their_own(name, slug):
    assert slugify(name) == slug


def test_a_star_marks_a_stem():
    assert is_stem("Nordkorea*")
    assert not is_stem("Nordkorea")


def test_a_three_syllable_korean_name_has_its_romanisation_variants():
    expected = ["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim Jongun"]
    assert korean_name_variants("Kim Jong Un") == expected
    assert korean_name_variants("Kim jong-un") == expected
    assert korean_name_variants("Choe Son Hui") == [
        "Choe Son Hui",
        "Choe Son-hui",
        "Choe Son-Hui",
        "Choe Sonhui",
    ]


def test_a_name_whose_given_name_is_one_word_has_no_variants():
    assert korean_name_variants("Chung Euisun") == ["Chung Euisun"]
    assert korean_name_variants("Kim Jong Un Jr") == ["Kim Jong Un Jr"]


@pytest.mark.parametrize(
    "spellings",
    [
        ("Choe", "Choi"),
        ("Pak", "Park"),
        ("Ri", "Lee", "Rhee", "Yi"),
        ("Jo", "Cho"),
        ("Ro", "Roh", "No"),
        ("Jong", "Jung", "Chong"),
        ("Kang", "Gang"),
        ("Yun", "Yoon"),
        ("O", "Oh"),
        ("Hyon", "Hyun"),
        ("Ryu", "Yoo", "Yu"),
        ("Son", "Sohn"),
        ("Sin", "Shin"),
        ("Im", "Lim"),
    ],
)
def test_each_spelling_of_a_korean_family_name_gives_the_others(spellings):
    for family in spellings:
        others = [f"{other} Su Yon" for other in spellings if other != family]
        assert family_name_spellings(f"{family} Su Yon") == others


def test_a_name_without_a_known_korean_family_name_or_a_given_name_has_no_other_spelling():
    assert family_name_spellings("Vladimir Putin") == []
    assert family_name_spellings("Choe") == []  # a family name alone
    assert family_name_spellings("Choi-Son Hui") == []  # the family name is the first word


# --- what a name's words alone say --------------------------------------------------------------


def candidate(text: str, label: str, first: int = 0, last: int | None = None) -> Candidate:
    words = len(text.split()) if last is None else last - first
    return Candidate(first, first + words, text, 0, len(text), label, None, None)


def test_one_word_naming_a_person_is_a_surname_to_resolve():
    assert is_short_form(candidate("Kim", "PERSON"))
    assert not is_short_form(candidate("Kim Jong Un", "PERSON"))
    assert not is_short_form(candidate("Kim", "ORG"))
    assert is_short_form(candidate("Kim", "PERSON", first=3))  # anywhere in the text


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("NIS", True),
        ("K.C.N.A.", True),
        ("KOMPASS", True),  # seven letters
        ("UN", True),
        ("N", False),
        ("KOMPASSX", False),  # eight
        ("Nis", False),
        ("G7", False),
    ],
)
def test_an_acronym_is_two_to_seven_capital_letters_dots_aside(text, acronym):
    assert is_acronym(candidate(text, "ORG")) is acronym


def test_initials_take_the_capitalised_words_and_both_halves_of_a_hyphen():
    assert initials("Korea Institute for Defense Analyses") == "KIDA"
    assert initials("Korean Central News Agency") == "KCNA"
    assert initials("Korea-Russia Friendship Society") == "KRFS"


def test_names_are_the_same_when_only_case_spacing_or_hyphens_differ():
    assert same_name("Kim Jong-un", "KIM JONG UN")
    assert not same_name("Kim Jong-un", "Kim Yo-jong")


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        ("General Administration of Customs", True),  # a lower-case connector
        ("Council for Defence", True),
        ("Kim and Lee", True),
        ("Committee on Human Rights", True),
        ("Joint Staff Office", True),  # an organisation's head word
        ("Kim Jong Un", False),
        ("Office", True),
    ],
)
def test_a_connector_or_an_organisations_head_word_makes_an_institutions_name(text, institution):
    doc = spacy.blank("en")(text)
    assert institution_words(doc, 0, len(doc), load_lexicon()) is institution


def test_only_the_tokens_asked_about_make_an_institutions_name():
    doc = spacy.blank("en")("Kim Jong Un of the Workers' Party")
    assert not institution_words(doc, 0, 3, load_lexicon())
    assert institution_words(doc, 0, 4, load_lexicon())


# --- a misspelt state, a body after its state ---------------------------------------------------


def states() -> Knowledge:
    return Knowledge(
        [
            KnownEntity(SK, "South Korea", "country", demonyms=("South Korean",)),
            KnownEntity(NK, "North Korea", "country", demonyms=("North Korean",)),
            KnownEntity(UA, "Ukraine", "country", demonyms=("Ukrainian",)),
            KnownEntity(RU, "Russia", "country", demonyms=("Russian",)),
            KnownEntity("place:korea", "Korea", "place"),
            KnownEntity("org:bank-of-korea", "Bank of Korea", "org"),
            KnownEntity(
                "org:ministry-of-defence-of-ukraine",
                "Ministry of Defence of Ukraine",
                "org",
                aliases=("Ukrainian Ministry of Defence",),
            ),
            KnownEntity("org:ministry-of-defence-of-russia", "Russian Ministry of Defence", "org"),
        ]
    )


@pytest.mark.parametrize(
    ("text", "label", "state"),
    [
        ("South Koreas", "GPE", SK),  # the apostrophe of "South Korea's" lost
        ("North Koreas", "NORP", NK),
        ("North Koreass", "ORG", NK),  # two letters run on
        ("South Koreas", "LOC", SK),
        ("South Koreas", "PERSON", None),  # a person's name is never a state's
        ("South Koreas", "FAC", None),
        ("Koreas", "GPE", None),  # one word: "the two Koreas" are no misspelt Korea
        ("South Korea7", "GPE", None),  # what runs on must be letters
        ("Bank of Koreas", "ORG", None),  # the name it comes from must be a state's
        ("Bank of Korea", "ORG", None),
    ],
)
def test_a_state_with_a_letter_or_two_run_on_is_that_state(text, label, state):
    assert state_misspelled(candidate(text, label), states()) == state


def test_a_run_on_that_would_leave_too_short_a_word_is_no_misspelling():
    knowledge = Knowledge([KnownEntity("country:x", "Pa Ko", "country")])
    assert state_misspelled(candidate("Pa Koa", "GPE"), knowledge) is None  # "Ko" too short
    assert state_misspelled(candidate("Pa Kooo", "GPE"), knowledge) is None
    long_word = Knowledge([KnownEntity("country:y", "Pa Kor", "country")])
    assert state_misspelled(candidate("Pa Kora", "GPE"), long_word) == "country:y"
    assert state_misspelled(candidate("Pa Korxy", "GPE"), long_word) == "country:y"


def owned(text: str, owner_words: int, label: str = "ORG") -> str | None:
    """The institution after the first `owner_words` tokens, owned by them."""
    doc = spacy.blank("en")(text)
    owner = Candidate(0, owner_words, doc[:owner_words].text, 0, 0, "GPE", None, None)
    first = owner_words + (1 if doc[owner_words].text in ("'s", "’s") else 0)
    body = doc[first:]
    c = Candidate(first, len(doc), body.text, body.start_char, body.end_char, label, None, None)
    return owned_institution(owner, c, doc, states())


def test_a_body_right_after_its_state_is_that_states_body():
    assert owned("Ukraine's Ministry of Defence", 1) == "org:ministry-of-defence-of-ukraine"
    assert owned("Ukraine’s Ministry of Defence", 1) == "org:ministry-of-defence-of-ukraine"
    assert owned("Ukrainian Ministry of Defence", 1) == "org:ministry-of-defence-of-ukraine"
    assert owned("Russian Ministry of Defence", 1) == "org:ministry-of-defence-of-russia"
    assert owned("Russia Ministry of Defence", 1, "FAC") == "org:ministry-of-defence-of-russia"


def test_a_body_not_right_after_the_state_or_not_an_institution_is_not_owned():
    assert owned("Ukraine and Ministry of Defence", 1) is None
    assert owned("Ukraine's Ministry of Defence", 1, "PERSON") is None
    assert owned("Ukraine's Ministry of Culture", 1) is None  # no such body known
    assert owned("Korea Ministry of Defence", 1) is None  # Korea: no state
    doc = spacy.blank("en")("Ministry of Defence")
    c = Candidate(0, 3, doc.text, 0, len(doc.text), "ORG", None, None)
    assert owned_institution(None, c, doc, states()) is None


def test_a_word_between_the_state_and_the_body_breaks_the_ownership():
    doc = spacy.blank("en")("Ukraine and Ministry of Defence")
    owner = Candidate(0, 1, "Ukraine", 0, 7, "GPE", None, None)
    c = Candidate(2, 5, "Ministry of Defence", 12, 31, "ORG", None, None)
    assert owned_institution(owner, c, doc, states()) is None


def test_a_name_known_as_two_states_owns_nothing():
    knowledge = states()
    knowledge._names["korean"] = [NK, SK]
    doc = spacy.blank("en")("Korean Ministry of Defence")
    owner = Candidate(0, 1, "Korean", 0, 6, "NORP", None, None)
    c = Candidate(1, 4, "Ministry of Defence", 7, 26, "ORG", None, None)
    assert owned_institution(owner, c, doc, knowledge) is None


# --- the known person a bare surname means ------------------------------------------------------

KIM_JONG_UN = KnownEntity(
    "person:kim-jong-un",
    "Kim Jong Un",
    "person",
    titles=("marshal",),
    offices=(Role("leader", NK, date(2011, 12, 17)),),
)
KIM_JONG_IL = KnownEntity(
    "person:kim-jong-il",
    "Kim Jong Il",
    "person",
    titles=("late leader",),
    offices=(Role("leader", NK, date(1994, 7, 8), date(2011, 12, 17)),),
)
KIM_TOK_HUN = KnownEntity(
    "person:kim-tok-hun",
    "Kim Tok Hun",
    "person",
    offices=(Role("premier", NK, date(2020, 8, 13), date(2024, 12, 30)),),
)
KIM_YONG_HYUN = KnownEntity(
    "person:kim-yong-hyun",
    "Kim Yong Hyun",
    "person",
    offices=(Role("defense minister", SK, date(2024, 9, 6), date(2024, 12, 5)),),
)
KIM_MIN_SEOK = KnownEntity(
    "person:kim-min-seok",
    "Kim Min Seok",
    "person",
    offices=(Role("prime minister", SK, date(2025, 7, 3)),),
)
KIMS = [KIM_JONG_UN, KIM_JONG_IL, KIM_TOK_HUN, KIM_YONG_HYUN, KIM_MIN_SEOK]


def ids(people) -> list[str]:
    return [p.id for p in people]


def test_a_title_that_fits_one_bearer_names_that_bearer():
    bearer, left = known_bearer(KIMS, "leader", date(2024, 3, 1), set())
    assert (bearer, left) == (KIM_JONG_UN, [])
    bearer, left = known_bearer(KIMS, "defense minister", date(2024, 10, 1), set())
    assert (bearer, left) == (KIM_YONG_HYUN, [])


def test_a_title_that_fits_no_one_on_the_day_links_no_one():
    # "Defense Minister Kim" in 2023: the known defense minister Kim took office in 2024
    bearer, left = known_bearer(KIMS, "defense minister", date(2023, 3, 1), {SK})
    assert bearer is None
    assert left == KIMS


def test_a_title_that_fits_two_bearers_leaves_both():
    twins = [
        KIM_TOK_HUN,
        KnownEntity("person:kim-second", "Kim Second", "person", offices=(Role("premier", NK),)),
    ]
    bearer, left = known_bearer(twins, "premier", date(2022, 1, 1), {NK})
    assert bearer is None
    assert left == twins


def test_without_a_title_the_head_of_a_named_state_is_meant_before_its_premier():
    # "Kim inspected ..." in a 2023 story naming North Korea: the leader, not the premier
    bearer, left = known_bearer(KIMS, None, date(2023, 5, 1), {NK})
    assert (bearer, left) == (KIM_JONG_UN, [])
    # a word that is no office ("Mr. Kim") counts as no title
    assert known_bearer(KIMS, "mr.", date(2023, 5, 1), {NK})[0] == KIM_JONG_UN


def test_without_a_title_the_one_office_holder_of_a_named_state_is_meant():
    # naming South Korea in October 2024: only the defense minister held an office there then
    bearer, left = known_bearer(KIMS, None, date(2024, 10, 1), {SK})
    assert (bearer, left) == (KIM_YONG_HYUN, [])


def test_one_who_held_an_office_of_the_named_state_by_then_is_meant_when_no_one_holds_one():
    # "Kim" in a March 2025 story naming South Korea: the defense minister had left office, and
    # the prime minister took office only in July; the one who held an office there by then
    bearer, left = known_bearer(KIMS, None, date(2025, 3, 1), {SK})
    assert (bearer, left) == (KIM_YONG_HYUN, [])


def test_a_story_naming_no_state_of_any_bearer_means_the_one_leading_a_state():
    bearer, left = known_bearer(KIMS, None, date(2023, 5, 1), {RU})
    assert (bearer, left) == (KIM_JONG_UN, [])


def test_two_bearers_leading_states_named_in_the_story_are_left_to_choose_from():
    kim = KnownEntity("person:kim-a", "Kim A", "person", offices=(Role("president", NK),))
    other = KnownEntity("person:kim-b", "Kim B", "person", offices=(Role("president", SK),))
    bearer, left = known_bearer([kim, other], None, None, {NK, SK})
    assert bearer is None
    assert left == [kim, other]


def test_of_two_office_holders_on_a_past_day_the_one_leading_then_is_meant():
    premier = KnownEntity(
        "person:kim-yong-il",
        "Kim Yong Il",
        "person",
        offices=(Role("premier", NK, date(2007, 4, 11), date(2010, 6, 7)),),
    )
    bearer, left = known_bearer([KIM_JONG_IL, premier], None, date(2009, 1, 1), {NK})
    assert (bearer, left) == (KIM_JONG_IL, [])


def test_a_story_naming_no_state_of_any_bearer_means_who_led_a_state_on_its_day():
    bearer, left = known_bearer(KIMS, None, date(2010, 5, 1), {RU})
    assert (bearer, left) == (KIM_JONG_IL, [])


def test_an_office_title_fitting_no_bearer_does_not_fall_back_to_the_named_states():
    # "Foreign Minister Kim": no Kim is foreign minister, so not the leader of a named state
    bearer, left = known_bearer(KIMS, "foreign minister", date(2023, 5, 1), {NK})
    assert bearer is None
    assert left == KIMS


def test_office_holders_of_the_named_entities_on_the_day():
    assert ids(in_office_of(KIMS, {NK}, date(2023, 5, 1))) == [
        "person:kim-jong-un",
        "person:kim-tok-hun",
    ]
    assert ids(in_office_of(KIMS, {NK}, date(2010, 5, 1))) == ["person:kim-jong-il"]
    assert ids(in_office_of(KIMS, {SK}, date(2025, 3, 1))) == []
    # with `ever`: who held or had held one by that day
    assert ids(in_office_of(KIMS, {SK}, date(2025, 3, 1), ever=True)) == ["person:kim-yong-hyun"]
    assert ids(in_office_of(KIMS, {SK}, date(2024, 1, 1), ever=True)) == []
    # no day: the offices still held; with `ever`, every office
    assert ids(in_office_of(KIMS, {SK}, None)) == ["person:kim-min-seok"]
    assert ids(in_office_of(KIMS, {SK}, None, ever=True)) == [
        "person:kim-yong-hyun",
        "person:kim-min-seok",
    ]


def test_the_highest_office_held_on_the_day_makes_the_heads_of_state():
    assert ids(heads_of_state(KIMS, date(2023, 5, 1))) == ["person:kim-jong-un"]
    assert ids(heads_of_state([KIM_TOK_HUN, KIM_YONG_HYUN], date(2023, 5, 1))) == [
        "person:kim-tok-hun"
    ]
    assert ids(heads_of_state([KIM_TOK_HUN, KIM_MIN_SEOK], None)) == ["person:kim-min-seok"]
    assert heads_of_state([KIM_YONG_HYUN], date(2024, 10, 1)) == []
    # on a day long past: who led then, though no longer
    assert ids(heads_of_state([KIM_JONG_IL, KIM_TOK_HUN], date(2010, 5, 1))) == [
        "person:kim-jong-il"
    ]
