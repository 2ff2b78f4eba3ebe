"""A till's sequence is a 64-bit number: PostgreSQL's INTEGER holds only 32 bits (SQLite's already holds 64).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("inbox", "till_seq", type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("inbox", "till_seq", type_=sa.Integer(), existing_nullable=False)
