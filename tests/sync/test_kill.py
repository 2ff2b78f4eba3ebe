"""Kill the till with SIGKILL at the worst moments of a sync; after a restart, every record is at the hub once."""

from __future__ import annotations

import signal
import subprocess
import time
from contextlib import ExitStack

import pytest

from app.services.sync_status import sync_status
from app.store.outbox import OutboxStatus
from tests import child_process
from tests.child_process import kill, wait_for_line
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.faulty_proxy import HOLD, SWALLOW, FaultyProxy
from tests.sync.hub_processes import CHILD
from tests.sync.till_actions import STAFF_RECORDS, sell, sync


def start_child(till: EnrolledTill, url: str, *options: str) -> subprocess.Popen[str]:
    """The till's sync in a child process (tests/sync/sync_child.py), to be killed at an instant it names."""
    return child_process.start_child(CHILD, str(till.till.data_dir), url, *options)


@pytest.mark.slow
@pytest.mark.parametrize("stopped", ["before-the-push-leaves", "push-swallowed-on-the-way"])
def test_killed_before_the_hub_received_the_first_push(hub: HubEvent, till_a: EnrolledTill, stopped: str) -> None:
    store = hub.hub.store
    sync(till_a)
    store.set_stock(hub.event_id, "BER-003", 10)
    sales = ["--sell", "BER-003"] * 4 + ["--sell", "ATE-001"]
    staff = ["--staff", till_a.manager, till_a.cashier]
    with ExitStack() as cleanup:
        if stopped == "before-the-push-leaves":
            child = start_child(till_a, hub.hub.url, *sales, *staff, "--pause-before-push")
            cleanup.callback(child.kill)  # if a check fails before the kill; a no-op after it
            assert wait_for_line(child, "pushing") == "pushing 5", "the batch holds the five sales"
        else:
            # A hub that takes the request in and never answers: it left the till, it never reached the hub.
            # The proxy closes only after the kill, or the till would retry through it.
            proxy = FaultyProxy(hub.hub.url)
            cleanup.callback(proxy.close)
            proxy.faults.append(SWALLOW)
            child = start_child(till_a, proxy.url, *sales, *staff)
            cleanup.callback(child.kill)
            assert proxy.holding.wait(timeout=60), child.stderr.read() if child.stderr else ""
            assert proxy.requests == ["POST /v1/push"]
        assert store.inbox_count() == STAFF_RECORDS
        assert kill(child) == -signal.SIGKILL, "killed while the sync was still waiting"
    with till_a.till.uow() as uow:
        waiting = uow.outbox.records(OutboxStatus.WAITING)
    assert [(r.type, r.attempts) for r in waiting] == [("sale.completed", 0)] * 5, "the killed sales are all there"

    restarted = start_child(till_a, hub.hub.url)
    out, errors = restarted.communicate(timeout=60)
    assert restarted.returncode == 0, errors
    assert out.splitlines()[-1] == "synced"

    assert store.inbox_count() == 5 + STAFF_RECORDS
    assert store.stock_level(hub.event_id, "BER-003") == 10 - 4
    assert store.stock_level(hub.event_id, "ATE-001") == -1
    with till_a.till.uow() as uow:
        assert uow.outbox.count(OutboxStatus.WAITING) == 0
        # Applied, not duplicate: the hub had never seen them before the restart.
        answered = [r.answer for r in uow.outbox.records() if r.type == "sale.completed"]
        assert answered == ["applied"] * 4 + ["conflict"]


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
        assert hub.hub.store.inbox_count() == 5 + STAFF_RECORDS, "the hub committed the batch"
        assert kill(child) == -signal.SIGKILL
    finally:
        proxy.close()
    assert sync_status(till_a.till.uow()).waiting == 5, "the till never heard the answer"

    sync(till_a)

    assert hub.hub.store.inbox_count() == 5 + STAFF_RECORDS
    assert hub.hub.store.stock_level(hub.event_id, "BER-003") == -5
    assert sync_status(till_a.till.uow()).waiting == 0


@pytest.mark.slow
def test_killed_while_applying_pull_pages(hub: HubEvent, till_a: EnrolledTill) -> None:
    rows = ["sku,name,variant,maker,category,tax_class,price,barcodes"]
    rows += [f"K-{n:05d},Kill test item {n},,Maker K,Test,standard,1.00," for n in range(12_000)]
    hub.hub.store.import_catalog(("\n".join(rows) + "\n").encode())
    for delay in (0.2, 0.5, 0.8):
        child = start_child(till_a, hub.hub.url)
        wait_for_line(child, "started")
        time.sleep(delay)
        # Killed mid-pull, or just after the pull finished: both leave the store as it must be.
        assert kill(child) in (-signal.SIGKILL, 0)
    sync(till_a)
    with till_a.till.uow() as uow:
        assert uow.catalog.product_count() == 44 + 12_000, "every page applied once, none skipped"
        assert uow.catalog.by_code("K-11999") is not None
