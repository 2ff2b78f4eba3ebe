"""Sync throughput: pushing 50,000 outbox records to a local hub (goal >= 5,000/s and <= 2x a raw POST)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx

from app.bootstrap import open_till
from app.domain.staff import Role
from app.services.staff import AddStaff, add_staff
from app.services.syncing import enroll_till, push_outbox
from sync.client import HubClient
from sync.hub.store import HubStore
from sync.protocol import MAX_PUSH_BATCH, PushRecord
from sync.records import StockMoved, StockMoveKind
from tests.bench.catalog_gen import catalog_csv
from tests.bench.conftest import Served

RECORDS = 50_000
CATALOG = 100_000


async def trivial_endpoint(scope: dict[str, object], receive: object, send: object) -> None:
    """The baseline: read the body, answer {} (what HTTP and JSON cost without any hub work)."""
    body_done = False
    while not body_done:
        message = await receive()  # type: ignore[operator]
        body_done = not message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]


def test_push_50k_records_against_a_raw_post(bench_hub: tuple[HubStore, Served, str], tmp_path: Path) -> None:
    store, served, event_id = bench_hub
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
