"""Price rules: the event's markdowns and bundles as last set on the hub or by a manager on any till.

One row per rule, withdrawn ones kept with ``active`` 0; ``changed_at`` and
``change_id`` decide which change is the latest (docs/pricing_rules.md).

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE price_rules (id TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, definition TEXT NOT NULL,"
        " active INTEGER NOT NULL, changed_at TEXT NOT NULL, change_id TEXT NOT NULL, changed_by TEXT NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE price_rules")
