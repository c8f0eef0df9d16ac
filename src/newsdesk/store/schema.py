"""The tables of the store (SQLAlchemy Core). Changes here need a migration in migrations/."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (which keeps no zone) too."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value


metadata = MetaData()

raw_documents = Table(
    "raw_documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("origin", Text, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("crawled_at", UTCDateTime),
    Column("size", BigInteger, nullable=False),
    Column("content", LargeBinary),  # NULL only when the input was over the size limit
    Column("format_hint", String(16)),
    Column("format", String(16)),
    Column("status", String(16), nullable=False),
    Column("error", Text),
    Column("article_count", Integer, nullable=False, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("identity_key", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("version_hash", String(16), nullable=False),
    Column("raw_document_id", Integer, ForeignKey("raw_documents.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("guid", Text),
    Column("source", Text),
    Column("site", Text),
    Column("authors", JSON, nullable=False),
    Column("published_at", UTCDateTime),
    Column("published_offset", Integer),
    Column("published_precision", String(8)),
    Column("updated_at", UTCDateTime),
    Column("updated_offset", Integer),
    Column("updated_precision", String(8)),
    Column("date_text", Text),
    Column("language", String(16)),
    Column("excerpt", Text),
    Column("tags", JSON, nullable=False),
    Column("sections", JSON, nullable=False),
    Column("body_text", Text, nullable=False),
    Column("word_count", Integer, nullable=False),
    Column("is_truncated", Boolean, nullable=False),
    Column("is_teaser", Boolean, nullable=False),
    Column("relation", String(16), nullable=False),
    Column("found_on", String(16)),
    Column("notes", JSON, nullable=False),
    Column("extra", JSON, nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Index("ix_articles_published_at", "published_at"),
    Index("ix_articles_source", "source"),
    Index("ix_articles_first_seen_at", "first_seen_at"),
)

# Every version an article has had, with the raw document it was read from.
article_versions = Table(
    "article_versions",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("version_hash", String(16), nullable=False),
    Column("raw_document_id", Integer, ForeignKey("raw_documents.id"), nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    Column("record", JSON, nullable=False),
)

# Every raw document an article was seen in (provenance), including unchanged re-sightings.
article_sightings = Table(
    "article_sightings",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("raw_document_id", Integer, ForeignKey("raw_documents.id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
    Index("ix_article_sightings_raw", "raw_document_id"),
)

# Which version of each article a later stage (enrich, dedupe, stories…) has processed.
stage_progress = Table(
    "stage_progress",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("done_at", UTCDateTime, nullable=False),
)
