"""Pickup orders and their handoffs: what is left to hand over, and when a handoff must be refused.

An order's state is never stored: it is derived from the order the
marketplace published and the handoff records, local or pulled from other
tills. A group-buy order holds no lines itself; it names member orders, and
handing over through the group or through a member draws on the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput
from app.domain.texts import N_, _


class PickupState(StrEnum):
    WAITING = "waiting"
    PARTLY_COLLECTED = "partly collected"
    COLLECTED = "collected"
    CANCELLED = "cancelled"


# For what is printed (the event report); the screens name the states through Qt (app/ui/pickup_list.py).
STATE_LABELS = {
    PickupState.WAITING: N_("Waiting"),
    PickupState.PARTLY_COLLECTED: N_("Partly collected"),
    PickupState.COLLECTED: N_("Collected"),
    PickupState.CANCELLED: N_("Cancelled"),
}


class PickupRefused(InvalidInput):
    """A scanned pickup code the desk must not honour; ``reason`` names the case for screens and tests."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class PickupLine:
    line_id: str
    sku: str
    name: str
    maker: str
    quantity: int


@dataclass(frozen=True, slots=True)
class PickupOrder:
    order_id: str
    number: str
    customer_name: str
    notes: str
    cancelled: bool
    lines: tuple[PickupLine, ...]
    # A group-buy leader's order names its members' orders and has no lines of its own.
    member_order_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HandedOff:
    """One line of one handoff, as recorded on this till or pulled from another."""

    handoff_id: str
    order_id: str
    line_id: str
    quantity: int
    till_code: str
    staff_name: str
    at: str


LineKey = tuple[str, str]  # (order id, line id)


def collected_quantities(handoffs: Iterable[HandedOff]) -> dict[LineKey, int]:
    totals: dict[LineKey, int] = {}
    for handed in handoffs:
        key = (handed.order_id, handed.line_id)
        totals[key] = totals.get(key, 0) + handed.quantity
    return totals


def order_state(orders: Iterable[PickupOrder], collected: Mapping[LineKey, int]) -> PickupState:
    """The state of an order, or of a group through all its members' orders."""
    orders = list(orders)
    if orders and all(order.cancelled for order in orders):
        return PickupState.CANCELLED
    lines = [(order.order_id, line) for order in orders if not order.cancelled for line in order.lines]
    taken = [min(collected.get((order_id, line.line_id), 0), line.quantity) for order_id, line in lines]
    if not lines or sum(taken) == 0:
        return PickupState.WAITING
    if all(got >= line.quantity for got, (_, line) in zip(taken, lines, strict=True)):
        return PickupState.COLLECTED
    return PickupState.PARTLY_COLLECTED


def check_handoff(
    orders: Mapping[str, PickupOrder],
    handoffs: Iterable[HandedOff],
    wanted: Mapping[LineKey, int],
    when: Callable[[str], str] = lambda at: at,
) -> None:
    """Refuse a handoff of more than is left on any line, or of a cancelled order's lines.

    ``when`` writes a stored timestamp for people (the event's ``format_datetime``).
    """
    handoffs = list(handoffs)
    if not any(quantity > 0 for quantity in wanted.values()):
        raise InvalidInput(_("Choose how many of each item to hand over (or press All)."))
    collected = collected_quantities(handoffs)
    for (order_id, line_id), quantity in wanted.items():
        if quantity < 0:
            raise InvalidInput(_("A quantity to hand over is zero or more."))
        if quantity == 0:
            continue
        order = orders.get(order_id)
        line = next((line for line in order.lines if line.line_id == line_id), None) if order else None
        if order is None or line is None:
            raise InvalidInput(_("That item is not part of this pickup order: scan the code again."))
        if order.cancelled:
            raise PickupRefused(
                "cancelled",
                _("Order {number} was cancelled by the marketplace: do not hand it over.").format(number=order.number),
            )
        left = line.quantity - collected.get((order_id, line_id), 0)
        if quantity > left:
            earlier = [h for h in handoffs if h.order_id == order_id and h.line_id == line_id]
            raise PickupRefused("already_collected", _already_collected(line, left, earlier, when))


def _already_collected(line: PickupLine, left: int, earlier: list[HandedOff], when: Callable[[str], str]) -> str:
    where = "; ".join(
        _("{quantity} on {when} at till {till} by {staff}").format(
            quantity=h.quantity, when=when(h.at), till=h.till_code, staff=h.staff_name
        )
        for h in earlier
    )
    if left <= 0:
        return _("{name} was already handed over ({where}): do not hand it over again.").format(
            name=line.name, where=where
        )
    return _("Only {left} of {name} is left to hand over ({where}).").format(left=left, name=line.name, where=where)


# The marketplace asks for an ID check in the order's notes ("ID check required"): the order feed has
# no field of its own for it, and the notes are what the marketplace's sellers write it in.
_ID_CHECK = re.compile(r"\bID\b", re.IGNORECASE)


def needs_id_check(orders: Iterable[PickupOrder]) -> bool:
    """Whether any of ``orders`` (an order, or a group and its members) asks the desk to check an ID."""
    return any(_ID_CHECK.search(order.notes) for order in orders)


def check_id_confirmed(orders: Iterable[PickupOrder], number: str, id_checked: bool) -> None:
    """Refuse the handoff of an order that asks for an ID check until the clerk confirms it was checked."""
    if not id_checked and needs_id_check(orders):
        raise PickupRefused(
            "id_check",
            _(
                "Order {number} asks for an ID check: check the customer's ID against the order's name, "
                "tap 'ID checked', then hand over."
            ).format(number=number),
        )
