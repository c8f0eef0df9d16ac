"""Which numbers are figures and what they read, rule by rule (`numbers.py`, `number_filters.py`,
`number_rules.py`, `number_units.py`, `figures.py`, `figure_patterns.py`, `figure_words.py`;
long because each rule of the seven modules gets a case of its own).

Each sentence is written for the test in the style of the beat; the expected figures are read
off it by hand. English goes through `enrich_text` (the figure pass after the entity pass), the
other languages through `find_numbers`, as the ledger reads them.
"""

from __future__ import annotations

import pytest
import spacy

from newsdesk.enrich import enrich_text, figure_patterns, figure_words, number_rules, numbers
from newsdesk.enrich.figures import find_figures
from newsdesk.enrich.numbers import find_numbers


@pytest.fixture(autouse=True)
def tables_compiled_here():
    """The number tables are compiled once and cached; compile them again in each test, so a
    test checks the compiled tables too (and mutation testing, which forks after a first run,
    reaches the code that compiles them)."""
    caches = (
        number_rules.number_rules,
        figure_patterns.patterns,
        figure_words._words,
        numbers._currency_prefixes,
    )
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def english(sentence: str) -> list[tuple]:
    """(text, value, kind, unit, qualifier) of each figure of an English sentence."""
    result = enrich_text("Report\n\n" + sentence)
    return [(f.text, f.value, f.kind, f.unit, f.qualifier) for f in result.figures]


def read(language: str, sentence: str) -> list[tuple]:
    """(text, value, high, unit, qualifier, kind) of each number of a sentence."""
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.high, f.unit, f.qualifier, f.kind) for f in found]


_BLANK = spacy.blank("en")
_BLANK.add_pipe("sentencizer")


def drafts(sentence: str) -> list[tuple]:
    """The figure pass alone on a sentence, with no named entities (a blank spaCy pipeline):
    (text, number, value, kind, unit, qualifier, low, high, where the number starts, whether
    it must count a noun to be kept)."""
    found = find_figures(_BLANK(sentence))
    return [
        (d.figure.text, d.figure.number, d.figure.value, d.figure.kind, d.figure.unit)
        + (d.figure.qualifier, d.figure.low, d.figure.high)
        + (sentence[d.number_start :].split()[0], d.needs_noun)
        for d in found
    ]


TROOPS = ("300", 300.0, "count", "troops", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "See https://example.com/news/2024/06/450-troops for details.",
        "The army lost 2nd place.",
        "The 1990s were hard.",
    ],
)
def test_numbers_in_addresses_ordinals_and_decades_are_not_figures(sentence):
    assert english(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "He was 20 years old when 300 troops left.",
        "On June 5, 300 troops left.",
        "The meeting is at 10:30 with 300 troops.",
        "They met at 10 a.m. and 300 troops left.",
        "The summit on 6/19 drew 300 troops.",
        "Article 5 covers 300 troops.",
        "In 2024, 300 troops left.",
    ],
)
def test_ages_dates_clock_times_and_names_are_not_figures_the_count_beside_them_is(sentence):
    assert english(sentence) == [TROOPS]


def test_a_number_in_a_file_name_is_not_a_figure():
    assert english("Photo IMG-20250604-WA0092.jpg shows 40 soldiers.") == [
        ("40", 40.0, "count", "soldiers", None)
    ]


def test_a_span_of_years_is_a_duration_when_no_age_follows():
    assert english("The talks ran for 20 years.") == [("20 years", 20.0, "measure", "years", None)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At least 600 troops died.", [("At least 600", 600.0, "count", "troops", "at least")]),
        (
            "About 2,000-3,000 troops were sent.",
            [("About 2,000-3,000", 2000.0, "count", "troops", "approximately")],
        ),
        ("Dozens of troops died.", [("Dozens", 24.0, "count", "troops", "at least")]),
        ("Thousands of people fled.", [("Thousands", 2000.0, "count", "people", "at least")]),
        (
            "Exports rose 5 percent to $2.3 billion.",
            [
                ("5 percent", 5.0, "percent", "percent", None),
                ("$2.3 billion", 2.3e9, "money", "USD", None),
            ],
        ),
        ("Losses fell (-4.5%) last year.", [("-4.5%", -4.5, "percent", "percent", None)]),
        (
            "A hiatus of over five years ended.",
            [("over five years", 5.0, "measure", "years", "at least")],
        ),
        # "over" before a span of time says during, not more than
        (
            "They stayed over three months in the camp.",
            [("three months", 3.0, "measure", "months", None)],
        ),
    ],
)
def test_qualifiers_ranges_scales_and_vague_counts_in_english(sentence, expected):
    assert english(sentence) == expected


def test_a_range_keeps_both_ends():
    result = enrich_text("Report\n\nAbout 2,000-3,000 troops were sent.")
    assert [(f.low, f.high) for f in result.figures] == [(2000.0, 3000.0)]


def test_a_score_with_a_lower_second_number_is_two_counts_not_a_range():
    result = enrich_text("Report\n\nThe bill passed in a 204-85 vote.")
    found = [(f.text, f.number, f.value, f.kind, f.unit, f.low, f.high) for f in result.figures]
    assert found == [
        ("204", 204.0, 204.0, "count", "vote", None, None),
        ("85", 85.0, 85.0, "count", "vote", None, None),
    ]


def test_each_count_of_a_score_keeps_its_qualifier_and_place():
    text = "Report\n\nLawmakers voted roughly 60-40 for the bill."
    result = enrich_text(text)
    found = [(f.text, f.value, f.qualifier, f.qualifier_text) for f in result.figures]
    assert found == [("roughly 60", 60.0, "approximately", "roughly"), ("40", 40.0, None, None)]
    assert [text[f.start : f.end] for f in result.figures] == ["roughly 60", "40"]


@pytest.mark.parametrize(
    "sentence",
    [
        "No one soldier could carry it.",
        "They said no one soldier could carry it.",
        "Not any one country can stop it.",
        "Hardly every one soldier was paid.",
        "They paid each one soldier.",
    ],
)
def test_one_after_no_any_every_or_each_counts_nothing(sentence):
    assert [f for f in english(sentence) if f[0].lower() == "one"] == []


def test_one_before_a_noun_counts_it():
    assert english("They said one country can stop it.") == [
        ("one", 1.0, "count", "countries", None)
    ]


def test_metres_before_a_length_word_are_metres_not_millions():
    assert english("The tunnel is 500m long and wide.")[0] == ("500m", 500.0, "measure", "m", None)
    assert english("The fund lost $500m last year.") == [("$500m", 5e8, "money", "USD", None)]


def test_metres_before_a_length_word_ending_the_sentence_are_metres():
    assert english("The tunnel is 500m long.")[0] == ("500m", 500.0, "measure", "m", None)
    assert english("The wall is 8m wide, officials said.")[0] == ("8m", 8.0, "measure", "m", None)


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Um 7.30 Uhr kamen 300 Soldaten.", "300 Soldaten"),  # a clock time
        ("de", "Am 19. Juni kamen 300 Soldaten.", "300 Soldaten"),  # a day of a month
        ("de", "Artikel 4 nennt 300 Soldaten.", "300 Soldaten"),  # a number in a name
        ("es", "A las 3 llegaron 300 soldados.", "300 soldados"),
        ("es", "El 19 de junio llegaron 300 soldados.", "300 soldados"),
        ("es", "El martes 23 llegaron 300 soldados.", "300 soldados"),  # a weekday's date
        ("fr", "À 15 heures, 300 soldats sont arrivés.", "300 soldats"),
        ("fr", "Le 1er mai, 300 soldats sont arrivés.", "300 soldats"),  # an ordinal
        ("it", "L'articolo 4 cita 300 soldati.", "300 soldati"),
        ("ru", "В 2024 году погибли 300 солдат.", "300 солдат"),  # a year
        ("ko", "새벽 2시 50분에 300명이 왔다.", "300명"),  # hours and minutes
        ("ko", "6·25 전쟁에서 300명이 죽었다.", "300명"),  # a dotted date
        ("ko", "제1차 회의에 300명이 왔다.", "300명"),  # an ordinal before
        ("ko", "김정은(41) 위원장이 300명을 보냈다.", "300명"),  # an age after a name
        ("ko", "2024년 13일에 300명이 왔다.", "300명"),  # a year and a day
        ("ko", "24~26일 300명이 왔다.", "300명"),  # a range of days
        ("ja", "第1回会議に300人が来た。", "300人"),
    ],
)
def test_dates_clock_times_ordinals_ages_and_names_are_not_figures_in_other_languages(
    language, sentence, expected
):
    assert [f[0] for f in read(language, sentence)] == [expected]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Die 90er Jahre waren hart."),  # a decade
        ("es", "Los años 90 fueron duros."),
        ("ko", "두 번째 발사였다."),  # "second", not two times
    ],
)
def test_decades_and_ordinals_are_not_figures_in_other_languages(language, sentence):
    assert read(language, sentence) == []


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        (
            "de",
            "Etwa 2,5 Millionen Menschen flohen.",
            ("Etwa 2,5 Millionen Menschen", 2.5e6, None, "people", "approximately", "count"),
        ),
        (
            "de",
            "Zwischen 2.000 und 3.000 Soldaten kamen.",
            ("Zwischen 2.000 und 3.000 Soldaten", 2000.0, 3000.0, "soldiers", None, "count"),
        ),
        (
            "de",
            "Tausende Menschen flohen.",
            ("Tausende Menschen", 2000.0, None, "people", "at least", "count"),
        ),
        (
            "de",
            "Zwei Drittel der Soldaten starben.",
            ("Zwei Drittel", 66.7, None, "percent", None, "percent"),
        ),
        (
            "es",
            "Miles de personas huyeron.",
            ("Miles de personas", 2000.0, None, "people", "at least", "count"),
        ),
        (
            "es",
            "Unos 3.5 millones de personas.",
            ("Unos 3.5 millones de personas", 3.5e6, None, "people", "approximately", "count"),
        ),
        (
            "fr",
            "Plus de 1 200 soldats sont morts.",
            ("Plus de 1 200 soldats", 1200.0, None, "soldiers", "at least", "count"),
        ),
        (
            "ru",
            "От 2 до 3 тысяч солдат погибли.",
            ("От 2 до 3 тысяч солдат", 2000.0, 3000.0, "soldiers", None, "count"),
        ),
        ("ko", "병력 2천5백 명이 있다.", ("2천5백 명", 2500.0, None, "troops", None, "count")),
        ("ko", "예산은 5천만 원이다.", ("5천만 원", 5e7, None, "KRW", None, "money")),
        (
            "ko",
            "병력 3억5천만 명이 있다.",
            ("3억5천만 명", 3.5e8, None, "troops", None, "count"),
        ),
        (
            "ko",
            "약 1만 5천 명이 참가했다.",
            ("약 1만 5천 명", 15000.0, None, "people", "approximately", "count"),
        ),
        ("ko", "3번 발사했다.", ("3번", 3.0, None, "times", None, "count")),
        ("ja", "3億5千万円の予算。", ("3億5千万円", 3.5e8, None, "JPY", None, "money")),
    ],
)
def test_scales_myriads_ranges_qualifiers_and_shares_in_other_languages(
    language, sentence, expected
):
    assert read(language, sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Some 1799 troops left.", [1799.0]),
        ("Some 1800 troops left.", []),  # 1800 to 2100: a year
        ("Some 2100 troops left.", []),
        ("Some 2101 troops left.", [2101.0]),
        ("The 1950-53 war ended.", []),  # years with a short second year
        ("The 2023-2025 plan ended.", []),
    ],
)
def test_a_bare_four_digit_number_from_1800_to_2100_is_a_year(sentence, expected):
    assert [d[2] for d in drafts(sentence)] == expected


def test_a_score_is_two_numbers_each_starting_at_its_own_digits():
    assert drafts("Lawmakers voted roughly 60-40 for it.") == [
        ("roughly 60", 60.0, 60.0, "number", None, "approximately", None, None, "60-40", False),
        ("40", 40.0, 40.0, "number", None, None, None, None, "40", False),
    ]


def test_a_vague_count_must_count_a_noun_and_is_a_lower_bound():
    found = find_figures(_BLANK("Dozens of soldiers died."))
    assert [(d.figure.text, d.figure.number, d.figure.qualifier_text) for d in found] == [
        ("Dozens", 24.0, "Dozens")
    ]
    assert drafts("Dozens of soldiers died.")[0][5:] == ("at least", None, None, "Dozens", True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The two countries signed a deal.", []),  # "the two": a reference
        (
            "The six-month period ended.",
            [("six-month", 6.0, 6.0, "measure", "months", None, None, None, "six-month", False)],
        ),
        ("One day he left.", []),
        (
            "They sent two to three million people.",
            [("two to three million", 2.0, 2e6, "number", None, None, 2e6, 3e6, "two", False)],
        ),
        (
            "They paid five million dollars.",
            [("five million dollars", 5.0, 5e6, "money", "USD", None, None, None, "five", False)],
        ),
        (
            "Production increased five times.",
            [("five", 5.0, 5.0, "number", None, None, None, None, "five", True)],
        ),
    ],
)
def test_spelled_numbers_references_spans_ranges_and_currencies(sentence, expected):
    assert drafts(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "direction"),
    [
        ("Exports rose five percent.", "increase"),
        ("Prices rose 5 percent.", "increase"),
        ("Prices fell by 3 percent.", "decrease"),
        ("A 3 percent drop followed.", "decrease"),
    ],
)
def test_a_rise_or_a_fall_marks_the_figure_a_change(sentence, direction):
    found = find_figures(_BLANK(sentence))
    assert [(d.figure.is_change, d.figure.direction) for d in found] == [(True, direction)]


@pytest.mark.parametrize(
    "sentence",
    [
        "On June 5, 300 troops left.",  # a month before the day
        "On 5 June, 300 troops left.",  # a month after it
        "Article 5 covers 300 troops.",  # a number in a name
        "The meeting at 10:30 drew 300 troops.",
        "They met at 10 a.m. and 300 troops left.",
        "They met at 10 pm and 300 troops left.",
        "The summit on 6/19 drew 300 troops.",  # a date
        "Help runs 24/7 for 300 troops.",  # a ratio
    ],
)
def test_without_named_entities_dates_times_and_names_are_still_not_figures(sentence):
    assert [d[2] for d in drafts(sentence)] == [300.0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They met 10 times.", [10.0]),
        ("He was 20 years old.", []),  # an age
        ("They fought 20 years ago.", []),  # a date
        ("The talks ran for 20 years.", [20.0]),  # a duration
        ("Visit www.army.kr/300 now.", []),
        ("The id=300 page.", []),
        ("File report_300.pdf lists them.", []),
        ("Page a/b/300 lists them.", []),  # two slashes: a path
        ("Page a/300 lists 40 troops.", [40.0]),
    ],
)
def test_ages_and_numbers_in_addresses_are_not_figures_counts_and_durations_are(sentence, expected):
    assert [d[2] for d in drafts(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Write to ops@army.kr about 300 troops.", [300.0]),  # the address is another word
        ("The tag @1212 drew 40 troops.", [40.0]),  # "@" right before the digits
    ],
)
def test_only_the_word_holding_an_address_is_left_out(sentence, expected):
    assert [d[2] for d in drafts(sentence)] == expected


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("ja", "工兵は300人が派遣された。", ("300人", "sappers")),  # the longest noun: 工兵, not 兵
        ("ja", "兵は300人が派遣された。", ("300人", "soldiers")),
        ("ja", "兵士は約1万人だ。", ("約1万人", "soldiers")),
        ("ja", "1万人の兵力が派遣された。", ("1万人", "troops")),  # a noun after the counter
        ("ja", "1万人の労働者が来た。", ("1万人", "workers")),
        ("ko", "병사 300명이 왔다.", ("300명", "soldiers")),  # the noun opens the text
        ("ko", "풍선은 300개가 날아왔다.", ("300개", "balloons")),
        ("zh", "派遣了6000名士兵。", ("6000名", "soldiers")),
        ("zh", "派遣了6000名的士兵。", ("6000名", "soldiers")),
        ("zh", "士兵派遣了6000名。", ("6000名", "people")),  # a noun far before: the counter's
    ],
)
def test_the_counted_noun_before_the_number_or_after_its_counter(language, sentence, expected):
    assert [(f[0], f[3]) for f in read(language, sentence)] == [expected]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Sie zahlten US$ 5 Millionen.", ("US$ 5 Millionen", 5e6, "USD")),
        ("de", "Sie zahlten US$5 Millionen.", ("US$5 Millionen", 5e6, "USD")),  # not "$" alone
        ("de", "Sie zahlten €5 Millionen.", ("€5 Millionen", 5e6, "EUR")),
        ("de", "$5 Millionen wurden gezahlt.", ("$5 Millionen", 5e6, "USD")),  # at the start
        ("de", "Sie zahlten ABC$5 Millionen.", ("5 Millionen", 5e6, None)),  # part of a word
        ("es", "Pagaron US$ 1,34 millones.", ("US$ 1,34 millones", 1.34e6, "USD")),
        ("es", "Pagaron USD 620 millones.", ("USD 620 millones", 6.2e8, "USD")),
    ],
)
def test_a_currency_sign_or_code_right_before_the_number(language, sentence, expected):
    assert [(f[0], f[1], f[3]) for f in read(language, sentence)] == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # each end of a range with its own scale word
        ("They spent $2 million to $3 billion.", ("money", "USD", 2e6, 2e6, 3e9)),
        ("They spent $2m-$3bn on arms.", ("money", "USD", 2e6, 2e6, 3e9)),
        ("They spent $1.5 million-2 million.", ("money", "USD", 1.5e6, 1.5e6, 2e6)),
        ("Some 2 million-3 million people fled.", ("number", None, 2e6, 2e6, 3e6)),
        # one scale word after the range scales both ends
        ("They spent 1.5-2 billion dollars.", ("money", "USD", 1.5e9, 1.5e9, 2e9)),
        # a range of shares is never scaled
        ("Prices rose 10-20%.", ("percent", "percent", 10.0, 10.0, 20.0)),
        ("Support stood at 40-45 percent.", ("percent", "percent", 40.0, 40.0, 45.0)),
        ("They sent 300 to 400 troops.", ("number", None, 300.0, 300.0, 400.0)),
        ("They lost 3km of road.", ("measure", "km", 3.0, None, None)),
        ("Some 20m people fled.", ("number", None, 2e7, None, None)),  # m: million
    ],
)
def test_ranges_scales_and_units_of_digit_figures(sentence, expected):
    found = find_figures(_BLANK(sentence))
    assert [(d.figure.kind, d.figure.unit, d.figure.value, d.figure.low, d.figure.high)
            for d in found] == [expected]  # fmt: skip


def test_a_decade_and_a_glued_ordinal_are_not_figures():
    assert drafts("The 1990s saw the 30s.") == []
    assert drafts("They came 2nd.") == []


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Kim (41) schickte 300 Soldaten.", ["300 Soldaten"]),  # an age after a name
        ("de", "Kim(41) schickte 300 Soldaten.", ["300 Soldaten"]),
        ("de", "Es kamen (300) Soldaten.", ["300"]),  # three digits: no age
        ("ko", "9·19 군사합의에서 300명이 죽었다.", ["300명"]),  # a month and a day
    ],
)
def test_an_age_in_brackets_after_a_name_and_a_dotted_date_are_not_figures(
    language, sentence, expected
):
    assert [f[0] for f in read(language, sentence)] == expected


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Über 3.000 Soldaten kamen.", ("Über 3.000 Soldaten", "at least")),
        ("de", "Es kamen mehr als 3.000 Soldaten.", ("mehr als 3.000 Soldaten", "at least")),
        ("de", "Es kamen fast 3.000 Soldaten.", ("fast 3.000 Soldaten", "approximately")),
        ("de", "Es kamen als 3.000 Soldaten.", ("3.000 Soldaten", None)),  # "als" alone
        ("es", "Murieron más de 2.300 soldados.", ("más de 2.300 soldados", "at least")),
        # up to two characters between the qualifier and the number where words have no spaces
        ("zh", "至少已有100名士兵死亡。", ("至少已有100名", "at least")),
        ("zh", "至少有2000名士兵。", ("至少有2000名", "at least")),
        ("zh", "约100名士兵死亡。", ("约100名", "approximately")),
        ("ko", "300여명이 왔다.", ("300여명", "at least")),  # "여" glued: more than
        ("ko", "10개 여단이 왔다.", ("10개", None)),  # "여단", a brigade
    ],
)
def test_a_qualifier_before_or_after_the_number_and_where_the_figure_starts(
    language, sentence, expected
):
    found = find_numbers(sentence, 0, len(sentence), language)
    assert [(f.text, f.qualifier) for f in found] == [expected]
    assert [sentence[f.start : f.end] for f in found] == [expected[0]]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Um 12:30 kamen 300 Soldaten.", ["300 Soldaten"]),  # hours and minutes
        ("de", "Es kamen 07 Soldaten.", []),  # a leading zero: a code
        ("de", "Es kamen 7 Soldaten.", ["7 Soldaten"]),
        ("ru", "К 23-му числу погибли 300 солдат.", ["300 солдат"]),  # an ordinal ending
        ("de", "Eine 3-Zimmer Wohnung kostet 300 Euro.", ["300 Euro"]),
        # a unit after the hyphen is no ending: 120 days
        ("de", "Nach der 120-tägigen Frist kamen 300 Soldaten.", ["120-tägigen", "300 Soldaten"]),
    ],
)
def test_clock_times_codes_and_hyphened_endings_are_not_figures(language, sentence, expected):
    assert [f[0] for f in read(language, sentence)] == expected


def test_a_change_word_after_the_figure_gives_its_direction():
    found = find_figures(_BLANK("Exports saw a 5 percent rise, then a 3 percent drop."))
    assert [(d.figure.text, d.figure.is_change, d.figure.direction) for d in found] == [
        ("5 percent", True, "increase"),
        ("3 percent", True, "decrease"),
    ]


def test_two_number_words_joined_by_or_are_a_range():
    result = enrich_text("Report\n\nThey sent two or three missiles.")
    assert [(f.text, f.value, f.high, f.unit) for f in result.figures] == [
        ("two or three", 2.0, 3.0, "missiles")
    ]
