"""Demand after sell-out, figured once for the till's report and the hub's (docs/demand.md).

Both sides hand in their demand entries and, per SKU, the moment it sold out
as they know it; ``demand_by_product`` groups the entries per product (or
not-stocked item, by its name) and counts those recorded at or after the
sell-out: "sold out at 15:12, asked for 14 more times after". An entry without
a quantity counts as one unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DemandEntry:
    sku: str | None
    # The product's name as the till knew it, or the not-stocked item as typed.
    name: str
    quantity: int | None
    recorded_at: str
    contact: str | None = None


@dataclass(slots=True)
class ProductDemand:
    """The demand for one product (``sku``) or one not-stocked item (``sku`` None, ``name`` as typed)."""

    sku: str | None
    name: str
    times: int = 0
    units: int = 0
    sold_out_at: str | None = None
    times_after: int = 0
    units_after: int = 0
    # The contacts to tell when it is back (given with consent, not erased), each once.
    contacts: list[str] = field(default_factory=list)


def is_after(recorded_at: str, sold_out_at: str) -> bool:
    """Whether an entry was recorded at or after the sell-out (ISO times with their zones, any zone)."""
    return datetime.fromisoformat(recorded_at) >= datetime.fromisoformat(sold_out_at)


def demand_by_product(entries: Iterable[DemandEntry], sold_out_at: Mapping[str, str]) -> list[ProductDemand]:
    """Most asked for first; a product's sell-out figures only when ``sold_out_at`` has its SKU."""
    grouped: dict[tuple[str, str], ProductDemand] = {}
    for entry in entries:
        key = ("sku", entry.sku) if entry.sku is not None else ("item", " ".join(entry.name.lower().split()))
        product = grouped.get(key)
        if product is None:
            product = grouped[key] = ProductDemand(entry.sku, entry.name or entry.sku or "")
            product.sold_out_at = sold_out_at.get(entry.sku) if entry.sku is not None else None
        units = entry.quantity or 1
        product.times += 1
        product.units += units
        if product.sold_out_at is not None and is_after(entry.recorded_at, product.sold_out_at):
            product.times_after += 1
            product.units_after += units
        if entry.contact is not None and entry.contact not in product.contacts:
            product.contacts.append(entry.contact)
    return sorted(grouped.values(), key=lambda product: (-product.times, product.name))


def sold_out_from_movements(movements: Iterable[tuple[str, int, str | None]]) -> dict[str, str]:
    """Per SKU, when its level last fell from above zero to zero or below, if it is still there.

    ``movements`` are (sku, quantity, when) in the order they were booked; a
    movement whose time is unknown (None) cannot date a sell-out.
    """
    levels: dict[str, int] = {}
    sold_out: dict[str, str | None] = {}
    for sku, quantity, at in movements:
        before = levels.get(sku, 0)
        after = before + quantity
        levels[sku] = after
        if before > 0 >= after:
            sold_out[sku] = at
        elif after > 0:
            sold_out[sku] = None
    return {sku: at for sku, at in sold_out.items() if at is not None and levels[sku] <= 0}
