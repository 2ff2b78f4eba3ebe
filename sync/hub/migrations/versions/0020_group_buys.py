"""Group buys and the commitments tills took for them (docs/group_buys.md).

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "group_buys",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sku", sa.Text(), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Text(), nullable=False),
        sa.Column("price", sa.BigInteger(), nullable=False),
        sa.Column("payment", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.Text(), nullable=True),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_group_buys_event", "group_buys", ["event_id"])
    op.create_table(
        "group_buy_commitments",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("group_buy_id", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("sale_id", sa.Text(), nullable=False),
        sa.Column("receipt_no", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=False),
        sa.Column("committed_at", sa.Text(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("late", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("order_id", sa.Text(), nullable=True),
        sa.Column("order_number", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["group_buy_id"], ["group_buys.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_group_buy_commitments_group_buy", "group_buy_commitments", ["group_buy_id"])


def downgrade() -> None:
    op.drop_index("ix_group_buy_commitments_group_buy", table_name="group_buy_commitments")
    op.drop_table("group_buy_commitments")
    op.drop_index("ix_group_buys_event", table_name="group_buys")
    op.drop_table("group_buys")
