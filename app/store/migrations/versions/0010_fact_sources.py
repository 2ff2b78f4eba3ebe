"""Stock movements found by the fact that made them (a return, a handoff, a count), for the fact's audit hash.

Every such fact hashes its rows as the store holds them into its audit
entry, in its own transaction: without this index that read scans every
movement of the event. Sales hash the values they write and never read their
movements back, so their movements (most of the table) stay out of the index.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_stock_movements_source ON stock_movements (source_id) WHERE kind != 'sale'")


def downgrade() -> None:
    op.execute("DROP INDEX ix_stock_movements_source")
