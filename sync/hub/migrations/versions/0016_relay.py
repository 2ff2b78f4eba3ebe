"""A venue hub that relays: relay clients on the upstream, the link and forward marks on the venue hub (docs/relay.md).

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relay_clients",
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("till_code", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("event_id", "till_code"),
    )
    op.create_table(
        "relay_link",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("upstream_url", sa.Text(), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.Column("feed_cursor", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "relay_forwarded",
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("forwarded_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"]),
        sa.PrimaryKeyConstraint("till_id"),
    )


def downgrade() -> None:
    op.drop_table("relay_forwarded")
    op.drop_table("relay_link")
    op.drop_table("relay_clients")
