"""The catalog the tills pull, and stock: levels are sums of movements, never overwritten."""

from __future__ import annotations

import csv
import io
import re
import uuid
from typing import Any

from babel.numbers import get_currency_precision, is_currency
from sqlalchemy import Connection, func, select

from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish
from sync.hub.store.schema import events, products, stock_movements

# A price as a spreadsheet writes it: digits with at most one decimal point. Decimal alone
# would also take "1e3", "1_000", "NaN" and non-ASCII digits.
_PRICE = re.compile(r"(\d*)(?:\.(\d*))?", re.ASCII)


def events_currency(connection: Connection) -> str:
    """The currency the hub's events share; none is guessed when they differ or there is no event."""
    used: list[str] = sorted(connection.scalars(select(events.c.currency).distinct()))
    if len(used) != 1:
        held = f"its events use {', '.join(used)}" if used else "it has no event yet to take it from"
        raise HubError(f"Say which currency the catalog's prices are in (--currency EUR): {held}.")
    return used[0]


def read_catalog(data: bytes, currency: str) -> list[dict[str, Any]]:
    """The products of a catalog CSV in the tills' format, prices in minor units; any bad line refuses it all."""
    currency = currency.strip().upper()
    if len(currency) != 3 or not is_currency(currency):
        raise HubError(f"'{currency}' is not an ISO 4217 currency code: use three letters such as EUR.")
    # Babel's precision, the one the tills price and format with (JPY 0, EUR 2, BHD 3).
    digits = int(get_currency_precision(currency))
    try:
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    except UnicodeDecodeError:
        raise HubError("The catalog is not UTF-8 text: save it as 'CSV UTF-8'.") from None
    problems: list[str] = []
    parsed: list[dict[str, Any]] = []
    for line, row in enumerate(rows, start=2):
        price = (row.get("price") or "").strip()
        match = _PRICE.fullmatch(price)
        if match is None or not (match.group(1) or match.group(2)):
            problems.append(f"line {line}: bad price '{price}': write digits such as 12.50")
            continue
        whole, fraction = match.group(1), match.group(2) or ""
        if len(fraction.rstrip("0")) > digits:
            problems.append(f"line {line}: bad price '{price}': {currency} has {digits} decimals")
            continue
        minor = int(whole + fraction.ljust(digits, "0")[:digits] or "0")
        if not (row.get("sku") or "").strip() or not (row.get("name") or "").strip():
            problems.append(f"line {line}: sku and name are needed")
            continue
        parsed.append(
            {
                "sku": row["sku"].strip(),
                "name": row["name"].strip(),
                "variant": (row.get("variant") or "").strip(),
                "maker": (row.get("maker") or "").strip(),
                "category": (row.get("category") or "").strip(),
                "tax_class": (row.get("tax_class") or "").strip(),
                "price": minor,
                "barcodes": " ".join((row.get("barcodes") or "").replace("|", " ").split()),
            }
        )
    if problems:
        raise HubError("The catalog was not imported:\n" + "\n".join(problems))
    return parsed


def store_products(connection: Connection, parsed: list[dict[str, Any]]) -> None:
    """Add or replace products by SKU, a replaced one keeping its id."""
    known = {row.sku: row.id for row in connection.execute(select(products.c.sku, products.c.id))}
    for product in parsed:
        product_id = known.get(product["sku"]) or str(uuid.uuid4())
        connection.execute(products.delete().where(products.c.sku == product["sku"]))
        connection.execute(products.insert().values(id=product_id, **product))
        publish(connection, None, "product", product["sku"], {"id": product_id, **product})


def level(connection: Connection, event_id: str, sku: str) -> int:
    total = connection.scalar(
        select(func.coalesce(func.sum(stock_movements.c.quantity), 0)).where(
            stock_movements.c.event_id == event_id, stock_movements.c.sku == sku
        )
    )
    return int(total or 0)


def levels(connection: Connection, event_id: str, skus: list[str]) -> dict[str, int]:
    found = dict.fromkeys(skus, 0)
    for start in range(0, len(skus), 500):
        query = (
            select(stock_movements.c.sku, func.sum(stock_movements.c.quantity))
            .where(stock_movements.c.event_id == event_id, stock_movements.c.sku.in_(skus[start : start + 500]))
            .group_by(stock_movements.c.sku)
        )
        found.update({sku: int(total) for sku, total in connection.execute(query)})
    return found


def set_stock(connection: Connection, event_id: str, sku: str, target: int) -> None:
    """Book goods in or out so that the level becomes ``target`` (a movement, never an overwrite)."""
    current = level(connection, event_id, sku)
    connection.execute(
        stock_movements.insert().values(event_id=event_id, sku=sku, quantity=target - current, source="hub")
    )
    publish(connection, event_id, "stock_level", sku, {"level": level(connection, event_id, sku)})
