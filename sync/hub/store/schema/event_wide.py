"""What the event shares across tills: vouchers, the close, stock per place and reserved for pickups, report
figures, settings, staff and commissions."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, Table, Text

from sync.hub.store.schema.base import metadata

# Every voucher of an event (issued by a till's return or gift card, or by the marketplace) and its ledger:
# one row per (voucher, sale), so a repeat never counts twice (sync/hub/store/vouchers.py).
vouchers = Table(
    "vouchers",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("code", Text, primary_key=True),
    Column("voucher_id", Text, nullable=False, unique=True),
    Column("currency", Text, nullable=False),
    Column("amount", BigInteger, nullable=False),
    # A till's code, or "marketplace".
    Column("issued_by", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("issued_at", Text, nullable=False),
    # The till's voucher.issued record; NULL when the marketplace issued it.
    Column("record_id", Text),
)
voucher_redemptions = Table(
    "voucher_redemptions",
    metadata,
    Column("event_id", Text, primary_key=True),
    Column("code", Text, primary_key=True),
    Column("sale_id", Text, primary_key=True),
    Column("amount", BigInteger, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("record_id", Text, nullable=False),
)

# The event's close (sync/hub/store/event_close.py): what each till declared in its till.closed record,
# the manager's review of each conflict, the event's freeze, the status last fed to the tills, and the
# feed cursor a till reported in its last outbox file (where a feed file for it starts).
till_closures = Table(
    "till_closures",
    metadata,
    Column("till_id", Text, ForeignKey("tills.id"), primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
    Column("cash_closed", Integer, nullable=False),
    Column("z_numbers", Text, nullable=False),
    Column("closed_at", Text, nullable=False),
    Column("record_id", Text, nullable=False),
)
conflict_reviews = Table(
    "conflict_reviews",
    metadata,
    Column("conflict_id", Integer, ForeignKey("conflicts.id"), primary_key=True),
    Column("reviewed_at", Text, nullable=False),
    Column("reviewed_by", Text, nullable=False),
    Column("note", Text, nullable=False),
)
event_freezes = Table(
    "event_freezes",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("frozen_at", Text, nullable=False),
    Column("frozen_by", Text, nullable=False),
    # Set when a manager froze the event over what the checklist still named (kept in "blocking").
    Column("override_reason", Text),
    Column("blocking", Text, nullable=False),
)
till_statuses = Table(
    "till_statuses",
    metadata,
    Column("till_id", Text, ForeignKey("tills.id"), primary_key=True),
    Column("data", Text, nullable=False),
)
till_feed_cursors = Table(
    "till_feed_cursors",
    metadata,
    Column("till_id", Text, ForeignKey("tills.id"), primary_key=True),
    Column("cursor", Text, nullable=False),
    Column("reported_at", Text, nullable=False),
)

# Where the event's units are, per location (stall, till:B, quality_hold, maker...): every goods-in,
# transfer, count and write-off a till books, as signed quantities (sync/hub/store/stock_locations.py).
# stock_movements stays the sellable level the counter sees.
stock_locations = Table(
    "stock_locations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Index("ix_stock_locations_event_sku", "event_id", "sku"),
)

# Stock held for paid pickup orders (docs/stock_view.md), kept as movements like stock itself: a line
# reserves its quantity when its order is created; a handoff, a cancellation releases it. Reserved is their sum.
stock_reservations = Table(
    "stock_reservations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("order_id", Text, nullable=False),
    Column("line_id", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Index("ix_stock_reservations_event_sku", "event_id", "sku"),
    Index("ix_stock_reservations_order", "order_id", "line_id"),
)


# The figures of the event reports (sync/event_figures.py), written at push time in the push's transaction:
# a report sums these few columns instead of parsing every payload (hub migration 0012). The lines' index
# covers their report query (sync/event_figures.py COVERING_INDEXES).
def _report_table(name: str, covered: tuple[str, ...], *columns: Column[int] | Column[str]) -> Table:
    return Table(
        name,
        metadata,
        Column("event_id", Text, nullable=False),
        *columns,
        Index(f"ix_{name}_event", "event_id", *covered),
    )


report_sales = _report_table(
    "report_sales",
    (),
    Column("till_code", Text, nullable=False),
    *(Column(name, BigInteger, nullable=False) for name in ("sales", "gross", "discounts", "tax", "total")),
    Column("rounding", BigInteger, nullable=False),
    Column("first_at", Text, nullable=False),
    Column("last_at", Text, nullable=False),
)
report_sale_lines = _report_table(
    "report_sale_lines",
    ("maker", "sku", "tax_rate", "name", "quantity", "discount", "tax", "total"),
    *(Column(name, Text, nullable=False) for name in ("maker", "sku", "name", "tax_rate")),
    *(Column(name, BigInteger, nullable=False) for name in ("quantity", "discount", "tax", "total")),
)
report_tenders = _report_table(
    "report_tenders",
    (),
    Column("kind", Text, nullable=False),
    *(Column(name, BigInteger, nullable=False) for name in ("payments", "amount")),
)
report_returns = _report_table(
    "report_returns",
    (),
    Column("record_id", Text, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("refund_total", BigInteger, nullable=False),
    Column("no_receipt", Integer, nullable=False),
)
report_return_lines = _report_table(
    "report_return_lines",
    (),
    Column("record_id", Text, nullable=False),
    Column("maker", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("refund", BigInteger, nullable=False),
    Column("reason", Text, nullable=False),
    Column("disposition", Text, nullable=False),
)
report_refunds = _report_table(
    "report_refunds",
    (),
    Column("kind", Text, nullable=False),
    *(Column(name, BigInteger, nullable=False) for name in ("refunds", "amount")),
)

# What a manager sets for the whole event (sync/hub/store/event_settings.py): the latest change per subject,
# by its changed_at and then its change id, whether made here or on a till; the feed carries each to every till.
event_settings = Table(
    "event_settings",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("key", Text, primary_key=True),
    # The value as JSON text: a number, a string or true/false, as sync/records/event_settings.py allows per key.
    Column("value", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("updated_by", Text, nullable=False),
    Column("change_id", Text, nullable=False),
)
event_staff = Table(
    "event_staff",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("staff_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    # The salted scrypt hash (sync/pin_hashes.py); the PIN itself is never stored or sent.
    Column("pin_hash", Text, nullable=False),
    Column("active", Integer, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("updated_by", Text, nullable=False),
    Column("change_id", Text, nullable=False),
)
event_commissions = Table(
    "event_commissions",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    # default (subject ''), maker (its name) or product (its SKU).
    Column("scope", Text, primary_key=True),
    Column("subject", Text, primary_key=True),
    # A fraction as Decimal text ("0.25").
    Column("rate", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("updated_by", Text, nullable=False),
    Column("change_id", Text, nullable=False),
)
