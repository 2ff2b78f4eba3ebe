"""A venue hub takes in the upstream's feed (sync/hub/store/relay_feed.py): its desks hand over the marketplace's
pickup orders, refuse cancelled ones, sell from the upstream's stock, and a broken upstream entry is left out;
and a venue hub killed between the upstream's commit and its own mark sends nothing twice.

The upstream is a real hub over HTTP (SQLite and PostgreSQL); the venue hub is a second one over HTTP on
SQLite, enrolled upstream with a relay code; its relay steps (pull a page, forward a batch) run one at a time
here, so each test says what the venue knew when.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.domain.pickups import PickupState
from app.services.authorization import ManagerApproval
from app.services.availability import stock_left
from app.services.handoffs import hand_over, hand_over_unpulled
from app.services.pickups import open_pickup
from sync.hub import relay
from sync.hub.relay import enroll_upstream, forward_batch, pull_page, upstream_client
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.availability import StockFigures, stock_figures
from sync.hub.store.feed import publish
from sync.hub.store.relay_feed import HANDED_OVER_UNSEEN
from sync.hub.store.relay_link import link, waiting
from sync.hub.store.relay_upstream import create_relay_code
from sync.hub.store.schema import inbox, products
from tests.sync.conftest import EnrolledTill, HubEvent, ServedHub, enrolled_till, free_port
from tests.sync.pickups.pickup_desk import card, clerk, refusal, signing_key
from tests.sync.till_actions import outbox_records, sell, sync

MUG = "BER-003"


@dataclass
class Venue:
    upstream_hub: HubEvent
    store: HubStore
    desk: EnrolledTill

    def upstream(self) -> httpx.Client:
        """A client to the upstream with the relay's token, as the worker holds one."""
        with self.store.engine.connect() as connection:
            token = link(connection).token  # type: ignore[union-attr]
        return upstream_client(self.upstream_hub.hub.url, token)

    def pull(self) -> None:
        """The relay pulls the upstream feed to its end."""
        with self.upstream() as http:
            while pull_page(self.store.engine, http):
                pass

    def forward(self) -> None:
        """The relay forwards every record the upstream has not acknowledged."""
        with self.upstream() as http:
            while forward_batch(self.store.engine, http):
                pass

    def figures(self, sku: str) -> StockFigures:
        with self.store.engine.connect() as connection:
            return stock_figures(connection, self.upstream_hub.event_id, [sku])[sku]

    def conflicts(self) -> list[str]:
        return [each["kind"] for each in self.store.conflicts()]


@pytest.fixture
def venue(hub: HubEvent, tmp_path: Path) -> Iterator[Venue]:
    hub.hub.store.set_stock(hub.event_id, MUG, 10)
    with hub.hub.store.engine.begin() as connection:
        code = create_relay_code(connection, hub.event_id, "VENUE")
    store = HubStore(open_hub_engine(f"sqlite:///{tmp_path / 'venue.db'}"))
    enroll_upstream(store.engine, hub.hub.url, code)
    served = ServedHub(store, free_port())
    served.start()
    desk = enrolled_till(served.url, store, hub.event_id, tmp_path / "desk", code="P")
    try:
        yield Venue(hub, store, desk)
    finally:
        desk.till.close()
        served.stop()
        store.engine.dispose()


def test_a_venue_desk_hands_over_an_upstream_order_and_the_upstream_records_it(hub: HubEvent, venue: Venue) -> None:
    key = signing_key(hub.hub.store)
    order = hub.hub.store.create_pickup(hub.event_id, "M-3001", "Mia Keller", [(MUG, 2)], key)
    venue.pull()
    assert venue.figures(MUG) == StockFigures(on_hand=10, reserved=2), "the order holds its mugs at the venue too"
    sync(venue.desk)
    shown = card(venue.desk, order.code)
    hand_over(order.order_id, {shown.lines[0].key: 2}, clerk(venue.desk), venue.desk.till.uow())
    sync(venue.desk)
    [record] = [r for r in outbox_records(venue.desk) if r.type == "pickup.handed_off"]
    assert venue.conflicts() == []
    assert venue.figures(MUG) == StockFigures(on_hand=8, reserved=0), "the handoff took what the order held"

    venue.forward()
    [upstream_order] = hub.hub.store.pickup_orders(hub.event_id)
    assert upstream_order["lines"][0]["handed_over"] == 2
    assert hub.hub.store.conflicts() == []
    assert hub.hub.store.stock_level(hub.event_id, MUG) == 8
    venue.pull()  # the upstream's level after the handoff: the venue's stays the same
    assert venue.figures(MUG) == StockFigures(on_hand=8, reserved=0)
    [upstream_record] = [row for row in inbox_of(hub.hub.store) if row.type == "pickup.handed_off"]
    assert (upstream_record.event_id, upstream_record.status) == (record.event_id, "applied")


def test_an_order_cancelled_upstream_is_refused_at_the_venue_desk(hub: HubEvent, venue: Venue) -> None:
    key = signing_key(hub.hub.store)
    order = hub.hub.store.create_pickup(hub.event_id, "M-3002", "Ivy", [(MUG, 1)], key)
    venue.pull()
    sync(venue.desk)
    assert card(venue.desk, order.code).state is PickupState.WAITING
    hub.hub.store.cancel_pickup(hub.event_id, "M-3002")
    venue.pull()
    assert venue.figures(MUG) == StockFigures(on_hand=10, reserved=0), "the cancellation gave the mug back"
    sync(venue.desk)
    assert refusal(venue.desk, order.code).reason == "cancelled"


def test_an_order_the_venue_has_not_pulled_is_sent_on_and_recorded_once_it_comes_down(
    hub: HubEvent, venue: Venue
) -> None:
    key = signing_key(hub.hub.store)
    venue.pull()
    sync(venue.desk)  # the desk has the key, not the order: the upstream made it after the venue's last pull
    order = hub.hub.store.create_pickup(hub.event_id, "M-3003", "Hal", [(MUG, 1)], key)
    approval = ManagerApproval("Alex", "1234")
    hand_over_unpulled(order.order_id, clerk(venue.desk), venue.desk.till.uow(), approval)
    sync(venue.desk)
    [answer] = [(row.status, row.reason) for row in inbox_of(venue.store) if row.type == "pickup.handed_off"]
    assert answer == ("applied", HANDED_OVER_UNSEEN), "applied at the venue, judged upstream"

    venue.forward()
    assert hub.hub.store.pickup_orders(hub.event_id)[0]["lines"][0]["handed_over"] == 1
    venue.pull()
    assert venue.figures(MUG) == StockFigures(on_hand=9, reserved=0), "the handed-over mug is not held again"
    [copied] = venue.store.pickup_orders(hub.event_id)
    assert copied["lines"][0]["handed_over"] == 1, "the venue recorded the handoff once the order came down"
    sync(venue.desk)
    assert open_pickup(order.order_id, venue.desk.till.uow()).state is PickupState.COLLECTED


def inbox_of(store: HubStore) -> list[Any]:
    with store.engine.connect() as connection:
        return list(connection.execute(select(inbox)))


def test_a_venue_sells_from_the_upstream_stock_without_false_oversells(hub: HubEvent, venue: Venue) -> None:
    sync(venue.desk)
    assert stock_left([MUG], venue.desk.till.uow())[MUG] == 10
    sell(venue.desk, MUG)
    sync(venue.desk)
    assert venue.conflicts() == [], "the venue knows the upstream's ten mugs: one sold is no oversell"
    assert venue.figures(MUG).available == 9
    venue.pull()  # nothing forwarded yet: the sale stays counted at the venue
    assert venue.figures(MUG).available == 9
    venue.forward()
    venue.pull()
    assert venue.figures(MUG).available == 9
    assert hub.hub.store.stock_level(hub.event_id, MUG) == 9
    sync(venue.desk)
    assert stock_left([MUG], venue.desk.till.uow())[MUG] == 9


def test_a_broken_upstream_entry_is_left_out_and_the_rest_taken(hub: HubEvent, venue: Venue) -> None:
    with hub.hub.store.engine.begin() as connection:
        publish(connection, hub.event_id, "product", "BAD-1", {"sku": "BAD-1", "price": "free"})
    hub.hub.store.set_stock(hub.event_id, MUG, 12)
    venue.pull()
    assert venue.figures(MUG).on_hand == 12, "the entry after the broken one was taken"
    with venue.store.engine.connect() as connection:
        assert link(connection).feed_cursor != ""  # type: ignore[union-attr]
    with venue.store.engine.connect() as connection:
        assert connection.scalar(select(products.c.sku).where(products.c.sku == "BAD-1")) is None


class Killed(Exception):
    """The venue hub process dying at this very point."""


def test_killed_between_the_upstreams_commit_and_the_venues_mark_each_record_arrives_once(
    hub: HubEvent, venue: Venue, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync(venue.desk)
    sell(venue.desk, MUG)
    sell(venue.desk, MUG)
    sync(venue.desk)

    def killed(*_args: object) -> None:
        raise Killed

    with monkeypatch.context() as kill_point:
        kill_point.setattr(relay, "acknowledge", killed)  # the upstream has committed; the mark never moves
        with pytest.raises(Killed):
            venue.forward()
    sent_once = {row.event_id: row.status for row in inbox_of(hub.hub.store)}
    assert len(sent_once) == len(outbox_records(venue.desk))
    venue.forward()  # after the restart: the same records again
    assert {row.event_id: row.status for row in inbox_of(hub.hub.store)} == sent_once, "answered as duplicates"
    assert hub.hub.store.stock_level(hub.event_id, MUG) == 8, "two mugs sold, counted once"
    with venue.store.engine.connect() as connection:
        assert waiting(connection) == 0
