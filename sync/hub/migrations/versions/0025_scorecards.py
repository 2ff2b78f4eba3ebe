"""Indexes for the makers' scorecards (docs/scorecards.md).

A scorecard reads, for all makers of many events at once, each product's stock level now (to find the
products sold out) and the events' ``stock.moved`` and ``return.recorded`` records (deliveries, quality
decisions). ``ix_stock_movements_levels`` covers the level's ``GROUP BY event_id, sku`` so it is read from
the index alone; ``ix_inbox_till_type`` finds a till's records of one type, in their order, without
reading every sale the till pushed. Both are plain B-tree indexes on SQLite and PostgreSQL alike.

Revision ID: 0025
Revises: 0024
"""

from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_stock_movements_levels", "stock_movements", ["event_id", "sku", "quantity"])
    op.create_index("ix_inbox_till_type", "inbox", ["till_id", "type", "till_seq"])


def downgrade() -> None:
    op.drop_index("ix_inbox_till_type", table_name="inbox")
    op.drop_index("ix_stock_movements_levels", table_name="stock_movements")
