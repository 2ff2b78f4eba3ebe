from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.cart import Cart, CartItem, Discount, DiscountKind, allocate, line_tax, price_cart
from app.domain.errors import InvalidInput, NotFound

RATES = [Decimal("0"), Decimal("0.026"), Decimal("0.055"), Decimal("0.081"), Decimal("0.2")]


def item(product: str, price: int, rate: Decimal = Decimal("0.2")) -> CartItem:
    return CartItem(product, product.upper(), product, "", "m1", "Maker", "std", rate, price)


def test_scanning_the_same_product_twice_adds_to_its_line() -> None:
    cart = Cart("c", "EUR").add(item("mug", 1000), 1, "l1").add(item("mug", 1000), 2, "l2")
    assert [(line.line_id, line.quantity) for line in cart.lines] == [("l1", 3)]


def test_a_line_with_an_overridden_price_is_not_merged() -> None:
    cart = Cart("c", "EUR").add(item("mug", 1000), 1, "l1").with_price_override("l1", 800, "boss")
    cart = cart.add(item("mug", 1000), 1, "l2")
    assert [line.unit_price for line in cart.lines] == [800, 1000]


@pytest.mark.parametrize("quantity", [0, -1, 10000])
def test_quantities_out_of_range_are_refused(quantity: int) -> None:
    with pytest.raises(InvalidInput, match="quantity"):
        Cart("c", "EUR").add(item("mug", 1000), quantity, "l1")


def test_changing_a_line_that_is_gone_says_so() -> None:
    with pytest.raises(NotFound):
        Cart("c", "EUR").set_quantity("nope", 2)


def test_tax_included_is_extracted_per_line() -> None:
    cart = Cart("c", "EUR").add(item("a", 1290, Decimal("0.081")), 2, "l1")
    priced = price_cart(cart, prices_include_tax=True)
    # 25.80 incl. 8.1%: tax = 25.80 * 0.081 / 1.081 = 1.9332 -> 1.93
    assert (priced.total, priced.tax_total) == (2580, 193)


def test_tax_excluded_is_added_per_line() -> None:
    cart = Cart("c", "EUR").add(item("a", 999, Decimal("0.2")), 1, "l1").add(item("b", 1, Decimal("0.2")), 1, "l2")
    priced = price_cart(cart, prices_include_tax=False)
    # Per line: 9.99 -> 2.00 tax (1.998), 0.01 -> 0.00 tax (0.002): rounding per line, not on the sum.
    assert [line.tax for line in priced.lines] == [200, 0]
    assert priced.total == 999 + 200 + 1


def test_percent_and_amount_line_discounts() -> None:
    cart = Cart("c", "EUR").add(item("a", 1000), 3, "l1").add(item("b", 500), 1, "l2")
    cart = cart.with_line_discount("l1", Discount(DiscountKind.PERCENT, Decimal(10)), None)
    cart = cart.with_line_discount("l2", Discount(DiscountKind.AMOUNT, Decimal(700)), None)
    priced = price_cart(cart, prices_include_tax=True)
    assert [line.line_discount for line in priced.lines] == [300, 500]
    assert priced.total == 2700


def test_cart_discount_is_spread_to_the_cent() -> None:
    cart = Cart("c", "EUR")
    for index in range(3):
        cart = cart.add(item(f"p{index}", 100), 1, f"l{index}")
    cart = cart.with_cart_discount(Discount(DiscountKind.AMOUNT, Decimal(100)), None)
    priced = price_cart(cart, prices_include_tax=True)
    assert sorted(line.cart_discount_share for line in priced.lines) == [33, 33, 34]
    assert priced.total == 200


@pytest.mark.parametrize(
    ("kind", "value"),
    [(DiscountKind.PERCENT, Decimal(101)), (DiscountKind.PERCENT, Decimal(-1)), (DiscountKind.AMOUNT, Decimal("1.5"))],
)
def test_impossible_discounts_are_refused(kind: DiscountKind, value: Decimal) -> None:
    with pytest.raises(InvalidInput):
        Discount(kind, value)


def test_discount_size_relative_to_the_line() -> None:
    assert Discount(DiscountKind.AMOUNT, Decimal(250)).percent_of(1000) == 25
    assert Discount(DiscountKind.PERCENT, Decimal(15)).percent_of(1000) == 15


@given(st.integers(0, 10**7), st.lists(st.integers(0, 10**6), min_size=1, max_size=20))
def test_allocate_parts_add_up_exactly(amount: int, weights: list[int]) -> None:
    parts = allocate(amount, weights)
    if sum(weights) == 0:
        assert parts == [0] * len(weights)
    else:
        assert sum(parts) == amount
        assert all(part >= 0 for part in parts)
        # Largest remainder: no part is a whole cent away from its exact share.
        total_weight = sum(weights)
        for part, weight in zip(parts, weights, strict=True):
            assert abs(part * total_weight - amount * weight) < total_weight


discounts = st.one_of(
    st.none(),
    st.builds(Discount, st.just(DiscountKind.PERCENT), st.decimals(0, 100, places=1)),
    st.builds(Discount, st.just(DiscountKind.AMOUNT), st.integers(0, 50_000).map(Decimal)),
)
lines = st.lists(
    st.tuples(st.integers(0, 100_000), st.integers(1, 20), st.sampled_from(RATES), discounts), min_size=1, max_size=8
)


@given(lines, discounts, st.booleans())
def test_total_is_the_sum_of_lines_after_discounts_and_taxes(
    spec: list[tuple[int, int, Decimal, Discount | None]], cart_discount: Discount | None, inclusive: bool
) -> None:
    cart = Cart("c", "EUR")
    for index, (price, quantity, rate, discount) in enumerate(spec):
        cart = cart.add(item(f"p{index}", price, rate), quantity, f"l{index}")
        cart = cart.with_line_discount(f"l{index}", discount, None)
    cart = cart.with_cart_discount(cart_discount, None)
    priced = price_cart(cart, inclusive)
    assert priced.total == sum(line.total for line in priced.lines)
    for line in priced.lines:
        assert 0 <= line.discount_total <= line.base_amount
        amount = line.base_amount - line.discount_total
        assert line.tax == line_tax(amount, line.line.item.tax_rate, inclusive)
        assert line.total == (amount if inclusive else amount + line.tax)
        assert line.net + line.tax == line.total
    assert priced.subtotal - priced.discount_total + (0 if inclusive else priced.tax_total) == priced.total


def test_discounts_are_read_as_typed() -> None:
    from app.domain.cart import parse_discount
    from app.domain.money import parse_minor

    def amount(text: str) -> int:
        return parse_minor(text, "EUR")

    assert parse_discount("10%", amount) == Discount(DiscountKind.PERCENT, Decimal(10))
    assert parse_discount(" 12,5 % ", amount) == Discount(DiscountKind.PERCENT, Decimal("12.5"))
    assert parse_discount("5.00", amount) == Discount(DiscountKind.AMOUNT, Decimal(500))
    assert parse_discount("", amount) is None
    with pytest.raises(InvalidInput):
        parse_discount("x%", amount)
