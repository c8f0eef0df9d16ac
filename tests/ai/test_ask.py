"""Questions answered with stored sentences, each cited, or "not stated in the stored news"."""

from __future__ import annotations

import pytest

from newsdesk.ai import NOT_STATED, ask
from newsdesk.ai.ask import key_terms, question_kind
from newsdesk.ai.grounding import faithful
from newsdesk.search import SearchError
from tests.ai.conftest import Desk


@pytest.mark.parametrize(
    "question,kind",
    [
        ("How many troops?", "number"),
        ("how much did it cost", "number"),
        ("What percentage of exports went to China?", "number"),
        ("When was the treaty signed?", "date"),
        ("In what year did the panel start?", "date"),
        ("Who met Kim Jong Un?", "person"),
        ("Where did they meet?", "place"),
        ("Why did Russia veto the panel?", "other"),
    ],
)
def test_the_kind_of_question_is_read_from_its_first_words(question: str, kind: str) -> None:
    assert question_kind(question) == kind


def test_key_terms_leave_out_the_question_words() -> None:
    terms = key_terms("How many North Korean troops were sent?")
    assert terms == ["north", "korean", "troop", "send"]


@pytest.mark.parametrize(
    "question,span,source",
    [
        ("How many containers did North Korea send to Russia?", "about 6,700", "Reuters"),
        ("When did North Korea last test a nuclear device?", "in September", "38 North"),
        ("Who declined to comment on the reports of troops in Kursk?", "Dmitry Peskov", "TASS"),
        ("How many tourists from Vladivostok went skiing at Masikryong?", "about 100", "NK News"),
        ("How far did the hypersonic missile fly?", "about 1,100", "The Korea Herald"),
    ],
)
def test_an_answer_is_a_stored_sentence_that_states_it(
    both_desks: Desk, question: str, span: str, source: str
) -> None:
    answer = ask(both_desks.store, question)
    assert answer.stated and answer.span == span
    first = answer.sentences[0]
    assert span in first.text and first.citation.source == source
    for cited in answer.sentences:
        article = both_desks.store.get_article(cited.citation.article_id)
        assert cited.text in article.article.paragraphs[cited.citation.paragraph]
        assert faithful(cited.text, [article.article.body_text])


@pytest.mark.parametrize(
    "question",
    [
        "How many people live in Pyongyang?",
        "Who won the 2024 Pyongyang marathon?",
        "How many satellites did Russia launch for Iran?",
        "How much did the Masikryong ski resort cost to build?",
    ],
)
def test_what_nothing_stored_states_is_said_to_be_not_stated(desk: Desk, question: str) -> None:
    answer = ask(desk.store, question)
    assert not answer.stated and answer.sentences == []
    assert answer.text == NOT_STATED


def test_a_question_of_question_words_only_is_not_stated(desk: Desk) -> None:
    assert not ask(desk.store, "How many?").stated


def test_an_empty_or_overlong_question_is_refused(desk: Desk) -> None:
    with pytest.raises(SearchError):
        ask(desk.store, "   ")
    with pytest.raises(SearchError):
        ask(desk.store, "why " * 200)
