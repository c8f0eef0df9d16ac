"""Storylines: a second, coarser streaming clustering over stories, with no time window.

A storyline links stories that continue one thread over months or years (a summit, then a
treaty, then troop deployments). Each new story is placed by its first article: it joins the
storyline holding the story it is most like (words, embedding, entities), or starts one. Every
later article of a story feeds that story's profile. A story that started a storyline of its own
is placed again on its next few articles, from all of them (`settle`): the first report of a
failed impeachment vote may not name the martial law the next ones recall.

A new story is compared with each earlier story of a storyline, not with the storyline's
centroid: a thread's centroid drifts towards what all its stories share (North Korea, Kim Jong
Un), and once it is that generic every report of the beat passes for it, so one storyline
swallows the missile launches, the escapees and the nuclear test site. A story that continues a
thread is close to at least one of its stories (the troops to the treaty they went under).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from newsdesk.stories.text import Vector, dot

MAIN_ENTITIES = 8
PROFILE_TERMS = 64  # the heaviest terms a story's profile keeps: storylines live for years


@dataclass
class StoryProfile:
    """What a storyline remembers of one of its stories: its words, embedding and entities."""

    lex_sum: dict[str, float] = field(default_factory=dict)
    emb_sum: np.ndarray | None = None
    entities: Counter[str] = field(default_factory=Counter)
    _unit: Vector | None = field(default=None, repr=False, compare=False)  # cache of unit_vector

    def add(self, vector: Vector, embedding: np.ndarray | None, entities: list[str]) -> None:
        self._unit = None
        for term, x in vector.items():
            self.lex_sum[term] = self.lex_sum.get(term, 0.0) + x
        if len(self.lex_sum) > PROFILE_TERMS:
            kept = sorted(self.lex_sum.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_TERMS]
            self.lex_sum = dict(kept)
        if embedding is not None:
            if self.emb_sum is None:
                self.emb_sum = np.zeros(len(embedding), dtype=np.float64)
            self.emb_sum += embedding
        self.entities.update(set(entities))

    def unit_vector(self) -> Vector:
        if self._unit is None:
            norm = float(np.sqrt(sum(x * x for x in self.lex_sum.values())))
            self._unit = {t: x / norm for t, x in self.lex_sum.items()} if norm else {}
        return self._unit

    def unit_embedding(self) -> np.ndarray | None:
        if self.emb_sum is None:
            return None
        norm = float(np.linalg.norm(self.emb_sum))
        return self.emb_sum / norm if norm else None

    def main_entities(self, limit: int = MAIN_ENTITIES) -> set[str]:
        ranked = sorted(self.entities.items(), key=lambda kv: (-kv[1], kv[0]))
        return {e for e, _ in ranked[:limit]}

    def to_dict(self) -> dict[str, object]:
        return {
            "lex_sum": self.lex_sum,
            "emb_sum": None if self.emb_sum is None else self.emb_sum.tolist(),
            "entities": dict(self.entities),
        }

    @classmethod
    def from_dict(cls, data: dict) -> StoryProfile:
        emb = data["emb_sum"]
        return cls(
            lex_sum=dict(data["lex_sum"]),
            emb_sum=None if emb is None else np.array(emb, dtype=np.float64),
            entities=Counter(data["entities"]),
        )


@dataclass
class StorylineState:
    id: int
    story_ids: list[int] = field(default_factory=list)
    profiles: dict[int, StoryProfile] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)

    def main_entities(self, limit: int = MAIN_ENTITIES) -> list[str]:
        return [e for e, _ in sorted(self.entities.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "story_ids": self.story_ids,
            "profiles": {str(k): self.profiles[k].to_dict() for k in sorted(self.profiles)},
            "entities": dict(self.entities),
        }

    @classmethod
    def from_dict(cls, data: dict) -> StorylineState:
        if "profiles" in data:
            profiles = {int(k): StoryProfile.from_dict(v) for k, v in data["profiles"].items()}
        else:  # saved when storylines kept one centroid: it becomes their first story's profile
            profiles = {data["story_ids"][0]: StoryProfile.from_dict(data)}
        return cls(
            id=data["id"],
            story_ids=list(data["story_ids"]),
            profiles=profiles,
            entities=Counter(data["entities"]),
        )


class StorylineIndex:
    """Places stories on storylines: topic similarity plus shared main entities, no dates.

    Score of a new story against an earlier one: the mean of the TF-IDF and embedding cosines of
    the new story's first article (later: all its articles) to the earlier story's profile (TF-IDF
    alone without embeddings), plus `entity_weight` times the overlap of their entities, each
    entity weighted by its IDF over the stories seen (every report of a beat names North Korea:
    sharing it says little). A storyline scores as its most similar story. A story that reaches
    the threshold for several storylines links them into the oldest one: it shows they are one
    thread (a report tying troop deployments to a treaty).
    """

    def __init__(self, threshold: float, lexical_threshold: float, entity_weight: float) -> None:
        self.threshold = threshold
        self.lexical_threshold = lexical_threshold
        self.entity_weight = entity_weight
        self.lines: dict[int, StorylineState] = {}
        self.story_count = 0  # stories placed so far, and how many named each entity
        self.entity_stories: Counter[str] = Counter()
        self.merged_into: dict[int, int] = {}  # storyline ids linked into another one

    def score(
        self, line: StorylineState, vector: Vector, embedding: np.ndarray | None, entities: set[str]
    ) -> float:
        return max(
            (self._pair(p, vector, embedding, entities) for p in line.profiles.values()),
            default=0.0,
        )

    def _pair(
        self,
        profile: StoryProfile,
        vector: Vector,
        embedding: np.ndarray | None,
        entities: set[str],
    ) -> float:
        topic = dot(vector, profile.unit_vector())
        unit = profile.unit_embedding()
        if embedding is not None and unit is not None:
            topic = (topic + float(embedding @ unit)) / 2
        shared = 0.0
        main = profile.main_entities()
        if entities and main:
            union = sum(self._entity_weight(e) for e in entities | main)
            common = sum(self._entity_weight(e) for e in entities & main)
            shared = common / union if union else 0.0
        return topic + self.entity_weight * shared

    def _entity_weight(self, entity: str) -> float:
        """How telling a shared entity is: the rarer among stories, the more (its IDF)."""
        return float(np.log((self.story_count + 1) / (self.entity_stories.get(entity, 0) + 0.5)))

    def _passing(
        self,
        vector: Vector,
        embedding: np.ndarray | None,
        entities: set[str],
        skip: int | None = None,
    ) -> list[int]:
        """The storylines (ascending ids) whose score reaches the threshold."""
        threshold = self.threshold if embedding is not None else self.lexical_threshold
        return [
            i
            for i in sorted(self.lines)
            if i != skip and self.score(self.lines[i], vector, embedding, entities) >= threshold
        ]

    def place(
        self, story_id: int, vector: Vector, embedding: np.ndarray | None, entities: list[str]
    ) -> tuple[int, list[int]]:
        """The storyline a new story joins, and the storylines linked into it on the way.

        A new storyline takes the story's id.
        """
        passing = self._passing(vector, embedding, set(entities))
        # The oldest storyline keeps its id, so ids shown to readers stay put.
        best, merged = (passing[0], passing[1:]) if passing else (None, [])
        for other in merged:
            self._link(other, best)
        if best is None:
            best = story_id
            self.lines[story_id] = StorylineState(id=story_id)
        self.lines[best].story_ids.append(story_id)
        self.lines[best].profiles[story_id] = StoryProfile()
        self.story_count += 1
        self.entity_stories.update(set(entities))
        return best, merged

    def settle(self, line_id: int, embedded: bool) -> int | None:
        """Join a one-story storyline to the oldest other one its story now passes for.

        The story's articles so far are scored as one new story would be; returns the storyline
        it joined, or None when it stays on its own.
        """
        line = self.lines[line_id]
        if len(line.story_ids) != 1:
            return None
        profile = line.profiles[line.story_ids[0]]
        embedding = profile.unit_embedding() if embedded else None
        passing = self._passing(profile.unit_vector(), embedding, profile.main_entities(), line_id)
        if not passing:
            return None
        self._link(line_id, passing[0])  # the oldest keeps its id, as in `place`
        return passing[0]

    def _link(self, other: int, into: int) -> None:
        gone, kept = self.lines.pop(other), self.lines[into]
        kept.profiles.update(gone.profiles)
        kept.entities.update(gone.entities)
        kept.story_ids = sorted(kept.story_ids + gone.story_ids)
        self.merged_into[other] = into
        for old, target in self.merged_into.items():
            if target == other:
                self.merged_into[old] = into

    def feed(
        self,
        line_id: int,
        story_id: int,
        vector: Vector,
        embedding: np.ndarray | None,
        entities: list[str],
    ) -> None:
        line = self.lines[line_id]
        line.profiles.setdefault(story_id, StoryProfile()).add(vector, embedding, entities)
        line.entities.update(set(entities))

    def to_dict(self) -> dict[str, object]:
        return {
            "lines": [self.lines[i].to_dict() for i in sorted(self.lines)],
            "merged_into": {str(k): v for k, v in sorted(self.merged_into.items())},
            "story_count": self.story_count,
            "entity_stories": dict(self.entity_stories),
        }

    def load(self, data: dict) -> None:
        self.lines = {d["id"]: StorylineState.from_dict(d) for d in data["lines"]}
        self.merged_into = {int(k): v for k, v in data["merged_into"].items()}
        # States saved before these counts existed: each line's entities stand in for them.
        self.story_count = data.get(
            "story_count", sum(len(line.story_ids) for line in self.lines.values())
        )
        self.entity_stories = Counter(data.get("entity_stories", {}))
        if "entity_stories" not in data:
            # A line's entity counts are of articles: no entity is named by more of the line's
            # stories than it has, or its weight would turn negative.
            for line in self.lines.values():
                stories = len(line.story_ids)
                self.entity_stories.update({e: min(n, stories) for e, n in line.entities.items()})
