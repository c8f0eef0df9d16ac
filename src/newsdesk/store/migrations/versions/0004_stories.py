"""Duplicates and stories: fingerprints, copies, stories, storylines, stage states.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_fingerprints",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("fingerprint", sa.LargeBinary, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
    )
    op.create_table(
        "article_copies",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("duplicate_of", sa.String(16), nullable=False),
        sa.Column("original_id", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("jaccard", sa.Float, nullable=False),
        sa.Column("containment", sa.Float, nullable=False),
    )
    op.create_index("ix_article_copies_original_id", "article_copies", ["original_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_published_at", UTCDateTime),
        sa.Column("last_published_at", UTCDateTime),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("main_entities", sa.JSON, nullable=False),
        sa.Column("storyline_id", sa.Integer, nullable=False),
        sa.Column("is_open", sa.Boolean, nullable=False),
    )
    op.create_index("ix_stories_last_published_at", "stories", ["last_published_at"])
    op.create_index("ix_stories_storyline_id", "stories", ["storyline_id"])
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("story_id", sa.Integer, nullable=False),
        sa.Column("score", sa.Float),
    )
    op.create_index("ix_story_articles_story_id", "story_articles", ["story_id"])
    op.create_table(
        "storylines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("story_ids", sa.JSON, nullable=False),
        sa.Column("main_entities", sa.JSON, nullable=False),
    )
    op.create_table(
        "stage_states",
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "stage_states",
        "storylines",
        "story_articles",
        "stories",
        "article_copies",
        "article_fingerprints",
    ):
        op.drop_table(table)
