"""Building the cart at the counter.

Every change is its own short transaction that rewrites the stored cart, so a
crash or a power cut at any moment leaves the cart as it was after the last
scan: nothing a person entered is ever lost. Each till has at most one open
cart; others are parked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from app.domain.barcodes import normalize_code
from app.domain.cart import Cart, CartItem, CartLine, Discount, PricedCart
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.events import EventSettings
from app.domain.gift_cards import card_amounts
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import ManagerApproval, approve, require
from app.services.availability import cart_stock_left_in, oversell_policy_in, oversell_warning
from app.services.counter_prices import CounterPrices, counter_prices_in, discountable
from app.services.drops import check_cart_in as check_drops_in_cart
from app.store.carts import CartStatus, StoredCart
from app.store.staff import StaffMember
from app.store.tills import TillInfo
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class CartState:
    cart: Cart
    priced: PricedCart
    event: EventSettings
    label: str
    # What is left event-wide of the cart's products the hub sent a level for (app/services/availability.py),
    # and what to tell the cashier when this change took one beyond it.
    left: Mapping[str, int] = field(default_factory=dict)
    stock_warning: str | None = None
    # The moment the cart was priced at, the names of the price rules (by id) its lines show, and when a
    # rule next starts or ends: then the screen asks for the cart again (app/services/counter_prices.py).
    priced_at: datetime | None = None
    rule_names: Mapping[str, str] = field(default_factory=dict)
    next_price_change: datetime | None = None


@dataclass(frozen=True, slots=True)
class ParkedCart:
    cart_id: str
    label: str
    lines: int
    total: int
    parked_at: str


def _state(
    cart: Cart,
    event: EventSettings,
    prices: CounterPrices,
    left: Mapping[str, int] | None = None,
    warning: str | None = None,
    priced: PricedCart | None = None,
) -> CartState:
    if priced is None:
        priced = prices.price(cart, event)
    return CartState(cart, priced, event, "", left or {}, warning, prices.at, prices.names, prices.next_change)


def _save(uow: UnitOfWork, till: TillInfo, cart: Cart, staff_id: str, status: CartStatus, label: str = "") -> None:
    uow.carts.save(cart, till_id=till.till_id, staff_id=staff_id, status=status, label=label, updated_at=now_iso())


def _new_open_cart(uow: UnitOfWork, till: TillInfo, event: EventSettings, staff_id: str) -> Cart:
    cart = Cart(new_id(), event.currency)
    _save(uow, till, cart, staff_id, CartStatus.OPEN)
    return cart


def current_cart(staff_id: str, uow: UnitOfWork) -> CartState:
    """The till's open cart (the one being built before a crash, if any), or a new empty one."""
    with uow:
        require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        event = uow.tills.event(till.event_id)
        open_carts = uow.carts.with_status(till.till_id, CartStatus.OPEN)
        cart = open_carts[-1].cart if open_carts else _new_open_cart(uow, till, event, staff_id)
        left = cart_stock_left_in(uow, cart)
        prices = counter_prices_in(uow)
        uow.commit()
    return _state(cart, event, prices, left=left)


def _open_cart(uow: UnitOfWork, till: TillInfo, cart_id: str) -> StoredCart:
    stored = uow.carts.get(cart_id)
    if stored is None:
        if uow.sales.header_by_cart(cart_id) is not None:
            raise RuleViolation(_("This cart is already a completed sale: start the next customer."))
        raise NotFound(_("This cart no longer exists (voided on another screen?): start a new cart."))
    if stored.status is not CartStatus.OPEN:
        raise RuleViolation(_("This cart is parked: recall it before changing it."))
    return stored


def _change(
    cart_id: str,
    staff_id: str,
    uow: UnitOfWork,
    change: Callable[[Cart, StaffMember, EventSettings, CounterPrices], Cart],
) -> CartState:
    with uow:
        actor = require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        event = uow.tills.event(till.event_id)
        stored = _open_cart(uow, till, cart_id)
        prices = counter_prices_in(uow)
        cart = change(stored.cart, actor, event, prices)
        priced = prices.price(cart, event)
        _check_discount_limits(priced, event, prices)
        check_drops_in_cart(uow, stored.cart, cart)
        _save(uow, till, cart, staff_id, CartStatus.OPEN)
        left = cart_stock_left_in(uow, cart)
        warning = oversell_warning(stored.cart, cart, left, oversell_policy_in(uow)) if left else None
        uow.commit()
    return _state(cart, event, prices, left=left, warning=warning, priced=priced)


def _check_discount_limits(priced: PricedCart, event: EventSettings, prices: CounterPrices) -> None:
    """Refuse a change that pushes a discount nobody approved over the limit.

    An amount discount is checked against the line (or cart) as it is after
    this change; fewer items or a removed line would otherwise turn CHF 30 off ten
    mugs (9%) into CHF 30 off one, past the manager's PIN. A line's discount is
    measured on its price after the automatic prices (docs/pricing_rules.md).
    """
    limit = event.discount_limit_percent
    cart = priced.cart
    for line, priced_line in zip(cart.lines, priced.lines, strict=True):
        if (
            line.discount is not None
            and line.approved_by is None
            and line.discount.percent_of(priced_line.base_amount - priced_line.markdown - priced_line.bundle) > limit
        ):
            raise RuleViolation(
                _(
                    "With this change the discount on {name} would be more than {limit}%: lower or remove that "
                    "discount first (a larger one needs a manager's PIN)."
                ).format(name=line.item.name, limit=limit)
            )
    if cart.discount is not None and cart.discount_approved_by is None and not cart.is_empty():
        base = prices.price(cart.with_cart_discount(None, None), event).total
        if cart.discount.percent_of(base) > limit:
            raise RuleViolation(
                _(
                    "With this change the cart discount would be more than {limit}%: lower or remove it first "
                    "(a larger one needs a manager's PIN)."
                ).format(limit=limit)
            )


def scan(cart_id: str, code: str, staff_id: str, uow: UnitOfWork, quantity: int = 1) -> CartState:
    """Add the product with this barcode or SKU, as a scanner or a typed code does."""
    normalized = normalize_code(code)

    def add(cart: Cart, _actor: StaffMember, _event: EventSettings, _prices: CounterPrices) -> Cart:
        product = uow.catalog.by_code(normalized)
        if product is None:
            raise NotFound(
                _("No product has the code {normalized}: check the label, or search by name.").format(
                    normalized=normalized
                )
            )
        return cart.add(product.item, quantity, new_id())

    return _change(cart_id, staff_id, uow, add)


def add_product(cart_id: str, product_id: str, staff_id: str, uow: UnitOfWork, quantity: int = 1) -> CartState:
    """Add a product picked from search results or a quick key."""

    def add(cart: Cart, _actor: StaffMember, _event: EventSettings, _prices: CounterPrices) -> Cart:
        product = uow.catalog.by_id(product_id)
        if product is None:
            raise NotFound(_("That product is no longer in the catalog: search for it again."))
        return cart.add(product.item, quantity, new_id())

    return _change(cart_id, staff_id, uow, add)


def add_line(cart_id: str, staff_id: str, uow: UnitOfWork, make_item: Callable[[EventSettings], CartItem]) -> CartState:
    """Add a line of its own, never merged into another: a custom amount is one entry at its own price.

    ``make_item`` runs inside the cart's transaction, so what it writes (a custom-amount product made on
    first use) commits with the line or not at all.
    """

    def add(cart: Cart, _actor: StaffMember, event: EventSettings, _prices: CounterPrices) -> Cart:
        return replace(cart, lines=(*cart.lines, CartLine(new_id(), make_item(event), 1)))

    return _change(cart_id, staff_id, uow, add)


def set_quantity(cart_id: str, line_id: str, quantity: int, staff_id: str, uow: UnitOfWork) -> CartState:
    return _change(cart_id, staff_id, uow, lambda cart, _a, _e, _p: cart.set_quantity(line_id, quantity))


def remove_line(cart_id: str, line_id: str, staff_id: str, uow: UnitOfWork) -> CartState:
    return _change(cart_id, staff_id, uow, lambda cart, _a, _e, _p: cart.remove(line_id))


def _audit_approval(
    uow: UnitOfWork, actor: StaffMember, approved_by: str, action: str, cart_id: str, details: dict[str, object]
) -> None:
    uow.audit.append(
        till_id=uow.tills.this_till().till_id,
        staff_id=actor.staff_id,
        action=action,
        subject=cart_id,
        details=details,
        approved_by=approved_by,
    )


def discount_line(
    cart_id: str,
    line_id: str,
    discount: Discount | None,
    staff_id: str,
    uow: UnitOfWork,
    approval: ManagerApproval | None = None,
) -> CartState:
    def apply(cart: Cart, actor: StaffMember, event: EventSettings, prices: CounterPrices) -> Cart:
        line = cart.line(line_id)
        approved_by = None
        base = discountable(prices.price(cart, event), line_id)
        if discount is not None and discount.percent_of(base) > event.discount_limit_percent:
            approved_by = approve(uow, actor, approval, f"A discount above {event.discount_limit_percent}%")
            _audit_approval(
                uow,
                actor,
                approved_by,
                "cart.line_discount_approved",
                cart_id,
                {"sku": line.item.sku, "kind": discount.kind.value, "value": str(discount.value)},
            )
        return cart.with_line_discount(line_id, discount, approved_by)

    return _change(cart_id, staff_id, uow, apply)


def override_price(
    cart_id: str,
    line_id: str,
    unit_price: int | None,
    staff_id: str,
    uow: UnitOfWork,
    approval: ManagerApproval | None = None,
) -> CartState:
    def apply(cart: Cart, actor: StaffMember, _event: EventSettings, _prices: CounterPrices) -> Cart:
        line = cart.line(line_id)
        approved_by = None
        if unit_price is not None:
            approved_by = approve(uow, actor, approval, "Changing a price")
            _audit_approval(
                uow,
                actor,
                approved_by,
                "cart.price_overridden",
                cart_id,
                {"sku": line.item.sku, "catalog_price": line.item.unit_price, "new_price": unit_price},
            )
        return cart.with_price_override(line_id, unit_price, approved_by)

    return _change(cart_id, staff_id, uow, apply)


def discount_cart(
    cart_id: str,
    discount: Discount | None,
    staff_id: str,
    uow: UnitOfWork,
    approval: ManagerApproval | None = None,
) -> CartState:
    def apply(cart: Cart, actor: StaffMember, event: EventSettings, prices: CounterPrices) -> Cart:
        if cart.is_empty():
            raise RuleViolation(_("The cart is empty: add items before a cart discount."))
        approved_by = None
        priced = prices.price(cart.with_cart_discount(None, None), event)
        # What the discount can lower: a gift card keeps its value (app/domain/gift_cards.py).
        base = priced.total - sum(card_amounts(priced))
        if discount is not None and discount.percent_of(base) > event.discount_limit_percent:
            approved_by = approve(uow, actor, approval, f"A discount above {event.discount_limit_percent}%")
            _audit_approval(
                uow,
                actor,
                approved_by,
                "cart.discount_approved",
                cart_id,
                {"kind": discount.kind.value, "value": str(discount.value)},
            )
        return cart.with_cart_discount(discount, approved_by)

    return _change(cart_id, staff_id, uow, apply)


def park_cart(cart_id: str, label: str, staff_id: str, uow: UnitOfWork) -> CartState:
    """Set the cart aside (customer fetching their wallet) and start an empty one."""
    with uow:
        require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        event = uow.tills.event(till.event_id)
        stored = _open_cart(uow, till, cart_id)
        if stored.cart.is_empty():
            raise RuleViolation(_("The cart is empty: there is nothing to park."))
        label = label.strip() or f"{len(stored.cart.lines)} item(s)"
        _save(uow, till, stored.cart, staff_id, CartStatus.PARKED, label)
        cart = _new_open_cart(uow, till, event, staff_id)
        prices = counter_prices_in(uow)
        uow.commit()
    return _state(cart, event, prices)


def parked_carts(uow: UnitOfWork) -> list[ParkedCart]:
    with uow.for_reading():
        till = uow.tills.this_till()
        event = uow.tills.event(till.event_id)
        prices = counter_prices_in(uow)
        return [
            ParkedCart(
                stored.cart.cart_id,
                stored.label,
                len(stored.cart.lines),
                prices.price(stored.cart, event).total,
                stored.updated_at,
            )
            for stored in uow.carts.with_status(till.till_id, CartStatus.PARKED)
        ]


def recall_cart(cart_id: str, staff_id: str, uow: UnitOfWork) -> CartState:
    """Bring a parked cart back; the open cart, if it has items, is parked in its place."""
    with uow:
        require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        event = uow.tills.event(till.event_id)
        stored = uow.carts.get(cart_id)
        if stored is None or stored.status is not CartStatus.PARKED:
            raise NotFound(_("That parked cart is gone (recalled on another screen?): refresh the list."))
        for other in uow.carts.with_status(till.till_id, CartStatus.OPEN):
            if other.cart.is_empty():
                uow.carts.delete(other.cart.cart_id)
            else:
                _save(uow, till, other.cart, staff_id, CartStatus.PARKED, f"{len(other.cart.lines)} item(s)")
        _save(uow, till, stored.cart, staff_id, CartStatus.OPEN)
        left = cart_stock_left_in(uow, stored.cart)
        prices = counter_prices_in(uow)
        uow.commit()
    return _state(stored.cart, event, prices, left=left)


def void_cart(cart_id: str, reason: str, staff_id: str, uow: UnitOfWork) -> CartState:
    """Throw the cart away (audited with its content) and start an empty one."""
    if not reason.strip():
        raise InvalidInput(_("Say why the cart is voided (e.g. customer changed their mind)."))
    with uow:
        require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        event = uow.tills.event(till.event_id)
        stored = uow.carts.get(cart_id)
        if stored is None:
            raise NotFound(_("This cart no longer exists: start a new cart."))
        prices = counter_prices_in(uow)
        priced = prices.price(stored.cart, event)
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="cart.voided",
            subject=cart_id,
            details={
                "reason": reason.strip(),
                "total": priced.total,
                "lines": [[line.item.sku, line.quantity, line.unit_price] for line in stored.cart.lines],
            },
        )
        uow.carts.delete(cart_id)
        was_open = stored.status is CartStatus.OPEN
        cart = _new_open_cart(uow, till, event, staff_id) if was_open else None
        if cart is None:
            open_carts = uow.carts.with_status(till.till_id, CartStatus.OPEN)
            cart = open_carts[-1].cart if open_carts else _new_open_cart(uow, till, event, staff_id)
        uow.commit()
    return _state(cart, event, prices)
