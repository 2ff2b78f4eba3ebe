"""A drop through a venue hub that relays (docs/relay.md, docs/drops.md): the till behind the venue learns the
upstream's drop, its sale is taken by the venue (which holds no drop) and counted once by the upstream."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.services.drop_counts import drop_left
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.drops import DropTerms, drop_figures, save_drop
from sync.hub.store.relay_upstream import create_relay_code
from tests.sync.conftest import HubEvent, enrolled_till, free_port, hub_on, wait_until_up
from tests.sync.hub_processes import kill, popup_hub, serve_venue
from tests.sync.till_actions import sell, sync


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


def test_a_drop_sale_behind_a_venue_hub_is_counted_by_the_upstream(
    upstream: HubEvent, venue: tuple[str, HubStore], tmp_path: Path
) -> None:
    hub = upstream
    store = hub.hub.store
    terms = DropTerms("Mugs", ("BER-003",), "2026-01-01T14:00:00+01:00", 30, 5, 2, None)
    with store.engine.begin() as connection:
        drop_id = save_drop(connection, hub.event_id, terms).change.drop_id
        code = create_relay_code(connection, hub.event_id, "VENUE")
    venue_url, venue_store = venue
    enrolled = popup_hub("--db", venue_url, "relay", "enroll", "--upstream", hub.hub.url, code)
    assert enrolled.returncode == 0, enrolled.stderr
    port = free_port()
    process = serve_venue(venue_url, port, hub.hub.url, tmp_path / "venue.log")
    try:
        wait_until_up(port)
        till = enrolled_till(f"http://127.0.0.1:{port}", venue_store, hub.event_id, tmp_path / "till-a")
        deadline = time.monotonic() + 60
        while drop_left(["BER-003"], till.till.uow()) != {"BER-003": 5} and time.monotonic() < deadline:
            time.sleep(0.2)
            sync(till)
        assert drop_left(["BER-003"], till.till.uow()) == {"BER-003": 5}
        sell(till, "BER-003")
        sync(till)
        counted = 0
        while counted < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
            with store.engine.connect() as connection:
                [figures] = drop_figures(connection, hub.event_id)
            counted = figures.counter_sold
        assert counted == 1 and figures.drop_id == drop_id
        till.till.close()
    finally:
        kill(process)
