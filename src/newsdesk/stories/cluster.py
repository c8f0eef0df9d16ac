"""Streaming story clustering: each article joins the story it is most like, or starts one.

Articles arrive in time order. An article is scored against every open story it may join (same
section when both have one; a dated article only dated stories within its window; an undated
one, once the stream has dates, none: see `_allowed`) on a linear combination of FEATURES:
TF-IDF cosine to the story's centroid, embedding cosine to the centroid and to its most similar
recent members, the story's size, whether the source already covers it, and how much of the
article's TF-IDF weight is on words the story has seen. The best story wins when its score
reaches the threshold (a higher one for an article with a lead: see `Weights`); otherwise the
article starts a new story. The story it joined then merges with the closest open story when
their centroids are close enough (`StoryParams.merge_threshold`).

Everything depends only on the ordered input, so re-clustering from scratch gives the same
stories as the streaming path, and `to_state()` / `from_state()` resume it exactly. The open
stories' columns live in `open_table.py`, each story's running state and its JSON in `state.py`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from newsdesk.model.stories import (
    FEATURES,
    Story,
    StoryAssignment,
    StoryInput,
    Storyline,
    StoryParams,
    Weights,
)
from newsdesk.stories.merge import merge_partner
from newsdesk.stories.open_table import OpenTable
from newsdesk.stories.state import (
    StoryState,
    iso_or_none,
    params_from_dict,
    params_to_dict,
    parse_utc,
)
from newsdesk.stories.storylines import StorylineIndex
from newsdesk.stories.text import StreamingIdf, Vector, dot, embedding_text, term_counts
from newsdesk.urls import host_of

STATE_FORMAT = 1
_TIE = 1e-6  # centrality differences below this are float noise


@dataclass
class Prepared:
    """An article turned into what scoring needs (its terms already counted in the IDF)."""

    item: StoryInput
    vector: Vector
    embedding: np.ndarray | None
    source_keys: frozenset[str]


class StoryClusterer:
    """Assigns a time-ordered stream of articles to stories, and stories to storylines."""

    def __init__(self, params: StoryParams | None = None, embedder: object | None = None) -> None:
        """`embedder` has `embed(text) -> unit np.ndarray` (a MiniLMEmbedder) or is None."""
        self.params = params or StoryParams()
        self.embedder = embedder
        self.idf = StreamingIdf()
        self.stories: dict[int, StoryState] = {}
        self.storylines = StorylineIndex(
            self.params.storyline_threshold,
            self.params.storyline_lexical_threshold,
            self.params.storyline_entity_weight,
        )
        self._postings: dict[str, set[int]] = defaultdict(set)
        self._source_postings: dict[str, set[int]] = defaultdict(set)
        self._open = OpenTable()
        self._clock: datetime | None = None  # latest publication time seen
        self._swept_at: datetime | None = None
        self._seq = 0

    # -- the streaming path -------------------------------------------------------------------

    def add(self, item: StoryInput) -> StoryAssignment:
        """Place one article (the next in time order) and say where it went."""
        prepared = self.prepare(item)
        ids, features = self.candidates(prepared)
        weights = self.weights_for(prepared)
        best, score = None, None
        if ids:
            scores = features @ weights.as_array()
            k = int(np.argmax(scores))  # ties go to the older story
            score = float(scores[k])
            if score >= weights.threshold_for(bool(prepared.item.lead)):
                best = ids[k]
        return self.place(prepared, best, score)

    def prepare(self, item: StoryInput) -> Prepared:
        terms = term_counts(item.title, item.lead, item.url, item.entities)
        self.idf.observe(terms)
        embedding = item.embedding
        if embedding is None and self.embedder is not None:
            embedding = self.embedder.embed(embedding_text(item.title, item.lead, item.url))
        if embedding is not None:
            embedding = np.asarray(embedding, dtype=np.float32)
        keys = {k for k in (item.source, host_of(item.url)) if k}
        return Prepared(item, self.idf.vector(terms), embedding, frozenset(keys))

    def weights_for(self, prepared: Prepared) -> Weights:
        if prepared.embedding is None:
            return self.params.lexical_only_weights
        return self.params.weights

    def candidates(self, prepared: Prepared) -> tuple[list[int], np.ndarray]:
        """The open stories this article may join (ascending ids) and their FEATURES rows."""
        self._advance_clock(prepared.item.published)
        table = self._open
        allowed = self._allowed(prepared.item)
        rows = np.flatnonzero(allowed)
        ids = [table.ids[r] for r in rows]
        features = np.zeros((len(ids), len(FEATURES)))
        if not ids:
            return ids, features
        position = {story_id: k for k, story_id in enumerate(ids)}
        hits: set[int] = set()
        for term in prepared.vector:
            hits |= self._postings.get(term, set())
        for story_id in hits & position.keys():
            story = self.stories[story_id]
            features[position[story_id], 0] = story.lexical(prepared.vector)
            features[position[story_id], 5] = story.coverage(prepared.vector)
        emb = prepared.embedding
        if emb is not None and table.unit.shape[1] == emb.shape[0]:
            features[:, 1] = table.unit[rows] @ emb
        features[:, 3] = np.log1p(table.size[rows])
        for key in prepared.source_keys:
            for story_id in self._source_postings.get(key, set()) & position.keys():
                features[position[story_id], 4] = 1.0
        if emb is not None:
            self._add_recent_similarity(ids, features, emb)
        return ids, features

    def _allowed(self, item: StoryInput) -> np.ndarray:
        """Which open stories the article may join: same section, and comparable in time.

        The weights score content only; in a dated stream the time window is what keeps apart
        two events told in the same words (two missile launches a week apart), and it needs a
        date on both sides. So:
        - a dated article joins only dated stories within its window;
        - an undated article (a related-article teaser, a feed item without a date) joins no
          story by score once the stream has dates: it cannot be placed in time, so a match on
          words is as likely the same topic at another time as the same event, and a handful of
          topical teasers would pull each other (or a dated story) into one. Its strong
          evidence is being a copy: the duplicate index finds it, and `place()` puts it there;
        - in a stream with no dates at all (no clock yet) content is all there is for every
          article, so undated articles join undated stories by score, as the weights were tuned.
        """
        table, p = self._open, self.params
        allowed = np.ones(len(table.ids), dtype=bool)
        if p.use_sections and item.section:
            for r, story_id in enumerate(table.ids):
                section = self.stories[story_id].section
                if section and section != item.section:
                    allowed[r] = False
        if item.published is None:
            if self._clock is not None:  # the stream has dates
                return np.zeros_like(allowed)
            return allowed & ~table.dated
        t = item.published.timestamp()
        gap, span = p.max_gap_hours * 3600, p.max_span_days * 86400
        with np.errstate(invalid="ignore"):
            outside = (t < table.first - gap) | (t > table.last + gap)
            outside |= (t - table.first > span) | (table.last - t > span)
        return allowed & table.dated & ~outside

    def place(
        self, prepared: Prepared, story_id: int | None, score: float | None = None
    ) -> StoryAssignment:
        """Put the article into `story_id`, or into a new story when None."""
        is_new = story_id is None
        if story_id is None:
            story_id = max(self.stories, default=-1) + 1
            line_id, linked = self.storylines.place(
                story_id, prepared.vector, prepared.embedding, prepared.item.entities
            )
            if linked:  # this story showed two storylines to be one thread
                for member in self.storylines.lines[line_id].story_ids:
                    if member in self.stories:
                        self.stories[member].storyline_id = line_id
            self.stories[story_id] = StoryState(id=story_id, storyline_id=line_id)
            self._open.append(story_id)
        while self.stories[story_id].merged_into is not None:  # a copy of an absorbed story's
            story_id = self.stories[story_id].merged_into  # article joins its absorber
        story = self.stories[story_id]
        if not story.is_open:
            # A late copy of an old article joins its original's story, which stays closed: its
            # centroid was dropped on closing and a late copy must not reopen an old event.
            self._join_closed(story, prepared)
            return StoryAssignment(
                prepared.item.article_id, story_id, False, score, story.storyline_id
            )
        self._join(story, prepared)
        self.storylines.feed(
            story.storyline_id,
            story.id,
            prepared.vector,
            prepared.embedding,
            prepared.item.entities,
        )
        if not is_new and len(story.article_ids) <= self.params.storyline_settle_articles:
            settled = self.storylines.settle(story.storyline_id, prepared.embedding is not None)
            if settled is not None:
                story.storyline_id = settled
        kept, gone = self._merge_closest(story, prepared.vector)
        return StoryAssignment(
            prepared.item.article_id,
            kept.id,
            is_new and kept is story,
            score,
            kept.storyline_id,
            (gone,) if gone is not None else (),
        )

    # -- reading ------------------------------------------------------------------------------

    def story(self, story_id: int) -> Story:
        return self.stories[story_id].summary()

    def all_stories(self) -> list[Story]:
        return [self.stories[i].summary() for i in sorted(self.stories)]

    def all_storylines(self) -> list[Storyline]:
        result = []
        for line_id in sorted(self.storylines.lines):
            line = self.storylines.lines[line_id]
            biggest = max(line.story_ids, key=lambda i: (len(self.stories[i].article_ids), -i))
            result.append(
                Storyline(
                    id=line_id,
                    title=self.stories[biggest].title,
                    story_ids=list(line.story_ids),
                    main_entities=line.main_entities(),
                )
            )
        return result

    # -- internals ----------------------------------------------------------------------------

    def _add_recent_similarity(self, ids: list[int], features: np.ndarray, emb: np.ndarray) -> None:
        """Mean cosine to the story's `top_recent` most similar recent members, on a shortlist."""
        p = self.params
        w = self.params.weights
        partial = features[:, 0] * w.lexical + features[:, 1] * w.semantic
        order = np.argsort(-partial, kind="stable")[: p.shortlist]
        for row in order:
            recent = self.stories[ids[row]].recent
            if recent is not None:
                sims = np.sort(recent @ emb)[-p.top_recent :]
                features[row, 2] = float(sims.sum()) / len(sims)

    def _join(self, story: StoryState, prepared: Prepared) -> None:
        item, vector, emb = prepared.item, prepared.vector, prepared.embedding
        self._seq += 1
        story.last_update = self._seq
        story.note_member(item)
        story.lex_norm_sq += 2 * dot(vector, story.lex_sum) + sum(x * x for x in vector.values())
        for term, x in vector.items():
            story.lex_sum[term] = story.lex_sum.get(term, 0.0) + x
            self._postings[term].add(story.id)
        if emb is not None:
            if story.emb_sum is None:
                story.emb_sum = np.zeros(len(emb), dtype=np.float64)
            story.emb_sum += emb
            recent = emb[None, :] if story.recent is None else np.vstack([story.recent, emb])
            story.recent = recent[-self.params.recent_members :]
        story.source_keys |= prepared.source_keys
        for key in prepared.source_keys:
            self._source_postings[key].add(story.id)
        story.section = story.section or item.section
        self._retitle(story, item.title, vector, emb)
        self._open.update(story)

    def _merge_closest(self, story: StoryState, terms: Vector) -> tuple[StoryState, int | None]:
        """Merge `story` with its `merge_partner`, if any: the bigger absorbs the smaller (the
        older on a tie). Returns the story now holding the article, and the id absorbed."""
        partner = merge_partner(
            story,
            terms,
            self.stories,
            self._open,
            self._postings,
            self.params,
            self._clock is not None,
        )
        if partner is None:
            return story, None
        other = self.stories[partner]
        sizes = (len(other.article_ids), -other.id), (len(story.article_ids), -story.id)
        kept, gone = (other, story) if sizes[0] > sizes[1] else (story, other)
        for term in gone.lex_sum:
            self._postings[term].add(kept.id)
        for key in gone.source_keys:
            self._source_postings[key].add(kept.id)
        kept.absorb(gone, gone is story, self.params.recent_members)
        self._close(gone)
        self._open.remove({gone.id})
        self._open.update(kept)
        self._seq += 1
        kept.last_update = self._seq
        return kept, gone.id

    def _join_closed(self, story: StoryState, prepared: Prepared) -> None:
        """Add a member to a closed story: its summary changes, nothing it was scored on does."""
        story.note_member(prepared.item)

    def _retitle(
        self, story: StoryState, title: str, vector: Vector, emb: np.ndarray | None
    ) -> None:
        """Keep the headline most central to the story: the current one or the newcomer's."""
        if not story.title:
            story.title, story.title_vector, story.title_embedding = title, vector, emb
            return
        if emb is not None and story.title_embedding is not None:
            new, old = story.semantic(emb), story.semantic(story.title_embedding)
        else:
            new, old = story.lexical(vector), story.lexical(story.title_vector)
        # Two members are always equally central (each is as close to their mean): a tie within
        # float noise goes to the newcomer, the latest development, not to the ONNX build's
        # rounding.
        if new >= old - _TIE:
            story.title, story.title_vector, story.title_embedding = title, vector, emb

    def _advance_clock(self, published: datetime | None) -> None:
        if published is not None and (self._clock is None or published > self._clock):
            self._clock = published
        stale: set[int] = set()
        if self._clock is not None and (
            self._swept_at is None or self._clock - self._swept_at >= timedelta(hours=1)
        ):
            self._swept_at = self._clock
            horizon = (self._clock - timedelta(days=self.params.close_after_days)).timestamp()
            with np.errstate(invalid="ignore"):
                old = self._open.last < horizon
            stale |= {self._open.ids[r] for r in np.flatnonzero(old)}
        excess = len(self._open.ids) - len(stale) - self.params.max_open_stories
        if excess > 0:
            rest = [i for i in self._open.ids if i not in stale]
            stale |= set(sorted(rest, key=lambda i: self.stories[i].last_update)[:excess])
        if stale:
            for story_id in stale:
                self._close(self.stories[story_id])
            self._open.remove(stale)

    def _close(self, story: StoryState) -> None:
        story.is_open = False
        for term in story.lex_sum:
            self._postings[term].discard(story.id)
        for key in story.source_keys:
            self._source_postings[key].discard(story.id)
        story.lex_sum, story.recent = {}, None
        story.title_vector, story.title_embedding = {}, None

    # -- persistence --------------------------------------------------------------------------

    def to_state(self) -> dict:
        """Everything needed to resume streaming, as JSON-compatible data (floats exact)."""
        return {
            "format": STATE_FORMAT,
            "params": params_to_dict(self.params),
            "idf": self.idf.to_dict(),
            "clock": iso_or_none(self._clock),
            "swept_at": iso_or_none(self._swept_at),
            "seq": self._seq,
            "stories": [self.stories[i].to_dict() for i in sorted(self.stories)],
            "storylines": self.storylines.to_dict(),
        }

    @classmethod
    def from_state(cls, state: dict, embedder: object | None = None) -> StoryClusterer:
        if state.get("format") != STATE_FORMAT:
            raise ValueError(f"unknown story clustering state format {state.get('format')!r}")
        clusterer = cls(params_from_dict(state["params"]), embedder)
        clusterer.idf = StreamingIdf.from_dict(state["idf"])
        clusterer._clock = parse_utc(state["clock"])
        clusterer._swept_at = parse_utc(state["swept_at"])
        clusterer._seq = state["seq"]
        for data in state["stories"]:
            story = StoryState.from_dict(data)
            clusterer.stories[story.id] = story
            if story.is_open:
                clusterer._open.append(story.id)
                clusterer._open.update(story)
                for term in story.lex_sum:
                    clusterer._postings[term].add(story.id)
                for key in story.source_keys:
                    clusterer._source_postings[key].add(story.id)
        clusterer.storylines.load(state["storylines"])
        return clusterer
