"""Sentences and quotes as the figures ledger reads them (`enrich/ledger_sentences.py`)."""

from __future__ import annotations

import pytest

from newsdesk.enrich.ledger_sentences import quote_end, quote_start, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_a_site_address_is_no_sentence_end():
    text = "The report, cited by Caliber.Az, estimates that 6,000 died. Gazeta.Ru said so."
    assert sentences(text) == [
        "The report, cited by Caliber.Az, estimates that 6,000 died.",
        "Gazeta.Ru said so.",
    ]


def test_a_stop_glued_to_the_next_sentence_still_splits():
    assert sentences("He left Kyiv.Then 5 went home.") == ["He left Kyiv.", "Then 5 went home."]


@pytest.mark.parametrize(
    "text",
    [
        "He said 'we lost 300 men' on Monday.",
        "He said ‘we lost 300 men’ on Monday.",
        "He said “we lost 300 men” on Monday.",
        'He said "we lost 300 men" on Monday.',
    ],
)
def test_single_and_double_quotes_open_and_close(text):
    char = text.index("300")
    assert text[quote_start(text, char)] in "'‘“\""
    assert text[quote_end(text, char) - 1] in "'’”\""


@pytest.mark.parametrize(
    "text",
    [
        "Russia’s 300 soldiers' families were told.",
        "It's 300 men, the soldiers’ commander said.",
    ],
)
def test_apostrophes_make_no_quote(text):
    char = text.index("300")
    assert quote_start(text, char) is None
    assert quote_end(text, char) is None


def test_an_apostrophe_inside_a_quote_does_not_close_it():
    text = "“The soldiers’ 300 families,” he said."
    assert quote_end(text, text.index("300")) == text.index("”") + 1
