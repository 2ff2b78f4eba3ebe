"""Drop ``ix_stock_movements_event_sku``: ``ix_stock_movements_levels`` (0025) begins with the same columns.

Every query that sought on ``(event_id, sku)`` seeks on ``(event_id, sku, quantity)`` as well, and sums the
level from that index alone; the narrower one only cost each pushed movement a second index entry
(docs/push_throughput.md). A plain B-tree index on SQLite and PostgreSQL alike; the downgrade makes it again.

Revision ID: 0026
Revises: 0025
"""

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_stock_movements_event_sku", table_name="stock_movements")


def downgrade() -> None:
    op.create_index("ix_stock_movements_event_sku", "stock_movements", ["event_id", "sku"])
