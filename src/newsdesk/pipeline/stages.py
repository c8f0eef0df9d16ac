"""The stages after ingestion, in the order they run: the only place that knows that order.

    ingest (ingest.py) -> index -> enrich -> embed -> stories

Each stage reads the article versions it has not processed from the store, writes its own
records and marks those versions done in the same transaction, so any stage can be re-run,
resumed after a crash, or run in another process. A stage is a name and a `start` function that
loads whatever the stage keeps in memory (the clusterer's open stories, the duplicate index,
keyword frequencies) and returns the function that processes one batch. The runner calls `start`
again after a failed batch, so in-memory state never keeps half of a rolled-back batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsdesk import embeddings
from newsdesk.dedupe.fingerprint import signature
from newsdesk.dedupe.index import DuplicateIndex
from newsdesk.enrich import EnrichOptions, enrich_articles
from newsdesk.model import StoredArticle
from newsdesk.store import Store
from newsdesk.stories import StoryClusterer, StoryInput

BatchFunction = Callable[[Store, list[StoredArticle]], None]


@dataclass
class StageOptions:
    """How the stages run: worker processes, extra knowledge, a model to use instead."""

    workers: int = 1
    knowledge_files: tuple[Path, ...] = ()
    embedder: embeddings.Embedder | None = None
    embed_batch_size: int = 64


@dataclass(frozen=True)
class Stage:
    name: str
    label: str  # what the progress bar says it is doing
    start: Callable[[Store, StageOptions], BatchFunction]
    batch_size: Callable[[StageOptions], int] = field(default=lambda options: 64)


def start_index(store: Store, options: StageOptions) -> BatchFunction:
    """Full-text indexing: right after ingest, batched, outside the ingest transaction."""
    return lambda store, batch: store.index_articles(batch)


def start_enrich(store: Store, options: StageOptions) -> BatchFunction:
    """Entities, figures, language and keywords; keyword frequencies grow as articles pass."""
    enrich_options = EnrichOptions(
        frequencies=store.keyword_frequencies(),
        workers=options.workers,
        knowledge_files=options.knowledge_files,
    )

    def process(store: Store, batch: list[StoredArticle]) -> None:
        versions = {s.id: s.version for s in batch}
        for enrichment in enrich_articles(((s.id, s.article) for s in batch), enrich_options):
            store.save_enrichment(enrichment, versions[enrichment.article_id])
            enrich_options.frequencies.add_document(enrichment.terms)

    return process


def start_embed(store: Store, options: StageOptions) -> BatchFunction:
    """A vector of each article's title and lead, for search by meaning and for stories."""
    embedder = options.embedder or embeddings.shared_embedder()  # unavailable: raised here

    def process(store: Store, batch: list[StoredArticle]) -> None:
        vectors = embedder.embed([embeddings.article_text(s.article) for s in batch])
        rows = [
            (s.id, s.version, embeddings.to_bytes(v), embeddings.DIMENSION)
            for s, v in zip(batch, vectors, strict=True)
        ]
        store.save_embeddings(embeddings.MODEL_ID, rows)

    return process


def start_stories(store: Store, options: StageOptions) -> BatchFunction:
    """Duplicates and stories, in arrival order (first seen, then id).

    Arrival order is the stream: re-clustering from scratch replays it and reaches the same
    stories. Article vectors come from the embed stage when it ran; without them clustering uses
    words and entities only.
    """
    index = DuplicateIndex()
    for row in store.fingerprints():
        index.insert(
            row.article_id,
            row.fingerprint,
            row.published,
            url=row.url,
            guid=row.guid,
            duplicate_of=row.duplicate_of,
        )
    state = store.stage_state("stories")
    clusterer = StoryClusterer.from_state(state) if state else StoryClusterer()

    absorbed: set[int] = set()  # stories merged into others by the batch being placed

    def place(store: Store, stored: StoredArticle) -> int:
        article = stored.article
        published = article.published.utc if article.published else None
        match = None
        if article.body_text:
            match = index.add(
                stored.id,
                article.body_text,
                published,
                url=article.canonical_url,
                guid=article.guid,
            )
            store.save_fingerprint(stored.id, signature(article.body_text))
        item = StoryInput.from_article(
            article, entities=[e.id for e, _ in store.article_entities(stored.id)]
        )
        vector = store.embedding_of(stored.id, embeddings.MODEL_ID)
        item.embedding = embeddings.from_bytes(vector) if vector else None
        copied_story = store.story_of(match.duplicate_of) if match else None
        if match:
            store.save_copy(match)
        if copied_story is not None:  # a copy joins its original's story
            assignment = clusterer.place(clusterer.prepare(item), copied_story)
        else:
            assignment = clusterer.add(item)
        store.assign_story(stored.id, assignment.story_id, assignment.score)
        store.merge_stories(list(assignment.merged_story_ids), assignment.story_id)
        absorbed.update(assignment.merged_story_ids)
        return assignment.story_id

    def live(story_ids: set[int]) -> list[int]:
        """The ids of stories not merged into another (a merge closes the absorbed one)."""
        return sorted(i for i in story_ids if clusterer.stories[i].merged_into is None)

    def process(store: Store, batch: list[StoredArticle]) -> None:
        lines_before = set(clusterer.storylines.lines)
        # A new version of a placed article keeps its story.
        absorbed.clear()
        touched = set(live({place(store, s) for s in batch if s.id not in index}))
        lines = {clusterer.story(story_id).storyline_id for story_id in touched | absorbed}
        changed = [
            replace(line, story_ids=live(set(line.story_ids)))
            for line in clusterer.all_storylines()
            if line.id in lines
        ]
        # Linking storylines moves stories the batch never touched: save every member again,
        # and drop the storylines merged away (or left with no story after a story merge), so
        # no story points at a storyline that is gone, nor a storyline at a story.
        members = touched | {story_id for line in changed for story_id in line.story_ids}
        store.save_stories([clusterer.story(story_id) for story_id in sorted(members)])
        store.save_storylines([line for line in changed if line.story_ids])
        emptied = {line.id for line in changed if not line.story_ids}
        gone = lines_before - set(clusterer.storylines.lines)
        store.delete_storylines(sorted(gone | emptied))
        store.save_stage_state("stories", clusterer.to_state())

    return process


INDEX = Stage("index", "indexing", start_index, lambda options: 1000)
ENRICH = Stage("enrich", "enriching", start_enrich, lambda options: 32 * max(1, options.workers))
EMBED = Stage("embed", "embedding", start_embed, lambda options: options.embed_batch_size)
STORIES = Stage("stories", "clustering", start_stories, lambda options: 256)

# The order every entry point runs: stories use the entities and the vectors found before them.
STAGES: tuple[Stage, ...] = (INDEX, ENRICH, EMBED, STORIES)
STAGE_NAMES = tuple(stage.name for stage in STAGES)
