"""Pickup handoffs over real HTTP: line by line, for a group, before the order is pulled, back at the returns desk."""

from __future__ import annotations

import json

import pytest

from app.domain.errors import ApprovalRequired, RuleViolation
from app.domain.pickups import PickupState
from app.domain.returns import Disposition, ReturnLineRequest
from app.services.authorization import ManagerApproval
from app.services.handoffs import hand_over, hand_over_unpulled, pickup_slip
from app.services.pickups import UnpulledOrder, open_pickup, pickup_overview, scan_pickup, search_pickups
from app.services.return_documents import return_receipt
from app.services.return_lookup import find_sale
from app.services.returns import RecordReturn, record_return
from app.services.sync_status import sync_status
from printers.document import Row
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.pickups.pickup_desk import card, clerk, pickup_conflicts, refusal
from tests.sync.till_actions import sync


def test_a_handoff_of_one_line_then_the_rest(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    store = hub.hub.store
    before = store.stock_level(hub.event_id, "ATE-001")
    order = store.create_pickup(
        hub.event_id, "M-1001", "Mia Keller", [("ATE-001", 2), ("BER-003", 1)], key, "ID check required"
    )
    assert len(order.code) <= 154  # QR version 6 at level M, alphanumeric mode
    sync(desk)
    jo = clerk(desk)

    shown = card(desk, order.code)
    assert (shown.number, shown.customer_name, shown.state) == ("M-1001", "Mia Keller", PickupState.WAITING)
    assert shown.notes == ("ID check required",)
    assert [(line.sku, line.maker, line.ordered, line.left) for line in shown.lines] == [
        ("ATE-001", "Atelier Lumen", 2, 2),
        ("BER-003", "Bergkeramik", 1, 1),
    ]

    assert shown.id_check_required  # the note asks for it: the clerk confirms it with the handoff
    done = hand_over(order.order_id, {shown.lines[0].key: 2}, jo, desk.till.uow(), id_checked=True)
    again = card(desk, order.code)
    assert again.state is PickupState.PARTLY_COLLECTED
    assert [line.left for line in again.lines] == [0, 1]
    assert [(h.staff_name, h.till_code, h.quantity) for h in again.history] == [("Jo", "P", 2)]
    slip = pickup_slip(done.handoff_id, desk.till.uow())
    rows = [(block.left, block.right) for block in slip.blocks if isinstance(block, Row)]
    assert rows == [  # the slip is printed in the event's language: the desk's event is de_CH
        ("2 x Beeswax taper candle pair", "abgeholt"),
        (f"1 x {shown.lines[1].name}", "noch abzuholen"),
    ]
    with desk.till.uow() as uow:
        records = [r for r in uow.outbox.records() if r.type == "pickup.handed_off"]
        assert len(records) == 1 and json.loads(records[0].payload)["lines"][0]["quantity"] == 2

    sync(desk)
    assert store.stock_level(hub.event_id, "ATE-001") == before - 2
    handed = {line["sku"]: line["handed_over"] for line in store.pickup_orders(hub.event_id)[0]["lines"]}
    assert handed == {"ATE-001": 2, "BER-003": 0}
    assert sync_status(desk.till.uow()).waiting == 0

    hand_over(order.order_id, {again.lines[1].key: 1}, jo, desk.till.uow(), id_checked=True)
    finished = refusal(desk, order.code)
    assert finished.reason == "already_collected"
    assert "till P by Jo" in str(finished)


def test_a_genuine_order_not_yet_pulled_needs_a_manager(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    sync(desk)
    order = hub.hub.store.create_pickup(hub.event_id, "M-1020", "Hal", [("ATE-001", 1), ("ATE-004", 3)], key)
    scanned = scan_pickup(order.code, desk.till.uow())
    assert isinstance(scanned, UnpulledOrder) and "sync" in scanned.message
    jo = clerk(desk)
    with pytest.raises(ApprovalRequired):
        hand_over_unpulled(order.order_id, jo, desk.till.uow())
    hand_over_unpulled(order.order_id, jo, desk.till.uow(), ManagerApproval("Alex", "1234"))
    assert refusal(desk, order.code).reason == "already_collected"

    sync(desk)
    handed = {line["sku"]: line["handed_over"] for line in hub.hub.store.pickup_orders(hub.event_id)[0]["lines"]}
    assert handed == {"ATE-001": 1, "ATE-004": 3}
    assert open_pickup(order.order_id, desk.till.uow()).state is PickupState.COLLECTED


def test_a_group_leader_collects_for_the_members(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    store = hub.hub.store
    kim = store.create_pickup(hub.event_id, "G-1", "Kim", [("ATE-001", 1)], key)
    lou = store.create_pickup(hub.event_id, "G-2", "Lou", [("ATE-002", 2)], key)
    store.create_pickup(hub.event_id, "M-1050", "Max", [("ATE-003", 1)], key)
    group = store.create_group_pickup(hub.event_id, "GROUP-7", "Kim", ["G-1", "G-2"], key)
    sync(desk)
    jo = clerk(desk)
    # Lou collects her own order first, with her own code.
    lou_card = card(desk, lou.code)
    hand_over(lou.order_id, {lou_card.lines[0].key: 2}, jo, desk.till.uow())

    leader = card(desk, group.code)
    assert leader.member_numbers == ("G-1", "G-2")
    assert [(line.order_number, line.left) for line in leader.lines] == [("G-1", 1), ("G-2", 0)]
    hand_over(group.order_id, {leader.lines[0].key: 1}, jo, desk.till.uow())
    assert refusal(desk, kim.code).reason == "already_collected"
    assert refusal(desk, group.code).reason == "already_collected"

    overview = pickup_overview(desk.till.uow())
    states = {summary.number: summary.state for summary in overview.orders}
    assert states == {
        "G-1": PickupState.COLLECTED,
        "G-2": PickupState.COLLECTED,
        "GROUP-7": PickupState.COLLECTED,
        "M-1050": PickupState.WAITING,
    }
    assert overview.counts[PickupState.WAITING] == 1
    assert [s.number for s in search_pickups("max", desk.till.uow())] == ["M-1050"]
    assert [s.number for s in search_pickups("1050", desk.till.uow())] == ["M-1050"]

    sync(desk)
    assert pickup_conflicts(store) == []


def test_a_collected_order_comes_back_at_the_returns_desk_by_its_pickup_code(
    hub: HubEvent, key: bytes, desk: EnrolledTill
) -> None:
    store = hub.hub.store
    store.set_stock(hub.event_id, "ATE-001", 10)
    order = store.create_pickup(hub.event_id, "M-1060", "Ola", [("ATE-001", 2), ("ATE-004", 1)], key)
    sync(desk)
    jo = clerk(desk)
    shown = card(desk, order.code)
    hand_over(order.order_id, {shown.lines[0].key: 2}, jo, desk.till.uow())

    found = find_sale(order.code, desk.till.uow())
    assert found.online_order and found.receipt_no == "order M-1060"
    assert [(line.sku, line.sold, line.returnable) for line in found.lines] == [("ATE-001", 2, 2), ("ATE-004", 0, 0)]
    back = (ReturnLineRequest(1, 1, "cracked", Disposition.RESTOCK),)
    done = record_return(RecordReturn(desk.cashier, order.order_id, back), desk.till.uow())
    assert (done.refund_total, done.refunds) == (0, ())  # paid online: the marketplace refunds
    texts = [getattr(block, "text", "") for block in return_receipt(done.return_id, desk.till.uow()).blocks]
    # The return receipt speaks the event's language: the demo event is de_CH.
    assert "Marktplatz-Bestellung M-1060" in texts and "Der Marktplatz erstattet die Online-Zahlung." in texts
    with pytest.raises(RuleViolation, match="Only 1 of line 1"):
        record_return(
            RecordReturn(desk.cashier, order.order_id, (ReturnLineRequest(1, 2, "x", Disposition.RESTOCK),)),
            desk.till.uow(),
        )

    sync(desk)
    assert store.stock_level(hub.event_id, "ATE-001") == 10 - 2 + 1
    with desk.till.uow() as uow:
        [record] = [r for r in uow.outbox.records() if r.type == "return.recorded"]
    assert json.loads(record.payload)["online_order"] is True
    assert record.answer == "applied"
