"""Stock movements; on-hand is always their sum, never a stored number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, func, select

from app.domain.ids import new_id
from app.store.database import driver
from app.store.schema import stock_movements


class MovementKind(StrEnum):
    RECEIVE = "receive"
    SALE = "sale"
    PICKUP = "pickup"
    RETURN_RESTOCK = "return_restock"
    QUALITY_HOLD = "quality_hold"
    WRITE_OFF = "write_off"
    COUNT_ADJUSTMENT = "count_adjustment"
    TRANSFER = "transfer"


@dataclass(frozen=True, slots=True)
class Movement:
    product_id: str
    location: str
    kind: MovementKind
    quantity: int
    source_id: str | None
    staff_id: str | None


class StockRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, movements: Sequence[Movement], created_at: str) -> None:
        driver(self._connection).executemany(
            "INSERT INTO stock_movements (id, product_id, location, kind, quantity, source_id, staff_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    new_id(),
                    movement.product_id,
                    movement.location,
                    movement.kind.value,
                    movement.quantity,
                    movement.source_id,
                    movement.staff_id,
                    created_at,
                )
                for movement in movements
            ],
        )

    def on_hand(self, product_id: str, location: str) -> int:
        total = self._connection.scalar(
            select(func.coalesce(func.sum(stock_movements.c.quantity), 0)).where(
                stock_movements.c.product_id == product_id, stock_movements.c.location == location
            )
        )
        return int(total or 0)
