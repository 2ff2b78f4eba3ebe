"""Pickup orders: the marketplace's signing keys, the orders, and every handoff the tills report.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pickup_keys",
        sa.Column("key_id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("revoked_at", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key_id"),
        sa.UniqueConstraint("public_key"),
    )
    op.create_table(
        "pickup_orders",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("customer_name", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("member_order_ids", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("cancelled_at", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "number"),
    )
    op.create_table(
        "pickup_handoffs",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("order_id", sa.Text(), nullable=False),
        sa.Column("line_id", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("till_code", sa.Text(), nullable=False),
        sa.Column("staff_name", sa.Text(), nullable=False),
        sa.Column("at", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["pickup_orders.id"]),
        sa.PrimaryKeyConstraint("record_id", "order_id", "line_id"),
    )
    with op.batch_alter_table("pickup_handoffs", schema=None) as batch_op:
        batch_op.create_index("ix_pickup_handoffs_order", ["order_id"], unique=False)


def downgrade() -> None:
    op.drop_table("pickup_handoffs")
    op.drop_table("pickup_orders")
    op.drop_table("pickup_keys")
