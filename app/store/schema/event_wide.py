"""What the till keeps of the event beyond itself: deliveries, the vouchers' ledger, every till's close status,
other tills' report rows, its unsent stock and the event-wide changes it holds (docs/architecture.md,
"One event, many tills")."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, Table, Text

from app.store.schema.base import id_column, metadata

# A maker's delivery received at the event, under the number of its delivery note (app/services/goods_in.py);
# its goods are the receive movements booked at the same instant.
deliveries = Table(
    "deliveries",
    metadata,
    id_column(),
    Column("maker_id", Text, ForeignKey("makers.id"), nullable=False),
    Column("note", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("received_at", Text, nullable=False),
    Index("ux_deliveries_maker_note", "maker_id", "note", unique=True),
)

# What the hub's ledger says each sale took from a voucher, every till's (the feed's ``voucher`` change):
# a voucher's balance counts this till's own redemptions and these, each sale once (app/store/vouchers.py).
voucher_ledger = Table(
    "voucher_ledger",
    metadata,
    Column("voucher_code", Text, ForeignKey("vouchers.code"), primary_key=True),
    Column("sale_id", Text, primary_key=True),
    Column("amount", Integer, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("at", Text, nullable=False),
)

# The hub's checklist for the event's close, one line per till of the event as last pulled (the feed's
# till_status entries, app/services/till_statuses.py): a manager sees on any till what blocks the close.
hub_till_statuses = Table(
    "hub_till_statuses",
    metadata,
    Column("till_code", Text, primary_key=True),
    Column("closed", Integer, nullable=False),
    Column("cash_closed", Integer, nullable=False),
    Column("last_seq_declared", Integer),
    Column("last_seq_received", Integer, nullable=False),
    Column("missing", Integer, nullable=False),
    Column("conflicts_open", Integer, nullable=False),
    Column("event_frozen", Integer, nullable=False),
    Column("updated_at", Text, nullable=False),
)


# Other tills' sales and returns pulled from the hub, as the narrow rows of sync/event_figures.py (written when
# pulled, app/store/pulled_figures.py): the event-wide report sums them instead of parsing every payload.
# The lines' index covers their report query (sync/event_figures.py COVERING_INDEXES).
def _pulled_table(name: str, columns: str, covered: str = "") -> Table:
    """Columns named "name:int" hold integers, the others text; all in the order of sync/event_figures.py TABLES."""
    return Table(
        name,
        metadata,
        *(
            Column(column.removesuffix(":int"), Integer if column.endswith(":int") else Text, nullable=False)
            for column in columns.split()
        ),
        *([Index(f"ix_{name}", *covered.split())] if covered else []),
    )


pulled_sales = _pulled_table(
    "pulled_sales", "till_code sales:int gross:int discounts:int tax:int total:int rounding:int first_at last_at"
)
pulled_sale_lines = _pulled_table(
    "pulled_sale_lines",
    "maker sku name tax_rate quantity:int discount:int tax:int total:int",
    "maker sku tax_rate name quantity discount tax total",
)
pulled_tenders = _pulled_table("pulled_tenders", "kind payments:int amount:int")
pulled_returns = _pulled_table("pulled_returns", "record_id till_code created_at refund_total:int no_receipt:int")
pulled_return_lines = _pulled_table(
    "pulled_return_lines", "record_id maker sku quantity:int refund:int reason disposition"
)
pulled_refunds = _pulled_table("pulled_refunds", "kind refunds:int amount:int")
# What markdowns and bundles took off pulled sales, per rule (sync/price_figures.py, migration 0021).
pulled_automatic_discounts = _pulled_table("pulled_automatic_discounts", "kind rule lines:int units:int amount:int")

# Per SKU, what this till's outbox records still waiting for the hub's answer move of the event's sellable
# level; kept by triggers on the outbox (migration 0017), read with the hub's levels (app/store/stock_left.py).
unsent_stock = Table(
    "unsent_stock",
    metadata,
    Column("sku", Text, primary_key=True),
    Column("quantity", Integer, nullable=False),
)

# The latest event-wide change (a setting, a staff member, a commission) this till holds per subject, by its
# time and id (app/services/event_settings_sync.py): an older one arriving later is skipped, so every till ends
# with the same state as the hub whatever order the changes reach it in.
event_change_versions = Table(
    "event_change_versions",
    metadata,
    Column("kind", Text, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("changed_at", Text, nullable=False),
    Column("change_id", Text, nullable=False),
)

# The event's short-run price rules, one row per rule as last set on the hub or by a manager on any till
# (app/store/price_rules.py): ``definition`` is the rule's terms as JSON (sync/records/price_rules.py), a
# withdrawn rule stays with ``active`` 0, and ``changed_at``/``change_id`` decide which change is the latest.
price_rules = Table(
    "price_rules",
    metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("definition", Text, nullable=False),
    Column("active", Integer, nullable=False),
    Column("changed_at", Text, nullable=False),
    Column("change_id", Text, nullable=False),
    Column("changed_by", Text, nullable=False),
)
