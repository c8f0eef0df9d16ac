"""Comments and moderation: comments on articles and stories, readers' reports, editors'
decisions.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(32), nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("comments.id")),
        sa.Column("depth", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("edited_at", UTCDateTime),
        sa.Column("deleted_at", UTCDateTime),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
    )
    op.create_index("ix_comments_target", "comments", ["target_kind", "target_id"])
    op.create_index("ix_comments_user_created", "comments", ["user_id", "created_at"])
    op.create_index("ix_comments_status", "comments", ["status"])
    op.create_table(
        "comment_reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("comment_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("resolved_at", UTCDateTime),
        sa.UniqueConstraint("comment_id", "user_id", name="uq_comment_reports_comment_user"),
    )
    op.create_table(
        "comment_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("comment_id", sa.Integer, sa.ForeignKey("comments.id"), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("users.id")),
        sa.Column("decider", sa.Text, nullable=False),
        sa.Column("decided_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_comment_decisions_comment_id", "comment_decisions", ["comment_id"])
    op.create_index("ix_comment_decisions_decided_at", "comment_decisions", ["decided_at"])


def downgrade() -> None:
    op.drop_index("ix_comment_decisions_decided_at", table_name="comment_decisions")
    op.drop_index("ix_comment_decisions_comment_id", table_name="comment_decisions")
    op.drop_table("comment_decisions")
    op.drop_table("comment_reports")
    for index in ("ix_comments_status", "ix_comments_user_created", "ix_comments_target"):
        op.drop_index(index, table_name="comments")
    op.drop_table("comments")
