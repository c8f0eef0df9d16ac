"""Korean names in Latin letters in text that is not English (`enrich/korean_names.py`): a
person no knowledge file holds is still a mention, and a bare surname after the full name is
that person. Sentences are hand-written in the style of the beat."""

from __future__ import annotations

from newsdesk.enrich import enrich_text
from newsdesk.enrich.entities import link_entities
from newsdesk.enrich.knowledge import load_knowledge
from newsdesk.enrich.korean_names import is_romanised_korean
from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.enrich.nlp import entity_docs, get_nlp


def linked(text: str) -> list[tuple[str, str | None]]:
    knowledge = load_knowledge()
    doc = next(entity_docs(get_nlp(knowledge), [text], ner=False))
    _, mentions = link_entities(doc, knowledge, known_only=True)
    return [(m.text, m.entity_id) for m in mentions]


def test_an_unknown_korean_name_in_german_is_a_person_and_its_surname_follows_it():
    text = "Das sagt Yoo Sang-bum, ein Abgeordneter. Später sagte Yoo, Russland brauche mehr."
    found = linked(text)
    assert ("Yoo Sang-bum", "person:yoo-sang-bum") in found
    assert ("Yoo", "person:yoo-sang-bum") in found


def test_a_known_person_keeps_the_knowledge_file_id():
    found = linked("Según el ministro Shin Won-sik, Corea del Norte envió 6.700 contenedores.")
    assert ("Shin Won-sik", "person:shin-won-sik") in found


def test_the_hyphenated_given_name_is_required():
    surnames = load_lexicon().korean_surnames
    assert is_romanised_korean("Kim Kang-il", surnames)
    assert not is_romanised_korean("Park Avenue", surnames)
    assert not is_romanised_korean("Kim Jong", surnames)
    assert not is_romanised_korean("Smith Jae-min", surnames)  # not a Korean surname
    assert linked("Il parco Park Avenue è chiuso.") == []


def test_the_speaker_so_named_claims_the_figure():
    text = "Es wird sie über mehr als zwei Monate verwenden können, sagt Yoo Sang-bum."
    (figure,) = enrich_text(text).figures
    assert figure.claimant_entity_id == "person:yoo-sang-bum"
