"""Drops: the hub's drops as fed, this till's sales of them (append-only) and the customer given for a cart.

Revision ID: 0022
Revises: 0021
"""

from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE drops (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, skus TEXT NOT NULL,"
        " release_at TEXT NOT NULL, online_allocation INTEGER NOT NULL, counter_allocation INTEGER NOT NULL,"
        " per_sale_cap INTEGER, per_customer_cap INTEGER, counter_sold TEXT NOT NULL, changed_at TEXT NOT NULL)"
    )
    op.execute(
        "CREATE TABLE drop_sales (sale_id TEXT NOT NULL, drop_id TEXT NOT NULL, units INTEGER NOT NULL,"
        " customer TEXT, sold_at TEXT NOT NULL, PRIMARY KEY (sale_id, drop_id))"
    )
    op.execute("CREATE INDEX ix_drop_sales_customer ON drop_sales (drop_id, customer)")
    # A sale's drop units are a fact: never edited, never deleted (like the sale itself).
    op.execute(
        "CREATE TRIGGER drop_sales_no_update BEFORE UPDATE ON drop_sales"
        " BEGIN SELECT RAISE(ABORT, 'drop_sales is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER drop_sales_no_delete BEFORE DELETE ON drop_sales"
        " BEGIN SELECT RAISE(ABORT, 'drop_sales is append-only'); END"
    )
    op.execute(
        "CREATE TABLE drop_cart_customers (cart_id TEXT NOT NULL PRIMARY KEY, customer TEXT NOT NULL,"
        " shown_as TEXT NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE drop_cart_customers")
    op.execute("DROP TRIGGER drop_sales_no_delete")
    op.execute("DROP TRIGGER drop_sales_no_update")
    op.execute("DROP TABLE drop_sales")
    op.execute("DROP TABLE drops")
