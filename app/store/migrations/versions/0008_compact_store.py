"""Stock movements in time order for the CSV export; an acknowledged sale's outbox payload shrinks to its sale id.

A sale's outbox payload (about 1.5 KB of JSON) repeats what the sales,
sale_lines and sale_tenders rows hold, and only the hub needs it whole. Once
the hub has acknowledged the record as applied (or already held it), the
payload becomes ``{"sale_id": ...}``: the record keeps its id, sequence, type
and answer, and points at the rows that keep every fact of the sale. The
database does it itself, in the transaction that records the answer, whichever
way the answer came (an HTTP push or an answers file).

A record the hub rejected or answered with a conflict, a sale that is not in
the sales table, and every other type of record keep their payload whole; the
guards still refuse any other change to a record's content and any delete.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _compacted(row: str) -> str:
    return f"json_object('sale_id', json_extract({row}.payload, '$.sale_id'))"


def _compactable(row: str) -> str:
    """The sale records whose payload may shrink: acknowledged as applied or duplicate, the sale here."""
    return (
        f"{row}.type = 'sale.completed' AND {row}.status = 'acknowledged'"
        f" AND {row}.answer IN ('applied', 'duplicate')"
        f" AND EXISTS (SELECT 1 FROM sales WHERE sales.id = json_extract({row}.payload, '$.sale_id'))"
    )


_NO_DELETE = (
    "CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox "
    "{when}BEGIN SELECT RAISE(ABORT, 'outbox records are never deleted'); END"
)
_COLUMNS = (
    "seq",
    "id",
    "till_id",
    "type",
    "schema_version",
    "payload",
    "status",
    "attempts",
    "last_error",
    "created_at",
    "acknowledged_at",
    "answer",
)


def upgrade() -> None:
    # ORDER BY created_at, id without sorting the whole table: SQLite walks this index and only
    # sorts the movements that share a timestamp (one sale's lines) by id.
    op.execute("CREATE INDEX ix_stock_movements_created_at ON stock_movements (created_at)")
    # The record is deleted and written again, compacted, rather than updated: SQLite merges the
    # pages a delete leaves nearly empty (and reuses them), where an update that shrinks a row
    # leaves its page as it was, and the file keeps the bytes. The guard lets only that delete
    # through: a sale record acknowledged, its sale here, its payload not compacted yet; in
    # between no record is ever in that state, as the trigger below compacts it at once.
    op.execute("DROP TRIGGER outbox_no_delete")
    op.execute(_NO_DELETE.format(when=f"WHEN NOT ({_compactable('OLD')} AND OLD.payload <> {_compacted('OLD')}) "))
    values = ", ".join(_compacted("NEW") if column == "payload" else f"NEW.{column}" for column in _COLUMNS)
    op.execute(
        "CREATE TRIGGER outbox_compact_acknowledged_sale AFTER UPDATE OF status ON outbox "
        f"WHEN {_compactable('NEW')} AND NEW.payload <> {_compacted('NEW')} "
        f"BEGIN DELETE FROM outbox WHERE seq = NEW.seq;"
        f" INSERT INTO outbox ({', '.join(_COLUMNS)}) VALUES ({values}); END"
    )
    # Records acknowledged before this version: setting their status again compacts them as above.
    op.execute(f"UPDATE outbox SET status = status WHERE {_compactable('outbox')}")


def downgrade() -> None:
    # Payloads already compacted stay so: their facts are in the sales tables.
    op.execute("DROP TRIGGER outbox_compact_acknowledged_sale")
    op.execute("DROP TRIGGER outbox_no_delete")
    op.execute(_NO_DELETE.format(when=""))
    op.execute("DROP INDEX ix_stock_movements_created_at")
