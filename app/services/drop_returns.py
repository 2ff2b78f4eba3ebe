"""Drop units taken back at the returns desk: restocked, they go back to the counter's allocation.

Called in the return's transaction (app/services/returns.py). What is left is
derived (app/store/drops.py ``sold_here`` counts this till's sales less their
restocked units), so the unit is sellable here at once; the ``drop.returned``
record tells the hub, which takes it off the count of the till that sold it
and feeds every till the new count. A unit put on quality hold or written off
is not sellable and stays counted as sold (docs/drops.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.store.drops import RESTOCK, DropRepository
from app.store.unit_of_work import UnitOfWork
from sync.records import DropReturned
from sync.records.drops import DropSoldLine


@dataclass(frozen=True, slots=True)
class ReturnedUnits:
    sku: str
    quantity: int
    disposition: str


def record_drop_returns_in(
    uow: UnitOfWork, return_id: str, sale_id: str | None, lines: Iterable[ReturnedUnits], returned_at: str
) -> int:
    """One ``drop.returned`` per drop the return restocks units of; how many units went back."""
    if sale_id is None:
        # Without a receipt nobody knows whether the unit came from the drop's allocation.
        return 0
    restocked: dict[str, int] = {}
    for line in lines:
        if line.disposition == RESTOCK and line.quantity > 0:
            restocked[line.sku] = restocked.get(line.sku, 0) + line.quantity
    if not restocked:
        return 0
    repository = DropRepository(uow.connection)
    own = repository.drops_of_sale(sale_id)
    of_sku = repository.for_skus(restocked)
    # This till's own sale names its drops; another till's sale is matched by SKU (a SKU is in one drop),
    # and the hub counts it only if that sale took units of the drop.
    per_drop: dict[str, list[DropSoldLine]] = {}
    for sku, quantity in sorted(restocked.items()):
        stored = of_sku.get(sku)
        if stored is None or (own is not None and stored.drop.drop_id not in own):
            continue
        per_drop.setdefault(stored.drop.drop_id, []).append(DropSoldLine(sku=sku, quantity=quantity))
    if not per_drop:
        return 0
    till = uow.tills.this_till()
    for drop_id, drop_lines in per_drop.items():
        uow.outbox.append(
            till.till_id,
            DropReturned(
                return_id=return_id,
                sale_id=sale_id,
                drop_id=drop_id,
                till_code=till.code,
                lines=drop_lines,
                returned_at=returned_at,
            ),
        )
    return sum(line.quantity for drop_lines in per_drop.values() for line in drop_lines)
