"""Pricing a 50-line cart with 20 active markdowns and 10 bundles (aim: under 2 ms).

The cart is priced the way the till will price it on every scan: ``price_cart``
with the event's rules and the moment, so the rules' time filter, the markdown
matching, the bundle choice, the discounts and the taxes are all in the figure.
The same cart without rules is measured beside it, to show what the rules add.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.cart import Cart, CartItem, Discount, DiscountKind, price_cart
from app.domain.price_rules import Bundle, Markdown, PriceRules, Target, TargetKind
from tests.bench.conftest import measure, report

AIM_MS = 2.0
ROUNDS = 500
LINES = 50
CATEGORIES = ("cards", "mugs", "prints", "bags", "pins")
MAKERS = tuple(f"maker-{number}" for number in range(8))
RATES = (Decimal("0.081"), Decimal("0.026"))
NOW = datetime(2026, 12, 5, 20, 30, tzinfo=UTC)


def _cart() -> Cart:
    cart = Cart("bench", "CHF")
    for number in range(LINES):
        item = CartItem(
            f"p{number}",
            f"SKU-{number:03d}",
            f"Product {number}",
            "",
            MAKERS[number % len(MAKERS)],
            "Maker",
            "std",
            RATES[number % len(RATES)],
            350 + 137 * (number % 23),
            CATEGORIES[number % len(CATEGORIES)],
        )
        cart = cart.add(item, 1 + number % 3, f"l{number}")
    cart = cart.with_line_discount("l7", Discount(DiscountKind.PERCENT, Decimal(10)), None)
    return cart.with_cart_discount(Discount(DiscountKind.AMOUNT, Decimal(500)), None)


def _rules(sets_within_categories: bool) -> PriceRules:
    """Sets of 6 SKUs of one category each, or spread over all five so that all ten bundles compete."""
    starts, ends = NOW - timedelta(hours=1), NOW + timedelta(hours=1)
    targets = [Target(TargetKind.SKU, f"SKU-{number * 3:03d}") for number in range(10)]
    targets += [Target(TargetKind.MAKER, maker) for maker in MAKERS[:5]]
    targets += [Target(TargetKind.CATEGORY, category) for category in CATEGORIES]
    markdowns = tuple(
        Markdown(f"md{number:02d}", "Markdown", starts, ends, target, percent_off=Decimal(10 + number))
        if number % 2
        else Markdown(f"md{number:02d}", "Markdown", starts, ends, target, new_price=400 + 150 * number)
        for number, target in enumerate(targets)
    )
    by_category = tuple(
        Bundle(f"b-{category}", f"Any 3 {category}", 3, 2400 + 300 * index, category=category)
        for index, category in enumerate(CATEGORIES)
    )
    stride = len(CATEGORIES) if sets_within_categories else 1
    by_sku = tuple(
        Bundle(
            f"b-set{index}",
            "Two of a set",
            2,
            1800,
            skus=frozenset(f"SKU-{index * 7 + step * stride:03d}" for step in range(6)),
        )
        for index in range(5)
    )
    return PriceRules(markdowns, by_category + by_sku)


@pytest.mark.parametrize("sets_within_categories", [True, False], ids=["sets-within-categories", "all-competing"])
def test_pricing_a_50_line_cart_with_20_markdowns_and_10_bundles(sets_within_categories: bool) -> None:
    cart, rules = _cart(), _rules(sets_within_categories)
    active = rules.active_at(NOW)
    assert (len(active.markdowns), len(active.bundles)) == (20, 10)
    priced = price_cart(cart, True, rules, NOW)
    assert priced.total == sum(line.total for line in priced.lines)
    shape = "bundle sets within a category" if sets_within_categories else "all 10 bundles competing"
    print(
        f"\n[bench] pricing, {shape}: {sum(line.markdown > 0 for line in priced.lines)} lines marked down, "
        f"{sum(bool(line.bundle_ids) for line in priced.lines)} in bundles, "
        f"saving {sum(line.markdown + line.bundle for line in priced.lines)} of {priced.subtotal} minor units"
    )

    without = measure(lambda: price_cart(cart, True), ROUNDS)
    report("price_cart, 50 lines, no rules", without)
    samples = measure(lambda: price_cart(cart, True, rules, NOW), ROUNDS)
    median, p95 = report(f"price_cart, 20 markdowns, 10 bundles, {shape}", samples, f"(aim < {AIM_MS} ms)")
    print(
        f"[bench] pricing with rules: median {median * 1000 / AIM_MS:.2f}x and p95 {p95 * 1000 / AIM_MS:.2f}x the aim"
    )
