"""Key points of an article: 3-5 of its own sentences, chosen by LexRank.

    key_points(stored)  ->  [Cited("North Korea sent about 6,700 containers...", ¶2), ...]

LexRank (Erkan and Radev, 2004, the continuous form): sentences are tf-idf vectors, the graph's
edges their cosine similarities, and a sentence's score its stationary probability under a
random walk on that graph (power iteration, damping 0.85). The walk restarts at a sentence in
proportion to a lead prior (as in biased LexRank), because news puts what matters first.
Sentences are then taken best first, skipping one too close to a sentence already taken, and
shown in the article's order. Computed on the fly: about a millisecond an article
(benchmarks/ai_speed.py).
"""

from __future__ import annotations

import numpy as np

from newsdesk.ai.cite import Cited, cite
from newsdesk.ai.text import Sentence, article_sentences, is_statement, terms, tfidf_matrix
from newsdesk.model import StoredArticle

DAMPING = 0.85
LEAD_WEIGHT = 1.0  # restart mass of sentence i is proportional to 1 / (i + 1) ** LEAD_WEIGHT
REDUNDANT = 0.5  # cosine above which a candidate repeats a chosen sentence
ITERATIONS = 100


def how_many(count: int) -> int:
    """3 key points for a short article, 4 for a long one, 5 for a very long one."""
    wanted = 3 if count <= 12 else 4 if count <= 30 else 5
    return min(wanted, count)


def lexrank_scores(documents: list[list[str]], lead_weight: float = LEAD_WEIGHT) -> np.ndarray:
    """The LexRank score of each document (a list of terms), summing to 1."""
    count = len(documents)
    if count == 0:
        return np.zeros(0)
    matrix, _ = tfidf_matrix(documents)
    similarity = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    rows = similarity.sum(axis=1, keepdims=True)
    # A sentence that shares no term with any other walks anywhere (a dangling node).
    transition = np.where(rows > 0, similarity / np.where(rows > 0, rows, 1.0), 1.0 / count)
    prior = 1.0 / np.arange(1, count + 1) ** lead_weight
    prior /= prior.sum()
    scores = np.full(count, 1.0 / count)
    for _ in range(ITERATIONS):
        updated = (1 - DAMPING) * prior + DAMPING * scores @ transition
        if np.abs(updated - scores).sum() < 1e-9:
            return updated
        scores = updated
    return scores


def choose(sentences: list[Sentence], wanted: int | None = None) -> list[Sentence]:
    """The key sentences, in the article's order."""
    candidates = [s for s in sentences if is_statement(s.text)] or sentences
    if not candidates:
        return []
    documents = [terms(s.text) for s in candidates]
    scores = lexrank_scores(documents)
    matrix, _ = tfidf_matrix(documents)
    wanted = how_many(len(candidates)) if wanted is None else min(wanted, len(candidates))
    taken: list[int] = []
    for index in np.argsort(-scores, kind="stable"):
        if all(float(matrix[index] @ matrix[other]) < REDUNDANT for other in taken):
            taken.append(int(index))
        if len(taken) == wanted:
            break
    return [candidates[i] for i in sorted(taken)]


def key_points(stored: StoredArticle, wanted: int | None = None) -> list[Cited]:
    """3-5 sentences of the article that carry the most of it, each cited to its paragraph.
    The title is not among them (the reader sees it already)."""
    sentences = article_sentences(stored.article)
    title = " ".join(stored.article.title.split()).casefold()
    sentences = [s for s in sentences if s.text.casefold() != title]
    return [cite(stored, s) for s in choose(sentences, wanted)]


def centroid_points(stored: StoredArticle, wanted: int | None = None) -> list[Cited]:
    """The plain tf-idf centroid method (the sentences closest to the article's mean vector):
    the peer benchmarks/ai_speed.py measures LexRank against."""
    sentences = [s for s in article_sentences(stored.article) if is_statement(s.text)]
    if not sentences:
        return []
    matrix, _ = tfidf_matrix([terms(s.text) for s in sentences])
    closeness = matrix @ matrix.mean(axis=0)
    wanted = how_many(len(sentences)) if wanted is None else wanted
    best = sorted(np.argsort(-closeness, kind="stable")[:wanted])
    return [cite(stored, sentences[i]) for i in best]
