"""Number readings that two batches of real text (the beat gold set's `en-h-*` and `*-g-*`
excerpts, labelled before the system saw them) showed broken, each stated as a rule on
sentences written for these tests in the style of the beat (values read off by hand):
hyphenated number words, vague plurals of a scale, spans after "the last", dates written as
"a decade ago", counts listed before a calibre, troops sent for a task, repeats of a fact in
other languages and Korean ranges with a counter after each end.
"""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.numbers import find_numbers


def figures(text: str) -> list[tuple]:
    result = enrich_text("Report\n\n" + text)
    return [(f.text, f.value, f.unit, f.qualifier) for f in result.figures]


def read(language: str, sentence: str) -> list[tuple]:
    found = find_numbers(sentence, 0, len(sentence), language)
    return [(f.text, f.value, f.high, f.unit) for f in found]


# --- English number words (figure_patterns.py) ---------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a scale hyphened to a number word, as digits take it ("20-thousand")
        (
            "Pyongyang dispatched eight-thousand laborers last year.",
            [("eight-thousand", 8000.0, "laborers", None)],
        ),
        (
            "It shipped over two-hundred heavy artillery pieces.",
            [("over two-hundred", 200.0, "pieces", "at least")],
        ),
        # "hundred" scales the number word before it, spaced or hyphened
        ("They sent two hundred troops.", [("two hundred", 200.0, "troops", None)]),
        # a hyphen on past the scale makes a modifier, not a count
        ("A two-hundred-year-old temple burned.", []),
    ],
)
def test_a_number_word_takes_a_hyphened_or_spaced_scale(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # valued as the lexicon values "thousands" and "hundreds of thousands": a lower bound
        # of two of the scale
        (
            "IT workers earn hundreds of millions of dollars each year.",
            [("hundreds of millions", 2e8, "USD", "at least")],
        ),
        (
            "The networks channel billions of dollars into weapons.",
            [("billions", 2e9, "USD", "at least")],
        ),
        (
            "Tens of millions of people went hungry.",
            [("Tens of millions", 2e7, "people", "at least")],
        ),
    ],
)
def test_a_scale_in_the_plural_is_a_vague_lower_bound(sentence, expected):
    assert figures(sentence) == expected


# --- spans of time (figures.py, figure_words.py) -------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "the last", "the past", "the next" open a span of time
        (
            "Hackers stole funds in the last three years.",
            [("three years", 3.0, "years", None)],
        ),
        ("Output grew over the last two decades.", [("two decades", 20.0, "years", None)]),
        # elsewhere the determiner points back, or the span is a part of the calendar
        ("The last three ships arrived.", []),
        ("In the first nine months of this year, 181 arrived.", [("181", 181.0, None, None)]),
        # "ago", "earlier": the span dates an event
        ("The group gained notoriety a decade ago.", []),
        ("They met three decades earlier.", []),
        ("The deal came about a year ago.", []),
    ],
)
def test_a_span_of_time_lasts_unless_it_dates_or_points_back(sentence, expected):
    assert figures(sentence) == expected


# --- calibres (figure_ledger.py) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a count that writes its own noun is no member of the calibre list after it
        (
            "ko",
            "이는 152mm 포탄 300만개, 122mm 포탄 50만개를 수용할 수 있는 양이다.",
            [("300만개", 3e6), ("50만개", 5e5)],
        ),
        (
            "fr",
            "La Corée du Nord a livré 300 000 obus, 122 mm compris.",
            [("300 000 obus", 3e5)],
        ),
        # a bare number before a calibre list is one of its calibres
        ("fr", "La Corée du Nord a livré des obus de 122 et 152 mm.", []),
        ("en", "North Korea has sent 122 and 152 mm shells to Russia.", []),
    ],
)
def test_a_calibre_list_takes_bare_numbers_not_counts(language, text, expected):
    result = enrich_text("Report\n\n" + text)
    assert result.language.code == language
    assert [(f.text, f.value) for f in result.figures] == expected


# --- what troops were sent for (measures.py) -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "measure"),
    [
        # a work word right after the troops says what they were sent for
        ("North Korea sent 1,000 troops for demining in Kursk.", "en", "workers"),
        ("North Korea deployed 1,000 soldiers to help with reconstruction.", "en", "workers"),
        ("North Korea sent 1,000 soldiers to clear mines in Kursk.", "en", "workers"),
        ("Pyongyang sent 1,000 troops to demine the Kursk region.", "en", "workers"),
        (
            "КНДР загалом відправила туди 1000 військових для розмінування території.",
            "uk",
            "workers",
        ),
        # a work word in another clause is another matter
        ("North Korea sent 11,000 troops to Kursk, and construction began.", "en", "deployed"),
        (
            "North Korea sent 1,000 troops to Kursk, where Russia is clearing mines.",
            "en",
            "deployed",
        ),
    ],
)
def test_troops_sent_for_work_are_workers(text, language, measure):
    result = enrich_text("Report\n\n" + text)
    assert result.language.code == language
    assert [f.measure for f in result.figures] == [measure]


# --- one figure per fact in other languages (figure_ledger.py) -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "북한은 러시아에 포탄이 담긴 컨테이너 약 6,700개를 보낸 것으로 추정된다.\n\n"
        "신원식 국방부장관도 북한이 러시아에 약 6700개의 컨테이너를 보냈다고 추정했다.",
        "Nordkorea hat etwa 6.700 Container nach Russland geschickt.\n\n"
        "Minister Shin sagte, Pjöngjang habe etwa 6700 Container an Moskau geliefert.",
        "КНДР отправила в Россию около 6700 контейнеров.\n\n"
        "Министр обороны также заявил, что Пхеньян отправил около 6 700 контейнеров.",
    ],
)
def test_a_fact_told_again_later_is_one_figure_in_any_language(text):
    result = enrich_text("Report\n\n" + text)
    assert [(f.value, f.unit) for f in result.figures] == [(6700.0, "containers")]


# --- ranges with a counter after each end (numbers.py) -------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        (
            "ko",
            "20만 발에서 100만 발에 이르는 규모다.",
            [("20만 발에서 100만 발", 2e5, 1e6, "rounds")],
        ),
        ("ko", "2만 명~3만 명이 파병됐다.", [("2만 명~3만 명", 2e4, 3e4, "people")]),
        ("ja", "2万人～3万人が派遣された。", [("2万人～3万人", 2e4, 3e4, "people")]),
        # "from ... to" with "으로" after the second is a change between two figures
        (
            "ko",
            "병력이 3만 명에서 5만 명으로 늘었다.",
            [("3만 명", 3e4, None, "troops"), ("5만 명", 5e4, None, "people")],
        ),
        # two counters of different things are two figures
        (
            "ko",
            "포탄 20만 발에서 미사일 3발까지",
            [("20만 발", 2e5, None, "shells"), ("3발", 3.0, None, "missiles")],
        ),
    ],
)
def test_a_range_may_write_its_counter_after_each_end(language, sentence, expected):
    assert read(language, sentence) == expected


# --- minimal Hindi and Thai lexicons (hi.toml, th.toml) -----------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        # a scale and a qualifier after the digits; vowel signs belong to their word
        (
            "hi",
            "किम अब तक 11 हजार से ज्यादा सैनिकों को भेज चुके हैं।",
            [("11 हजार से ज्यादा सैनिक", 11000.0, None, "soldiers")],
        ),
        (
            "hi",
            "यूक्रेन में हजारों उत्तर कोरियाई सैनिक हताहत हुए हैं।",
            [("हजारों उत्तर कोरियाई सैनिक", 2000.0, None, "soldiers")],
        ),
        ("hi", "वे दो दिन पहले पहुंचे।", []),  # "ago": a date
        # Thai: no spaces between words; a classifier after the digits, a year before them
        (
            "th",
            "มีทหารเสียชีวิตแล้วอย่างน้อย 120 นาย",
            [("อย่างน้อย 120 นาย", 120.0, None, "soldiers")],
        ),
        ("th", "ในปี 2567 ส่งทหาร 1.1 หมื่นนาย", [("1.1 หมื่นนาย", 11000.0, None, "soldiers")]),
    ],
)
def test_hindi_and_thai_numbers_are_read(language, sentence, expected):
    assert read(language, sentence) == expected
