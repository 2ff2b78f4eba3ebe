"""Drops: each drop of an event, the counter's sales of its units per sale, the event's customer salt and the
log of who set or moved each drop.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drops",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("drop_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("skus", sa.Text(), nullable=False),
        sa.Column("release_at", sa.Text(), nullable=False),
        sa.Column("online_allocation", sa.Integer(), nullable=False),
        sa.Column("counter_allocation", sa.Integer(), nullable=False),
        sa.Column("per_sale_cap", sa.Integer(), nullable=True),
        sa.Column("per_customer_cap", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("drop_id"),
    )
    op.create_index("ix_drops_event", "drops", ["event_id"])
    op.create_table(
        "drop_sales",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("drop_id", sa.Text(), nullable=False),
        sa.Column("sale_id", sa.Text(), nullable=False),
        sa.Column("till_code", sa.Text(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("customer", sa.Text(), nullable=True),
        sa.Column("sold_at", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("drop_id", "sale_id"),
    )
    op.create_table(
        "event_customer_salts",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("salt", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_table(
        "drop_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("drop_id", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("drop_log")
    op.drop_table("event_customer_salts")
    op.drop_table("drop_sales")
    op.drop_index("ix_drops_event", table_name="drops")
    op.drop_table("drops")
