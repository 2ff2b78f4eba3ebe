"""A sale's lines without repeated catalog text, its lines and tenders without a second key (docs/store_size.md).

Every sold line repeated the catalog's text as it was at the sale: the
product's and maker's ids, the SKU, name, variant, maker name, tax class and
rate, about 100 bytes a line, and its index on the product repeated the
36-character product id again. Now:

- ``sold_items`` keeps each distinct "as sold" combination once (product,
  SKU, name, variant, maker, maker name, tax class, tax rate), under a small
  integer; a product renamed or re-rated gets a new item, so a line still
  names exactly what it was sold as. Append-only.
- ``sale_line_rows`` keeps a line's own facts (quantity, prices, discounts,
  tax, total, approval, markdown and bundle) with its item, keyed by
  ``(sale_id, line_no)``. ``ix_sale_line_rows_item`` (an integer and a rowid
  a line) lets on hand find a product's sold lines: the product's items, then
  their lines. It stays a rowid table: WITHOUT ROWID would save the key's
  second B-tree (about 30 bytes a sale net, as the item index would then carry
  the sale id), but SQLite then walks the whole table through the item index
  (a lookup per line), which made the staff report's scan of the lines 2.5
  times slower at 100,000 sales. Append-only.
- ``sale_lines`` is a view joining the two, column for column as the table
  was: every reader (a sale's detail, reprints, returns, reports, the CSV
  export, the fact hashes of app/store/facts.py, the view
  ``sale_stock_movements``) reads the same values. A line is written into the
  view as before: an INSTEAD OF trigger adds the item when it is new and the
  line with it, in the sale's transaction. Changing or deleting a line through
  the view is refused as it was ("append-only").
- ``sale_tenders`` is WITHOUT ROWID on the same key: its rows are few and
  small, and nothing else indexes them.

Downgrading writes the lines back into one table with every value and the
product index, and the tenders into a rowid table. The views that name
``sale_lines`` are taken from ``sqlite_master`` and made again as they were.

Revision ID: 0027
Revises: 0026
"""

from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

_ITEM = ("product_id", "sku", "name", "variant", "maker_id", "maker_name", "tax_class", "tax_rate")
_OWN = (
    "quantity",
    "catalog_unit_price",
    "unit_price",
    "line_discount",
    "cart_discount_share",
    "tax",
    "total",
    "approved_by",
    "markdown",
    "bundle",
    "markdown_id",
    "bundle_ids",
)
# The columns of sale_lines in the order the table had them (migrations 0001, 0021, 0026).
_LINE_COLUMNS = ("sale_id", "line_no", *_ITEM, *_OWN)
_OWN_DDL = (
    "quantity INTEGER NOT NULL, catalog_unit_price INTEGER NOT NULL, unit_price INTEGER NOT NULL,"
    " line_discount INTEGER NOT NULL, cart_discount_share INTEGER NOT NULL, tax INTEGER NOT NULL,"
    " total INTEGER NOT NULL, approved_by TEXT, markdown INTEGER DEFAULT '0' NOT NULL,"
    " bundle INTEGER DEFAULT '0' NOT NULL, markdown_id TEXT, bundle_ids TEXT"
)
_SOLD_ITEMS = (
    "CREATE TABLE sold_items (id INTEGER NOT NULL PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products (id),"
    " sku TEXT NOT NULL, name TEXT NOT NULL, variant TEXT NOT NULL, maker_id TEXT NOT NULL REFERENCES makers (id),"
    " maker_name TEXT NOT NULL, tax_class TEXT NOT NULL, tax_rate TEXT NOT NULL,"
    f" UNIQUE ({', '.join(_ITEM)}))"
)
_LINE_ROWS = (
    "CREATE TABLE sale_line_rows (sale_id TEXT NOT NULL REFERENCES sales (id), line_no INTEGER NOT NULL,"
    f" item INTEGER NOT NULL REFERENCES sold_items (id), {_OWN_DDL}, PRIMARY KEY (sale_id, line_no))"
)
# The table as migration 0026 left it.
_LINES_TABLE = (
    "CREATE TABLE sale_lines (sale_id TEXT NOT NULL REFERENCES sales (id), line_no INTEGER NOT NULL,"
    " product_id TEXT NOT NULL REFERENCES products (id), sku TEXT NOT NULL, name TEXT NOT NULL,"
    " variant TEXT NOT NULL, maker_id TEXT NOT NULL REFERENCES makers (id), maker_name TEXT NOT NULL,"
    f" tax_class TEXT NOT NULL, tax_rate TEXT NOT NULL, {_OWN_DDL}, PRIMARY KEY (sale_id, line_no))"
)
_TENDERS_TABLE = (
    "CREATE TABLE sale_tenders_new (sale_id TEXT NOT NULL REFERENCES sales (id), tender_no INTEGER NOT NULL,"
    " kind TEXT NOT NULL, amount INTEGER NOT NULL, tendered INTEGER NOT NULL, reference TEXT NOT NULL,"
    " PRIMARY KEY (sale_id, tender_no)){options}"
)
_TENDER_COLUMNS = "sale_id, tender_no, kind, amount, tendered, reference"
_SAME_ITEM = " AND ".join(f"i.{column} = NEW.{column}" for column in _ITEM)


def _append_only(table: str, when: str = "BEFORE") -> None:
    for change in ("update", "delete"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{change} {when} {change.upper()} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} records are append-only'); END"
        )


def _drop_append_only(table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


def _drop_views_naming_sale_lines() -> list[str]:
    """Drop the views that read sale_lines, the outer ones first; returns their SQL to make them again."""
    views: list[tuple[str, str]] = []
    pending = ["sale_lines"]
    while pending:
        named = pending.pop()
        for name, sql in op.get_bind().exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'view' AND name <> ? AND sql LIKE ? ORDER BY name",
            (named, f"%{named}%"),
        ):
            if name not in {view for view, _ in views}:
                views.append((name, sql))
                pending.append(name)
    for name, _ in reversed(views):
        op.execute(f"DROP VIEW {name}")
    return [sql for _, sql in views]


def _rebuild_tenders(options: str) -> None:
    _drop_append_only("sale_tenders")
    op.execute(_TENDERS_TABLE.format(options=options))
    op.execute(
        f"INSERT INTO sale_tenders_new ({_TENDER_COLUMNS}) SELECT {_TENDER_COLUMNS} FROM sale_tenders"
        " ORDER BY sale_id, tender_no"
    )
    op.execute("DROP TABLE sale_tenders")
    op.execute("ALTER TABLE sale_tenders_new RENAME TO sale_tenders")
    _append_only("sale_tenders")


def upgrade() -> None:
    views = _drop_views_naming_sale_lines()
    _drop_append_only("sale_lines")
    op.execute("DROP INDEX ix_sale_lines_product")
    items = ", ".join(_ITEM)
    op.execute(_SOLD_ITEMS)
    # Items numbered in the order they were first sold.
    op.execute(
        f"INSERT INTO sold_items ({items}) SELECT {items} FROM sale_lines GROUP BY {items}"
        " ORDER BY min(sale_id || printf('.%05d', line_no))"
    )
    op.execute(_LINE_ROWS)
    own = ", ".join(_OWN)
    op.execute(
        f"INSERT INTO sale_line_rows (sale_id, line_no, item, {own})"
        f" SELECT l.sale_id, l.line_no, i.id, {', '.join(f'l.{column}' for column in _OWN)}"
        f" FROM sale_lines l JOIN sold_items i USING ({items}) ORDER BY l.sale_id, l.line_no"
    )
    op.execute("DROP TABLE sale_lines")
    op.execute("CREATE INDEX ix_sale_line_rows_item ON sale_line_rows (item)")
    _append_only("sold_items")
    _append_only("sale_line_rows")
    columns = ", ".join(f"{'i' if column in _ITEM else 'r'}.{column} AS {column}" for column in _LINE_COLUMNS)
    op.execute(f"CREATE VIEW sale_lines AS SELECT {columns} FROM sale_line_rows r JOIN sold_items i ON i.id = r.item")
    # A view has no defaults: a line written without markdown or bundle gets 0, as the table gave it.
    values = ", ".join(f"coalesce(NEW.{c}, 0)" if c in ("markdown", "bundle") else f"NEW.{c}" for c in _OWN)
    op.execute(
        "CREATE TRIGGER sale_lines_insert INSTEAD OF INSERT ON sale_lines BEGIN"
        f" INSERT INTO sold_items ({items}) VALUES ({', '.join(f'NEW.{column}' for column in _ITEM)})"
        " ON CONFLICT DO NOTHING;"
        f" INSERT INTO sale_line_rows (sale_id, line_no, item, {own}) VALUES (NEW.sale_id, NEW.line_no,"
        f" (SELECT i.id FROM sold_items i WHERE {_SAME_ITEM}), {values}); END"
    )
    _append_only("sale_lines", "INSTEAD OF")
    for sql in views:
        op.execute(sql)
    _rebuild_tenders(" WITHOUT ROWID")


def downgrade() -> None:
    _rebuild_tenders("")
    views = _drop_views_naming_sale_lines()
    op.execute("DROP TRIGGER IF EXISTS sale_lines_insert")
    _drop_append_only("sale_lines")
    op.execute("DROP VIEW sale_lines")
    op.execute(_LINES_TABLE)
    columns = ", ".join(_LINE_COLUMNS)
    selected = ", ".join(f"{'i' if column in _ITEM else 'r'}.{column}" for column in _LINE_COLUMNS)
    op.execute(
        f"INSERT INTO sale_lines ({columns}) SELECT {selected}"
        " FROM sale_line_rows r JOIN sold_items i ON i.id = r.item ORDER BY r.sale_id, r.line_no"
    )
    _drop_append_only("sale_line_rows")
    _drop_append_only("sold_items")
    op.execute("DROP INDEX ix_sale_line_rows_item")
    op.execute("DROP TABLE sale_line_rows")
    op.execute("DROP TABLE sold_items")
    _append_only("sale_lines")
    op.execute("CREATE INDEX ix_sale_lines_product ON sale_lines (product_id)")
    for sql in views:
        op.execute(sql)
