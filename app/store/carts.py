"""Carts in progress and parked carts, kept as JSON so that a crash loses none.

A cart is working state, not a fact: it is rewritten on every change and
deleted when it becomes a sale or is voided (the void itself is audited).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from threading import Lock
from typing import Any

from sqlalchemy import Connection, bindparam, select

from app.domain.cart import Cart, CartItem, CartLine, Discount, DiscountKind
from app.store.database import driver
from app.store.schema import carts


class CartStatus(StrEnum):
    OPEN = "open"
    PARKED = "parked"


@dataclass(frozen=True, slots=True)
class StoredCart:
    cart: Cart
    staff_id: str
    status: CartStatus
    label: str
    updated_at: str


def _discount_to_json(discount: Discount | None) -> dict[str, str] | None:
    return None if discount is None else {"kind": discount.kind.value, "value": str(discount.value)}


def _discount_from_json(data: dict[str, str] | None) -> Discount | None:
    return None if data is None else Discount(DiscountKind(data["kind"]), Decimal(data["value"]))


def cart_to_json(cart: Cart) -> str:
    return json.dumps(
        {
            "cart_id": cart.cart_id,
            "currency": cart.currency,
            "discount": _discount_to_json(cart.discount),
            "discount_approved_by": cart.discount_approved_by,
            "lines": [
                {
                    "line_id": line.line_id,
                    "quantity": line.quantity,
                    "discount": _discount_to_json(line.discount),
                    "price_override": line.price_override,
                    "approved_by": line.approved_by,
                    "item": {
                        "product_id": line.item.product_id,
                        "sku": line.item.sku,
                        "name": line.item.name,
                        "variant": line.item.variant,
                        "maker_id": line.item.maker_id,
                        "maker_name": line.item.maker_name,
                        "tax_class": line.item.tax_class,
                        "tax_rate": str(line.item.tax_rate),
                        "unit_price": line.item.unit_price,
                        "category": line.item.category,
                    },
                }
                for line in cart.lines
            ],
        },
        ensure_ascii=False,
    )


def cart_from_json(text: str) -> Cart:
    data: dict[str, Any] = json.loads(text)
    lines = tuple(
        CartLine(
            line_id=line["line_id"],
            item=CartItem(**{**line["item"], "tax_rate": Decimal(line["item"]["tax_rate"])}),
            quantity=line["quantity"],
            discount=_discount_from_json(line["discount"]),
            price_override=line["price_override"],
            approved_by=line["approved_by"],
        )
        for line in data["lines"]
    )
    return Cart(
        cart_id=data["cart_id"],
        currency=data["currency"],
        lines=lines,
        discount=_discount_from_json(data["discount"]),
        discount_approved_by=data["discount_approved_by"],
    )


_UPDATE = carts.update().where(carts.c.id == bindparam("key"))
# A cart's row as get() reads it; app/store/tills.py ``counter`` reads the same columns for a sale.
CART_COLUMNS = ("content", "staff_id", "status", "label", "updated_at")
_GET = f"SELECT {', '.join(CART_COLUMNS)} FROM carts WHERE id = ?"

# The carts last written, by their exact stored text: a sale reads back the cart its last scan wrote, and
# parsing it again (a Decimal and an item per line) cost more than the read. The text is still read inside
# the caller's transaction, so a cart changed on another screen is parsed afresh; a Cart is immutable, and
# cart_from_json(cart_to_json(cart)) == cart (tests/unit/domain/test_price_rules.py).
_WRITTEN: dict[str, Cart] = {}
_WRITTEN_KEPT = 32
_WRITING = Lock()


def _parsed(content: str) -> Cart:
    cart = _WRITTEN.get(content)
    return cart if cart is not None else cart_from_json(content)


def _remember(content: str, cart: Cart) -> None:
    with _WRITING:  # units of work run on more than one thread
        if len(_WRITTEN) >= _WRITTEN_KEPT:
            _WRITTEN.pop(next(iter(_WRITTEN)))
        _WRITTEN[content] = cart


def stored_cart(content: str, staff_id: str, status: str, label: str, updated_at: str) -> StoredCart:
    return StoredCart(_parsed(content), staff_id, CartStatus(status), label, updated_at)


class CartRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def save(self, cart: Cart, *, till_id: str, staff_id: str, status: CartStatus, label: str, updated_at: str) -> None:
        values = {
            "till_id": till_id,
            "staff_id": staff_id,
            "status": status.value,
            "label": label,
            "content": cart_to_json(cart),
            "updated_at": updated_at,
        }
        _remember(values["content"], cart)
        updated = self._connection.execute(_UPDATE, {"key": cart.cart_id, **values})
        if updated.rowcount == 0:
            self._connection.execute(carts.insert(), {"id": cart.cart_id, **values})

    def get(self, cart_id: str) -> StoredCart | None:
        # Through the driver: every scan and every sale reads its cart.
        row = driver(self._connection).execute(_GET, (cart_id,)).fetchone()
        return None if row is None else stored_cart(*row)

    def with_status(self, till_id: str, status: CartStatus) -> list[StoredCart]:
        rows = self._connection.execute(
            select(carts).where(carts.c.till_id == till_id, carts.c.status == status.value).order_by(carts.c.updated_at)
        )
        return [
            StoredCart(cart_from_json(row.content), row.staff_id, CartStatus(row.status), row.label, row.updated_at)
            for row in rows
        ]

    def delete(self, cart_id: str) -> None:
        driver(self._connection).execute("DELETE FROM carts WHERE id = ?", (cart_id,))
