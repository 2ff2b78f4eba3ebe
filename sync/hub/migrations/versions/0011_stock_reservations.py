"""Stock reservations: what paid pickup orders hold of each SKU, as movements (docs/stock_view.md).

Orders open before this migration reserve what they still have to hand over,
so the levels fed after it are right from the first push.

Revision ID: 0011
Revises: 0010
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    reservations = op.create_table(
        "stock_reservations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("sku", sa.Text(), nullable=False),
        sa.Column("order_id", sa.Text(), nullable=False),
        sa.Column("line_id", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stock_reservations_event_sku", "stock_reservations", ["event_id", "sku"])
    op.create_index("ix_stock_reservations_order", "stock_reservations", ["order_id", "line_id"])
    connection = op.get_bind()
    handed: dict[tuple[str, str], int] = {}
    for order_id, line_id, quantity in connection.execute(
        sa.text("SELECT order_id, line_id, sum(quantity) FROM pickup_handoffs GROUP BY order_id, line_id")
    ):
        handed[(order_id, line_id)] = int(quantity)
    rows = []
    for order_id, event_id, lines in connection.execute(
        sa.text("SELECT id, event_id, lines FROM pickup_orders WHERE cancelled_at IS NULL")
    ):
        for line in json.loads(lines):
            left = int(line["quantity"]) - handed.get((order_id, line["line_id"]), 0)
            if left > 0:
                rows.append(
                    {
                        "event_id": event_id,
                        "sku": line["sku"],
                        "order_id": order_id,
                        "line_id": line["line_id"],
                        "quantity": left,
                        "source": "created",
                    }
                )
    if rows:
        op.bulk_insert(reservations, rows)


def downgrade() -> None:
    op.drop_index("ix_stock_reservations_order", table_name="stock_reservations")
    op.drop_index("ix_stock_reservations_event_sku", table_name="stock_reservations")
    op.drop_table("stock_reservations")
