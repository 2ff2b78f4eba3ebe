"""A small market day end to end through the services: the drawer, the Z report and the makers' payouts add up."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.cash import MovementDirection
from app.domain.errors import ApprovalRequired, InvalidInput, RuleViolation
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.cash import (
    cash_report_document,
    close_session,
    current_session,
    move_cash,
    open_session,
    x_report,
    z_report,
)
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.settlements import export_settlement_pdfs, maker_settlements, set_commission
from printers.document import Row
from tests.conftest import DemoTill

CANDLE, COFFEE = "2000000000015", "KAF-003"  # CHF 12.90 (Atelier Lumen), CHF 25.90 (Kaffee Kollektiv)


def sell(demo: DemoTill, code: str, tender: Tender) -> SaleCompleted:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    return complete_sale(CompleteSale(cart_id, demo.cashier, (tender,)), demo.till.uow())


def test_a_market_day_float_sales_refund_bank_drop_and_a_blind_count_two_francs_short(
    demo: DemoTill, tmp_path: Path
) -> None:
    # The demo opened the day's drawer with a float of CHF 200.00 counted by denomination.
    session = current_session(demo.till.uow())
    assert session is not None and session.float_amount == 20000

    candle = sell(demo, CANDLE, Tender(TenderKind.CASH, 2000))  # change 7.10
    sell(demo, COFFEE, Tender(TenderKind.CARD, 2590, "TRM-42"))
    record_return(
        RecordReturn(demo.cashier, candle.sale_id, (ReturnLineRequest(1, 1, "wick broken", Disposition.QUALITY_HOLD),)),
        demo.till.uow(),
    )
    with pytest.raises(ApprovalRequired):
        move_cash(MovementDirection.OUT, 5000, "bank drop", demo.cashier, demo.till.uow())
    move_cash(MovementDirection.OUT, 5000, "bank drop", demo.cashier, demo.till.uow(), ManagerApproval("Alex", "1234"))

    x = x_report(demo.till.uow())
    assert x.expected == 20000 + 2000 - 710 - 1290 - 5000 == 15000
    assert x.counted is None

    z = close_session({2000: 5, 1000: 4, 500: 1, 100: 3}, demo.cashier, demo.till.uow())  # 148.00
    assert (z.number, z.counted, z.expected, z.over_short) == ("A-Z0001", 14800, 15000, -200)
    assert dict(z.expected_lines) == {
        "Opening float": 20000,
        "Cash taken from customers": 2000,
        "Change given": -710,
        "Cash refunds": -1290,
        "Cash in": 0,
        "Cash out (bank drops, petty cash)": -5000,
        "Expected in the drawer": 15000,
    }
    assert (z.sales, z.sales_total, z.card_total, z.returns, z.refunds_total) == (2, 1290 + 2590, 2590, 1, 1290)
    assert z.movements == (("out", 5000, "bank drop"),)
    assert z_report("a-z0001", demo.till.uow()) == z  # numbered, stored, the same when read again
    with demo.till.uow() as uow:
        event = uow.tills.this_till_and_event()[1]
    rows = {(b.left, b.right) for b in cash_report_document(z, event).blocks if isinstance(b, Row)}
    # Printed in the event's language: the demo event is de_CH.
    assert ("FEHLBETRAG", "CHF-2.00") in {(left, right.replace("\xa0", "")) for left, right in rows}

    # A closed drawer takes no more sales until the next session is opened.
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    with pytest.raises(RuleViolation, match="No cash session is open"):
        complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 1300),)), demo.till.uow())
    with pytest.raises(RuleViolation, match="No cash session is open"):
        close_session({}, demo.cashier, demo.till.uow())
    open_session({2000: 10}, demo.cashier, demo.till.uow())
    with pytest.raises(RuleViolation, match="is open since"):
        open_session({2000: 10}, demo.cashier, demo.till.uow())
    with pytest.raises(InvalidInput, match="not a CHF coin or note"):
        close_session({3: 1}, demo.cashier, demo.till.uow())

    set_commission("20", demo.manager, demo.till.uow(), maker="Kaffee Kollektiv")
    set_commission("25", demo.manager, demo.till.uow())  # everyone else
    settlements = {s.maker_name: s for s in maker_settlements(demo.till.uow())}
    coffee, candles = settlements["Kaffee Kollektiv"], settlements["Atelier Lumen"]
    assert (coffee.units_sold, coffee.revenue, coffee.commission, coffee.payout) == (1, 2590, 518, 2072)
    assert (candles.units_sold, candles.revenue, candles.units_returned, candles.refunds) == (1, 1290, 1, 1290)
    assert (candles.quality_holds, candles.commission, candles.payout) == (1, 0, 0)

    [statement] = export_settlement_pdfs(tmp_path / "statements", demo.till.uow(), maker="Kaffee Kollektiv")
    text = " ".join(page.extract_text() for page in PdfReader(statement).pages).replace("\xa0", " ")
    # The statement is in the event's language: the demo event is de_CH.
    assert "Abrechnung: Kaffee Kollektiv" in text
    assert "AUSZUZAHLEN" in text and "20.72" in text and "5.18" in text
