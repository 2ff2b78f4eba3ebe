"""Sales on the demo till for the event report's screens: the codes sold and ``sell`` with one tender."""

from __future__ import annotations

from app.domain.tenders import Tender
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill

CANDLE, MUG = "2000000000015", "BER-003"  # Atelier Lumen CHF 12.90, Bergkeramik CHF 32.00


def sell(demo: DemoTill, codes: list[str], tender: Tender) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    for code in codes:
        carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (tender,)), demo.till.uow())
