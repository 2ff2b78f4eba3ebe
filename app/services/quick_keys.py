"""The sell screen's quick keys: pages per category, order and colour chosen by a manager.

A product gets a key when a manager places it (any product, with a barcode or
not, on a till that takes its catalog from the hub too: keys are this till's
own). A product without a barcode that nobody placed still gets a grey key at
the end of its category's page (or its maker's, without a category), so a
freshly imported catalog can be sold by touch at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.clock import now_iso
from app.domain.errors import NotFound
from app.domain.quick_keys import DEFAULT_COLOUR, MAX_POSITION, placement
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import require
from app.services.availability import stock_left_in
from app.services.drop_counts import drop_left_in
from app.store.quick_keys import QuickKeyRepository
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import is_custom_sku

# Unplaced products without a barcode, at most: a catalog of thousands of them is sold by search.
MAX_UNPLACED_KEYS = 60


@dataclass(frozen=True, slots=True)
class QuickKey:
    product_id: str
    label: str
    price: str
    colour: str
    position: int
    placed: bool
    # What is left event-wide (app/services/availability.py); None where the hub never sent a level.
    left: int | None = None
    # What is left of the counter's allocation when the product is in a drop (app/services/drops.py).
    drop_left: int | None = None


@dataclass(frozen=True, slots=True)
class QuickKeyPage:
    name: str
    keys: tuple[QuickKey, ...]


def quick_key_pages(uow: UnitOfWork) -> list[QuickKeyPage]:
    """Every page of keys, by name; on a page, keys by position then label."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        placements = QuickKeyRepository(uow.connection).placements()
        placed = [(uow.catalog.by_id(product_id), spot) for product_id, spot in placements.items()]
        unplaced = [
            product
            for product in uow.catalog.without_barcode(MAX_UNPLACED_KEYS + len(placements))
            if product.item.product_id not in placements and not is_custom_sku(product.item.sku)
        ][:MAX_UNPLACED_KEYS]
        skus = {product.item.sku for product, _spot in placed if product is not None}
        left = stock_left_in(uow, skus | {product.item.sku for product in unplaced})
        in_drops = drop_left_in(uow, skus | {product.item.sku for product in unplaced})
    pages: dict[str, list[QuickKey]] = {}
    for product, spot in placed:
        if product is not None:
            item = product.item
            label = f"{item.name} {item.variant}".strip()
            price = event.format(item.unit_price)
            key = QuickKey(
                item.product_id,
                label,
                price,
                spot.colour,
                spot.position,
                True,
                left.get(item.sku),
                in_drops.get(item.sku),
            )
            pages.setdefault(spot.page, []).append(key)
    for product in unplaced:
        item = product.item
        label = f"{item.name} {item.variant}".strip()
        price = event.format(item.unit_price)
        key = QuickKey(
            item.product_id,
            label,
            price,
            DEFAULT_COLOUR,
            MAX_POSITION + 1,
            False,
            left.get(item.sku),
            in_drops.get(item.sku),
        )
        pages.setdefault(product.category or item.maker_name, []).append(key)
    return [
        QuickKeyPage(name, tuple(sorted(keys, key=lambda key: (key.position, key.label.casefold()))))
        for name, keys in sorted(pages.items(), key=lambda page: page[0].casefold())
    ]


def set_quick_key(product_id: str, page: str, position: int, colour: str, staff_id: str, uow: UnitOfWork) -> None:
    """Place (or move, or recolour) a product's key; audited with where it was before."""
    spot = placement(page, position, colour)
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        product = uow.catalog.by_id(product_id)
        if product is None or is_custom_sku(product.item.sku):
            raise NotFound(_("That product is no longer in the catalog: search for it again."))
        keys = QuickKeyRepository(uow.connection)
        before = keys.placement(product_id)
        keys.place(product_id, spot, now_iso())
        uow.audit.append(
            till_id=uow.tills.this_till().till_id,
            staff_id=staff_id,
            action="catalog.quick_key_set",
            subject=product_id,
            details={
                "sku": product.item.sku,
                "page": spot.page,
                "position": spot.position,
                "colour": spot.colour,
                "before": None if before is None else [before.page, before.position, before.colour],
            },
        )
        uow.commit()


def remove_quick_key(product_id: str, staff_id: str, uow: UnitOfWork) -> None:
    """Take a product's placed key away (a product without a barcode keeps its automatic key)."""
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        if not QuickKeyRepository(uow.connection).remove(product_id):
            raise NotFound(_("That product has no quick key placed: nothing to remove."))
        uow.audit.append(
            till_id=uow.tills.this_till().till_id,
            staff_id=staff_id,
            action="catalog.quick_key_removed",
            subject=product_id,
        )
        uow.commit()


def quick_key_of(product_id: str, uow: UnitOfWork) -> tuple[str, int, str] | None:
    """Where a product's placed key is (page, position, colour), for the editor."""
    with uow.for_reading():
        spot = QuickKeyRepository(uow.connection).placement(product_id)
    return None if spot is None else (spot.page, spot.position, spot.colour)
