"""Staff lifecycle: each member's wrong PINs in a row and the time until which their sign-in waits.

Deactivating and reactivating staff use the existing ``active`` column; a
member is never deleted, since sales, returns and the audit log name them.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE staff ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0")
    # UTC, ISO 8601 like every timestamp of the store; NULL when sign-in does not wait.
    op.execute("ALTER TABLE staff ADD COLUMN sign_in_waits_until TEXT")


def downgrade() -> None:
    op.execute("ALTER TABLE staff DROP COLUMN sign_in_waits_until")
    op.execute("ALTER TABLE staff DROP COLUMN failed_pins")
