"""Sources followed live, and the fetch provenance of raw documents.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text),
        sa.Column("every_seconds", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("poll_url", sa.Text),
        sa.Column("paused", sa.Boolean, nullable=False),
        sa.Column("added_at", UTCDateTime, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("cursor", sa.Text),
        sa.Column("last_fetch_at", UTCDateTime),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("next_due_at", UTCDateTime),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("items_found", sa.Integer, nullable=False),
        sa.Column("articles_new", sa.Integer, nullable=False),
        sa.Column("articles_total", sa.Integer, nullable=False),
    )
    op.create_index("ix_sources_next_due_at", "sources", ["next_due_at"])
    # Plain ALTERs (SQLite >= 3.35 drops columns too): a batch copy of raw_documents would trip
    # the foreign keys articles hold on it.
    op.add_column("raw_documents", sa.Column("fetch", sa.JSON))
    op.add_column("raw_documents", sa.Column("source_id", sa.Integer))
    op.create_index("ix_raw_documents_source_id", "raw_documents", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_raw_documents_source_id", table_name="raw_documents")
    op.drop_column("raw_documents", "source_id")
    op.drop_column("raw_documents", "fetch")
    op.drop_index("ix_sources_next_due_at", table_name="sources")
    op.drop_table("sources")
