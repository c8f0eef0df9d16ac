"""Which of a figure's claims names its claimant (`claim_choice.py`): a relay passes on the
words of the speaker it relays (beat_gold/README.md, rule 2)."""

from __future__ import annotations

from tests.enrich.test_claimants import claimant

CHO = ("Cho Tae-yong", "person:cho-tae-yong")


def test_a_person_named_after_a_speakers_words_relays_them():
    text = (
        "NIS Director Cho Tae-yong told lawmakers that another 1,500 troops have entered "
        "Russia, according to lawmaker Park Sunwon, who attended the briefing.\n"
        "Cho told lawmakers that North Korea aims to deploy 10,000 troops, Park told reporters."
    )
    names = [CHO, ("Russia", "country:russia"), ("Park Sunwon", "person:park-sun-won")]
    names += [("Cho", "person:cho-tae-yong"), ("North Korea", "country:north-korea")]
    names += [("Park", "person:park-sun-won")]
    assert claimant(text, names, "1,500") == "person:cho-tae-yong"
    assert claimant(text, names, "10,000") == "person:cho-tae-yong"


def test_without_words_opened_before_the_figure_the_cited_source_wins():
    text = "About 2,000 were killed, lawmaker Lee told reporters after a briefing from the NIS."
    names = [("Lee", "person:lee-seong-kweun"), ("NIS", "org:nis")]
    assert claimant(text, names, "About 2,000") == "org:nis"
