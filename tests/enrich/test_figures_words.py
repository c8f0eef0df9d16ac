"""Quantities the digit patterns alone miss, and numbers that only look like figures, on whole
sentences written for these tests in the style of the beat (expected values read by hand)."""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text


def figures(sentence: str) -> list[tuple]:
    result = enrich_text("Report\n\n" + sentence)
    return [(f.text, f.value, f.unit, f.qualifier) for f in result.figures]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # fractions of a whole are shares: "of" after them, or a qualifier before them
        (
            "About half of the missiles exploded.",
            [("About half", 50.0, "percent", "approximately")],
        ),
        ("Two-thirds of the losses were deaths.", [("Two-thirds", 66.7, "percent", None)]),
        ("More than a third of them died.", [("More than a third", 33.3, "percent", "at least")]),
        ("More than half were in their 20s.", [("More than half", 50.0, "percent", "at least")]),
        # multiples, decades, one unit written as a word
        ("The launch failed twice.", [("twice", 2.0, "times", None)]),
        (
            "Thefts were more than double the year before.",
            [("more than double", 2.0, "times", "at least")],
        ),
        # the verb of a multiple with a qualifier; a bare "doubled" reports no number
        (
            "The frequency of attacks has more than doubled.",
            [("more than doubled", 2.0, "times", "at least")],
        ),
        ("The price of rice doubled.", []),
        (
            "They met 24 times in three decades.",
            [("24", 24.0, "times", None), ("three decades", 30.0, "years", None)],
        ),
        ("Launches resumed after a monthlong hiatus.", [("monthlong", 1.0, "months", None)]),
        ("The talks lasted just over an hour.", [("just over an hour", 1.0, "hours", "at least")]),
        # hyphenated units and scales, words between a number and its unit
        ("Shoigu made a one-day visit.", [("one-day", 1.0, "days", None)]),
        ("It passed the 60-trillion-won mark.", [("60-trillion-won", 6e13, "KRW", None)]),
        (
            "Balloons came for five consecutive days.",
            [("five consecutive days", 5.0, "days", None)],
        ),
        # a fall written as a negative share
        ("Growth was negative in 2020 (-4.5%).", [("-4.5%", -4.5, "percent", None)]),
        # spelled numbers past twelve, hyphenated tens, an article or a half before a scale
        (
            "Forty-two soldiers and seventeen officers died.",
            [("Forty-two", 42.0, "soldiers", None), ("seventeen", 17.0, "officers", None)],
        ),
        ("Pyongyang sent half a million shells.", [("half a million", 5e5, "shells", None)]),
    ],
)
def test_quantities_in_words(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Exports rose in the second half of 2024.", []),  # a period of the year
        ("They cited double standards.", []),  # "double" alone is no multiple
        ("It is a three-year high for exports.", []),  # a record, not a span
        ("Soldiers fired 10 shots from a 12.7 mm machine gun.", ["10"]),  # a calibre names a gun
        ("She will stay over a year.", []),  # "over" a span says during: no report
    ],
)
def test_words_that_are_no_quantity(sentence, kept):
    assert [f[0] for f in figures(sentence)] == kept


def test_over_a_span_of_time_is_a_preposition_unless_a_noun_leads_to_it():
    assert figures("They were killed over three months.") == [("three months", 3.0, "months", None)]
    assert figures("The train resumed after a hiatus of over five years.") == [
        ("over five years", 5.0, "years", "at least")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "from 600 to 2,000" is a change between two figures, not a range
        (
            "The NIS raised its estimate from 600 to 2,000.",
            [("600", 600.0, None, None), ("2,000", 2000.0, None, None)],
        ),
        ("North Korea sent 1,000 to 3,000 troops.", [("1,000 to 3,000", 1000.0, "troops", None)]),
        # "m" glued to a number: metres before a word of length, else millions
        (
            "The tunnel is 500m long and cost $500m.",
            [("500m", 500.0, "m", None), ("$500m", 5e8, "USD", None)],
        ),
        ("Its debt reached 20m by May.", [("20m", 2e7, None, None)]),
        # spelled ranges, numbers past twelve, a dozen
        (
            "Soldiers rotate every two to three months.",
            [("two to three months", 2.0, "months", None)],
        ),
        ("Some two dozen soldiers died.", [("Some two dozen", 24.0, "soldiers", "approximately")]),
        # "one" counts a noun, never "one of" or "one day"
        ("It opened one air route.", [("one", 1.0, "routes", None)]),
        ("One of the prisoners spoke. One day he left.", []),
        # a year range is a date, "millions of dollars" an amount of money
        ("The Korean War (1950-53) ended in a truce.", []),
        ("The hackers stole millions of dollars.", [("millions", 2e6, "USD", "at least")]),
    ],
)
def test_ranges_scales_and_counts_written_around_numbers(sentence, expected):
    assert figures(sentence) == expected
