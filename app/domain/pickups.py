"""Pickup orders and their handoffs: what is left to hand over, and when a handoff must be refused.

An order's state is never stored: it is derived from the order the
marketplace published and the handoff records, local or pulled from other
tills. A group-buy order holds no lines itself; it names member orders, and
handing over through the group or through a member draws on the same lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput


class PickupState(StrEnum):
    WAITING = "waiting"
    PARTLY_COLLECTED = "partly collected"
    COLLECTED = "collected"
    CANCELLED = "cancelled"


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
) -> None:
    """Refuse a handoff of more than is left on any line, or of a cancelled order's lines."""
    handoffs = list(handoffs)
    if not any(quantity > 0 for quantity in wanted.values()):
        raise InvalidInput("Choose how many of each item to hand over (or press All).")
    collected = collected_quantities(handoffs)
    for (order_id, line_id), quantity in wanted.items():
        if quantity < 0:
            raise InvalidInput("A quantity to hand over is zero or more.")
        if quantity == 0:
            continue
        order = orders.get(order_id)
        line = next((line for line in order.lines if line.line_id == line_id), None) if order else None
        if order is None or line is None:
            raise InvalidInput("That item is not part of this pickup order: scan the code again.")
        if order.cancelled:
            raise PickupRefused(
                "cancelled",
                f"Order {order.number} was cancelled by the marketplace: do not hand it over.",
            )
        left = line.quantity - collected.get((order_id, line_id), 0)
        if quantity > left:
            earlier = [h for h in handoffs if h.order_id == order_id and h.line_id == line_id]
            raise PickupRefused("already_collected", _already_collected(line, left, earlier))


def _already_collected(line: PickupLine, left: int, earlier: list[HandedOff]) -> str:
    where = "; ".join(
        f"{h.quantity} on {h.at[:16].replace('T', ' ')} at till {h.till_code} by {h.staff_name}" for h in earlier
    )
    if left <= 0:
        return f"{line.name} was already handed over ({where}): do not hand it over again."
    return f"Only {left} of {line.name} is left to hand over ({where})."
