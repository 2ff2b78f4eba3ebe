"""The event page hardened: operators' roles and events, sign-in locks per address, each till's last contact
and the records it says are waiting (docs/event_page.md).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The operators there before roles keep what they could do: review conflicts of every event. The defaults
    # fill their rows; PostgreSQL drops them afterwards (SQLite cannot, and the code always sets both).
    op.add_column("operators", sa.Column("role", sa.Text(), nullable=False, server_default="manager"))
    op.add_column("operators", sa.Column("all_events", sa.Integer(), nullable=False, server_default="1"))
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("operators", "role", server_default=None)
        op.alter_column("operators", "all_events", server_default=None)
    op.create_table(
        "operator_events",
        sa.Column("operator_name", sa.Text(), nullable=False),
        sa.Column("event_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.ForeignKeyConstraint(["operator_name"], ["operators.name"]),
        sa.PrimaryKeyConstraint("operator_name", "event_id"),
    )
    op.create_table(
        "sign_in_addresses",
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.Text(), nullable=False),
        sa.Column("locked_until", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("address"),
    )
    op.create_table(
        "till_contacts",
        sa.Column("till_id", sa.Text(), nullable=False),
        sa.Column("last_contact_at", sa.Text(), nullable=True),
        sa.Column("records_waiting", sa.BigInteger(), nullable=True),
        sa.Column("waiting_reported_at", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["till_id"], ["tills.id"]),
        sa.PrimaryKeyConstraint("till_id"),
    )
    # Until a till comes back, its last contact is the last record it sent, as the page showed before.
    op.execute(
        "INSERT INTO till_contacts (till_id, last_contact_at) "
        "SELECT till_id, MAX(received_at) FROM inbox GROUP BY till_id"
    )


def downgrade() -> None:
    op.drop_table("till_contacts")
    op.drop_table("sign_in_addresses")
    op.drop_table("operator_events")
    op.drop_column("operators", "all_events")
    op.drop_column("operators", "role")
