"""Returns across tills over real HTTP: any till takes a receipt back, and a line returned twice is flagged."""

from __future__ import annotations

from pathlib import Path

from app.domain.returns import Disposition, ReturnLineRequest
from app.services.return_lookup import find_sale
from app.services.returns import RecordReturn, record_return
from app.services.sync_status import sync_status
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sell, sync


def test_a_receipt_from_till_a_comes_back_at_till_b_and_twice_is_flagged(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path
) -> None:
    store = hub.hub.store
    till_b = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-b", code="B")
    try:
        store.set_stock(hub.event_id, "BER-003", 5)
        sync(till_a)
        sale = sell(till_a, "BER-003")
        sync(till_a)
        sync(till_b)

        at_b = find_sale(sale.receipt_no, till_b.till.uow())
        assert [(line.sku, line.returnable) for line in at_b.lines] == [("BER-003", 1)]
        back = (ReturnLineRequest(1, 1, "cracked", Disposition.RESTOCK),)
        record_return(
            RecordReturn(till_b.cashier, sale.sale_id, back, card_refund_references={0: "RF-B"}), till_b.till.uow()
        )
        # Till A, offline from B, takes the same line back too.
        record_return(
            RecordReturn(till_a.cashier, sale.sale_id, back, card_refund_references={0: "RF-A"}), till_a.till.uow()
        )
        sync(till_b)
        sync(till_a)

        flagged = [c for c in store.conflicts() if c["kind"] == "return_exceeds_sale"]
        assert len(flagged) == 1 and flagged[0]["subject"] == f"{sale.receipt_no}/1"
        assert "came back 2 times for 1 sold" in sync_status(till_a.till.uow()).conflicts[0].reason
        assert store.stock_level(hub.event_id, "BER-003") == 5 - 1 + 2  # both facts kept
        sync(till_b)
        assert find_sale(sale.receipt_no, till_b.till.uow()).lines[0].returned == 2
    finally:
        till_b.till.close()
