"""A sale to find in a backup, and counting the sales a store file holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.bootstrap import Till
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import list_staff

CANDLE = "2000000000015"


def sell_a_candle(till: Till) -> str:
    cashier = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Sam")
    cart_id = carts.current_cart(cashier, till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, cashier, till.uow())
    return complete_sale(CompleteSale(cart_id, cashier, (Tender(TenderKind.CASH, 2000),)), till.uow()).receipt_no


def sales_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("SELECT count(*) FROM sales").fetchone()[0])
