"""Invariants of pricing with markdowns and bundles, for any cart and rules hypothesis can think of."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.cart import Cart, CartItem, CartLine, Discount, DiscountKind, PricedCart, price_cart
from app.domain.events import EventSettings
from app.domain.price_rules import Bundle, Markdown, PriceRules, Target, TargetKind
from app.domain.tenders import Tender, TenderKind, settle
from sync.custom_lines import GIFT_CARD_SKU

RATES = [Decimal("0"), Decimal("0.026"), Decimal("0.081"), Decimal("0.2")]
CATEGORIES = ["cards", "mugs", ""]
MAKERS = ["m1", "m2"]
SKUS = [f"S{number}" for number in range(8)]
START = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
END = START + timedelta(hours=10)
BOUNDED = settings(max_examples=200, deadline=None)


_STAFF_DISCOUNT = st.none() | st.tuples(st.sampled_from(DiscountKind), st.integers(0, 100))
# One tuple a line (SKU, maker, rate, price, category, typed price, quantity, staff discount): far quicker to draw.
_LINE = st.tuples(
    st.sampled_from([*SKUS, GIFT_CARD_SKU]),
    st.sampled_from(MAKERS),
    st.sampled_from(RATES),
    st.integers(0, 5000),
    st.sampled_from(CATEGORIES),
    st.none() | st.integers(0, 5000),
    st.integers(1, 6),
    _STAFF_DISCOUNT,
)


def _line(
    number: int, drawn: tuple[str, str, Decimal, int, str, int | None, int, tuple[DiscountKind, int] | None]
) -> CartLine:
    sku, maker, rate, price, category, typed_price, quantity, staff_discount = drawn
    item = CartItem(f"p-{sku}", sku, sku, "", maker, "Maker", "std", rate, price, category)
    if sku == GIFT_CARD_SKU:
        return CartLine(f"l{number}", item, quantity)
    discount = None
    if staff_discount is not None:
        kind, value = staff_discount
        discount = Discount(kind, Decimal(value if kind is DiscountKind.PERCENT else value * 30))
    return CartLine(f"l{number}", item, quantity, discount, typed_price)


def cart_lines(with_staff_discounts: bool = True) -> st.SearchStrategy[list[CartLine]]:
    drawn = st.lists(_LINE, min_size=1, max_size=7, unique_by=lambda line: line[0])
    if not with_staff_discounts:
        drawn = drawn.map(lambda lines: [(*line[:7], None) for line in lines])
    return drawn.map(lambda lines: [_line(number, line) for number, line in enumerate(lines)])


_TARGETS = {TargetKind.SKU: SKUS, TargetKind.MAKER: MAKERS, TargetKind.CATEGORY: ["cards", "mugs"]}
_MARKDOWN = st.tuples(
    st.sampled_from(TargetKind), st.integers(0, 7), st.none() | st.integers(1, 100), st.integers(0, 5000)
)
_BUNDLE = st.tuples(
    st.none() | st.sampled_from(["cards", "mugs"]),
    st.frozensets(st.sampled_from(SKUS), min_size=1),
    st.integers(2, 4),
    st.integers(0, 6000),
)


def _markdown(number: int, drawn: tuple[TargetKind, int, int | None, int]) -> Markdown:
    kind, pick, percent, new_price = drawn
    values = _TARGETS[kind]
    target = Target(kind, values[pick % len(values)])
    if percent is not None:
        return Markdown(f"md{number}", "markdown", START, END, target, percent_off=Decimal(percent))
    return Markdown(f"md{number}", "markdown", START, END, target, new_price=new_price)


def _bundle(number: int, drawn: tuple[str | None, frozenset[str], int, int]) -> Bundle:
    category, skus, count, price = drawn
    if category is not None:
        return Bundle(f"b{number}", "bundle", count, price, category=category)
    return Bundle(f"b{number}", "bundle", count, price, skus=skus)


def price_rules() -> st.SearchStrategy[PriceRules]:
    return st.builds(
        lambda markdowns, bundles: PriceRules(
            tuple(_markdown(number, drawn) for number, drawn in enumerate(markdowns)),
            tuple(_bundle(number, drawn) for number, drawn in enumerate(bundles)),
        ),
        st.lists(_MARKDOWN, max_size=4),
        st.lists(_BUNDLE, max_size=3),
    )


def priced(lines: Sequence[CartLine], rules: PriceRules, include_tax: bool, cart_discount: int = 0) -> PricedCart:
    discount = Discount(DiscountKind.PERCENT, Decimal(cart_discount)) if cart_discount else None
    return price_cart(Cart("c", "CHF", tuple(lines), discount), include_tax, rules, START)


@BOUNDED
@given(cart_lines(), price_rules(), st.booleans(), st.integers(0, 100))
def test_the_total_is_the_sum_of_lines_after_their_discounts(
    lines: list[CartLine], rules: PriceRules, include_tax: bool, cart_discount: int
) -> None:
    cart = priced(lines, rules, include_tax, cart_discount)
    for line in cart.lines:
        expected = line.base_amount - line.discount_total + (0 if include_tax else line.tax)
        assert line.total == expected
    assert cart.total == sum(line.total for line in cart.lines)
    assert cart.total == cart.subtotal - cart.discount_total + (0 if include_tax else cart.tax_total)


@BOUNDED
@given(cart_lines(), price_rules(), st.booleans(), st.integers(0, 100))
def test_net_and_tax_per_rate_add_up_to_the_totals(
    lines: list[CartLine], rules: PriceRules, include_tax: bool, cart_discount: int
) -> None:
    cart = priced(lines, rules, include_tax, cart_discount)
    by_rate = cart.tax_by_rate()
    assert sum(net + tax for net, tax in by_rate.values()) == cart.total
    assert sum(tax for _net, tax in by_rate.values()) == cart.tax_total
    for rate, (net, tax) in by_rate.items():
        assert tax == sum(line.tax for line in cart.lines if line.line.item.tax_rate == rate)
        assert net == sum(line.net for line in cart.lines if line.line.item.tax_rate == rate)


@BOUNDED
@given(cart_lines(), price_rules(), st.booleans(), st.integers(0, 100))
def test_no_line_goes_below_zero_and_no_saving_is_negative_or_more_than_the_base(
    lines: list[CartLine], rules: PriceRules, include_tax: bool, cart_discount: int
) -> None:
    cart = priced(lines, rules, include_tax, cart_discount)
    for line in cart.lines:
        parts = (line.markdown, line.bundle, line.line_discount, line.cart_discount_share)
        assert all(part >= 0 for part in parts)
        assert line.markdown + line.bundle <= line.base_amount
        assert line.discount_total <= line.base_amount
        assert line.total >= 0 and line.net >= 0 and line.tax >= 0
        untouched = line.line.price_override is not None or line.line.item.sku == GIFT_CARD_SKU
        if untouched:
            assert (line.markdown, line.bundle, line.markdown_id, line.bundle_ids) == (0, 0, None, ())
    assert 0 <= cart.discount_total <= cart.subtotal


@BOUNDED
@given(cart_lines(), price_rules(), st.booleans(), st.randoms(use_true_random=False))
def test_the_same_cart_in_any_line_order_gets_the_same_prices(
    lines: list[CartLine], rules: PriceRules, include_tax: bool, shuffler: object
) -> None:
    shuffled = list(lines)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    reversed_rules = PriceRules(rules.markdowns[::-1], rules.bundles[::-1])

    def per_sku(cart: PricedCart) -> dict[str, tuple[object, ...]]:
        return {
            line.line.item.sku: (line.markdown, line.bundle, line.markdown_id, line.bundle_ids, line.tax, line.total)
            for line in cart.lines
        }

    assert per_sku(priced(lines, rules, include_tax)) == per_sku(priced(shuffled, reversed_rules, include_tax))


def _best_single_bundle_saving(bundle: Bundle, unit_prices: list[int]) -> int:
    """Every way to put each unit in one of the possible groups or in none: the largest saving."""
    group_count = len(unit_prices) // bundle.count
    best = 0
    for placement in product(range(group_count + 1), repeat=len(unit_prices)):
        saving = 0
        for group in range(1, group_count + 1):
            members = [price for price, slot in zip(unit_prices, placement, strict=True) if slot == group]
            if members and (len(members) != bundle.count or sum(members) <= bundle.price):
                break
            saving += sum(members) - bundle.price if members else 0
        else:
            best = max(best, saving)
    return best


@BOUNDED
@given(st.lists(st.integers(0, 2000), min_size=1, max_size=6), st.integers(2, 3), st.integers(0, 4000))
def test_one_bundle_saves_as_much_as_the_best_of_every_grouping(prices: list[int], count: int, price: int) -> None:
    bundle = Bundle("b", "bundle", count, price, category="cards")
    lines = [
        CartLine(
            f"l{number}", CartItem(f"p{number}", f"S{number}", "", "", "m1", "", "std", RATES[0], unit, "cards"), 1
        )
        for number, unit in enumerate(prices)
    ]
    cart = price_cart(Cart("c", "CHF", tuple(lines)), True, PriceRules(bundles=(bundle,)))
    assert cart.discount_total == _best_single_bundle_saving(bundle, prices)


@BOUNDED
@given(cart_lines(with_staff_discounts=False), price_rules())
def test_several_bundles_save_at_least_what_the_best_of_them_saves_alone(
    lines: list[CartLine], rules: PriceRules
) -> None:
    together = priced(lines, PriceRules(bundles=rules.bundles), True).discount_total
    alone = [priced(lines, PriceRules(bundles=(bundle,)), True).discount_total for bundle in rules.bundles]
    assert together >= max(alone, default=0)


@BOUNDED
@given(cart_lines(), price_rules(), st.booleans(), st.sampled_from([1, 5, 10, 100]))
def test_cash_rounding_of_a_priced_cart_follows_the_events_step(
    lines: list[CartLine], rules: PriceRules, include_tax: bool, step: int
) -> None:
    cart = priced(lines, rules, include_tax)
    event = EventSettings("e", "Event", "CHF", "de_CH", include_tax, step, Decimal(20))
    cash = [Tender(TenderKind.CASH, cart.total + step)] if cart.total else []
    settlement = settle(cart.total, cash, event)
    cash_due = settlement.tenders[-1].amount if cash else 0
    assert cash_due % step == 0
    assert abs(settlement.rounding) * 2 <= step
    assert cash_due == cart.total + settlement.rounding
