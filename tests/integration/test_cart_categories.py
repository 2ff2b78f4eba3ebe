"""A scanned product brings its catalog category into the cart, and the stored cart keeps it."""

from __future__ import annotations

from app.services import carts
from tests.conftest import DemoTill

MUG = "BER-003"


def test_a_scanned_item_carries_its_category_through_the_stored_cart(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        product = uow.catalog.by_code(MUG)
    assert product is not None and product.category

    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    scanned = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    reloaded = carts.current_cart(demo.cashier, demo.till.uow())

    assert scanned.cart.lines[0].item.category == product.category
    assert reloaded.cart.cart_id == cart_id
    assert reloaded.cart.lines[0].item.category == product.category
