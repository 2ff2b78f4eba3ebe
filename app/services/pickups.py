"""The pickup desk: read a customer's signed code offline, find and show the order, store the hub's pickups.

A code's signature proves the order genuine; single use comes from the
handoff records, this till's own and those pulled from the other tills of
the event. Handing over (the fact, and its slip) is app/services/handoffs.py.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from app.domain.barcodes import normalize_code
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, PosError
from app.domain.events import EventSettings
from app.domain.pickups import (
    HandedOff,
    LineKey,
    PickupLine,
    PickupOrder,
    PickupRefused,
    PickupState,
    collected_quantities,
    needs_id_check,
    order_state,
)
from app.domain.receipts import parse_receipt_qr
from app.domain.texts import _
from app.store.unit_of_work import UnitOfWork
from sync.pickup_codes import PickupCode, PickupCodeRefused, PickupKey, looks_like_pickup_code, read_pickup_code

PICKUP_CHANGE_KINDS = frozenset({"pickup_key", "pickup_order", "pickup_handoff"})
# A handoff on a manager's approval before the order was pulled names no lines: the hub knows them.
WHOLE_ORDER_LINE = "*"
SEARCH_LIMIT = 50


@dataclass(frozen=True, slots=True)
class PickupLineView:
    order_id: str
    order_number: str
    line_id: str
    sku: str
    name: str
    maker: str
    ordered: int
    collected: int

    @property
    def left(self) -> int:
        return max(self.ordered - self.collected, 0)

    @property
    def key(self) -> LineKey:
        return (self.order_id, self.line_id)


@dataclass(frozen=True, slots=True)
class PickupCard:
    """What the desk shows for a scanned or searched order (a group shows all its members' lines)."""

    order_id: str
    number: str
    customer_name: str
    notes: tuple[str, ...]
    state: PickupState
    lines: tuple[PickupLineView, ...]
    history: tuple[HandedOff, ...]
    member_numbers: tuple[str, ...] = ()
    # Set when the scanner typed the code for another keyboard layout and it was recovered.
    warning: str = ""
    # When each of ``history`` was handed over, in the event's locale and time zone.
    handed_at: tuple[str, ...] = ()
    # The order's notes ask for an ID check: the hand-over needs the clerk's "ID checked".
    id_check_required: bool = False


@dataclass(frozen=True, slots=True)
class UnpulledOrder:
    """A genuine code for an order this till has not pulled yet."""

    order_id: str
    expires_at: str
    message: str


@dataclass(frozen=True, slots=True)
class PickupSummary:
    order_id: str
    number: str
    customer_name: str
    state: PickupState
    items: int
    collected: int


@dataclass(frozen=True, slots=True)
class PickupOverview:
    orders: tuple[PickupSummary, ...]
    counts: Mapping[PickupState, int]


# Pulled from the hub


def apply_pickup_change(uow: UnitOfWork, kind: str, key: str, data: Mapping[str, Any]) -> None:
    """Store one pickup change of the hub's feed (keys, orders and cancellations, other tills' handoffs)."""
    if kind == "pickup_key":
        uow.pickups.save_key(int(key), base64.b64decode(data["public_key"]), bool(data["revoked"]))
    elif kind == "pickup_order":
        order = PickupOrder(
            order_id=key,
            number=str(data["number"]),
            customer_name=str(data["customer_name"]),
            notes=str(data.get("notes", "")),
            cancelled=bool(data["cancelled"]),
            lines=tuple(
                PickupLine(str(line["line_id"]), line["sku"], line["name"], line["maker"], int(line["quantity"]))
                for line in data["lines"]
            ),
            member_order_ids=tuple(data.get("member_order_ids", [])),
        )
        uow.pickups.save_order(order, now_iso())
    elif kind == "pickup_handoff":
        lines = [
            HandedOff(
                key,
                line["order_id"],
                str(line["line_id"]),
                int(line["quantity"]),
                data["till_code"],
                data["staff_name"],
                data["at"],
            )
            for line in data["lines"]
        ]
        # This till's own handoffs come back too: the same fact, stored once.
        uow.pickups.add_handoff(lines, None, local=False)


# Reading a code and showing the order


def scan_pickup(scanned: str, uow: UnitOfWork, now: datetime | None = None) -> PickupCard | UnpulledOrder:
    """The order behind a scanned code, checked offline; refusals say what the scan was and what to do."""
    with uow.for_reading():
        till, event = uow.tills.this_till_and_event()
        if not looks_like_pickup_code(scanned):
            _refuse_other_code(scanned, uow)
        code = _verified(scanned, uow, event.event_id, now or datetime.now(UTC))
        order = uow.pickups.order(code.order_id)
        if order is None:
            earlier = uow.pickups.handoffs([code.order_id])
            if earlier:
                raise PickupRefused("already_collected", handed_before(earlier[0], event))
            return UnpulledOrder(
                code.order_id,
                event.format_datetime(code.expires_at),
                "This code is genuine, but the order has not reached this till yet: sync now, "
                "or hand it over on a manager's approval against the order on the customer's phone.",
            )
        card = _card(order, uow, till.code)
    if card.state is PickupState.CANCELLED:
        raise PickupRefused(
            "cancelled",
            _("Order {number} was cancelled by the marketplace: do not hand it over.").format(number=card.number),
        )
    if card.state is PickupState.COLLECTED:
        raise PickupRefused("already_collected", _collected_message(card, event))
    if code.recovered_from_layout:
        return replace(
            card,
            warning=_(
                "The scanner types for a {layout} keyboard: the code was recovered, "
                "but set the scanner to this computer's layout."
            ).format(layout=code.recovered_from_layout),
        )
    return card


def _verified(scanned: str, uow: UnitOfWork, event_id: str, now: datetime, allow_expired: bool = False) -> PickupCode:
    keys = {key_id: PickupKey(key_id, public, revoked) for key_id, public, revoked in uow.pickups.signing_keys()}
    try:
        return read_pickup_code(scanned, keys, event_id, now, allow_expired=allow_expired)
    except PickupCodeRefused as refusal:
        raise PickupRefused(refusal.reason.value, str(refusal)) from None


def order_for_return(scanned: str, uow: UnitOfWork) -> PickupOrder:
    """The pulled order behind a genuine pickup code, expired or not (called inside the caller's unit of work)."""
    event_id = uow.tills.this_till().event_id
    code = _verified(scanned, uow, event_id, datetime.now(UTC), allow_expired=True)
    order = uow.pickups.order(code.order_id)
    if order is None:
        raise NotFound(_("This order is not on this till yet: sync, then scan the code again."))
    if order.member_order_ids:
        raise InvalidInput(
            _("This is a group leader's code: return each member's items with that member's order code.")
        )
    return order


def order_collected(order_id: str, uow: UnitOfWork) -> dict[str, int]:
    """Per line id, how many were handed over (any till)."""
    return {line: quantity for (_, line), quantity in collected_quantities(uow.pickups.handoffs([order_id])).items()}


def _refuse_other_code(scanned: str, uow: UnitOfWork) -> None:
    text = scanned.strip()
    try:
        receipt_no, _sale_id = parse_receipt_qr(text)
    except InvalidInput:
        pass
    else:
        raise PickupRefused(
            "receipt",
            _("This is the QR code of receipt {receipt_no}, not a pickup code: for a return, use Returns.").format(
                receipt_no=receipt_no
            ),
        )
    try:
        product = uow.catalog.by_code(normalize_code(text))
    except PosError:
        product = None
    if product is not None:
        raise PickupRefused(
            "product",
            _(
                "This is the barcode of {name}, not a pickup code: scan the QR code in the customer's "
                "order confirmation."
            ).format(name=product.item.name),
        )
    raise PickupRefused(
        "not_a_pickup_code", _("This is not a pickup code: scan the QR code in the customer's order confirmation.")
    )


def open_pickup(order_id: str, uow: UnitOfWork) -> PickupCard:
    """An order found by search (a customer without a phone): the clerk checks ID as the notes say."""
    with uow.for_reading():
        till = uow.tills.this_till()
        order = uow.pickups.order(order_id)
        if order is None:
            raise NotFound(_("That pickup order is not on this till: sync, then search again."))
        return _card(order, uow, till.code)


def _card(order: PickupOrder, uow: UnitOfWork, till_code: str) -> PickupCard:
    members = uow.pickups.orders(list(order.member_order_ids)) if order.member_order_ids else []
    orders = members or [order]
    history = uow.pickups.handoffs([o.order_id for o in orders])
    collected = collected_quantities(history)
    lines = tuple(
        PickupLineView(
            o.order_id,
            o.number,
            line.line_id,
            line.sku,
            line.name,
            line.maker,
            line.quantity,
            collected.get((o.order_id, line.line_id), 0),
        )
        for o in orders
        if not o.cancelled
        for line in o.lines
    )
    notes = [note for o in [order, *members] for note in o.notes.splitlines() if note.strip()]
    if members:
        members_text = ", ".join(f"{m.number} {m.customer_name}" for m in members)
        notes.insert(0, _("Group order: collecting for {members}").format(members=members_text))
        notes += [_("Order {number} was cancelled").format(number=m.number) for m in members if m.cancelled]
    shown = tuple(h for h in history if h.line_id != WHOLE_ORDER_LINE)
    event = uow.tills.this_till_and_event()[1]
    return PickupCard(
        order_id=order.order_id,
        number=order.number,
        customer_name=order.customer_name,
        notes=tuple(notes),
        state=order_state(orders, collected),
        lines=lines,
        history=shown,
        member_numbers=tuple(m.number for m in members),
        id_check_required=needs_id_check([order, *members]),
        handed_at=tuple(event.format_datetime(h.at) for h in shown),
    )


def handed_before(handed: HandedOff, event: EventSettings) -> str:
    return _(
        "This order was already handed over on {when} at till {till} by {staff}: do not hand it over again."
    ).format(when=event.format_datetime(handed.at), till=handed.till_code, staff=handed.staff_name)


def _collected_message(card: PickupCard, event: EventSettings) -> str:
    last = card.history[-1] if card.history else None
    if last is None:
        return _("Order {number} was already collected: do not hand it over again.").format(number=card.number)
    return _(
        "Order {number} was already collected, last on {when} at till {till} by {staff}: do not hand it over again."
    ).format(number=card.number, when=event.format_datetime(last.at), till=last.till_code, staff=last.staff_name)


def search_pickups(text: str, uow: UnitOfWork) -> list[PickupSummary]:
    """Orders whose number or customer name contains ``text``."""
    if len(text.strip()) < 2:
        raise InvalidInput(_("Type at least 2 letters of the customer's name or the order number."))
    with uow.for_reading():
        return _summaries(uow.pickups.search(text, SEARCH_LIMIT), uow)


def pickup_overview(uow: UnitOfWork) -> PickupOverview:
    """Every pickup of the event with its state, and the count per state (the no-shows are the waiting ones)."""
    with uow.for_reading():
        summaries = _summaries(uow.pickups.orders(), uow)
    counts = {state: sum(1 for s in summaries if s.state is state) for state in PickupState}
    return PickupOverview(tuple(summaries), counts)


def _summaries(orders: list[PickupOrder], uow: UnitOfWork) -> list[PickupSummary]:
    by_id = {order.order_id: order for order in uow.pickups.orders()}
    collected = collected_quantities(uow.pickups.handoffs())
    summaries = []
    for order in orders:
        parts = [by_id[i] for i in order.member_order_ids if i in by_id] if order.member_order_ids else [order]
        live = [line_key for part in parts if not part.cancelled for line_key in _keys(part)]
        summaries.append(
            PickupSummary(
                order.order_id,
                order.number,
                order.customer_name,
                order_state(parts, collected),
                sum(quantity for _, quantity in live),
                sum(min(collected.get(key, 0), quantity) for key, quantity in live),
            )
        )
    return summaries


def _keys(order: PickupOrder) -> list[tuple[LineKey, int]]:
    return [((order.order_id, line.line_id), line.quantity) for line in order.lines]
