"""Drops on the hub: each drop of an event, the counter's sales of its units, and the event's customer salt."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, Table, Text

from sync.hub.store.schema.base import metadata

# A drop as the manager or the marketplace set it (``skus`` a JSON list); the whole row is fed as a ``drop`` change.
drops = Table(
    "drops",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("drop_id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("skus", Text, nullable=False),
    Column("release_at", Text, nullable=False),
    Column("online_allocation", Integer, nullable=False),
    Column("counter_allocation", Integer, nullable=False),
    Column("per_sale_cap", Integer),
    Column("per_customer_cap", Integer),
    Column("changed_at", Text, nullable=False),
    # The change's id when a manager set the drop on a till (the tie-break of two changes at one moment).
    Column("change_id", Text),
    Index("ix_drops_event", "event_id"),
)
# One row per sale and drop (a repeat never counts twice): what the tills sold of each drop at the counter.
drop_sales = Table(
    "drop_sales",
    metadata,
    Column("event_id", Text, nullable=False),
    Column("drop_id", Text, primary_key=True),
    Column("sale_id", Text, primary_key=True),
    Column("till_code", Text, nullable=False),
    Column("units", Integer, nullable=False),
    Column("customer", Text),
    Column("sold_at", Text, nullable=False),
    Column("record_id", Text, nullable=False),
)
# One row per return and drop (a repeat never counts twice): units restocked at a returns desk, which go back to
# the counter's allocation (units on quality hold or written off are not sellable and never come here).
drop_returns = Table(
    "drop_returns",
    metadata,
    Column("event_id", Text, nullable=False),
    Column("drop_id", Text, primary_key=True),
    Column("return_id", Text, primary_key=True),
    Column("sale_id", Text, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("units", Integer, nullable=False),
    Column("returned_at", Text, nullable=False),
    Column("record_id", Text, nullable=False),
)
# The event's salt for customer hashes (sync/customer_codes.py), made with its first drop, fed in every drop.
event_customer_salts = Table(
    "event_customer_salts",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("salt", Text, nullable=False),
)
# Who set or moved what, when: each change to a drop, by the hub's command line ("hub") or an API key ("api:NAME").
drop_log = Table(
    "drop_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Text, nullable=False),
    Column("drop_id", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("details", Text, nullable=False),
)
