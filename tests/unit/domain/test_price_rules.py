from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from app.domain.cart import Cart, CartItem, Discount, DiscountKind, price_cart
from app.domain.errors import InvalidInput
from app.domain.price_rules import Bundle, Markdown, PriceRules, Target, TargetKind
from app.store.carts import cart_from_json, cart_to_json
from sync.custom_lines import GIFT_CARD_SKU

ZURICH = timezone(timedelta(hours=1))
OPENING = datetime(2026, 12, 5, 10, 0, tzinfo=ZURICH)
LAST_HOUR = datetime(2026, 12, 5, 20, 0, tzinfo=ZURICH)
CLOSING = datetime(2026, 12, 5, 21, 0, tzinfo=ZURICH)


def item(sku: str, price: int, category: str = "cards", maker: str = "m1") -> CartItem:
    return CartItem(sku.lower(), sku, sku, "", maker, "Maker", "std", Decimal("0.081"), price, category)


def cart_of(*lines: tuple[CartItem, int]) -> Cart:
    cart = Cart("c", "CHF")
    for number, (product, quantity) in enumerate(lines):
        cart = cart.add(product, quantity, f"l{number}")
    return cart


def markdown(rule_id: str, target: Target, **change: object) -> Markdown:
    return Markdown(rule_id, rule_id, OPENING, CLOSING, target, **change)  # type: ignore[arg-type]


def cards_bundle(rule_id: str = "b-cards", count: int = 3, price: int = 1000) -> Bundle:
    return Bundle(rule_id, "Any 3 cards for CHF 10", count, price, category="cards")


def test_last_hour_markdown_starts_at_its_time_and_not_one_second_before() -> None:
    last_hour = Markdown("md-last", "Last hour", LAST_HOUR, CLOSING, Target(TargetKind.CATEGORY, "cards"), Decimal(30))
    rules = PriceRules(markdowns=(last_hour,))
    cart = cart_of((item("C1", 450), 2))

    before = price_cart(cart, True, rules, LAST_HOUR - timedelta(seconds=1))
    at_start = price_cart(cart, True, rules, LAST_HOUR)
    at_end = price_cart(cart, True, rules, CLOSING)

    assert (before.total, before.lines[0].markdown_id) == (900, None)
    # 4.50 - 30 % = 3.15 a unit, two units.
    assert (at_start.total, at_start.lines[0].markdown, at_start.lines[0].markdown_id) == (630, 270, "md-last")
    assert at_end.total == 900


def test_any_three_cards_for_ten_takes_the_three_dearest_of_four() -> None:
    # The saving is what the units would cost minus the bundle price, so the dearest units save the most.
    cart = cart_of((item("C1", 500), 1), (item("C2", 450), 1), (item("C3", 400), 1), (item("C4", 300), 1))
    priced = price_cart(cart, True, PriceRules(bundles=(cards_bundle(),)))

    assert [line.bundle for line in priced.lines] == [129, 117, 104, 0]  # 350 in proportion to 500:450:400
    assert [line.bundle_ids for line in priced.lines] == [("b-cards",)] * 3 + [()]
    assert priced.total == 1000 + 300
    assert priced.discount_total == 350


def test_a_bundle_that_would_cost_more_than_the_units_is_not_applied() -> None:
    cart = cart_of((item("C1", 300), 3))
    priced = price_cart(cart, True, PriceRules(bundles=(cards_bundle(),)))
    assert (priced.total, priced.lines[0].bundle) == (900, 0)


def test_a_bundle_repeats_over_many_units_and_leaves_the_rest() -> None:
    cart = cart_of((item("C1", 500), 7))
    priced = price_cart(cart, True, PriceRules(bundles=(cards_bundle(),)))
    assert (priced.total, priced.lines[0].bundle) == (2 * 1000 + 500, 1000)


def test_overlapping_bundles_share_units_to_save_the_most() -> None:
    # Dearest first, either bundle alone takes both Ys (saving 8.00); sharing them saves 4.00 + 7.00.
    left = Bundle("b-left", "X or Y", 2, 1000, skus=frozenset({"X", "Y"}))
    right = Bundle("b-right", "Y or Z", 2, 1000, skus=frozenset({"Y", "Z"}))
    cart = cart_of((item("X", 500), 1), (item("Y", 900), 2), (item("Z", 800), 1))
    priced = price_cart(cart, True, PriceRules(bundles=(right, left)))

    assert priced.discount_total == 1100
    assert priced.total == 500 + 1800 + 800 - 1100
    assert [line.bundle_ids for line in priced.lines] == [("b-left",), ("b-left", "b-right"), ("b-right",)]


def test_of_two_bundles_over_the_same_units_the_better_one_wins_and_a_tie_goes_to_the_smaller_id() -> None:
    three_cards = cards_bundle("b-three", 3, 1000)
    cart = cart_of((item("C1", 500), 2), (item("C2", 400), 1))
    # Three cards for 10.00 save 4.00, two C1 for 5.50 save 4.50: the two C1 go to the second bundle.
    better = Bundle("b-two", "2 of C1 for 5.50", 2, 550, skus=frozenset({"C1"}))
    priced = price_cart(cart, True, PriceRules(bundles=(three_cards, better)))
    assert (priced.discount_total, priced.lines[0].bundle_ids, priced.lines[1].bundle) == (450, ("b-two",), 0)
    # At 6.00 both save 4.00: the plan tried first, in rule-id order, stays.
    tied = Bundle("b-two", "2 of C1 for 6", 2, 600, skus=frozenset({"C1"}))
    priced = price_cart(cart, True, PriceRules(bundles=(tied, three_cards)))
    assert (priced.discount_total, priced.lines[0].bundle_ids) == (400, ("b-three",))


def test_markdown_first_then_the_bundle_over_the_marked_down_prices() -> None:
    rules = PriceRules(
        markdowns=(markdown("md-c1", Target(TargetKind.SKU, "C1"), percent_off=Decimal(20)),),
        bundles=(cards_bundle(),),
    )
    cart = cart_of((item("C1", 500), 3))
    line = price_cart(cart, True, rules, LAST_HOUR).lines[0]
    # 5.00 -> 4.00 a unit (3.00 off), then 3 x 4.00 = 12.00 for 10.00 (2.00 off).
    assert (line.markdown, line.bundle, line.total, line.discount_total) == (300, 200, 1000, 500)


def test_the_lowest_markdown_wins_and_a_tie_goes_to_the_smaller_rule_id() -> None:
    rules = PriceRules(
        markdowns=(
            markdown("md-b", Target(TargetKind.MAKER, "m1"), new_price=400),
            markdown("md-c", Target(TargetKind.CATEGORY, "cards"), percent_off=Decimal(10)),
            markdown("md-a", Target(TargetKind.SKU, "C1"), percent_off=Decimal(20)),
            markdown("md-z", Target(TargetKind.SKU, "C1"), new_price=900),
        )
    )
    priced = price_cart(cart_of((item("C1", 500), 1)), True, rules, LAST_HOUR)
    assert (priced.lines[0].markdown_id, priced.total) == ("md-a", 400)


def test_a_gift_card_takes_no_markdown_and_no_bundle() -> None:
    card = CartItem("gift", GIFT_CARD_SKU, "Gift card", "", "", "", "none", Decimal(0), 5000, "cards")
    rules = PriceRules(
        markdowns=(markdown("md-all", Target(TargetKind.CATEGORY, "cards"), percent_off=Decimal(50)),),
        bundles=(Bundle("b-two", "2 for 1", 2, 100, category="cards"),),
    )
    priced = price_cart(cart_of((card, 2)), True, rules, LAST_HOUR)
    assert (priced.total, priced.discount_total, priced.lines[0].markdown_id) == (10000, 0, None)


def test_a_line_with_a_typed_price_takes_no_markdown_and_no_bundle() -> None:
    rules = PriceRules(
        markdowns=(markdown("md-c1", Target(TargetKind.SKU, "C1"), percent_off=Decimal(50)),),
        bundles=(cards_bundle(count=2, price=100),),
    )
    cart = cart_of((item("C1", 500), 2)).with_price_override("l0", 450, "boss")
    line = price_cart(cart, True, rules, LAST_HOUR).lines[0]
    assert (line.markdown, line.bundle, line.total) == (0, 0, 900)


def test_a_staff_line_discount_applies_after_the_automatic_ones() -> None:
    rules = PriceRules(markdowns=(markdown("md-c1", Target(TargetKind.SKU, "C1"), new_price=400),))
    cart = cart_of((item("C1", 500), 2)).with_line_discount("l0", Discount(DiscountKind.PERCENT, Decimal(10)), None)
    line = price_cart(cart, True, rules, LAST_HOUR).lines[0]
    # 10.00 -> 8.00 by the markdown, then 10 % of 8.00.
    assert (line.markdown, line.line_discount, line.total) == (200, 80, 720)


def test_no_rules_price_exactly_as_before() -> None:
    cart = cart_of((item("C1", 500), 3), (item("M1", 1290, "mugs"), 1)).with_cart_discount(
        Discount(DiscountKind.AMOUNT, Decimal(333)), None
    )
    assert price_cart(cart, False, PriceRules(), LAST_HOUR) == price_cart(cart, False)


def test_rules_outside_their_window_are_left_out() -> None:
    later = Bundle("b-later", "Tomorrow", 2, 100, category="cards", starts_at=CLOSING, ends_at=CLOSING + timedelta(1))
    rules = PriceRules(bundles=(later,))
    assert rules.active_at(LAST_HOUR).bundles == ()
    assert price_cart(cart_of((item("C1", 500), 2)), True, rules, LAST_HOUR).total == 1000


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Target(TargetKind.SKU, " "), "which SKU, maker or category"),
        (lambda: Markdown("", "x", OPENING, CLOSING, Target(TargetKind.SKU, "C1"), Decimal(5)), "an id and a name"),
        (lambda: Markdown("m", "x", CLOSING, OPENING, Target(TargetKind.SKU, "C1"), Decimal(5)), "end after it starts"),
        (
            lambda: Markdown("m", "x", OPENING.replace(tzinfo=None), CLOSING, Target(TargetKind.SKU, "C1"), Decimal(5)),
            "time zone",
        ),
        (lambda: Markdown("m", "x", OPENING, CLOSING, Target(TargetKind.SKU, "C1")), "either a percentage"),
        (lambda: Markdown("m", "x", OPENING, CLOSING, Target(TargetKind.SKU, "C1"), Decimal(5), 100), "not both"),
        (lambda: Markdown("m", "x", OPENING, CLOSING, Target(TargetKind.SKU, "C1"), Decimal(120)), "at most 100"),
        (lambda: Markdown("m", "x", OPENING, CLOSING, Target(TargetKind.SKU, "C1"), None, -1), "negative"),
        (lambda: Bundle("b", "x", 3, 1000), "list of SKUs or one category"),
        (lambda: Bundle("b", "x", 3, 1000, frozenset({"C1"}), "cards"), "not both"),
        (lambda: Bundle("b", "x", 1, 1000, category="cards"), "at least 2 units"),
        (lambda: Bundle("b", "x", 3, -5, category="cards"), "negative"),
        (lambda: Bundle("b", "x", 3, 1000, category="cards", starts_at=OPENING), "both a start and an end"),
        (lambda: PriceRules(bundles=(cards_bundle("same"), cards_bundle("same"))), "same id"),
        (lambda: PriceRules().active_at(LAST_HOUR.replace(tzinfo=None)), "time zone"),
    ],
)
def test_rules_that_make_no_sense_are_refused_with_what_to_do(build: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        build()  # type: ignore[operator]


def test_a_saved_cart_keeps_its_categories_and_one_saved_before_them_still_loads() -> None:
    cart = cart_of((item("C1", 500), 2))
    assert cart_from_json(cart_to_json(cart)) == cart

    saved_before = json.loads(cart_to_json(cart))
    del saved_before["lines"][0]["item"]["category"]
    loaded = cart_from_json(json.dumps(saved_before))
    assert loaded.lines[0].item.category == ""
    assert price_cart(loaded, True, PriceRules(bundles=(cards_bundle(count=2, price=100),))).total == 1000
