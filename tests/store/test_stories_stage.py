"""Duplicates and stories through the store, on SQLite and PostgreSQL: stored, resumable, and
re-clustering from scratch equal to the streaming path."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from newsdesk import pipeline
from newsdesk.model import Article, RawDocument, Section, Timestamp
from newsdesk.store import Store
from newsdesk.urls import canonical_url
from tests.conftest import FIXTURES

STORIES = FIXTURES / "stories"


def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (STORIES / name).read_text().splitlines() if line.strip()]


def article_of(row: dict) -> Article:
    paragraphs = [p for p in row["body"].split("\n\n") if p.strip()]
    return Article(
        title=row["title"],
        sections=[Section(None, paragraphs)],
        url=row["url"],
        canonical_url=canonical_url(row["url"]),
        source=row["source"],
        published=Timestamp(utc=datetime.fromisoformat(row["published"])),
    )


def store_rows(store: Store, fixture_rows: list[dict]) -> dict[str, str]:
    """Store each row as one input; returns fixture id -> article id."""
    ids = {}
    for row in fixture_rows:
        article = article_of(row)
        raw_id, _ = store.add_raw(RawDocument(content=json.dumps(row).encode(), origin=row["id"]))
        store.save_articles(raw_id, [article])
        ids[row["id"]] = article.id
    return ids


def partition(store: Store, ids: dict[str, str]) -> dict[str, int]:
    return {name: store.story_of(article_id) for name, article_id in ids.items()}


def test_copies_are_recorded_with_their_original_and_join_its_story(store: Store) -> None:
    fixture = rows("duplicates.jsonl")
    ids = store_rows(store, fixture)
    # The copy under the same URL plus tracking parameters is the same article (a re-sighting).
    assert ids["same-url-tracking"] == ids["kh-original"]
    placed = pipeline.run_stage(store, pipeline.STORIES).done
    assert placed == len(set(ids.values())) == len(fixture) - 1
    original, copies = store.copies(ids["agg-trimmed"])
    copied = {row.article_id for row in copies}
    for row in fixture:
        if row.get("copy_of"):
            assert ids[row["id"]] in copied | {original}, row["id"]
    assert ids["kh-other-article"] not in copied | {original}
    story = store.story_of(ids["kh-original"])
    assert store.story_of(ids["agg-boilerplate"]) == story
    assert store.story_of(ids["agg-retitled"]) == story


def test_stories_keep_events_apart_and_storylines_link_them(store: Store) -> None:
    fixture = rows("korea-beat.jsonl")
    ids = store_rows(store, fixture)
    pipeline.run_stage(store, pipeline.STORIES)
    stories = partition(store, ids)
    # Two different Kim Jong Un missile events a week apart stay two stories.
    assert stories["ms-1"] == stories["ms-2"]
    assert stories["ms-3"] == stories["ms-4"]
    assert stories["ms-1"] != stories["ms-3"]
    # The same summit told by three outlets is one story, with all three sources.
    assert stories["ru-1"] == stories["ru-2"] == stories["ru-3"]
    summit = store.get_story(stories["ru-1"])
    assert len(summit.sources) == 3 and len(summit.article_ids) == 3
    assert summit.first_published <= summit.last_published


def test_streaming_in_two_runs_equals_reclustering_from_scratch(store: Store) -> None:
    fixture = rows("korea-beat.jsonl")
    first = store_rows(store, fixture[:10])
    pipeline.run_stage(store, pipeline.STORIES)  # the state is saved: the next run resumes
    second = store_rows(store, fixture[10:])
    assert pipeline.run_stage(store, pipeline.STORIES).done == 10
    ids = first | second
    streamed = partition(store, ids)
    assert pipeline.recluster(store).done == 20
    assert partition(store, ids) == streamed
    assert store.count_stories() == len(set(streamed.values()))


def test_a_rerun_with_nothing_new_changes_nothing(store: Store, tmp_path: Path) -> None:
    ids = store_rows(store, rows("korea-beat.jsonl")[:6])
    pipeline.run_stage(store, pipeline.STORIES)
    before = partition(store, ids)
    assert pipeline.run_stage(store, pipeline.STORIES).done == 0
    assert partition(store, ids) == before


def test_stored_storylines_agree_with_the_stories_after_one_article_at_a_time(
    store: Store, tmp_path: Path
) -> None:
    """The beat posts streamed one day at a time through every stage: storylines link and
    settle while stories outside the batch move. Every stored story must name a stored
    storyline that lists it, and every stored storyline only stories that name it."""
    from tests.cli.test_stories_commands import write_posts_by_date
    from tests.search_support import BEAT_POSTS

    for path in write_posts_by_date(BEAT_POSTS, tmp_path / "posts"):
        pipeline.ingest_paths(store, [str(path)], 10 * 1024 * 1024)
        pipeline.advance(store)
    stories = store.list_stories(100)
    lines = {line.id: line for line in store.list_storylines(100)}
    assert {s.storyline_id for s in stories} == set(lines)
    for story in stories:
        assert story.id in lines[story.storyline_id].story_ids, story.title
    assert sorted(i for line in lines.values() for i in line.story_ids) == sorted(
        s.id for s in stories
    )
