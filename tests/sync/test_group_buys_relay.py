"""Group buys through a venue hub that relays (docs/relay.md, docs/group_buys.md).

A manager opens a group buy on a till behind the venue hub; the venue keeps no
group buys and forwards the change; the upstream keeps it and feeds it back
through the venue to every till. A commitment taken on the other venue till
reaches the upstream once, is counted there once, and both venue tills show
that count, not their own on top of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.tenders import Tender, TenderKind
from app.services.group_buy_admin import GroupBuyInput, set_group_buy
from app.services.group_buys import group_buy_board
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.relay_upstream import create_relay_code
from sync.hub.store.schema import group_buy_commitments, group_buys, inbox
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till, free_port, hub_on, wait_until_up
from tests.sync.group_buy_actions import SKU, commit, line_of
from tests.sync.hub_processes import kill, popup_hub, serve_venue
from tests.sync.till_actions import sync


@pytest.fixture
def upstream(tmp_path: Path) -> Iterator[HubEvent]:
    with hub_on(f"sqlite:///{tmp_path / 'upstream.db'}") as served:
        yield served


@pytest.fixture
def venue(tmp_path: Path) -> Iterator[tuple[str, HubStore]]:
    url = f"sqlite:///{tmp_path / 'venue.db'}"
    store = HubStore(open_hub_engine(url))
    yield url, store
    store.engine.dispose()


def synced_until(tills: list[EnrolledTill], done: Callable[[], bool], seconds: float = 60) -> None:
    """Sync the tills until ``done``: the venue forwards and pulls upstream on its own schedule."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.2)
        for till in tills:
            sync(till)
    assert done()


def test_a_commitment_behind_a_venue_hub_is_counted_once_upstream_and_seen_by_the_venue_tills(
    upstream: HubEvent, venue: tuple[str, HubStore], tmp_path: Path
) -> None:
    store = upstream.hub.store
    with store.engine.begin() as connection:
        code = create_relay_code(connection, upstream.event_id, "VENUE")
    venue_url, venue_store = venue
    enrolled = popup_hub("--db", venue_url, "relay", "enroll", "--upstream", upstream.hub.url, code)
    assert enrolled.returncode == 0, enrolled.stderr
    port = free_port()
    process = serve_venue(venue_url, port, upstream.hub.url, tmp_path / "venue.log")
    try:
        wait_until_up(port)
        url = f"http://127.0.0.1:{port}"
        a = enrolled_till(url, venue_store, upstream.event_id, tmp_path / "till-a", code="A")
        b = enrolled_till(url, venue_store, upstream.event_id, tmp_path / "till-b", code="B")

        synced_until([a, b], lambda: _has(a) and _has(b))
        deadline = (datetime.now(UTC) + timedelta(hours=2)).replace(microsecond=0).isoformat()
        opened = set_group_buy(GroupBuyInput("Teapot run", SKU, 5, deadline, "20.00"), a.manager, a.till.uow())

        def upstream_has_it() -> bool:
            with store.engine.connect() as connection:
                return (
                    connection.scalar(select(group_buys.c.state).where(group_buys.c.id == opened.group_buy_id))
                    == "open"
                )

        synced_until([a, b], lambda: upstream_has_it() and _line(b, opened.group_buy_id).startswith("0 of 5"))
        with venue_store.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(group_buys)) == 0, "the venue keeps none"

        commit(b, opened.group_buy_id, 2, "ada@example.ch", Tender(TenderKind.CASH, 4000))
        assert line_of(b, opened.group_buy_id).startswith("2 of 5")  # its own, before any sync
        synced_until([a, b], lambda: line_of(a, opened.group_buy_id).startswith("2 of 5"))
        # B's own commitment, once the upstream's count came back, is not counted again on B.
        synced_until([b], lambda: _counted_back(b))
        assert line_of(b, opened.group_buy_id).startswith("2 of 5")
        for _round in range(3):
            sync(a)
            sync(b)
        with store.engine.connect() as connection:
            rows = connection.execute(select(group_buy_commitments.c.quantity)).scalars().all()
            pushed = connection.scalar(
                select(func.count()).select_from(inbox).where(inbox.c.type == "group_buy.committed")
            )
        assert (rows, pushed) == ([2], 1), "reached the upstream once, counted once"
        a.till.close()
        b.till.close()
    finally:
        kill(process)


def _has(till: EnrolledTill) -> bool:
    with till.till.uow().for_reading() as uow:
        return uow.catalog.by_code(SKU) is not None


def _line(till: EnrolledTill, group_buy_id: str) -> str:
    try:
        return line_of(till, group_buy_id)
    except StopIteration:
        return ""


def _counted_back(till: EnrolledTill) -> bool:
    board = group_buy_board(till.till.uow())
    return all(view.progress.committed == view.group_buy.committed for view in board.group_buys)
