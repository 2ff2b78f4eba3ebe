"""Event vouchers: the hub's ledger of each voucher as pulled, so a voucher spent on other tills shows its balance.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE voucher_ledger (voucher_code TEXT NOT NULL REFERENCES vouchers (code), sale_id TEXT NOT NULL,"
        " amount INTEGER NOT NULL, till_code TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (voucher_code, sale_id))"
    )


def downgrade() -> None:
    op.execute("DROP TABLE voucher_ledger")
