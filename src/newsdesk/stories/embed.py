"""Sentence vectors for story clustering: newsdesk's one offline embedder, one text at a time.

One text per call, so a text gets exactly the same vector whatever else is embedded beside it:
streaming and re-clustering from scratch agree to the last bit.
"""

from __future__ import annotations

import numpy as np

from newsdesk.embeddings import DIMENSION, Embedder, EmbeddingUnavailable, shared_embedder

__all__ = ["EmbeddingUnavailable", "MiniLMEmbedder"]


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX): text -> unit-length 384-d float32 vector."""

    def __init__(self, threads: int = 1) -> None:
        self._embedder = Embedder(threads=threads)

    @staticmethod
    def available() -> bool:
        """Whether the model and its tokenizer are installed (loads the process's shared one)."""
        try:
            shared_embedder()
        except EmbeddingUnavailable:
            return False
        return True

    def embed(self, text: str) -> np.ndarray:
        return self._embedder.embed_one(text)

    def embed_many(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return np.stack([self.embed(t) for t in texts])
