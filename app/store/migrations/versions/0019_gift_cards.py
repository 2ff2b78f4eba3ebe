"""Gift cards: a voucher sold at the counter names its sale, so the receipt and a reprint show its code.

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("vouchers", sa.Column("sale_id", sa.Text(), nullable=True))
    op.create_index("ix_vouchers_sale_id", "vouchers", ["sale_id"])


def downgrade() -> None:
    op.drop_index("ix_vouchers_sale_id", table_name="vouchers")
    with op.batch_alter_table("vouchers") as batch:
        batch.drop_column("sale_id")
