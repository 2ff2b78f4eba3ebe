"""Demand recorded at this till (docs/demand.md, migration 0025): a fact table whose contact alone may be erased."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, Table, Text

from app.store.schema.base import id_column, metadata

demand_entries = Table(
    "demand_entries",
    metadata,
    id_column(),
    Column("event_id", Text, nullable=False),
    Column("till_id", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("sku", Text),
    Column("product_name", Text, nullable=False),
    Column("item", Text),
    Column("quantity", Integer),
    Column("note", Text, nullable=False),
    Column("recorded_at", Text, nullable=False),
    # Kept only with consent; set to NULL (with erased_at) when the customer asks for its erasure.
    Column("contact", Text),
    Column("consent", Integer, nullable=False),
    Column("consent_wording", Text),
    Column("erased_at", Text),
    Index("ix_demand_entries_sku", "sku"),
)
