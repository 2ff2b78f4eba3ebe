"""Returns: the return, its lines and refunds (facts), and the sales and returns of other tills (pulled).

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_FACTS = ("returns", "return_lines", "return_refunds")


def upgrade() -> None:
    op.execute(
        "CREATE TABLE returns (id TEXT NOT NULL PRIMARY KEY, return_no TEXT NOT NULL UNIQUE,"
        " return_seq INTEGER NOT NULL, till_id TEXT NOT NULL REFERENCES tills (id), event_id TEXT NOT NULL,"
        " staff_id TEXT NOT NULL, sale_id TEXT, receipt_no TEXT, created_at TEXT NOT NULL, currency TEXT NOT NULL,"
        " refund_total INTEGER NOT NULL, rounding INTEGER NOT NULL, approved_by TEXT, no_receipt INTEGER NOT NULL,"
        " exchange_sale_id TEXT, UNIQUE (till_id, return_seq))"
    )
    op.execute("CREATE INDEX ix_returns_sale_id ON returns (sale_id)")
    op.execute(
        "CREATE TABLE return_lines (id TEXT NOT NULL PRIMARY KEY, return_id TEXT NOT NULL REFERENCES returns (id),"
        " line_no INTEGER, product_id TEXT NOT NULL, sku TEXT NOT NULL, name TEXT NOT NULL,"
        " maker_name TEXT NOT NULL, quantity INTEGER NOT NULL, refund INTEGER NOT NULL, reason TEXT NOT NULL,"
        " disposition TEXT NOT NULL)"
    )
    op.execute("CREATE INDEX ix_return_lines_return_id ON return_lines (return_id)")
    op.execute(
        "CREATE TABLE return_refunds (id TEXT NOT NULL PRIMARY KEY, return_id TEXT NOT NULL REFERENCES returns (id),"
        " kind TEXT NOT NULL, amount INTEGER NOT NULL, tender_index INTEGER, reference TEXT NOT NULL,"
        " voucher_code TEXT)"
    )
    op.execute("CREATE INDEX ix_return_refunds_return_id ON return_refunds (return_id)")
    # Other tills' sales and returns, as the hub publishes them: a return can be taken at any till.
    op.execute(
        "CREATE TABLE foreign_sales (sale_id TEXT NOT NULL PRIMARY KEY, receipt_no TEXT NOT NULL UNIQUE,"
        " created_at TEXT NOT NULL, total INTEGER NOT NULL, payload TEXT NOT NULL)"
    )
    op.execute(
        "CREATE TABLE foreign_returns (return_id TEXT NOT NULL PRIMARY KEY, sale_id TEXT, payload TEXT NOT NULL)"
    )
    op.execute("CREATE INDEX ix_foreign_returns_sale_id ON foreign_returns (sale_id)")
    for table in _FACTS:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} records are append-only'); END"
            )


def downgrade() -> None:
    for table in ("foreign_returns", "foreign_sales", "return_refunds", "return_lines", "returns"):
        op.execute(f"DROP TABLE {table}")
