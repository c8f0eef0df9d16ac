"""Raw documents, articles with versions and sightings, stage progress.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "raw_documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("received_at", UTCDateTime, nullable=False),
        sa.Column("crawled_at", UTCDateTime),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("content", sa.LargeBinary),
        sa.Column("format_hint", sa.String(16)),
        sa.Column("format", sa.String(16)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("article_count", sa.Integer, nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("identity_key", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("version_hash", sa.String(16), nullable=False),
        sa.Column("raw_document_id", sa.Integer, sa.ForeignKey("raw_documents.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text),
        sa.Column("guid", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("site", sa.Text),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("published_at", UTCDateTime),
        sa.Column("published_offset", sa.Integer),
        sa.Column("published_precision", sa.String(8)),
        sa.Column("updated_at", UTCDateTime),
        sa.Column("updated_offset", sa.Integer),
        sa.Column("updated_precision", sa.String(8)),
        sa.Column("date_text", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("excerpt", sa.Text),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("body_text", sa.Text, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("is_truncated", sa.Boolean, nullable=False),
        sa.Column("is_teaser", sa.Boolean, nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("found_on", sa.String(16)),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("extra", sa.JSON, nullable=False),
        sa.Column("first_seen_at", UTCDateTime, nullable=False),
        sa.Column("last_seen_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_index("ix_articles_source", "articles", ["source"])
    op.create_index("ix_articles_first_seen_at", "articles", ["first_seen_at"])
    op.create_table(
        "article_versions",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("version_hash", sa.String(16), nullable=False),
        sa.Column("raw_document_id", sa.Integer, sa.ForeignKey("raw_documents.id"), nullable=False),
        sa.Column("recorded_at", UTCDateTime, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "article_sightings",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column(
            "raw_document_id", sa.Integer, sa.ForeignKey("raw_documents.id"), primary_key=True
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("seen_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_article_sightings_raw", "article_sightings", ["raw_document_id"])
    op.create_table(
        "stage_progress",
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("done_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("stage_progress", "article_sightings", "article_versions", "articles"):
        op.drop_table(table)
    op.drop_table("raw_documents")
