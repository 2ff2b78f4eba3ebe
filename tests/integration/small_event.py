"""A small event run through the services (three sales, a return, a pickup handed over), and the text of a
report's PDF."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from app.domain.cart import Discount, DiscountKind
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.demo import demo_pickups
from app.services.handoffs import hand_over
from app.services.pickups import PickupCard, scan_pickup
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from tests.conftest import DemoTill

CANDLE = "2000000000015"  # ATE-001 Atelier Lumen, CHF 12.90, VAT 8.1% included
COFFEE = "KAF-003"  # Kaffee Kollektiv, CHF 25.90, VAT 2.6% included
MUG = "BER-003"  # Bergkeramik, CHF 32.00, VAT 8.1% included
MANAGER = ManagerApproval("Alex", "1234")


@dataclass(frozen=True)
class SmallEvent:
    cash_sale: SaleCompleted
    card_sale: SaleCompleted
    voucher_sale: SaleCompleted


def run_small_event(demo: DemoTill) -> SmallEvent:
    """Three sales, one return, one pickup handed over: every figure below follows from these."""
    uow = demo.till.uow
    # Sam: 2 candles and a coffee at 20 % off (above the 10 % limit: Alex approves), paid CHF 50 cash.
    cart_id = carts.current_cart(demo.cashier, uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, uow())
    carts.scan(cart_id, CANDLE, demo.cashier, uow())
    state = carts.scan(cart_id, COFFEE, demo.cashier, uow())
    coffee_line = state.cart.lines[-1].line_id
    carts.discount_line(cart_id, coffee_line, Discount(DiscountKind.PERCENT, Decimal(20)), demo.cashier, uow(), MANAGER)
    cash_sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5000),)), uow())
    # Sam: a mug by card.
    cart_id = carts.current_cart(demo.cashier, uow()).cart.cart_id
    carts.scan(cart_id, MUG, demo.cashier, uow())
    card_sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, 3200, "TRM-42"),)), uow())
    # Alex (a manager approves his own 15 % cart discount): a candle paid with the demo voucher.
    cart_id = carts.current_cart(demo.manager, uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.manager, uow())
    carts.discount_cart(cart_id, Discount(DiscountKind.PERCENT, Decimal(15)), demo.manager, uow())
    voucher_sale = complete_sale(
        CompleteSale(cart_id, demo.manager, (Tender(TenderKind.VOUCHER, 1096, demo.voucher),)), uow()
    )
    # One of the two candles comes back broken: held for quality, CHF 12.90 back in cash.
    record_return(
        RecordReturn(
            demo.cashier,
            cash_sale.sale_id,
            (ReturnLineRequest(1, 1, "broken", Disposition.QUALITY_HOLD),),
        ),
        uow(),
    )
    # Jo hands over Ben Frei's tealights.
    code = next(pickup.code for pickup in demo_pickups(uow()) if pickup.number == "M-1002")
    card = scan_pickup(code, uow())
    assert isinstance(card, PickupCard)
    hand_over(card.order_id, {line.key: line.left for line in card.lines}, demo.clerk, uow())
    return SmallEvent(cash_sale, card_sale, voucher_sale)


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    # Babel puts no-break spaces in amounts; the extracted text may keep them or not.
    return "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")
