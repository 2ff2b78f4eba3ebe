"""Webhooks sent by real hub server processes (popup-hub serve runs the sender thread): a hub killed between the
push and the delivery delivers after restart; two hubs on one PostgreSQL database deliver each event once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from sync.hub.store import HubStore, open_hub_engine
from sync.protocol import EventInfo, TaxClassInfo
from tests.postgres_server import new_database
from tests.sync.conftest import enrolled_till, free_port, wait_until_up
from tests.sync.till_actions import sell, sync
from tests.sync.webhook_receiver import ROOT, VERIFY, WAIT_SECONDS, Receiver, delivery_log, subscribe, wait_for_log


def serve(db_url: str, port: int, **settings: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sync.hub.cli", "--db", db_url, "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **settings},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def new_event(store: HubStore) -> str:
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Webhook market",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081")],
        )
    )
    store.import_catalog(b"sku,name,maker,tax_class,price\nMUG-1,Mug,Bergkeramik,standard,32.00\n")
    return event_id


@pytest.mark.slow
def test_a_hub_killed_between_the_push_and_the_delivery_delivers_after_restart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    store = HubStore(open_hub_engine(db_url))
    event_id = new_event(store)
    receiver = Receiver(hold_first=True)
    port = free_port()
    # A short lock, so that the restarted hub takes over the dead one's delivery within the test.
    settings = {"POPUP_HUB_WEBHOOK_LOCK_SECONDS": "2", "POPUP_HUB_WEBHOOK_FIRST_RETRY_SECONDS": "1"}
    hub = serve(db_url, port, **settings)
    till = None
    try:
        secret = subscribe(db_url, event_id, receiver.url, ["sale.completed"], capsys)
        wait_until_up(port)
        till = enrolled_till(f"http://127.0.0.1:{port}", store, event_id, tmp_path / "till")
        sync(till)
        sell(till, "MUG-1")
        sync(till)  # answered while the receiver holds the delivery: a push never waits for webhooks
        [first] = receiver.wait_for(1)
        hub.send_signal(signal.SIGKILL)
        hub.wait(timeout=WAIT_SECONDS)
        receiver.release.set()
        assert delivery_log(db_url, capsys)[0]["state"] == "waiting"

        hub = serve(db_url, port, **settings)
        wait_until_up(port)
        again = receiver.wait_for(2)[1]
        assert again.headers["Webhook-Id"] == first.headers["Webhook-Id"]
        assert VERIFY(secret, again.headers, again.body)
        [entry] = wait_for_log(db_url, capsys, lambda entry: entry["state"] == "delivered")
        assert [attempt["status_code"] for attempt in entry["attempt_log"]] == [200]  # type: ignore[attr-defined]
    finally:
        hub.terminate()
        hub.wait(timeout=WAIT_SECONDS)
        if till is not None:
            till.till.close()
        receiver.close()
        store.engine.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_two_hub_processes_on_one_postgresql_database_deliver_each_event_once(
    postgres_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_url = new_database(postgres_server)
    store = HubStore(open_hub_engine(db_url))
    event_id = new_event(store)
    store.set_stock(event_id, "MUG-1", 10_000)
    # A receiver that takes a moment per delivery, so that both hubs have work to claim at once.
    receiver = Receiver(work_seconds=0.1)
    subscriptions = 4
    sales = 50
    for number in range(subscriptions):
        subscribe(db_url, event_id, f"{receiver.url}/{number}", ["sale.completed"], capsys)
    ports = [free_port(), free_port()]
    hubs = [serve(db_url, port) for port in ports]
    till = None
    try:
        for port in ports:
            wait_until_up(port)
        till = enrolled_till(f"http://127.0.0.1:{ports[0]}", store, event_id, tmp_path / "till")
        sync(till)
        for _ in range(sales):
            sell(till, "MUG-1")
        sync(till)
        received = receiver.wait_for(subscriptions * sales)
        entries = wait_for_log(db_url, capsys, lambda entry: entry["state"] == "delivered")
    finally:
        for hub in hubs:
            hub.terminate()
            hub.wait(timeout=WAIT_SECONDS)
        if till is not None:
            till.till.close()
        receiver.close()
        store.engine.dispose()
    ids = [each.headers["Webhook-Id"] for each in received]
    assert len(ids) == len(set(ids)) == subscriptions * sales, "each delivery arrived exactly once"
    assert len(entries) == subscriptions * sales
    assert all(len(entry["attempt_log"]) == 1 for entry in entries)  # type: ignore[arg-type]
    senders = {entry["attempt_log"][0]["sender"].split(":")[1] for entry in entries}  # type: ignore[index]
    assert len(senders) == 2, "both hub processes sent a share"
