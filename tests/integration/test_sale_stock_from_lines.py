"""A sale's stock movements are its lines (migration 0026): never written, always there.

The view ``stock_movements`` gives every reader the movements it gave before;
the migration removes a stored sale movement only where the sale's lines give
exactly the same ones, and a store altered by hand keeps its evidence.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.audit import verify_audit_trail
from app.services.custom_amount import CustomAmount, add_custom_amount
from app.services.selling import CompleteSale, complete_sale
from app.services.stock import on_hand
from app.store.database import head_revision
from app.store.stock import Movement, MovementKind
from tests.conftest import DemoTill
from tests.integration.store_filling import sell_round
from tests.integration.store_migrations import migrate, rows

MOVED = "SELECT id, product_id, location, kind, quantity, source_id, staff_id, created_at FROM stock_movements"


def test_a_sale_writes_no_movement_yet_moves_its_goods_and_not_its_custom_amounts(demo: DemoTill) -> None:
    before = on_hand("BER-003", demo.till.uow())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
    carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
    state = add_custom_amount(cart_id, CustomAmount("7", "standard"), demo.cashier, demo.till.uow())
    sale = complete_sale(
        CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, state.priced.total),)), demo.till.uow()
    )

    assert rows(demo, "SELECT count(*) FROM stock_moves WHERE kind = 'sale'") == [(0,)]
    moved = rows(demo, f"{MOVED} WHERE source_id = '{sale.sale_id}'")
    location = rows(demo, "SELECT location FROM tills")[0][0]
    assert [(row[2], row[3], row[4]) for row in moved] == [(location, "sale", -2)]
    assert on_hand("BER-003", demo.till.uow()) == before - 2
    assert verify_audit_trail(demo.till.uow()).broken is None


def test_no_sale_movement_can_be_written_beside_the_lines(demo: DemoTill) -> None:
    with demo.till.uow() as uow, pytest.raises(ValueError, match="read from its lines"):
        uow.stock.add([Movement("product", "stall", MovementKind.SALE, -1, "sale", None)], "2026-12-05T10:00:00Z")


def test_the_migration_keeps_every_movement_and_the_evidence_of_an_altered_one(demo: DemoTill) -> None:
    sell_round(demo, 12, random.Random(7))
    derived = rows(demo, f"{MOVED} ORDER BY id")
    on_hand_before = {code: on_hand(code, demo.till.uow()) for code in ("BER-003", "KAF-003", "HOL-001")}
    migrate(demo, "0025", downgrade=True)
    assert rows(demo, f"{MOVED} ORDER BY id") == derived, "the store before 0026 held them as rows"
    altered_sale = rows(demo, "SELECT source_id FROM stock_movements WHERE kind = 'sale' ORDER BY id LIMIT 1")[0][0]
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute("DROP TRIGGER stock_movements_no_update")
        db.execute("UPDATE stock_movements SET quantity = quantity - 1 WHERE source_id = ?", (altered_sale,))

    migrate(demo, head_revision() or "head")

    kept = rows(demo, "SELECT source_id FROM stock_moves WHERE kind = 'sale'")
    assert kept and {sale_id for (sale_id,) in kept} == {altered_sale}, "only the altered sale keeps stored rows"
    untouched = [row for row in rows(demo, f"{MOVED} ORDER BY id") if row[5] != altered_sale]
    assert untouched == [row for row in derived if row[5] != altered_sale]
    for code, quantity in on_hand_before.items():
        altered_here = rows(
            demo,
            "SELECT coalesce(sum(m.quantity), 0) FROM stock_moves m JOIN products p ON p.id = m.product_id"
            f" WHERE m.kind = 'sale' AND p.sku = '{code}'",
        )[0][0]
        assert on_hand(code, demo.till.uow()) == quantity + altered_here
    verified = verify_audit_trail(demo.till.uow())
    receipt = rows(demo, f"SELECT receipt_no FROM sales WHERE id = '{altered_sale}'")[0][0]
    assert verified.broken is None and len(verified.problems) == 1
    assert verified.problems[0].startswith(f"sale {receipt}: stock movement rows")
