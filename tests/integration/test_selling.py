"""Completing sales through the services against a real SQLite file."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlalchemy.exc

from app.domain.errors import RuleViolation
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.services.stock import on_hand
from app.store.outbox import OutboxStatus
from tests.conftest import DemoTill

CANDLE = "2000000000015"  # Beeswax taper candle, CHF 12.90, VAT 8.1% included
COFFEE = "KAF-003"  # House blend 500 g, CHF 25.90, VAT 2.6% included


def test_a_cash_sale_writes_every_fact_in_one_go(demo: DemoTill) -> None:
    state = carts.current_cart(demo.cashier, demo.till.uow())
    cart_id = state.cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    state = carts.scan(cart_id, COFFEE, demo.cashier, demo.till.uow())
    assert state.priced.total == 2 * 1290 + 2590

    done = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 10000),)), demo.till.uow())

    assert done.receipt_no == "A-000001"
    assert done.change == 10000 - 5170
    assert on_hand(CANDLE, demo.till.uow()) == 12 - 2
    with demo.till.uow() as uow:
        sale_records = [r for r in uow.outbox.records(OutboxStatus.WAITING) if r.type == "sale.completed"]
        assert [json.loads(r.payload)["receipt_no"] for r in sale_records] == ["A-000001"]
        detail = uow.sales.detail(done.sale_id)
    assert detail is not None
    assert [(line.sku, line.quantity, line.total) for line in detail.lines] == [
        ("ATE-001", 2, 2580),
        ("KAF-003", 1, 2590),
    ]
    assert [(t.kind, t.amount, t.tendered) for t in detail.tenders] == [("cash", 5170, 10000)]


def test_a_short_payment_writes_nothing(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    with pytest.raises(RuleViolation, match="short"):
        complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 1000),)), demo.till.uow())
    with demo.till.uow() as uow:
        assert uow.sales.count() == 0
    assert on_hand(CANDLE, demo.till.uow()) == 12


def test_a_failure_at_the_last_write_of_a_sale_leaves_no_trace(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    # The audit entry is written last: make it fail, as a full disk would.
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute(
            "CREATE TRIGGER audit_log_full BEFORE INSERT ON audit_log WHEN NEW.action = 'sale.completed' "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    command = CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.VOUCHER, 1290, demo.voucher),))

    # The store writes through SQLAlchemy or, on the checkout path, the sqlite3 driver beneath it.
    with pytest.raises((sqlite3.IntegrityError, sqlalchemy.exc.IntegrityError), match="disk full"):
        complete_sale(command, demo.till.uow())

    with sqlite3.connect(demo.till.store_path) as db:
        for table in ("sales", "sale_lines", "sale_tenders", "voucher_redemptions"):
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        assert db.execute("SELECT count(*) FROM stock_movements WHERE kind = 'sale'").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM outbox WHERE type = 'sale.completed'").fetchone()[0] == 0
        assert db.execute("SELECT last_receipt_seq FROM tills").fetchone()[0] == 0
        db.execute("DROP TRIGGER audit_log_full")
    assert carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id == cart_id, "the cart is still there"
    assert complete_sale(command, demo.till.uow()).receipt_no == "A-000001"
