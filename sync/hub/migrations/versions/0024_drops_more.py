"""Drops set by a manager on a till, and drop units given back at the returns desk (docs/drops.md).

A ``drop.set`` record from a till is kept only if it is later than the
definition in force, by ``changed_at`` then ``change_id`` (the new column;
drops set before this revision have none, so any later time wins).
``drop_returns`` holds one row per return and drop: units restocked, which go
back to the counter's allocation (counted once, like ``drop_sales``).

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("drops") as batch:
        batch.add_column(sa.Column("change_id", sa.Text(), nullable=True))
    op.create_table(
        "drop_returns",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("drop_id", sa.Text(), nullable=False),
        sa.Column("return_id", sa.Text(), nullable=False),
        sa.Column("sale_id", sa.Text(), nullable=False),
        sa.Column("till_code", sa.Text(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("returned_at", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("drop_id", "return_id"),
    )


def downgrade() -> None:
    op.drop_table("drop_returns")
    with op.batch_alter_table("drops") as batch:
        batch.drop_column("change_id")
