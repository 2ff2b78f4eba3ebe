"""A sale's lines keep their catalog text once per item (migration 0027, docs/store_size.md).

``sale_lines`` is a view of ``sale_line_rows`` (a line's own facts) and
``sold_items`` (what it was sold as): readers and the sale's insert see the
table it was. The migration moves every line there and back with every value,
and the audit trail verifies on both sides.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.audit import verify_audit_trail
from app.services.custom_amount import CustomAmount, add_custom_amount
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.stock import on_hand
from app.store.database import head_revision
from tests.conftest import DemoTill
from tests.integration.store_filling import sell_round
from tests.integration.store_migrations import migrate, rows

LINES = "SELECT * FROM sale_lines ORDER BY sale_id, line_no"
TENDERS = "SELECT * FROM sale_tenders ORDER BY sale_id, tender_no"
MOVED = "SELECT * FROM stock_movements ORDER BY id"


def sell(demo: DemoTill, codes: list[str], custom: str | None = None) -> SaleCompleted:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    for code in codes:
        state = carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    if custom is not None:
        state = add_custom_amount(cart_id, CustomAmount(custom, "standard", "gift wrap"), demo.cashier, demo.till.uow())
    total = state.priced.total
    tenders = (Tender(TenderKind.CARD, 500, "TRM-9"), Tender(TenderKind.CASH, total - 500 + 200))
    return complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())


def rename(demo: DemoTill, sku: str, name: str) -> None:
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute("UPDATE products SET name = ? WHERE sku = ?", (name, sku))


def test_a_line_names_what_it_was_sold_as_and_each_item_is_kept_once(demo: DemoTill) -> None:
    first = sell(demo, ["BER-003", "KAF-003", "BER-003"])
    again = sell(demo, ["KAF-003"])
    rename(demo, "KAF-003", "Coffee beans, new roast")
    renamed = sell(demo, ["KAF-003"], custom="3.50")

    names = rows(demo, "SELECT sale_id, name FROM sale_lines WHERE sku = 'KAF-003' ORDER BY sale_id, line_no")
    assert names == sorted(
        [(first.sale_id, "Coffee beans"), (again.sale_id, "Coffee beans"), (renamed.sale_id, "Coffee beans, new roast")]
    )
    # BER-003 twice in one sale and KAF-003 in two sales are one item each; the renamed coffee is a new one.
    items = rows(demo, "SELECT sku, name FROM sold_items ORDER BY id")
    assert [sku for sku, _ in items].count("KAF-003") == 2 and [sku for sku, _ in items].count("BER-003") == 1
    assert rows(demo, "SELECT count(*) FROM sale_line_rows") == rows(demo, "SELECT count(*) FROM sale_lines")
    assert rows(demo, f"SELECT count(*) FROM sale_lines WHERE sale_id = '{renamed.sale_id}'") == [(2,)]
    assert verify_audit_trail(demo.till.uow()).problems == ()


def test_lines_items_and_tenders_stay_append_only(demo: DemoTill) -> None:
    sell(demo, ["BER-003"])
    with sqlite3.connect(demo.till.store_path) as db:
        for statement in (
            "UPDATE sale_lines SET quantity = 5",
            "DELETE FROM sale_lines",
            "UPDATE sale_line_rows SET quantity = 5",
            "DELETE FROM sale_line_rows",
            "UPDATE sold_items SET name = 'x'",
            "DELETE FROM sold_items",
            "UPDATE sale_tenders SET amount = 1",
            "DELETE FROM sale_tenders",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(statement)


def test_a_line_written_without_its_automatic_prices_gets_zero_as_the_table_gave(demo: DemoTill) -> None:
    sale = sell(demo, ["BER-003"])
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, variant, maker_id, maker_name,"
            " tax_class, tax_rate, quantity, catalog_unit_price, unit_price, line_discount, cart_discount_share,"
            " tax, total) SELECT sale_id, 9, product_id, sku, name, variant, maker_id, maker_name, tax_class,"
            " tax_rate, 1, 100, 100, 0, 0, 8, 100 FROM sale_lines WHERE sale_id = ?",
            (sale.sale_id,),
        )
        assert db.execute("SELECT markdown, bundle FROM sale_lines WHERE line_no = 9").fetchall() == [(0, 0)]
        assert db.execute("SELECT count(*) FROM sold_items").fetchone() == (1,)
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL"):
            db.execute(
                "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, variant, maker_id, maker_name,"
                " tax_class, tax_rate, quantity, catalog_unit_price, unit_price, line_discount, cart_discount_share,"
                " tax, total) SELECT sale_id, 10, product_id, sku, NULL, variant, maker_id, maker_name, tax_class,"
                " tax_rate, 1, 100, 100, 0, 0, 8, 100 FROM sale_lines WHERE sale_id = ?",
                (sale.sale_id,),
            )
        assert db.execute("SELECT count(*) FROM sale_line_rows WHERE line_no = 10").fetchone() == (0,)


def test_the_migration_keeps_every_line_and_tender_both_ways(demo: DemoTill) -> None:
    sell_round(demo, 30, random.Random(27))
    sell(demo, ["HOL-001", "BER-003"], custom="12.00")
    rename(demo, "BER-003", "Berries, late harvest")
    sell(demo, ["BER-003", "BER-003"])
    lines, tenders, moved = rows(demo, LINES), rows(demo, TENDERS), rows(demo, MOVED)
    stock = {code: on_hand(code, demo.till.uow()) for code in ("BER-003", "KAF-003", "HOL-001")}
    assert len(lines) > 60 and len(tenders) > 30

    migrate(demo, "0026", downgrade=True)
    assert rows(demo, "SELECT name FROM sqlite_master WHERE name IN ('sold_items', 'sale_line_rows')") == []
    assert rows(demo, "SELECT type FROM sqlite_master WHERE name = 'sale_lines'") == [("table",)]
    assert rows(demo, LINES) == lines and rows(demo, TENDERS) == tenders and rows(demo, MOVED) == moved
    assert verify_audit_trail(demo.till.uow()).problems == ()

    migrate(demo, head_revision() or "head")
    assert rows(demo, "SELECT type FROM sqlite_master WHERE name = 'sale_lines'") == [("view",)]
    assert rows(demo, LINES) == lines and rows(demo, TENDERS) == tenders and rows(demo, MOVED) == moved
    assert {code: on_hand(code, demo.till.uow()) for code in stock} == stock
    distinct = rows(
        demo,
        "SELECT count(*) FROM (SELECT DISTINCT product_id, sku, name, variant, maker_id,"
        " maker_name, tax_class, tax_rate FROM sale_lines)",
    )
    assert rows(demo, "SELECT count(*) FROM sold_items") == distinct
    verified = verify_audit_trail(demo.till.uow())
    assert verified.broken is None and verified.problems == ()
    # The store sells on after the round trip.
    sell(demo, ["KAF-003"])
    assert verify_audit_trail(demo.till.uow()).problems == ()
