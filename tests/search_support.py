"""Helpers shared by the search, embedding, API and browser tests: the hand-made beat corpus."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from sqlalchemy import text

from newsdesk import pipeline
from newsdesk.model import Article, RawDocument, Section, Timestamp
from newsdesk.search import parse_query
from newsdesk.store import Store
from newsdesk.store.fulltext import Filters
from newsdesk.store.fulltext_postgres import PG_DOCUMENT
from tests.conftest import FIXTURES, PG_ADMIN_URL

WEB_FIXTURES = FIXTURES / "web"
BEAT_POSTS = WEB_FIXTURES / "beat_posts.json"  # 22 hand-written posts on the Korea-Russia beat
BEAT_QUERIES = WEB_FIXTURES / "beat_queries.json"  # 20 queries with the posts that answer them
INJECTION_POSTS = WEB_FIXTURES / "injection_posts.json"
INJECTION_PAGE = WEB_FIXTURES / "injection_page.txt"


def ingest_beat(store: Store) -> dict[str, str]:
    """Ingest the beat posts through the real pipeline, and index them; {slug: article id}."""
    report = pipeline.ingest_paths(store, [str(BEAT_POSTS)], 50 * 1024 * 1024)
    assert not report.failed
    pipeline.run_stage(store, pipeline.INDEX)
    return slug_ids(store)


def index_pending(store: Store) -> int:
    """Index every pending article the way the index stage must (its contract with the store:
    `index_articles`, then `mark_done`, in one transaction); how many were indexed."""
    indexed = 0
    while batch := store.pending("index", limit=1000):
        with store.transaction():
            store.index_articles(batch)
            store.mark_done("index", [(stored.id, stored.version) for stored in batch])
        indexed += len(batch)
    return indexed


def wire_article(body: str, guid: str = "wire-1", title: str = "Ferry service resumes") -> Article:
    """A short hand-made wire story; the same guid makes a later call a new version of it."""
    return Article(
        title=title,
        sections=[Section(None, [body])],
        guid=guid,
        source="Test Wire",
        published=Timestamp(datetime(2025, 6, 1, 9, 0, tzinfo=UTC)),
    )


def store_articles(store: Store, *parsed: Article) -> list[str]:
    """Store articles as read from one new raw document (no index step); each outcome's change."""
    raw_id, _ = store.add_raw(RawDocument(content=repr(parsed).encode(), origin="wire"))
    return [outcome.change for outcome in store.save_articles(raw_id, list(parsed))]


def found_ids(store: Store, query: str) -> list[str]:
    """Ids of the articles full-text search finds for `query`, best first."""
    return [hit.article_id for hit in store.search_text(parse_query(query), Filters(), 20)]


def assert_index_matches_articles(store: Store) -> None:
    """The index holds exactly the current text of every article. SQLite: FTS5's own check
    against its content table, which a 'delete' given other text than was indexed fails.
    PostgreSQL: every stored document is the one the article's text makes."""
    with store.transaction() as conn:
        if conn.dialect.name == "sqlite":
            check = "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
            conn.execute(text(check))
            return
        sql = f"SELECT count(*) FROM articles WHERE search_document IS DISTINCT FROM {PG_DOCUMENT}"
        assert conn.execute(text(sql)).scalar_one() == 0


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
