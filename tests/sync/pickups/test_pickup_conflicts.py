"""The same pickup handed off on several tills, or after it was cancelled online: kept, the earliest stands, flagged."""

from __future__ import annotations

import json
from pathlib import Path

from app.services.handoffs import hand_over
from app.services.pickups import open_pickup
from app.services.sync_status import sync_status
from app.store.outbox import OutboxStatus
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.pickups.pickup_desk import card, clerk, pickup_conflicts
from tests.sync.till_actions import sync


def test_two_tills_offline_hand_over_the_same_order(
    hub: HubEvent, key: bytes, desk: EnrolledTill, till_b: EnrolledTill
) -> None:
    store = hub.hub.store
    order = store.create_pickup(hub.event_id, "M-1030", "Ivy", [("ATE-003", 1)], key)
    sync(desk)
    sync(till_b)
    line = card(desk, order.code).lines[0].key
    # Till B hands over first, but syncs last: its handoff is the earliest and stands.
    hand_over(order.order_id, {line: 1}, clerk(till_b), till_b.till.uow())
    hand_over(order.order_id, {line: 1}, clerk(desk), desk.till.uow())
    sync(desk)
    sync(till_b)

    flagged = [c for c in store.conflicts() if c["kind"] == "pickup_double_handoff"]
    assert len(flagged) == 1
    with desk.till.uow() as uow:
        desk_record = next(r for r in uow.outbox.records() if r.type == "pickup.handed_off")
    assert flagged[0]["record_id"] == desk_record.record_id
    assert flagged[0]["subject"] == "M-1030/1"
    status_b = sync_status(till_b.till.uow())
    assert len(status_b.conflicts) == 1 and "stands" in status_b.conflicts[0].reason
    # Nothing is lost: both handoffs are on the hub and on both tills; stock moved twice.
    assert store.pickup_orders(hub.event_id)[0]["lines"][0]["handed_over"] == 2
    sync(desk)
    assert [h.till_code for h in open_pickup(order.order_id, desk.till.uow()).history] == ["B", "P"]
    for till in (desk, till_b):
        with till.till.uow() as uow:
            assert uow.outbox.count(OutboxStatus.WAITING) == 0


def test_three_tills_offline_hand_over_the_same_line(
    hub: HubEvent, key: bytes, desk: EnrolledTill, till_b: EnrolledTill, tmp_path: Path
) -> None:
    store = hub.hub.store
    till_c = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-c", code="C")
    try:
        order = store.create_pickup(hub.event_id, "M-1035", "Uma", [("ATE-003", 1)], key)
        tills = (desk, till_b, till_c)
        clerks = [clerk(till) for till in tills]
        for till in tills:
            sync(till)
        line = card(desk, order.code).lines[0].key
        for till, staff_id in zip(tills, clerks, strict=True):
            hand_over(order.order_id, {line: 1}, staff_id, till.till.uow())
        handoffs = []
        for till in tills:
            with till.till.uow() as uow:
                [record] = [r for r in uow.outbox.records() if r.type == "pickup.handed_off"]
            handoffs.append((json.loads(record.payload)["at"], record.record_id))
        assert handoffs == sorted(handoffs), "desk P handed over first, then B, then C"
        # The latest reaches the hub first, then the earliest, then the middle one.
        for till in (till_c, desk, till_b):
            sync(till)

        flagged = {c["record_id"] for c in store.conflicts() if c["kind"] == "pickup_double_handoff"}
        assert flagged == {record_id for _at, record_id in handoffs[1:]}, "the earliest stands, both others flagged"
    finally:
        till_c.till.close()


def test_a_handoff_after_an_online_cancellation_is_kept_and_flagged(
    hub: HubEvent, key: bytes, desk: EnrolledTill
) -> None:
    store = hub.hub.store
    order = store.create_pickup(hub.event_id, "M-1040", "Jan", [("ATE-001", 1)], key)
    sync(desk)
    shown = card(desk, order.code)
    store.cancel_pickup(hub.event_id, "M-1040")
    hand_over(order.order_id, {shown.lines[0].key: 1}, clerk(desk), desk.till.uow())  # offline: not yet known
    sync(desk)
    assert pickup_conflicts(store) == ["pickup_after_cancel"]
    assert "cancelled online" in sync_status(desk.till.uow()).conflicts[0].reason
