"""Signed webhooks out of the hub, to real HTTP receivers on 127.0.0.1 (docs/webhooks.md): what each kind of
event delivers. Every delivery is checked with the verification snippet of docs/webhooks.md, read out of the
document itself (tests/sync/webhook_receiver.py). Retries, replays and subscriptions: test_webhook_retries.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.domain.returns import Disposition, ReturnLineRequest
from app.services.handoffs import hand_over
from app.services.pickups import PickupCard, scan_pickup
from app.services.returns import RecordReturn, record_return
from app.services.vouchers import issue_voucher
from sync.hub.store import open_hub_engine
from sync.hub.store.schema import metadata
from sync.hub.store.webhook_outbox import EVENT_TYPES
from sync.hub.webhooks import WebhookSender
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.till_actions import sell, sync
from tests.sync.webhook_receiver import VERIFY, Receiver, delivery_log, hub_command, receiver, sender, subscribe

# The fixtures (a receiver, the hub's sender) the tests here take.
__all__ = ["receiver", "sender"]
SKU = "BER-003"


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


def test_the_migrated_webhook_tables_match_the_schema_module(tmp_path: Path) -> None:
    engine = open_hub_engine(f"sqlite:///{tmp_path / 'hub.db'}")

    def only_webhooks(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        table = getattr(obj, "table", obj)
        return str(getattr(table, "name", name) or "").startswith("webhook_")

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": only_webhooks})
        assert compare_metadata(context, metadata) == []
    engine.dispose()
