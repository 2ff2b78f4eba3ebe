"""Event settings, staff and commissions set for the whole event, the latest change per subject.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_CHANGE = ("updated_at", "updated_by", "change_id")


def _change_columns() -> list[sa.Column[str]]:
    return [sa.Column(name, sa.Text(), nullable=False) for name in _CHANGE]


def upgrade() -> None:
    op.create_table(
        "event_settings",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_change_columns(),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id", "key"),
    )
    op.create_table(
        "event_staff",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        *_change_columns(),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id", "staff_id"),
    )
    op.create_table(
        "event_commissions",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("rate", sa.Text(), nullable=False),
        *_change_columns(),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id", "scope", "subject"),
    )


def downgrade() -> None:
    op.drop_table("event_commissions")
    op.drop_table("event_staff")
    op.drop_table("event_settings")
