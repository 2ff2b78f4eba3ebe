"""Consignment: each maker's terms for the event (fees and the payout's state), the latest change per maker.

Set with ``popup-hub makers fees|paid`` or by a manager on a till (``maker_terms.set``), fed to every
till (sync/records/consignment.py). Deliveries, hand-backs and quality decisions need no table: they are
stock.moved records, already in the inbox and in ``stock_locations``.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "maker_terms",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("maker", sa.Text(), nullable=False),
        sa.Column("fixed_fee", sa.BigInteger(), nullable=False),
        sa.Column("fee_rate", sa.Text(), nullable=False),
        sa.Column("card_fee_rate", sa.Text(), nullable=False),
        sa.Column("payout_state", sa.Text(), nullable=False),
        sa.Column("paid_on", sa.Text(), nullable=True),
        sa.Column("payout_reference", sa.Text(), nullable=True),
        *(sa.Column(name, sa.Text(), nullable=False) for name in ("updated_at", "updated_by", "change_id")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id", "maker"),
    )


def downgrade() -> None:
    op.drop_table("maker_terms")
