"""What tills send and are sent: events, tills and their inbox, the catalog, stock, conflicts, the change feed,
returns, pickup orders and audit heads."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, Table, Text, UniqueConstraint

from sync.hub.store.schema.base import metadata

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("locale", Text, nullable=False),
    Column("prices_include_tax", Integer, nullable=False),
    Column("cash_rounding_step", Integer, nullable=False),
    Column("tax_classes", Text, nullable=False),
)
enroll_codes = Table(
    "enroll_codes",
    metadata,
    Column("code_hash", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("till_code", Text, nullable=False),
    Column("used_by", Text),
    # The SHA-256 of the attempt value the till sent when it used the code: the same attempt again is a retry
    # whose answer was lost, and gets the same till back (enrollment.py, hub migration 0028).
    Column("attempt_hash", Text),
    # The highest try number of that attempt the hub has answered: an earlier try run late is refused.
    Column("attempt_try", Integer),
)
tills = Table(
    "tills",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("code", Text, nullable=False),
    Column("token_hash", Text, nullable=False, unique=True),
    Column("revoked", Integer, nullable=False),
    UniqueConstraint("event_id", "code"),
)
inbox = Table(
    "inbox",
    metadata,
    Column("event_id", Text, primary_key=True),
    Column("till_id", Text, ForeignKey("tills.id"), nullable=False),
    Column("till_seq", BigInteger, nullable=False),
    Column("type", Text, nullable=False),
    Column("payload_hash", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("reason", Text),
    Column("received_at", Text, nullable=False),
    UniqueConstraint("till_id", "till_seq"),
    # A till's records of one type in their order, without its sales (scorecards, hub migration 0025).
    Index("ix_inbox_till_type", "till_id", "type", "till_seq"),
)
products = Table(
    "products",
    metadata,
    Column("sku", Text, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("variant", Text, nullable=False),
    Column("maker", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("tax_class", Text, nullable=False),
    Column("price", Integer, nullable=False),
    Column("barcodes", Text, nullable=False),
)
stock_movements = Table(
    "stock_movements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("source", Text, nullable=False),
    # Every product's level of many events from the index alone (scorecards, hub migration 0025); it serves
    # every seek on (event_id, sku) too, so the narrower index was dropped (hub migration 0026).
    Index("ix_stock_movements_levels", "event_id", "sku", "quantity"),
)
# The running sum of each SKU's movements in an event, kept by every writer of stock_movements in the same
# transaction (stock_levels.py), so a push reads a level instead of summing a history (hub migration 0027).
stock_levels = Table(
    "stock_levels",
    metadata,
    Column("event_id", Text, primary_key=True),
    Column("sku", Text, primary_key=True),
    Column("on_hand", Integer, nullable=False),
)
conflicts = Table(
    "conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("details", Text, nullable=False),
    Column("raised_at", Text, nullable=False),
    UniqueConstraint("kind", "record_id", "subject"),
)
changes = Table(
    "changes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    # The writing transaction's id on PostgreSQL (0 on SQLite, whose single
    # writer commits in sequence order): the feed is read in (tx, seq) order
    # and only below the oldest running transaction, so a change that commits
    # late is never skipped.
    Column("tx", BigInteger, nullable=False),
    Column("event_id", Text),
    Column("kind", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("data", Text, nullable=False),
    # A till's feed page is a seek here, for every event's changes (NULL) and for its own event's.
    Index("ix_changes_event_tx_seq", "event_id", "tx", "seq"),
)
returned_lines = Table(
    "returned_lines",
    metadata,
    Column("record_id", Text, primary_key=True),
    Column("sale_id", Text, nullable=False),
    Column("line_no", Integer, primary_key=True),
    Column("quantity", Integer, nullable=False),
    Column("sold", Integer, nullable=False),
    Column("till_code", Text, nullable=False),
    Index("ix_returned_lines_sale", "sale_id", "line_no"),
)
pickup_keys = Table(
    "pickup_keys",
    metadata,
    Column("key_id", Integer, primary_key=True, autoincrement=True),
    Column("public_key", Text, nullable=False, unique=True),
    Column("created_at", Text, nullable=False),
    Column("revoked_at", Text),
)
pickup_orders = Table(
    "pickup_orders",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("number", Text, nullable=False),
    Column("customer_name", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("lines", Text, nullable=False),
    Column("member_order_ids", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("cancelled_at", Text),
    UniqueConstraint("event_id", "number"),
)
pickup_handoffs = Table(
    "pickup_handoffs",
    metadata,
    Column("record_id", Text, primary_key=True),
    Column("order_id", Text, ForeignKey("pickup_orders.id"), primary_key=True),
    Column("line_id", Text, primary_key=True),
    Column("quantity", Integer, nullable=False),
    Column("till_id", Text, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("staff_name", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("ix_pickup_handoffs_order", "order_id"),
)

# Per till (sync/hub/store/till_contacts.py): its last authenticated request to the hub (push or pull, written
# at most every 30 s), and how many records it said were still waiting on it at its last push that said so.
till_contacts = Table(
    "till_contacts",
    metadata,
    Column("till_id", Text, ForeignKey("tills.id"), primary_key=True),
    Column("last_contact_at", Text),
    Column("records_waiting", BigInteger),
    Column("waiting_reported_at", Text),
)

# The highest audit head the hub has seen per till, and the restore entry it last accepted a lower head for.
till_audit_heads = Table(
    "till_audit_heads",
    metadata,
    Column("till_id", Text, ForeignKey("tills.id"), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", Text, nullable=False),
    Column("restore_hash", Text),
    Column("updated_at", Text, nullable=False),
)
