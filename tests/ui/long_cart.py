"""A cart that tests how the counter copes with long lines: a product with a 60-character name and a variant,
then more lines than the demo has products (the fixture ``full_cart``)."""

from __future__ import annotations

import pytest

from app.services import carts
from app.services.catalog_edit import ProductForm, add_product
from tests.conftest import DemoTill

LONG_NAME = "Espresso cup hand-thrown stoneware, celadon glaze, large 2dl"  # 60 characters
LONG_VARIANT = "Celadon / large"
CART_LINES = 20


@pytest.fixture
def full_cart(demo: DemoTill) -> None:
    """The till's open cart: a product with a 60-character name and a variant, then 19 more lines."""
    with demo.till.uow() as uow:
        others = uow.catalog.all_products()
        tax_class = next(iter(uow.catalog.tax_classes()))
    form = ProductForm(
        sku="LONG-1",
        name=LONG_NAME,
        maker=others[0].item.maker_name,
        tax_class=tax_class,
        price="48.50",
        variant=LONG_VARIANT,
    )
    long_product = add_product(form, demo.manager, demo.till.uow())
    cart_id = carts.current_cart(demo.manager, demo.till.uow()).cart.cart_id
    state = carts.add_product(cart_id, long_product.product_id, demo.manager, demo.till.uow())
    for index in range(CART_LINES - 1):
        # More lines than demo products: a line per product, then the same products again as new lines.
        product = others[index % len(others)]
        state = carts.add_line(cart_id, demo.manager, demo.till.uow(), lambda _event, product=product: product.item)
    assert len(state.cart.lines) == CART_LINES
