"""``enroll_codes.attempt_hash`` and ``attempt_try``: a till's retry of an enrollment whose answer was lost gets
its till back.

A till makes one random attempt value per enrollment and sends it with every try (``EnrollRequest.attempt``),
numbered (``try_number``). The hub keeps only its SHA-256 with the code when the code is used, and the highest
try number it answered; a later request with the used code and the same attempt is the same enrollment tried
again, and gets the same till with a new token, unless it is an earlier try than one already answered
(sync/hub/store/enrollment.py, docs/enrollment.md). Codes used before this revision have none, so they are
refused again as before. Both nullable, so SQLite and PostgreSQL add them in place; the downgrade drops them
(through a table copy on SQLite).

Revision ID: 0028
Revises: 0027
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enroll_codes") as batch:
        batch.add_column(sa.Column("attempt_hash", sa.Text(), nullable=True))
        batch.add_column(sa.Column("attempt_try", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("enroll_codes") as batch:
        batch.drop_column("attempt_try")
        batch.drop_column("attempt_hash")
