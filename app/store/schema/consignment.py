"""Consignment on this till (docs/consignment.md, migration 0024): makers' terms and hand-back notes."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, Table, Text

from app.store.schema.base import id_column, metadata

maker_terms = Table(
    "maker_terms",
    metadata,
    Column("maker", Text, primary_key=True),
    Column("fixed_fee", Integer, nullable=False),
    Column("fee_rate", Text, nullable=False),
    Column("card_fee_rate", Text, nullable=False),
    Column("payout_state", Text, nullable=False),
    Column("paid_on", Text),
    Column("payout_reference", Text),
    Column("changed_at", Text, nullable=False),
    Column("change_id", Text, nullable=False),
    Column("changed_by", Text, nullable=False),
)

hand_backs = Table(
    "hand_backs",
    metadata,
    id_column(),
    Column("number", Text, nullable=False),
    Column("maker", Text, nullable=False),
    Column("lines", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("handed_at", Text, nullable=False),
    Index("ux_hand_backs_number", "number", unique=True),
)

foreign_stock_moves = Table(
    "foreign_stock_moves",
    metadata,
    Column("record_id", Text, primary_key=True),
    Column("payload", Text, nullable=False),
)
