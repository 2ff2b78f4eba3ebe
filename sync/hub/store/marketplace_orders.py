"""Pickup orders the marketplace creates through the admin API, once per its own order id.

A shop retries a request whose answer it did not get: the same ``external_id``
with the same content is the order already made (its code signed again, the
same code with the same key); with other content it is refused, never a second
order. The order itself is made by the same functions ``popup-hub pickup``
uses (sync/hub/store/pickups.py).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from sync.hub.store import pickups
from sync.hub.store.errors import HubError
from sync.hub.store.pickups import PickupCreated
from sync.hub.store.schema import marketplace_orders

WAITING, PARTLY_COLLECTED, COLLECTED, CANCELLED = "waiting", "partly collected", "collected", "cancelled"


class OrderIdTaken(HubError):
    """The marketplace's order id is already an order, with other content."""


@dataclass(frozen=True, slots=True)
class MarketplaceOrder:
    external_id: str
    customer_name: str
    # The number the customer knows; the external id when the shop gives none.
    number: str
    items: list[tuple[str, int]] = field(default_factory=list)
    # A group leader's order: the numbers of the members' orders (then no items).
    members: list[str] = field(default_factory=list)
    notes: str = ""
    valid_days: int = 60

    def fingerprint(self) -> str:
        content = asdict(self)
        content["items"] = [list(item) for item in self.items]
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def create_order(
    connection: Connection, event_id: str, order: MarketplaceOrder, private_key: bytes
) -> tuple[PickupCreated, bool]:
    """The order and its signed code, and whether it was made now (False: the same order asked again)."""
    known = connection.execute(
        select(marketplace_orders).where(
            marketplace_orders.c.event_id == event_id, marketplace_orders.c.external_id == order.external_id
        )
    ).first()
    if known is not None:
        if known.fingerprint != order.fingerprint():
            raise OrderIdTaken(
                f"The marketplace order {order.external_id} already exists at this event with other content: "
                "cancel it and send the new one under another id."
            )
        return pickups.pickup_code(connection, known.order_id, private_key), False
    expires = datetime.now(UTC) + timedelta(days=order.valid_days)
    if order.members:
        created = pickups.create_group_pickup(
            connection, event_id, order.number, order.customer_name, order.members, private_key, order.notes, expires
        )
    else:
        created = pickups.create_pickup(
            connection, event_id, order.number, order.customer_name, order.items, private_key, order.notes, expires
        )
    connection.execute(
        marketplace_orders.insert().values(
            event_id=event_id, external_id=order.external_id, order_id=created.order_id, fingerprint=order.fingerprint()
        )
    )
    return created, True


def external_ids(connection: Connection, event_id: str) -> dict[str, str]:
    """Order id -> the marketplace's id, for the event's orders made through the admin API."""
    rows = connection.execute(
        select(marketplace_orders.c.order_id, marketplace_orders.c.external_id).where(
            marketplace_orders.c.event_id == event_id
        )
    )
    return {row.order_id: row.external_id for row in rows}


def order_state(order: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    """Waiting, partly collected, collected or cancelled, from ``pickups.list_pickups``' rows; a group's from its
    members' lines (``by_id``: the event's orders by id)."""
    if order["cancelled"]:
        return CANCELLED
    lines = list(order["lines"])
    for member_id in order["member_order_ids"]:
        member = by_id.get(member_id)
        if member is not None and not member["cancelled"]:
            lines += member["lines"]
    handed = sum(min(line["handed_over"], line["quantity"]) for line in lines)
    if handed == 0:
        return WAITING
    return COLLECTED if handed == sum(line["quantity"] for line in lines) else PARTLY_COLLECTED
