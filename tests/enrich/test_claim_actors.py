"""Actors that a claim may name beyond the linked mentions (`claim_actors.py`): "the official"
and "the ministry" pointing back at a body named before, and a spy agency described by its
state (beat_gold/README.md, rule 3)."""

from __future__ import annotations

from tests.enrich.test_claimants import claimant

UNIFICATION = ("Unification Ministry", "org:unification-ministry")


def test_the_official_points_back_at_a_capitalised_body_named_with_its_people():
    text = (
        "The number of defectors reached 181, a Unification Ministry official said.\n\n"
        "Of the total, 76 arrived in July, the official said."
    )
    assert claimant(text, [UNIFICATION], "76") == "org:unification-ministry"


def test_the_ministry_points_back_at_the_ministry_named_before_not_the_last_source():
    text = (
        "The Ministry of National Defense proposes to raise the budget by 3.6%, Azernews "
        "reports. The budget will exceed 60 trillion won, the ministry said."
    )
    names = [
        ("Ministry of National Defense", "org:defense-ministry-south-korea"),
        ("Azernews", "org:azernews"),
    ]
    assert claimant(text, names, "60 trillion won") == "org:defense-ministry-south-korea"


def test_a_spy_agencys_state_is_not_the_one_named_after_its_verb():
    text = "South Korean and Western intelligence agencies say Pyongyang sent 10,000 troops."
    names = [("South Korean", "country:south-korea"), ("Pyongyang", "country:north-korea")]
    assert claimant(text, names, "10,000") == "org:nis"


def test_a_state_that_discovered_a_quantity_claims_it():
    text = "Seoul has discovered at least 10,000 shipping containers sent to Russia."
    names = [("Seoul", "country:south-korea"), ("Russia", "country:russia")]
    assert claimant(text, names, "at least 10,000") == "country:south-korea"
