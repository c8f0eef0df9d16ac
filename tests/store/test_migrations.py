"""Opening a store migrates it to the newest schema, once; migrations build what schema.py says."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from newsdesk.model import RawDocument
from newsdesk.store import fulltext, open_store
from newsdesk.store.migrate import alembic_config
from newsdesk.store.schema import metadata

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
    """The full-text index (FTS5 tables, tsvector column) is DDL of fulltext.py, not schema.py."""
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
