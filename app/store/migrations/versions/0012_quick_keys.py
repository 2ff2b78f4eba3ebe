"""Quick keys placed by a manager: a product's page (a category name), position and colour.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE quick_keys (product_id TEXT NOT NULL PRIMARY KEY REFERENCES products (id),"
        " page TEXT NOT NULL, position INTEGER NOT NULL, colour TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE quick_keys")
