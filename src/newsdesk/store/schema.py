"""The tables of the store (SQLAlchemy Core). Changes here need a migration in migrations/.

Long because every table is in this one file: whoever writes a migration sees the whole schema
it changes, and the migration test compares the database with exactly this metadata.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
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
    Column("fetch", JSON),  # fetched inputs: url, final_url, status, headers
    Column("source_id", Integer, index=True),  # no foreign key: raws outlive a removed source
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text),
    Column("every_seconds", Integer, nullable=False),
    Column("kind", String(16)),
    Column("poll_url", Text),
    Column("paused", Boolean, nullable=False, default=False),
    Column("added_at", UTCDateTime, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("cursor", Text),
    Column("last_fetch_at", UTCDateTime),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("next_due_at", UTCDateTime, index=True),
    Column("failures", Integer, nullable=False, default=0),
    Column("items_found", Integer, nullable=False, default=0),
    Column("articles_new", Integer, nullable=False, default=0),
    Column("articles_total", Integer, nullable=False, default=0),
    Column("folder", Text),  # 0012
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
    # A worker asks, every batch, when the stage last moved: one index read, not a scan.
    Index("ix_stage_progress_stage_done_at", "stage", "done_at"),
)

# Search ------------------------------------------------------------------------------------
# The full-text index is not a table here: it is SQLite FTS5 or a PostgreSQL tsvector column,
# created by migration 0002, written by the index stage since 0005 (see store/fulltext.py).

# One sentence-embedding vector per article and model (float32 bytes, L2-normalised), from the
# article's title and lead. `seq` grows with every write, so a reader can load only what changed.
article_embeddings = Table(
    "article_embeddings",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("model", String(64), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("dimension", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("embedded_at", UTCDateTime, nullable=False),
    Index("ix_article_embeddings_model_seq", "model", "seq"),
)

# Enrichment --------------------------------------------------------------------------------
# What the enrich stage found in each article version: canonical entities, their mentions,
# figures, language and keywords. Offsets index the article's enrichment text (title, blank
# line, body paragraphs: newsdesk.enrich.article_text).

entities = Table(
    "entities",
    metadata,
    Column("id", String(160), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("known", Boolean, nullable=False),
    Column("roles", JSON, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("entity_id", String(160)),  # NULL: the name could not be resolved to one entity
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("label", String(16), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("metonym", Boolean, nullable=False),
    Column("candidates", JSON, nullable=False),
    Index("ix_mentions_entity_id", "entity_id"),
    Index("ix_mentions_article_id", "article_id"),
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("number", Float, nullable=False),
    Column("value", Float, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("scale", String(16)),
    Column("unit", Text),
    Column("item", Text),
    Column("qualifier", String(32)),
    Column("qualifier_text", Text),
    Column("is_change", Boolean, nullable=False),
    Column("direction", String(16)),
    Column("low", Float),
    Column("high", Float),
    Column("subject_entity_id", String(160)),
    Column("sentence", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("date", Date),
    Column("measure", String(32)),
    Column("claimant", Text),
    Column("claimant_entity_id", String(160)),
    Column("as_of", String(10)),
    Index("ix_figures_article_id", "article_id"),
    Index("ix_figures_subject_entity_id", "subject_entity_id"),
    Index("ix_figures_measure", "measure"),
)

article_enrichments = Table(
    "article_enrichments",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("language", String(8)),
    Column("language_confidence", Float),
    Column("keywords", JSON, nullable=False),  # [[term, score], ...]
    Column("terms", JSON, nullable=False),  # distinct keyword candidates: the df table's input
    Column("skipped", JSON, nullable=False),
    Column("enriched_at", UTCDateTime, nullable=False),
)

# Document frequency of keyword candidates over the enriched corpus (tf-idf's idf side).
keyword_frequencies = Table(
    "keyword_frequencies",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("documents", Integer, nullable=False),
)

# Duplicates and stories --------------------------------------------------------------------
# The stories stage's results: which articles copy which (every copy kept, with provenance),
# which story each article belongs to, story and storyline summaries, and the clusterer's state
# so streaming resumes where it stopped.

article_fingerprints = Table(
    "article_fingerprints",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("fingerprint", LargeBinary, nullable=False),  # newsdesk.dedupe.signature()
    Column("seq", Integer, nullable=False),  # order indexed: the index is rebuilt in this order
)

article_copies = Table(
    "article_copies",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("duplicate_of", String(16), nullable=False),
    Column("original_id", String(16), nullable=False),
    Column("kind", String(8), nullable=False),  # url, guid, body or near
    Column("jaccard", Float, nullable=False),
    Column("containment", Float, nullable=False),
    Index("ix_article_copies_original_id", "original_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("title", Text, nullable=False),
    Column("first_published_at", UTCDateTime),
    Column("last_published_at", UTCDateTime),
    Column("article_count", Integer, nullable=False),
    Column("sources", JSON, nullable=False),
    Column("main_entities", JSON, nullable=False),
    Column("storyline_id", Integer, nullable=False),
    Column("is_open", Boolean, nullable=False),
    Index("ix_stories_last_published_at", "last_published_at"),
    Index("ix_stories_storyline_id", "storyline_id"),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("story_id", Integer, nullable=False),
    Column("score", Float),
    Index("ix_story_articles_story_id", "story_id"),
)

storylines = Table(
    "storylines",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("title", Text, nullable=False),
    Column("story_ids", JSON, nullable=False),
    Column("main_entities", JSON, nullable=False),
)

stage_states = Table(
    "stage_states",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("state", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

# An article a stage could not process: the stage skips it until someone asks to retry it.
stage_failures = Table(
    "stage_failures",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("failed_at", UTCDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("retry", Boolean, nullable=False),  # asked to retry: pending again until it runs
)

# Accounts (0008) --------------------------------------------------------------------------

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, unique=True),  # case-folded: one "Kim", one "kim"
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("disabled", Boolean, nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # the cookie holds the token itself
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)

sign_in_attempts = Table(
    "sign_in_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name_key", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("succeeded", Boolean, nullable=False),
)

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

article_states = Table(
    "article_states",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("read_at", UTCDateTime),
    Column("saved_at", UTCDateTime),
)

follows = Table(
    "follows",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("target", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_looked_at", UTCDateTime, nullable=False),
    Column("alert", Boolean, nullable=False),
    UniqueConstraint("user_id", "kind", "target", name="uq_follows_user_kind_target"),
)

mutes = Table(
    "mutes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("user_id", "kind", "value", name="uq_mutes_user_kind_value"),
)

# Desk: highlights, notes, alerts (0011) ----------------------------------------------------
# A reader's highlights and private notes on an article's paragraphs; the alerts raised for
# followed things (an article once per reader); where a reader wants mail; and what was mailed.

highlights = Table(
    "highlights",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("paragraph", Integer, nullable=False),  # index into the article's paragraphs
    Column("quote", Text, nullable=False),  # "" for the whole paragraph
    Column("note", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_highlights_user_id_article_id", "user_id", "article_id"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("follow_id", Integer, ForeignKey("follows.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("seen_at", UTCDateTime),
    Column("mailed", String(16)),  # NULL until decided: "sent", or why not ("no-address", …)
    Column("mailed_at", UTCDateTime),
    UniqueConstraint("user_id", "article_id", name="uq_alerts_user_article"),
    Index("ix_alerts_mailed", "mailed"),
)

mail_settings = Table(
    "mail_settings",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("address", Text, nullable=False),
    Column("alerts", Boolean, nullable=False),  # alerts by mail (they are always in the app)
    Column("digest", Boolean, nullable=False),  # the daily digest
    Column("updated_at", UTCDateTime, nullable=False),
)

mail_sent = Table(
    "mail_sent",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # "alert" or "digest"
    Column("address", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("article_ids", JSON, nullable=False),
    Column("sent_at", UTCDateTime, nullable=False),
    Index("ix_mail_sent_user_id_kind", "user_id", "kind"),
)

# Comments (0010) ---------------------------------------------------------------------------
# Readers' comments on articles and stories (threads through parent_id), the reports readers
# make about them, and every decision an editor took on one. Rows are never deleted: a comment
# its author deletes keeps its place in the thread with its text blanked.

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(16), nullable=False),  # article or story
    Column("target_id", String(32), nullable=False),
    Column("parent_id", Integer, ForeignKey("comments.id")),
    Column("depth", Integer, nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("edited_at", UTCDateTime),
    Column("deleted_at", UTCDateTime),
    Column("status", String(16), nullable=False),  # published, held or rejected
    Column("score", Float, nullable=False),
    Column("reasons", JSON, nullable=False),
    Index("ix_comments_target", "target_kind", "target_id"),
    # The rate limit counts an author's comments since a moment: one index range.
    Index("ix_comments_user_created", "user_id", "created_at"),
    Index("ix_comments_status", "status"),
)

comment_reports = Table(
    "comment_reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("comment_id", Integer, ForeignKey("comments.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("resolved_at", UTCDateTime),
    UniqueConstraint("comment_id", "user_id", name="uq_comment_reports_comment_user"),
)

comment_decisions = Table(
    "comment_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("comment_id", Integer, ForeignKey("comments.id"), nullable=False),
    Column("decision", String(16), nullable=False),  # approved or rejected
    Column("reason", Text, nullable=False),
    Column("decided_by", Integer, ForeignKey("users.id")),  # NULL: the operator's token
    Column("decider", Text, nullable=False),
    Column("decided_at", UTCDateTime, nullable=False),
    Index("ix_comment_decisions_comment_id", "comment_id"),
    Index("ix_comment_decisions_decided_at", "decided_at"),
)
