"""What is left at the counter, against a real SQLite store: the hub's level less this till's unanswered records,
and the event's rule for selling beyond it (docs/stock_view.md)."""

from __future__ import annotations

import json

import pytest

from app.domain.clock import now_iso
from app.domain.errors import ApprovalRequired, PermissionDenied
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.stock_left import OversellPolicy
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.availability import oversell_policy, search_with_stock, set_oversell_policy, stock_left
from app.services.quick_keys import quick_key_pages
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.store.outbox import OutboxStatus
from tests.conftest import DemoTill

CANDLE = "ATE-001"  # barcode 2000000000015, CHF 12.90
COFFEE = "KAF-003"
CASH = (Tender(TenderKind.CASH, 20000),)


@pytest.fixture
def synced(demo: DemoTill) -> DemoTill:
    """The demo till once the hub has answered its records (the demo's goods received among them)."""
    answer_everything(demo)
    return demo


def pulled(demo: DemoTill, levels: dict[str, int]) -> None:
    """Levels as a pull from the hub stores them."""
    with demo.till.uow() as uow:
        uow.hub.set_stock_levels(levels)
        uow.commit()


def answer_everything(demo: DemoTill) -> None:
    """The hub's answers to every waiting record, as a push records them."""
    with demo.till.uow() as uow:
        waiting = uow.outbox.records(OutboxStatus.WAITING)
        uow.outbox.record_answers([(record.record_id, "applied", None) for record in waiting], now_iso())
        uow.commit()


def sell(demo: DemoTill, *codes: str, approval: ManagerApproval | None = None) -> SaleCompleted:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    for code in codes:
        carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    return complete_sale(CompleteSale(cart_id, demo.cashier, CASH, approval), demo.till.uow())


def test_the_demo_s_waiting_goods_in_count_until_answered(demo: DemoTill) -> None:
    pulled(demo, {CANDLE: 0})
    # The demo books 12 candles in; the hub has not answered that record yet, so its level lacks them.
    assert stock_left([CANDLE], demo.till.uow()) == {CANDLE: 12}
    answer_everything(demo)
    assert stock_left([CANDLE], demo.till.uow()) == {CANDLE: 0}


def test_nothing_is_known_until_the_hub_sends_a_level(demo: DemoTill) -> None:
    sell(demo, CANDLE)
    assert stock_left([CANDLE, COFFEE], demo.till.uow()) == {}
    found = search_with_stock("beeswax", demo.till.uow(), 8)
    assert [(result.product.item.sku, result.left) for result in found] == [(CANDLE, None)]


def test_unsent_sales_count_once_and_answered_ones_not(synced: DemoTill) -> None:
    demo = synced
    pulled(demo, {CANDLE: 5, COFFEE: 9})
    sell(demo, CANDLE, CANDLE)
    sell(demo, CANDLE, COFFEE)
    # Read twice: reading changes nothing, and each waiting sale counts once.
    assert stock_left([CANDLE, COFFEE], demo.till.uow()) == {CANDLE: 2, COFFEE: 8}
    assert stock_left([CANDLE, COFFEE], demo.till.uow()) == {CANDLE: 2, COFFEE: 8}

    answer_everything(demo)
    # Answered: the hub has them, and its next level counts them.
    assert stock_left([CANDLE, COFFEE], demo.till.uow()) == {CANDLE: 5, COFFEE: 9}
    pulled(demo, {CANDLE: 2, COFFEE: 8})
    assert stock_left([CANDLE, COFFEE], demo.till.uow()) == {CANDLE: 2, COFFEE: 8}


def test_a_waiting_restocking_return_gives_back_and_a_write_off_does_not(synced: DemoTill) -> None:
    demo = synced
    sale = sell(demo, CANDLE, CANDLE, COFFEE)
    pulled(demo, {CANDLE: 4, COFFEE: 4})
    answer_everything(demo)
    lines = (
        ReturnLineRequest(1, 1, "changed mind", Disposition.RESTOCK),
        ReturnLineRequest(2, 1, "broken", Disposition.WRITE_OFF),
    )
    record_return(RecordReturn(demo.cashier, sale.sale_id, lines), demo.till.uow())
    assert stock_left([CANDLE, COFFEE], demo.till.uow()) == {CANDLE: 5, COFFEE: 4}


def test_the_cart_and_the_quick_keys_carry_what_is_left(synced: DemoTill) -> None:
    demo = synced
    pulled(demo, {CANDLE: 2})
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    state = carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    assert (state.left, state.stock_warning) == ({CANDLE: 2}, None)
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    state = carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    assert state.stock_warning is not None
    assert "Only 2 of Beeswax taper candle left event-wide" in state.stock_warning
    assert "The sale can go on" in state.stock_warning
    # No new warning while the quantity does not grow beyond it.
    state = carts.set_quantity(cart_id, state.cart.lines[0].line_id, 3, demo.cashier, demo.till.uow())
    assert state.stock_warning is None
    keys = [key for page in quick_key_pages(demo.till.uow()) for key in page.keys]
    assert all(key.left is None for key in keys if key.label != "Beeswax taper candle")


def test_warn_lets_the_sale_go_on_and_audits_it(synced: DemoTill) -> None:
    demo = synced
    pulled(demo, {CANDLE: 1})
    assert oversell_policy(demo.till.uow()) is OversellPolicy.WARN
    done = sell(demo, CANDLE, CANDLE)
    with demo.till.uow() as uow:
        entry = next(entry.fields for entry in uow.audit.entries() if entry.fields.action == "sale.beyond_stock")
    assert entry.subject == done.sale_id
    assert json.loads(entry.details)["lines"] == [[CANDLE, 2, 1]]
    assert entry.approved_by is None
    assert stock_left([CANDLE], demo.till.uow()) == {CANDLE: -1}


def test_manager_policy_needs_a_manager_pin_to_sell_beyond_what_is_left(synced: DemoTill) -> None:
    demo = synced
    with pytest.raises(PermissionDenied):
        set_oversell_policy(OversellPolicy.MANAGER, demo.cashier, demo.till.uow())
    set_oversell_policy(OversellPolicy.MANAGER, demo.manager, demo.till.uow())
    pulled(demo, {CANDLE: 1})
    sell(demo, CANDLE)  # the last one: nothing to approve

    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    state = carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    assert state.left == {CANDLE: 0}
    assert state.stock_warning is not None and "needs a manager's PIN" in state.stock_warning
    with pytest.raises(ApprovalRequired, match="Beeswax taper candle"):
        complete_sale(CompleteSale(cart_id, demo.cashier, CASH), demo.till.uow())
    with pytest.raises(PermissionDenied):
        complete_sale(CompleteSale(cart_id, demo.cashier, CASH, ManagerApproval("Alex", "9999")), demo.till.uow())
    done = complete_sale(CompleteSale(cart_id, demo.cashier, CASH, ManagerApproval("Alex", "1234")), demo.till.uow())
    with demo.till.uow() as uow:
        entry = next(entry.fields for entry in uow.audit.entries() if entry.fields.action == "sale.beyond_stock")
    assert (entry.subject, entry.approved_by) == (done.sale_id, demo.manager)
    # Products the hub never sent a level for sell freely under either policy.
    sell(demo, COFFEE, COFFEE)
