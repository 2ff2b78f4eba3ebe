"""The feed is read per owner (every event's changes, one event's) in (tx, seq) order: index it that way.

A page then seeks to its cursor instead of reading the feed before it, and
never reads other events' changes. Nothing else reads ix_changes_tx_seq, and
every publish wrote it.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_changes_event_tx_seq", "changes", ["event_id", "tx", "seq"], unique=False)
    op.drop_index("ix_changes_tx_seq", table_name="changes")


def downgrade() -> None:
    op.create_index("ix_changes_tx_seq", "changes", ["tx", "seq"], unique=False)
    op.drop_index("ix_changes_event_tx_seq", table_name="changes")
