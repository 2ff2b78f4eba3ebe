"""What is left of each drop's counter allocation, as this till knows it (docs/drops.md).

Apart from the sale path's checks (app/services/drops.py) so that search and the quick keys
(app/services/availability.py, app/services/quick_keys.py) can show it without importing them.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.domain.cart import Cart
from app.domain.drops import counter_left
from app.store.drops import DropRepository, StoredDrop
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import is_custom_sku


def counts_left(repository: DropRepository, stored: Iterable[StoredDrop], till_code: str) -> dict[str, int]:
    """Per drop id: the counter's allocation less this till's own sales less the other tills' as the hub said."""
    drops = list(stored)
    here = repository.sold_here(item.drop.drop_id for item in drops)
    return {
        item.drop.drop_id: counter_left(
            item.drop,
            here.get(item.drop.drop_id, 0),
            {code: units for code, units in item.counter_sold.items() if code != till_code},
        )
        for item in drops
    }


def drop_left_in(uow: UnitOfWork, skus: Iterable[str]) -> dict[str, int]:
    """What is left of the counter's allocation for each SKU that is in a drop (for the quick keys and search)."""
    repository = DropRepository(uow.connection)
    of_sku = repository.for_skus(skus)
    if not of_sku:
        return {}
    left = counts_left(
        repository, {item.drop.drop_id: item for item in of_sku.values()}.values(), uow.tills.this_till().code
    )
    return {sku: left[item.drop.drop_id] for sku, item in of_sku.items()}


def drop_left(skus: Iterable[str], uow: UnitOfWork) -> dict[str, int]:
    with uow.for_reading():
        return drop_left_in(uow, skus)


def cart_drops(repository: DropRepository, cart: Cart) -> list[tuple[StoredDrop, tuple[tuple[str, int], ...]]]:
    """Each drop the cart holds units of, with its (sku, quantity) lines, a SKU's lines added up."""
    quantities: dict[str, int] = {}
    for line in cart.lines:
        if not is_custom_sku(line.item.sku):
            quantities[line.item.sku] = quantities.get(line.item.sku, 0) + line.quantity
    of_sku = repository.for_skus(quantities)
    grouped: dict[str, tuple[StoredDrop, list[tuple[str, int]]]] = {}
    for sku, stored in sorted(of_sku.items()):
        grouped.setdefault(stored.drop.drop_id, (stored, []))[1].append((sku, quantities[sku]))
    return [(stored, tuple(lines)) for stored, lines in grouped.values()]
