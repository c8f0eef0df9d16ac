"""A followed source's folder, as reader apps' OPML files group them.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column("folder", sa.Text))


def downgrade() -> None:
    op.drop_column("sources", "folder")
