"""The hub's group buys and the commitments tills took for them (docs/group_buys.md, hub migration 0020)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, Table, Text

from sync.hub.store.schema.base import metadata

# One row per group buy; ``state`` is open until ``popup-hub groupbuys close`` decides reached or missed.
group_buys = Table(
    "group_buys",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("minimum", Integer, nullable=False),
    Column("deadline", Text, nullable=False),
    Column("price", BigInteger, nullable=False),
    Column("payment", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("closed_at", Text),
    Column("created_at", Text, nullable=False),
    # The manager's change in force (hub migration 0023): the latest by changed_at, then change_id, wins.
    Column("changed_at", Text),
    Column("change_id", Text),
    Column("changed_by", Text),
    Index("ix_group_buys_event", "event_id"),
)

# One row per commitment a till pushed; ``state`` counted -> pickup or refund_due at the close (late ones at once).
group_buy_commitments = Table(
    "group_buy_commitments",
    metadata,
    Column("id", Text, primary_key=True),
    Column("group_buy_id", Text, ForeignKey("group_buys.id"), nullable=False),
    Column("event_id", Text, nullable=False),
    Column("till_id", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("sale_id", Text, nullable=False),
    Column("receipt_no", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("amount", BigInteger, nullable=False),
    Column("contact", Text, nullable=False),
    Column("committed_at", Text, nullable=False),
    Column("received_at", Text, nullable=False),
    Column("late", Integer, nullable=False),
    Column("state", Text, nullable=False),
    Column("order_id", Text),
    Column("order_number", Text),
    Index("ix_group_buy_commitments_group_buy", "group_buy_id"),
)
