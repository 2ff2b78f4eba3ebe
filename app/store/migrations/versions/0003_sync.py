"""Sync with the hub: the hub's answer on each outbox record, and the stock levels the hub publishes.

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE outbox ADD COLUMN answer TEXT")
    op.execute("CREATE TABLE hub_stock_levels (sku TEXT NOT NULL PRIMARY KEY, level INTEGER NOT NULL)")


def downgrade() -> None:
    op.execute("DROP TABLE hub_stock_levels")
