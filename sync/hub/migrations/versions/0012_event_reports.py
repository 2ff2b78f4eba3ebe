"""Event reports: the narrow figures of every sale and return (sync/event_figures.py), filled from the inbox.

A hub that already holds records gets their figures from the payloads it
kept; from then on the push writes them (sync/hub/store/reports.py).

Revision ID: 0012
Revises: 0011
"""

import json

import sqlalchemy as sa
from alembic import op

from sync.event_figures import COVERING_INDEXES, TABLES, Rows, add_rows, compacted, return_rows, sale_rows

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_TEXT = {
    "record_id",
    "till_code",
    "created_at",
    "first_at",
    "last_at",
    "maker",
    "sku",
    "name",
    "tax_rate",
    "kind",
    "reason",
    "disposition",
}
_BACKFILL_CHUNK = 2_000


def upgrade() -> None:
    for table, columns in TABLES.items():
        name = f"report_{table}"
        op.create_table(
            name,
            sa.Column("event_id", sa.Text(), nullable=False),
            *(
                sa.Column(
                    column,
                    sa.Text() if column in _TEXT else sa.Integer() if column == "no_receipt" else sa.BigInteger(),
                    nullable=False,
                )
                for column in columns
            ),
        )
        op.create_index(f"ix_{name}_event", name, ["event_id", *COVERING_INDEXES.get(table, ())])
    _backfill()


def _backfill() -> None:
    connection = op.get_bind()
    found = connection.execute(
        sa.text(
            "SELECT t.event_id, i.type, i.payload FROM inbox i JOIN tills t ON t.id = i.till_id"
            " WHERE i.status <> 'rejected' AND i.type IN ('sale.completed', 'return.recorded')"
        )
    )
    while chunk := found.fetchmany(_BACKFILL_CHUNK):
        rows: dict[str, list[dict[str, object]]] = {}
        by_event: dict[str, Rows] = {}
        for event_id, kind, payload in chunk:
            data = json.loads(payload)
            add_rows(
                by_event.setdefault(event_id, {}), sale_rows(data) if kind == "sale.completed" else return_rows(data)
            )
        for event_id, written in by_event.items():
            for table, values in compacted(written).items():
                rows.setdefault(table, []).extend(
                    {"event_id": event_id, **dict(zip(TABLES[table], row, strict=True))} for row in values
                )
        for table, mapped in rows.items():
            target = sa.table(f"report_{table}", *(sa.column(c) for c in ("event_id", *TABLES[table])))
            connection.execute(target.insert(), mapped)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(f"ix_report_{table}_event", f"report_{table}")
        op.drop_table(f"report_{table}")
