"""Sales of the mugs drop on the demo till, and the drop report's CSV rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.drop_customers import set_cart_customer
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill

SPECKLED, BLUE = "BER-003", "BER-004"


def sell(demo: DemoTill, skus: list[str], customer: str | None = None, approval: ManagerApproval | None = None) -> str:
    new_uow = demo.till.uow
    cart_id = carts.current_cart(demo.cashier, new_uow()).cart.cart_id
    for sku in skus:
        carts.scan(cart_id, sku, demo.cashier, new_uow())
    if customer is not None:
        set_cart_customer(cart_id, customer, demo.cashier, new_uow())
    state = carts.current_cart(demo.cashier, new_uow())
    tender = Tender(TenderKind.CASH, state.priced.total)
    return complete_sale(CompleteSale(cart_id, demo.cashier, (tender,), approval), new_uow()).receipt_no


def drop_csv_rows(path: Path) -> list[tuple[str, str, str]]:
    rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return [(row[0], row[1], row[2]) for row in rows if row[0].startswith("drop")]
