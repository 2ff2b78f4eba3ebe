"""What is left event-wide of each product, as the counter shows it, and the rule for selling beyond it.

Left = the hub's last level (available: on hand less what paid pickup orders
hold) moved by this till's records the hub has not answered yet. A product the
hub never sent a level for has none (nothing shown, selling is free).
The event's ``oversell_policy`` says whether a sale beyond what is left only
warns or needs a manager's PIN; docs/stock_view.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.cart import Cart
from app.domain.staff import Permission
from app.domain.stock_left import OversellPolicy, Oversold, oversold, parse_policy
from app.domain.texts import _
from app.services.authorization import ManagerApproval, approve, require
from app.services.drop_counts import drop_left_in
from app.services.event_changes import queue_setting_change
from app.store.catalog import ProductView
from app.store.staff import StaffMember
from app.store.stock_left import stock_left as stock_left_of
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import is_custom_sku
from sync.records.event_settings import EventSettingKey

# Kept under the event setting's own name: the event's settings set it for every till (default: warn).
OVERSELL_POLICY_KEY = EventSettingKey.OVERSELL_POLICY.value


@dataclass(frozen=True, slots=True)
class FoundProduct:
    """A search result with what is left of it (None: the hub never sent a level)."""

    product: ProductView
    left: int | None
    # What is left of the counter's allocation when the product is in a drop (app/services/drops.py).
    drop_left: int | None = None


def stock_left_in(uow: UnitOfWork, skus: Iterable[str]) -> dict[str, int]:
    """Inside an open unit of work: what is left of each SKU the hub has sent a level for."""
    return stock_left_of(uow.connection, skus)


def stock_left(skus: Iterable[str], uow: UnitOfWork) -> dict[str, int]:
    with uow.for_reading():
        return stock_left_in(uow, skus)


def cart_stock_left_in(uow: UnitOfWork, cart: Cart) -> dict[str, int]:
    return stock_left_in(uow, {line.item.sku for line in cart.lines if not is_custom_sku(line.item.sku)})


def search_with_stock(query: str, uow: UnitOfWork, limit: int) -> list[FoundProduct]:
    """The search results and what is left of each, in one read."""
    with uow.for_reading():
        found = uow.catalog.search(query, limit)
        left = stock_left_in(uow, {product.item.sku for product in found})
        in_drops = drop_left_in(uow, {product.item.sku for product in found})
    return [FoundProduct(product, left.get(product.item.sku), in_drops.get(product.item.sku)) for product in found]


def oversell_policy_in(uow: UnitOfWork) -> OversellPolicy:
    return parse_policy(uow.tills.setting(OVERSELL_POLICY_KEY))


def oversell_policy(uow: UnitOfWork) -> OversellPolicy:
    with uow.for_reading():
        return oversell_policy_in(uow)


def set_oversell_policy(policy: OversellPolicy, staff_id: str, uow: UnitOfWork) -> OversellPolicy:
    """A manager's choice, audited with the one it replaces, for every till of the event."""
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        before = oversell_policy_in(uow)
        uow.tills.set_setting(OVERSELL_POLICY_KEY, policy.value)
        uow.audit.append(
            till_id=uow.tills.this_till().till_id,
            staff_id=staff_id,
            action="stock.oversell_policy_set",
            subject=OVERSELL_POLICY_KEY,
            details={"before": before.value, "after": policy.value},
        )
        # An event setting: it travels to the other tills through the hub (app/services/event_changes.py).
        queue_setting_change(uow, OVERSELL_POLICY_KEY, policy.value, staff_id)
        uow.commit()
    return policy


def cart_oversold(cart: Cart, left: dict[str, int]) -> list[Oversold]:
    return oversold(((line.item.sku, line.item.name, line.quantity) for line in cart.lines), left)


def oversell_warning(before: Cart | None, after: Cart, left: dict[str, int], policy: OversellPolicy) -> str | None:
    """What to tell the cashier when a change takes a product beyond what is left (once per step up)."""
    previous = {item.sku: item.quantity for item in cart_oversold(before, left)} if before is not None else {}
    fresh = [item for item in cart_oversold(after, left) if item.quantity > previous.get(item.sku, item.left)]
    if not fresh:
        return None
    item = fresh[0]
    if item.left <= 0:
        text = _("{name} is sold out event-wide.").format(name=item.name)
    else:
        text = _("Only {left} of {name} left event-wide.").format(left=item.left, name=item.name)
    if policy is OversellPolicy.MANAGER:
        return text + " " + _("Selling more needs a manager's PIN at payment.")
    return text + " " + _("The sale can go on: tell the manager.")


def approve_oversell_in(
    uow: UnitOfWork, actor: StaffMember, cart: Cart, approval: ManagerApproval | None
) -> tuple[str | None, list[Oversold]]:
    """Inside the sale's transaction: who approves selling beyond what is left, when the event asks for it.

    Returns the approving manager (None when nothing needs approval) and what is sold beyond.
    """
    beyond = cart_oversold(cart, cart_stock_left_in(uow, cart))
    if not beyond or oversell_policy_in(uow) is not OversellPolicy.MANAGER:
        return None, beyond
    named = ", ".join(f"{item.name} ({item.quantity}/{item.left})" for item in beyond)
    return approve(uow, actor, approval, _("Selling more than is left of {named}").format(named=named)), beyond


def confirm_oversell(
    cart_id: str, staff_id: str, uow: UnitOfWork, approval: ManagerApproval | None
) -> ManagerApproval | None:
    """Ask for the approval before the sale is written again: the payment screen then completes with it."""
    with uow.for_reading():
        actor = require(uow, staff_id, Permission.SELL)
        stored = uow.carts.get(cart_id)
        if stored is not None:
            approve_oversell_in(uow, actor, stored.cart, approval)
    return approval


def audit_oversold(
    uow: UnitOfWork, sale_id: str, receipt_no: str, beyond: list[Oversold], staff_id: str, approved_by: str | None
) -> None:
    """A sale beyond what was left, for the manager: what, how many, how many were left, who approved."""
    uow.audit.append(
        till_id=uow.tills.this_till().till_id,
        staff_id=staff_id,
        action="sale.beyond_stock",
        subject=sale_id,
        details={
            "receipt_no": receipt_no,
            "lines": [[item.sku, item.quantity, item.left] for item in beyond],
        },
        approved_by=approved_by,
    )
