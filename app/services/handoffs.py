"""Handing a pickup order over, once, and the customer's slip.

A handoff is a fact: it moves stock, goes to the outbox with its audit entry
in the same transaction, and is never changed. Reading the code and showing
the order is app/services/pickups.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import texts
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound
from app.domain.fact_digest import FactKind
from app.domain.ids import new_id
from app.domain.pickups import (
    HandedOff,
    LineKey,
    PickupRefused,
    check_handoff,
    check_id_confirmed,
    collected_quantities,
    needs_id_check,
)
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audit import append_fact
from app.services.authorization import ManagerApproval, approve, ensure_event_open, require
from app.services.pickups import WHOLE_ORDER_LINE, handed_before
from app.services.printing import queue_document
from app.store.stock import Movement, MovementKind
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Document, DocumentKind, Row, Separator, Text
from sync import records


@dataclass(frozen=True, slots=True)
class HandoffDone:
    handoff_id: str
    order_number: str
    items: int


def hand_over(
    order_id: str, quantities: Mapping[LineKey, int], staff_id: str, uow: UnitOfWork, id_checked: bool = False
) -> HandoffDone:
    """Hand over some or all lines of an order (or of a group's member orders), in one transaction.

    ``id_checked`` is the clerk's confirmation, required (and audited) where the order asks for an ID check.
    """
    with uow:
        clerk = require(uow, staff_id, Permission.HAND_OVER_PICKUP)
        ensure_event_open(uow)
        till = uow.tills.this_till()
        order = uow.pickups.order(order_id)
        if order is None:
            raise NotFound(_("That pickup order is not on this till: sync, then scan again."))
        orders = {o.order_id: o for o in uow.pickups.orders([order_id, *order.member_order_ids])}
        wanted = {key: quantity for key, quantity in quantities.items() if quantity}
        check_id_confirmed([order, *orders.values()], order.number, id_checked)
        check_handoff(
            orders, uow.pickups.handoffs(list(orders)), wanted, uow.tills.event(till.event_id).format_datetime
        )
        handoff_id, at = new_id(), now_iso()
        lines = {(o.order_id, line.line_id): line for o in orders.values() for line in o.lines}
        handed = [
            HandedOff(handoff_id, order_id_, line_id, quantity, till.code, clerk.name, at)
            for (order_id_, line_id), quantity in wanted.items()
        ]
        uow.pickups.add_handoff(handed, None, local=True)
        product_ids = uow.catalog.product_ids_by_sku({lines[key].sku for key in wanted})
        uow.stock.add(
            [
                Movement(
                    product_ids[lines[key].sku], till.location, MovementKind.PICKUP, -quantity, handoff_id, staff_id
                )
                for key, quantity in wanted.items()
                if lines[key].sku in product_ids
            ],
            at,
        )
        payload = {
            "handoff_id": handoff_id,
            "order_id": order_id,
            "whole_order": False,
            "lines": [
                {"order_id": key[0], "line_id": key[1], "sku": lines[key].sku, "quantity": quantity}
                for key, quantity in wanted.items()
            ],
            "staff_name": clerk.name,
            "till_code": till.code,
            "at": at,
        }
        id_confirmed = id_checked and needs_id_check([order, *orders.values()])
        _record(uow, till.till_id, staff_id, handoff_id, payload, None, id_confirmed)
        uow.commit()
    return HandoffDone(handoff_id, order.number, sum(wanted.values()))


def hand_over_unpulled(
    order_id: str, staff_id: str, uow: UnitOfWork, approval: ManagerApproval | None = None
) -> HandoffDone:
    """Hand over a genuine order this till has not pulled, on a manager's approval; the hub resolves its lines."""
    with uow:
        clerk = require(uow, staff_id, Permission.HAND_OVER_PICKUP)
        ensure_event_open(uow)
        approver = approve(uow, clerk, approval, "Handing over an order this till has not pulled yet")
        till, event = uow.tills.this_till_and_event()
        if uow.pickups.order(order_id) is not None:
            raise InvalidInput(_("This order is on the till now: scan the code again to hand over its items."))
        earlier = uow.pickups.handoffs([order_id])
        if earlier:
            raise PickupRefused("already_collected", handed_before(earlier[0], event))
        handoff_id, at = new_id(), now_iso()
        uow.pickups.add_handoff(
            [HandedOff(handoff_id, order_id, WHOLE_ORDER_LINE, 0, till.code, clerk.name, at)], approver, local=True
        )
        payload = {
            "handoff_id": handoff_id,
            "order_id": order_id,
            "whole_order": True,
            "lines": [],
            "staff_name": clerk.name,
            "till_code": till.code,
            "at": at,
            "approved_by": approver,
        }
        _record(uow, till.till_id, staff_id, handoff_id, payload, approver)
        uow.commit()
    return HandoffDone(handoff_id, order_id[:8], 0)


def _record(
    uow: UnitOfWork,
    till_id: str,
    staff_id: str,
    handoff_id: str,
    payload: dict[str, Any],
    approver: str | None,
    id_checked: bool = False,
) -> None:
    uow.outbox.append(till_id, records.PickupHandedOff(**payload))
    append_fact(
        uow,
        FactKind.HANDOFF,
        handoff_id,
        till_id=till_id,
        staff_id=staff_id,
        action=records.RecordType.PICKUP_HANDED_OFF,
        subject=handoff_id,
        details={
            "order_id": payload["order_id"],
            "lines": payload["lines"],
            "whole_order": payload["whole_order"],
            **({"id_checked": True} if id_checked else {}),
        },
        approved_by=approver,
    )


def pickup_slip(handoff_id: str, uow: UnitOfWork) -> Document:
    """The slip for the customer: what they collected, and what is still to collect."""
    with uow.for_reading():
        return _slip(handoff_id, uow)


def queue_pickup_slip(handoff_id: str, uow: UnitOfWork) -> str:
    return queue_document(lambda entered: _slip(handoff_id, entered), handoff_id, uow)


def _slip(handoff_id: str, uow: UnitOfWork) -> Document:
    till, event = uow.tills.this_till_and_event()
    handed = [h for h in uow.pickups.handoffs() if h.handoff_id == handoff_id]
    if not handed:
        raise NotFound(texts._("No such handoff on this till."))  # the person's language, not the slip's
    orders = {o.order_id: o for o in uow.pickups.orders(list({h.order_id for h in handed}))}
    collected = collected_quantities(uow.pickups.handoffs(list(orders)))
    first = handed[0]
    _ = texts.for_locale(event.locale).gettext  # printed in the event's language, whoever hands over
    blocks: list[Text | Row | Separator] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
        Text(_("Pickup slip"), Align.CENTER, bold=True),
        Text(
            _("{at} · till {till} · {staff_name}").format(
                at=event.format_datetime(first.at), till=till.code, staff_name=first.staff_name
            ),
            Align.CENTER,
        ),
        Separator(),
    ]
    if first.line_id == WHOLE_ORDER_LINE:
        blocks.append(Text(_("Whole order handed over on a manager's approval"), bold=True))
    for order in orders.values():
        blocks.append(
            Text(_("Order {number} · {customer}").format(number=order.number, customer=order.customer_name), bold=True)
        )
        for line in order.lines:
            now = sum(h.quantity for h in handed if (h.order_id, h.line_id) == (order.order_id, line.line_id))
            left = line.quantity - collected.get((order.order_id, line.line_id), 0)
            if now:
                blocks.append(Row(f"{now} x {line.name}", _("collected")))
            if left > 0:
                blocks.append(Row(f"{left} x {line.name}", _("still to collect")))
    blocks += [Separator(), Text(_("Thank you for supporting local makers!"), Align.CENTER, bold=True)]
    return Document(
        DocumentKind.PICKUP_SLIP,
        _("{event} pickup slip").format(event=event.name),
        tuple(blocks),
        meta={"file_name": f"pickup-{handoff_id[:8]}"},
    )
