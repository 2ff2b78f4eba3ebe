"""Deliveries: a maker's goods received under the number of its delivery note, append-only like every fact.

Revision ID: 0016
Revises: 0015
"""

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE deliveries (id TEXT NOT NULL PRIMARY KEY, maker_id TEXT NOT NULL REFERENCES makers (id),"
        " note TEXT NOT NULL, location TEXT NOT NULL, staff_id TEXT NOT NULL, received_at TEXT NOT NULL)"
    )
    op.execute("CREATE UNIQUE INDEX ux_deliveries_maker_note ON deliveries (maker_id, note)")
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER deliveries_no_{verb.lower()} BEFORE {verb} ON deliveries "
            "BEGIN SELECT RAISE(ABORT, 'deliveries records are append-only'); END"
        )


def downgrade() -> None:
    op.execute("DROP TABLE deliveries")
