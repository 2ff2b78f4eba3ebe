"""Signed webhooks out of the hub, to real HTTP receivers on 127.0.0.1 (docs/webhooks.md).

Every delivery is checked with the verification snippet of docs/webhooks.md,
read out of the document itself.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.handoffs import hand_over
from app.services.pickups import PickupCard, scan_pickup
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.syncing import sync_once
from app.services.vouchers import issue_voucher
from sync.hub.cli import main
from sync.hub.store import open_hub_engine
from sync.hub.store.schema import metadata
from sync.hub.store.webhook_deliveries import Attempt, Claimed
from sync.hub.store.webhook_outbox import EVENT_TYPES
from sync.hub.webhooks import RetryPolicy, WebhookSender
from tests.sync.conftest import EnrolledTill, HubEvent, free_port

ROOT = Path(__file__).resolve().parents[2]
SKU = "BER-003"
QUICK = RetryPolicy(first_delay=timedelta(milliseconds=50), longest_delay=timedelta(milliseconds=200))
WAIT_SECONDS = 30


def documented_verify() -> Callable[[str, Mapping[str, str], bytes], bool]:
    """The ``verify`` function of docs/webhooks.md, run from the document's own text."""
    text = (ROOT / "docs" / "webhooks.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- verify -->\n```python\n(.*?)```", text, re.DOTALL)
    assert found is not None, "docs/webhooks.md lost its verification snippet"
    namespace: dict[str, object] = {}
    exec(compile(found.group(1), "docs/webhooks.md", "exec"), namespace)
    verify = namespace["verify"]
    assert callable(verify)
    return verify


VERIFY = documented_verify()


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def delivery(self) -> dict[str, object]:
        return dict(json.loads(self.body))


class Receiver:
    """A marketplace's endpoint: records every POST and answers the scripted statuses, then 200.

    With ``hold_first``, the first request waits for ``release`` before it is answered.
    """

    def __init__(self, statuses: list[int] | None = None, hold_first: bool = False, work_seconds: float = 0) -> None:
        self.statuses = list(statuses or [])
        self.received: list[Received] = []
        self.changed = threading.Condition()
        self.release = threading.Event()
        hold = [hold_first]
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.changed:
                    receiver.received.append(Received(self.path, dict(self.headers.items()), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    held, hold[0] = hold[0], False
                    receiver.changed.notify_all()
                if held:
                    receiver.release.wait(WAIT_SECONDS)
                if work_seconds:
                    time.sleep(work_seconds)  # a receiver that takes time to answer, not a synchronisation
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int) -> list[Received]:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.received) >= count, WAIT_SECONDS), (
                f"{len(self.received)} of {count} deliveries arrived"
            )
            return list(self.received)

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    served = Receiver()
    yield served
    served.close()


@pytest.fixture
def sender(hub: HubEvent) -> Iterator[WebhookSender]:
    running = WebhookSender(hub.hub.store.engine, QUICK, poll_seconds=0.05, name="test-sender").start()
    yield running
    running.stop()


def hub_command(db_url: str, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", db_url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def subscribe(db_url: str, event_id: str, url: str, types: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Subscribe through the command; returns the signing secret it prints once."""
    code, out, err = hub_command(
        db_url,
        "webhooks",
        "subscribe",
        "--event",
        event_id,
        url,
        *[part for kind in types for part in ("--type", kind)],
        capsys=capsys,
    )
    assert code == 0, err
    secret = re.search(r"^Signing secret (whsec_[0-9a-f]{64})$", out, re.MULTILINE)
    assert secret is not None, out
    return secret.group(1)


def sell(till: EnrolledTill, *codes: str) -> SaleCompleted:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = None
    for code in codes:
        state = carts.scan(cart_id, code, till.cashier, till.till.uow())
    assert state is not None
    return complete_sale(
        CompleteSale(cart_id, till.cashier, (Tender(TenderKind.CARD, state.priced.total, "TRM-1"),)), till.till.uow()
    )


def sync(till: EnrolledTill) -> None:
    sync_once(till.till.uow, till.till.data_dir / "sync.lock")


def delivery_log(db_url: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, err = hub_command(db_url, "webhooks", "log", "--limit", "1000", capsys=capsys)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_each_delivery_verifies_with_the_documented_snippet_and_stock_crosses_once(
    hub: HubEvent,
    hub_url: str,
    till_a: EnrolledTill,
    receiver: Receiver,
    sender: WebhookSender,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = subscribe(hub_url, hub.event_id, receiver.url, ["sale.completed", "stock.low"], capsys)
    hub.hub.store.set_stock(hub.event_id, SKU, 7)
    sync(till_a)
    sell(till_a, SKU, SKU)  # 7 -> 5: crosses into the low band
    sync(till_a)
    sell(till_a, SKU)  # 5 -> 4: still low, no second stock.low
    sync(till_a)

    received = receiver.wait_for(3)
    for each in received:
        assert VERIFY(secret, each.headers, each.body)
        assert each.headers["Webhook-Id"] == each.delivery["id"]
        assert each.delivery["event_id"] == hub.event_id
    kinds = sorted(str(each.delivery["type"]) for each in received)
    assert kinds == ["sale.completed", "sale.completed", "stock.low"]
    low = next(each.delivery for each in received if each.delivery["type"] == "stock.low")
    assert low["data"] == {"sku": SKU, "available": 5, "on_hand": 5, "reserved": 0}
    sales = sorted(
        (each.delivery["data"] for each in received if each.delivery["type"] == "sale.completed"),
        key=lambda data: str(data["receipt_no"]),  # type: ignore[index]
    )
    assert [(sale["receipt_no"], sale["till"], sale["lines"][0]["quantity"]) for sale in sales] == [  # type: ignore[index]
        ("A-000001", "A", 2),
        ("A-000002", "A", 1),
    ]

    tampered = next(each for each in received if each.delivery["type"] == "sale.completed")
    assert not VERIFY(secret, tampered.headers, tampered.body.replace(b"A-00000", b"A-99999"))
    assert not VERIFY("whsec_" + "0" * 64, tampered.headers, tampered.body)
    assert all(entry["state"] == "delivered" for entry in delivery_log(hub_url, capsys))


def test_reservations_oversells_conflicts_and_the_close_reach_the_subscriber(
    hub: HubEvent,
    hub_url: str,
    till_a: EnrolledTill,
    receiver: Receiver,
    sender: WebhookSender,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = subscribe(hub_url, hub.event_id, receiver.url, list(EVENT_TYPES), capsys)
    store = hub.hub.store
    store.set_stock(hub.event_id, SKU, 8)
    _key_id, private_key = store.create_signing_key()
    store.create_pickup(hub.event_id, "M-1001", "Mia Keller", [(SKU, 3)], private_key)  # 8 -> 5 available: low
    sync(till_a)
    sell(till_a, *[SKU] * 6)  # 5 -> -1: sold out, and oversold
    sync(till_a)
    code, _out, err = hub_command(
        hub_url, "event", "close", hub.event_id, "--by", "Mia", "--override", "counted by hand", capsys=capsys
    )
    assert code == 0, err

    received = receiver.wait_for(5)
    assert all(VERIFY(secret, each.headers, each.body) for each in received)
    by_type = {str(each.delivery["type"]): each.delivery["data"] for each in received}
    assert sorted(by_type) == ["conflict.raised", "event.closed", "sale.completed", "stock.low", "stock.sold_out"]
    assert by_type["stock.low"] == {"sku": SKU, "available": 5, "on_hand": 8, "reserved": 3}
    assert by_type["stock.sold_out"] == {"sku": SKU, "available": -1, "on_hand": 2, "reserved": 3}
    conflict = by_type["conflict.raised"]
    assert (conflict["kind"], conflict["subject"]) == ("stock_below_zero", SKU)  # type: ignore[index]
    closed = by_type["event.closed"]
    assert (closed["frozen_by"], closed["override_reason"]) == ("Mia", "counted by hand")  # type: ignore[index]


def test_a_handoff_a_return_and_a_voucher_reach_the_subscriber(
    hub: HubEvent,
    hub_url: str,
    till_a: EnrolledTill,
    receiver: Receiver,
    sender: WebhookSender,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = subscribe(
        hub_url, hub.event_id, receiver.url, ["pickup.handed_over", "return.recorded", "voucher.issued"], capsys
    )
    store = hub.hub.store
    store.set_stock(hub.event_id, SKU, 20)
    _key_id, private_key = store.create_signing_key()
    order = store.create_pickup(hub.event_id, "M-1001", "Mia Keller", [(SKU, 2)], private_key)
    sync(till_a)
    shown = scan_pickup(order.code, till_a.till.uow())
    assert isinstance(shown, PickupCard)
    hand_over(order.order_id, {shown.lines[0].key: 2}, till_a.manager, till_a.till.uow())
    sale = sell(till_a, SKU)
    sync(till_a)
    back = (ReturnLineRequest(1, 1, "cracked", Disposition.RESTOCK),)
    record_return(
        RecordReturn(till_a.cashier, sale.sale_id, back, card_refund_references={0: "RF-1"}), till_a.till.uow()
    )
    sync(till_a)

    voucher = issue_voucher(1500, "goodwill", till_a.manager, till_a.till.uow())
    sync(till_a)

    received = receiver.wait_for(3)
    assert all(VERIFY(secret, each.headers, each.body) for each in received)
    by_type = {str(each.delivery["type"]): each.delivery["data"] for each in received}
    issued = by_type["voucher.issued"]
    assert (issued["amount"], issued["currency"], issued["till"]) == (1500, "CHF", "A")  # type: ignore[index]
    assert all(voucher.code.encode() not in each.body for each in received), "a voucher's code never leaves"
    handed = by_type["pickup.handed_over"]
    assert (handed["number"], handed["order_id"], handed["till"]) == ("M-1001", order.order_id, "A")  # type: ignore[index]
    assert [(line["sku"], line["quantity"]) for line in handed["lines"]] == [(SKU, 2)]  # type: ignore[index]
    returned = by_type["return.recorded"]
    assert (returned["sale_id"], returned["receipt_no"]) == (sale.sale_id, sale.receipt_no)  # type: ignore[index]
    assert returned["lines"] == [{"sku": SKU, "quantity": 1, "disposition": "restock"}]  # type: ignore[index]


def test_a_receiver_failing_three_times_gets_the_event_once_more_all_logged_and_replayed(
    hub: HubEvent,
    hub_url: str,
    till_a: EnrolledTill,
    sender: WebhookSender,
    capsys: pytest.CaptureFixture[str],
) -> None:
    receiver = Receiver(statuses=[500, 500, 500])
    try:
        secret = subscribe(hub_url, hub.event_id, receiver.url, ["sale.completed"], capsys)
        sync(till_a)
        sell(till_a, SKU)
        sync(till_a)
        received = receiver.wait_for(4)
        assert len({each.headers["Webhook-Id"] for each in received}) == 1
        assert all(VERIFY(secret, each.headers, each.body) for each in received)
        assert len({each.body for each in received}) == 1, "every attempt sends the same bytes"

        [entry] = wait_for_log(hub_url, capsys, lambda entry: entry["state"] == "delivered")
        assert entry["id"] == received[0].headers["Webhook-Id"]
        assert entry["attempts"] == 4
        assert [attempt["status_code"] for attempt in entry["attempt_log"]] == [500, 500, 500, 200]  # type: ignore[attr-defined]
        assert entry["attempt_log"][0]["error"] == "the receiver answered 500"  # type: ignore[index]

        code, out, err = hub_command(hub_url, "webhooks", "replay", str(entry["id"]), capsys=capsys)
        assert code == 0, err
        assert "sent again" in out
        replayed = receiver.wait_for(5)[4]
        assert replayed.headers["Webhook-Id"] == entry["id"]
        assert replayed.body == received[0].body
        assert VERIFY(secret, replayed.headers, replayed.body)
        [after] = delivery_log(hub_url, capsys)
        assert [attempt["sender"] for attempt in after["attempt_log"]][-1] == "replay"  # type: ignore[attr-defined]
        assert len(after["attempt_log"]) == 5  # type: ignore[arg-type]
    finally:
        receiver.close()


def wait_for_log(
    db_url: str, capsys: pytest.CaptureFixture[str], settled: Callable[[dict[str, object]], bool]
) -> list[dict[str, object]]:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        entries = delivery_log(db_url, capsys)
        if entries and all(settled(entry) for entry in entries):
            return entries
        assert time.monotonic() < deadline, entries
        time.sleep(0.05)


def test_subscriptions_refuse_what_cannot_be_sent_and_unsubscribe_ends_waiting_deliveries(
    hub: HubEvent, hub_url: str, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = hub_command(
        hub_url, "webhooks", "subscribe", "--event", hub.event_id, "ftp://shop.example/x", "--type", "sale.completed",
        capsys=capsys,
    )  # fmt: skip
    assert (code, err.strip()) == (
        2,
        "popup-hub: 'ftp://shop.example/x' is not an http(s) URL: give the receiver's address, "
        "e.g. https://shop.example/hooks.",
    )
    code, _out, err = hub_command(
        hub_url, "webhooks", "subscribe", "--event", "no-such-event", "https://shop.example/x", "--type", "stock.low",
        capsys=capsys,
    )  # fmt: skip
    assert code == 2 and "No event no-such-event" in err
    # Nobody listens on this port: the delivery waits, and is given up when its subscription goes.
    subscribe(hub_url, hub.event_id, f"http://127.0.0.1:{free_port()}/x", ["sale.completed"], capsys)
    sync(till_a)
    sell(till_a, SKU)
    sync(till_a)
    code, out, _err = hub_command(hub_url, "webhooks", "list", "--event", hub.event_id, capsys=capsys)
    subscription_id = out.split("\t")[0]
    code, out, err = hub_command(hub_url, "webhooks", "unsubscribe", subscription_id, capsys=capsys)
    assert code == 0, err
    assert "1 waiting delivery(ies) will not be sent" in out
    [entry] = delivery_log(hub_url, capsys)
    assert (entry["state"], entry["last_error"]) == ("failed", "unsubscribed")


def test_retries_back_off_doubling_to_an_hour_for_at_least_a_day() -> None:
    policy = RetryPolicy()
    made = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    delays: list[timedelta] = []
    at = made
    attempts = 0
    while True:
        claimed = Claimed("d", "e", "sale.completed", "{}", made.isoformat(), attempts, "http://x", "s", "c")
        retry = policy.retry_at(claimed, Attempt(at, 500, "the receiver answered 500", 3))
        if retry is None:
            break
        delays.append(retry - at)
        at, attempts = retry, attempts + 1
    assert delays[:4] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240)]
    assert max(delays) == timedelta(hours=1)
    assert at - made >= timedelta(hours=24), "given up only after a day of trying"
    assert at - made < timedelta(hours=25)


def test_the_migrated_webhook_tables_match_the_schema_module(tmp_path: Path) -> None:
    engine = open_hub_engine(f"sqlite:///{tmp_path / 'hub.db'}")

    def only_webhooks(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        table = getattr(obj, "table", obj)
        return str(getattr(table, "name", name) or "").startswith("webhook_")

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_webhooks})
        assert compare_metadata(context, metadata) == []
    engine.dispose()
