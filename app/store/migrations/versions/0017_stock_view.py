"""What is left at the counter: the stock this till's unanswered records move, kept per SKU by triggers.

``unsent_stock`` holds, per SKU, what the outbox records still waiting for the
hub's answer move of the event's sellable level, as the hub will apply them
(sync/hub/store/push.py): a sale takes its lines, a return gives back its
restocked lines, a stock movement moves the level where it is sellable (a
transfer only across the sellable line, sync/records/locations.py). A record
adds its movements when it is written waiting, takes them back when answered
(and adds them again if it is ever set waiting again), so the counter reads one
row per SKU instead of parsing the outbox (docs/stock_view.md).

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _sellable(location: str) -> str:
    # The places whose units are not sellable (sync/records/locations.py NOT_SELLABLE), as of this version.
    return f"(coalesce({location}, '') NOT IN ('quality_hold', 'written_off', 'maker'))"


def _moved_factor(row: str) -> str:
    """How a stock.moved record moves the sellable level per unit of its deltas: 1, 0 or -1."""
    source, target = f"json_extract({row}.payload, '$.location')", f"json_extract({row}.payload, '$.to_location')"
    return f"(CASE WHEN {target} IS NULL THEN {_sellable(source)} ELSE {_sellable(target)} - {_sellable(source)} END)"


# Per record type: its short name, the array of its movements, and each item's SKU, quantity and filter.
_TYPES = {
    "sale.completed": (
        "sale",
        "$.lines",
        "json_extract(item.value, '$.sku')",
        "-json_extract(item.value, '$.quantity')",
        "",
    ),
    "return.recorded": (
        "return",
        "$.lines",
        "json_extract(item.value, '$.sku')",
        "json_extract(item.value, '$.quantity')",
        " AND json_extract(item.value, '$.disposition') = 'restock'",
    ),
    "stock.moved": (
        "moved",
        "$.deltas",
        "json_extract(item.value, '$[0]')",
        "{factor} * json_extract(item.value, '$[1]')",
        "",
    ),
}


def _add(record_type: str, row: str, sign: str, rows_from: str = "", only: str = "") -> str:
    """Add (``sign`` "") or take back ("-") the movements of the outbox ``row`` of ``record_type`` (a trigger's
    NEW or OLD, or every row of ``rows_from``, written "outbox, ", that ``only`` keeps).

    One upsert per item: a SKU on two lines adds twice. "WHERE true": SQLite's parser reads the ON CONFLICT
    as the upsert's only after a WHERE.
    """
    _name, path, sku, quantity, kept = _TYPES[record_type]
    amount = quantity.format(factor=_moved_factor(row))
    return (
        f"INSERT INTO unsent_stock (sku, quantity) SELECT {sku}, {sign}({amount})"
        f" FROM {rows_from}json_each({row}.payload, '{path}') AS item WHERE true{kept}{only}"
        " ON CONFLICT (sku) DO UPDATE SET quantity = quantity + excluded.quantity;"
    )


# (name, event, condition) of the triggers each record type gets.
_TRIGGERS = (
    ("written", "AFTER INSERT ON outbox", "NEW.status = 'waiting' AND NEW.type = '{type}'", "NEW", ""),
    (
        "answered",
        "AFTER UPDATE OF status ON outbox",
        "OLD.status = 'waiting' AND NEW.status <> 'waiting' AND OLD.type = '{type}'",
        "OLD",
        "-",
    ),
    (
        "waiting_again",
        "AFTER UPDATE OF status ON outbox",
        "OLD.status <> 'waiting' AND NEW.status = 'waiting' AND NEW.type = '{type}'",
        "NEW",
        "",
    ),
)


def upgrade() -> None:
    op.create_table(
        "unsent_stock",
        sa.Column("sku", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("sku"),
    )
    for record_type, (name, *_rest) in _TYPES.items():
        for trigger, event, condition, row, sign in _TRIGGERS:
            op.execute(
                f"CREATE TRIGGER unsent_stock_{trigger}_{name} {event} "
                f"WHEN {condition.format(type=record_type)} BEGIN {_add(record_type, row, sign)} END"
            )
        waiting = f" AND outbox.status = 'waiting' AND outbox.type = '{record_type}'"
        op.execute(_add(record_type, "outbox", "", "outbox, ", waiting))


def downgrade() -> None:
    for name, *_rest in _TYPES.values():
        for trigger, *_more in _TRIGGERS:
            op.execute(f"DROP TRIGGER unsent_stock_{trigger}_{name}")
    op.drop_table("unsent_stock")
