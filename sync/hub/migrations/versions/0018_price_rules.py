"""Price rules: the event's markdowns and bundles (the latest change of each) and the log of every change.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "price_rules",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("rule_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.Column("change_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id", "rule_id"),
    )
    op.create_table(
        "price_rule_changes",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Text(), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("rule_id", sa.Text(), nullable=False),
        sa.Column("change_id", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("in_force", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.Text(), nullable=False),
    )
    op.create_index("ix_price_rule_changes_event_rule", "price_rule_changes", ["event_id", "rule_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_price_rule_changes_event_rule", table_name="price_rule_changes")
    op.drop_table("price_rule_changes")
    op.drop_table("price_rules")
