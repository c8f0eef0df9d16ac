"""Figures: numbers with scale, unit, item, subject, qualifier and change, checked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.enrich import Figure, enrich_text

SEED_PRO = "seed000_koreapro_limited_options"
SEED_HERALD = "seed003_herald_kida_think_tank"
SEED_STEEL = "seed003_related_steel_tariffs"
MISSILE = "wire01_missile_launch_jcs"
EARNINGS = "wire03_samsung_earnings"
COURT = "wire05_yoon_court_lee_budget"


def figure(enriched, fixture: str, text: str) -> Figure:
    found = [f for f in enriched[fixture].figures if f.text == text]
    assert len(found) == 1, f"{text!r} in {fixture}: {[f.text for f in enriched[fixture].figures]}"
    return found[0]


def test_coal_imports_from_russia(enriched):
    coal = figure(enriched, SEED_PRO, "17.38 million metric tons")
    assert (coal.number, coal.scale, coal.value) == (17.38, "million", 17_380_000.0)
    assert (coal.kind, coal.unit, coal.item) == ("measure", "metric tons", "coal")
    assert coal.subject_entity_id == "country:south-korea"
    assert coal.date == date(2023, 9, 18)  # published 2023-09-18 08:00 KST (17 Sep 23:00 UTC)
    assert coal.sentence.startswith("According to customs data, from Jan. to July 2023")


def test_revenue_for_north_korea(enriched):
    revenue = figure(enriched, SEED_HERALD, "28.7 trillion won")
    assert (revenue.value, revenue.unit, revenue.kind) == (28.7e12, "KRW", "money")
    assert revenue.item == "revenue"
    # the sentence's grammatical subject is "the recent war": the entity is the one it is for
    assert revenue.subject_entity_id == "country:north-korea"
    assert revenue.date == date(2025, 4, 16)


def test_pledge_for_ukraine_by_yoon(enriched):
    pledge = figure(enriched, SEED_PRO, "$2.3 billion")
    assert (pledge.value, pledge.unit, pledge.scale) == (2.3e9, "USD", "billion")
    assert pledge.subject_entity_id == "person:yoon-suk-yeol"
    assert pledge.item == "Ukraine’s post-war reconstruction"
    aid = figure(enriched, SEED_PRO, "$300 million")
    assert (aid.value, aid.item, aid.subject_entity_id) == (
        3e8,
        "humanitarian aid",
        "person:yoon-suk-yeol",
    )
    loans = figure(enriched, SEED_PRO, "$2 billion")
    assert (loans.value, loans.item) == (2e9, "low-interest loans")


def test_troops_sent_by_north_korea(enriched):
    troops = figure(enriched, SEED_HERALD, "around 3,000")
    assert (troops.number, troops.kind, troops.unit) == (3000.0, "count", "troops")
    assert (troops.qualifier, troops.qualifier_text) == ("approximately", "around")
    assert troops.item == "additional troops"
    assert troops.subject_entity_id == "country:north-korea"  # "the North had deployed"


def test_steel_tariffs_at_50_percent(enriched):
    duties = [f for f in enriched[SEED_STEEL].figures if f.text == "50 percent"]
    assert len(duties) == 2
    assert all(
        (f.value, f.unit, f.kind, f.is_change) == (50.0, "percent", "percent", False)
        for f in duties
    )
    assert duties[0].item == "steel duties"
    assert duties[0].subject_entity_id == "org:us-commerce-department"
    assert duties[1].subject_entity_id == "person:donald-trump"
    earlier = figure(enriched, SEED_STEEL, "25 percent")
    assert earlier.is_change is False  # "up from the initial 25 percent" is the old level


def test_change_keeps_its_approximation(enriched):
    rise = figure(enriched, SEED_PRO, "nearly 39%")
    assert (rise.value, rise.unit) == (39.0, "percent")
    assert (rise.is_change, rise.direction) == (True, "increase")
    assert (rise.qualifier, rise.qualifier_text) == ("approximately", "nearly")
    level = figure(enriched, SEED_PRO, "8.29 million metric tons")  # "surged to": a level
    assert level.is_change is False
    # no entity in the sentence: the subject carries over from "South Korea imported ..."
    assert level.subject_entity_id == "country:south-korea"


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "is_change", "direction"),
    [
        ("277.4 percent", 277.4, "percent", None, True, "increase"),
        ("21 percent", 21.0, "percent", None, True, "decrease"),
        ("1.8 percent", 1.8, "percent", None, True, "increase"),
        ("2.1 percent", 2.1, "percent", None, True, "increase"),
        ("9.18 trillion won", 9.18e12, "KRW", None, False, None),
        ("61,000 won", 61_000.0, "KRW", None, False, None),
        ("more than $17 billion", 17e9, "USD", "at least", False, None),
        ("up to 53 trillion won", 53e12, "KRW", "at most", False, None),
        ("about €350 million", 350e6, "EUR", "approximately", False, None),
    ],
)
def test_earnings_figures(enriched, text, value, unit, qualifier, is_change, direction):
    found = figure(enriched, EARNINGS, text)
    assert found.value == pytest.approx(value)
    assert (found.unit, found.qualifier, found.is_change, found.direction) == (
        unit,
        qualifier,
        is_change,
        direction,
    )


def test_an_amount_converted_in_brackets_is_one_figure(enriched):
    """ "9.18 trillion won ($6.8 billion)": one amount told in two currencies, one fact."""
    texts = [f.text for f in enriched[EARNINGS].figures]
    assert "9.18 trillion won" in texts and "$6.8 billion" not in texts


def test_ranges_keep_both_ends(enriched):
    forecast = figure(enriched, EARNINGS, "between 7 trillion and 8 trillion won")
    assert (forecast.low, forecast.high, forecast.unit) == (7e12, 8e12, "KRW")
    assert forecast.item == "operating profit"
    hynix = figure(enriched, EARNINGS, "6.5-6.8 trillion won")
    assert (hynix.low, hynix.high) == (pytest.approx(6.5e12), pytest.approx(6.8e12))
    assert hynix.subject_entity_id == "org:sk-hynix"


def test_spelled_counts_and_vague_counts(enriched):
    missiles = figure(enriched, MISSILE, "two")
    assert (missiles.value, missiles.unit, missiles.item) == (2.0, "missiles", "cruise missiles")
    crowd = figure(enriched, "wire04_putin_pyongyang_summit", "tens of thousands")
    assert (crowd.value, crowd.unit, crowd.qualifier) == (20_000.0, "people", "at least")
    # "the two countries'" is a reference to known parties, not a reported count
    assert not [f for f in enriched[SEED_HERALD].figures if f.text == "two"]


def test_dates_years_times_ordinals_and_names_are_not_figures(enriched):
    values = {f.value for result in enriched.values() for f in result.figures}
    for year in (2018.0, 2021.0, 2022.0, 2023.0, 2024.0, 2025.0):
        assert year not in values
    missile_texts = {f.text for f in enriched[MISSILE].figures}
    assert missile_texts == {"about 800 kilometers", "some 28,500", "more than 12,000", "two"}
    earnings_texts = {f.text for f in enriched[EARNINGS].figures}
    assert not any("Q3" in t or "Oct" in t for t in earnings_texts)
    assert 8.0 not in {f.value for f in enriched[EARNINGS].figures}  # "Oct. 8"
    assert 24.0 not in {f.value for f in enriched[EARNINGS].figures}  # "Oct. 24"


def test_offsets_index_the_text(enriched, texts):
    for name, result in enriched.items():
        for f in result.figures:
            assert texts[name][f.start : f.end] == f.text
            assert texts[name][f.sentence_start : f.sentence_end] == f.sentence
            assert f.sentence_start <= f.start < f.end <= f.sentence_end


def test_budget_figures_with_title_short_form(enriched):
    budget = figure(enriched, COURT, "30.5 trillion won")
    assert (budget.item, budget.subject_entity_id) == (
        "supplementary budget",
        "person:lee-jae-myung",
    )
    points = figure(enriched, COURT, "3 percentage points")
    assert (points.unit, points.kind, points.is_change) == ("percentage points", "percent", True)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "scale"),
    [
        ("The fund raised €3.5bn last year.", "€3.5bn", 3.5e9, "EUR", "bn"),
        ("Exports hit US$1.2 billion in May.", "US$1.2 billion", 1.2e9, "USD", "billion"),
        ("The army lost 1,000-2,000 troops.", "1,000-2,000", 1000.0, "troops", None),
        ("It shipped 5 tonnes of rice.", "5 tonnes", 5.0, "metric tons", None),
    ],
)
def test_inline_forms(sentence, text, value, unit, scale):
    result = enrich_text("Report\n\n" + sentence)
    [found] = [f for f in result.figures if f.text == text]
    assert (found.value, found.unit, found.scale) == (value, unit, scale)


def test_range_with_hyphen_keeps_both_ends():
    result = enrich_text("Report\n\nThe army lost 1,000-2,000 troops.")
    [found] = result.figures
    assert (found.low, found.high, found.kind) == (1000.0, 2000.0, "count")


SCALES = {"": 1.0, " million": 1e6, " billion": 1e9, " trillion": 1e12}
CURRENCIES = [("$", "", "USD"), ("", " won", "KRW"), ("€", "", "EUR"), ("", " percent", "percent")]


@settings(max_examples=40, deadline=None)
@given(
    whole=st.integers(min_value=1, max_value=999_999),
    cents=st.integers(min_value=0, max_value=99),
    scale=st.sampled_from(sorted(SCALES)),
    currency=st.sampled_from(CURRENCIES),
    qualifier=st.sampled_from(["", "about ", "more than ", "up to "]),
)
def test_written_amounts_read_back(whole, cents, scale, currency, qualifier):
    """Any amount as a wire story writes it reads back to its value and unit."""
    prefix, suffix, unit = currency
    number = f"{whole:,}" + (f".{cents:02d}" if cents else "")
    amount = f"{qualifier}{prefix}{number}{scale if unit != 'percent' else ''}{suffix}"
    result = enrich_text(f"Budget report\n\nThe ministry set aside {amount} for the program.")
    [found] = result.figures
    expected = (whole + cents / 100) * (SCALES[scale] if unit != "percent" else 1.0)
    assert found.text == amount
    assert found.value == pytest.approx(expected)
    assert found.unit == unit
    assert (found.qualifier is None) == (qualifier == "")


def test_number_words_in_hyphen_compounds_are_not_counts():
    result = enrich_text("Trade report\n\nTwo-way trade reached $77.2 billion, a three-year high.")
    assert [(f.text, f.item) for f in result.figures] == [("$77.2 billion", "Two-way trade")]
