"""Kill the till with SIGKILL at the worst moments of a sync; after a restart, every record is at the hub once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.services.syncing import sync_status
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.faulty_proxy import HOLD, FaultyProxy
from tests.sync.test_sync import sell, sync

CHILD = Path(__file__).with_name("sync_child.py")
ROOT = Path(__file__).resolve().parents[2]


def start_child(till: EnrolledTill, url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(till.till.data_dir), url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def kill(child: subprocess.Popen[str]) -> None:
    """SIGKILL, unless the child finished a moment before: both leave the store as it must be."""
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=10)
    assert child.returncode in (-signal.SIGKILL, 0)


@pytest.mark.slow
def test_killed_after_the_hub_committed_but_before_the_till_stored_the_answer(
    hub: HubEvent, till_a: EnrolledTill
) -> None:
    sync(till_a)
    for _ in range(5):
        sell(till_a, "BER-003")
    proxy = FaultyProxy(hub.hub.url)
    try:
        proxy.faults.append(HOLD)  # the push goes through, its answer never comes back
        child = start_child(till_a, proxy.url)
        assert proxy.holding.wait(timeout=30), child.stderr.read() if child.stderr else ""
        assert hub.hub.store.inbox_count() == 5, "the hub committed the batch"
        kill(child)
    finally:
        proxy.close()
    assert sync_status(till_a.till.uow()).waiting == 5, "the till never heard the answer"

    sync(till_a)

    assert hub.hub.store.inbox_count() == 5
    assert hub.hub.store.stock_level(hub.event_id, "BER-003") == -5
    assert sync_status(till_a.till.uow()).waiting == 0


@pytest.mark.slow
def test_killed_while_applying_pull_pages(hub: HubEvent, till_a: EnrolledTill) -> None:
    rows = ["sku,name,variant,maker,category,tax_class,price,barcodes"]
    rows += [f"K-{n:05d},Kill test item {n},,Maker K,Test,standard,1.00," for n in range(12_000)]
    hub.hub.store.import_catalog(("\n".join(rows) + "\n").encode())
    for delay in (0.2, 0.5, 0.8):
        child = start_child(till_a, hub.hub.url)
        assert child.stdout is not None and child.stdout.readline().strip() == "started"
        time.sleep(delay)
        kill(child)
    sync(till_a)
    with till_a.till.uow() as uow:
        assert uow.catalog.product_count() == 44 + 12_000, "every page applied once, none skipped"
        assert uow.catalog.by_code("K-11999") is not None
