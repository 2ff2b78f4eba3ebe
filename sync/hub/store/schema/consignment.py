"""Each maker's terms for an event (hub migration 0021, docs/consignment.md): the latest change per maker."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Table, Text

from sync.hub.store.schema.base import metadata

maker_terms = Table(
    "maker_terms",
    metadata,
    Column("event_id", Text, ForeignKey("events.id"), primary_key=True),
    Column("maker", Text, primary_key=True),
    Column("fixed_fee", BigInteger, nullable=False),
    # Fractions as Decimal text ("0.015").
    Column("fee_rate", Text, nullable=False),
    Column("card_fee_rate", Text, nullable=False),
    Column("payout_state", Text, nullable=False),
    Column("paid_on", Text),
    Column("payout_reference", Text),
    Column("updated_at", Text, nullable=False),
    Column("updated_by", Text, nullable=False),
    Column("change_id", Text, nullable=False),
)
