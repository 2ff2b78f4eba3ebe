"""Building carts through the services: codes, quantities, discounts, approvals, park, recall, void, crash."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.bootstrap import open_till
from app.domain.cart import Discount, DiscountKind
from app.domain.errors import ApprovalRequired, InvalidInput, NotFound, PermissionDenied, RuleViolation
from app.services import carts
from app.services.authorization import ManagerApproval
from tests.conftest import DemoTill

MUG = "BER-003"  # CHF 32.00
CANDLE = "2000000000015"  # CHF 12.90


def new_cart(demo: DemoTill) -> str:
    return carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id


def test_unknown_code_and_misread_barcode_get_clear_messages(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    with pytest.raises(NotFound, match="No product has the code NOPE-1"):
        carts.scan(cart_id, "NOPE-1", demo.cashier, demo.till.uow())
    with pytest.raises(InvalidInput, match="check digit"):
        carts.scan(cart_id, "2000000000016", demo.cashier, demo.till.uow())


def test_quantity_change_and_remove(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    state = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    line_id = state.cart.lines[0].line_id
    state = carts.set_quantity(cart_id, line_id, 3, demo.cashier, demo.till.uow())
    assert state.priced.total == 9600
    state = carts.remove_line(cart_id, line_id, demo.cashier, demo.till.uow())
    assert state.cart.is_empty()


def test_small_discounts_need_no_pin_but_large_ones_do(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    line_id = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow()).cart.lines[0].line_id
    small = Discount(DiscountKind.PERCENT, Decimal(10))
    state = carts.discount_line(cart_id, line_id, small, demo.cashier, demo.till.uow())
    assert state.priced.total == 2880

    large = Discount(DiscountKind.AMOUNT, Decimal(1000))
    with pytest.raises(ApprovalRequired, match="needs a manager's approval"):
        carts.discount_line(cart_id, line_id, large, demo.cashier, demo.till.uow())
    with pytest.raises(PermissionDenied, match="do not match"):
        carts.discount_line(cart_id, line_id, large, demo.cashier, demo.till.uow(), ManagerApproval("Alex", "9999"))
    with pytest.raises(PermissionDenied, match="not a manager"):
        carts.discount_line(cart_id, line_id, large, demo.cashier, demo.till.uow(), ManagerApproval("Sam", "1111"))

    state = carts.discount_line(cart_id, line_id, large, demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1234"))
    assert state.priced.total == 2200
    assert state.cart.lines[0].approved_by == demo.manager
    with demo.till.uow() as uow:
        approvals = [e for e in uow.audit.entries() if e.fields.action == "cart.line_discount_approved"]
    assert [e.fields.approved_by for e in approvals] == [demo.manager]


def test_price_override_always_needs_a_manager(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    line_id = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow()).cart.lines[0].line_id
    with pytest.raises(ApprovalRequired):
        carts.override_price(cart_id, line_id, 2500, demo.cashier, demo.till.uow())
    state = carts.override_price(cart_id, line_id, 2500, demo.manager, demo.till.uow())
    assert state.priced.total == 2500


def test_cart_discount_above_the_limit_needs_a_manager(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    half = Discount(DiscountKind.PERCENT, Decimal(50))
    with pytest.raises(ApprovalRequired):
        carts.discount_cart(cart_id, half, demo.cashier, demo.till.uow())
    state = carts.discount_cart(cart_id, half, demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1234"))
    assert state.priced.total == (3200 + 1290) // 2


def test_park_and_recall(demo: DemoTill) -> None:
    first = new_cart(demo)
    carts.scan(first, MUG, demo.cashier, demo.till.uow())
    second = carts.park_cart(first, "blue coat", demo.cashier, demo.till.uow())
    assert second.cart.is_empty()
    carts.scan(second.cart.cart_id, CANDLE, demo.cashier, demo.till.uow())
    parked = carts.parked_carts(demo.till.uow())
    assert [(p.cart_id, p.label, p.total) for p in parked] == [(first, "blue coat", 3200)]
    with pytest.raises(RuleViolation, match="parked"):
        carts.scan(first, MUG, demo.cashier, demo.till.uow())

    recalled = carts.recall_cart(first, demo.cashier, demo.till.uow())

    assert recalled.cart.cart_id == first
    assert [p.cart_id for p in carts.parked_carts(demo.till.uow())] == [second.cart.cart_id], "the busy cart is parked"


def test_void_is_audited_with_what_was_in_the_cart(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    with pytest.raises(InvalidInput, match="why"):
        carts.void_cart(cart_id, " ", demo.cashier, demo.till.uow())
    fresh = carts.void_cart(cart_id, "customer changed their mind", demo.cashier, demo.till.uow())
    assert fresh.cart.is_empty() and fresh.cart.cart_id != cart_id
    with demo.till.uow() as uow:
        voids = [e for e in uow.audit.entries() if e.fields.action == "cart.voided"]
    assert len(voids) == 1
    assert '"BER-003"' in voids[0].fields.details and "changed their mind" in voids[0].fields.details


def test_a_pickup_clerk_cannot_sell(demo: DemoTill) -> None:
    with pytest.raises(PermissionDenied, match="may not sell"):
        carts.current_cart(demo.clerk, demo.till.uow())


def test_the_cart_in_progress_survives_closing_the_store(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    demo.till.close()

    reopened = open_till(demo.till.data_dir)
    try:
        state = carts.current_cart(demo.cashier, reopened.uow())
    finally:
        reopened.close()
    assert state.cart.cart_id == cart_id
    assert [line.item.sku for line in state.cart.lines] == ["BER-003", "ATE-001"]


def test_fewer_items_cannot_stretch_a_discount_past_the_limit(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    line_id = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow(), quantity=10).cart.lines[0].line_id
    # CHF 30 off ten mugs is 9.4%: no PIN needed. Off one mug it would be 94%.
    carts.discount_line(cart_id, line_id, Discount(DiscountKind.AMOUNT, Decimal(3000)), demo.cashier, demo.till.uow())

    with pytest.raises(RuleViolation, match="discount on Mug would be more than 10%"):
        carts.set_quantity(cart_id, line_id, 1, demo.cashier, demo.till.uow())

    state = carts.current_cart(demo.cashier, demo.till.uow())
    assert (state.cart.lines[0].quantity, state.priced.total) == (10, 32000 - 3000), "the refused change wrote nothing"
    # The way through: take the discount off, change the quantity, and ask a manager for the large discount.
    carts.discount_line(cart_id, line_id, None, demo.cashier, demo.till.uow())
    carts.set_quantity(cart_id, line_id, 1, demo.cashier, demo.till.uow())
    discount = Discount(DiscountKind.AMOUNT, Decimal(3000))
    with pytest.raises(ApprovalRequired):
        carts.discount_line(cart_id, line_id, discount, demo.cashier, demo.till.uow())
    approval = ManagerApproval("Alex", "1234")
    state = carts.discount_line(cart_id, line_id, discount, demo.cashier, demo.till.uow(), approval)
    assert (state.priced.total, state.cart.lines[0].approved_by) == (200, demo.manager)


def test_removing_lines_cannot_stretch_a_cart_discount_past_the_limit(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow(), quantity=3)
    candle_line = carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow()).cart.lines[1].line_id
    state = carts.discount_cart(cart_id, Discount(DiscountKind.AMOUNT, Decimal(900)), demo.cashier, demo.till.uow())
    assert state.priced.total == 9600 + 1290 - 900
    mug_line = state.cart.lines[0].line_id

    carts.remove_line(cart_id, candle_line, demo.cashier, demo.till.uow())  # CHF 9 of 96: still under 10%
    with pytest.raises(RuleViolation, match="cart discount would be more than 10%"):
        carts.set_quantity(cart_id, mug_line, 1, demo.cashier, demo.till.uow())
    state = carts.discount_cart(cart_id, None, demo.cashier, demo.till.uow())
    assert carts.set_quantity(cart_id, mug_line, 1, demo.cashier, demo.till.uow()).priced.total == 3200


def test_a_cashier_overrides_a_price_with_a_managers_pin(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    line_id = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow()).cart.lines[0].line_id
    with pytest.raises(PermissionDenied, match="do not match"):
        carts.override_price(cart_id, line_id, 2500, demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1111"))
    state = carts.override_price(cart_id, line_id, 2500, demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1234"))
    assert (state.priced.total, state.cart.lines[0].approved_by) == (2500, demo.manager)
    with demo.till.uow() as uow:
        [entry] = [e for e in uow.audit.entries() if e.fields.action == "cart.price_overridden"]
    assert (entry.fields.staff_id, entry.fields.approved_by) == (demo.cashier, demo.manager)
    assert '"catalog_price":3200' in entry.fields.details and '"new_price":2500' in entry.fields.details


def test_a_parked_cart_can_be_voided_and_the_open_one_stays(demo: DemoTill) -> None:
    first = new_cart(demo)
    carts.scan(first, MUG, demo.cashier, demo.till.uow())
    second = carts.park_cart(first, "", demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(second, CANDLE, demo.cashier, demo.till.uow())
    assert [p.label for p in carts.parked_carts(demo.till.uow())] == ["1 item(s)"]

    state = carts.void_cart(first, "left without paying", demo.cashier, demo.till.uow())

    assert state.cart.cart_id == second and [line.item.sku for line in state.cart.lines] == ["ATE-001"]
    assert carts.parked_carts(demo.till.uow()) == []
