"""Helpers shared by the search, embedding, API and browser tests: the hand-made beat corpus."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg

from newsdesk import pipeline
from newsdesk.store import Store
from tests.conftest import FIXTURES, PG_ADMIN_URL

WEB_FIXTURES = FIXTURES / "web"
BEAT_POSTS = WEB_FIXTURES / "beat_posts.json"  # 22 hand-written posts on the Korea-Russia beat
BEAT_QUERIES = WEB_FIXTURES / "beat_queries.json"  # 20 queries with the posts that answer them
INJECTION_POSTS = WEB_FIXTURES / "injection_posts.json"
INJECTION_PAGE = WEB_FIXTURES / "injection_page.txt"


def ingest_beat(store: Store) -> dict[str, str]:
    """Ingest the beat posts through the real pipeline; {slug: article id}."""
    report = pipeline.ingest_paths(store, [str(BEAT_POSTS)], 50 * 1024 * 1024)
    assert not report.failed
    return slug_ids(store)


def slug_ids(store: Store) -> dict[str, str]:
    return {
        str(s.article.extra["slug"]): s.id
        for s in store.iter_articles()
        if "slug" in s.article.extra
    }


def beat_queries() -> list[dict]:
    return json.loads(BEAT_QUERIES.read_text(encoding="utf-8"))


@contextmanager
def fresh_database_url(backend: str, folder: Path) -> Iterator[str]:
    """A store URL of its own (a SQLite file, or a new PostgreSQL database dropped afterwards),
    for module-scoped fixtures that must not share the per-test database."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'store.db'}"
        return
    name = f"newsdesk_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
