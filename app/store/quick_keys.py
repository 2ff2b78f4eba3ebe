"""Where each product's quick key sits: page, position and colour, as the manager placed it."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from app.domain.quick_keys import QuickKeyPlacement
from app.store.schema import quick_keys


class QuickKeyRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def placements(self) -> dict[str, QuickKeyPlacement]:
        """Every placed key, by product id."""
        rows = self._connection.execute(select(quick_keys))
        return {row.product_id: QuickKeyPlacement(row.page, row.position, row.colour) for row in rows}

    def placement(self, product_id: str) -> QuickKeyPlacement | None:
        row = self._connection.execute(select(quick_keys).where(quick_keys.c.product_id == product_id)).first()
        return QuickKeyPlacement(row.page, row.position, row.colour) if row is not None else None

    def place(self, product_id: str, placement: QuickKeyPlacement, updated_at: str) -> None:
        values = {"page": placement.page, "position": placement.position, "colour": placement.colour}
        statement = insert(quick_keys).values(product_id=product_id, updated_at=updated_at, **values)
        self._connection.execute(
            statement.on_conflict_do_update(
                index_elements=[quick_keys.c.product_id], set_={**values, "updated_at": updated_at}
            )
        )

    def remove(self, product_id: str) -> bool:
        return bool(self._connection.execute(delete(quick_keys).where(quick_keys.c.product_id == product_id)).rowcount)
