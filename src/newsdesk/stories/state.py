"""A story's running state while clustering streams, and its JSON form for resuming exactly.

Floats go through JSON as Python writes them (shortest exact repr) and arrays as lists, so a
clusterer rebuilt from `StoryClusterer.to_state()` scores every later article to the last bit.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

import numpy as np

from newsdesk.model.stories import Story, StoryInput, StoryParams, Weights
from newsdesk.stories.text import Vector, dot

MAIN_ENTITIES = 5


@dataclass
class StoryState:
    """A story's running centroid and summary; heavy parts are dropped when it closes."""

    id: int
    storyline_id: int
    article_ids: list[str] = field(default_factory=list)
    lex_sum: dict[str, float] = field(default_factory=dict)
    lex_norm_sq: float = 0.0
    emb_sum: np.ndarray | None = None
    recent: np.ndarray | None = None  # the last `recent_members` embeddings, one per row
    title: str = ""
    title_vector: Vector = field(default_factory=dict)
    title_embedding: np.ndarray | None = None
    first: datetime | None = None
    last: datetime | None = None
    sources: list[str] = field(default_factory=list)
    source_keys: set[str] = field(default_factory=set)
    entities: Counter[str] = field(default_factory=Counter)
    section: str | None = None
    last_update: int = 0
    is_open: bool = True
    merged_into: int | None = None  # the story that absorbed this one (closed, no members left)

    def lexical(self, vector: Vector) -> float:
        """TF-IDF cosine of `vector` to the story's centroid (0 for a closed story)."""
        return dot(vector, self.lex_sum) / math.sqrt(self.lex_norm_sq) if self.lex_norm_sq else 0.0

    def coverage(self, vector: Vector) -> float:
        """Share of the article's (squared, unit) TF-IDF weight on terms the story has seen.

        The centroid cosine is high for an article that shares a story's common words; this is
        low when the article's own rare words (a company, a person) are new to the story: a
        pizza chain's bankruptcy beside a bitcoin exchange's.
        """
        return sum(x * x for term, x in vector.items() if term in self.lex_sum)

    def semantic(self, embedding: np.ndarray) -> float:
        """Embedding cosine of `embedding` to the story's centroid (0 without embeddings)."""
        if self.emb_sum is None:
            return 0.0
        norm = float(np.linalg.norm(self.emb_sum))
        return float(embedding @ self.emb_sum) / norm if norm else 0.0

    def note_member(self, item: StoryInput) -> None:
        """Add a member to the summary: its id, its date to the span, its source and entities."""
        self.article_ids.append(item.article_id)
        if item.published is not None:
            self.first = min(self.first or item.published, item.published)
            self.last = max(self.last or item.published, item.published)
        if item.source and item.source not in self.sources:
            self.sources.append(item.source)
        self.entities.update(set(item.entities))

    def absorb(self, other: StoryState, other_is_latest: bool, recent_members: int) -> None:
        """Take over `other`'s members and running sums (`other` is closed by the caller).

        `other_is_latest`: `other` is the story the latest article joined, whose recent rows
        stay the most recent.
        """
        self.lex_norm_sq += 2 * dot(other.lex_sum, self.lex_sum) + other.lex_norm_sq
        for term, x in other.lex_sum.items():
            self.lex_sum[term] = self.lex_sum.get(term, 0.0) + x
        if other.emb_sum is not None:
            self.emb_sum = other.emb_sum + (0.0 if self.emb_sum is None else self.emb_sum)
        parts = [r for r in (self.recent, other.recent) if r is not None]
        if not other_is_latest:
            parts.reverse()
        if parts:
            self.recent = np.vstack(parts)[-recent_members:]
        self.article_ids += other.article_ids
        other.article_ids = []
        for moment in (other.first, other.last):
            if moment is not None:
                self.first = min(self.first or moment, moment)
                self.last = max(self.last or moment, moment)
        self.sources += [s for s in other.sources if s not in self.sources]
        self.source_keys |= other.source_keys
        self.entities.update(other.entities)
        self.section = self.section or other.section
        other.merged_into = self.id

    def summary(self) -> Story:
        ranked = sorted(self.entities.items(), key=lambda kv: (-kv[1], kv[0]))
        return Story(
            id=self.id,
            title=self.title,
            article_ids=list(self.article_ids),
            first_published=self.first,
            last_published=self.last,
            sources=list(self.sources),
            main_entities=[e for e, _ in ranked[:MAIN_ENTITIES]],
            storyline_id=self.storyline_id,
            is_open=self.is_open,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "storyline_id": self.storyline_id,
            "article_ids": self.article_ids,
            "lex_sum": self.lex_sum,
            "lex_norm_sq": self.lex_norm_sq,
            "emb_sum": _as_list(self.emb_sum),
            "recent": _as_list(self.recent),
            "title": self.title,
            "title_vector": self.title_vector,
            "title_embedding": _as_list(self.title_embedding),
            "first": iso_or_none(self.first),
            "last": iso_or_none(self.last),
            "sources": self.sources,
            "source_keys": sorted(self.source_keys),
            "entities": dict(self.entities),
            "section": self.section,
            "last_update": self.last_update,
            "is_open": self.is_open,
            "merged_into": self.merged_into,
        }

    @classmethod
    def from_dict(cls, d: dict) -> StoryState:
        return cls(
            id=d["id"],
            storyline_id=d["storyline_id"],
            article_ids=list(d["article_ids"]),
            lex_sum=dict(d["lex_sum"]),
            lex_norm_sq=d["lex_norm_sq"],
            emb_sum=_as_array(d["emb_sum"], np.float64),
            recent=_as_array(d["recent"], np.float32),
            title=d["title"],
            title_vector=dict(d["title_vector"]),
            title_embedding=_as_array(d["title_embedding"], np.float32),
            first=parse_utc(d["first"]),
            last=parse_utc(d["last"]),
            sources=list(d["sources"]),
            source_keys=set(d["source_keys"]),
            entities=Counter(d["entities"]),
            section=d["section"],
            last_update=d["last_update"],
            is_open=d["is_open"],
            merged_into=d.get("merged_into"),  # None in a state saved before merging existed
        )


def params_to_dict(params: StoryParams) -> dict[str, object]:
    return asdict(params)


def params_from_dict(data: dict) -> StoryParams:
    raw = dict(data)
    raw["weights"] = Weights(**raw["weights"])
    raw["lexical_only_weights"] = Weights(**raw["lexical_only_weights"])
    return StoryParams(**raw)


def iso_or_none(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def parse_utc(text: str | None) -> datetime | None:
    """An ISO 8601 time back from the state; one without an offset is taken as UTC."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _as_list(array: np.ndarray | None) -> list | None:
    return None if array is None else array.tolist()


def _as_array(values: list | None, dtype: type) -> np.ndarray | None:
    return None if values is None else np.array(values, dtype=dtype)
