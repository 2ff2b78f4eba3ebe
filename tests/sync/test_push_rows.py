"""The rows a push writes, over real HTTP, on SQLite and on PostgreSQL (the ``hub`` fixture).

A batch feeds one ``stock_level`` per SKU (the level at its end: a reader never sees a
transaction half done) and one ``stock_move`` per stock.moved record; the hub's
consignment figures see every move; the stall's own units are derived, so a move
at the stall writes no ``stock_locations`` row while the listing still shows them
(docs/push_throughput.md).
"""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select

from sync.hub.store.consignment import placed_units
from sync.hub.store.schema import stock_locations
from sync.hub.store.stock_locations import by_location
from tests.sync.conftest import HubEvent
from tests.sync.hostile_records import Sender, a_stock_move, answers_of, enroll

SKU = "ATE-001"


def _feed(sender: Sender) -> list[dict[str, Any]]:
    """Every entry the sender's feed holds, page by page as a till pulls it."""
    entries: list[dict[str, Any]] = []
    cursor = ""
    while True:
        page = httpx.get(
            f"{sender.url}/v1/changes", params={"cursor": cursor, "limit": 50}, headers=sender.headers, timeout=30
        )
        assert page.status_code == 200, page.text
        body = page.json()
        entries += body["changes"]
        cursor = body["next_cursor"]
        if not body["more"]:
            return entries


def test_a_batch_moving_one_sku_several_times_feeds_its_last_level_once(hub: HubEvent) -> None:
    sender = enroll(hub, "B")
    before = [entry for entry in _feed(sender) if entry["kind"] == "stock_level" and entry["key"] == SKU]
    batch = [
        a_stock_move(1, kind="receive", location="stall", deltas=[[SKU, 5]]),
        a_stock_move(2, kind="count_adjustment", location="stall", deltas=[[SKU, -2]]),
        a_stock_move(3, kind="receive", location="stall", deltas=[[SKU, 4], ["ATE-002", 1]]),
    ]
    assert [answer["status"] for answer in answers_of(sender.push(batch))] == ["applied"] * 3
    feed = _feed(sender)
    levels = [entry for entry in feed if entry["kind"] == "stock_level" and entry["key"] == SKU]
    assert len(levels) == len(before) + 1, "one level per SKU for the batch, not one per record"
    assert levels[-1]["data"] == {"level": 7, "on_hand": 7, "reserved": 0}
    moves = [entry for entry in feed if entry["kind"] == "stock_move"]
    assert [entry["key"] for entry in moves] == [record["event_id"] for record in batch], "every move, in till order"
    assert [entry["data"]["deltas"] for entry in moves] == [record["payload"]["deltas"] for record in batch]

    # The next batch feeds the level at its own end, after the first's.
    later = answers_of(sender.push([a_stock_move(4, kind="write_off", location="stall", deltas=[[SKU, -1]])]))
    assert later[0]["status"] == "applied"
    levels = [entry for entry in _feed(sender) if entry["kind"] == "stock_level" and entry["key"] == SKU]
    assert levels[-1]["data"]["level"] == 6
    assert hub.hub.store.stock_level(hub.event_id, SKU) == 6


def test_the_consignment_figures_see_every_move_of_a_batch(hub: HubEvent) -> None:
    sender = enroll(hub, "B")
    batch = [
        a_stock_move(1, kind="receive", location="stall", deltas=[[SKU, 5]], maker="Atelier Lumen", reference="LS-1"),
        a_stock_move(2, kind="receive", location="stall", deltas=[[SKU, 3]], maker="Atelier Lumen", reference="LS-2"),
        a_stock_move(
            3, kind="transfer", location="stall", to_location="quality_hold", deltas=[[SKU, 2]], reason="chip"
        ),
        a_stock_move(4, kind="transfer", location="stall", to_location="maker", deltas=[[SKU, 1]]),
    ]
    assert [answer["status"] for answer in answers_of(sender.push(batch))] == ["applied"] * 4
    with hub.hub.store.engine.connect() as connection:
        placed = {sku: units for (_maker, sku), units in placed_units(connection, hub.event_id).items()}
    assert placed[SKU].delivered == 8
    assert placed[SKU].held == 2
    assert placed[SKU].handed_back == 1
    assert hub.hub.store.stock_level(hub.event_id, SKU) == 5


def test_the_stall_keeps_no_rows_yet_every_place_is_listed(hub: HubEvent) -> None:
    sender = enroll(hub, "B")
    batch = [
        a_stock_move(1, kind="receive", location="stall", deltas=[[SKU, 5]]),
        a_stock_move(2, kind="transfer", location="stall", to_location="till:B", deltas=[[SKU, 2]]),
        a_stock_move(3, kind="transfer", location="stall", to_location="quality_hold", deltas=[[SKU, 1]]),
        a_stock_move(4, kind="transfer", location="till:B", to_location="stall", deltas=[[SKU, 1]]),
    ]
    assert [answer["status"] for answer in answers_of(sender.push(batch))] == ["applied"] * 4
    with hub.hub.store.engine.connect() as connection:
        rows = sorted(connection.execute(select(stock_locations.c.location, stock_locations.c.quantity)).all())
        (located,) = by_location(connection, hub.event_id, [SKU])
    assert rows == [("quality_hold", 1), ("till:B", -1), ("till:B", 2)], "no row at the stall"
    assert located.sellable == 4
    assert located.places == {"stall": 3, "till:B": 1, "quality_hold": 1}
