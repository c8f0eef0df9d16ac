"""Claimants read from attribution (`claimants.py`), on hand-written sentences with their names
marked by hand (no spaCy: the mentions are given, as the entity pass would give them)."""

from __future__ import annotations

import pytest

from newsdesk.enrich.claim_actors import actors
from newsdesk.enrich.claimants import ClaimFinder
from newsdesk.enrich.ledger_rules import ledger_rules
from newsdesk.enrich.ledger_sentences import split_sentences
from newsdesk.model.enrichment import Mention


def mentions(text: str, names: list[tuple[str, str]]) -> list[Mention]:
    """Mentions for (name as written, entity id), each at its first place after the last."""
    found, cursor = [], 0
    for name, entity_id in names:
        start = text.index(name, cursor)
        cursor = start + len(name)
        found.append(Mention(entity_id, name, start, cursor, "ORG", 0, 0, len(text)))
    return found


def claimant(text: str, names: list[tuple[str, str]], figure: str, language: str = "en"):
    rules = ledger_rules(language)
    marked = mentions(text, names)
    finder = ClaimFinder(text, actors(text, marked, rules), marked, rules)
    start = text.index(figure)
    claim = finder.claim_for(start, start + len(figure))
    return claim.actor.entity_id if claim else None


def test_sentences_split_at_stops_not_after_initials_or_titles():
    text = "The U.S. Army said so. Gen. Kim left.\nNew line 北朝鮮は派遣した。韓国は非難した。"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The U.S. Army said so.",
        "Gen. Kim left.",
        "New line 北朝鮮は派遣した。",
        "韓国は非難した。",
    ]


def test_no_split_after_a_clock_time_or_before_a_lower_case_word():
    text = "The JCS said launches resumed at 9 a.m. Sunday, i.e. two hours on. It ended."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The JCS said launches resumed at 9 a.m. Sunday, i.e. two hours on.",
        "It ended.",
    ]


def test_a_heading_glued_to_the_text_starts_a_sentence():
    text = "an alliance with Kim Jong-un.11 000 soldiers were sent"
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "an alliance with Kim Jong-un.",
        "11 000 soldiers were sent",
    ]


def test_the_person_of_an_apposition_speaks_not_the_body_he_heads():
    text = "Andriy Sobko, head of the Centre for Studies, said 300 soldiers died."
    names = [("Andriy Sobko", "person:andriy-sobko"), ("Centre for Studies", "org:cfs")]
    assert claimant(text, names, "300") == "person:andriy-sobko"


def test_a_cited_source_beats_the_speaker_who_cites_it():
    text = "Lawmaker Park Min-su said, citing the NIS, that 300 soldiers died."
    names = [("Park Min-su", "person:park-min-su"), ("NIS", "org:nis")]
    assert claimant(text, names, "300") == "org:nis"


def test_an_outlet_named_by_description_does_not_outrank_the_speaker():
    text = "Shoigu said 300 sappers would go, according to Russia's state news agency."
    names = [("Shoigu", "person:sergei-shoigu"), ("Russia", "country:russia")]
    assert claimant(text, names, "300") == "person:sergei-shoigu"


def test_a_spy_agency_described_by_its_state_is_that_agency():
    text = "Ukraine's military intelligence said 300 soldiers died."
    names = [("Ukraine", "country:ukraine")]
    assert claimant(text, names, "300") == "org:main-intelligence-directorate"


def test_an_unknown_name_around_an_agency_description_is_read_as_that_agency():
    # spaCy tags "Western intelligence agencies" as an organisation of its own
    text = "South Korean and Western intelligence agencies say 300 soldiers died."
    names = [("South Korean", "country:south-korea"), ("Western intelligence", "org:western")]
    assert claimant(text, names, "300") == "org:nis"


def test_a_determiner_phrase_before_the_verb_is_its_subject_not_the_name_before_it():
    text = "Two soldiers asked to live in South Korea, a rights group told AFP."
    names = [("South Korea", "country:south-korea"), ("AFP", "org:afp")]
    assert claimant(text, names, "Two") is None


@pytest.mark.parametrize(
    ("language", "text", "names", "figure", "expected"),
    [
        # a topic marker names the speaker only when the sentence reports something
        (
            "ko",
            "국정원은 사망자가 300명이라고 밝혔다.",
            [("국정원", "org:nis")],
            "300명",
            "org:nis",
        ),
        ("ko", "북한은 300명을 보냈다.", [("북한", "country:north-korea")], "300명", None),
        ("ja", "国情院は死者が300人と報告した。", [("国情院", "org:nis")], "300人", "org:nis"),
        # a cue written after the source, with the source's short form in brackets
        (
            "ko",
            "국가정보원(국정원)이 보고한 사망자는 300명이다.",
            [("국가정보원", "org:nis"), ("국정원", "org:nis")],
            "300명",
            "org:nis",
        ),
        (
            "de",
            "Laut Reuters starben 300 Soldaten.",
            [("Reuters", "org:reuters")],
            "300",
            "org:reuters",
        ),
        (
            "ru",
            "Об этом сообщил Сергей Шойгу: 300 саперов.",
            [("Сергей Шойгу", "person:shoigu")],
            "300",
            "person:shoigu",
        ),
    ],
)
def test_cues_of_other_languages(language, text, names, figure, expected):
    assert claimant(text, names, figure, language) == expected


def test_a_known_body_named_in_lower_case_before_its_official_speaks_and_the_official_after():
    text = (
        "A total of 236 North Koreans defected last year, a unification ministry official "
        "said Tuesday. The total included 210 women, the official said."
    )
    names = [("North Koreans", "country:north-korea")]
    assert claimant(text, names, "236") == "org:unification-ministry"
    assert claimant(text, names, "210") == "org:unification-ministry"


def test_an_official_of_no_known_body_names_no_claimant():
    text = "A total of 236 North Koreans defected last year, a government official said."
    assert claimant(text, [("North Koreans", "country:north-korea")], "236") is None


def test_a_body_named_before_is_called_back_by_the_head_noun_of_its_name():
    text = (
        "The UN Panel of Experts released its report on Monday. The panel said North Korea "
        "launched at least seven ballistic missiles."
    )
    names = [
        ("UN Panel of Experts", "org:un-panel-of-experts"),
        ("North Korea", "country:north-korea"),
    ]
    assert claimant(text, names, "at least seven") == "org:un-panel-of-experts"


def test_a_head_noun_with_no_body_of_that_name_before_it_points_nowhere():
    text = "Kim Jong Un watched the launch. The panel said at least seven missiles flew."
    assert claimant(text, [("Kim Jong Un", "person:kim-jong-un")], "at least seven") is None


def test_a_dash_before_a_speech_verb_puts_its_speaker_after_the_verb():
    # pl: "about 2,000 North Korean soldiers were killed - the NIS reported on Tuesday"
    text = "Zginęło około 2000 północnokoreańskich żołnierzy – poinformowała we wtorek NIS."
    names = [("północnokoreańskich", "country:north-korea"), ("NIS", "org:nis")]
    assert claimant(text, names, "około 2000", language="pl") == "org:nis"


def test_a_surveys_author_speaks_for_the_sentences_after_it_that_name_no_source():
    text = (
        "The survey was conducted by Gallup Korea among 1,001 adults. The approval rating "
        "was 20%. Disapproval rose to 70%. Lee Jae-myung said the rating was 30% too low."
    )
    names = [("Gallup Korea", "org:gallup-korea"), ("Lee Jae-myung", "person:lee-jae-myung")]
    assert claimant(text, names, "20%") == "org:gallup-korea"
    assert claimant(text, names, "70%") == "org:gallup-korea"
    assert claimant(text, names, "30%") == "person:lee-jae-myung"  # a source named anew


def test_a_source_not_named_as_a_surveys_author_speaks_only_for_its_own_sentence():
    text = (
        "Hackers stole $1.34 billion in 2024, according to Chainalysis. The largest heist "
        "was valued at $305 million."
    )
    names = [("Chainalysis", "org:chainalysis")]
    assert claimant(text, names, "$1.34 billion") == "org:chainalysis"
    assert claimant(text, names, "$305 million") is None
