"""Sync throughput: pushing 50,000 outbox records to a local hub (goal >= 5,000/s and <= 2x a raw POST),
and pulling a 100,000-product catalog (goal < 10 s)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from app.bootstrap import open_till
from app.domain.staff import Role
from app.services.staff import AddStaff, add_staff
from app.services.syncing import enroll_till, pull_changes, push_outbox
from sync.client import HubClient
from sync.hub.api import create_app
from sync.hub.store import HubStore, open_hub_engine
from sync.protocol import MAX_PUSH_BATCH, EventInfo, PushRecord, TaxClassInfo
from sync.records import StockMoved, StockMoveKind
from tests.bench.catalog_gen import catalog_csv
from tests.sync.conftest import free_port

RECORDS = 50_000
CATALOG = 100_000


class Served:
    def __init__(self, app: object) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


async def trivial_endpoint(scope: dict[str, object], receive: object, send: object) -> None:
    """The baseline: read the body, answer {} (what HTTP and JSON cost without any hub work)."""
    body_done = False
    while not body_done:
        message = await receive()  # type: ignore[operator]
        body_done = not message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[tuple[HubStore, Served, str]]:
    store = HubStore(open_hub_engine(f"sqlite:///{tmp_path / 'hub.db'}"))
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Bench",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT", rate="0.081")],
        )
    )
    served = Served(create_app(store))
    yield store, served, event_id
    served.stop()


def test_push_50k_records_against_a_raw_post(hub: tuple[HubStore, Served, str], tmp_path: Path) -> None:
    store, served, event_id = hub
    # The hub applies only products the marketplace sells.
    store.import_catalog(catalog_csv(5000))
    till = open_till(tmp_path / "till")
    enroll_till(served.url, store.create_enroll_code(event_id, "A"), till.uow())
    add_staff(AddStaff("Alex", Role.MANAGER, "1234"), till.uow())
    with till.uow() as uow:
        info = uow.tills.this_till()
        for number in range(RECORDS):
            uow.outbox.append(
                info.till_id,
                StockMoved(
                    kind=StockMoveKind.RECEIVE,
                    location="stall",
                    at="2026-12-05T10:00:00.000+00:00",
                    deltas=[(f"GEN-{number % 5000 + 1:06d}", 1)],
                ),
            )
        uow.commit()
        records = [
            PushRecord(
                event_id=r.record_id, till_seq=r.seq, type=r.type, schema_version=1, payload=json.loads(r.payload)
            )
            for r in uow.outbox.records()
        ]
    bodies = [
        json.dumps({"records": [r.model_dump() for r in records[start : start + MAX_PUSH_BATCH]]}).encode()
        for start in range(0, len(records), MAX_PUSH_BATCH)
    ]
    with till.uow() as uow:
        link = uow.hub.link()
    assert link is not None

    started = time.perf_counter()
    with HubClient(link.url, link.token) as client:
        report = push_outbox(till.uow, client)
    ours = time.perf_counter() - started
    assert report.sent == RECORDS and report.applied == RECORDS and store.inbox_count() == RECORDS

    raw = Served(trivial_endpoint)
    try:
        started = time.perf_counter()
        with httpx.Client(base_url=raw.url) as plain:
            for body in bodies:
                plain.post("/", content=body, headers={"content-type": "application/json"})
        baseline = time.perf_counter() - started
    finally:
        raw.stop()
    till.close()
    rate, raw_rate = RECORDS / ours, RECORDS / baseline
    print(
        f"[bench] push {RECORDS:,} records, batches of {MAX_PUSH_BATCH}: {rate:,.0f}/s ({ours:.1f} s; goal >= 5,000/s)"
    )
    print(f"[bench] raw POST of the same bytes to a trivial endpoint: {raw_rate:,.0f}/s ({baseline:.1f} s)")
    print(f"[bench] push / raw POST time ratio: {ours / baseline:.2f}x (goal <= 2x)")


def test_pull_a_100k_catalog(hub: tuple[HubStore, Served, str], tmp_path: Path) -> None:
    store, served, event_id = hub
    started = time.perf_counter()
    store.import_catalog(catalog_csv(CATALOG))
    print(f"\n[setup] hub catalog of {CATALOG:,} products imported in {time.perf_counter() - started:.1f} s")
    till = open_till(tmp_path / "till")
    enroll_till(served.url, store.create_enroll_code(event_id, "A"), till.uow())
    with till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    started = time.perf_counter()
    with HubClient(link.url, link.token) as client:
        pulled = pull_changes(till.uow, client)
    elapsed = time.perf_counter() - started
    with till.uow() as uow:
        assert uow.catalog.product_count() == CATALOG
    till.close()
    print(f"[bench] pull a {CATALOG:,}-product catalog ({pulled:,} changes): {elapsed:.1f} s (goal < 10 s)")
