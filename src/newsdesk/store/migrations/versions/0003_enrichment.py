"""Enrichment: entities, mentions, figures, per-article language and keywords, keyword df.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.String(160), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("known", sa.Boolean, nullable=False),
        sa.Column("roles", sa.JSON, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("entity_id", sa.String(160)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("label", sa.String(16), nullable=False),
        sa.Column("sentence", sa.Integer, nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("metonym", sa.Boolean, nullable=False),
        sa.Column("candidates", sa.JSON, nullable=False),
    )
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("number", sa.Float, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("scale", sa.String(16)),
        sa.Column("unit", sa.Text),
        sa.Column("item", sa.Text),
        sa.Column("qualifier", sa.String(32)),
        sa.Column("qualifier_text", sa.Text),
        sa.Column("is_change", sa.Boolean, nullable=False),
        sa.Column("direction", sa.String(16)),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("subject_entity_id", sa.String(160)),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("date", sa.Date),
    )
    op.create_index("ix_figures_article_id", "figures", ["article_id"])
    op.create_index("ix_figures_subject_entity_id", "figures", ["subject_entity_id"])
    op.create_table(
        "article_enrichments",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("language_confidence", sa.Float),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("skipped", sa.JSON, nullable=False),
        sa.Column("enriched_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "keyword_frequencies",
        sa.Column("term", sa.String(200), primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("keyword_frequencies", "article_enrichments", "figures", "mentions", "entities"):
        op.drop_table(table)
