"""The length of each staff member's PIN, so that the sign-in pad submits by itself at the last digit.

NULL for a PIN set before this column (or arriving without it): the person
presses OK once, and a correct sign-in records the length.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE staff ADD COLUMN pin_length INTEGER")


def downgrade() -> None:
    op.execute("ALTER TABLE staff DROP COLUMN pin_length")
