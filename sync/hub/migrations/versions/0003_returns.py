"""Returns: every returned line, so a line returned on two tills beyond what was sold is flagged.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "returned_lines",
        sa.Column("record_id", sa.Text(), nullable=False),
        sa.Column("sale_id", sa.Text(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("sold", sa.Integer(), nullable=False),
        sa.Column("till_code", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", "line_no"),
    )
    with op.batch_alter_table("returned_lines", schema=None) as batch_op:
        batch_op.create_index("ix_returned_lines_sale", ["sale_id", "line_no"], unique=False)


def downgrade() -> None:
    op.drop_table("returned_lines")
