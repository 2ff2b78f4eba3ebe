"""The marketplace's side: webhooks, admin API keys and calls, marketplace orders, the event page's operators,
relays."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, Table, Text

from sync.hub.store.schema.base import metadata

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
# count of wrong ones in a row that locks the name until locked_until. role is "viewer" or "manager" (who may
# review conflicts); all_events 1 lets the operator see every event, 0 only those in operator_events.
operators = Table(
    "operators",
    metadata,
    Column("name", Text, primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    Column("failed_sign_ins", Integer, nullable=False),
    Column("locked_until", Text),
    Column("role", Text, nullable=False),
    Column("all_events", Integer, nullable=False),
)
# The events an operator limited to some may see (sync/hub/store/operator_access.py).
operator_events = Table(
    "operator_events",
    metadata,
    Column("operator_name", Text, ForeignKey("operators.name"), primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
)
# Wrong sign-ins per client address (sync/hub/store/sign_in_limits.py): a count within a window that started at
# window_started_at, and the lock it led to. In the database, so that every hub process counts together.
sign_in_addresses = Table(
    "sign_in_addresses",
    metadata,
    Column("address", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_started_at", Text, nullable=False),
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
# On the venue hub: its enrollment upstream while it is not finished (sync/hub/store/relay_attempts.py), by a
# SHA-256 of the upstream's address and the code: the attempt value and the highest try number sent.
relay_enroll_attempts = Table(
    "relay_enroll_attempts",
    metadata,
    Column("key_hash", Text, primary_key=True),
    Column("attempt", Text, nullable=False),
    Column("highest_try", Integer, nullable=False),
)
