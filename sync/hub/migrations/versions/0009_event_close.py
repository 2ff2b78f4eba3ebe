"""The event's close: tills' declared closes, conflict reviews, the event's freeze, the status fed to tills,
and the feed cursor each till last reported in an outbox file.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_closures",
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("cash_closed", sa.Integer(), nullable=False),
        sa.Column("z_numbers", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"]),
        sa.PrimaryKeyConstraint("till_id"),
    )
    op.create_table(
        "conflict_reviews",
        sa.Column("conflict_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["conflict_id"], ["conflicts.id"]),
        sa.PrimaryKeyConstraint("conflict_id"),
    )
    op.create_table(
        "event_freezes",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("frozen_at", sa.Text(), nullable=False),
        sa.Column("frozen_by", sa.Text(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("blocking", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "till_statuses",
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"]),
        sa.PrimaryKeyConstraint("till_id"),
    )
    op.create_table(
        "till_feed_cursors",
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=False),
        sa.Column("reported_at", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"]),
        sa.PrimaryKeyConstraint("till_id"),
    )


def downgrade() -> None:
    for table in ("till_feed_cursors", "till_statuses", "event_freezes", "conflict_reviews", "till_closures"):
        op.drop_table(table)
