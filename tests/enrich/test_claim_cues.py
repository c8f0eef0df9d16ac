"""Claimant cues read from the lexicon beside the ledger rules (`claim_cues.py`): a survey's
author named after its description, and outlets named only as a kind (beat_gold/README.md,
rules 1 and 4)."""

from __future__ import annotations

from tests.enrich.test_claimants import claimant

GALLUP = ("Gallup Korea", "org:gallup-korea")


def test_a_survey_names_its_author_after_its_description():
    text = (
        "As a result of a survey of 1,000 men and women aged 18 or older nationwide from the "
        "16th to the 18th by Gallup Korea, 37% of the evaluations were positive."
    )
    assert claimant(text, [GALLUP], "1,000") == "org:gallup-korea"
    assert claimant(text, [GALLUP], "37%") == "org:gallup-korea"


def test_who_commissioned_a_survey_is_not_its_author():
    text = "In a survey commissioned by Gallup Korea, 72.8% favored the plan."
    assert claimant(text, [GALLUP], "72.8%") is None


def test_an_outlet_named_only_as_a_kind_is_no_claimant():
    text = (
        "According to reports in the US press, the administration plans to withdraw 4,500 of "
        "the 28,500 soldiers. Russian media reported that 300 soldiers died."
    )
    names = [("US", "country:united-states"), ("Russian", "country:russia")]
    assert claimant(text, names, "4,500") is None
    assert claimant(text, names, "300") is None


def test_a_states_own_media_speak_for_it():
    text = "North Korean state media reported that the South fired over 10 warning shots."
    assert claimant(text, [("North Korean", "country:north-korea")], "over 10") == (
        "country:north-korea"
    )
