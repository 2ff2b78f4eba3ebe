"""The admin API: its keys (hashed), the log of its calls, and marketplace order ids of pickup orders.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("name", sa.Text(), primary_key=True),
        sa.Column("key_hash", sa.Text(), nullable=False, unique=True),
        sa.Column("scopes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Text(), nullable=False),
        sa.Column("revoked_at", sa.Text()),
    )
    op.create_table(
        "admin_calls",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.Text(), nullable=False),
        sa.Column("key_name", sa.Text()),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
    )
    op.create_table(
        "marketplace_orders",
        sa.Column("event_id", sa.Text(), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("external_id", sa.Text(), primary_key=True),
        sa.Column("order_id", sa.Text(), sa.ForeignKey("pickup_orders.id"), nullable=False, unique=True),
        sa.Column("fingerprint", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("marketplace_orders")
    op.drop_table("admin_calls")
    op.drop_table("api_keys")
