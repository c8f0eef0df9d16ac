"""Storylines: a second, coarser streaming clustering over stories, with no time window.

A storyline links stories that continue one thread over months or years (a summit, then a
treaty, then troop deployments). Each new story is placed by its first article: it joins the
storyline whose running centroid (words, embedding, entities) it is most like, or starts one.
Every later article of the story feeds its storyline's centroid. A story that started a
storyline of its own is placed again on its next few articles, from all of them (`settle`): the
first report of a failed impeachment vote may not name the martial law the next ones recall.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from newsdesk.stories.text import Vector, dot

MAIN_ENTITIES = 8


@dataclass
class StorylineState:
    id: int
    story_ids: list[int] = field(default_factory=list)
    lex_sum: dict[str, float] = field(default_factory=dict)
    lex_norm_sq: float = 0.0
    emb_sum: np.ndarray | None = None
    entities: Counter[str] = field(default_factory=Counter)

    def add(self, vector: Vector, embedding: np.ndarray | None, entities: list[str]) -> None:
        self.lex_norm_sq += 2 * dot(vector, self.lex_sum) + sum(x * x for x in vector.values())
        for term, x in vector.items():
            self.lex_sum[term] = self.lex_sum.get(term, 0.0) + x
        if embedding is not None:
            if self.emb_sum is None:
                self.emb_sum = np.zeros(len(embedding), dtype=np.float64)
            self.emb_sum += embedding
        self.entities.update(set(entities))

    def main_entities(self, limit: int = MAIN_ENTITIES) -> list[str]:
        return [e for e, _ in sorted(self.entities.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "story_ids": self.story_ids,
            "lex_sum": self.lex_sum,
            "lex_norm_sq": self.lex_norm_sq,
            "emb_sum": None if self.emb_sum is None else self.emb_sum.tolist(),
            "entities": dict(self.entities),
        }

    @classmethod
    def from_dict(cls, data: dict) -> StorylineState:
        emb = data["emb_sum"]
        return cls(
            id=data["id"],
            story_ids=list(data["story_ids"]),
            lex_sum=dict(data["lex_sum"]),
            lex_norm_sq=data["lex_norm_sq"],
            emb_sum=None if emb is None else np.array(emb, dtype=np.float64),
            entities=Counter(data["entities"]),
        )


class StorylineIndex:
    """Places stories on storylines: topic similarity plus shared main entities, no dates.

    Score of a new story's first article against a storyline: the mean of its TF-IDF and
    embedding cosines to the storyline's centroid (TF-IDF alone without embeddings), plus
    `entity_weight` times the Jaccard overlap of its entities with the storyline's main ones.
    A story that reaches the threshold for several storylines links them into the oldest one: it
    shows they are one thread (a report tying troop deployments to a treaty).
    """

    def __init__(self, threshold: float, lexical_threshold: float, entity_weight: float) -> None:
        self.threshold = threshold
        self.lexical_threshold = lexical_threshold
        self.entity_weight = entity_weight
        self.lines: dict[int, StorylineState] = {}
        self.merged_into: dict[int, int] = {}  # storyline ids linked into another one

    def score(
        self, line: StorylineState, vector: Vector, embedding: np.ndarray | None, entities: set[str]
    ) -> float:
        lexical = dot(vector, line.lex_sum) / np.sqrt(line.lex_norm_sq) if line.lex_norm_sq else 0.0
        topic = lexical
        if embedding is not None and line.emb_sum is not None:
            norm = float(np.linalg.norm(line.emb_sum))
            semantic = float(embedding @ line.emb_sum) / norm if norm else 0.0
            topic = (lexical + semantic) / 2
        shared = 0.0
        main = set(line.main_entities())
        if entities and main:
            shared = len(entities & main) / len(entities | main)
        return topic + self.entity_weight * shared

    def place(
        self, story_id: int, vector: Vector, embedding: np.ndarray | None, entities: list[str]
    ) -> tuple[int, list[int]]:
        """The storyline a new story joins, and the storylines linked into it on the way.

        A new storyline takes the story's id.
        """
        threshold = self.threshold if embedding is not None else self.lexical_threshold
        wanted = set(entities)
        scored = [
            (self.score(self.lines[i], vector, embedding, wanted), i) for i in sorted(self.lines)
        ]
        # Best first; ties go to the older storyline.
        passing = [(s, i) for s, i in scored if s >= threshold]
        if not passing:
            self.lines[story_id] = StorylineState(id=story_id)
            self.lines[story_id].story_ids.append(story_id)
            return story_id, []
        # The oldest storyline keeps its id, so ids shown to readers stay put.
        best = min(i for _, i in passing)
        merged = sorted(i for _, i in passing if i != best)
        for other in merged:
            self._link(other, best)
        self.lines[best].story_ids.append(story_id)
        return best, merged

    def settle(self, line_id: int, embedded: bool) -> int | None:
        """Join a one-story storyline to the oldest other one its whole centroid now passes for.

        The story's articles so far are its storyline's centroid, scored as one new story would
        be; returns the storyline it joined, or None when it stays on its own.
        """
        line = self.lines[line_id]
        if len(line.story_ids) != 1:
            return None
        norm = np.sqrt(line.lex_norm_sq)
        vector = {t: x / norm for t, x in line.lex_sum.items()} if norm else {}
        embedding = None
        if embedded and line.emb_sum is not None:
            size = float(np.linalg.norm(line.emb_sum))
            embedding = line.emb_sum / size if size else None
        threshold = self.threshold if embedding is not None else self.lexical_threshold
        wanted = set(line.main_entities())
        passing = [
            i
            for i in sorted(self.lines)
            if i != line_id and self.score(self.lines[i], vector, embedding, wanted) >= threshold
        ]
        if not passing:
            return None
        self._link(line_id, passing[0])  # the oldest keeps its id, as in `place`
        return passing[0]

    def _link(self, other: int, into: int) -> None:
        gone, kept = self.lines.pop(other), self.lines[into]
        kept.lex_norm_sq = 0.0
        for term, x in gone.lex_sum.items():
            kept.lex_sum[term] = kept.lex_sum.get(term, 0.0) + x
        kept.lex_norm_sq = sum(x * x for x in kept.lex_sum.values())
        if gone.emb_sum is not None:
            kept.emb_sum = (
                gone.emb_sum.copy() if kept.emb_sum is None else kept.emb_sum + gone.emb_sum
            )
        kept.entities.update(gone.entities)
        kept.story_ids = sorted(kept.story_ids + gone.story_ids)
        self.merged_into[other] = into
        for old, target in self.merged_into.items():
            if target == other:
                self.merged_into[old] = into

    def feed(
        self, line_id: int, vector: Vector, embedding: np.ndarray | None, entities: list[str]
    ) -> None:
        self.lines[line_id].add(vector, embedding, entities)

    def to_dict(self) -> dict[str, object]:
        return {
            "lines": [self.lines[i].to_dict() for i in sorted(self.lines)],
            "merged_into": {str(k): v for k, v in sorted(self.merged_into.items())},
        }

    def load(self, data: dict) -> None:
        self.lines = {d["id"]: StorylineState.from_dict(d) for d in data["lines"]}
        self.merged_into = {int(k): v for k, v in data["merged_into"].items()}
