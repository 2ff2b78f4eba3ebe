"""Pickup desk: the marketplace's signing keys and orders (pulled), and the handoffs (facts).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE pickup_keys (key_id INTEGER NOT NULL PRIMARY KEY, public_key TEXT NOT NULL,"
        " revoked INTEGER NOT NULL)"
    )
    op.execute(
        "CREATE TABLE pickup_orders (id TEXT NOT NULL PRIMARY KEY, number TEXT NOT NULL,"
        " customer_name TEXT NOT NULL, notes TEXT NOT NULL, cancelled INTEGER NOT NULL,"
        " lines TEXT NOT NULL, member_order_ids TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )
    op.execute("CREATE INDEX ix_pickup_orders_number ON pickup_orders (number)")
    # One row per handed-over line: local handoffs and those pulled from other tills.
    op.execute(
        "CREATE TABLE pickup_handoffs (handoff_id TEXT NOT NULL, order_id TEXT NOT NULL, line_id TEXT NOT NULL,"
        " quantity INTEGER NOT NULL, till_code TEXT NOT NULL, staff_name TEXT NOT NULL, at TEXT NOT NULL,"
        " approved_by TEXT, local INTEGER NOT NULL, PRIMARY KEY (handoff_id, order_id, line_id))"
    )
    op.execute("CREATE INDEX ix_pickup_handoffs_order ON pickup_handoffs (order_id)")
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER pickup_handoffs_no_{verb.lower()} BEFORE {verb} ON pickup_handoffs "
            "BEGIN SELECT RAISE(ABORT, 'pickup_handoffs records are append-only'); END"
        )


def downgrade() -> None:
    op.execute("DROP TABLE pickup_handoffs")
    op.execute("DROP TABLE pickup_orders")
    op.execute("DROP TABLE pickup_keys")
