"""Webhook deliveries per second from the hub's outbox to a local receiver, and what webhooks cost a push.

Each round makes a fresh SQLite hub with DELIVERIES waiting deliveries (written
by the outbox's own enqueue, as a push writes them) and times one WebhookSender
(sync/hub/webhooks.py) until the last is delivered: claim, sign, POST over HTTP
to a receiver on 127.0.0.1 that answers 204, log the attempt. The median of the
rounds is printed. Beside it, the one thing a push does for webhooks when
nobody subscribed (the event's subscriptions, an indexed SELECT) against a
500-record push, to show it does not slow the push measurably.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import webhook_outbox
from sync.hub.store.webhook_outbox import enqueue, enqueue_push, subscribe
from sync.hub.webhooks import WebhookSender
from sync.protocol import MAX_PUSH_BATCH, EventInfo, PushRecord, TaxClassInfo
from sync.records import RecordType
from tests.bench import test_event_report_bench as report_bench
from tests.bench.catalog_gen import catalog_csv
from tests.bench.conftest import measure, report

DELIVERIES = 2_000
ROUNDS = 3
PUSHES = 6
SALE = {
    "sale_id": "0193a000-0000-7000-8000-000000000001",
    "receipt_no": "A-000001",
    "till": "A",
    "created_at": "2026-12-05T10:00:00.000+00:00",
    "currency": "CHF",
    "total": 6400,
    "tax_total": 480,
    "lines": [{"sku": "BER-003", "quantity": 2, "total": 6400}],
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


def serve_receiver(ports: multiprocessing.Queue[int]) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ports.put(int(server.server_address[1]))
    server.serve_forever()


@pytest.fixture
def receiver_url() -> Iterator[str]:
    """A receiver in a process of its own, as a marketplace's is: it does not share the sender's interpreter."""
    context = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue[int] = context.Queue()
    process = context.Process(target=serve_receiver, args=(ports,), daemon=True)
    process.start()
    yield f"http://127.0.0.1:{ports.get(timeout=60)}/hooks"
    process.terminate()
    process.join(timeout=10)


def new_hub(folder: Path) -> tuple[HubStore, str]:
    store = HubStore(open_hub_engine(f"sqlite:///{folder / 'hub.db'}"))
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
    return store, event_id


def delivered(store: HubStore) -> int:
    with store.engine.connect() as connection:
        return int(
            connection.scalar(
                select(func.count()).select_from(webhook_outbox).where(webhook_outbox.c.state == "delivered")
            )
            or 0
        )


def test_webhook_deliveries_per_second(tmp_path: Path, receiver_url: str) -> None:
    rates = []
    for number in range(ROUNDS):
        here = tmp_path / f"round-{number}"
        here.mkdir()
        store, event_id = new_hub(here)
        with store.engine.begin() as connection:
            subscribe(connection, event_id, receiver_url, ["sale.completed"])
            enqueue(connection, event_id, [("sale.completed", SALE)] * DELIVERIES)
        sender = WebhookSender(store.engine, poll_seconds=0.01, name="bench")
        started = time.perf_counter()
        sender.start()
        deadline = started + 300
        while delivered(store) < DELIVERIES:
            assert time.perf_counter() < deadline, "the deliveries did not all arrive"
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        sender.stop()
        store.engine.dispose()
        rates.append(DELIVERIES / elapsed)
    print(
        f"\n[bench] webhook deliveries to a local receiver (SQLite hub, one sender): median "
        f"{statistics.median(rates):,.0f}/s [{min(rates):,.0f}-{max(rates):,.0f}], {DELIVERIES:,} per round, "
        f"{ROUNDS} rounds"
    )


def push_batches(folder: Path, subscribed: bool) -> list[float]:
    """Seconds per 500-sale push into a fresh SQLite hub, with or without a subscription to its sales."""
    folder.mkdir()
    store, event_id = new_hub(folder)
    store.import_catalog(catalog_csv(report_bench.PRODUCTS))
    till = store.authenticate(store.enroll(store.create_enroll_code(event_id, "A")).token)
    assert till is not None
    if subscribed:
        with store.engine.begin() as connection:
            subscribe(connection, event_id, "http://127.0.0.1:9/hooks", ["sale.completed"])
    rng = random.Random(7)
    samples = []
    for batch in range(PUSHES):
        records = [
            PushRecord(
                event_id=str(uuid.uuid4()),
                till_seq=number,
                type=RecordType.SALE_COMPLETED,
                schema_version=1,
                payload=report_bench.sale_payload("A", number, rng) | {"till_id": till.till_id, "event_id": event_id},
            )
            for number in range(batch * MAX_PUSH_BATCH + 1, (batch + 1) * MAX_PUSH_BATCH + 1)
        ]
        started = time.perf_counter()
        store.push(till, records)
        samples.append(time.perf_counter() - started)
    store.engine.dispose()
    return samples


def test_what_webhooks_cost_a_push(tmp_path: Path) -> None:
    """A 500-sale push with nobody subscribed (one indexed SELECT more than before webhooks) and with a
    subscription (500 delivery rows in the push's transaction), rounds interleaved."""
    alone: list[float] = []
    with_rows: list[float] = []
    for number in range(ROUNDS):
        alone += push_batches(tmp_path / f"alone-{number}", subscribed=False)
        with_rows += push_batches(tmp_path / f"subscribed-{number}", subscribed=True)
    report("500-sale push, no webhook subscription", alone)
    report("500-sale push, its sales subscribed (500 deliveries)", with_rows)
    till = AuthenticatedTill(till_id="bench", event_id="none", code="A")
    store, _event_id = new_hub(tmp_path)
    with store.engine.connect() as connection:
        lookup = measure(lambda: enqueue_push(connection, till, [], [], {}, list), rounds=2_000)
    store.engine.dispose()
    report("the subscriber lookup alone (all a push pays with none)", lookup)
