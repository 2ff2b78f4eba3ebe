"""The till's demand entries (docs/demand.md): written with their outbox record, read for the screens and tests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update

from app.store.schema import demand_entries, sale_lines, sales
from app.store.stock_left import stock_left


@dataclass(frozen=True, slots=True)
class DemandRow:
    demand_id: str
    event_id: str
    till_id: str
    staff_id: str
    sku: str | None
    product_name: str
    item: str | None
    quantity: int | None
    note: str
    recorded_at: str
    contact: str | None
    consent: bool
    consent_wording: str | None
    erased_at: str | None = None


class DemandRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, row: DemandRow) -> None:
        self._connection.execute(
            insert(demand_entries).values(
                id=row.demand_id,
                event_id=row.event_id,
                till_id=row.till_id,
                staff_id=row.staff_id,
                sku=row.sku,
                product_name=row.product_name,
                item=row.item,
                quantity=row.quantity,
                note=row.note,
                recorded_at=row.recorded_at,
                contact=row.contact,
                consent=int(row.consent),
                consent_wording=row.consent_wording,
            )
        )

    def erase_contact(self, demand_id: str, erased_at: str) -> bool:
        """Clear the contact of one entry; False when it holds none (already erased, never given, unknown)."""
        done = self._connection.execute(
            update(demand_entries)
            .where(demand_entries.c.id == demand_id, demand_entries.c.contact.is_not(None))
            .values(contact=None, erased_at=erased_at)
        )
        return done.rowcount > 0

    def all(self) -> list[DemandRow]:
        rows = self._connection.execute(
            select(demand_entries).order_by(demand_entries.c.recorded_at, demand_entries.c.id)
        ).all()
        return [
            DemandRow(
                demand_id=row.id,
                event_id=row.event_id,
                till_id=row.till_id,
                staff_id=row.staff_id,
                sku=row.sku,
                product_name=row.product_name,
                item=row.item,
                quantity=row.quantity,
                note=row.note,
                recorded_at=row.recorded_at,
                contact=row.contact,
                consent=bool(row.consent),
                consent_wording=row.consent_wording,
                erased_at=row.erased_at,
            )
            for row in rows
        ]

    def sold_out_here(self) -> dict[str, str]:
        """Per SKU asked for that is sold out event-wide now (the hub's level less this till's unsent sales):
        the time of this till's last sale of it, as near as this till can date the sell-out (docs/demand.md)."""
        skus = set(
            self._connection.execute(select(demand_entries.c.sku).where(demand_entries.c.sku.is_not(None))).scalars()
        )
        gone = [sku for sku, left in stock_left(self._connection, skus).items() if left <= 0]
        if not gone:
            return {}
        rows = self._connection.execute(
            select(sale_lines.c.sku, func.max(sales.c.created_at))
            .select_from(sale_lines.join(sales, sales.c.id == sale_lines.c.sale_id))
            .where(sale_lines.c.sku.in_(gone))
            .group_by(sale_lines.c.sku)
        ).all()
        return {str(sku): str(at) for sku, at in rows}
