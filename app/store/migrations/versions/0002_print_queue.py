"""The print queue: a receipt waits here until its printer has taken it.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE print_jobs (
            id TEXT NOT NULL PRIMARY KEY, created_at TEXT NOT NULL, kind TEXT NOT NULL, source_id TEXT,
            document TEXT NOT NULL, is_copy INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('queued', 'printed', 'cancelled')),
            attempts INTEGER NOT NULL, last_error TEXT, printed_at TEXT)
        """
    )
    op.execute("CREATE INDEX ix_print_jobs_status_created ON print_jobs (status, created_at)")


def downgrade() -> None:
    op.execute("DROP TABLE print_jobs")
