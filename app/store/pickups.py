"""The pickup desk's records: the marketplace's keys and orders as last pulled, and every handoff."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, or_, select

from app.domain.pickups import HandedOff, PickupLine, PickupOrder
from app.store.database import driver
from app.store.schema import pickup_handoffs, pickup_keys, pickup_orders


def _order(row: Any) -> PickupOrder:
    return PickupOrder(
        order_id=row.id,
        number=row.number,
        customer_name=row.customer_name,
        notes=row.notes,
        cancelled=bool(row.cancelled),
        lines=tuple(PickupLine(**line) for line in json.loads(row.lines)),
        member_order_ids=tuple(json.loads(row.member_order_ids)),
    )


def _handed(row: Any) -> HandedOff:
    return HandedOff(row.handoff_id, row.order_id, row.line_id, row.quantity, row.till_code, row.staff_name, row.at)


class PickupRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    # Keys

    def save_key(self, key_id: int, public_key: bytes, revoked: bool) -> None:
        driver(self._connection).execute(
            "INSERT OR REPLACE INTO pickup_keys (key_id, public_key, revoked) VALUES (?, ?, ?)",
            (key_id, base64.b64encode(public_key).decode(), int(revoked)),
        )

    def signing_keys(self) -> list[tuple[int, bytes, bool]]:
        rows = self._connection.execute(select(pickup_keys)).all()
        return [(row.key_id, base64.b64decode(row.public_key), bool(row.revoked)) for row in rows]

    # Orders, as the marketplace publishes them

    def save_order(self, order: PickupOrder, updated_at: str) -> None:
        driver(self._connection).execute(
            "INSERT OR REPLACE INTO pickup_orders"
            " (id, number, customer_name, notes, cancelled, lines, member_order_ids, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                order.order_id,
                order.number,
                order.customer_name,
                order.notes,
                int(order.cancelled),
                json.dumps([asdict(line) for line in order.lines]),
                json.dumps(list(order.member_order_ids)),
                updated_at,
            ),
        )

    def order(self, order_id: str) -> PickupOrder | None:
        row = self._connection.execute(select(pickup_orders).where(pickup_orders.c.id == order_id)).first()
        return _order(row) if row else None

    def orders(self, order_ids: Sequence[str] | None = None) -> list[PickupOrder]:
        query = select(pickup_orders).order_by(pickup_orders.c.number)
        if order_ids is not None:
            query = query.where(pickup_orders.c.id.in_(order_ids))
        return [_order(row) for row in self._connection.execute(query)]

    def search(self, text: str, limit: int) -> list[PickupOrder]:
        pattern = f"%{text.strip()}%"
        query = (
            select(pickup_orders)
            .where(or_(pickup_orders.c.number.ilike(pattern), pickup_orders.c.customer_name.ilike(pattern)))
            .order_by(pickup_orders.c.number)
            .limit(limit)
        )
        return [_order(row) for row in self._connection.execute(query)]

    # Handoffs: facts, never changed

    def add_handoff(self, lines: Sequence[HandedOff], approved_by: str | None, local: bool) -> None:
        """Record a handoff; one pulled again from the hub is ignored, as it is the same fact."""
        driver(self._connection).executemany(
            "INSERT OR IGNORE INTO pickup_handoffs"
            " (handoff_id, order_id, line_id, quantity, till_code, staff_name, at, approved_by, local)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    h.handoff_id,
                    h.order_id,
                    h.line_id,
                    h.quantity,
                    h.till_code,
                    h.staff_name,
                    h.at,
                    approved_by,
                    int(local),
                )
                for h in lines
            ],
        )

    def handoffs(self, order_ids: Sequence[str] | None = None) -> list[HandedOff]:
        query = select(pickup_handoffs).order_by(pickup_handoffs.c.at)
        if order_ids is not None:
            query = query.where(pickup_handoffs.c.order_id.in_(order_ids))
        return [_handed(row) for row in self._connection.execute(query)]
