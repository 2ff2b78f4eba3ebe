"""Makers' deliveries received at the event; their goods are receive movements booked at the same instant."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from app.store.schema import deliveries, makers, stock_moves


@dataclass(frozen=True, slots=True)
class DeliveryRow:
    delivery_id: str
    maker: str
    note: str
    received_at: str
    units: int


class DeliveryRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, delivery_id: str, maker_id: str, note: str, location: str, staff_id: str, received_at: str) -> None:
        self._connection.execute(
            deliveries.insert().values(
                id=delivery_id,
                maker_id=maker_id,
                note=note,
                location=location,
                staff_id=staff_id,
                received_at=received_at,
            )
        )

    def received_at(self, maker_id: str, note: str) -> str | None:
        """When the maker's delivery under this note was received, if it was."""
        return self._connection.scalar(
            select(deliveries.c.received_at).where(deliveries.c.maker_id == maker_id, deliveries.c.note == note)
        )

    def recent(self, limit: int) -> list[DeliveryRow]:
        """The latest deliveries first, with the units booked in at their instant."""
        units = (
            select(func.coalesce(func.sum(stock_moves.c.quantity), 0))
            .where(
                stock_moves.c.created_at == deliveries.c.received_at,
                stock_moves.c.kind == "receive",
                stock_moves.c.source_id.is_(None),
            )
            .scalar_subquery()
        )
        rows = self._connection.execute(
            select(deliveries.c.id, makers.c.name, deliveries.c.note, deliveries.c.received_at, units)
            .select_from(deliveries.join(makers, makers.c.id == deliveries.c.maker_id))
            .order_by(deliveries.c.received_at.desc())
            .limit(limit)
        )
        return [DeliveryRow(row[0], row[1], row[2], row[3], int(row[4])) for row in rows]
