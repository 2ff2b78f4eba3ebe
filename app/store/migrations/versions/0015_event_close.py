"""The hub's close checklist as the till last pulled it: one line per till of the event (feed kind till_status).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_till_statuses",
        sa.Column("till_code", sa.Text(), nullable=False),
        sa.Column("closed", sa.Integer(), nullable=False),
        sa.Column("cash_closed", sa.Integer(), nullable=False),
        sa.Column("last_seq_declared", sa.Integer(), nullable=True),
        sa.Column("last_seq_received", sa.Integer(), nullable=False),
        sa.Column("missing", sa.Integer(), nullable=False),
        sa.Column("conflicts_open", sa.Integer(), nullable=False),
        sa.Column("event_frozen", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("till_code"),
    )


def downgrade() -> None:
    op.drop_table("hub_till_statuses")
