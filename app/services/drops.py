"""Drops at the counter: the hub's drop entries applied, what is left, and the checks on the sale path.

The hub sets a drop (docs/drops.md); the till refuses a drop's product before
its release unless a manager types their PIN (audited), holds each sale to the
per-sale cap and to what is left of the counter's allocation as this till knows
it, and a customer to the per-customer cap on this till. Each sale of drop
units writes a ``drop.sold`` record so the hub can flag what no single till
could see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.domain import clock
from app.domain.cart import Cart
from app.domain.drops import (
    Drop,
    check_counter_left,
    check_per_customer,
    check_per_sale,
    needs_customer,
    not_open_yet,
)
from app.domain.errors import RuleViolation
from app.domain.events import EventSettings
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import ManagerApproval, approve, require
from app.services.availability import confirm_oversell
from app.services.drop_counts import cart_drops, counts_left
from app.store.drops import CUSTOMER_SALT_KEY, DropRepository
from app.store.staff import StaffMember
from app.store.unit_of_work import UnitOfWork
from sync.records import ChangeKind, DropChanged, DropSold, parse_change
from sync.records.drops import DropSoldLine

DROP_CHANGE_KINDS = frozenset({ChangeKind.DROP.value})


@dataclass(frozen=True, slots=True)
class DropInSale:
    """What one sale takes of one drop, checked, waiting for the sale's id."""

    drop: Drop
    lines: tuple[tuple[str, int], ...]
    customer: str | None
    early_by: str | None

    @property
    def units(self) -> int:
        return sum(quantity for _sku, quantity in self.lines)


def apply_drop_change(uow: UnitOfWork, key: str, data: Mapping[str, Any]) -> None:
    """A ``drop`` entry of the feed: the drop's whole state, kept as is (a later entry replaces it)."""
    change = parse_change(ChangeKind.DROP, key, data)
    if not isinstance(change, DropChanged):
        raise TypeError(f"a drop change parsed as {type(change).__name__}")
    repository = DropRepository(uow.connection)
    known = repository.get(change.drop_id)
    if known is not None and datetime.fromisoformat(known.changed_at) > datetime.fromisoformat(change.changed_at):
        return
    drop = Drop(
        drop_id=change.drop_id,
        name=change.name,
        skus=frozenset(change.skus),
        release_at=change.release_moment(),
        online_allocation=change.online_allocation,
        counter_allocation=change.counter_allocation,
        per_sale_cap=change.per_sale_cap,
        per_customer_cap=change.per_customer_cap,
    )
    repository.save(drop, dict(change.counter_sold), change.changed_at)
    uow.tills.set_setting(CUSTOMER_SALT_KEY, change.customer_salt)
    if known is None or known.drop != drop:
        # The terms, not the counts: a sync that only brings the other tills' sales is no change to audit.
        uow.audit.append(
            till_id=uow.tills.this_till().till_id,
            staff_id=None,
            action="drop.synced",
            subject=drop.drop_id,
            details={
                "name": drop.name,
                "skus": sorted(drop.skus),
                "release_at": change.release_at,
                "online_allocation": drop.online_allocation,
                "counter_allocation": drop.counter_allocation,
                "per_sale_cap": drop.per_sale_cap,
                "per_customer_cap": drop.per_customer_cap,
            },
        )


def check_cart_in(uow: UnitOfWork, before: Cart, after: Cart) -> None:
    """At a change of the cart that adds units of a drop: the per-sale cap and what is left at the counter.

    Only a drop the change adds to is checked, so a line can always be lowered or
    removed; the release and the customer wait for payment (``check_sale_in``).
    """
    repository = DropRepository(uow.connection)
    in_cart = cart_drops(repository, after)
    if not in_cart:
        return
    had = {stored.drop.drop_id: sum(q for _s, q in lines) for stored, lines in cart_drops(repository, before)}
    grown = [
        (stored, sum(q for _s, q in lines))
        for stored, lines in in_cart
        if sum(q for _s, q in lines) > had.get(stored.drop.drop_id, 0)
    ]
    if not grown:
        return
    left = counts_left(repository, (stored for stored, _units in grown), uow.tills.this_till().code)
    for stored, units in grown:
        check_per_sale(stored.drop, units)
        check_counter_left(stored.drop, units, left[stored.drop.drop_id])


def opens_at_text(drop: Drop, event: EventSettings, moment: datetime) -> str:
    """The release as the counter says it: the time alone on the day, with the date further ahead."""
    if drop.release_at - moment < timedelta(hours=12):
        return event.format_time(drop.release_at)
    return event.format_datetime(drop.release_at)


def check_sale_in(
    uow: UnitOfWork, actor: StaffMember, cart: Cart, event: EventSettings, approval: ManagerApproval | None
) -> list[DropInSale]:
    """Inside the sale's transaction: every drop rule, before anything is written.

    Before the release a manager's PIN is asked even of a manager (``pin_always``), and the
    approval is audited with the sale (``record_sale_in``).
    """
    repository = DropRepository(uow.connection)
    in_cart = cart_drops(repository, cart)
    if not in_cart:
        return []
    moment = clock.now()
    left = counts_left(repository, (stored for stored, _lines in in_cart), uow.tills.this_till().code)
    cart_customer = repository.cart_customer(cart.cart_id)
    checked: list[DropInSale] = []
    for stored, lines in in_cart:
        drop = stored.drop
        units = sum(quantity for _sku, quantity in lines)
        early_by = None
        closed = not_open_yet(drop, moment, opens_at_text(drop, event, moment))
        if closed is not None:
            reason = _("{closed}: selling before it").format(closed=closed)
            early_by = approve(uow, actor, approval, reason, pin_always=True)
        check_per_sale(drop, units)
        check_counter_left(drop, units, left[drop.drop_id])
        customer = cart_customer.customer if cart_customer is not None else None
        if needs_customer(drop):
            if customer is None:
                raise RuleViolation(
                    _(
                        "Drop {name} has a limit per customer: scan the customer's code or type their phone or "
                        "email (Customer) first."
                    ).format(name=drop.name)
                )
            check_per_customer(drop, units, repository.bought_by(drop.drop_id, customer))
        checked.append(DropInSale(drop, lines, customer, early_by))
    return checked


def confirm_approval(
    cart_id: str, staff_id: str, uow: UnitOfWork, approval: ManagerApproval | None
) -> ManagerApproval | None:
    """Before the refused sale is written again: the PIN for what it was refused for (a drop not released yet,
    then selling beyond what is left), so the payment screen completes with it or asks again."""
    with uow.for_reading():
        actor = require(uow, staff_id, Permission.SELL)
        stored = uow.carts.get(cart_id)
        if stored is not None:
            event = uow.tills.this_till_and_event()[1]
            moment = clock.now()
            for drop, _lines in cart_drops(DropRepository(uow.connection), stored.cart):
                closed = not_open_yet(drop.drop, moment, opens_at_text(drop.drop, event, moment))
                if closed is not None:
                    approve(
                        uow, actor, approval, _("{closed}: selling before it").format(closed=closed), pin_always=True
                    )
    return confirm_oversell(cart_id, staff_id, uow, approval)


def record_sale_in(
    uow: UnitOfWork,
    sold: list[DropInSale],
    sale_id: str,
    receipt_no: str,
    staff_id: str,
    sold_at: str,
    cart_id: str | None = None,
) -> None:
    """The sale's drop units, its ``drop.sold`` records and the audit of an early sale, in the sale's transaction."""
    repository = DropRepository(uow.connection)
    if cart_id is not None:
        repository.clear_cart_customer(cart_id)
    if not sold:
        return
    till = uow.tills.this_till()
    for item in sold:
        repository.record_sale(sale_id, item.drop.drop_id, item.units, item.customer, sold_at)
        early_name = None
        if item.early_by is not None:
            manager = uow.staff.by_id(item.early_by)
            early_name = manager.name if manager is not None else item.early_by
            uow.audit.append(
                till_id=till.till_id,
                staff_id=staff_id,
                action="drop.sold_before_release",
                subject=sale_id,
                details={
                    "receipt_no": receipt_no,
                    "drop_id": item.drop.drop_id,
                    "drop": item.drop.name,
                    "release_at": item.drop.release_at.isoformat(),
                    "units": item.units,
                },
                approved_by=item.early_by,
            )
        uow.outbox.append(
            till.till_id,
            DropSold(
                sale_id=sale_id,
                drop_id=item.drop.drop_id,
                till_code=till.code,
                lines=[DropSoldLine(sku=sku, quantity=quantity) for sku, quantity in item.lines],
                customer=item.customer,
                sold_at=sold_at,
                early_by=early_name,
            ),
        )
