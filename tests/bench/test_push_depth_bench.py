"""A push into an event with a long history, beside the same push into a fresh event.

The hub answers each pushed SKU with its level in the event: if that level were
summed from every movement of the SKU, a push would slow down as the event goes
on. Each round builds two hubs (SQLite files, as at an event) with the same
catalog and till; the deep one already holds 1,000 movements for each of the
500 SKUs a batch moves and 100,000 for one hot SKU that every batch moves too.
The same 20 batches of 500 ``stock.moved`` records go into both, interleaved,
through ``HubStore.push_with_head`` (the push handler's store call, its commit
included), and the medians a batch are printed with their ratio (aim: <= 1.3x).
"""

from __future__ import annotations

import statistics
import time
import uuid
from pathlib import Path

from sync.hub.store import HubStore
from sync.hub.store.enrollment import AuthenticatedTill
from sync.protocol import MAX_PUSH_BATCH, PushRecord
from tests.bench.catalog_gen import catalog_csv
from tests.bench.conftest import hub_with_event

PRODUCTS = 5000
BATCHES = 20
ROUNDS = 3
HISTORY = 1000
HOT_HISTORY = 100_000
HOT_SKU = f"GEN-{MAX_PUSH_BATCH + 1:06d}"
AT = "2026-12-05T10:00:00.000+00:00"


def _sku(number: int) -> str:
    return f"GEN-{number % MAX_PUSH_BATCH + 1:06d}"


def _hub(folder: Path, deep: bool) -> tuple[HubStore, AuthenticatedTill]:
    folder.mkdir()
    store, event_id = hub_with_event(folder / "hub.db", "Depth")
    store.import_catalog(catalog_csv(PRODUCTS))
    enrolled = store.enroll(store.create_enroll_code(event_id, "A"))
    till = store.authenticate(enrolled.token)
    assert till is not None
    if deep:
        # The history as earlier pushes leave it (a till's receipts), written in bulk so that setting up is quick.
        for sku in [_sku(number) for number in range(MAX_PUSH_BATCH)]:
            store.set_stock(event_id, sku, HISTORY)
            _add_history(store, event_id, sku, HISTORY - 1)
        store.set_stock(event_id, HOT_SKU, HOT_HISTORY)
        _add_history(store, event_id, HOT_SKU, HOT_HISTORY - 1)
    return store, till


def _add_history(store: HubStore, event_id: str, sku: str, movements: int) -> None:
    """``movements`` more rows for ``sku`` that leave its level as it is (pairs of +1 and -1, and a 0), so its
    running level (sync/hub/store/stock_levels.py) stays the sum of its movements without being touched."""
    rows = [(event_id, sku, 1 if index % 2 else -1, "bench") for index in range(movements - movements % 2)]
    rows += [(event_id, sku, 0, "bench")] * (movements % 2)
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO stock_movements (event_id, sku, quantity, source) VALUES (?, ?, ?, ?)", rows
        )


def _batches() -> list[list[PushRecord]]:
    batches = []
    for batch in range(BATCHES):
        records = []
        for index in range(MAX_PUSH_BATCH):
            seq = batch * MAX_PUSH_BATCH + index + 1
            deltas = [[_sku(index), 1]] + ([[HOT_SKU, 1]] if index == 0 else [])
            records.append(
                PushRecord(
                    event_id=str(uuid.UUID(int=(0x0190A0A0 << 96) | (0x7000 << 64) | (0x8 << 60) | seq)),
                    till_seq=seq,
                    type="stock.moved",
                    schema_version=1,
                    payload={"kind": "receive", "location": "stall", "at": AT, "deltas": deltas},
                )
            )
        batches.append(records)
    return batches


def _seconds_per_batch(store: HubStore, till: AuthenticatedTill, records: list[PushRecord]) -> float:
    started = time.perf_counter()
    answers, _head = store.push_with_head(till, records, None, 0)
    elapsed = time.perf_counter() - started
    assert all(answer.status == "applied" for answer in answers), answers[:3]
    return elapsed


def test_a_push_into_a_long_history_against_a_fresh_event(tmp_path: Path) -> None:
    batches = _batches()
    fresh_times: list[float] = []
    deep_times: list[float] = []
    for round_ in range(ROUNDS):
        fresh, fresh_till = _hub(tmp_path / f"fresh-{round_}", deep=False)
        deep, deep_till = _hub(tmp_path / f"deep-{round_}", deep=True)
        try:
            for records in batches:
                fresh_times.append(_seconds_per_batch(fresh, fresh_till, records))
                deep_times.append(_seconds_per_batch(deep, deep_till, records))
            assert deep.stock_level(deep_till.event_id, HOT_SKU) == HOT_HISTORY + BATCHES
            assert fresh.stock_level(fresh_till.event_id, _sku(7)) == BATCHES
        finally:
            fresh.engine.dispose()
            deep.engine.dispose()
    fresh_median, deep_median = statistics.median(fresh_times), statistics.median(deep_times)
    ratio = deep_median / fresh_median
    print(
        f"\n[bench] push a batch of {MAX_PUSH_BATCH} into a fresh event: median {fresh_median * 1000:.2f} ms "
        f"[{min(fresh_times) * 1000:.2f}-{max(fresh_times) * 1000:.2f}]; into one with {HISTORY:,} movements a SKU "
        f"and {HOT_HISTORY:,} for a hot SKU: median {deep_median * 1000:.2f} ms "
        f"[{min(deep_times) * 1000:.2f}-{max(deep_times) * 1000:.2f}]; ratio {ratio:.2f}x (aim <= 1.3x), "
        f"{ROUNDS} rounds of {BATCHES} interleaved batches"
    )
