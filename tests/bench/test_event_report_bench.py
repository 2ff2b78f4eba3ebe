"""Reports of the whole event: the hub's over 100,000 sales from 5 tills (SQLite and PostgreSQL), a till's over
100,000 sales pulled from the others (goals: under 1 s each, medians over 5 rounds), and what the report
figures cost the push.

The hub's figures are written as a push writes them (sync/hub/store/reports.py
``record_figures``, the function push.py calls in the push's transaction, once
per 500 sales as tills push them), 10,000 sales per transaction, instead of
pushing 100,000 records through the contracts (minutes). The till's pulled sales go through
``ReturnRepository.save_foreign_sale``, the pull's own path. The push's cost is
measured inside the real ``HubStore.push``: 10,000 sales in batches of 500,
the time spent in ``record_figures`` against the whole push's.
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from app.services.event_report import event_report
from app.services.settlements import maker_settlements
from sync.hub.store import HubStore, open_hub_engine, push_effects
from sync.hub.store import reports as hub_reports
from sync.hub.store.driver_sql import insert_rows
from sync.hub.store.enrollment import AuthenticatedTill
from sync.protocol import MAX_PUSH_BATCH, EventInfo, PushRecord, TaxClassInfo
from sync.records import RecordType
from tests.bench.catalog_gen import catalog_csv
from tests.bench.sale_payloads import PRODUCTS, sale_payload
from tests.conftest import DemoTill
from tests.postgres_server import new_database

SALES = 100_000
TILLS = "ABCDE"
ROUNDS = 5
FILL_BATCH = 10_000
PUSHED_SALES = 10_000
GOAL_SECONDS = 1.0


def _median(action: Callable[[], object]) -> tuple[float, list[float]]:
    action()  # warm the caches once
    samples = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), samples


def _print(name: str, samples: list[float]) -> None:
    rounds = ", ".join(f"{sample * 1000:.0f}" for sample in samples)
    print(f"\n[bench] {name}: median {statistics.median(samples) * 1000:.0f} ms (rounds {rounds} ms; goal < 1 s)")


def _hub(url: str) -> tuple[HubStore, str, dict[str, AuthenticatedTill]]:
    store = HubStore(open_hub_engine(url))
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Bench Market",
            place="Zurich",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081")],
        )
    )
    store.import_catalog(catalog_csv(PRODUCTS))
    tills = {}
    for code in TILLS:
        enrolled = store.enroll(store.create_enroll_code(event_id, code))
        till = store.authenticate(enrolled.token)
        assert till is not None
        tills[code] = till
    return store, event_id, tills


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def bench_hub_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.db'}"
    return new_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def bench_hub(bench_hub_url: str) -> Iterator[tuple[HubStore, str, dict[str, AuthenticatedTill]]]:
    store, event_id, tills = _hub(bench_hub_url)
    yield store, event_id, tills
    store.engine.dispose()


def _records(till: AuthenticatedTill, code: str, numbers: range, rng: random.Random) -> list[PushRecord]:
    records = []
    for number in numbers:
        payload = sale_payload(code, number, rng) | {"till_id": till.till_id, "event_id": till.event_id}
        records.append(
            PushRecord(
                event_id=str(uuid.uuid4()),
                till_seq=number,
                type=RecordType.SALE_COMPLETED,
                schema_version=1,
                payload=payload,
            )
        )
    return records


def test_the_hubs_event_report_over_100000_sales_from_5_tills(
    bench_hub: tuple[HubStore, str, dict[str, AuthenticatedTill]],
) -> None:
    store, event_id, tills = bench_hub
    rng = random.Random(16)
    per_till = SALES // len(TILLS)
    for code, till in tills.items():
        for start in range(1, per_till + 1, FILL_BATCH):
            records = _records(till, code, range(start, min(start + FILL_BATCH, per_till + 1)), rng)
            with store.engine.begin() as connection:
                # Push by push, as tills send them: the lines and tenders of a push are summed together.
                for batch in range(0, len(records), MAX_PUSH_BATCH):
                    hub_reports.record_figures(
                        connection, event_id, records[batch : batch + MAX_PUSH_BATCH], insert_rows
                    )

    def report() -> None:
        with store.engine.connect() as connection:
            assert hub_reports.figures(connection, event_id).totals.sales == SALES

    def settlements() -> None:
        with store.engine.connect() as connection:
            hub_reports.settlements(connection, event_id)

    median, samples = _median(report)
    _print(f"hub event report, {SALES:,} sales from {len(TILLS)} tills on {store.engine.dialect.name}", samples)
    _print("  its settlements", _median(settlements)[1])
    assert median < GOAL_SECONDS


def test_what_the_report_figures_cost_a_push_of_sales(
    bench_hub: tuple[HubStore, str, dict[str, AuthenticatedTill]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, event_id, tills = bench_hub
    for number in range(1, PRODUCTS + 1):
        store.set_stock(event_id, f"GEN-{number:06d}", 10**6)
    till = tills["A"]
    records = _records(till, "A", range(1, PUSHED_SALES + 1), random.Random(7))
    # Timed inside the push itself: the share of each push spent on the report's rows, whatever else
    # the machine is doing (two pushes timed apart differ more from one minute to the next than that).
    in_figures: list[float] = []

    def timed(*args: Any) -> None:
        started = time.perf_counter()
        hub_reports.record_figures(*args)
        in_figures.append(time.perf_counter() - started)

    monkeypatch.setattr(push_effects, "record_figures", timed)
    pushes = []
    for start in range(0, len(records), MAX_PUSH_BATCH):
        started = time.perf_counter()
        store.push(till, records[start : start + MAX_PUSH_BATCH])
        pushes.append(time.perf_counter() - started)
    share = sum(in_figures) / sum(pushes)
    print(
        f"\n[bench] push of {PUSHED_SALES:,} sales in batches of {MAX_PUSH_BATCH} on {store.engine.dialect.name}:"
        f" median {statistics.median(pushes) * 1000:.0f} ms a batch, of which the report's rows"
        f" {statistics.median(in_figures) * 1000:.1f} ms ({share:.1%} of the push)"
    )
    with store.engine.connect() as connection:
        assert hub_reports.figures(connection, event_id).totals.sales == PUSHED_SALES


def test_a_tills_event_wide_report_over_100000_pulled_sales(demo: DemoTill) -> None:
    rng = random.Random(5)
    per_till = SALES // 4
    for code in "BCDE":
        for start in range(1, per_till + 1, FILL_BATCH):
            with demo.till.uow() as uow:
                for number in range(start, min(start + FILL_BATCH, per_till + 1)):
                    uow.returns.save_foreign_sale(sale_payload(code, number, rng))
                uow.commit()

    median, samples = _median(lambda: event_report(demo.till.uow()))
    assert event_report(demo.till.uow()).totals.sales == SALES
    _print(f"till event report with {SALES:,} pulled sales", samples)
    _print("  its settlements", _median(lambda: maker_settlements(demo.till.uow()))[1])
    assert median < GOAL_SECONDS
