"""Manager: cash sessions (float, movements, close and Z report), stock counts, conflict reviews, commissions.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_FACTS = ("cash_sessions", "cash_session_closes", "cash_movements", "conflict_reviews")


def upgrade() -> None:
    op.execute(
        "CREATE TABLE cash_sessions (id TEXT NOT NULL PRIMARY KEY, till_id TEXT NOT NULL REFERENCES tills (id),"
        " number INTEGER NOT NULL, opened_at TEXT NOT NULL, opened_by TEXT NOT NULL, float_amount INTEGER NOT NULL,"
        " float_counts TEXT NOT NULL, UNIQUE (till_id, number))"
    )
    # The close is its own fact: a session row never changes, and a closed session cannot be closed twice.
    op.execute(
        "CREATE TABLE cash_session_closes (session_id TEXT NOT NULL PRIMARY KEY REFERENCES cash_sessions (id),"
        " z_number TEXT NOT NULL UNIQUE, closed_at TEXT NOT NULL, closed_by TEXT NOT NULL,"
        " counted_amount INTEGER NOT NULL, counted_counts TEXT NOT NULL, expected_amount INTEGER NOT NULL,"
        " over_short INTEGER NOT NULL, report TEXT NOT NULL)"
    )
    op.execute(
        "CREATE TABLE cash_movements (id TEXT NOT NULL PRIMARY KEY, session_id TEXT NOT NULL"
        " REFERENCES cash_sessions (id), direction TEXT NOT NULL, amount INTEGER NOT NULL, reason TEXT NOT NULL,"
        " staff_id TEXT NOT NULL, approved_by TEXT, created_at TEXT NOT NULL)"
    )
    op.execute("CREATE INDEX ix_cash_movements_session ON cash_movements (session_id)")
    op.execute("ALTER TABLE sales ADD COLUMN cash_session_id TEXT")
    op.execute("CREATE INDEX ix_sales_cash_session ON sales (cash_session_id)")
    op.execute("ALTER TABLE returns ADD COLUMN cash_session_id TEXT")
    op.execute(
        "CREATE TABLE stock_counts (id TEXT NOT NULL PRIMARY KEY, location TEXT NOT NULL, started_at TEXT NOT NULL,"
        " started_by TEXT NOT NULL, posted_at TEXT, posted_by TEXT)"
    )
    # Counted quantities are a draft until posted: kept in the store so a long count survives a crash.
    op.execute(
        "CREATE TABLE stock_count_lines (count_id TEXT NOT NULL REFERENCES stock_counts (id),"
        " product_id TEXT NOT NULL REFERENCES products (id), counted INTEGER NOT NULL,"
        " PRIMARY KEY (count_id, product_id))"
    )
    op.execute(
        "CREATE TABLE conflict_reviews (record_id TEXT NOT NULL PRIMARY KEY, reviewed_by TEXT NOT NULL,"
        " reviewed_at TEXT NOT NULL, note TEXT NOT NULL)"
    )
    op.execute("ALTER TABLE makers ADD COLUMN commission_rate TEXT")
    op.execute("ALTER TABLE products ADD COLUMN commission_rate TEXT")
    for table in _FACTS:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} records are append-only'); END"
            )


def downgrade() -> None:
    for table in (
        "conflict_reviews",
        "stock_count_lines",
        "stock_counts",
        "cash_movements",
        "cash_session_closes",
        "cash_sessions",
    ):
        op.execute(f"DROP TABLE {table}")
