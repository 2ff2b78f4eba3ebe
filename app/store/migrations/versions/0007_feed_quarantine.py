"""Feed quarantine: the hub's changes this till could not apply, kept with the reason instead of stopping the sync.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE feed_quarantine (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL,"
        " kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, reason TEXT NOT NULL,"
        " quarantined_at TEXT NOT NULL)"
    )
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER feed_quarantine_no_{verb.lower()} BEFORE {verb} ON feed_quarantine "
            "BEGIN SELECT RAISE(ABORT, 'feed_quarantine records are append-only'); END"
        )


def downgrade() -> None:
    op.execute("DROP TABLE feed_quarantine")
