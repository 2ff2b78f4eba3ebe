"""Goods in and transfers over real HTTP, on SQLite and on PostgreSQL (the ``hub`` fixture).

A delivery received on a till raises the event's sellable level on the hub; a
transfer moves it only when it crosses between sellable places (the stall, a
till) and the others (the quality hold, the maker); the hub lists where each
unit is. Older stock.moved payloads still apply, and hostile ones are refused
record by record with a reason.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from app.domain.returns import Disposition, ReturnLineRequest
from app.services.goods_in import receive_delivery, transfer_stock
from app.services.returns import RecordReturn, record_return
from app.services.sync_status import sync_status
from sync.hub.cli import main as hub_main
from sync.hub.store import inbox
from sync.hub.store.schema import stock_locations
from sync.hub.store.stock_locations import by_location
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.hostile_records import a_sale, a_stock_move, answers_of, enroll
from tests.sync.till_actions import sell, sync


def level(hub: HubEvent, sku: str) -> int:
    return hub.hub.store.stock_level(hub.event_id, sku)


def places(hub: HubEvent, sku: str) -> dict[str, int]:
    with hub.hub.store.engine.connect() as connection:
        (located,) = by_location(connection, hub.event_id, [sku])
    return {place: units for place, units in located.places.items() if units}


def test_a_delivery_received_on_a_till_raises_the_event_level_after_sync(hub: HubEvent, till_a: EnrolledTill) -> None:
    sync(till_a)
    received = receive_delivery(
        "Bergkeramik", "LS-2026-0412", [("BER-003", 10), ("2000000000091", 4)], till_a.manager, till_a.till.uow()
    )
    assert (received.units, [line.sku for line in received.lines]) == (14, ["BER-003", "BER-001"])
    assert level(hub, "BER-003") == 0, "nothing reaches the hub before the till syncs"
    sync(till_a)
    assert sync_status(till_a.till.uow()).waiting == 0
    assert (level(hub, "BER-003"), level(hub, "BER-001")) == (10, 4)
    with hub.hub.store.engine.connect() as connection:
        moved = select(inbox.c.payload).where(inbox.c.type == "stock.moved")
        payloads = [json.loads(row) for row in connection.scalars(moved)]
    assert [(p["kind"], p["maker"], p["reference"]) for p in payloads] == [("receive", "Bergkeramik", "LS-2026-0412")]
    with till_a.till.uow() as uow:
        assert uow.hub.stock_level("BER-003") == 10, "the till pulled the event's new level"
    assert places(hub, "BER-003") == {"stall": 10}


def test_transfers_move_the_sellable_level_only_across_its_line(
    hub: HubEvent, till_a: EnrolledTill, hub_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(till_a)
    receive_delivery("Bergkeramik", "LS-1", [("BER-003", 10)], till_a.manager, till_a.till.uow())
    steps = [
        ("stall", "quality_hold", 3, 7),  # held items are not sellable
        ("quality_hold", "stall", 1, 8),  # one passed the check
        ("stall", "maker", 2, 6),  # returned unsold: out of the event
        ("stall", "till:B", 4, 6),  # still at the event, still sellable
    ]
    for source, target, quantity, expected in steps:
        transfer_stock(source, target, [("BER-003", quantity)], till_a.manager, till_a.till.uow())
        sync(till_a)
        assert level(hub, "BER-003") == expected, f"{source} -> {target}"
    assert places(hub, "BER-003") == {"stall": 2, "till:B": 4, "quality_hold": 2, "maker": 2}
    with hub.hub.store.engine.connect() as connection:
        moved = connection.scalar(select(func.count()).select_from(stock_locations))
    # The stall's units are derived (sellable less the other sellable places): only the other places get rows.
    assert moved == 4, "each transfer where it left or where it went, other than the stall"

    sell(till_a, "BER-003")
    sync(till_a)
    assert level(hub, "BER-003") == 5
    assert places(hub, "BER-003")["stall"] == 1, "a sale is taken off the stall"

    assert hub_main(["--db", hub_url, "stock", "locations", "--event", hub.event_id, "--sku", "BER-003"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["SKU", "sellable", "stall", "maker", "quality_hold", "till:B"]
    assert lines[1].split() == ["BER-003", "5", "1", "2", "2", "4"]


def test_an_item_returned_to_the_quality_hold_goes_back_on_sale_by_transfer(
    hub: HubEvent, till_a: EnrolledTill
) -> None:
    sync(till_a)
    receive_delivery("Bergkeramik", "LS-1", [("BER-003", 2)], till_a.manager, till_a.till.uow())
    sale = sell(till_a, "BER-003")
    held = (ReturnLineRequest(1, 1, "glaze to check", Disposition.QUALITY_HOLD),)
    record_return(
        RecordReturn(till_a.cashier, sale.sale_id, held, card_refund_references={0: "RF-1"}), till_a.till.uow()
    )
    sync(till_a)
    assert level(hub, "BER-003") == 1, "a held item is not sellable"
    assert places(hub, "BER-003") == {"stall": 1, "quality_hold": 1}

    transfer_stock("quality_hold", "stall", [("BER-003", 1)], till_a.manager, till_a.till.uow())
    sync(till_a)
    assert level(hub, "BER-003") == 2
    assert places(hub, "BER-003") == {"stall": 2}


def test_the_hub_command_names_an_unknown_event(
    hub: HubEvent, hub_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert hub_main(["--db", hub_url, "stock", "locations", "--event", "no-such-event"]) == 2
    assert "No event no-such-event on this hub" in capsys.readouterr().err
    assert hub_main(["--db", hub_url, "stock", "locations", "--event", hub.event_id]) == 0
    assert "No stock at this event yet" in capsys.readouterr().out


def test_older_stock_moved_payloads_still_apply(hub: HubEvent) -> None:
    sender = enroll(hub, "B")
    old = [
        a_stock_move(1, kind="receive", location="stall", deltas=[["ATE-001", 5]]),
        a_stock_move(2, kind="count_adjustment", location="stall", deltas=[["ATE-001", -2]]),
        # A transfer of the first shape books signed units at one place, as it always did.
        a_stock_move(3, kind="transfer", location="stall", deltas=[["ATE-001", -1]]),
        # A count at the quality hold: those units were never sellable.
        a_stock_move(4, kind="count_adjustment", location="quality_hold", deltas=[["ATE-001", 2]]),
        a_stock_move(5, kind="write_off", location="written_off", deltas=[["ATE-001", 1]]),
    ]
    assert [answer["status"] for answer in answers_of(sender.push(old))] == ["applied"] * len(old)
    assert level(hub, "ATE-001") == 2
    assert places(hub, "ATE-001") == {"stall": 2, "quality_hold": 2, "written_off": 1}


HOSTILE = [
    ({"location": "stall", "to_location": "stall"}, "a transfer moves stock between two places"),
    ({"location": "stall", "to_location": "backroom"}, "to_location"),
    ({"location": "backroom", "to_location": "stall"}, "'backroom' is not a place stock is kept"),
    ({"location": "maker", "to_location": "stall"}, "it has left the event"),
    ({"location": "stall", "to_location": "till:b"}, "to_location"),
    ({"location": "stall", "to_location": "maker", "deltas": [["ATE-001", 0]]}, "moves at least one unit"),
    ({"location": "stall", "to_location": "maker", "deltas": [["ATE-001", -2]]}, "a positive quantity"),
    (
        {"location": "stall", "to_location": "maker", "deltas": [["ATE-001", 1], ["ATE-001", 1]]},
        "a product appears twice",
    ),
    ({"location": "stall", "to_location": "maker", "maker": "Atelier Lumen"}, "only goods received name the maker"),
    ({"kind": "receive", "location": "stall", "to_location": "maker"}, "only a transfer names the location"),
    ({"kind": "count_adjustment", "location": "stall", "reference": "X"}, "only a delivery or a transfer"),
    ({"kind": "receive", "location": "stall", "maker": ""}, "maker"),
    ({"location": "stall", "to_location": "maker", "deltas": [["NOPE-1", 1]]}, "has no product NOPE-1"),
]


@pytest.mark.parametrize(("fields", "reason"), HOSTILE)
def test_hostile_stock_moves_are_refused_with_a_reason(hub: HubEvent, fields: dict[str, Any], reason: str) -> None:
    sender = enroll(hub, "B")
    sent = {"kind": "transfer", "deltas": [["ATE-001", 3]], **fields}
    good = a_stock_move(
        2, kind="receive", location="stall", deltas=[["ATE-002", 1]], maker="Atelier Lumen", reference="1"
    )
    answers = answers_of(sender.push([a_stock_move(1, **sent), good]))
    assert answers[0]["status"] == "rejected"
    assert reason in answers[0]["reason"]
    assert answers[1]["status"] == "applied", "one bad record never stops the others"
    assert (level(hub, "ATE-001"), level(hub, "ATE-002")) == (0, 1)
    with hub.hub.store.engine.connect() as connection:
        skus = set(connection.scalars(select(stock_locations.c.sku)))
    assert "ATE-001" not in skus, "a refused record is placed nowhere"
    assert places(hub, "ATE-002") == {"stall": 1}


def test_a_sale_of_what_went_to_the_quality_hold_is_flagged_below_zero(hub: HubEvent) -> None:
    sender = enroll(hub, "B")
    records = [
        a_stock_move(
            1, kind="receive", location="stall", deltas=[["ATE-001", 1]], maker="Atelier Lumen", reference="D1"
        ),
        a_stock_move(2, kind="transfer", location="stall", to_location="quality_hold", deltas=[["ATE-001", 1]]),
    ]
    assert [answer["status"] for answer in answers_of(sender.push(records))] == ["applied", "applied"]
    sale = {
        "event_id": "0190a0a0-0000-7000-8000-000000000003",
        "till_seq": 3,
        "type": "sale.completed",
        "schema_version": 1,
        "payload": a_sale(sender, "ATE-001"),
    }
    (answer,) = answers_of(sender.push([sale]))
    assert answer["status"] == "conflict" and "ATE-001" in answer["reason"]
    assert level(hub, "ATE-001") == -1
