"""Demand at the counter: what customers asked for that this till could not sell (docs/demand.md).

``demand_entries`` is a fact table: a row is never deleted and its fields never
change, except that its contact may be erased (set to NULL, with the moment in
``erased_at``) when the hub's feed says the customer asked for it.

Revision ID: 0025
Revises: 0024
"""

from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

_FIXED = (
    "id, event_id, till_id, staff_id, sku, product_name, item, quantity, note, recorded_at, consent, consent_wording"
)


def upgrade() -> None:
    op.execute(
        "CREATE TABLE demand_entries (id TEXT NOT NULL PRIMARY KEY, event_id TEXT NOT NULL, till_id TEXT NOT NULL,"
        " staff_id TEXT NOT NULL, sku TEXT, product_name TEXT NOT NULL, item TEXT, quantity INTEGER,"
        " note TEXT NOT NULL, recorded_at TEXT NOT NULL, contact TEXT, consent INTEGER NOT NULL,"
        " consent_wording TEXT, erased_at TEXT)"
    )
    op.execute("CREATE INDEX ix_demand_entries_sku ON demand_entries (sku)")
    op.execute(
        "CREATE TRIGGER demand_entries_no_delete BEFORE DELETE ON demand_entries "
        "BEGIN SELECT RAISE(ABORT, 'demand_entries records are append-only'); END"
    )
    op.execute(
        f"CREATE TRIGGER demand_entries_fixed_content BEFORE UPDATE OF {_FIXED} ON demand_entries "
        "BEGIN SELECT RAISE(ABORT, 'a demand entry''s content never changes'); END"
    )
    # Only an erasure changes a row: the contact goes, it never comes back or changes.
    op.execute(
        "CREATE TRIGGER demand_entries_contact_only_erased BEFORE UPDATE OF contact, erased_at ON demand_entries "
        "WHEN NEW.contact IS NOT NULL OR NEW.erased_at IS NULL "
        "BEGIN SELECT RAISE(ABORT, 'a demand entry''s contact can only be erased'); END"
    )


def downgrade() -> None:
    for trigger in ("contact_only_erased", "fixed_content", "no_delete"):
        op.execute(f"DROP TRIGGER demand_entries_{trigger}")
    op.execute("DROP INDEX ix_demand_entries_sku")
    op.execute("DROP TABLE demand_entries")
