"""The hub's tables, the schema Alembic migrates to (sync/hub/migrations)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

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
    Index("ix_stock_movements_event_sku", "event_id", "sku"),
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


def now() -> str:
    """A timestamp as the Text columns hold it: ISO 8601 in UTC, so that text order is time order."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


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

# Signed webhooks out (sync/hub/webhooks.py, docs/webhooks.md): a marketplace's subscriptions, one outbox row
# per (subscription, event) written in the transaction that made the event, and every attempt to deliver it.
# The signing secret is kept as it is: the hub needs it to sign each delivery.
webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("url", Text, nullable=False),
    # The subscribed types as a JSON list.
    Column("types", Text, nullable=False),
    Column("secret", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Index("ix_webhook_subscriptions_event", "event_id"),
)
webhook_outbox = Table(
    "webhook_outbox",
    metadata,
    Column("id", Text, primary_key=True),
    Column("subscription_id", Text, nullable=False),
    Column("event_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("next_attempt_at", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    # waiting, delivered or failed (given up after the retry window).
    Column("state", Text, nullable=False),
    Column("last_status", Integer),
    Column("last_error", Text),
    # A sender's claim: another sender takes the delivery only once this time has passed.
    Column("locked_until", Text),
    Column("locked_by", Text),
    Index("ix_webhook_outbox_due", "state", "next_attempt_at"),
    Index("ix_webhook_outbox_event", "event_id", "created_at"),
)
webhook_attempts = Table(
    "webhook_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("delivery_id", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("status_code", Integer),
    Column("error", Text),
    Column("duration_ms", Integer, nullable=False),
    Column("sender", Text, nullable=False),
    Index("ix_webhook_attempts_delivery", "delivery_id"),
)

# The admin API's keys (sync/hub/store/api_keys.py): only a SHA-256 of each key is kept; a name stays with
# its key for good, so the call log's names are never ambiguous. Scopes are space-separated.
api_keys = Table(
    "api_keys",
    metadata,
    Column("name", Text, primary_key=True),
    Column("key_hash", Text, nullable=False, unique=True),
    Column("scopes", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("revoked_at", Text),
)
# Every call under /v1/admin/, with the key's name (NULL when no known key was given).
admin_calls = Table(
    "admin_calls",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),
    Column("key_name", Text),
    Column("method", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("status", Integer, nullable=False),
)
# A pickup order created through the admin API, by the marketplace's own order id: the same id again is the
# same order, told apart from a different order under that id by the fingerprint of what was asked.
marketplace_orders = Table(
    "marketplace_orders",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("external_id", Text, primary_key=True),
    Column("order_id", Text, ForeignKey("pickup_orders.id"), nullable=False, unique=True),
    Column("fingerprint", Text, nullable=False),
)
# The event page's operators (sync/hub/store/operators.py): a slow salted hash of each password, and the
# count of wrong ones in a row that locks the name until locked_until.
operators = Table(
    "operators",
    metadata,
    Column("name", Text, primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("failed_sign_ins", Integer, nullable=False),
    Column("locked_until", Text),
)
# A signed-in browser: only the SHA-256 of the session id its cookie holds, and the CSRF token of its forms.
operator_sessions = Table(
    "operator_sessions",
    metadata,
    Column("id_hash", Text, primary_key=True),
    Column("operator_name", Text, ForeignKey("operators.name"), nullable=False),
    Column("csrf_token", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Index("ix_operator_sessions_operator", "operator_name"),
)
# A venue hub that relays (docs/relay.md). On the upstream: the clients enrolled with a relay code, by event and
# till code, which may push records on behalf of their event's tills.
relay_clients = Table(
    "relay_clients",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("till_code", Text, primary_key=True),
)
# On the venue hub: its one link upstream (id is always 1), and the upstream feed's cursor.
relay_link = Table(
    "relay_link",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("upstream_url", Text, nullable=False),
    Column("token", Text, nullable=False),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("feed_cursor", Text, nullable=False),
)
# On the venue hub: per till, the highest till sequence the upstream has acknowledged.
relay_forwarded = Table(
    "relay_forwarded",
    metadata,
    Column("till_id", Text, ForeignKey("tills.id"), primary_key=True),
    Column("forwarded_seq", BigInteger, nullable=False),
)
