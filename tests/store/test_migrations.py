"""Opening a store migrates it to the newest schema, once; migrations build what schema.py says."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text

from newsdesk.model import RawDocument
from newsdesk.store import Store, fulltext, normalise_url, open_store
from newsdesk.store.migrate import alembic_config
from newsdesk.store.schema import metadata
from tests.search_support import (
    assert_index_matches_articles,
    found_ids,
    fresh_database_url,
    index_pending,
    store_articles,
    wire_article,
)

TABLES = {"raw_documents", "articles", "article_versions", "article_sightings", "stage_progress"}


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_new_store_is_at_the_head_revision(store_url: str) -> None:
    store = open_store(store_url)
    try:
        with store.transaction() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            tables = set(inspect(conn).get_table_names())
    finally:
        store.close()
    assert versions == [_head()]
    assert tables >= TABLES


def test_opening_a_store_twice_changes_nothing(store_url: str) -> None:
    first = open_store(store_url)
    try:
        raw_id, _ = first.add_raw(RawDocument(content=b"kept across opens", origin="a.txt"))
    finally:
        first.close()

    second = open_store(store_url)
    try:
        with second.transaction() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert versions == [_head()]
        assert second.get_raw(raw_id).content == b"kept across opens"
        assert second.add_raw(RawDocument(content=b"kept across opens", origin="b.txt")) == (
            raw_id,
            False,
        )
    finally:
        second.close()


def _declared_in_schema(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """The full-text index (FTS5 tables, tsvector column) is made by migrations, not schema.py."""
    return not (
        (name or "").startswith(fulltext.FTS_TABLE)
        or name in (fulltext.PG_COLUMN, fulltext.PG_INDEX)
    )


def test_the_migrations_build_the_schema_the_code_declares(store_url: str) -> None:
    store = open_store(store_url)
    try:
        with store.transaction() as conn:
            options = {"compare_type": True, "include_object": _declared_in_schema}
            context = MigrationContext.configure(conn, opts=options)
            differences = compare_metadata(context, metadata)
    finally:
        store.close()
    assert differences == []


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_articles_stored_before_the_index_stage_stay_searchable_after_0005(
    backend: str, tmp_path: Path
) -> None:
    """0004 kept the index current in the database; 0005 hands it to the index stage without
    re-indexing anything, and a downgrade hands it back."""
    with fresh_database_url(backend, tmp_path) as url:
        engine = create_engine(normalise_url(url))
        _migrate(engine, "0004")
        old = Store(engine)
        store_articles(
            old,
            wire_article("The Rason ferry sails.", "g1"),
            wire_article("A Wonsan market opens.", "g2"),
        )
        engine.dispose()

        store = open_store(url)
        try:
            assert store.pending("index") == []  # all marked done: nothing is indexed again
            assert (
                len(found_ids(store, "Rason ferry")) == 1 and len(found_ids(store, "Wonsan")) == 1
            )
            # The index the triggers wrote is the one the stage now keeps: a new version
            # replaces the words the triggers indexed.
            store_articles(store, wire_article("The Chongjin ferry sails.", "g1"))
            assert index_pending(store) == 1
            assert found_ids(store, "Rason") == [] and len(found_ids(store, "Chongjin ferry")) == 1
            assert_index_matches_articles(store)

            store_articles(
                store, wire_article("A Haeju port opens.", "g3")
            )  # stored, not indexed, then:
            _migrate(store.engine, "0004")
            assert len(found_ids(store, "Haeju")) == 1  # the downgrade indexed it
            store_articles(
                store, wire_article("A Kaesong school opens.", "g4")
            )  # the database indexes it
            assert len(found_ids(store, "Kaesong")) == 1
        finally:
            store.close()

        again = open_store(url)
        try:
            assert again.pending("index") == []
            assert len(found_ids(again, "Kaesong")) == 1 and found_ids(again, "Rason") == []
            assert_index_matches_articles(again)
        finally:
            again.close()


def _migrate(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        current = MigrationContext.configure(conn).get_current_revision() or ""
        step = command.downgrade if current > revision else command.upgrade
        step(alembic_config(conn), revision)
