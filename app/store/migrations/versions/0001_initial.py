"""The first store: catalog, staff, carts, sales, stock, vouchers, outbox and audit.

Revision ID: 0001
Revises:
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Primary keys say NOT NULL: SQLite otherwise lets a non-integer primary key hold NULL.
TABLES = """
CREATE TABLE settings (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE events (
    id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, place TEXT NOT NULL,
    starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
    currency TEXT NOT NULL, locale TEXT NOT NULL, prices_include_tax INTEGER NOT NULL,
    cash_rounding_step INTEGER NOT NULL, discount_limit_percent TEXT NOT NULL);
CREATE TABLE tills (
    id TEXT NOT NULL PRIMARY KEY, code TEXT NOT NULL UNIQUE, event_id TEXT NOT NULL REFERENCES events (id),
    location TEXT NOT NULL, last_receipt_seq INTEGER NOT NULL);
CREATE TABLE tax_classes (code TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, rate TEXT NOT NULL);
CREATE TABLE makers (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE products (
    id TEXT NOT NULL PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, variant TEXT NOT NULL,
    maker_id TEXT NOT NULL REFERENCES makers (id), tax_class TEXT NOT NULL REFERENCES tax_classes (code),
    price INTEGER NOT NULL, category TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE barcodes (code TEXT NOT NULL PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products (id));
CREATE INDEX ix_barcodes_product_id ON barcodes (product_id);
CREATE TABLE staff (
    id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE carts (
    id TEXT NOT NULL PRIMARY KEY, till_id TEXT NOT NULL REFERENCES tills (id), staff_id TEXT NOT NULL REFERENCES staff (id),
    status TEXT NOT NULL CHECK (status IN ('open', 'parked')), label TEXT NOT NULL, content TEXT NOT NULL,
    updated_at TEXT NOT NULL);
CREATE TABLE sales (
    id TEXT NOT NULL PRIMARY KEY, receipt_no TEXT NOT NULL UNIQUE, receipt_seq INTEGER NOT NULL,
    till_id TEXT NOT NULL REFERENCES tills (id), event_id TEXT NOT NULL REFERENCES events (id),
    staff_id TEXT NOT NULL REFERENCES staff (id), cart_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
    currency TEXT NOT NULL, prices_include_tax INTEGER NOT NULL, subtotal INTEGER NOT NULL,
    discount_total INTEGER NOT NULL, tax_total INTEGER NOT NULL, total INTEGER NOT NULL,
    rounding INTEGER NOT NULL, change_given INTEGER NOT NULL, cart_discount_approved_by TEXT,
    UNIQUE (till_id, receipt_seq));
CREATE TABLE sale_lines (
    id TEXT NOT NULL PRIMARY KEY, sale_id TEXT NOT NULL REFERENCES sales (id), line_no INTEGER NOT NULL,
    product_id TEXT NOT NULL REFERENCES products (id), sku TEXT NOT NULL, name TEXT NOT NULL,
    variant TEXT NOT NULL, maker_id TEXT NOT NULL REFERENCES makers (id), maker_name TEXT NOT NULL,
    tax_class TEXT NOT NULL, tax_rate TEXT NOT NULL, quantity INTEGER NOT NULL,
    catalog_unit_price INTEGER NOT NULL, unit_price INTEGER NOT NULL, line_discount INTEGER NOT NULL,
    cart_discount_share INTEGER NOT NULL, tax INTEGER NOT NULL, total INTEGER NOT NULL, approved_by TEXT,
    UNIQUE (sale_id, line_no));
CREATE TABLE sale_tenders (
    id TEXT NOT NULL PRIMARY KEY, sale_id TEXT NOT NULL REFERENCES sales (id), kind TEXT NOT NULL,
    amount INTEGER NOT NULL, tendered INTEGER NOT NULL, reference TEXT NOT NULL);
CREATE INDEX ix_sale_tenders_sale_id ON sale_tenders (sale_id);
CREATE TABLE stock_movements (
    id TEXT NOT NULL PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products (id), location TEXT NOT NULL,
    kind TEXT NOT NULL, quantity INTEGER NOT NULL, source_id TEXT, staff_id TEXT, created_at TEXT NOT NULL);
CREATE INDEX ix_stock_movements_product_location ON stock_movements (product_id, location);
CREATE TABLE vouchers (
    code TEXT NOT NULL PRIMARY KEY, id TEXT NOT NULL UNIQUE, currency TEXT NOT NULL, amount INTEGER NOT NULL,
    source TEXT NOT NULL, issued_by TEXT, issued_at TEXT NOT NULL);
CREATE TABLE voucher_redemptions (
    id TEXT NOT NULL PRIMARY KEY, voucher_code TEXT NOT NULL REFERENCES vouchers (code),
    sale_id TEXT NOT NULL REFERENCES sales (id), amount INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX ix_voucher_redemptions_code ON voucher_redemptions (voucher_code);
CREATE TABLE outbox (
    seq INTEGER NOT NULL PRIMARY KEY, id TEXT NOT NULL UNIQUE, till_id TEXT NOT NULL, type TEXT NOT NULL,
    schema_version INTEGER NOT NULL, payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'acknowledged', 'needs_attention')),
    attempts INTEGER NOT NULL, last_error TEXT, created_at TEXT NOT NULL, acknowledged_at TEXT);
CREATE INDEX ix_outbox_status_seq ON outbox (status, seq);
CREATE TABLE audit_log (
    seq INTEGER NOT NULL PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, till_id TEXT NOT NULL,
    staff_id TEXT, action TEXT NOT NULL, subject TEXT NOT NULL, details TEXT NOT NULL, approved_by TEXT,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
"""

# Search-as-you-type over 100,000 products: an FTS5 index whose rowid is the
# product's rowid, with prefix indexes so that a 1-3 letter prefix stays fast.
SEARCH_INDEX = """
CREATE VIRTUAL TABLE product_search USING fts5(
    name, variant, sku, maker, category,
    prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2')
"""

# Facts are append-only (docs/architecture.md): the database itself refuses to
# change or delete them, so a bug or a hand-edit cannot rewrite history.
APPEND_ONLY = (
    "sales",
    "sale_lines",
    "sale_tenders",
    "stock_movements",
    "vouchers",
    "voucher_redemptions",
    "audit_log",
)


def _statements(script: str) -> list[str]:
    return [statement.strip() for statement in script.split(";") if statement.strip()]


def upgrade() -> None:
    for statement in _statements(TABLES):
        op.execute(statement)
    op.execute(SEARCH_INDEX)
    for table in APPEND_ONLY:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} records are append-only'); END"
            )
    op.execute(
        "CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox "
        "BEGIN SELECT RAISE(ABORT, 'outbox records are never deleted'); END"
    )
    op.execute(
        "CREATE TRIGGER outbox_fixed_content BEFORE UPDATE OF seq, id, till_id, type, schema_version, payload "
        "ON outbox BEGIN SELECT RAISE(ABORT, 'an outbox record''s content never changes'); END"
    )


def downgrade() -> None:
    raise NotImplementedError("The first store cannot be downgraded: restore a backup instead.")
