"""Consignment: each maker's terms (fees, payout state) as the event last set them, and the hand-back notes.

``maker_terms`` holds the latest ``maker_terms.set`` change per maker (pulled or set here);
``foreign_stock_moves`` the other tills' stock.moved records as pulled; ``hand_backs`` is one row per
hand-back note (append-only like every fact), its lines as JSON, so the
note can be printed again. The units themselves are transfers to ``maker`` in ``stock_movements``.

Revision ID: 0024
Revises: 0023
"""

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE maker_terms (maker TEXT NOT NULL PRIMARY KEY, fixed_fee INTEGER NOT NULL,"
        " fee_rate TEXT NOT NULL, card_fee_rate TEXT NOT NULL, payout_state TEXT NOT NULL, paid_on TEXT,"
        " payout_reference TEXT, changed_at TEXT NOT NULL, change_id TEXT NOT NULL, changed_by TEXT NOT NULL)"
    )
    op.execute(
        "CREATE TABLE hand_backs (id TEXT NOT NULL PRIMARY KEY, number TEXT NOT NULL, maker TEXT NOT NULL,"
        " lines TEXT NOT NULL, staff_id TEXT NOT NULL, handed_at TEXT NOT NULL)"
    )
    op.execute("CREATE UNIQUE INDEX ux_hand_backs_number ON hand_backs (number)")
    # The other tills' stock.moved records as pulled (feed kind stock_move), keyed by the record's id.
    op.execute("CREATE TABLE foreign_stock_moves (record_id TEXT NOT NULL PRIMARY KEY, payload TEXT NOT NULL)")
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER hand_backs_no_{verb.lower()} BEFORE {verb} ON hand_backs "
            "BEGIN SELECT RAISE(ABORT, 'hand_backs records are append-only'); END"
        )


def downgrade() -> None:
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"DROP TRIGGER hand_backs_no_{verb.lower()}")
    op.execute("DROP TABLE foreign_stock_moves")
    op.execute("DROP TABLE hand_backs")
    op.execute("DROP TABLE maker_terms")
