"""The catalog the tills pull, and stock: levels are sums of movements, never overwritten."""

from __future__ import annotations

import json
from typing import Any

from babel.numbers import is_currency
from sqlalchemy import Connection, select

from sync.catalog_rows import CatalogRejected, formula_warnings, read_catalog_csv
from sync.hub.store.availability import lock_skus, publish_levels
from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish
from sync.hub.store.schema import events, products, stock_movements
from sync.hub.store.stock_levels import add_movements, on_hand_levels
from sync.ids import new_id


def events_currency(connection: Connection) -> str:
    """The currency the hub's events share; none is guessed when they differ or there is no event."""
    used: list[str] = sorted(connection.scalars(select(events.c.currency).distinct()))
    if len(used) != 1:
        held = f"its events use {', '.join(used)}" if used else "it has no event yet to take it from"
        raise HubError(f"Say which currency the catalog's prices are in (--currency EUR): {held}.")
    return used[0]


def tax_class_codes(connection: Connection) -> set[str]:
    """The tax classes a product may name: those of the hub's events (its catalog serves them all)."""
    return {tax["code"] for raw in connection.scalars(select(events.c.tax_classes)) for tax in json.loads(raw)}


def read_catalog(data: bytes, currency: str, tax_classes: set[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The products of a catalog CSV in the tills' format, prices in minor units; any bad line refuses it all.
    With them, the warnings about cells a spreadsheet would run as formulas (never a reason to refuse).

    The rules are the tills' own (sync/catalog_rows.py): what a till's import
    refuses, the hub refuses, at the same lines with the same words.
    """
    currency = currency.strip().upper()
    if len(currency) != 3 or not is_currency(currency):
        raise HubError(f"'{currency}' is not an ISO 4217 currency code: use three letters such as EUR.")
    try:
        rows = read_catalog_csv(data, currency, tax_classes)
    except CatalogRejected as rejected:
        raise HubError(str(rejected)) from None
    products = [
        {
            "sku": row.sku,
            "name": row.name,
            "variant": row.variant,
            "maker": row.maker,
            "category": row.category,
            "tax_class": row.tax_class,
            "price": row.price,
            "barcodes": " ".join(row.barcodes),
        }
        for row in rows
    ]
    return products, [str(warning) for warning in formula_warnings(rows)]


def store_products(connection: Connection, parsed: list[dict[str, Any]]) -> None:
    """Add or replace products by SKU, a replaced one keeping its id."""
    known = {row.sku: row.id for row in connection.execute(select(products.c.sku, products.c.id))}
    for product in parsed:
        product_id = known.get(product["sku"]) or new_id()
        connection.execute(products.delete().where(products.c.sku == product["sku"]))
        connection.execute(products.insert().values(id=product_id, **product))
        publish(connection, None, "product", product["sku"], {"id": product_id, **product})


def level(connection: Connection, event_id: str, sku: str) -> int:
    """The units of ``sku`` on hand in the event: the sum of its movements, kept running (stock_levels.py)."""
    return on_hand_levels(connection, event_id, [sku])[sku]


def set_stock(connection: Connection, event_id: str, sku: str, target: int) -> None:
    """Book goods in or out so that the level on hand becomes ``target`` (a movement, never an overwrite).

    The tills are fed what is available of it (sync/hub/store/availability.py).
    """
    lock_skus(connection, event_id, [sku])
    current = level(connection, event_id, sku)
    connection.execute(
        stock_movements.insert().values(event_id=event_id, sku=sku, quantity=target - current, source="hub")
    )
    add_movements(connection, event_id, [(sku, target - current)])
    publish_levels(connection, event_id, [sku], {sku: target - current})
