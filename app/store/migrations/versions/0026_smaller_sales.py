"""A sale kept in fewer bytes, every fact of it kept (docs/store_size.md).

A sale's stock movements are read from its lines instead of being written
twice. Every sale wrote one ``stock_movements`` row per line that the line
already said: the product, minus the quantity, the sale, its staff member and
its moment. Those rows and their three indexes were about 1 KB of each sale.
Now:

- ``sales.stock_location`` keeps where the goods left the shelf (the till's
  location at the sale), the one fact of a sale movement its lines lack;
- ``stock_moves`` is the table of the movements that have their own record
  (goods in, returns, pickups, counts, transfers, quality decisions), still
  append-only;
- ``sale_stock_movements`` is a view: one movement per sold line, custom
  amounts left out as the sale always left them out (sync/custom_lines.py);
- ``stock_movements`` is a view of both, so every reader (on hand, the stock
  count, the CSV export, a sale's audit hash) sees the same movements as before,
  and ``ix_sale_lines_product`` lets on hand find a product's sold lines.

A stored sale movement is removed only when all of its sale's stored movements
are exactly the ones its lines give, in order. A sale whose stored movements
differ (only a store altered by hand has one) keeps them: they then stand beside
the derived ones, and the sale's audit hash no longer matches, which is how
``popup-pos audit verify`` shows it.

A sale's lines and tenders are keyed by the sale and their place in it: the
random ids they carried were never read (a return names a line by its number
and a tender by its index) and cost an id and an index each. A tender's
``tender_no`` follows the order of its old id, which was the order it was paid in.

Revision ID: 0026
Revises: 0025
"""

from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

_CUSTOM = "substr({sku}, 1, 14) <> 'CUSTOM-AMOUNT.'"
_LINE_COLUMNS = (
    "sale_id, line_no, product_id, sku, name, variant, maker_id, maker_name, tax_class, tax_rate, quantity,"
    " catalog_unit_price, unit_price, line_discount, cart_discount_share, tax, total, approved_by, markdown, bundle,"
    " markdown_id, bundle_ids"
)
_LINES_TABLE = (
    "CREATE TABLE {name} ({id}sale_id TEXT NOT NULL REFERENCES sales (id), line_no INTEGER NOT NULL,"
    " product_id TEXT NOT NULL REFERENCES products (id), sku TEXT NOT NULL, name TEXT NOT NULL,"
    " variant TEXT NOT NULL, maker_id TEXT NOT NULL REFERENCES makers (id), maker_name TEXT NOT NULL,"
    " tax_class TEXT NOT NULL, tax_rate TEXT NOT NULL, quantity INTEGER NOT NULL,"
    " catalog_unit_price INTEGER NOT NULL, unit_price INTEGER NOT NULL, line_discount INTEGER NOT NULL,"
    " cart_discount_share INTEGER NOT NULL, tax INTEGER NOT NULL, total INTEGER NOT NULL, approved_by TEXT,"
    " markdown INTEGER DEFAULT '0' NOT NULL, bundle INTEGER DEFAULT '0' NOT NULL, markdown_id TEXT, bundle_ids TEXT,"
    " {key})"
)
_TENDER_COLUMNS = "sale_id, kind, amount, tendered, reference"
_TENDERS_TABLE = (
    "CREATE TABLE {name} ({id}sale_id TEXT NOT NULL REFERENCES sales (id), {number}kind TEXT NOT NULL,"
    " amount INTEGER NOT NULL, tendered INTEGER NOT NULL, reference TEXT NOT NULL{key})"
)
_COLUMNS = "id, product_id, location, kind, quantity, source_id, staff_id, created_at"


def _append_only(table: str) -> None:
    for change in ("update", "delete"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{change} BEFORE {change.upper()} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} records are append-only'); END"
        )


def _drop_append_only(table: str) -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
    op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


def _rebuild(table: str, create: str, columns: str, selected: str, order: str) -> None:
    """Copy a fact table into its new shape; its guards go with the old table and come back on the new one."""
    op.execute(create.format(name=f"{table}_new"))
    op.execute(f"INSERT INTO {table}_new ({columns}) SELECT {selected} FROM {table} ORDER BY {order}")
    op.execute(f"DROP TABLE {table}")
    op.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
    _append_only(table)


def _create_views() -> None:
    # A movement's id is its sale's and its line number's: in the order of the lines, as a sale's hash reads them.
    op.execute(
        "CREATE VIEW sale_stock_movements AS SELECT printf('%s.%05d', l.sale_id, l.line_no) AS id,"
        " l.product_id AS product_id,"
        " s.stock_location AS location, 'sale' AS kind, -l.quantity AS quantity, l.sale_id AS source_id,"
        " s.staff_id AS staff_id, s.created_at AS created_at"
        f" FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE {_CUSTOM.format(sku='l.sku')}"
    )
    op.execute(
        f"CREATE VIEW stock_movements AS SELECT {_COLUMNS} FROM stock_moves"
        f" UNION ALL SELECT {_COLUMNS} FROM sale_stock_movements"
    )


def upgrade() -> None:
    op.execute("ALTER TABLE sales ADD COLUMN stock_location TEXT")
    op.execute("DROP TRIGGER IF EXISTS sales_no_update")
    op.execute(
        "UPDATE sales SET stock_location = (SELECT m.location FROM stock_movements m"
        " WHERE m.source_id = sales.id AND m.kind = 'sale' ORDER BY m.id LIMIT 1)"
    )
    op.execute(
        "CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales "
        "BEGIN SELECT RAISE(ABORT, 'sales records are append-only'); END"
    )
    op.execute(
        "CREATE TEMP TABLE derivable_sales AS"
        " WITH stored AS (SELECT source_id, product_id, location, quantity, staff_id, created_at,"
        "  row_number() OVER (PARTITION BY source_id ORDER BY id) AS n FROM stock_movements WHERE kind = 'sale'),"
        " derived AS (SELECT l.sale_id AS source_id, l.product_id, s.stock_location AS location,"
        "  -l.quantity AS quantity, s.staff_id, s.created_at,"
        "  row_number() OVER (PARTITION BY l.sale_id ORDER BY l.line_no) AS n"
        f"  FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE {_CUSTOM.format(sku='l.sku')}),"
        " matched AS (SELECT stored.source_id, count(*) AS rows FROM stored JOIN derived"
        "  ON derived.source_id = stored.source_id AND derived.n = stored.n AND derived.product_id = stored.product_id"
        "  AND derived.location IS stored.location AND derived.quantity = stored.quantity"
        "  AND derived.staff_id IS stored.staff_id AND derived.created_at = stored.created_at"
        "  GROUP BY stored.source_id)"
        " SELECT matched.source_id AS sale_id FROM matched"
        " WHERE matched.rows = (SELECT count(*) FROM stored WHERE stored.source_id = matched.source_id)"
        " AND matched.rows = (SELECT count(*) FROM derived WHERE derived.source_id = matched.source_id)"
    )
    _drop_append_only("stock_movements")
    op.execute("DELETE FROM stock_movements WHERE kind = 'sale' AND source_id IN (SELECT sale_id FROM derivable_sales)")
    op.execute("DROP TABLE derivable_sales")
    for index in ("product_location", "created_at", "source"):
        op.execute(f"DROP INDEX ix_stock_movements_{index}")
    op.execute("ALTER TABLE stock_movements RENAME TO stock_moves")
    _append_only("stock_moves")
    op.execute("CREATE INDEX ix_stock_moves_product_location ON stock_moves (product_id, location)")
    op.execute("CREATE INDEX ix_stock_moves_created_at ON stock_moves (created_at)")
    op.execute("CREATE INDEX ix_stock_moves_source ON stock_moves (source_id)")
    _rebuild(
        "sale_lines",
        _LINES_TABLE.format(name="{name}", id="", key="PRIMARY KEY (sale_id, line_no)"),
        _LINE_COLUMNS,
        _LINE_COLUMNS,
        "sale_id, line_no",
    )
    op.execute("CREATE INDEX ix_sale_lines_product ON sale_lines (product_id)")
    _rebuild(
        "sale_tenders",
        _TENDERS_TABLE.format(
            name="{name}", id="", number="tender_no INTEGER NOT NULL, ", key=", PRIMARY KEY (sale_id, tender_no)"
        ),
        f"tender_no, {_TENDER_COLUMNS}",
        f"row_number() OVER (PARTITION BY sale_id ORDER BY id), {_TENDER_COLUMNS}",
        "sale_id, id",
    )
    _create_views()


def downgrade() -> None:
    op.execute("DROP VIEW stock_movements")
    _drop_append_only("stock_moves")
    op.execute(f"INSERT INTO stock_moves ({_COLUMNS}) SELECT {_COLUMNS} FROM sale_stock_movements")
    op.execute("DROP VIEW sale_stock_movements")
    op.execute("DROP INDEX ix_sale_lines_product")
    # The ids a downgraded store gets back are made of the sale's id and the row's place in it.
    _rebuild(
        "sale_lines",
        _LINES_TABLE.format(name="{name}", id="id TEXT NOT NULL PRIMARY KEY, ", key="UNIQUE (sale_id, line_no)"),
        f"id, {_LINE_COLUMNS}",
        f"printf('%s.%05d', sale_id, line_no), {_LINE_COLUMNS}",
        "sale_id, line_no",
    )
    _rebuild(
        "sale_tenders",
        _TENDERS_TABLE.format(name="{name}", id="id TEXT NOT NULL PRIMARY KEY, ", number="", key=""),
        f"id, {_TENDER_COLUMNS}",
        f"printf('%s.%02d', sale_id, tender_no), {_TENDER_COLUMNS}",
        "sale_id, tender_no",
    )
    op.execute("CREATE INDEX ix_sale_tenders_sale_id ON sale_tenders (sale_id)")
    for index in ("product_location", "created_at", "source"):
        op.execute(f"DROP INDEX ix_stock_moves_{index}")
    op.execute("ALTER TABLE stock_moves RENAME TO stock_movements")
    _append_only("stock_movements")
    op.execute("CREATE INDEX ix_stock_movements_product_location ON stock_movements (product_id, location)")
    op.execute("CREATE INDEX ix_stock_movements_created_at ON stock_movements (created_at)")
    op.execute("CREATE INDEX ix_stock_movements_source ON stock_movements (source_id) WHERE kind != 'sale'")
    op.execute("DROP TRIGGER IF EXISTS sales_no_update")
    op.execute("ALTER TABLE sales DROP COLUMN stock_location")
    op.execute(
        "CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales "
        "BEGIN SELECT RAISE(ABORT, 'sales records are append-only'); END"
    )
