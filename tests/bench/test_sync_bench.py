"""Sync throughput: pushing 50,000 outbox records till -> hub, against a floor that does the hub's work by hand.

The floor is what any hub must do with a batch, written as plainly as it can
be on the same uvicorn: parse the JSON body, hash each payload over its
canonical dump, look the ids up with one SELECT ... IN, insert the records
with one executemany into a uniquely keyed SQLite table (WAL,
synchronous=FULL, as the hub), and answer each record. The product does that
and the rest (authentication, contracts, the border check, stock, the feed,
the till's own outbox): the aim is <= 2x the floor. A trivial endpoint that
answers {} is printed on the side, as the cost of HTTP alone.

Both servers run in their own process (the floor is tests/bench/push_floor.py),
as an event runs its hub: the till that pushes shares no interpreter lock with
either, and each side's time is the till's and the server's work as they overlap.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from app.bootstrap import open_till
from app.services.syncing import enroll_till, push_outbox
from sync.client import HubClient
from sync.protocol import MAX_PUSH_BATCH
from sync.records import StockMoved, StockMoveKind
from tests.bench.catalog_gen import catalog_csv
from tests.bench.conftest import Served, ServerProcess, compare, hub_with_event

RECORDS = 50_000
ROUNDS = 3
PRODUCTS = 5000


def _fill_outbox(till_dir: Path, url: str, enroll_code: str) -> None:
    till = open_till(till_dir)
    try:
        enroll_till(url, enroll_code, till.uow())
        with till.uow() as uow:
            till_id = uow.tills.this_till().till_id
            for number in range(RECORDS):
                uow.outbox.append(
                    till_id,
                    StockMoved(
                        kind=StockMoveKind.RECEIVE,
                        location="stall",
                        at="2026-12-05T10:00:00.000+00:00",
                        deltas=[(f"GEN-{number % PRODUCTS + 1:06d}", 1)],
                    ),
                )
            uow.commit()
    finally:
        till.close()


def _bodies(till_dir: Path) -> list[bytes]:
    """The batches a till sends, for the floor: the same records, in the same JSON."""
    till = open_till(till_dir)
    try:
        with till.uow().for_reading() as uow:
            records = [
                {
                    "event_id": r.record_id,
                    "till_seq": r.seq,
                    "type": r.type,
                    "schema_version": r.schema_version,
                    "payload": json.loads(r.payload),
                }
                for r in uow.outbox.records()
            ]
    finally:
        till.close()
    return [
        json.dumps({"records": records[start : start + MAX_PUSH_BATCH]}, separators=(",", ":")).encode()
        for start in range(0, len(records), MAX_PUSH_BATCH)
    ]


class ProductRounds:
    """Each round a fresh hub (an event, 5,000 products) and a fresh till with 50,000 waiting records."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rounds = 0
        self.bodies: list[bytes] = []

    def __call__(self) -> float:
        self.rounds += 1
        here = self.folder / f"product-{self.rounds}"
        here.mkdir()
        store, event_id = hub_with_event(here / "hub.db")
        # The hub applies only products the marketplace sells.
        store.import_catalog(catalog_csv(PRODUCTS))
        served = ServerProcess.hub(f"sqlite:///{here / 'hub.db'}")
        try:
            _fill_outbox(here / "till", served.url, store.create_enroll_code(event_id, "A"))
            if not self.bodies:
                self.bodies = _bodies(here / "till")
            till = open_till(here / "till")
            try:
                with till.uow().for_reading() as uow:
                    link = uow.hub.link()
                assert link is not None
                started = time.perf_counter()
                with HubClient(link.url, link.token) as client:
                    report = push_outbox(till.uow, client)
                elapsed = time.perf_counter() - started
            finally:
                till.close()
        finally:
            served.stop()
            store.engine.dispose()
        assert report.sent == RECORDS and report.applied == RECORDS and store.inbox_count() == RECORDS
        return elapsed


def _post_all(url: str, bodies: list[bytes]) -> Iterator[dict[str, object]]:
    with httpx.Client(base_url=url) as client:
        for body in bodies:
            response = client.post("/v1/push", content=body, headers={"content-type": "application/json"})
            yield from response.json()["answers"]


class FloorRounds:
    def __init__(self, folder: Path, product: ProductRounds) -> None:
        self.folder = folder
        self.product = product
        self.rounds = 0

    def __call__(self) -> float:
        self.rounds += 1
        here = self.folder / f"floor-{self.rounds}"
        here.mkdir()
        served = ServerProcess([sys.executable, "-m", "tests.bench.push_floor", str(here / "floor.db")])
        try:
            started = time.perf_counter()
            answers = list(_post_all(served.url, self.product.bodies))
            elapsed = time.perf_counter() - started
        finally:
            served.stop()
        assert len(answers) == RECORDS and all(answer["status"] == "applied" for answer in answers)
        return elapsed


async def trivial_endpoint(scope: dict[str, object], receive: object, send: object) -> None:
    """Read the body, answer {}: what HTTP alone costs."""
    body_done = False
    while not body_done:
        message = await receive()  # type: ignore[operator]
        body_done = not message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]


def _trivial_seconds(bodies: list[bytes]) -> float:
    served = Served(trivial_endpoint)
    try:
        started = time.perf_counter()
        with httpx.Client(base_url=served.url) as plain:
            for body in bodies:
                plain.post("/", content=body, headers={"content-type": "application/json"})
        return time.perf_counter() - started
    finally:
        served.stop()


def _rates(seconds: list[float]) -> str:
    rates = sorted(RECORDS / s for s in seconds)
    return f"{statistics.median(rates):,.0f}/s [{rates[0]:,.0f}-{rates[-1]:,.0f}]"


def test_push_50k_records_against_an_honest_floor(tmp_path: Path) -> None:
    product = ProductRounds(tmp_path)
    floor = FloorRounds(tmp_path, product)
    ours: list[float] = []
    theirs: list[float] = []

    def timed_product() -> float:
        ours.append(product())
        return ours[-1]

    def timed_floor() -> float:
        theirs.append(floor())
        return theirs[-1]

    print()
    _, _, ratio = compare(f"push {RECORDS:,} records", timed_product, timed_floor, rounds=ROUNDS, aim=2.0)
    trivial = _trivial_seconds(product.bodies)
    print(
        f"[bench] push {RECORDS:,} records till -> hub, batches of {MAX_PUSH_BATCH}: {_rates(ours)} (aim >= 15,000/s)"
    )
    print(f"[bench] floor (parse, hash, SELECT IN, one executemany, answers): {_rates(theirs)}")
    print(f"[bench] product / floor time ratio: {ratio:.2f}x (aim <= 2x), median of {ROUNDS} interleaved rounds")
    print(f"[bench] side figure: the same bytes to a trivial endpoint: {RECORDS / trivial:,.0f}/s")
