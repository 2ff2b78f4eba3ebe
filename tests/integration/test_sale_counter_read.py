"""The sale's first read (app/store/tills.py ``counter``) on a real store: what it folds in still decides the sale.

One statement reads the till, its event, the staff member, the open cash session, the card-reference
setting, whether any drop or hub level is held, the cart and whether a customer is noted on it
(docs/benchmarks.md, "Keeping the checkout path cheap").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.domain import clock
from app.domain.errors import InvalidInput, NotFound
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.drop_customers import set_cart_customer
from app.services.selling import CompleteSale, complete_sale
from app.services.tender_settings import set_card_reference_required
from app.store.schema import drop_cart_customers
from tests.conftest import DemoTill
from tests.drop_feed import feed_drop

IN_THE_DROP, NOT_IN_IT = "BER-003", "KAF-003"


@pytest.fixture
def at() -> Iterator[None]:
    clock.set_clock(lambda: datetime.fromisoformat("2026-12-05T14:00:00+01:00"))
    yield
    clock.set_clock(None)


def cart_with(demo: DemoTill, sku: str) -> tuple[str, int]:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    state = carts.scan(cart_id, sku, demo.cashier, demo.till.uow())
    return cart_id, state.priced.total


def noted_customers(demo: DemoTill) -> int:
    with demo.till.uow() as uow:
        return int(uow.connection.scalar(select(func.count()).select_from(drop_cart_customers)) or 0)


@pytest.mark.parametrize("sku", [IN_THE_DROP, NOT_IN_IT])
def test_a_customer_noted_on_the_cart_leaves_with_the_sale(demo: DemoTill, at: None, sku: str) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    cart_id, total = cart_with(demo, sku)
    set_cart_customer(cart_id, "+41 79 123 45 67", demo.cashier, demo.till.uow())
    assert noted_customers(demo) == 1
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, total),)), demo.till.uow())
    assert noted_customers(demo) == 0


def test_the_setting_changed_after_the_scan_decides_the_sale(demo: DemoTill) -> None:
    cart_id, total = cart_with(demo, NOT_IN_IT)
    set_card_reference_required(True, demo.manager, demo.till.uow())
    with pytest.raises(InvalidInput, match="terminal's reference"):
        complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, total),)), demo.till.uow())
    sold = complete_sale(
        CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, total, "TRM-1"),)), demo.till.uow()
    )
    assert sold.receipt_no.startswith("A-")


def test_a_cart_gone_is_still_told_apart_from_a_double_tap(demo: DemoTill) -> None:
    cart_id, total = cart_with(demo, NOT_IN_IT)
    command = CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, total),))
    first = complete_sale(command, demo.till.uow())
    again = complete_sale(command, demo.till.uow())
    assert again.repeated and again.receipt_no == first.receipt_no
    with pytest.raises(NotFound, match="no longer exists"):
        complete_sale(
            CompleteSale("0193a0b0-0000-7000-8000-0000000000ff", demo.cashier, command.tenders), demo.till.uow()
        )
