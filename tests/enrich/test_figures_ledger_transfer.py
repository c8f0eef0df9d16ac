"""The figures ledger's rules for what new real text of the beat showed (the `-e-` excerpts of
the beat gold set, from sites the rules had not seen): clock times after a colon, amounts
converted in brackets, repeats that name the dead, cues between two figures, workers sent as
troops, dates of statements, the country of a phrase in scripts without spaces, claimants named
more than once, sources heading a sentence, relayed and carried-over sources.

Every sentence is written for these tests in the style of the beat; the expected values are
read off the sentence by hand.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers

NK, SK = "country:north-korea", "country:south-korea"


def rows(text: str) -> list[tuple]:
    result = enrich_text("Report\n\n" + text)
    return [
        (f.text, f.value, f.unit, f.measure, f.subject_entity_id, f.claimant_entity_id, f.as_of)
        for f in result.figures
    ]


def column(text: str, index: int) -> list:
    return [row[index] for row in rows(text)]


# --- what is a figure, once per fact -----------------------------------------------------------


def test_a_number_right_after_a_colon_is_the_minutes_of_a_clock_time():
    text = (
        "The missiles were launched at 6.50 am on Wednesday (21:50 GMT on Tuesday) and flew "
        "about 400km towards the northeast."
    )
    assert column(text, 0) == ["about 400km"]


def test_a_scaled_number_converted_into_money_in_brackets_is_one_fact():
    text = "Crypto theft worldwide reached 2.2 billion (£1.76bn) in 2024, the report said."
    assert column(text, 0) == ["2.2 billion"]


def test_a_repeat_that_names_the_dead_is_the_fact_told_before():
    text = (
        "Environ 600 soldats nord-coréens ont été tués, a affirmé le député Lee Seong-kweun. "
        "«Les pertes sont estimées à environ 4.700, dont environ 600 morts», a-t-il déclaré."
    )
    assert [(r[0], r[3]) for r in rows(text)] == [
        ("Environ 600 soldats", "killed"),
        ("environ 4.700", "casualties"),
    ]


def test_a_list_of_ordinals_closed_by_an_ordinal_word_is_no_figure():
    sentence = "북한이 1,2차 표창 수여식에서 공개한 전사자는 350명 정도다."
    found = find_numbers(sentence, 0, len(sentence), "ko")
    assert [(f.text, f.value, f.qualifier) for f in found] == [
        ("350명 정도", 350.0, "approximately")
    ]


def test_deminers_are_a_counted_noun_in_portuguese():
    sentence = "Pyongyang enviará mil desminadores à Rússia."
    found = find_numbers(sentence, 0, len(sentence), "pt")
    assert [(f.text, f.value, f.unit) for f in found] == [("mil desminadores", 1000.0, "deminers")]


# --- what a figure measures --------------------------------------------------------------------


def test_a_casualty_word_between_two_figures_is_the_first_ones_when_the_second_has_its_own():
    text = (
        "Alrededor de 300 soldados norcoreanos han muerto y otros 2.700 han resultado heridos "
        "mientras luchaban en la guerra."
    )
    assert column(text, 3) == ["killed", "wounded"]


def test_a_casualty_word_between_two_figures_stays_the_nearer_ones_otherwise():
    text = "Corea del Norte envió 11.000 soldados y 300 han muerto en combate."
    assert column(text, 3) == ["deployed", "killed"]


def test_troops_sent_to_demine_or_build_are_workers():
    text = (
        "Shoigu said North Korea would send 1,000 demining troops and 5,000 military "
        "construction personnel to Russia."
    )
    assert column(text, 3) == ["workers", "workers"]


def test_troops_sent_with_no_word_of_work_near_are_deployed():
    assert column("North Korea sent 11,000 troops to Russia last year.", 3) == ["deployed"]


def test_a_death_named_by_a_noun_is_a_killed_count_in_spanish():
    text = "El Gobierno ha confirmado el fallecimiento de nueve soldados en el frente."
    assert column(text, 3) == ["killed"]


# --- the date a figure refers to ---------------------------------------------------------------


def test_a_date_right_after_a_speech_verb_dates_the_statement_not_the_figure():
    text = "South Korean intelligence said in October 2024 that North Korea had sent 12,000 troops."
    assert column(text, 6) == [None]


def test_a_date_opening_the_clause_of_the_figure_is_its_date():
    text = "Since October 2024, North Korea has sent about 12,000 of its troops to Russia, it said."
    assert column(text, 6) == ["2024-10"]


# --- whose it is -------------------------------------------------------------------------------


def test_a_country_after_a_stop_in_a_script_without_spaces_is_not_of_the_figures_phrase():
    text = (
        "ウクライナとの戦闘のためにロシアに派遣された北朝鮮の兵士約600人が死亡したことが"
        "分かりました。\n韓国の国家情報院は30日、国会に報告しました。"
    )
    assert [(r[0], r[4]) for r in rows(text)] == [("約600人", NK)]


def test_a_state_describing_a_claimant_named_twice_is_not_the_subject():
    text = (
        "South Korea’s National Intelligence Service (NIS) reported that the regime of North "
        "Korea has sent around 5,000 military construction workers to Russia since September."
    )
    assert [(r[0], r[4], r[5]) for r in rows(text)] == [("around 5,000", NK, "org:nis")]


def test_a_parse_joining_the_sentence_before_gives_no_owner_from_it():
    text = (
        "North Korea has fired two ballistic missiles, South Korea’s military said.\n"
        "South Korea’s Joint Chiefs of Staff said in a statement that the missiles were "
        "launched 10 minutes apart from the town of Jangyon in southeastern North Korea.\n"
        "The military said the first missile flew 600km."
    )
    assert [(r[0], r[4], r[5]) for r in rows(text)] == [
        ("two", NK, SK),
        ("10 minutes", NK, "org:jcs"),
        ("600km", NK, "org:jcs"),
    ]


# --- who says so -------------------------------------------------------------------------------


def test_a_source_that_cites_another_right_after_it_passes_the_claim_on():
    text = (
        "Alrededor de 300 soldados norcoreanos han muerto, informó este lunes un legislador de "
        "Corea del Sur, citando información de la agencia de inteligencia de Seúl."
    )
    assert column(text, 5) == ["org:nis"]


def test_a_name_set_off_by_commas_before_the_verb_is_its_speaker():
    text = (
        "El líder norcoreano, Kim Jong Un, ha confirmado el fallecimiento de nueve soldados "
        "del Ejército Popular de Corea."
    )
    assert column(text, 5) == ["person:kim-jong-un"]


def test_a_body_heading_a_sentence_with_a_colon_states_what_follows():
    text = "Japanese Ministry of Defense: The missile flew for at least 500 kilometers."
    assert column(text, 5) == ["org:japanese-defense-ministry"]


def test_it_points_at_the_body_named_before_it_in_its_sentence():
    text = (
        "Japan's Coast Guard also said a projectile had already fallen.\n"
        "North Korea last fired a missile on July 1, when it claimed to have tested a missile "
        "carrying a 4.5-ton warhead."
    )
    assert column(text, 5) == ["country:north-korea"]


def test_a_speaker_saying_stands_before_the_verb():
    text = (
        "Japan also confirmed the launch with the coastguard saying North Korea fired at least "
        "two ballistic missiles."
    )
    assert column(text, 5) == ["country:japan"]


@pytest.mark.parametrize(
    "second",
    ["負傷者は4100人に及んでいるとしています。", "負傷者は4100人に及んでいるとされています。"],
)
def test_a_japanese_sentence_that_reports_without_a_subject_keeps_the_last_source(second):
    text = f"韓国の国家情報院は30日、北朝鮮がロシアに約1万5千人を派兵したと報告しました。\n{second}"
    assert column(text, 5) == ["org:nis", "org:nis"]


def test_a_sentence_that_names_no_source_and_reports_nothing_stays_the_publishers():
    text = (
        "韓国の国家情報院は30日、北朝鮮がロシアに約1万5千人を派兵したと報告しました。\n"
        "負傷者は4100人に及ぶ。"
    )
    assert column(text, 5) == ["org:nis", None]


def test_a_korean_attribution_to_no_named_source_keeps_the_last_source():
    text = (
        "국가정보원은 14일 북한군의 사상자 수가 3000여명이 넘은 것으로 추산된다고 밝혔다.\n"
        "양 간사의 브리핑 내용에 따르면 사망 300여명, 부상 2700여명으로 집계됐다."
    )
    assert [(r[0], r[3], r[5]) for r in rows(text)] == [
        ("3000여명", "casualties", "org:nis"),
        ("300여명", "killed", "org:nis"),
        ("2700여명", "wounded", "org:nis"),
    ]


# --- counts written around numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "several" or "a few" before a scale word: a lower bound, as "thousands of" is read
        (
            "Several thousand North Korean troops and a few hundred officers arrived.",
            [("Several thousand", 2000.0, "troops"), ("a few hundred", 200.0, "officers")],
        ),
        # a qualifier that negates a bound: "no fewer than" is at least
        ("No fewer than 500 engineers were sent.", [("No fewer than 500", 500.0, "engineers")]),
        # a number before a slash and a digit is a date or a ratio ("6/19", "24/7")
        ("North Korea fired 10 rounds on 6/19 while on 24/7 alert.", [("10", 10.0, "rounds")]),
    ],
)
def test_counts_written_around_numbers_in_english(text, expected):
    assert [(r[0], r[1], r[2]) for r in rows(text)] == expected


def test_no_fewer_than_is_a_lower_bound():
    result = enrich_text("Report\n\nNo fewer than 500 engineers were sent.")
    assert [f.qualifier for f in result.figures] == ["at least"]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Mehrere hundert Soldaten wurden getötet.", ("Mehrere hundert Soldaten", 200.0)),
        ("ru", "Несколько сотен солдат погибли.", ("Несколько сотен солдат", 200.0)),
        ("ko", "북한군 수백 명이 사망했다.", ("수백 명", 200.0)),
        ("ja", "北朝鮮兵数百人が死亡した。", ("数百人", 200.0)),
        ("zh", "其中数千人受伤。", ("数千人", 2000.0)),
    ],
)
def test_several_hundred_is_a_vague_lower_bound_in_other_languages(language, sentence, expected):
    found = find_numbers(sentence, 0, len(sentence), language)
    assert [(f.text, f.value, f.qualifier) for f in found] == [(*expected, "at least")]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("de", "Es begann um 7.30 Uhr."), ("es", "Empezó a las 7.30 de la mañana.")],
)
def test_hours_and_minutes_joined_by_a_dot_are_a_clock_time(language, sentence):
    assert find_numbers(sentence, 0, len(sentence), language) == []


def test_a_cue_across_a_clause_mark_gives_way_to_one_in_the_figures_own_clause():
    text = "Несколько сотен северокорейских солдат погибли; КНДР отправила около 12 тысяч военных."
    assert column(text, 3) == ["killed", "deployed"]


def test_a_deployment_with_its_losses_after_a_comma_stays_a_deployment():
    text = "North Korea sent 10,000 soldiers to Russia, of whom 300 died in Kursk."
    assert column(text, 3) == ["deployed", "killed"]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("pt", "A Coreia do Norte roubou US$ 1,34 bilhão em 2024.", ("US$ 1,34 bilhão", "USD")),
        ("it", "Il regime ha speso € 5 milioni.", ("€ 5 milioni", "EUR")),
        ("es", "Robó más de US$1.340 millones.", ("más de US$1.340 millones", "USD")),
    ],
)
def test_a_currency_sign_before_a_number_makes_it_money_in_other_languages(
    language, sentence, expected
):
    found = find_numbers(sentence, 0, len(sentence), language)
    assert [(f.text, f.unit, f.kind) for f in found] == [(*expected, "money")]


def test_a_dollar_sign_inside_a_word_is_no_currency():
    sentence = "Das Modell ABC$5 kostete viel."
    assert [f.unit for f in find_numbers(sentence, 0, len(sentence), "de")] == [None]


# --- polls and votes -----------------------------------------------------------------------------


def test_a_high_end_lower_than_the_low_end_is_a_tally_of_two_counts():
    text = "The bill was approved in a 204-85 vote with three abstentions."
    assert [(r[0], r[1]) for r in rows(text)] == [("204", 204.0), ("85", 85.0), ("three", 3.0)]


def test_a_range_that_rises_stays_one_range():
    result = enrich_text("Report\n\nNorth Korea sent 10,000-12,000 troops to Russia.")
    assert [(f.text, f.low, f.high) for f in result.figures] == [
        ("10,000-12,000", 10000.0, 12000.0)
    ]


def test_a_sample_of_men_and_women_counts_people_not_troops():
    text = "Gallup Korea surveyed 1,001 men and women aged 18 and over."
    assert column(text, 3) == ["people"]


def test_a_share_of_something_of_a_person_belongs_to_that_person():
    text = (
        "A survey by Gallup Korea found that 37% of the positive evaluations of President "
        "Yoon Suk-yeol's job performance came from diplomacy."
    )
    assert [(r[0], r[4], r[5]) for r in rows(text)] == [
        ("37%", "person:yoon-suk-yeol", "org:gallup-korea")
    ]


def test_a_source_named_in_quotes_after_a_cue_is_still_the_source():
    text = (
        'The survey was conducted by the polling organization "Gallup Korea" among 1,001 men '
        "and women."
    )
    assert column(text, 5) == ["org:gallup-korea"]


def test_a_body_joined_by_de_to_its_state_speaks_rather_than_the_state():
    text = (
        "El Servicio Nacional de Inteligencia (NIS) de Corea del Sur estimó que unos 11.000 "
        "soldados norcoreanos fueron enviados a Rusia."
    )
    assert column(text, 5) == ["org:nis"]


def test_the_subject_of_a_clause_is_who_its_noun_is_of():
    text = (
        "According to a survey by Gallup Korea, the approval rating of President Yoon "
        "Suk-yeol rose by 3 percentage points to 23%."
    )
    assert [(r[0], r[4], r[5]) for r in rows(text)] == [
        ("3 percentage points", "person:yoon-suk-yeol", "org:gallup-korea"),
        ("23%", "person:yoon-suk-yeol", "org:gallup-korea"),
    ]


def test_reportedly_keeps_the_last_source_named():
    text = (
        "South Korea's military said North Korea launched three ballistic missiles. "
        "The missiles reportedly traveled about 300 km."
    )
    assert column(text, 5) == [SK, SK]


def test_reportedly_with_no_source_named_before_is_the_publishers():
    assert column("The missiles reportedly traveled about 300 km.", 5) == [None]


def test_of_two_states_joined_by_and_before_a_verb_the_first_speaks():
    text = (
        "South Korean and Japanese defense officials reported that North Korea launched three "
        "short-range ballistic missiles."
    )
    assert column(text, 5) == [SK]
