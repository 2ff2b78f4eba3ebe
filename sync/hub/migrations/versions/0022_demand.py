"""Demand recorded at the counters (docs/demand.md): the entries tills push, and the log of contact erasures.

``demand_entries`` keeps each ``demand.recorded`` with its contact (only ever
given with consent) until the customer asks for its erasure; ``demand_erasures``
is the audit of every erasure (who asked, when, how many entries), without the
contact itself.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "demand_entries",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("till_code", sa.Text(), nullable=False),
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("staff_name", sa.Text(), nullable=False),
        sa.Column("sku", sa.Text(), nullable=True),
        sa.Column("product_name", sa.Text(), nullable=False),
        sa.Column("item", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
        sa.Column("contact", sa.Text(), nullable=True),
        sa.Column("consent", sa.Integer(), nullable=False),
        sa.Column("consent_wording", sa.Text(), nullable=True),
        sa.Column("erased_at", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_demand_entries_event_sku", "demand_entries", ["event_id", "sku"])
    op.create_index("ix_demand_entries_contact", "demand_entries", ["contact"])
    op.create_table(
        "demand_erasures",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("erased_at", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("demand_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("demand_erasures")
    op.drop_index("ix_demand_entries_contact", table_name="demand_entries")
    op.drop_index("ix_demand_entries_event_sku", table_name="demand_entries")
    op.drop_table("demand_entries")
