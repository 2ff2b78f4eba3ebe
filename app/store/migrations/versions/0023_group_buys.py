"""Group buys: the hub's state of each, the commitments taken on this till (append-only) and their outcomes.

Revision ID: 0023
Revises: 0022
"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE group_buys (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, sku TEXT NOT NULL,"
        " minimum INTEGER NOT NULL, deadline TEXT NOT NULL, price INTEGER NOT NULL, payment TEXT NOT NULL,"
        " currency TEXT NOT NULL, committed INTEGER NOT NULL, state TEXT NOT NULL, closed_at TEXT,"
        " changed_at TEXT NOT NULL)"
    )
    op.execute(
        "CREATE TABLE group_buy_commitments (id TEXT NOT NULL PRIMARY KEY, group_buy_id TEXT NOT NULL,"
        " sale_id TEXT NOT NULL, receipt_no TEXT NOT NULL, quantity INTEGER NOT NULL, amount INTEGER NOT NULL,"
        " contact TEXT NOT NULL, consent_at TEXT NOT NULL, staff_id TEXT NOT NULL, committed_at TEXT NOT NULL)"
    )
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER group_buy_commitments_no_{verb.lower()} BEFORE {verb} ON group_buy_commitments "
            "BEGIN SELECT RAISE(ABORT, 'group_buy_commitments records are append-only'); END"
        )
    op.execute(
        "CREATE TABLE group_buy_outcomes (commitment_id TEXT NOT NULL PRIMARY KEY, group_buy_id TEXT NOT NULL,"
        " sale_id TEXT NOT NULL, receipt_no TEXT NOT NULL, quantity INTEGER NOT NULL, amount INTEGER NOT NULL,"
        " state TEXT NOT NULL, late INTEGER NOT NULL, order_number TEXT, changed_at TEXT NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE group_buy_outcomes")
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER group_buy_commitments_no_{verb.lower()}")
    op.execute("DROP TABLE group_buy_commitments")
    op.execute("DROP TABLE group_buys")
