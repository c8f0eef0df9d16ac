"""Search: the full-text index (SQLite FTS5 / PostgreSQL tsvector) and article embeddings.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store import fulltext
from newsdesk.store.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    fulltext.create(op.get_bind())
    op.create_table(
        "article_embeddings",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("model", sa.String(64), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("dimension", sa.Integer, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("embedded_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_article_embeddings_model_seq", "article_embeddings", ["model", "seq"])


def downgrade() -> None:
    op.drop_table("article_embeddings")
    fulltext.drop(op.get_bind())
