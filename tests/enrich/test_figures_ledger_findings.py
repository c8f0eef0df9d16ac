"""Five figure-ledger rules a mutation pass found broken (issue 16), each on the sentence that
showed it and one variant, through the whole pipeline (`enrich_text`). Expected values are read
off each sentence by hand."""

from __future__ import annotations

import pytest

from newsdesk.enrich import enrich_text
from newsdesk.enrich.stage import EnrichOptions
from newsdesk.model.enrichment import Figure

NK, RU, UA = "country:north-korea", "country:russia", "country:ukraine"
_ENGLISH = EnrichOptions(language=False, keywords=False)  # short lines: no language guess


def only_figure(text: str, options: EnrichOptions | None = None) -> Figure:
    figures = enrich_text(text, options=options or EnrichOptions(keywords=False)).figures
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("South Korea's Joint Chiefs of Staff said 20 missiles were fired.", "org:jcs"),
        (
            "Japan's Defense Ministry said two missiles were launched.",
            "org:japanese-defense-ministry",
        ),
    ],
)
def test_the_state_describing_the_speaker_does_not_own_what_it_reports(text, claimant):
    figure = only_figure(text)
    assert (figure.measure, figure.claimant_entity_id) == ("missiles", claimant)
    assert figure.subject_entity_id is None  # who fired is not said


@pytest.mark.parametrize(
    ("text", "measure", "subject"),
    [
        ("Russia lost 300 soldiers, said officials.", "killed", RU),
        ("North Korea fired 20 missiles, said military analysts.", "missiles", NK),
    ],
)
def test_an_unnamed_plural_speaker_after_the_verb_leaves_no_claimant(text, measure, subject):
    figure = only_figure(text)
    assert (figure.measure, figure.subject_entity_id) == (measure, subject)
    assert figure.claimant_entity_id is None  # not the name before the comma


def test_a_named_speaker_after_the_verb_still_claims():
    figure = only_figure("Russia lost 300 soldiers, said Ukraine.")
    assert (figure.subject_entity_id, figure.claimant_entity_id) == (RU, UA)


@pytest.mark.parametrize(
    "text",
    [
        "North Korea sent 20 missiles and shells that killed civilians.",
        "North Korea fired 20 missiles that killed civilians.",
    ],
)
def test_a_casualty_word_in_a_relative_clause_does_not_measure_counted_things(text):
    figure = only_figure(text)
    assert (figure.text, figure.measure, figure.subject_entity_id) == ("20", "missiles", NK)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Ukraine says 300 soldiers from Russia died.", RU),
        ("Ukraine says 300 soldiers from the North Korean army died.", NK),
        ("Ukraine says 500 soldiers from North Korea were killed in Kursk.", NK),
    ],
)
def test_the_actor_soldiers_come_from_owns_them(text, subject):
    figure = only_figure(text, _ENGLISH)
    assert (figure.value, figure.measure) == (300 if "300" in text else 500, "killed")
    assert (figure.subject_entity_id, figure.claimant_entity_id) == (subject, UA)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("북한은 러시아에 병력 1만1000명을 파병했다.", "deployed"),
        ("북한은 러시아에 미사일 20발을 발사했다.", "missiles"),
    ],
)
def test_the_topic_of_a_korean_action_verb_is_its_actor_not_a_speaker(text, measure):
    figure = only_figure(text)
    assert (figure.measure, figure.subject_entity_id) == (measure, NK)
    assert figure.claimant_entity_id is None


def test_a_korean_quoted_report_still_names_its_speaker():
    figure = only_figure("국정원은 북한이 병력 1만1000명을 파병했다고 했다.")
    assert (figure.subject_entity_id, figure.claimant_entity_id) == (NK, "org:nis")


def test_a_short_english_sentence_read_as_a_language_without_rules_gets_the_english_rules():
    # py3langid reads this sentence as Nigerian Pidgin (0.53, English 0.28): newsdesk has no
    # rules for it, and with English close behind the English rules read it.
    result = enrich_text("Ukraine says 300 soldiers from Russia died.")
    assert result.language.code == "en"
    assert [
        (f.value, f.measure, f.subject_entity_id, f.claimant_entity_id) for f in result.figures
    ] == [(300, "killed", "country:russia", "country:ukraine")]


def test_a_short_text_read_as_a_language_without_rules_gets_the_nearest_language_with_rules():
    # py3langid reads this as Walloon (0.15, French 0.14, English 0.01): the French rules read
    # it, and their "300 000" is one number (the English rules made it 300 and 0 shells).
    result = enrich_text("Report\n\nElle a livré 300 000 obus.")
    assert result.language.code == "fr"
    assert [(f.value, f.unit) for f in result.figures] == [(300_000, "shells")]


def test_a_short_text_surely_not_english_keeps_its_own_rules_though_unsure():
    # French at only 0.17, but English far behind (0.01): not a text too short to tell
    result = enrich_text("Elle a livré 300 000 obus.")
    assert (result.language.code, result.language.confidence < 0.5) == ("fr", True)
    assert [(f.value, f.unit) for f in result.figures] == [(300_000, "shells")]
