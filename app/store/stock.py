"""Stock movements; on-hand is always their sum, never a stored number.

A sale's movements are its lines (the view ``stock_movements``, migration
0026): only the movements with a record of their own are written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, func, select

from app.domain.ids import new_id
from app.store.database import driver
from app.store.schema import stock_count_lines, stock_counts


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
        if any(movement.kind is MovementKind.SALE for movement in movements):
            raise ValueError("a sale's stock movements are read from its lines, never written")
        driver(self._connection).executemany(
            "INSERT INTO stock_moves (id, product_id, location, kind, quantity, source_id, staff_id, created_at)"
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
        total = (
            driver(self._connection)
            .execute(
                "SELECT coalesce(sum(quantity), 0) FROM stock_movements WHERE product_id = ? AND location = ?",
                (product_id, location),
            )
            .fetchone()
        )
        return int(total[0]) if total else 0

    def on_hand_by_kind(self, location: str) -> dict[str, dict[str, int]]:
        """Per product, the movements at a location summed by kind (received, sold, restocked...)."""
        rows = driver(self._connection).execute(
            "SELECT product_id, kind, sum(quantity) FROM stock_movements WHERE location = ? GROUP BY product_id, kind",
            (location,),
        )
        by_product: dict[str, dict[str, int]] = {}
        for product_id, kind, quantity in rows:
            by_product.setdefault(product_id, {})[kind] = int(quantity)
        return by_product

    def locations(self) -> list[str]:
        rows = driver(self._connection).execute(
            "SELECT location FROM stock_moves UNION SELECT stock_location FROM sales WHERE stock_location IS NOT NULL"
        )
        return [row[0] for row in rows]

    # Stock counts: a draft of counted quantities, then posted as adjustments

    def open_count(self, location: str) -> str | None:
        return self._connection.scalar(
            select(stock_counts.c.id).where(stock_counts.c.location == location, stock_counts.c.posted_at.is_(None))
        )

    def start_count(self, count_id: str, location: str, started_at: str, staff_id: str) -> None:
        self._connection.execute(
            stock_counts.insert().values(id=count_id, location=location, started_at=started_at, started_by=staff_id)
        )

    def count_location(self, count_id: str) -> tuple[str, str | None] | None:
        row = self._connection.execute(
            select(stock_counts.c.location, stock_counts.c.posted_at).where(stock_counts.c.id == count_id)
        ).first()
        return (row.location, row.posted_at) if row else None

    def set_counted(self, count_id: str, product_id: str, counted: int) -> None:
        driver(self._connection).execute(
            "INSERT INTO stock_count_lines (count_id, product_id, counted) VALUES (?, ?, ?)"
            " ON CONFLICT (count_id, product_id) DO UPDATE SET counted = excluded.counted",
            (count_id, product_id, counted),
        )

    def counted(self, count_id: str) -> dict[str, int]:
        rows = self._connection.execute(
            select(stock_count_lines.c.product_id, stock_count_lines.c.counted).where(
                stock_count_lines.c.count_id == count_id
            )
        )
        return {row.product_id: row.counted for row in rows}

    def mark_posted(self, count_id: str, posted_at: str, staff_id: str) -> None:
        self._connection.execute(
            stock_counts.update().where(stock_counts.c.id == count_id).values(posted_at=posted_at, posted_by=staff_id)
        )

    def posted_counts(self) -> int:
        return int(
            self._connection.scalar(
                select(func.count()).select_from(stock_counts).where(stock_counts.c.posted_at.is_not(None))
            )
            or 0
        )
