"""``relay_enroll_attempts``: a venue hub's enrollment upstream that is run again after its answer was lost gets the
same relay till upstream.

``popup-hub relay enroll`` sends an attempt value and numbered tries upstream (``EnrollRequest.attempt`` and
``try_number``, as a till does, docs/enrollment.md). Before the first try the venue hub keeps the attempt here,
keyed by a SHA-256 of the upstream's address and the code (never the code itself), and before each try the
highest try number sent; a run again with the same upstream and code sends the same attempt and numbers its
tries after those. The row goes in the transaction that saves ``relay_link`` (sync/hub/store/relay_attempts.py).
A new table that SQLite and PostgreSQL both create as it is; the downgrade drops it (an enrollment not finished
then makes a new attempt when run again, as before this revision).

Revision ID: 0029
Revises: 0028
"""

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relay_enroll_attempts",
        sa.Column("key_hash", sa.Text(), nullable=False),
        sa.Column("attempt", sa.Text(), nullable=False),
        sa.Column("highest_try", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key_hash"),
    )


def downgrade() -> None:
    op.drop_table("relay_enroll_attempts")
