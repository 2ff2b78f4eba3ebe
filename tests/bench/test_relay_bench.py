"""The time from a till's push to the upstream hub through a venue hub that relays (docs/relay.md).

An upstream hub and a venue hub, both SQLite and served over HTTP on 127.0.0.1, the venue hub running the relay
worker of ``popup-hub serve --upstream`` (sync/hub/relay.py, woken by each push as served); a till enrolled on
the venue hub sells once and syncs, and the clock runs from the start of its sync until the sale is in the
upstream's inbox. The median of the rounds is printed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.services.demo import DEMO_CATALOG
from sync.hub.relay import RelayWorker, enroll_upstream
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.relay_upstream import create_relay_code
from sync.hub.store.schema import inbox
from sync.protocol import EventInfo, TaxClassInfo
from tests.bench.conftest import report
from tests.sync.conftest import EnrolledTill, ServedHub, enrolled_till, free_port
from tests.sync.till_actions import sell, sync

ROUNDS = 7


def _served(url: str) -> ServedHub:
    hub = ServedHub(HubStore(open_hub_engine(url)), free_port())
    hub.start()
    return hub


@pytest.fixture
def relayed_till(tmp_path: Path) -> Iterator[tuple[EnrolledTill, HubStore]]:
    upstream = _served(f"sqlite:///{tmp_path / 'upstream.db'}")
    event_id = upstream.store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Bench",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[
                TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081"),
                TaxClassInfo(code="reduced", name="VAT 2.6%", rate="0.026"),
            ],
        )
    )
    upstream.store.import_catalog(DEMO_CATALOG.read_bytes())
    with upstream.store.engine.begin() as connection:
        code = create_relay_code(connection, event_id, "VENUE")
    venue_store = HubStore(open_hub_engine(f"sqlite:///{tmp_path / 'venue.db'}"))
    enroll_upstream(venue_store.engine, upstream.url, code)
    worker = RelayWorker(venue_store.engine, upstream.url).start()
    venue = ServedHub(venue_store, free_port(), after_push=worker.wake)  # as popup-hub serve --upstream wires it
    venue.start()
    till = enrolled_till(venue.url, venue.store, event_id, tmp_path / "till")
    sync(till)
    yield till, upstream.store
    worker.stop()
    venue.stop()
    upstream.stop()


def _arrived(store: HubStore, record_id: str) -> bool:
    with store.engine.connect() as connection:
        return connection.execute(select(inbox.c.event_id).where(inbox.c.event_id == record_id)).first() is not None


def test_from_a_tills_push_to_the_upstream_through_a_relay(relayed_till: tuple[EnrolledTill, HubStore]) -> None:
    till, upstream = relayed_till
    samples = []
    for _ in range(ROUNDS):
        sale = sell(till, "ATE-001")
        with till.till.uow() as uow:
            record_id = next(r.record_id for r in uow.outbox.records() if r.payload.find(sale.sale_id) >= 0)
        started = time.perf_counter()
        sync(till)
        deadline = time.monotonic() + 30
        while not _arrived(upstream, record_id):
            assert time.monotonic() < deadline, "the sale did not reach the upstream hub"
            time.sleep(0.005)
        samples.append(time.perf_counter() - started)
    report("till push -> upstream inbox through a relay (woken by the push)", samples)
