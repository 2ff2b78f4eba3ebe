"""The drops section of this till's event report (sync/drop_figures.py), from what this till knows.

Sold at the counter: this till's own sales less their restocked returns, plus
the other tills' as the hub last fed them. The time to the last unit is read
from this till's own drop sales and the other tills' sales it pulled (their
lines of the drop's SKUs, at the sale's time), so once every till has synced
it is the hub's; before that it is what this till has seen (docs/drops.md).
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection, or_, select

from app.store.drops import DropRepository
from app.store.schema import drop_sales, foreign_sales
from sync.drop_figures import DropFigures, sold_out_after


def drop_section(connection: Connection, till_code: str) -> tuple[DropFigures, ...]:
    repository = DropRepository(connection)
    held = repository.all()
    if not held:
        return ()
    here = repository.sold_here(stored.drop.drop_id for stored in held)
    figures = []
    for stored in held:
        drop = stored.drop
        timeline = [
            (str(row.sold_at), int(row.units))
            for row in connection.execute(
                select(drop_sales.c.sold_at, drop_sales.c.units).where(drop_sales.c.drop_id == drop.drop_id)
            )
        ]
        timeline += _pulled_units(connection, drop.skus)
        elsewhere = sum(units for code, units in stored.counter_sold.items() if code != till_code)
        release_at = drop.release_at.isoformat()
        figures.append(
            DropFigures(
                drop_id=drop.drop_id,
                name=drop.name,
                release_at=release_at,
                counter_allocation=drop.counter_allocation,
                online_allocation=drop.online_allocation,
                counter_sold=here.get(drop.drop_id, 0) + elsewhere,
                last_sale_at=max(timeline, key=lambda sale: datetime.fromisoformat(sale[0]))[0] if timeline else None,
                sold_out_after_seconds=sold_out_after(release_at, drop.counter_allocation, timeline),
            )
        )
    return tuple(figures)


def _pulled_units(connection: Connection, skus: frozenset[str]) -> list[tuple[str, int]]:
    """(sale time, units of ``skus``) of every other till's sale this till pulled that holds any of them."""
    # Only the payloads that name one of the SKUs are read: a report is rare, but pulled sales are many.
    naming = or_(*(foreign_sales.c.payload.contains(json.dumps(sku)) for sku in sorted(skus)))
    units: list[tuple[str, int]] = []
    for row in connection.execute(select(foreign_sales.c.payload).where(naming)):
        payload = json.loads(row.payload)
        quantity = sum(int(line["quantity"]) for line in payload.get("lines", []) if line.get("sku") in skus)
        if quantity:
            units.append((str(payload["created_at"]), quantity))
    return units
