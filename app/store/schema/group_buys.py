"""Group buys on the till (docs/group_buys.md, migration 0023): the hub's state of each, the commitments
this till took (facts: append-only), and what became of every commitment of the event as the feed tells it."""

from __future__ import annotations

from sqlalchemy import Column, Integer, Table, Text

from app.store.schema.base import id_column, metadata

# As the hub last fed it (kind ``group_buy``); the later ``changed_at`` wins.
group_buys = Table(
    "group_buys",
    metadata,
    id_column(),
    Column("name", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("minimum", Integer, nullable=False),
    Column("deadline", Text, nullable=False),
    Column("price", Integer, nullable=False),
    Column("payment", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("committed", Integer, nullable=False),
    Column("state", Text, nullable=False),
    Column("closed_at", Text),
    Column("changed_at", Text, nullable=False),
)

# A commitment taken here, with the sale that paid it; the contact is kept for the marketplace only with consent.
group_buy_commitments = Table(
    "group_buy_commitments",
    metadata,
    id_column(),
    Column("group_buy_id", Text, nullable=False),
    Column("sale_id", Text, nullable=False),
    Column("receipt_no", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("contact", Text, nullable=False),
    Column("consent_at", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("committed_at", Text, nullable=False),
)

# What became of each commitment of the event (kind ``group_buy_commitment``), any till's.
group_buy_outcomes = Table(
    "group_buy_outcomes",
    metadata,
    Column("commitment_id", Text, primary_key=True),
    Column("group_buy_id", Text, nullable=False),
    Column("sale_id", Text, nullable=False),
    Column("receipt_no", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("state", Text, nullable=False),
    Column("late", Integer, nullable=False),
    Column("order_number", Text),
    Column("changed_at", Text, nullable=False),
)
