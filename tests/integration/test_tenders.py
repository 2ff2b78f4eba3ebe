"""Paying: split tenders, vouchers, double taps on "pay", and gap-free receipt numbers."""

from __future__ import annotations

import sqlite3

import pytest

from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.tender_settings import set_card_reference_required
from app.services.vouchers import voucher_balance
from app.store.outbox import OutboxStatus
from tests.conftest import DemoTill

MUG = "BER-003"  # CHF 32.00


def sell(demo: DemoTill, *tenders: Tender, code: str = MUG) -> SaleCompleted:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    return complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())


def test_split_card_and_cash(demo: DemoTill) -> None:
    sale = sell(demo, Tender(TenderKind.CARD, 2000, "TRM-4411"), Tender(TenderKind.CASH, 2000))
    assert sale.change == 800
    with demo.till.uow() as uow:
        detail = uow.sales.detail(sale.sale_id)
    assert detail is not None
    assert sorted((t.kind, t.amount, t.tendered, t.reference) for t in detail.tenders) == [
        ("card", 2000, 2000, "TRM-4411"),
        ("cash", 1200, 2000, ""),
    ]


def test_voucher_is_spent_and_its_balance_drops(demo: DemoTill) -> None:
    sell(demo, Tender(TenderKind.VOUCHER, 2000, demo.voucher.lower()), Tender(TenderKind.CASH, 1200))
    assert voucher_balance(demo.voucher, demo.till.uow()).remaining == 500
    with pytest.raises(RuleViolation, match=r"only CHF.5\.00 left"):
        sell(demo, Tender(TenderKind.VOUCHER, 600, demo.voucher), Tender(TenderKind.CASH, 3000))


def test_unknown_and_malformed_vouchers_are_refused(demo: DemoTill) -> None:
    with pytest.raises(InvalidInput, match="not a voucher code"):
        sell(demo, Tender(TenderKind.VOUCHER, 100, "HELLO"), Tender(TenderKind.CASH, 3100))
    with pytest.raises(NotFound, match="not known"):
        sell(demo, Tender(TenderKind.VOUCHER, 100, "V-00000000000"), Tender(TenderKind.CASH, 3100))


def test_a_double_tap_on_pay_makes_one_sale(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    command = CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5000),))
    first = complete_sale(command, demo.till.uow())
    second = complete_sale(command, demo.till.uow())
    assert second.repeated and (second.sale_id, second.receipt_no, second.change) == (first.sale_id, "A-000001", 1800)
    with demo.till.uow() as uow:
        assert uow.sales.count() == 1
        assert len([r for r in uow.outbox.records() if r.type == "sale.completed"]) == 1


def test_receipt_numbers_stay_gap_free_when_a_sale_is_refused(demo: DemoTill) -> None:
    numbers = [sell(demo, Tender(TenderKind.CASH, 3200)).receipt_no]
    with pytest.raises(RuleViolation):
        sell(demo, Tender(TenderKind.CASH, 100))
    # The refused cart is still open: finish it properly.
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    numbers.append(
        complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 6400),)), demo.till.uow()).receipt_no
    )
    numbers.append(sell(demo, Tender(TenderKind.CARD, 3200, "T-1")).receipt_no)
    assert numbers == ["A-000001", "A-000002", "A-000003"]
    with demo.till.uow() as uow:
        seqs = [r.seq for r in uow.outbox.records(OutboxStatus.WAITING)]
    assert seqs == list(range(1, len(seqs) + 1)), "outbox sequence is gap-free"


def test_an_empty_cart_cannot_be_paid(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    with pytest.raises(RuleViolation, match="empty"):
        complete_sale(CompleteSale(cart_id, demo.cashier, ()), demo.till.uow())


FACTS = {
    "sales": "SELECT count(*) FROM sales",
    "lines": "SELECT count(*) FROM sale_lines",
    "tenders": "SELECT count(*) FROM sale_tenders",
    "stock": "SELECT count(*) FROM stock_movements WHERE kind = 'sale'",
    "voucher uses": "SELECT count(*) FROM voucher_redemptions",
    "outbox": "SELECT count(*) FROM outbox WHERE type = 'sale.completed'",
    "audit": "SELECT count(*) FROM audit_log WHERE action = 'sale.completed'",
}


def fact_counts(demo: DemoTill) -> dict[str, int]:
    with sqlite3.connect(demo.till.store_path) as db:
        return {name: db.execute(query).fetchone()[0] for name, query in FACTS.items()}


def test_a_card_payment_without_the_terminal_reference_is_refused_before_anything_is_written(demo: DemoTill) -> None:
    # The event asks for references (the default does not: test_paying.py sells by card without one).
    set_card_reference_required(True, demo.manager, demo.till.uow())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    before = fact_counts(demo)
    with pytest.raises(InvalidInput, match="terminal's reference"):
        complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, 3200, "  "),)), demo.till.uow())
    assert fact_counts(demo) == before
    done = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, 3200, "T-77"),)), demo.till.uow())
    assert (done.receipt_no, done.change) == ("A-000001", 0)


def test_a_second_completion_of_the_same_cart_writes_nothing_at_all(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    carts.scan(cart_id, "ATE-001", demo.cashier, demo.till.uow())
    tenders = (Tender(TenderKind.VOUCHER, 1000, demo.voucher), Tender(TenderKind.CASH, 5000))
    first = complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())
    after_first = fact_counts(demo)

    again = complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())

    assert again.repeated and not first.repeated
    assert (again.sale_id, again.receipt_no, again.total, again.change) == (
        first.sale_id,
        first.receipt_no,
        first.total,
        first.change,
    )
    assert after_first == {
        "sales": 1,
        "lines": 2,
        "tenders": 2,
        "stock": 2,
        "voucher uses": 1,
        "outbox": 1,
        "audit": 1,
    }
    assert fact_counts(demo) == after_first
    assert voucher_balance(demo.voucher, demo.till.uow()).remaining == 1500
    with pytest.raises(RuleViolation, match="already a completed sale"):
        carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())


def test_a_voucher_spent_to_zero_then_refuses_even_a_cent(demo: DemoTill) -> None:
    sell(demo, Tender(TenderKind.VOUCHER, 2500, demo.voucher), Tender(TenderKind.CASH, 700))
    assert voucher_balance(demo.voucher, demo.till.uow()).remaining == 0
    with pytest.raises(RuleViolation, match=r"only CHF.0\.00 left"):
        sell(demo, Tender(TenderKind.VOUCHER, 1, demo.voucher), Tender(TenderKind.CASH, 3200))


def test_one_voucher_used_twice_in_a_payment_counts_both_amounts(demo: DemoTill) -> None:
    before = fact_counts(demo)
    with pytest.raises(RuleViolation, match=r"only CHF.25\.00 left"):
        sell(demo, Tender(TenderKind.VOUCHER, 1500, demo.voucher), Tender(TenderKind.VOUCHER, 1500, demo.voucher))
    assert fact_counts(demo) == before


def test_cash_change_comes_from_cash_only_and_is_rounded_to_five_centimes(demo: DemoTill) -> None:
    # CHF 12.90 + 25.90 = 38.80; card 10.03 leaves 28.77 in cash, which rounds to 28.75.
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "ATE-001", demo.cashier, demo.till.uow())
    carts.scan(cart_id, "KAF-003", demo.cashier, demo.till.uow())
    tenders = (Tender(TenderKind.CARD, 1003, "T-5"), Tender(TenderKind.CASH, 5000))
    done = complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())
    assert (done.total, done.rounding, done.change) == (3880, -2, 5000 - 2875)
    with demo.till.uow() as uow:
        detail = uow.sales.detail(done.sale_id)
    assert detail is not None and detail.rounding == -2
    assert sum(t.amount for t in detail.tenders) == detail.header.total + detail.rounding
