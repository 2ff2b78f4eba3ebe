"""Pickup orders: the marketplace signs their codes with its keys; tills hand them over (see handoffs)."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from sync.hub.store.availability import lock_skus, release_order, reserve_order
from sync.hub.store.enrollment import require_event
from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish
from sync.hub.store.schema import now, pickup_handoffs, pickup_keys, pickup_orders, products
from sync.pickup_codes import new_signing_key, public_key_of, sign_pickup_code

MAX_KEY_ID = 0xFFFF  # two bytes in the pickup code
DEFAULT_PICKUP_VALIDITY = timedelta(days=60)


@dataclass(frozen=True, slots=True)
class PickupCreated:
    order_id: str
    number: str
    code: str


def create_signing_key(connection: Connection) -> tuple[int, bytes]:
    """A new Ed25519 key pair: the public half is published to the tills, the private half returned."""
    private_key = new_signing_key()
    public_key = base64.b64encode(public_key_of(private_key)).decode()
    key_id = int(
        connection.execute(
            pickup_keys.insert().values(public_key=public_key, created_at=now()).returning(pickup_keys.c.key_id)
        ).scalar_one()
    )
    if key_id > MAX_KEY_ID:
        raise HubError(f"This hub has used all {MAX_KEY_ID} key ids of the pickup code format.")
    publish(connection, None, "pickup_key", str(key_id), {"public_key": public_key, "revoked": False})
    return key_id, private_key


def revoke_signing_key(connection: Connection, key_id: int) -> None:
    """Codes signed with this key are refused by every till from its next sync on."""
    row = connection.execute(select(pickup_keys).where(pickup_keys.c.key_id == key_id)).first()
    if row is None:
        raise HubError(f"No pickup key {key_id} on this hub: see 'popup-hub keys list'.")
    connection.execute(pickup_keys.update().where(pickup_keys.c.key_id == key_id).values(revoked_at=now()))
    publish(connection, None, "pickup_key", str(key_id), {"public_key": row.public_key, "revoked": True})


def signing_keys(connection: Connection) -> list[dict[str, Any]]:
    rows = connection.execute(select(pickup_keys).order_by(pickup_keys.c.key_id))
    return [dict(row._mapping) for row in rows]


def _key_id_of(connection: Connection, private_key: bytes) -> int:
    public_key = base64.b64encode(public_key_of(private_key)).decode()
    row = connection.execute(select(pickup_keys).where(pickup_keys.c.public_key == public_key)).first()
    if row is None:
        raise HubError("This signing key is not registered on this hub: make one with 'popup-hub keys create'.")
    if row.revoked_at is not None:
        raise HubError(f"Signing key {row.key_id} was revoked: sign with a current key.")
    return int(row.key_id)


def create_pickup(
    connection: Connection,
    event_id: str,
    number: str,
    customer_name: str,
    items: list[tuple[str, int]],
    private_key: bytes,
    notes: str,
    expires_at: datetime | None,
) -> PickupCreated:
    """A paid marketplace order to collect at the event; returns its signed pickup code."""
    if not items:
        raise HubError("A pickup order needs at least one item (--item SKU:QUANTITY).")
    require_event(connection, event_id)
    lines = []
    for position, (sku, quantity) in enumerate(items, start=1):
        product = connection.execute(select(products).where(products.c.sku == sku)).first()
        if product is None:
            raise HubError(f"No product with SKU {sku} in the hub's catalog: import the catalog first.")
        if quantity <= 0:
            raise HubError(f"The quantity of {sku} must be 1 or more.")
        name = f"{product.name} {product.variant}".strip()
        lines.append({"line_id": str(position), "sku": sku, "name": name, "maker": product.maker, "quantity": quantity})
    return _add_pickup(connection, event_id, number, customer_name, notes, lines, [], private_key, expires_at)


def create_group_pickup(
    connection: Connection,
    event_id: str,
    number: str,
    leader_name: str,
    member_numbers: list[str],
    private_key: bytes,
    notes: str,
    expires_at: datetime | None,
) -> PickupCreated:
    """One code for a group-buy leader collecting the members' orders (each keeps its own code too)."""
    if not member_numbers:
        raise HubError("A group pickup names its members' orders (--member NUMBER).")
    require_event(connection, event_id)
    member_ids = []
    for member_number in member_numbers:
        member = _pickup_row(connection, event_id, member_number)
        if json.loads(member.member_order_ids):
            raise HubError(f"Order {member_number} is itself a group: name its members instead.")
        member_ids.append(member.id)
    return _add_pickup(connection, event_id, number, leader_name, notes, [], member_ids, private_key, expires_at)


def _add_pickup(
    connection: Connection,
    event_id: str,
    number: str,
    customer_name: str,
    notes: str,
    lines: list[dict[str, Any]],
    member_ids: list[str],
    private_key: bytes,
    expires_at: datetime | None,
) -> PickupCreated:
    if not number.strip() or not customer_name.strip():
        raise HubError("A pickup order needs its number and the customer's name.")
    if connection.execute(
        select(pickup_orders.c.id).where(pickup_orders.c.event_id == event_id, pickup_orders.c.number == number)
    ).first():
        raise HubError(f"Order {number} already exists at this event: use another number.")
    key_id = _key_id_of(connection, private_key)
    # Before this transaction's first write, so that its levels follow a push's that held the locks first.
    lock_skus(connection, event_id, {line["sku"] for line in lines})
    order_id = str(uuid.uuid4())
    expires = expires_at or datetime.now(UTC) + DEFAULT_PICKUP_VALIDITY
    connection.execute(
        pickup_orders.insert().values(
            id=order_id,
            event_id=event_id,
            number=number.strip(),
            customer_name=customer_name.strip(),
            notes=notes.strip(),
            lines=json.dumps(lines),
            member_order_ids=json.dumps(member_ids),
            expires_at=expires.isoformat(timespec="seconds"),
            created_at=now(),
        )
    )
    _publish_order(connection, order_id)
    reserve_order(connection, event_id, order_id, lines)
    code = sign_pickup_code(private_key, key_id, order_id, event_id, expires)
    return PickupCreated(order_id, number.strip(), code)


def cancel_pickup(connection: Connection, event_id: str, number: str, force: bool) -> None:
    """Cancel an order online; tills refuse its code once they have synced."""
    row = _pickup_row(connection, event_id, number)
    handed = connection.execute(
        select(pickup_handoffs.c.till_code, pickup_handoffs.c.at).where(pickup_handoffs.c.order_id == row.id)
    ).first()
    if handed is not None and not force:
        raise HubError(
            f"Order {number} was already handed over at till {handed.till_code} on {handed.at[:16]}: "
            "refund it as a return, or cancel with --force."
        )
    release_order(connection, event_id, row.id)
    connection.execute(pickup_orders.update().where(pickup_orders.c.id == row.id).values(cancelled_at=now()))
    _publish_order(connection, row.id)


def list_pickups(connection: Connection, event_id: str) -> list[dict[str, Any]]:
    """The event's orders with what each line has had handed over, for the marketplace."""
    rows = connection.execute(
        select(pickup_orders).where(pickup_orders.c.event_id == event_id).order_by(pickup_orders.c.number)
    ).all()
    handed: dict[tuple[str, str], int] = {}
    for hand in connection.execute(
        select(pickup_handoffs).where(pickup_handoffs.c.order_id.in_([row.id for row in rows]))
    ):
        handed[(hand.order_id, hand.line_id)] = handed.get((hand.order_id, hand.line_id), 0) + hand.quantity
    return [
        {
            "order_id": row.id,
            "number": row.number,
            "customer_name": row.customer_name,
            "cancelled": row.cancelled_at is not None,
            "lines": [
                {**line, "handed_over": handed.get((row.id, line["line_id"]), 0)} for line in json.loads(row.lines)
            ],
            "member_order_ids": json.loads(row.member_order_ids),
        }
        for row in rows
    ]


def _pickup_row(connection: Connection, event_id: str, number: str) -> Any:
    row = connection.execute(
        select(pickup_orders).where(pickup_orders.c.event_id == event_id, pickup_orders.c.number == number)
    ).first()
    if row is None:
        raise HubError(f"No pickup order {number} at event {event_id}.")
    return row


def _publish_order(connection: Connection, order_id: str) -> None:
    row = connection.execute(select(pickup_orders).where(pickup_orders.c.id == order_id)).one()
    data = {
        "number": row.number,
        "customer_name": row.customer_name,
        "notes": row.notes,
        "cancelled": row.cancelled_at is not None,
        "lines": json.loads(row.lines),
        "member_order_ids": json.loads(row.member_order_ids),
    }
    publish(connection, row.event_id, "pickup_order", order_id, data)


def pickup_code(connection: Connection, order_id: str, private_key: bytes) -> PickupCreated:
    """The code of an existing order, signed again: Ed25519 signs deterministically, so the key that signed it
    first gives the very same code, and a newer key a code as valid."""
    row = connection.execute(select(pickup_orders).where(pickup_orders.c.id == order_id)).one()
    if not row.expires_at:
        raise HubError(f"Order {row.number} came down from the marketplace's hub: its code is signed there.")
    expires = datetime.fromisoformat(row.expires_at)
    code = sign_pickup_code(private_key, _key_id_of(connection, private_key), row.id, row.event_id, expires)
    return PickupCreated(row.id, row.number, code)
