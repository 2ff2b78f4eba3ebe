"""Tills' audit heads: the highest each till pushed, so a till store cut short or rolled back is refused.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_audit_heads",
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.Text(), nullable=False),
        sa.Column("restore_hash", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"]),
        sa.PrimaryKeyConstraint("till_id"),
    )


def downgrade() -> None:
    op.drop_table("till_audit_heads")
