"""The desks around the counter: pickup orders and handoffs (with the hub's levels and keys they read),
returns and refunds (with the other tills' sales they may take back), the cash drawer's sessions, stock
counts, conflict reviews and the feed's quarantine."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, Table, Text, UniqueConstraint

from app.store.schema.base import id_column, metadata

hub_stock_levels = Table(
    "hub_stock_levels",
    metadata,
    Column("sku", Text, primary_key=True),
    Column("level", Integer, nullable=False),
)

pickup_keys = Table(
    "pickup_keys",
    metadata,
    Column("key_id", Integer, primary_key=True),
    Column("public_key", Text, nullable=False),
    Column("revoked", Integer, nullable=False),
)

pickup_orders = Table(
    "pickup_orders",
    metadata,
    id_column(),
    Column("number", Text, nullable=False),
    Column("customer_name", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("cancelled", Integer, nullable=False),
    Column("lines", Text, nullable=False),
    Column("member_order_ids", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Index("ix_pickup_orders_number", "number"),
)

pickup_handoffs = Table(
    "pickup_handoffs",
    metadata,
    Column("handoff_id", Text, primary_key=True),
    Column("order_id", Text, primary_key=True),
    Column("line_id", Text, primary_key=True),
    Column("quantity", Integer, nullable=False),
    Column("till_code", Text, nullable=False),
    Column("staff_name", Text, nullable=False),
    Column("at", Text, nullable=False),
    Column("approved_by", Text),
    Column("local", Integer, nullable=False),
    Index("ix_pickup_handoffs_order", "order_id"),
)

returns = Table(
    "returns",
    metadata,
    id_column(),
    Column("return_no", Text, nullable=False, unique=True),
    Column("return_seq", Integer, nullable=False),
    Column("till_id", Text, ForeignKey("tills.id"), nullable=False),
    Column("event_id", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("sale_id", Text),
    Column("receipt_no", Text),
    Column("created_at", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("refund_total", Integer, nullable=False),
    Column("rounding", Integer, nullable=False),
    Column("approved_by", Text),
    Column("no_receipt", Integer, nullable=False),
    Column("exchange_sale_id", Text),
    Column("cash_session_id", Text),
    UniqueConstraint("till_id", "return_seq"),
    Index("ix_returns_sale_id", "sale_id"),
)

return_lines = Table(
    "return_lines",
    metadata,
    id_column(),
    Column("return_id", Text, ForeignKey("returns.id"), nullable=False),
    Column("line_no", Integer),
    Column("product_id", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("maker_name", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("refund", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("disposition", Text, nullable=False),
    Index("ix_return_lines_return_id", "return_id"),
)

return_refunds = Table(
    "return_refunds",
    metadata,
    id_column(),
    Column("return_id", Text, ForeignKey("returns.id"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("tender_index", Integer),
    Column("reference", Text, nullable=False),
    Column("voucher_code", Text),
    Index("ix_return_refunds_return_id", "return_id"),
)

foreign_sales = Table(
    "foreign_sales",
    metadata,
    Column("sale_id", Text, primary_key=True),
    Column("receipt_no", Text, nullable=False, unique=True),
    Column("created_at", Text, nullable=False),
    Column("total", Integer, nullable=False),
    Column("payload", Text, nullable=False),
)

foreign_returns = Table(
    "foreign_returns",
    metadata,
    Column("return_id", Text, primary_key=True),
    Column("sale_id", Text),
    Column("payload", Text, nullable=False),
    Index("ix_foreign_returns_sale_id", "sale_id"),
)

cash_sessions = Table(
    "cash_sessions",
    metadata,
    id_column(),
    Column("till_id", Text, ForeignKey("tills.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("opened_at", Text, nullable=False),
    Column("opened_by", Text, nullable=False),
    Column("float_amount", Integer, nullable=False),
    Column("float_counts", Text, nullable=False),
    UniqueConstraint("till_id", "number"),
)

cash_session_closes = Table(
    "cash_session_closes",
    metadata,
    Column("session_id", Text, ForeignKey("cash_sessions.id"), primary_key=True),
    Column("z_number", Text, nullable=False, unique=True),
    Column("closed_at", Text, nullable=False),
    Column("closed_by", Text, nullable=False),
    Column("counted_amount", Integer, nullable=False),
    Column("counted_counts", Text, nullable=False),
    Column("expected_amount", Integer, nullable=False),
    Column("over_short", Integer, nullable=False),
    Column("report", Text, nullable=False),
)

cash_movements = Table(
    "cash_movements",
    metadata,
    id_column(),
    Column("session_id", Text, ForeignKey("cash_sessions.id"), nullable=False),
    Column("direction", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("approved_by", Text),
    Column("created_at", Text, nullable=False),
    Index("ix_cash_movements_session", "session_id"),
)

stock_counts = Table(
    "stock_counts",
    metadata,
    id_column(),
    Column("location", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("started_by", Text, nullable=False),
    Column("posted_at", Text),
    Column("posted_by", Text),
)

stock_count_lines = Table(
    "stock_count_lines",
    metadata,
    Column("count_id", Text, ForeignKey("stock_counts.id"), primary_key=True),
    Column("product_id", Text, ForeignKey("products.id"), primary_key=True),
    Column("counted", Integer, nullable=False),
)

conflict_reviews = Table(
    "conflict_reviews",
    metadata,
    Column("record_id", Text, primary_key=True),
    Column("reviewed_by", Text, nullable=False),
    Column("reviewed_at", Text, nullable=False),
    Column("note", Text, nullable=False),
)

feed_quarantine = Table(
    "feed_quarantine",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("quarantined_at", Text, nullable=False),
    sqlite_autoincrement=True,
)
