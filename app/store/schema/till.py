"""The till's own tables at the counter: its event, catalog, staff, carts, sales, stock, vouchers, outbox, audit
trail, print jobs and quick keys (the desks around it: desks.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, Table, Text, UniqueConstraint

from app.store.schema.base import id_column, metadata

settings = Table(
    "settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    id_column(),
    Column("name", Text, nullable=False),
    Column("place", Text, nullable=False),
    Column("starts_on", Text, nullable=False),
    Column("ends_on", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("locale", Text, nullable=False),
    Column("prices_include_tax", Integer, nullable=False),
    Column("cash_rounding_step", Integer, nullable=False),
    Column("discount_limit_percent", Text, nullable=False),
)

tills = Table(
    "tills",
    metadata,
    id_column(),
    Column("code", Text, nullable=False, unique=True),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("location", Text, nullable=False),
    Column("last_receipt_seq", Integer, nullable=False),
)

tax_classes = Table(
    "tax_classes",
    metadata,
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("rate", Text, nullable=False),
)

makers = Table(
    "makers",
    metadata,
    id_column(),
    Column("name", Text, nullable=False, unique=True),
    # A decimal fraction of revenue kept by the pop-up (e.g. "0.25"); products may override it.
    Column("commission_rate", Text),
)

products = Table(
    "products",
    metadata,
    id_column(),
    Column("sku", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("variant", Text, nullable=False),
    Column("maker_id", Text, ForeignKey("makers.id"), nullable=False),
    Column("tax_class", Text, ForeignKey("tax_classes.code"), nullable=False),
    Column("price", Integer, nullable=False),
    Column("category", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
    Column("commission_rate", Text),
)

barcodes = Table(
    "barcodes",
    metadata,
    Column("code", Text, primary_key=True),
    Column("product_id", Text, ForeignKey("products.id"), nullable=False),
    Index("ix_barcodes_product_id", "product_id"),
)

staff = Table(
    "staff",
    metadata,
    id_column(),
    Column("name", Text, nullable=False, unique=True),
    Column("role", Text, nullable=False),
    Column("pin_hash", Text, nullable=False),
    Column("active", Integer, nullable=False),
    Column("created_at", Text, nullable=False),
    # The sign-in wait after wrong PINs (app/domain/lockout.py).
    Column("failed_pins", Integer, nullable=False, server_default="0"),
    Column("sign_in_waits_until", Text),
    # So the sign-in pad submits at the last digit; NULL until known (migration 0011).
    Column("pin_length", Integer),
)

carts = Table(
    "carts",
    metadata,
    id_column(),
    Column("till_id", Text, ForeignKey("tills.id"), nullable=False),
    Column("staff_id", Text, ForeignKey("staff.id"), nullable=False),
    Column("status", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)

sales = Table(
    "sales",
    metadata,
    id_column(),
    Column("receipt_no", Text, nullable=False, unique=True),
    Column("receipt_seq", Integer, nullable=False),
    Column("till_id", Text, ForeignKey("tills.id"), nullable=False),
    Column("event_id", Text, ForeignKey("events.id"), nullable=False),
    Column("staff_id", Text, ForeignKey("staff.id"), nullable=False),
    Column("cart_id", Text, nullable=False, unique=True),
    Column("created_at", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("prices_include_tax", Integer, nullable=False),
    Column("subtotal", Integer, nullable=False),
    Column("discount_total", Integer, nullable=False),
    Column("tax_total", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("rounding", Integer, nullable=False),
    Column("change_given", Integer, nullable=False),
    Column("cart_discount_approved_by", Text),
    Column("cash_session_id", Text),
    # Where the sold goods left the shelf: with the lines, a sale's stock movements (migration 0026).
    Column("stock_location", Text),
    UniqueConstraint("till_id", "receipt_seq"),
    Index("ix_sales_cash_session", "cash_session_id"),
)

# A line and a tender are keyed by their sale and their place in it (migration 0026). A line's catalog text as
# sold is kept once per distinct item (migration 0027, docs/store_size.md): sale_lines is a view of both.
sold_items = Table(
    "sold_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("product_id", Text, ForeignKey("products.id"), nullable=False),
    Column("sku", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("variant", Text, nullable=False),
    Column("maker_id", Text, ForeignKey("makers.id"), nullable=False),
    Column("maker_name", Text, nullable=False),
    Column("tax_class", Text, nullable=False),
    Column("tax_rate", Text, nullable=False),
    UniqueConstraint("product_id", "sku", "name", "variant", "maker_id", "maker_name", "tax_class", "tax_rate"),
)


def _line_amounts() -> list[Column[Any]]:
    return [
        Column("quantity", Integer, nullable=False),
        Column("catalog_unit_price", Integer, nullable=False),
        Column("unit_price", Integer, nullable=False),
        Column("line_discount", Integer, nullable=False),
        Column("cart_discount_share", Integer, nullable=False),
        Column("tax", Integer, nullable=False),
        Column("total", Integer, nullable=False),
        Column("approved_by", Text),
        # The automatic prices apart from the discounts above (migration 0021, docs/pricing_rules.md).
        Column("markdown", Integer, nullable=False, server_default="0"),
        Column("bundle", Integer, nullable=False, server_default="0"),
        Column("markdown_id", Text),
        Column("bundle_ids", Text),  # a JSON list of rule ids
    ]


# A line's own facts and its item. A rowid table: WITHOUT ROWID, SQLite scans it through the item index
# (docs/store_size.md).
sale_line_rows = Table(
    "sale_line_rows",
    metadata,
    Column("sale_id", Text, ForeignKey("sales.id"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("item", Integer, ForeignKey("sold_items.id"), nullable=False),
    *_line_amounts(),
    Index("ix_sale_line_rows_item", "item"),
)

# The view every reader reads and the sale writes (an INSTEAD OF trigger files each line into the two tables
# above): column for column the table it was until migration 0027. On a MetaData of its own: nothing creates it.
sale_lines = Table(
    "sale_lines",
    MetaData(),
    Column("sale_id", Text, primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("product_id", Text, nullable=False),
    Column("sku", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("variant", Text, nullable=False),
    Column("maker_id", Text, nullable=False),
    Column("maker_name", Text, nullable=False),
    Column("tax_class", Text, nullable=False),
    Column("tax_rate", Text, nullable=False),
    *_line_amounts(),
)

sale_tenders = Table(
    "sale_tenders",
    metadata,
    Column("sale_id", Text, ForeignKey("sales.id"), primary_key=True),
    # 1, 2...: the order the tenders were paid in, which is the order a sale reads them back in.
    Column("tender_no", Integer, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("tendered", Integer, nullable=False),
    Column("reference", Text, nullable=False),
    sqlite_with_rowid=False,  # migration 0027: no second B-tree for the key
)

# The movements with a record of their own. A sale's are read from its lines: the view stock_movements
# holds both (migration 0026), and every reader of stock reads the view.
stock_moves = Table(
    "stock_moves",
    metadata,
    id_column(),
    Column("product_id", Text, ForeignKey("products.id"), nullable=False),
    Column("location", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("source_id", Text),
    Column("staff_id", Text),
    Column("created_at", Text, nullable=False),
    Index("ix_stock_moves_product_location", "product_id", "location"),
    Index("ix_stock_moves_created_at", "created_at"),
    Index("ix_stock_moves_source", "source_id"),
)

vouchers = Table(
    "vouchers",
    metadata,
    Column("code", Text, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("currency", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("issued_by", Text),
    Column("issued_at", Text, nullable=False),
    # The sale a gift card was sold on (its receipt prints the code); none for store credit.
    Column("sale_id", Text),
    Index("ix_vouchers_sale_id", "sale_id"),
)

voucher_redemptions = Table(
    "voucher_redemptions",
    metadata,
    id_column(),
    Column("voucher_code", Text, ForeignKey("vouchers.code"), nullable=False),
    Column("sale_id", Text, ForeignKey("sales.id"), nullable=False),
    Column("amount", Integer, nullable=False),
    Column("created_at", Text, nullable=False),
    Index("ix_voucher_redemptions_code", "voucher_code"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("id", Text, nullable=False, unique=True),
    Column("till_id", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("created_at", Text, nullable=False),
    Column("acknowledged_at", Text),
    Column("answer", Text),
    Index("ix_outbox_status_seq", "status", "seq"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("id", Text, nullable=False, unique=True),
    Column("at", Text, nullable=False),
    Column("till_id", Text, nullable=False),
    Column("staff_id", Text),
    Column("action", Text, nullable=False),
    Column("subject", Text, nullable=False),
    Column("details", Text, nullable=False),
    Column("approved_by", Text),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)

print_jobs = Table(
    "print_jobs",
    metadata,
    id_column(),
    Column("created_at", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("source_id", Text),
    Column("document", Text, nullable=False),
    Column("is_copy", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("printed_at", Text),
    Index("ix_print_jobs_status_created", "status", "created_at"),
)

# Where a product's quick key sits on the sell screen; products without a row and without a barcode
# still get a key on their category's page (app/services/quick_keys.py).
quick_keys = Table(
    "quick_keys",
    metadata,
    Column("product_id", Text, ForeignKey("products.id"), primary_key=True),
    Column("page", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("colour", Text, nullable=False),
    Column("updated_at", Text, nullable=False),
)
