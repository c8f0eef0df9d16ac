"""A store holding the beat corpus, the bundled samples and a five-outlet story (Kursk, December
2024: tests/fixtures/ai/kursk_story.json), ingested through the real pipeline with every stage
run, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsdesk import pipeline
from newsdesk.store import Store, open_store
from tests.conftest import FIXTURES, SAMPLES
from tests.search_support import BEAT_POSTS, fresh_database_url, slug_ids

KURSK_STORY = FIXTURES / "ai" / "kursk_story.json"


@dataclass
class Desk:
    url: str
    store: Store
    ids: dict[str, str]  # slug -> article id (beat posts and the Kursk story)

    def story_of(self, slug: str) -> int:
        story_id = self.store.story_of(self.ids[slug])
        assert story_id is not None
        return story_id


def fill(store: Store) -> dict[str, str]:
    paths = [str(BEAT_POSTS), str(SAMPLES), str(KURSK_STORY)]
    report = pipeline.ingest_paths(store, paths, 50 * 1024 * 1024)
    assert not report.failed, [f.error for f in report.failed]
    pipeline.advance(store)
    return slug_ids(store)


@pytest.fixture(scope="session")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """The SQLite store most tests read (nothing writes to it but the follow tests' own
    accounts)."""
    folder: Path = tmp_path_factory.mktemp("ai")
    url = f"sqlite:///{folder / 'store.db'}"
    store = open_store(url)
    yield Desk(url, store, fill(store))
    store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def both_desks(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Desk]:
    with fresh_database_url(request.param, tmp_path_factory.mktemp("ai-both")) as url:
        store = open_store(url)
        yield Desk(url, store, fill(store))
        store.close()
