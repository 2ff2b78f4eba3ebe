"""Demand the tills recorded, and the audit of contact erasures (docs/demand.md, hub migration 0022)."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, Table, Text

from sync.hub.store.schema.base import metadata

# One row per demand.recorded a till pushed; ``contact`` only with consent, NULL once erased (``erased_at``).
demand_entries = Table(
    "demand_entries",
    metadata,
    Column("id", Text, primary_key=True),
    Column("event_id", Text, nullable=False),
    Column("till_id", Text, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("staff_name", Text, nullable=False),
    Column("sku", Text),
    Column("product_name", Text, nullable=False),
    Column("item", Text),
    Column("quantity", Integer),
    Column("note", Text, nullable=False),
    Column("recorded_at", Text, nullable=False),
    Column("received_at", Text, nullable=False),
    Column("contact", Text),
    Column("consent", Integer, nullable=False),
    Column("consent_wording", Text),
    Column("erased_at", Text),
    Index("ix_demand_entries_event_sku", "event_id", "sku"),
    Index("ix_demand_entries_contact", "contact"),
)

# One row per erasure on request: who asked, why, which entries; never the contact itself.
demand_erasures = Table(
    "demand_erasures",
    metadata,
    Column("id", Text, primary_key=True),
    Column("erased_at", Text, nullable=False),
    Column("requested_by", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("entries", Integer, nullable=False),
    Column("demand_ids", Text, nullable=False),
)
