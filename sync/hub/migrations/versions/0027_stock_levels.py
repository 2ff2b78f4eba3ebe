"""``stock_levels``: the running level of each SKU in an event, so that a push reads it instead of summing.

A push answers each moved SKU with its level in the event. Summed from ``stock_movements`` (even from the
covering index of 0025), that cost grows with the event's history: 500 SKUs with 1,000 movements each and one
with 100,000 made a batch of 500 records about five times slower than in a fresh event
(docs/push_throughput.md, "Third pass"). Every writer of ``stock_movements`` now adds its movements to this
table in the same transaction (``add_movements``, sync/hub/store/stock_levels.py), under the SKU locks it
already takes on PostgreSQL. The movements stay the facts: the upgrade fills the table from their sums, and
the downgrade drops it. Plain SQL that SQLite and PostgreSQL both run.

Revision ID: 0027
Revises: 0026
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_levels",
        sa.Column("event_id", sa.Text(), primary_key=True),
        sa.Column("sku", sa.Text(), primary_key=True),
        sa.Column("on_hand", sa.Integer(), nullable=False),
    )
    op.execute(
        "INSERT INTO stock_levels (event_id, sku, on_hand)"
        " SELECT event_id, sku, sum(quantity) FROM stock_movements GROUP BY event_id, sku"
    )


def downgrade() -> None:
    op.drop_table("stock_levels")
