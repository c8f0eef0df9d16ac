"""The figures ledger: what a figure measures, who claims it, the date it refers to.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("figures", sa.Column("measure", sa.String(32)))
    op.add_column("figures", sa.Column("claimant", sa.Text))
    op.add_column("figures", sa.Column("claimant_entity_id", sa.String(160)))
    op.add_column("figures", sa.Column("as_of", sa.String(10)))
    op.create_index("ix_figures_measure", "figures", ["measure"])


def downgrade() -> None:
    op.drop_index("ix_figures_measure", "figures")
    for column in ("as_of", "claimant_entity_id", "claimant", "measure"):
        op.drop_column("figures", column)
