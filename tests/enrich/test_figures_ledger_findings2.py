"""Three more figure-ledger rules found broken (issue 16), each on the sentence that showed it
and one variant, through the whole pipeline (`enrich_text`). Expected values are read off each
sentence by hand."""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.model.enrichment import Figure

NK, RU, UA = "country:north-korea", "country:russia", "country:ukraine"


def only_figure(text: str) -> Figure:
    figures = enrich_text(text).figures
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "number", "measure"),
    [
        ("Officials said 300 soldiers from North Korea died in Kursk.", "300", "killed"),
        ("Western officials said 500 soldiers from North Korea died in Kursk.", "500", "killed"),
    ],
)
def test_unnamed_plural_speaker_before_said_leaves_claimant_unnamed(text, number, measure):
    figure = only_figure(text)
    assert figure.text == number
    assert figure.claimant_entity_id is None  # not North Korea, named only after the verb
    assert figure.subject_entity_id == NK
    assert figure.measure == measure


def test_named_speaker_before_said_still_claims():
    figure = only_figure("U.S. officials said 300 soldiers from North Korea died in Kursk.")
    assert figure.claimant_entity_id == "country:united-states"
    assert figure.subject_entity_id == NK


@pytest.mark.parametrize(
    ("text", "number", "measure"),
    [
        ("Ukraine said Russia lost 200 tanks.", "200", "weapons"),
        ("Ukraine said Russia lost 40 artillery systems.", "40", "weapons"),
        ("Ukraine said Russia lost 300 soldiers.", "300", "killed"),  # people: lost is killed
    ],
)
def test_lost_means_killed_for_people_only_not_for_things(text, number, measure):
    figure = only_figure(text)
    assert figure.text == number
    assert figure.measure == measure
    assert figure.subject_entity_id == RU
    assert figure.claimant_entity_id == UA


def test_bare_spy_agency_after_its_report_takes_no_state_from_the_report():
    text = "Nordkorea hat 11.000 Soldaten nach Russland geschickt, sagte der Geheimdienst."
    figure = only_figure(text)
    assert figure.text == "11.000 Soldaten"
    assert figure.measure == "deployed"
    assert figure.subject_entity_id == NK
    assert figure.claimant_entity_id is None  # not North Korea's own agency


def test_bare_spy_agency_is_the_one_named_with_its_state_before():
    text = (
        "Südkoreas Geheimdienst teilte mit, Nordkorea habe Soldaten geschickt. "
        "Nordkorea hat 11.000 Soldaten nach Russland geschickt, sagte der Geheimdienst."
    )
    figure = only_figure(text)
    assert figure.text == "11.000 Soldaten"
    assert figure.subject_entity_id == NK
    assert figure.claimant_entity_id == "org:nis"
