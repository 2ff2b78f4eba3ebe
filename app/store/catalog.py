"""Makers, tax classes, products, barcodes and the product search index."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, RowMapping, func, select, text

from app.domain.cart import CartItem
from app.domain.catalog import Maker, TaxClass
from app.store.database import driver
from app.store.schema import barcodes, makers, products, tax_classes

_SEARCH_TOKEN = re.compile(r"\w+", re.UNICODE)
# What search reads of the typed text: as long as the longest product name (MAX_NAME, sync/records/fields.py,
# not imported: it would load pydantic before the sign-in screen).
SEARCH_TEXT_LIMIT = 200

_PRODUCT_COLUMNS = select(
    products.c.id,
    products.c.sku,
    products.c.name,
    products.c.variant,
    products.c.maker_id,
    makers.c.name.label("maker_name"),
    products.c.tax_class,
    tax_classes.c.rate,
    products.c.price,
    products.c.category,
).select_from(products.join(makers).join(tax_classes))


@dataclass(frozen=True, slots=True)
class ProductView:
    item: CartItem
    category: str


@dataclass(frozen=True, slots=True)
class ProductWrite:
    product_id: str
    sku: str
    name: str
    variant: str
    maker_id: str
    tax_class: str
    price: int
    category: str
    barcodes: tuple[str, ...]


def _view(mapping: RowMapping) -> ProductView:
    item = CartItem(
        product_id=str(mapping["id"]),
        sku=str(mapping["sku"]),
        name=str(mapping["name"]),
        variant=str(mapping["variant"]),
        maker_id=str(mapping["maker_id"]),
        maker_name=str(mapping["maker_name"]),
        tax_class=str(mapping["tax_class"]),
        tax_rate=Decimal(str(mapping["rate"])),
        unit_price=int(str(mapping["price"])),
        category=str(mapping["category"]),
    )
    return ProductView(item, item.category)


def search_expression(query: str) -> str | None:
    """An FTS5 query matching every typed word as a prefix ("blu mu" finds "Blue mug")."""
    tokens = _SEARCH_TOKEN.findall(query)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def name_start_pattern(query: str) -> str:
    """A LIKE pattern for a name that starts with the typed text ("maker b" -> "maker b%").

    SQLite's LIKE takes ASCII letters in any case; a typed "%" or "_" is only itself.
    """
    typed = " ".join(query.split())
    return typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class CatalogRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    # Tax classes and makers

    def tax_classes(self) -> dict[str, TaxClass]:
        rows = self._connection.execute(select(tax_classes))
        return {row.code: TaxClass(row.code, row.name, Decimal(row.rate)) for row in rows}

    def add_tax_class(self, tax_class: TaxClass) -> None:
        self._connection.execute(
            tax_classes.insert().values(code=tax_class.code, name=tax_class.name, rate=str(tax_class.rate))
        )

    def makers(self) -> list[Maker]:
        return [Maker(row.id, row.name) for row in self._connection.execute(select(makers).order_by(makers.c.name))]

    def maker_ids(self, names: Iterable[str]) -> dict[str, str]:
        """The ids of the makers of these names that exist, by name: a pulled page reads only its own makers."""
        query = select(makers.c.name, makers.c.id).where(makers.c.name.in_(set(names)))
        return {row.name: row.id for row in self._connection.execute(query)}

    def add_maker(self, maker: Maker) -> None:
        self._connection.execute(makers.insert().values(id=maker.maker_id, name=maker.name))

    # Products

    def product_count(self) -> int:
        return int(self._connection.scalar(select(func.count()).select_from(products)) or 0)

    def product_ids_by_sku(self, skus: Iterable[str] | None = None) -> dict[str, str]:
        query = select(products.c.sku, products.c.id)
        if skus is not None:
            query = query.where(products.c.sku.in_(list(skus)))
        return {row.sku: row.id for row in self._connection.execute(query)}

    def barcode_owners(self, codes: Sequence[str]) -> dict[str, str]:
        """For each code already in the catalog, the SKU of the product that carries it."""
        owners: dict[str, str] = {}
        for start in range(0, len(codes), 500):
            chunk = list(codes[start : start + 500])
            query = select(barcodes.c.code, products.c.sku).join(products).where(barcodes.c.code.in_(chunk))
            owners.update({row.code: row.sku for row in self._connection.execute(query)})
        return owners

    def by_code(self, code: str) -> ProductView | None:
        """A product by one of its barcodes, or else by its SKU."""
        barcode_match = select(barcodes.c.product_id).where(barcodes.c.code == code).scalar_subquery()
        row = self._connection.execute(_PRODUCT_COLUMNS.where(products.c.id == barcode_match)).first()
        if row is None:
            row = self._connection.execute(_PRODUCT_COLUMNS.where(products.c.sku == code)).first()
        return _view(row._mapping) if row is not None else None

    def by_id(self, product_id: str) -> ProductView | None:
        row = self._connection.execute(_PRODUCT_COLUMNS.where(products.c.id == product_id)).first()
        return _view(row._mapping) if row is not None else None

    def search(self, query: str, limit: int = 30) -> list[ProductView]:
        """The first ``limit`` products in catalog order that match every typed word as a prefix.

        Shown with those whose name starts with the typed text first, then by
        name and variant. FTS5 gives its matches in rowid order and reads a
        prefix of up to 8 letters lazily from its prefix indexes (migration
        0028), so the limit stops it after ``limit`` rows however many products
        match (docs/benchmarks.md, "Search at a million products").
        """
        # A scanner that sends a page of garbage into the field costs one short query, not an FTS5
        # expression of thousands of words.
        query = query[:SEARCH_TEXT_LIMIT]
        expression = search_expression(query)
        if expression is None:
            return []
        matches = text("SELECT rowid FROM product_search WHERE product_search MATCH :expression LIMIT :limit")
        rowids = [row[0] for row in self._connection.execute(matches, {"expression": expression, "limit": limit})]
        if not rowids:
            return []
        rows = self._connection.execute(
            _PRODUCT_COLUMNS.where(text("products.rowid IN (SELECT value FROM json_each(:ids))")).order_by(
                products.c.name.like(name_start_pattern(query), escape="\\").desc(), products.c.name, products.c.variant
            ),
            {"ids": "[" + ",".join(str(rowid) for rowid in rowids) + "]"},
        )
        return [_view(row._mapping) for row in rows]

    def without_barcode(self, limit: int) -> list[ProductView]:
        """Products sold by a quick key (a cup of coffee, a keyring): they carry no barcode to scan."""
        no_barcode = ~select(barcodes.c.code).where(barcodes.c.product_id == products.c.id).exists()
        rows = self._connection.execute(
            _PRODUCT_COLUMNS.where(no_barcode).order_by(products.c.category, products.c.name).limit(limit)
        )
        return [_view(row._mapping) for row in rows]

    def all_products(self) -> list[ProductView]:
        rows = self._connection.execute(_PRODUCT_COLUMNS.order_by(products.c.category, products.c.name))
        return [_view(row._mapping) for row in rows]

    def release_barcodes(self, codes: Sequence[str]) -> None:
        """Take these barcodes off whatever product holds them (the hub's catalog moved them)."""
        # One statement through the driver: a pulled page releases a thousand codes, and
        # SQLAlchemy would render an IN list of a thousand parameters for it on every page.
        driver(self._connection).execute(f"DELETE FROM barcodes WHERE code IN {_JSON_LIST}", (json.dumps(codes),))

    def upsert_products(
        self, writes: Sequence[ProductWrite], updated_at: str, unindexed: set[int] | None = None
    ) -> None:
        """Insert new products and update known ones (matched by SKU), with barcodes and search index.

        A known product keeps its id: ``product_id`` is the id of a new one.
        Bulk statements go through the sqlite3 driver, many rows to a statement:
        a 100,000-product catalog (an import, or a first pull from the hub) is a
        few hundred statements.

        With ``unindexed``, the products' search entries are not written: their
        rowids are added to it, for ``index_for_search`` before the commit (a
        pull indexes its whole transaction's products in one statement).
        """
        if not writes:
            return
        db = driver(self._connection)
        # Rowids only grow: a product stored above the largest one before this write
        # is new, and has no barcodes and no search entry to take away.
        newest = int(db.execute("SELECT coalesce(max(rowid), 0) FROM products").fetchone()[0])
        _insert_rows(
            db,
            "INSERT INTO products (id, sku, name, variant, maker_id, tax_class, price, category, updated_at)",
            [
                (w.product_id, w.sku, w.name, w.variant, w.maker_id, w.tax_class, w.price, w.category, updated_at)
                for w in writes
            ],
            " ON CONFLICT (sku) DO UPDATE SET name = excluded.name, variant = excluded.variant,"
            " maker_id = excluded.maker_id, tax_class = excluded.tax_class, price = excluded.price,"
            " category = excluded.category, updated_at = excluded.updated_at",
        )
        # Each product's stored id, its rowid (the search index's key) and its maker's name, in one statement.
        stored = {
            sku: (product_id, rowid, maker)
            for sku, product_id, rowid, maker in db.execute(
                "SELECT p.sku, p.id, p.rowid, m.name FROM products p JOIN makers m ON m.id = p.maker_id"
                f" WHERE p.sku IN {_JSON_LIST}",
                (json.dumps([write.sku for write in writes]),),
            )
        }
        known = [stored[write.sku] for write in writes if stored[write.sku][1] <= newest]
        if known:
            db.execute(
                f"DELETE FROM barcodes WHERE product_id IN {_JSON_LIST}",
                (json.dumps([product_id for product_id, _, _ in known]),),
            )
            db.execute(
                f"DELETE FROM product_search WHERE rowid IN {_JSON_LIST}",
                (json.dumps([rowid for _, rowid, _ in known]),),
            )
        _insert_rows(
            db,
            "INSERT INTO barcodes (code, product_id)",
            [(code, stored[write.sku][0]) for write in writes for code in write.barcodes],
        )
        if unindexed is not None:
            unindexed.update(stored[w.sku][1] for w in writes)
            return
        # The search index is keyed by the product's rowid; the store is never
        # VACUUMed, so rowids are stable. Its rows go in as values, many to a
        # statement: FTS5 writes its pending terms out at every statement that
        # could fail halfway, and one INSERT ... SELECT per product made each
        # product a segment to merge again (five times the cost).
        _insert_rows(
            db,
            "INSERT INTO product_search (rowid, name, variant, sku, maker, category)",
            [(stored[w.sku][1], w.name, w.variant, w.sku, stored[w.sku][2], w.category) for w in writes],
        )

    def index_for_search(self, rowids: set[int]) -> None:
        """The search entries of the products of these rowids, as they are stored now, in one statement.

        FTS5 writes its pending terms out as a segment at every statement that
        could fail halfway, and merges segments as they pile up: a pull's
        transaction of eight pages is one segment this way, not eight (half the
        index's cost). Ascending rowids, or FTS5 writes out a segment at each
        step back.
        """
        if not rowids:
            return
        driver(self._connection).execute(
            "INSERT INTO product_search (rowid, name, variant, sku, maker, category)"
            " SELECT p.rowid, p.name, p.variant, p.sku, m.name, p.category"
            f" FROM {_JSON_LIST} AS wanted CROSS JOIN products p ON p.rowid = wanted.value"
            " JOIN makers m ON m.id = p.maker_id ORDER BY p.rowid",
            (json.dumps(sorted(rowids)),),
        )


# The values of a JSON list bound as the one parameter: one cached statement for any number of them.
_JSON_LIST = "(SELECT value FROM json_each(?))"
# Rows to one INSERT at most, so that a statement stays a few hundred kilobytes of SQL.
_ROWS_PER_INSERT = 1000


def _insert_rows(db: sqlite3.Connection, insert: str, rows: Sequence[tuple[object, ...]], conflict: str = "") -> None:
    """``insert`` VALUES for all ``rows``, as many to a statement as SQLite takes.

    Not executemany: it takes the GIL back after every row, so while another
    thread of the process runs Python (a pull fetches its next page as it
    writes this one) each row waits for it, ten times the time in all.
    """
    if not rows:
        return
    width = len(rows[0])
    per_statement = max(1, min(_ROWS_PER_INSERT, db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width))
    row = f"({', '.join(['?'] * width)})"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        db.execute(
            f"{insert} VALUES {', '.join([row] * len(chunk))}{conflict}", [v for values in chunk for v in values]
        )
