"""The figure rules stated one by one, as the ledger reads them (`measures.py`, `subjects.py`,
`claimants.py`): what a figure measures, whose it is, who claims it (long because each rule of
the three modules gets a case of its own).

The figures and the linked names are given by hand, as the figure pass and the entity pass would
give them (no spaCy), so each test checks one rule on one sentence; `verb` is the word the parse
hangs a count on, when a test says so. Every sentence is written in the style of the beat and the
expected values are read off it by hand.
"""

from __future__ import annotations

import re

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.figure_ledger import fill_ledger
from newsdesk.model.enrichment import Figure, Mention

NK, SK, RU, UA = "country:north-korea", "country:south-korea", "country:russia", "country:ukraine"
NIS, YONHAP = "org:nis", "org:yonhap"
_LABELS = {"country": "GPE", "org": "ORG", "person": "PERSON", "place": "GPE"}


def mentions(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    """Mentions for (name as written, entity id), each at its first place after the last."""
    found, cursor = [], 0
    for name, entity_id in names:
        start = text.index(name, cursor)
        cursor = start + len(name)
        label = _LABELS[entity_id.split(":")[0]]
        found.append(Mention(entity_id, name, start, cursor, label, 0, 0, len(text)))
    return found


def figure(text: str, written: str, kind: str = "count", unit: str | None = None, **fields):
    """The figure written `written` in `text`; its number read from the digits."""
    start = text.index(written)
    number = float("".join(c for c in written if c.isdigit() or c == "."))
    return Figure(written, start, start + len(written), number, number, kind, unit=unit, **fields)


def ledger(text: str, names, figures: list[Figure], verbs: dict[int, str] | None = None):
    """(text, measure, subject, claimant) of each figure kept; `verbs`: figure index -> verb."""
    by_id = {id(figures[i]): verb for i, verb in (verbs or {}).items()}
    kept = fill_ledger(figures, text, mentions(text, names), "en", None, by_id)
    return [(f.text, f.measure, f.subject_entity_id, f.claimant_entity_id) for f in kept]


def measure(text: str, written: str, kind="count", unit=None, verb=None, names=()) -> str:
    found = ledger(
        text, list(names), [figure(text, written, kind, unit)], {0: verb} if verb else {}
    )
    return found[0][1]


def claimant(text: str, names, written: str = "300") -> str | None:
    return ledger(text, names, [figure(text, written, "count", "soldiers")])[0][3]


# --- what a figure measures ---------------------------------------------------------------------


def test_a_figures_measure_comes_from_the_verb_it_hangs_on_not_from_its_noun():
    text = (
        "Pyongyang sent 300 soldiers to the border region in the spring, and by the end of the "
        "summer they were all killed."
    )
    # "killed" stands too far from the number for a cue: the noun's default says deployed
    assert measure(text, "300", unit="soldiers") == "deployed"
    assert measure(text, "300", unit="soldiers", verb="killed") == "killed"


def test_a_killed_verb_in_a_killed_or_wounded_phrase_is_casualties():
    text = "About 300 soldiers were killed or wounded in Kursk."
    assert measure(text, "About 300", unit="soldiers", verb="killed") == "casualties"


def test_a_deployment_verb_makes_a_count_of_troops_deployed():
    text = "About 300 soldiers were sent."
    assert measure(text, "About 300", unit="soldiers", verb="sent") == "deployed"


def test_money_and_shares_measure_themselves_whatever_the_words_around():
    text = "North Korea earned $500 million from sending troops to Russia."
    assert measure(text, "$500 million", "money", "USD") == "money"
    text = "Exports to Russia, where troops were sent, rose 5 percent."
    assert measure(text, "5 percent", "percent", "percent") == "percent"


@pytest.mark.parametrize(
    ("text", "written", "unit", "expected"),
    [
        ("The troops were stationed there for 6 months.", "6 months", "months", "duration"),
        ("The missile that killed them flew 370 miles.", "370 miles", "miles", "distance"),
        ("They sent 9 tons of rice.", "9 tons", "tons", "weight"),
    ],
)
def test_a_span_a_distance_or_a_weight_is_measured_by_its_unit_not_by_cues(
    text, written, unit, expected
):
    assert measure(text, written, "measure", unit) == expected


def test_things_counted_are_measured_by_the_thing_not_by_a_deployment_word():
    assert measure("Pyongyang sent 20 missiles.", "20", unit="missiles") == "missiles"
    assert measure("Pyongyang shipped 9,000 containers.", "9,000", unit="containers") == (
        "containers"
    )


def test_a_count_of_troops_with_no_cue_is_deployed():
    assert measure("Some 10,000 troops are in the region.", "10,000", unit="troops") == "deployed"


def test_a_deployment_word_makes_people_deployed_but_not_civilians():
    assert measure("Some 10,000 people were sent.", "10,000", unit="people") == "deployed"
    assert measure("Some 10,000 were sent.", "10,000", "number") == "deployed"
    assert measure("Some 10,000 civilians were sent.", "10,000", unit="civilians") == "people"


def test_a_bare_number_takes_the_measure_of_the_cue_near_it_else_other():
    assert measure("Some 10,000 took part in reconstruction.", "10,000", "number") == "workers"
    assert measure("Some 10,000 gathered.", "10,000", "number") == "other"


def test_a_casualty_word_beats_a_deployment_word_unless_the_deployment_word_is_clearly_nearer():
    text = "Pyongyang sent 300 soldiers after casualties."
    assert measure(text, "300", unit="soldiers") == "casualties"
    text = "About 300 died after they were deployed to Kursk."
    assert measure(text, "About 300", "number") == "killed"
    text = "They deployed 300 soldiers; many of the soldiers in the unit later were killed."
    assert measure(text, "300", unit="soldiers") == "deployed"


def test_when_both_follow_the_number_the_predicate_that_comes_last_decides():
    text = "About 30 soldiers fighting for Russia were killed."
    assert measure(text, "About 30", unit="soldiers") == "killed"


def test_each_cue_goes_to_the_figure_it_stands_nearer():
    text = "Pyongyang sent 300 soldiers, 40 of whom were captured."
    found = ledger(text, [], [figure(text, "300", unit="soldiers"), figure(text, "40", "number")])
    assert [r[1] for r in found] == ["deployed", "captured"]
    # counted in characters, "killed" stands nearer "2,700" (" and ") than "300" (" were "):
    # the parse's verbs give each figure its own
    text = "Around 300 were killed and 2,700 were wounded."
    figures = [figure(text, "300", "number"), figure(text, "2,700", "number")]
    found = ledger(text, [], figures, {0: "killed", 1: "wounded"})
    assert [r[1] for r in found] == ["killed", "wounded"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 300 died, 40 were sent.", ["killed", "deployed"]),
        ("Some 40 died and 300 gathered.", ["killed", "other"]),
        ("Some 40 gathered as 300 died.", ["other", "killed"]),
        ("Some 300 were sent. They said 40 died.", ["deployed", "killed"]),
        ("Some 40 died. Later 300 were sent.", ["killed", "deployed"]),
    ],
)
def test_a_cue_between_two_figures_is_the_nearer_ones_and_never_crosses_a_sentence(text, expected):
    figures = [figure(text, number, "number") for number in re.findall(r"\d+", text)]
    assert [r[1] for r in ledger(text, [], figures)] == expected


def test_a_cue_just_before_a_number_leads_it_even_nearer_the_figure_before():
    # "killed some 300, wounded some 2,700, casualties some 3,000": each cue leads its number
    text = "사망이 300여명, 부상이 2700여 명으로 사상자 수가 3000여명"
    figures = [
        figure(text, "300여명", "number"),
        figure(text, "2700여 명", "number"),
        figure(text, "3000여명", "number"),
    ]
    kept = fill_ledger(figures, text, [], "ko", None, {})
    assert [f.measure for f in kept] == ["killed", "wounded", "casualties"]


def test_a_cue_beyond_the_figure_after_is_not_this_figures():
    text = "Some 300 gathered in the square; 40 were killed."
    found = ledger(text, [], [figure(text, "300", "number"), figure(text, "40", "number")])
    assert [r[1] for r in found] == ["other", "killed"]


def test_killed_and_wounded_joined_by_a_conjunction_are_casualties_but_not_across_a_number():
    text = "At least 3,000 soldiers were killed or were wounded in Kursk."
    assert measure(text, "At least 3,000", unit="soldiers") == "casualties"
    # three words between are no join: "killed", the nearer
    text = "About 300 soldiers were killed or were later wounded."
    assert measure(text, "About 300", unit="soldiers") == "killed"
    text = "About 100 soldiers were killed, and 200 wounded."
    figures = [figure(text, "About 100", unit="soldiers"), figure(text, "200", "number")]
    assert [r[1] for r in ledger(text, [], figures, {0: "killed"})] == ["killed", "wounded"]


# --- whose a figure is --------------------------------------------------------------------------


def subject(text: str, names, written: str, unit: str = "soldiers", parsed: str | None = None):
    found = ledger(text, names, [figure(text, written, unit=unit, subject_entity_id=parsed)])
    return found[0][2]


def test_the_subject_is_the_country_named_in_the_figures_phrase_not_the_speaker():
    text = "Seoul says 2,000 North Korean soldiers were killed."
    assert subject(text, [("Seoul", SK), ("North Korean", NK)], "2,000") == NK
    text = "South Korea said North Korea's 11,000 troops arrived."
    assert subject(text, [("South Korea", SK), ("North Korea", NK)], "11,000", "troops") == NK


def test_the_subject_is_the_sender_not_the_destination_nor_the_speaker_the_parse_gave():
    text = "Pyongyang sent 11,000 troops to Russia, South Korea said."
    names = [("Pyongyang", NK), ("Russia", RU), ("South Korea", SK)]
    assert subject(text, names, "11,000", "troops") == NK
    assert subject(text, names, "11,000", "troops", parsed=SK) == NK


def test_a_possessive_with_a_curly_apostrophe_names_the_owner_too():
    text = "North Korea’s 11,000 troops arrived."
    assert subject(text, [("North Korea", NK)], "11,000", "troops") == NK


def test_of_the_countries_of_the_sentence_the_nearest_to_the_figure_owns_it():
    text = "In a war Russia started, North Korea lost 300 soldiers."
    assert subject(text, [("Russia", RU), ("North Korea", NK)], "300") == NK


def test_a_destination_owns_nothing_even_when_it_is_the_only_country():
    text = "Some 300 soldiers sent to Russia were killed."
    assert subject(text, [("Russia", RU)], "300") is None


def test_the_state_describing_the_speaker_is_not_the_subject_the_parse_gave_but_others_are():
    jcs = ("Joint Chiefs of Staff", "org:jcs")
    text = "South Korea's Joint Chiefs of Staff said North Korea fired 20 missiles."
    names = [("South Korea", SK), jcs, ("North Korea", NK)]
    assert subject(text, names, "20", "missiles", parsed=SK) == NK
    text = "North Korea fired 20 missiles, South Korea's Joint Chiefs of Staff said."
    names = [("North Korea", NK), ("South Korea", SK), jcs]
    assert subject(text, names, "20", "missiles", parsed=NK) == NK


def test_a_person_or_an_outlet_the_parse_gives_owns_no_count_of_soldiers():
    text = "Kim Jong Un sent 11,000 troops to Russia, according to Ukraine."
    names = [("Kim Jong Un", "person:kim-jong-un"), ("Russia", RU), ("Ukraine", UA)]
    assert subject(text, names, "11,000", "troops", parsed="person:kim-jong-un") is None
    text = "Yonhap reported 300 soldiers were killed in Kursk."
    assert subject(text, [("Yonhap", YONHAP)], "300", parsed=YONHAP) is None


def test_a_country_that_says_where_a_place_lies_owns_nothing():
    text = "North Korea lost 300 soldiers in Kursk, Russia."
    names = [("North Korea", NK), ("Kursk", "place:kursk"), ("Russia", RU)]
    assert subject(text, names, "300") == NK
    for place, text in [
        ("Kursk", "The army lost 300 soldiers in Kursk, Russia."),
        ("Kursk region", "The army lost 300 soldiers in the Kursk region of Russia."),
        ("Kursk", "The army lost 300 soldiers in Kursk Russia."),
    ]:
        assert subject(text, [(place, "place:kursk"), ("Russia", RU)], "300") is None


def test_a_destination_one_word_after_to_is_still_a_destination():
    text = "North Korea sent 300 soldiers to eastern Russia."
    assert subject(text, [("North Korea", NK), ("Russia", RU)], "300") == NK


def test_a_state_describing_a_name_is_not_the_subject():
    text = "North Korea fights for Russia. South Korean lawmaker Lee said 300 soldiers died."
    names = [("North Korea", NK), ("Russia", RU), ("South Korean", SK), ("Lee", "person:lee")]
    assert subject(text, names, "300") == NK


def test_money_and_shares_keep_the_owner_the_parse_gave_even_when_it_speaks():
    text = "The Bank of Korea said exports rose 5 percent."
    names = [("Bank of Korea", "org:bank-of-korea")]
    found = ledger(
        text,
        names,
        [figure(text, "5 percent", "percent", "percent", subject_entity_id="org:bank-of-korea")],
    )
    assert found == [("5 percent", "percent", "org:bank-of-korea", "org:bank-of-korea")]


def test_a_distance_with_no_owner_in_its_sentence_is_the_owner_of_the_figure_before():
    text = "North Korea fired 2 missiles on Monday. One flew 370 miles."
    found = ledger(
        text,
        [("North Korea", NK)],
        [figure(text, "2", unit="missiles"), figure(text, "370 miles", "measure", "miles")],
    )
    assert found == [("2", "missiles", NK, None), ("370 miles", "distance", NK, None)]


def test_a_count_with_no_country_in_its_sentence_is_the_first_country_named_before():
    text = "North Korea keeps its army ready. About 300 soldiers were killed."
    assert subject(text, [("North Korea", NK)], "About 300") == NK
    text = "About 300 soldiers were killed. North Korea keeps its army ready."
    assert subject(text, [("North Korea", NK)], "About 300") is None


def test_a_country_in_the_figures_phrase_beats_the_subject_the_parse_gave():
    text = "Russia received North Korea's 11,000 troops."
    names = [("Russia", RU), ("North Korea", NK)]
    assert subject(text, names, "11,000", "troops", parsed=RU) == NK
    text = "Russia received 2,000 North Korean soldiers."
    assert subject(text, [("Russia", RU), ("North Korean", NK)], "2,000", parsed=RU) == NK


def test_a_country_or_body_the_parse_gives_owns_a_count_before_a_nearer_country():
    text = "Russia, which invaded Ukraine, lost 300 soldiers."
    assert subject(text, [("Russia", RU), ("Ukraine", UA)], "300", parsed=RU) == RU
    text = "Wagner lost 300 soldiers in Bakhmut."
    assert subject(text, [("Wagner", "org:wagner")], "300", parsed="org:wagner") == "org:wagner"


def test_the_speaker_and_the_state_describing_it_never_own_a_count_the_first_country_does():
    text = "North Korea fights in Kursk. 300 soldiers were killed, Ukraine said."
    assert subject(text, [("North Korea", NK), ("Ukraine", UA)], "300") == NK
    text = "North Korea fights in Kursk. South Korea's NIS said 300 soldiers died."
    names = [("North Korea", NK), ("South Korea", SK), ("NIS", NIS)]
    assert subject(text, names, "300") == NK


def test_a_distance_keeps_the_owner_the_parse_gave_over_a_nearer_country():
    text = "Russia said North Korea's missile flew 370 miles past Japan."
    names = [("Russia", RU), ("North Korea", NK), ("Japan", "country:japan")]
    found = ledger(
        text, names, [figure(text, "370 miles", "measure", "miles", subject_entity_id=NK)]
    )
    assert found == [("370 miles", "distance", NK, RU)]


def test_in_english_a_distance_the_parse_gives_no_owner_takes_none_from_the_sentence():
    text = "North Korean forces fired a missile that flew 370 miles."
    found = ledger(text, [("North Korean", NK)], [figure(text, "370 miles", "measure", "miles")])
    assert found == [("370 miles", "distance", None, None)]


def test_in_other_languages_a_distance_takes_the_country_of_its_sentence():
    text = "북한 미사일은 370km를 비행했다."  # "the North Korean missile flew 370 km"
    start = text.index("370km")
    found = Figure("370km", start, start + 5, 370, 370, "measure", unit="km")
    kept = fill_ledger([found], text, mentions(text, [("북한", NK)]), "ko", None, {})
    assert [(f.measure, f.subject_entity_id) for f in kept] == [("distance", NK)]


def test_money_with_no_owner_in_its_sentence_is_the_figure_befores_and_a_speaker_keeps_its_own():
    text = "North Korea fired 2 missiles. They cost $5 million."
    figures = [figure(text, "2", unit="missiles"), figure(text, "$5 million", "money", "USD")]
    assert [r[2] for r in ledger(text, [("North Korea", NK)], figures)] == [NK, NK]
    text = "The Bank of Korea said it earned $5 million."
    bank = "org:bank-of-korea"
    figures = [figure(text, "$5 million", "money", "USD", subject_entity_id=bank)]
    assert ledger(text, [("Bank of Korea", bank)], figures) == [("$5 million", "money", bank, bank)]


# --- who claims it ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("According to the NIS, 300 soldiers were killed.", [("NIS", NIS)], NIS),
        ("Ukraine said 300 soldiers were killed.", [("Ukraine", UA)], UA),
        ("300 soldiers were killed, Ukraine said.", [("Ukraine", UA)], UA),
        ("Ukraine said on Monday that 300 soldiers were killed.", [("Ukraine", UA)], UA),
        (
            "300 soldiers were killed, said Kyrylo Budanov.",
            [("Kyrylo Budanov", "person:budanov")],
            "person:budanov",
        ),
        ("The NIS's estimate is 300 soldiers.", [("NIS", NIS)], NIS),
        ("300 soldiers were killed.\nSource: Yonhap", [("Yonhap", YONHAP)], YONHAP),
        ("300 soldiers were killed. This was announced by the NIS.", [("NIS", NIS)], NIS),
    ],
)
def test_the_claimant_comes_from_according_to_said_or_a_source_line(text, names, expected):
    assert claimant(text, names) == expected


def test_a_cited_source_beats_the_outlet_that_cites_it():
    names = [("Yonhap", YONHAP), ("NIS", NIS)]
    assert claimant("Yonhap, citing the NIS, said 300 soldiers died.", names) == NIS
    assert claimant("Citing the NIS, Yonhap said 300 soldiers died.", names[::-1]) == NIS


def test_told_takes_the_speaker_before_it_never_the_listener_after():
    names = [("Zelensky", "person:zelensky"), ("Macron", "person:macron")]
    assert claimant("300 soldiers were killed, Zelensky told Macron.", names) == names[0][1]
    assert claimant("300 soldiers were killed, told Macron.", names[1:]) is None


def test_no_speaker_stands_before_a_passive_verb():
    text = "In Kyiv, Ukraine's losses were estimated at 300 soldiers."
    assert claimant(text, [("Kyiv", "place:kyiv"), ("Ukraine", UA)]) is None


def test_a_pronoun_points_back_at_the_last_person_or_body_named():
    text = "Zelensky spoke on Monday. He said 300 soldiers were killed."
    assert claimant(text, [("Zelensky", "person:zelensky")]) == "person:zelensky"
    text = "The NIS briefed lawmakers on Monday. It said 300 soldiers were killed."
    assert claimant(text, [("NIS", NIS)]) == NIS


def test_he_is_the_last_person_named_and_it_the_last_body_when_no_source_was_named():
    text = "Macron visited Kyiv, where Zelensky spoke on Monday. He said 300 soldiers were killed."
    names = [("Macron", "person:macron"), ("Kyiv", "place:kyiv"), ("Zelensky", "person:zelensky")]
    assert claimant(text, names) == "person:zelensky"
    text = "Ukraine issued a statement on Monday. It said 300 soldiers were killed."
    assert claimant(text, [("Ukraine", UA)]) == UA
    assert claimant("It said 300 soldiers were killed.", []) is None
    assert claimant("He said 300 soldiers were killed.", []) is None


def test_a_pointer_back_after_a_source_was_named_is_that_source_not_the_last_name():
    names = [("NIS", NIS), ("Ukraine", UA)]
    text = "According to the NIS, 200 soldiers were captured by Ukraine. It said 300 were killed."
    assert claimant(text, names) == NIS
    text = "According to the NIS, 20 were captured by Ukraine. The agency said 300 were killed."
    assert claimant(text, names) == NIS


def test_a_cited_estimate_is_the_estimate_of_the_name_right_before_it():
    text = "The NIS's estimate, shared with Yonhap, is 300 soldiers."
    assert claimant(text, [("NIS", NIS), ("Yonhap", YONHAP)]) == NIS


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # a person heads the phrase after the verb, wherever in it
        ("300 were killed, said Yonhap and Budanov.", [("Yonhap", YONHAP), ("Budanov", "person:budanov")], "person:budanov"),  # noqa: E501
        # the phrase the first name opens ends at a comma
        ("300 were killed, said Yonhap, and Budanov agreed.", [("Yonhap", YONHAP), ("Budanov", "person:budanov")], YONHAP),  # noqa: E501
        ("300 were killed, said Budanov, Ukraine's spy chief.", [("Budanov", "person:budanov"), ("Ukraine", UA)], "person:budanov"),  # noqa: E501
        ("300 were killed, said the head of Ukraine's army.", [("Ukraine", UA)], UA),
        ("300 were killed, said Ukraine, which fights Russia.", [("Ukraine", UA), ("Russia", RU)], UA),  # noqa: E501
    ],
)  # fmt: skip
def test_after_a_comma_the_speaker_follows_the_verb(text, names, expected):
    assert claimant(text, names) == expected


@pytest.mark.parametrize(
    "text",
    ["‘Russia lost 300 soldiers,’ said Budanov.", "'Russia lost 300 soldiers,' said Budanov."],
)
def test_after_a_closing_quote_the_speaker_follows_the_verb_not_the_name_quoted(text):
    assert claimant(text, [("Russia", RU), ("Budanov", "person:budanov")]) == "person:budanov"
    # without the quote, the name before the verb speaks
    plain = "Russia lost 300 soldiers said Budanov."
    assert claimant(plain, [("Russia", RU), ("Budanov", "person:budanov")]) == RU


def test_a_source_cited_by_a_speaker_who_is_no_outlet_still_claims_it():
    text = "Budanov, citing the NIS, said 300 soldiers were killed."
    assert claimant(text, [("Budanov", "person:budanov"), ("NIS", NIS)]) == NIS


def test_every_source_line_counts_and_one_that_is_no_outlet_wins():
    text = "300 soldiers were killed.\nSource: NIS\nSource: Yonhap"
    assert claimant(text, [("NIS", NIS), ("Yonhap", YONHAP)]) == NIS


def test_a_speaker_after_the_verb_that_no_link_names_is_not_the_name_before_the_comma():
    assert claimant("Russia lost 300 soldiers, said Kyiv.", [("Russia", RU)]) is None
    assert claimant("Russia lost 300 soldiers, data showed.", [("Russia", RU)]) is None
    assert claimant("Russia lost 300 soldiers, reports The Times.", [("Russia", RU)]) is None


def test_the_person_of_an_apposition_speaks_and_a_relative_clause_does_not_change_the_speaker():
    text = "Andrii Kovalenko, head of the Center, said 300 soldiers were killed."
    names = [("Andrii Kovalenko", "person:kovalenko"), ("Center", "org:center")]
    assert claimant(text, names) == "person:kovalenko"
    text = "The Center, which monitors Russia, said 300 soldiers were killed."
    assert claimant(text, [("Center", "org:center"), ("Russia", RU)]) == "org:center"


def test_a_noun_phrase_of_its_own_before_the_verb_is_the_speaker_not_the_name_before_it():
    text = "South Korea, a human rights group said, lost 300 soldiers."
    assert claimant(text, [("South Korea", SK)]) is None


def test_a_claim_that_opens_its_own_content_claims_only_what_follows():
    text = "300 soldiers were killed, while Russia says that Ukraine lost more."
    assert claimant(text, [("Russia", RU), ("Ukraine", UA)]) is None
    assert claimant("Russia says that 300 soldiers were killed.", [("Russia", RU)]) == RU


def test_a_person_an_outlet_reports_speaks_not_the_outlet():
    names = [("Kyiv Post", "org:kyiv-post"), ("Budanov", "person:budanov")]
    text = "The Kyiv Post reported that Budanov said 300 soldiers were killed."
    assert claimant(text, names) == "person:budanov"
    text = "300 soldiers were killed, the Kyiv Post reported, citing Budanov."
    assert claimant(text, names) == "person:budanov"
    text = "Budanov told the Kyiv Post that 300 soldiers were killed."
    assert claimant(text, names[::-1]) == "person:budanov"


def test_of_two_speakers_in_a_sentence_the_one_nearer_the_figure_claims_it():
    text = "Russia said 40 were killed, and Ukraine said 300 soldiers were killed."
    assert claimant(text, [("Russia", RU), ("Ukraine", UA)]) == UA


@pytest.mark.parametrize(
    "text",
    [
        'Zelensky said: "We lost 300 soldiers. It was hard."',
        '"We lost 300 soldiers. It was hard," Zelensky wrote.',
        '"We lost 300 soldiers."\nZelensky wrote on X.',
    ],
)
def test_a_figure_in_a_quote_takes_the_quotes_speaker(text):
    assert claimant(text, [("Zelensky", "person:zelensky")]) == "person:zelensky"


def test_a_statement_outside_a_quote_does_not_take_the_speaker_of_the_next_paragraph():
    assert (
        claimant("We lost 300 soldiers.\nZelensky wrote on X.", [("Zelensky", "person:zelensky")])
        is None
    )  # noqa: E501


def test_the_next_sentence_claims_a_figure_only_when_it_opens_by_pointing_back():
    text = "300 soldiers were killed. These figures were confirmed by the NIS."
    assert claimant(text, [("NIS", NIS)]) == NIS
    text = "300 soldiers were killed. Yonhap, in a long report, said the NIS confirmed."
    assert claimant(text, [("Yonhap", YONHAP), ("NIS", NIS)]) is None


def test_a_speaker_between_commas_claims_what_the_sentence_says():
    text = "Ukraine's army, the Yonhap agency said, lost 300 soldiers."
    assert claimant(text, [("Ukraine", UA), ("Yonhap", YONHAP)]) == YONHAP


# --- scripts without spaces: a few characters join a name to its number or cue -----------------


@pytest.mark.parametrize(
    ("language", "text", "names", "written", "expected"),
    [
        # "some 300 North Korean soldiers died, the NIS said": the topic before the verb speaks
        ("ko", "북한군 300여명이 사망했다고 국정원은 밝혔다.", [("북한", NK), ("국정원", NIS)], "300여명", ("killed", NK, NIS)),  # noqa: E501
        # "according to the NIS"
        ("ko", "국정원에 따르면 북한군 300여명이 사망했다.", [("국정원", NIS), ("북한", NK)], "300여명", ("killed", NK, NIS)),  # noqa: E501
        # "sent 11,000 to Russia": "에" after a country makes it where they go
        ("ko", "러시아에 1만1000명을 파병했다.", [("러시아", RU)], "1만1000명", ("deployed", None, None)),  # noqa: E501
        # the next sentence says "the NIS said so"
        ("ko", "북한군 300여명이 사망했다. 국정원은 이같이 밝혔다.", [("북한", NK), ("국정원", NIS)], "300여명", ("killed", NK, NIS)),  # noqa: E501
        ("ja", "北朝鮮はロシアに兵士1万1000人を派遣した。", [("北朝鮮", NK), ("ロシア", RU)], "1万1000人", ("deployed", NK, None)),  # noqa: E501
        ("ja", "国情院は北朝鮮兵300人が死亡したと報告した。", [("国情院", NIS), ("北朝鮮", NK)], "300人", ("killed", NK, NIS)),  # noqa: E501
        ("ja", "北朝鮮兵300人が死亡した。これによると国情院が発表。", [("北朝鮮", NK), ("国情院", NIS)], "300人", ("killed", NK, NIS)),  # noqa: E501
    ],
)  # fmt: skip
def test_in_korean_and_japanese_particles_join_names_to_numbers_and_cues(
    language, text, names, written, expected
):
    number = float(re.sub(r"\D", "", written.replace("만", "").replace("万", "")))
    start = text.index(written)
    found = Figure(written, start, start + len(written), number, number, "number")
    kept = fill_ledger([found], text, mentions(text, names), language, None, {})
    assert [(f.measure, f.subject_entity_id, f.claimant_entity_id) for f in kept] == [expected]


# --- end to end: the figures the stage keeps ----------------------------------------------------


def test_numbers_in_a_link_are_not_figures_and_one_fact_is_told_once():
    result = enrich_text(
        "Report\n\nNorth Korea sent 11,000 troops to Russia, see https://example.com/2024/11000."
        " The 11,000 troops arrived in Kursk."
    )
    assert [(f.text, f.unit, f.measure) for f in result.figures] == [
        ("11,000", "troops", "deployed")
    ]
