"""Highlights, notes and alerts: a reader's highlights and notes on paragraphs, the alerts raised
for followed things, mail settings, and the mail sent.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _user_id(**options: object) -> sa.Column:
    return sa.Column(
        "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), **options
    )


def upgrade() -> None:
    op.create_table(
        "highlights",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _user_id(nullable=False),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_highlights_user_id_article_id", "highlights", ["user_id", "article_id"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _user_id(nullable=False),
        sa.Column(
            "follow_id",
            sa.Integer,
            sa.ForeignKey("follows.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("seen_at", UTCDateTime),
        sa.Column("mailed", sa.String(16)),
        sa.Column("mailed_at", UTCDateTime),
        sa.UniqueConstraint("user_id", "article_id", name="uq_alerts_user_article"),
    )
    op.create_index("ix_alerts_mailed", "alerts", ["mailed"])
    op.create_table(
        "mail_settings",
        _user_id(primary_key=True),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("alerts", sa.Boolean, nullable=False),
        sa.Column("digest", sa.Boolean, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_table(
        "mail_sent",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _user_id(nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("article_ids", sa.JSON, nullable=False),
        sa.Column("sent_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_mail_sent_user_id_kind", "mail_sent", ["user_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_mail_sent_user_id_kind", table_name="mail_sent")
    op.drop_table("mail_sent")
    op.drop_table("mail_settings")
    op.drop_index("ix_alerts_mailed", table_name="alerts")
    op.drop_table("alerts")
    op.drop_index("ix_highlights_user_id_article_id", table_name="highlights")
    op.drop_table("highlights")
