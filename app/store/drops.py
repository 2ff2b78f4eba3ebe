"""The till's drops as the hub fed them, its own sales of drop units, and the customer given for a cart."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from app.domain.drops import Drop
from app.store.database import driver
from app.store.schema import (
    drop_cart_customers,
    drop_sales,
    drops,
    foreign_returns,
    return_lines,
    returns,
    sales,
)

# The event's salt for customer hashes, from the hub's drop entries (kept in ``settings``).
CUSTOMER_SALT_KEY = "drop_customer_salt"
# The one disposition that puts a returned unit back on the counter (app/domain/returns.py ``Disposition``).
RESTOCK = "restock"


@dataclass(frozen=True, slots=True)
class StoredDrop:
    drop: Drop
    # Units sold at the counter per till code, as the hub last said (this till's own among them).
    counter_sold: dict[str, int]
    changed_at: str


@dataclass(frozen=True, slots=True)
class CartCustomer:
    customer: str
    shown_as: str


class DropRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def save(self, drop: Drop, counter_sold: dict[str, int], changed_at: str) -> None:
        self._connection.execute(delete(drops).where(drops.c.id == drop.drop_id))
        self._connection.execute(
            insert(drops).values(
                id=drop.drop_id,
                name=drop.name,
                skus=json.dumps(sorted(drop.skus)),
                release_at=drop.release_at.isoformat(),
                online_allocation=drop.online_allocation,
                counter_allocation=drop.counter_allocation,
                per_sale_cap=drop.per_sale_cap,
                per_customer_cap=drop.per_customer_cap,
                counter_sold=json.dumps(counter_sold, sort_keys=True),
                changed_at=changed_at,
            )
        )

    def get(self, drop_id: str) -> StoredDrop | None:
        row = driver(self._connection).execute(f"SELECT {', '.join(_COLUMNS)} FROM drops WHERE id = ?", (drop_id,))
        found = row.fetchone()
        return _stored(dict(zip(_COLUMNS, found, strict=True))) if found is not None else None

    def all(self) -> list[StoredDrop]:
        # Through the driver: every scan and every sale asks, most of them at an event without drops.
        rows = driver(self._connection).execute(f"SELECT {', '.join(_COLUMNS)} FROM drops ORDER BY release_at")
        return [_stored(dict(zip(_COLUMNS, row, strict=True))) for row in rows]

    def for_skus(self, skus: Iterable[str]) -> dict[str, StoredDrop]:
        """The drop of each SKU that is in one (a handful of drops per event: read them all)."""
        wanted = set(skus)
        found: dict[str, StoredDrop] = {}
        if not wanted:
            return found
        for stored in self.all():
            for sku in stored.drop.skus & wanted:
                found.setdefault(sku, stored)
        return found

    def sold_here(self, drop_ids: Iterable[str]) -> dict[str, int]:
        """This till's sales of each drop, less their units restocked at a returns desk (here or on another till)."""
        ids = set(drop_ids)
        if not ids:
            return {}
        rows = self._connection.execute(
            select(drop_sales.c.drop_id, func.sum(drop_sales.c.units))
            .where(drop_sales.c.drop_id.in_(ids))
            .group_by(drop_sales.c.drop_id)
        )
        sold = {str(drop_id): int(units) for drop_id, units in rows}
        for drop_id, units in self.restocked(ids).items():
            sold[drop_id] = max(sold.get(drop_id, 0) - units, 0)
        return sold

    def restocked(self, drop_ids: Iterable[str]) -> dict[str, int]:
        """Units of this till's drop sales restocked at a returns desk, per drop: they are sellable again.

        Units put on quality hold or written off are not. Returns made on another
        till come from the feed (``foreign_returns``), so a unit is back here too.
        Joined through ``drop_sales``, so a drop's many sales are never bound values.
        """
        ids = set(drop_ids)
        if not ids:
            return {}
        skus_of = {
            str(row.id): frozenset(json.loads(row.skus))
            for row in self._connection.execute(select(drops.c.id, drops.c.skus).where(drops.c.id.in_(ids)))
        }
        lines: list[tuple[str, str, int]] = [
            (str(row.drop_id), str(row.sku), int(row.quantity))
            for row in self._connection.execute(
                select(drop_sales.c.drop_id, return_lines.c.sku, return_lines.c.quantity)
                .select_from(drop_sales)
                .join(returns, returns.c.sale_id == drop_sales.c.sale_id)
                .join(return_lines, return_lines.c.return_id == returns.c.id)
                .where(drop_sales.c.drop_id.in_(ids), return_lines.c.disposition == RESTOCK)
            )
        ]
        for row in self._connection.execute(
            select(drop_sales.c.drop_id, foreign_returns.c.payload)
            .select_from(drop_sales)
            .join(foreign_returns, foreign_returns.c.sale_id == drop_sales.c.sale_id)
            .where(drop_sales.c.drop_id.in_(ids))
        ):
            lines += [
                (str(row.drop_id), str(line["sku"]), int(line["quantity"]))
                for line in json.loads(row.payload).get("lines", [])
                if line.get("disposition") == RESTOCK
            ]
        back: dict[str, int] = {}
        for drop_id, sku, quantity in lines:
            if sku in skus_of.get(drop_id, frozenset()):
                back[drop_id] = back.get(drop_id, 0) + quantity
        return back

    def drops_of_sale(self, sale_id: str) -> set[str] | None:
        """The drops this till's sale ``sale_id`` took units of; None for another till's sale."""
        rows = self._connection.execute(select(drop_sales.c.drop_id).where(drop_sales.c.sale_id == sale_id))
        found = {str(drop_id) for (drop_id,) in rows}
        if found or self._connection.scalar(select(sales.c.id).where(sales.c.id == sale_id)) is not None:
            return found
        return None

    def bought_by(self, drop_id: str, customer: str) -> int:
        total = self._connection.scalar(
            select(func.coalesce(func.sum(drop_sales.c.units), 0)).where(
                drop_sales.c.drop_id == drop_id, drop_sales.c.customer == customer
            )
        )
        return int(total or 0)

    def record_sale(self, sale_id: str, drop_id: str, units: int, customer: str | None, sold_at: str) -> None:
        self._connection.execute(
            insert(drop_sales).values(sale_id=sale_id, drop_id=drop_id, units=units, customer=customer, sold_at=sold_at)
        )

    def sales(self) -> list[tuple[str, str, int, str]]:
        """(drop id, sale id, units, sold at) of this till's sales of drops, oldest first."""
        rows = self._connection.execute(
            select(drop_sales.c.drop_id, drop_sales.c.sale_id, drop_sales.c.units, drop_sales.c.sold_at).order_by(
                drop_sales.c.sold_at
            )
        )
        return [(str(a), str(b), int(c), str(d)) for a, b, c, d in rows]

    def set_cart_customer(self, cart_id: str, customer: str, shown_as: str) -> None:
        self.clear_cart_customer(cart_id)
        self._connection.execute(
            insert(drop_cart_customers).values(cart_id=cart_id, customer=customer, shown_as=shown_as)
        )

    def cart_customer(self, cart_id: str) -> CartCustomer | None:
        row = self._connection.execute(
            select(drop_cart_customers).where(drop_cart_customers.c.cart_id == cart_id)
        ).first()
        return CartCustomer(row.customer, row.shown_as) if row is not None else None

    def clear_cart_customer(self, cart_id: str) -> None:
        driver(self._connection).execute("DELETE FROM drop_cart_customers WHERE cart_id = ?", (cart_id,))


_COLUMNS = tuple(column.name for column in drops.columns)


def _stored(mapping: Mapping[str, Any]) -> StoredDrop:
    drop = Drop(
        drop_id=mapping["id"],
        name=mapping["name"],
        skus=frozenset(json.loads(mapping["skus"])),
        release_at=datetime.fromisoformat(mapping["release_at"]),
        online_allocation=int(mapping["online_allocation"]),
        counter_allocation=int(mapping["counter_allocation"]),
        per_sale_cap=mapping["per_sale_cap"],
        per_customer_cap=mapping["per_customer_cap"],
    )
    return StoredDrop(
        drop, {str(k): int(v) for k, v in json.loads(mapping["counter_sold"]).items()}, mapping["changed_at"]
    )
