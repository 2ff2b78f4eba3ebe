"""Search as you type finds what it found before the longer prefix indexes (migration 0028).

A typed prefix of up to 8 letters is read lazily from its own FTS5 prefix index,
a longer one still by merging its terms: either way the search must give the
first products in catalog order that match every typed word as a prefix, shown
with a name that starts with the typed text first. An independent reading of
the products (plain Python over the stored rows) is the yardstick.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlalchemy import text

from app.services import carts
from app.services.catalog import import_catalog, search_products
from app.services.custom_amount import CustomAmount, add_custom_amount
from app.store.catalog import SEARCH_TEXT_LIMIT
from app.store.database import head_revision
from tests.bench.catalog_gen import catalog_csv
from tests.conftest import DemoTill
from tests.integration.store_migrations import migrate

TYPED = ["speckled mug", "walnut board", "gen-0421", "maker birch", "generated", "makeup b", "oak spoon 7"]
PREFIXES = sorted({text_[:n] for text_ in TYPED for n in range(1, len(text_) + 1) if text_[:n].strip()})
WORD = re.compile(r"\w+")
EARLY = b"""sku,name,variant,maker,category,tax_class,price,barcodes
MKP-001,Makeup bag,linen,Maker Alder,Bags,standard,12.00,
"""


@pytest.fixture
def catalog(demo: DemoTill) -> DemoTill:
    """The demo till, a bag named "Makeup bag", then 400 generated products: every one made by a "Maker ..."."""
    import_catalog(EARLY, demo.manager, demo.till.uow())
    import_catalog(catalog_csv(400), demo.manager, demo.till.uow())
    return demo


def searchable(demo: DemoTill) -> list[tuple[str, list[str]]]:
    """Each product in the search index, in catalog order: its SKU and the words of its fields, lower case."""
    with sqlite3.connect(demo.till.store_path) as db:
        rows = db.execute(
            "SELECT p.sku, p.name, p.variant, m.name, p.category FROM products p JOIN makers m ON m.id = p.maker_id"
            " WHERE p.rowid IN (SELECT rowid FROM product_search) ORDER BY p.rowid"
        ).fetchall()
    return [(row[0], WORD.findall(" ".join(row).lower())) for row in rows]


def expected(products: list[tuple[str, list[str]]], typed: str, limit: int = 30) -> set[str]:
    tokens = WORD.findall(typed.lower())
    found = [sku for sku, words in products if all(any(w.startswith(t) for w in words) for t in tokens)]
    return set(found[:limit])


def found(demo: DemoTill, typed: str) -> list[str]:
    return [view.item.sku for view in search_products(typed, demo.till.uow())]


def test_every_typed_prefix_finds_the_first_matching_products_in_catalog_order(catalog: DemoTill) -> None:
    products = searchable(catalog)
    for typed in PREFIXES:
        assert set(found(catalog, typed)) == expected(products, typed), typed
    # Prefixes that most of the catalog shares, short and long: 30 of them, none twice.
    for typed in ("m", "mak", "make", "maker", "maker b", "generat", "generated"):
        skus = found(catalog, typed)
        assert len(skus) == len(set(skus)) == 30, typed


def test_a_long_prefix_shared_by_most_of_the_catalog_lists_the_name_that_starts_with_it_first(
    catalog: DemoTill,
) -> None:
    for typed in ("make", "MAKEU", "makeup", "Makeup  b"):
        results = search_products(typed, catalog.till.uow())
        assert results[0].item.name == "Makeup bag", typed
        rest = [(view.item.name, view.item.variant) for view in results[1:]]
        assert rest == sorted(rest), "then by name and variant"
    assert found(catalog, "makeup b") == ["MKP-001"]
    # A name that does not start with the text is still found by its other words.
    assert "MKP-001" in found(catalog, "bag linen")
    # "_" and "%" are the typed characters, not LIKE's wildcards: "mak_" is no start of "Makeup bag".
    shown = [(view.item.name, view.item.variant) for view in search_products("mak_", catalog.till.uow())]
    assert ("Makeup bag", "linen") in shown
    assert shown == sorted(shown)


def prefix_option(demo: DemoTill) -> str:
    with sqlite3.connect(demo.till.store_path) as db:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'product_search'").fetchone()[0]
    option = re.search(r"prefix\s*=\s*'([^']*)'", sql)
    assert option is not None
    return option.group(1)


def index_rows(demo: DemoTill) -> list[tuple[object, ...]]:
    with sqlite3.connect(demo.till.store_path) as db:
        return db.execute("SELECT rowid, * FROM product_search ORDER BY rowid").fetchall()


def test_the_migration_rebuilds_the_index_with_the_same_entries_both_ways(catalog: DemoTill) -> None:
    cart_id = carts.current_cart(catalog.cashier, catalog.till.uow()).cart.cart_id
    add_custom_amount(cart_id, CustomAmount("5", "standard"), catalog.cashier, catalog.till.uow())
    entries = index_rows(catalog)
    answers = {typed: found(catalog, typed) for typed in PREFIXES}
    assert prefix_option(catalog) == "1 2 3 4 5 6 7 8"

    migrate(catalog, "0027", downgrade=True)
    assert prefix_option(catalog) == "1 2 3"
    assert index_rows(catalog) == entries
    assert {typed: found(catalog, typed) for typed in PREFIXES} == answers

    migrate(catalog, head_revision() or "head")
    assert prefix_option(catalog) == "1 2 3 4 5 6 7 8"
    assert index_rows(catalog) == entries
    assert {typed: found(catalog, typed) for typed in PREFIXES} == answers
    assert search_products("custom", catalog.till.uow()) == [], "kept out of search, as before"
    with catalog.till.engine.begin() as connection:
        connection.execute(text("INSERT INTO product_search (product_search) VALUES ('integrity-check')"))
        tables = connection.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'product_search_before%'"))
        assert tables.all() == []


def test_a_page_of_garbage_typed_into_search_is_read_as_its_first_characters(demo: DemoTill) -> None:
    """A scanner that floods the field: search reads the text's start, answers, and raises nothing."""
    flooded = "speckled mug" + " " * SEARCH_TEXT_LIMIT + " nowhere" * 50_000
    wanted = search_products("speckled mug", demo.till.uow())
    assert wanted and search_products(flooded, demo.till.uow()) == wanted
    assert search_products("speckled mug " + "x7" * 50_000, demo.till.uow()) == []
