"""Event settings, staff and commissions from the hub: the latest change this till holds per subject.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE event_change_versions (kind TEXT NOT NULL, key TEXT NOT NULL, changed_at TEXT NOT NULL,"
        " change_id TEXT NOT NULL, PRIMARY KEY (kind, key))"
    )


def downgrade() -> None:
    op.execute("DROP TABLE event_change_versions")
