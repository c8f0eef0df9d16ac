"""Stage failures: an article a stage could not process, skipped until a retry; and an index
telling workers when a stage last moved.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from newsdesk.store.schema import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stage_failures",
        sa.Column("stage", sa.String(32), primary_key=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("failed_at", UTCDateTime, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("retry", sa.Boolean, nullable=False),
    )
    op.create_index("ix_stage_progress_stage_done_at", "stage_progress", ["stage", "done_at"])


def downgrade() -> None:
    op.drop_index("ix_stage_progress_stage_done_at", table_name="stage_progress")
    op.drop_table("stage_failures")
