"""Counting stock at a location: the variance against the movements, and posting it as adjustments."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import InvalidInput, NotFound, PermissionDenied, RuleViolation
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.event_close import close_checklist
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, complete_sale
from app.services.stock import on_hand
from app.services.stock_count import count_entry, count_item, count_locations, count_sheet, post_count, start_count
from tests.conftest import DemoTill

CANDLE, COFFEE = "2000000000015", "KAF-003"


def sell_two_candles(demo: DemoTill) -> str:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    return complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 3000),)), demo.till.uow()).sale_id


def test_a_count_shows_the_variance_and_posting_adjusts_only_what_was_counted(demo: DemoTill) -> None:
    sell_two_candles(demo)
    with pytest.raises(PermissionDenied):
        start_count(demo.cashier, demo.till.uow())
    count_id = start_count(demo.manager, demo.till.uow())
    assert start_count(demo.manager, demo.till.uow()) == count_id  # resumed, not restarted
    for _ in range(9):
        line = count_item(count_id, CANDLE, demo.manager, demo.till.uow())
    assert (line.expected, line.counted, line.variance) == (10, 9, -1)
    assert dict(line.movements) == {"receive": 12, "sale": -2}
    assert count_entry(count_id, f" {COFFEE}=12 ", demo.manager, demo.till.uow()).variance == 0
    with pytest.raises(InvalidInput, match="CODE=QUANTITY"):
        count_entry(count_id, f"{COFFEE}=twelve", demo.manager, demo.till.uow())
    with pytest.raises(NotFound, match="No product has the code"):
        count_item(count_id, "NOPE-1", demo.manager, demo.till.uow())
    uncounted = [line for line in count_sheet(count_id, demo.till.uow()).lines if line.counted is None]
    assert uncounted and all(line.variance is None for line in uncounted)

    assert post_count(count_id, demo.manager, demo.till.uow()) == 1
    assert on_hand(CANDLE, demo.till.uow()) == 9
    assert on_hand("ATE-002", demo.till.uow()) == 12  # not counted, not zeroed
    with pytest.raises(RuleViolation, match="posted already"):
        count_item(count_id, CANDLE, demo.manager, demo.till.uow())
    with demo.till.uow() as uow:
        record = [r for r in uow.outbox.records() if r.type == "stock.moved"][-1]
    assert json.loads(record.payload)["deltas"] == [["ATE-001", -1]]
    assert close_checklist(demo.till.uow()).stock_counted


def test_held_items_are_counted_at_their_own_location(demo: DemoTill) -> None:
    sale_id = sell_two_candles(demo)
    held = (ReturnLineRequest(1, 1, "wick broken", Disposition.QUALITY_HOLD),)
    record_return(RecordReturn(demo.cashier, sale_id, held), demo.till.uow())
    assert count_locations(demo.till.uow()) == ["stall", "quality_hold"]
    count_id = start_count(demo.manager, demo.till.uow(), "quality_hold")
    [line] = count_sheet(count_id, demo.till.uow()).lines
    assert (line.sku, line.expected) == ("ATE-001", 1)
