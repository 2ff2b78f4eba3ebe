"""Returns through the services against a real SQLite store: refunds, ledger, policy, exchange."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bootstrap import open_till
from app.domain.dates import local_date
from app.domain.errors import ApprovalRequired, InvalidInput, RuleViolation
from app.domain.receipts import receipt_qr
from app.domain.returns import Disposition, RefundMethod, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.demo import load_demo
from app.services.return_documents import quality_holds, queue_return_receipt, recent_returns, return_receipt
from app.services.return_lookup import find_sale, load_sale_for_return, search_sales
from app.services.return_policy import ReturnPolicy, save_return_policy
from app.services.returns import NoReceiptItem, RecordReturn, exchange, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.staff import list_staff
from app.services.stock import on_hand
from app.services.vouchers import voucher_balance
from printers.document import Row
from tests.conftest import DemoTill

CANDLE = "2000000000015"  # ATE-001, CHF 12.90
COFFEE = "KAF-003"  # CHF 25.90
MANAGER = ManagerApproval("Alex", "1234")


def sell(demo: DemoTill, codes: list[str], tenders: tuple[Tender, ...]) -> SaleCompleted:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    for code in codes:
        carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    return complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())


def line(line_no: int, quantity: int, disposition: Disposition = Disposition.RESTOCK) -> ReturnLineRequest:
    return ReturnLineRequest(line_no, quantity, "changed mind", disposition)


def test_one_of_two_lines_back_to_stock_with_a_cash_refund(demo: DemoTill) -> None:
    sale = sell(demo, [CANDLE, COFFEE], (Tender(TenderKind.CASH, 5000),))
    candles = on_hand(CANDLE, demo.till.uow())
    found = find_sale(receipt_qr(sale.receipt_no, sale.sale_id), demo.till.uow())
    assert [(sold.sku, sold.returnable) for sold in found.lines] == [("ATE-001", 1), ("KAF-003", 1)]

    done = record_return(RecordReturn(demo.cashier, sale.sale_id, (line(1, 1),)), demo.till.uow())
    assert (done.return_no, done.refund_total, done.cash_refund) == ("A-R00001", 1290, 1290)
    assert on_hand(CANDLE, demo.till.uow()) == candles + 1
    after = find_sale(sale.receipt_no, demo.till.uow())
    assert [(sold.returned, sold.returnable) for sold in after.lines] == [(1, 0), (0, 1)]
    assert after.tenders[0].refunded == 1290
    with demo.till.uow() as uow:
        record = next(r for r in uow.outbox.records() if r.type == "return.recorded")
    payload = json.loads(record.payload)
    assert payload["receipt_no"] == sale.receipt_no
    assert payload["lines"][0] | {"sold": 1} == payload["lines"][0]
    receipt = return_receipt(done.return_id, demo.till.uow())
    assert receipt.open_drawer
    # Printed in the demo event's language (de_CH).
    assert ("TOTAL ERSTATTET", "CHF\xa012.90") in [(b.left, b.right) for b in receipt.blocks if isinstance(b, Row)]
    assert queue_return_receipt(done.return_id, demo.till.uow())

    with pytest.raises(RuleViolation, match="already returned in full"):
        record_return(RecordReturn(demo.cashier, sale.sale_id, (line(1, 1),)), demo.till.uow())


def test_a_split_sale_refunds_each_tender_in_proportion_and_asks_for_the_card_reference(demo: DemoTill) -> None:
    sale = sell(demo, [CANDLE, CANDLE], (Tender(TenderKind.CARD, 1580, "TRM-9"), Tender(TenderKind.CASH, 1000)))
    request = RecordReturn(demo.cashier, sale.sale_id, (line(1, 2),))
    with pytest.raises(InvalidInput, match="refund reference"):
        record_return(request, demo.till.uow())
    done = record_return(
        RecordReturn(demo.cashier, sale.sale_id, (line(1, 2),), card_refund_references={0: "RF-1"}), demo.till.uow()
    )
    assert sorted((r.kind, r.amount, r.reference) for r in done.refunds) == [("card", 1580, "RF-1"), ("cash", 1000, "")]
    tenders = load_sale_for_return(sale.sale_id, demo.till.uow()).tenders
    assert [(t.paid, t.refunded) for t in tenders] == [(1580, 1580), (1000, 1000)]


def test_store_credit_refund_then_spending_that_voucher(demo: DemoTill) -> None:
    sale = sell(demo, [COFFEE], (Tender(TenderKind.CASH, 3000),))
    done = record_return(
        RecordReturn(demo.cashier, sale.sale_id, (line(1, 1),), RefundMethod.STORE_CREDIT), demo.till.uow()
    )
    assert done.voucher_code and done.cash_refund == 0
    assert voucher_balance(done.voucher_code, demo.till.uow()).remaining == 2590
    texts = [getattr(block, "text", "") for block in return_receipt(done.return_id, demo.till.uow()).blocks]
    assert done.voucher_code in texts
    spent = sell(demo, [CANDLE], (Tender(TenderKind.VOUCHER, 1290, done.voucher_code),))
    assert spent.total == 1290
    assert voucher_balance(done.voucher_code, demo.till.uow()).remaining == 2590 - 1290


def test_a_return_without_receipt_needs_a_manager_and_stays_under_the_caps(demo: DemoTill) -> None:
    items = (NoReceiptItem(CANDLE, 1, "gift, no receipt", Disposition.RESTOCK),)
    with pytest.raises(ApprovalRequired):
        record_return(RecordReturn(demo.cashier, None, no_receipt_items=items), demo.till.uow())
    done = record_return(RecordReturn(demo.cashier, None, no_receipt_items=items), demo.till.uow(), MANAGER)
    assert done.voucher_code and [r.kind for r in done.refunds] == ["store_credit"]  # never cash by default
    too_much = (NoReceiptItem(COFFEE, 2, "gift", Disposition.RESTOCK),)
    with pytest.raises(RuleViolation, match="at most CHF"):
        record_return(RecordReturn(demo.cashier, None, no_receipt_items=too_much), demo.till.uow(), MANAGER)
    save_return_policy(ReturnPolicy(no_receipt_cap_per_event=2000), demo.manager, demo.till.uow())
    with pytest.raises(RuleViolation, match="this event's limit"):
        record_return(RecordReturn(demo.cashier, None, no_receipt_items=items), demo.till.uow(), MANAGER)


def test_a_return_after_the_window_needs_a_manager(demo: DemoTill) -> None:
    sale = sell(demo, [CANDLE], (Tender(TenderKind.CASH, 1300),))
    save_return_policy(ReturnPolicy(window_days=1), demo.manager, demo.till.uow())
    later = datetime.now(UTC) + timedelta(days=2)
    assert not load_sale_for_return(sale.sale_id, demo.till.uow(), later).within_window
    request = RecordReturn(demo.cashier, sale.sale_id, (line(1, 1),))
    with pytest.raises(ApprovalRequired, match="2 days after the sale"):
        record_return(request, demo.till.uow(), now=later)
    done = record_return(request, demo.till.uow(), MANAGER, now=later)
    assert done.refund_total == 1290


def test_an_exchange_is_a_return_and_a_sale_in_one_step(demo: DemoTill) -> None:
    sale = sell(demo, [COFFEE], (Tender(TenderKind.CASH, 3000),))
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())  # 38.70 for the 25.90 coffee back
    done = exchange(
        RecordReturn(demo.cashier, sale.sale_id, (line(1, 1),)),
        cart_id,
        (Tender(TenderKind.CASH, 1300),),
        demo.till.uow(),
    )
    assert done.sale is not None and done.sale.total == 3870 and done.sale.change == 1300 - (3870 - 2590)
    assert done.voucher_code and voucher_balance(done.voucher_code, demo.till.uow()).remaining == 0
    with demo.till.uow() as uow:
        types = [r.type for r in uow.outbox.records()]
    assert types[-3:] == ["voucher.issued", "return.recorded", "sale.completed"]


def test_dispositions_move_stock_and_the_manager_sees_quality_holds_per_maker(demo: DemoTill) -> None:
    sale = sell(demo, [CANDLE, CANDLE, CANDLE, COFFEE], (Tender(TenderKind.CASH, 10000),))
    candles = on_hand(CANDLE, demo.till.uow())
    record_return(
        RecordReturn(
            demo.cashier,
            sale.sale_id,
            (
                ReturnLineRequest(1, 1, "wick broken", Disposition.QUALITY_HOLD),
                ReturnLineRequest(2, 1, "spilled", Disposition.WRITE_OFF),
            ),
        ),
        demo.till.uow(),
    )
    assert on_hand(CANDLE, demo.till.uow()) == candles  # held apart, not sellable
    holds = quality_holds(demo.till.uow())
    assert [(h.maker_name, h.sku, h.quantity, h.reasons) for h in holds] == [
        ("Atelier Lumen", "ATE-001", 1, ("wick broken",))
    ]
    [listed] = recent_returns(demo.till.uow())
    assert [(sold.sku, sold.reason, sold.disposition) for sold in listed.lines] == [
        ("ATE-001", "wick broken", "quality_hold"),
        ("KAF-003", "spilled", "write_off"),
    ]
    with pytest.raises(InvalidInput, match="date, an amount or a card reference"):
        search_sales("", "", "", demo.till.uow())
    assert [s.receipt_no for s in search_sales(sale_day(sale, demo), "", "", demo.till.uow())] == [sale.receipt_no]


def sale_day(sale: SaleCompleted, demo: DemoTill) -> str:
    """The sale's day at the event, as a person types it: the store keeps UTC, and between midnight at the event
    and midnight in UTC the two days differ."""
    with demo.till.uow() as uow:
        detail = uow.sales.detail(sale.sale_id)
        event = uow.tills.this_till_and_event()[1]
        assert detail is not None
        return local_date(detail.header.created_at, event.time_zone).isoformat()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.integers(1, 2), st.integers(0, 3), st.sampled_from(list(RefundMethod))), min_size=1, max_size=8
    ),
    st.sampled_from(["cash", "card", "split"]),
)
def test_refunds_never_exceed_what_was_sold_or_paid(
    tmp_path_factory: pytest.TempPathFactory, attempts: list[tuple[int, int, RefundMethod]], paid_by: str
) -> None:
    till = open_till(tmp_path_factory.mktemp("store"))
    try:
        load_demo(till.uow)
        cashier = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Sam")
        demo = DemoTill(till, "", cashier, "", "")
        tenders = {
            "cash": (Tender(TenderKind.CASH, 10000),),
            "card": (Tender(TenderKind.CARD, 2 * 1290 + 2590, "T-1"),),
            "split": (Tender(TenderKind.CARD, 2000, "T-2"), Tender(TenderKind.CASH, 5000)),
        }[paid_by]
        sale = sell(demo, [CANDLE, CANDLE, COFFEE], tenders)
        for line_no, quantity, method in attempts:
            request = RecordReturn(cashier, sale.sale_id, (line(line_no, quantity),), method, {0: "RF"})
            with contextlib.suppress(InvalidInput, RuleViolation):
                record_return(request, till.uow())
        state = load_sale_for_return(sale.sale_id, till.uow())
        for sold in state.lines:
            assert sold.returned <= sold.sold
            assert sold.refunded <= sold.total
        for tender in state.tenders:
            assert tender.refunded <= tender.paid
    finally:
        till.close()
