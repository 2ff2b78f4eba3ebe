"""The cart being built at the counter, and how it is priced.

A cart is an immutable value: every change returns a new cart, so the service
can persist it after each scan and a crash loses nothing. Pricing is a pure
function of the cart and the event's tax mode; rounding happens per line:

* markdowns per unit, then bundles over the marked-down units, each chosen by
  app/domain/price_rules.py (a line with a typed price or a gift card takes
  neither); docs/pricing_rules.md explains the order and the tie-breaks,
* line discount (percent or amount) on what is left of quantity x unit price,
* the cart discount spread over the lines in proportion to what is left
  (largest remainder, so the shares add up to the cent),
* tax per line: extracted from the price when prices include tax, added on top
  otherwise, rounded half up to the minor unit.

The cart total is by construction the sum of the line totals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from app.domain.bundle_choice import BundleUnits, choose_bundles
from app.domain.errors import InvalidInput, NotFound
from app.domain.money import round_half_up
from app.domain.price_rules import MarkdownIndex, PriceRules
from app.domain.texts import _
from sync.custom_lines import is_gift_card_sku

MAX_QUANTITY = 9999
_HUNDRED = Decimal(100)


class DiscountKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"


@dataclass(frozen=True, slots=True)
class Discount:
    """A percentage (``value`` in percent) or a fixed amount (``value`` in minor units)."""

    kind: DiscountKind
    value: Decimal

    def __post_init__(self) -> None:
        if self.value < 0:
            raise InvalidInput(_("A discount cannot be negative."))
        if self.kind is DiscountKind.PERCENT and self.value > _HUNDRED:
            raise InvalidInput(_("A discount cannot be more than 100%."))
        if self.kind is DiscountKind.AMOUNT and self.value != self.value.to_integral_value():
            raise InvalidInput(_("An amount discount is a whole number of minor units."))

    def amount_off(self, base: int) -> int:
        if self.kind is DiscountKind.PERCENT:
            return round_half_up(Decimal(base) * self.value / _HUNDRED)
        return min(int(self.value), base)

    def percent_of(self, base: int) -> Decimal:
        """How large the discount is relative to ``base``, to compare with the approval limit."""
        if self.kind is DiscountKind.PERCENT:
            return self.value
        if base <= 0:
            return Decimal(0) if self.value == 0 else _HUNDRED
        return Decimal(min(int(self.value), base)) * _HUNDRED / Decimal(base)


@dataclass(frozen=True, slots=True)
class CartItem:
    """What the catalog said about a product when it was put in the cart."""

    product_id: str
    sku: str
    name: str
    variant: str
    maker_id: str
    maker_name: str
    tax_class: str
    tax_rate: Decimal
    unit_price: int
    category: str = ""


@dataclass(frozen=True, slots=True)
class CartLine:
    line_id: str
    item: CartItem
    quantity: int
    discount: Discount | None = None
    price_override: int | None = None
    approved_by: str | None = None

    @property
    def unit_price(self) -> int:
        return self.item.unit_price if self.price_override is None else self.price_override

    @property
    def base_amount(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class Cart:
    cart_id: str
    currency: str
    lines: tuple[CartLine, ...] = ()
    discount: Discount | None = None
    discount_approved_by: str | None = None

    def line(self, line_id: str) -> CartLine:
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise NotFound(_("That line is no longer in the cart: refresh and try again."))

    def is_empty(self) -> bool:
        return not self.lines

    def add(self, item: CartItem, quantity: int, new_line_id: str) -> Cart:
        """Add an item; a second scan of the same product adds to its line."""
        check_quantity(quantity)
        for line in self.lines:
            if line.item.product_id == item.product_id and line.price_override is None:
                return self.set_quantity(line.line_id, line.quantity + quantity)
        return replace(self, lines=(*self.lines, CartLine(new_line_id, item, quantity)))

    def set_quantity(self, line_id: str, quantity: int) -> Cart:
        check_quantity(quantity)
        return self._change_line(line_id, quantity=quantity)

    def remove(self, line_id: str) -> Cart:
        self.line(line_id)
        return replace(self, lines=tuple(line for line in self.lines if line.line_id != line_id))

    def with_line_discount(self, line_id: str, discount: Discount | None, approved_by: str | None) -> Cart:
        if discount is not None and is_gift_card_sku(self.line(line_id).item.sku):
            raise InvalidInput(_("A gift card is sold at its full value: it takes no discount."))
        return self._change_line(line_id, discount=discount, approved_by=approved_by)

    def with_price_override(self, line_id: str, unit_price: int | None, approved_by: str | None) -> Cart:
        if unit_price is not None and unit_price < 0:
            raise InvalidInput(_("A price cannot be negative."))
        if unit_price is not None and is_gift_card_sku(self.line(line_id).item.sku):
            raise InvalidInput(_("A gift card's amount is not changed: remove the line and add the card again."))
        return self._change_line(line_id, price_override=unit_price, approved_by=approved_by)

    def with_cart_discount(self, discount: Discount | None, approved_by: str | None) -> Cart:
        return replace(self, discount=discount, discount_approved_by=approved_by)

    def _change_line(self, line_id: str, **changes: object) -> Cart:
        self.line(line_id)
        return replace(
            self,
            lines=tuple(
                replace(line, **changes) if line.line_id == line_id else line  # type: ignore[arg-type]
                for line in self.lines
            ),
        )


def check_quantity(quantity: int) -> int:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidInput(
            _("A quantity is a whole number from 1 to {MAX_QUANTITY}.").format(MAX_QUANTITY=MAX_QUANTITY)
        )
    return quantity


@dataclass(frozen=True, slots=True)
class PricedLine:
    line: CartLine
    base_amount: int
    line_discount: int
    cart_discount_share: int
    tax: int
    total: int
    markdown: int = 0
    bundle: int = 0
    markdown_id: str | None = None
    bundle_ids: tuple[str, ...] = ()

    @property
    def discount_total(self) -> int:
        return self.markdown + self.bundle + self.line_discount + self.cart_discount_share

    @property
    def net(self) -> int:
        """The line's amount without tax."""
        return self.total - self.tax


@dataclass(frozen=True, slots=True)
class PricedCart:
    cart: Cart
    lines: tuple[PricedLine, ...]
    prices_include_tax: bool
    # The sums of the lines, added up once: a sale reads each of them several times (its row, its record,
    # its settlement, its audit entry).
    subtotal: int = field(init=False, repr=False, compare=False)
    discount_total: int = field(init=False, repr=False, compare=False)
    tax_total: int = field(init=False, repr=False, compare=False)
    total: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        subtotal = discount_total = tax_total = total = 0
        for line in self.lines:
            subtotal += line.base_amount
            discount_total += line.markdown + line.bundle + line.line_discount + line.cart_discount_share
            tax_total += line.tax
            total += line.total
        object.__setattr__(self, "subtotal", subtotal)
        object.__setattr__(self, "discount_total", discount_total)
        object.__setattr__(self, "tax_total", tax_total)
        object.__setattr__(self, "total", total)

    def tax_by_rate(self) -> dict[Decimal, tuple[int, int]]:
        """Per tax rate: (net amount, tax), for the receipt's tax summary."""
        summary: dict[Decimal, tuple[int, int]] = {}
        for line in self.lines:
            net, tax = summary.get(line.line.item.tax_rate, (0, 0))
            summary[line.line.item.tax_rate] = (net + line.net, tax + line.tax)
        return summary


def allocate(amount: int, weights: Sequence[int]) -> list[int]:
    """Split ``amount`` (never negative, nor the weights) in proportion to ``weights``; the parts add up to it."""
    total_weight = sum(weights)
    if amount == 0 or total_weight == 0:
        return [0] * len(weights)
    # In integers: each share's whole part and its remainder over the same denominator (exact, no Decimal).
    shares = [divmod(amount * weight, total_weight) for weight in weights]
    parts = [part for part, _remainder in shares]
    leftover = amount - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i][1], -i), reverse=True)
    for index in by_remainder[:leftover]:
        parts[index] += 1
    return parts


def line_tax(amount: int, rate: Decimal, prices_include_tax: bool) -> int:
    """The tax in ``amount`` (or on it), rounded half away from zero: ``amount * rate`` or
    ``amount * rate / (1 + rate)`` in exact integers, the same as in Decimal (a fraction over a
    rate's small denominator never comes within Decimal's 28 digits of a half) at about half the cost
    (tests/unit/domain/test_line_tax.py)."""
    numerator, denominator = rate.as_integer_ratio()
    if prices_include_tax:
        denominator += numerator
    twice = 2 * abs(amount) * numerator
    tax = (twice + denominator) // (2 * denominator)
    return -tax if amount < 0 else tax


@dataclass(frozen=True, slots=True)
class _Automatic:
    markdown: int = 0
    bundle: int = 0
    markdown_id: str | None = None
    bundle_ids: tuple[str, ...] = ()


def _automatic_discounts(cart: Cart, rules: PriceRules) -> list[_Automatic]:
    """Markdowns per unit, then the bundles' savings spread over their units in proportion to their prices."""
    markdowns: list[tuple[int, str | None]] = []
    candidates: list[BundleUnits] = []
    markdowns_by_target = MarkdownIndex(rules.markdowns)
    for index, line in enumerate(cart.lines):
        if line.price_override is not None or is_gift_card_sku(line.item.sku):
            markdowns.append((line.unit_price, None))
            continue
        unit_price, markdown_id = markdowns_by_target.best(line.item, line.unit_price)
        markdowns.append((unit_price, markdown_id))
        candidates.append(BundleUnits(index, line.item, unit_price, line.quantity, (line.item.sku, line.line_id)))
    bundle_off = [0] * len(cart.lines)
    bundle_ids: list[set[str]] = [set() for _line in cart.lines]
    for group in choose_bundles(rules.bundles, candidates):
        shares = (
            [group.saving]
            if len(group.parts) == 1
            else allocate(group.saving, [units * price for _index, units, price in group.parts])
        )
        for (index, _units, _price), share in zip(group.parts, shares, strict=True):
            bundle_off[index] += share * group.times
            bundle_ids[index].add(group.bundle_id)
    return [
        _Automatic((line.unit_price - unit_price) * line.quantity, off, markdown_id, tuple(sorted(ids)) if ids else ())
        for line, (unit_price, markdown_id), off, ids in zip(cart.lines, markdowns, bundle_off, bundle_ids, strict=True)
    ]


def price_cart(
    cart: Cart, prices_include_tax: bool, rules: PriceRules | None = None, at: datetime | None = None
) -> PricedCart:
    """Price the cart; ``rules`` are filtered to those active ``at`` that moment, or taken as they are without one."""
    if rules is None:
        automatic = [_Automatic()] * len(cart.lines)
    else:
        automatic = _automatic_discounts(cart, rules if at is None else rules.active_at(at))
    after_line_discount: list[int] = []
    line_discounts: list[int] = []
    for line, auto in zip(cart.lines, automatic, strict=True):
        remaining = line.base_amount - auto.markdown - auto.bundle
        off = line.discount.amount_off(remaining) if line.discount else 0
        line_discounts.append(off)
        after_line_discount.append(remaining - off)
    # A gift card is money kept for later, not goods: a cart discount never lowers it.
    discountable = [
        0 if is_gift_card_sku(line.item.sku) else amount
        for line, amount in zip(cart.lines, after_line_discount, strict=True)
    ]
    cart_off = cart.discount.amount_off(sum(discountable)) if cart.discount else 0
    shares = allocate(cart_off, discountable)
    priced: list[PricedLine] = []
    for line, auto, off, remaining, share in zip(
        cart.lines, automatic, line_discounts, after_line_discount, shares, strict=True
    ):
        amount = remaining - share
        tax = line_tax(amount, line.item.tax_rate, prices_include_tax)
        total = amount if prices_include_tax else amount + tax
        priced.append(
            PricedLine(
                line,
                line.base_amount,
                off,
                share,
                tax,
                total,
                auto.markdown,
                auto.bundle,
                auto.markdown_id,
                auto.bundle_ids,
            )
        )
    return PricedCart(cart, tuple(priced), prices_include_tax)


def parse_discount(text: str, parse_amount: Callable[[str], int]) -> Discount | None:
    """Read a discount as typed at the till: "10%" is a percentage, "5.00" an amount, empty removes it."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    if cleaned.endswith("%"):
        try:
            return Discount(DiscountKind.PERCENT, Decimal(cleaned[:-1].replace(",", ".")))
        except ArithmeticError:
            raise InvalidInput(_("'{text}' is not a percentage: type e.g. 10%.").format(text=text)) from None
    return Discount(DiscountKind.AMOUNT, Decimal(parse_amount(cleaned)))
