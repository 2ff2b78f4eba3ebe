"""Event reports: other tills' pulled sales and returns as narrow rows (sync/event_figures.py), filled from their payloads.

From then on each pulled record writes its rows as it is saved
(app/store/pulled_figures.py); a till that pulled records before gets theirs here.

Revision ID: 0018
Revises: 0017
"""

import json

import sqlalchemy as sa
from alembic import op

from sync.event_figures import COVERING_INDEXES, TABLES, Rows, add_rows, compacted, return_rows, sale_rows

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_INTEGERS = {
    "sales",
    "gross",
    "discounts",
    "tax",
    "total",
    "rounding",
    "quantity",
    "discount",
    "amount",
    "refund_total",
}
_INTEGERS |= {"no_receipt", "refund", "payments", "refunds"}


def upgrade() -> None:
    for table, columns in TABLES.items():
        op.create_table(
            f"pulled_{table}",
            *(sa.Column(c, sa.Integer() if c in _INTEGERS else sa.Text(), nullable=False) for c in columns),
        )
        if table in COVERING_INDEXES:
            op.create_index(f"ix_pulled_{table}", f"pulled_{table}", list(COVERING_INDEXES[table]))
    connection = op.get_bind()
    rows: Rows = {}
    # Each sale on its own, as a pull saves it: the report's hours read each sale's time.
    for (payload,) in connection.execute(sa.text("SELECT payload FROM foreign_sales")):
        add_rows(rows, compacted(sale_rows(json.loads(payload))))
    for (payload,) in connection.execute(sa.text("SELECT payload FROM foreign_returns")):
        add_rows(rows, compacted(return_rows(json.loads(payload))))
    for table, values in rows.items():
        if values:
            target = sa.table(f"pulled_{table}", *(sa.column(c) for c in TABLES[table]))
            connection.execute(target.insert(), [dict(zip(TABLES[table], row, strict=True)) for row in values])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(f"pulled_{table}")
