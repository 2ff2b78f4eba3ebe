"""A venue hub that relays (docs/relay.md): three tills sync through a venue hub process, killed at random
moments, whose upstream is down and then up; the upstream ends with every record once, under each till's
identity, and the tills with the upstream's new pickup order (a SQLite upstream: see ``sqlite_upstream``)."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.relay_upstream import create_relay_code
from sync.hub.store.schema import inbox, metadata
from tests.sync.conftest import EnrolledTill, HubEvent, ServedHub, enrolled_till, free_port, hub_on, wait_until_up
from tests.sync.hub_processes import kill, popup_hub, serve_venue
from tests.sync.pickups.pickup_desk import card
from tests.sync.till_actions import outbox_records, sell, sync

PICKUP_NUMBER = "M-2001"


def inbox_rows(store: HubStore) -> dict[str, tuple[str, int, str]]:
    """Each record id the hub holds: (till id, till sequence, status)."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(inbox.c.event_id, inbox.c.till_id, inbox.c.till_seq, inbox.c.status))
        return {row.event_id: (row.till_id, row.till_seq, row.status) for row in rows}


@pytest.fixture
def venue(tmp_path: Path) -> Iterator[tuple[str, HubStore]]:
    url = f"sqlite:///{tmp_path / 'venue.db'}"
    store = HubStore(open_hub_engine(url))
    yield url, store
    store.engine.dispose()


@pytest.fixture
def sqlite_upstream(tmp_path: Path) -> Iterator[HubEvent]:
    """The kill rounds run with a SQLite upstream only: what makes them exactly once is the upstream inbox's
    rule, the same on both databases, and tests/sync/test_relay_feed.py kills the relay at the very point
    on a PostgreSQL upstream too."""
    with hub_on(f"sqlite:///{tmp_path / 'upstream.db'}") as served:
        yield served


@pytest.mark.slow
def test_three_tills_through_a_killed_venue_hub_reach_the_upstream_once(
    sqlite_upstream: HubEvent, venue: tuple[str, HubStore], tmp_path: Path
) -> None:
    hub = sqlite_upstream
    upstream, upstream_store = hub.hub, hub.hub.store
    _key_id, key = upstream_store.create_signing_key()
    with upstream_store.engine.begin() as connection:
        code = create_relay_code(connection, hub.event_id, "VENUE")
    venue_url, venue_store = venue
    enrolled = popup_hub("--db", venue_url, "relay", "enroll", "--upstream", upstream.url, code)
    assert enrolled.returncode == 0, enrolled.stderr
    assert hub.event_id in enrolled.stdout

    upstream.stop()  # the hall's internet is down from here on
    port = free_port()
    process = serve_venue(venue_url, port, upstream.url, tmp_path / "venue.log")
    wait_until_up(port)
    venue_address = f"http://127.0.0.1:{port}"
    tills: list[EnrolledTill] = [
        enrolled_till(venue_address, venue_store, hub.event_id, tmp_path / f"till-{code}", code=code)
        for code in ("A", "B", "C")
    ]
    for till in tills:
        sync(till)  # the catalog the venue hub brought down at its enrollment
        sell(till, "ATE-001")
        sync(till)
    kill(process)  # killed while the upstream is away: the records wait in the venue inbox

    upstream = ServedHub(upstream_store, upstream.port)
    upstream.start()
    order = upstream_store.create_pickup(hub.event_id, PICKUP_NUMBER, "Mia Keller", [("ATE-002", 1)], key)
    chance = random.Random(17)
    try:
        for round_number in range(6):
            process = serve_venue(venue_url, port, upstream.url, tmp_path / "venue.log")
            wait_until_up(port)
            till = tills[round_number % len(tills)]
            sell(till, "BER-003")
            sync(till)
            # Killed at a random moment of the worker's forwarding or pulling.
            time.sleep(chance.uniform(0.0, 1.5))
            kill(process)
        process = serve_venue(venue_url, port, upstream.url, tmp_path / "venue.log")
        wait_until_up(port)
        for till in tills:
            sync(till)
        venue_records = inbox_rows(venue_store)
        deadline = time.monotonic() + 120
        while len(inbox_rows(upstream_store)) < len(venue_records) and time.monotonic() < deadline:
            time.sleep(0.2)
        upstream_records = inbox_rows(upstream_store)
        written = {record.event_id for till in tills for record in outbox_records(till)}
        assert set(venue_records) == written
        # Every record once, each under its till's id and sequence, none refused upstream.
        assert {record: (till_id, seq) for record, (till_id, seq, _status) in upstream_records.items()} == {
            record: (till_id, seq) for record, (till_id, seq, _status) in venue_records.items()
        }
        assert "rejected" not in {status for _till, _seq, status in upstream_records.values()}
        assert len({till_id for till_id, _seq, _status in upstream_records.values()}) == len(tills)

        deadline = time.monotonic() + 60
        shown = []
        for till in tills:
            while time.monotonic() < deadline:
                sync(till)
                try:
                    shown.append(card(till, order.code))
                    break
                except AssertionError:
                    time.sleep(0.2)
        assert [(each.number, each.customer_name) for each in shown] == [(PICKUP_NUMBER, "Mia Keller")] * len(tills)
    finally:
        kill(process)
        upstream.stop()


def test_the_relay_endpoint_is_only_for_relays_and_their_own_tills(hub: HubEvent) -> None:
    store = hub.hub.store
    till_token = store.enroll(store.create_enroll_code(hub.event_id, "T9")).token
    with store.engine.begin() as connection:
        relay_code = create_relay_code(connection, hub.event_id, "VENUE")
    relay_token = store.enroll(relay_code).token
    body: dict[str, object] = {"till_id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b", "till_code": "T9", "records": []}

    def relayed(token: str, payload: dict[str, object]) -> httpx.Response:
        return httpx.post(
            f"{hub.hub.url}/v1/relay/push", json=payload, headers={"Authorization": f"Bearer {token}"}, timeout=10
        )

    assert relayed("nope", body).status_code == 401
    as_till = relayed(till_token, body)
    assert as_till.status_code == 403
    assert "relay code" in as_till.json()["detail"]
    # T9 is a till enrolled upstream with another id: a relay cannot speak for it under a new one.
    clash = relayed(relay_token, body)
    assert clash.status_code == 403
    assert "already another till's" in clash.json()["detail"]
    taken = relayed(relay_token, {**body, "till_code": "V1"})
    assert taken.status_code == 200
    assert taken.json() == {"answers": [], "audit_head": None}


def test_the_migrated_relay_tables_match_the_schema_module(hub_url: str) -> None:
    engine = open_hub_engine(hub_url)

    def only_relay(obj: object, name: str | None, _type: str, _reflected: bool, _compare_to: object) -> bool:
        table = getattr(obj, "table", obj)
        return str(getattr(table, "name", name) or "").startswith("relay_")

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_relay})
        assert compare_metadata(context, metadata) == []
    engine.dispose()
