"""Group buys end to end over real HTTP: two tills take commitments, the hub closes the window (docs/group_buys.md).

Reached: every commitment becomes a pickup order whose code the desk accepts.
Missed: every commitment is refunded at a returns desk to the tenders that paid
it. Late: refused at the counter by its clock, flagged by the hub when it
arrives after the close.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain import clock
from app.domain.errors import RuleViolation
from app.domain.tenders import Tender, TenderKind
from app.services.group_buy_refunds import RefundCommitment, refund_commitment, refunds_due
from app.services.pickups import PickupCard, scan_pickup
from sync.hub.cli import main as hub_main
from sync.hub.store.schema import group_buy_commitments, inbox, webhook_outbox
from sync.hub.store.webhook_outbox import subscribe
from tests.sync.admin_client import ALL_SCOPES, Admin, new_key, sign_orders_with, url_of
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.group_buy_actions import SKU, close, commit, line_of, open_group_buy
from tests.sync.till_actions import sync


@pytest.fixture(autouse=True)
def real_clock() -> Iterator[None]:
    yield
    clock.set_clock(None)


@pytest.fixture
def key(hub: HubEvent) -> bytes:
    _key_id, private_key = hub.hub.store.create_signing_key()
    return private_key


@pytest.fixture
def tills(hub: HubEvent, key: bytes, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill]]:
    a = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a", code="A")
    b = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B")
    yield a, b
    a.till.close()
    b.till.close()


def test_a_reached_group_buy_makes_pickup_orders_the_desk_accepts(
    hub: HubEvent, key: bytes, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    store = hub.hub.store
    a, b = tills
    group_buy = open_group_buy(store, hub.event_id, minimum=3)
    sync(a)
    sync(b)
    assert line_of(a, group_buy.group_buy_id).startswith("0 of 3, closes ")

    commit(a, group_buy.group_buy_id, 2, "Mia.Keller@Example.ch", Tender(TenderKind.CASH, 4000))
    assert line_of(a, group_buy.group_buy_id).startswith("2 of 3")  # its own, before any sync
    commit(b, group_buy.group_buy_id, 1, "+41 79 555 12 34", Tender(TenderKind.CARD, 2000, "T-778"))
    sync(a)
    sync(b)
    sync(a)
    assert line_of(a, group_buy.group_buy_id).startswith("3 of 3")  # event-wide: B's counted too
    assert line_of(b, group_buy.group_buy_id).startswith("3 of 3")
    with store.engine.connect() as connection:
        contacts = {row.contact for row in connection.execute(select(group_buy_commitments))}
    assert contacts == {"mia.keller@example.ch", "+41795551234"}

    closed = close(store, hub.event_id, group_buy, key)
    assert (closed.group_buy.state, closed.pickup_orders) == ("reached", 2)
    again = close(store, hub.event_id, group_buy, key)
    assert not again.closed_now  # a retried close makes no second order
    orders = store.pickup_orders(hub.event_id)
    assert sorted(order["number"] for order in orders) == ["GB-A-000001", "GB-B-000001"]
    assert {order["customer_name"] for order in orders} == {"m***@example.ch", "***1234"}

    sync(a)
    sync(b)
    for code in closed.codes.values():
        for till in (a, b):
            scanned = scan_pickup(code, till.till.uow())
            assert isinstance(scanned, PickupCard)
            assert [(line.sku, line.ordered) for line in scanned.lines] in ([(SKU, 2)], [(SKU, 1)])
    assert "reached" in line_of(a, group_buy.group_buy_id)


def test_a_missed_group_buy_is_refunded_to_the_original_tenders(
    hub: HubEvent, key: bytes, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    store = hub.hub.store
    a, b = tills
    group_buy = open_group_buy(store, hub.event_id, minimum=10)
    sync(a)
    sync(b)
    commit(a, group_buy.group_buy_id, 1, "ben@example.ch", Tender(TenderKind.CASH, 2000))
    commit(b, group_buy.group_buy_id, 2, "0041 79 555 00 00", Tender(TenderKind.CARD, 4000, "T-901"))
    sync(a)
    sync(b)

    closed = close(store, hub.event_id, group_buy, key)
    assert (closed.group_buy.state, closed.refunds_due, closed.pickup_orders) == ("missed", 2, 0)
    assert store.pickup_orders(hub.event_id) == []
    sync(b)
    sync(a)

    due = refunds_due(a.till.uow())
    assert [(item.receipt_no, item.amount, item.refunded) for item in due] == [
        ("A-000001", 2000, False),
        ("B-000001", 4000, False),
    ]
    cash = refund_commitment(RefundCommitment(due[0].commitment_id, a.cashier), a.till.uow())
    assert [(refund.kind, refund.amount) for refund in cash.refunds] == [("cash", 2000)]
    # B's commitment, paid by card on B, refunded at A's desk through the terminal.
    card = refund_commitment(RefundCommitment(due[1].commitment_id, a.cashier, {0: "R-55"}), a.till.uow())
    assert [(refund.kind, refund.amount, refund.reference) for refund in card.refunds] == [("card", 4000, "R-55")]
    assert all(item.refunded for item in refunds_due(a.till.uow()))
    with pytest.raises(RuleViolation, match="already refunded"):
        refund_commitment(RefundCommitment(due[0].commitment_id, a.cashier), a.till.uow())
    assert "missed" in line_of(a, group_buy.group_buy_id)


def test_late_commitments_are_refused_at_the_counter_and_flagged_on_the_hub(
    hub: HubEvent, key: bytes, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    store = hub.hub.store
    a, _b = tills
    group_buy = open_group_buy(store, hub.event_id, minimum=1)
    sync(a)
    deadline = datetime.fromisoformat(group_buy.deadline)

    clock.set_clock(lambda: deadline)
    with pytest.raises(RuleViolation, match="closed at"):
        commit(a, group_buy.group_buy_id, 1, "late@example.ch", Tender(TenderKind.CASH, 2000))

    # Taken offline a minute before the deadline, it reaches the hub only after the close.
    clock.set_clock(lambda: deadline - timedelta(minutes=1))
    commit(a, group_buy.group_buy_id, 1, "offline@example.ch", Tender(TenderKind.CASH, 2000))
    clock.set_clock(None)
    closed = close(store, hub.event_id, group_buy, key)
    assert (closed.group_buy.state, closed.group_buy.committed) == ("missed", 0)
    sync(a)
    flagged = [conflict for conflict in store.conflicts() if conflict["kind"] == "group_buy_late"]
    assert len(flagged) == 1 and flagged[0]["subject"] == group_buy.group_buy_id
    with store.engine.connect() as connection:
        answered = connection.execute(select(inbox.c.status).where(inbox.c.type == "group_buy.committed")).scalars()
        assert list(answered) == ["conflict"]
    assert [(item.receipt_no, item.late) for item in refunds_due(a.till.uow())] == [("A-000001", True)]


def test_popup_hub_groupbuys_add_list_close(
    hub: HubEvent, key: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = hub.hub.store
    database = str(store.engine.url.render_as_string(hide_password=False))
    deadline = (datetime.now(UTC) + timedelta(days=1)).isoformat(timespec="seconds")
    args = ["--db", database, "groupbuys"]
    assert hub_main([*args, "add", "--event", hub.event_id, "--name", "Mugs", "--sku", SKU, "--minimum", "5",
                     "--deadline", deadline, "--price", "12.50", "--payment", "full"]) == 0  # fmt: skip
    group_buy_id = capsys.readouterr().out.split("\t")[0]
    assert hub_main([*args, "list", "--event", hub.event_id]) == 0
    listed = capsys.readouterr().out
    assert "Mugs" in listed and "0 of 5" in listed
    assert hub_main([*args, "close", group_buy_id, "--event", hub.event_id]) == 2
    assert "open until" in capsys.readouterr().err
    assert hub_main([*args, "add", "--event", hub.event_id, "--name", "X", "--sku", "NOPE", "--minimum", "5",
                     "--deadline", deadline, "--price", "1"]) == 2  # fmt: skip
    assert "No product with SKU NOPE" in capsys.readouterr().err
    with store.engine.connect() as connection:
        feed = [
            json.loads(row[0])
            for row in connection.exec_driver_sql("SELECT data FROM changes WHERE kind = 'group_buy'").all()
        ]
    assert [(entry["name"], entry["price"], entry["payment"]) for entry in feed] == [("Mugs", 1250, "full")]


@pytest.fixture
def admin(hub: HubEvent, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Admin:
    """A served hub signing its API's orders, and a marketplace key with every scope (tests/sync/test_admin_api.py)."""
    url = url_of(hub.hub.store.engine)
    sign_orders_with(hub, tmp_path)
    return Admin(hub, url, new_key(url, "shop", ALL_SCOPES, capsys))


def test_the_admin_api_opens_lists_and_closes_a_group_buy_with_webhooks(admin: Admin, tmp_path: Path) -> None:
    desk = enrolled_till(admin.hub.hub.url, admin.store, admin.hub.event_id, tmp_path / "desk", code="P")
    event_id = admin.hub.event_id
    store = admin.store
    with store.engine.begin() as connection:
        subscribe(connection, event_id, "https://shop.example/hooks", ["group_buy.pickup_order"])
    path = f"/events/{event_id}/group-buys"
    # Close enough to wait for, far enough that the refusals below come before it on a busy machine.
    deadline = datetime.now(UTC) + timedelta(seconds=5)
    body = {"name": "Mugs", "sku": SKU, "minimum": 1, "deadline": deadline.isoformat(), "price": 1500}
    created = admin.call("POST", path, json=body)
    assert created.status_code == 201, created.text
    group_buy_id = created.json()["group_buy_id"]
    assert admin.call("POST", path, json={**body, "deadline": "tomorrow"}).status_code == 409
    assert admin.call("POST", path, json={**body, "minimum": 0}).status_code == 422
    assert admin.call("POST", f"{path}/{group_buy_id}/close").status_code == 409  # before the deadline

    sync(desk)
    # Taken before the deadline by the till's clock, however long the sync before took; the hub takes it
    # until the group buy is closed.
    clock.set_clock(lambda: deadline - timedelta(seconds=1))
    try:
        commit(desk, group_buy_id, 1, "mia@example.ch", Tender(TenderKind.CASH, 1500))
    finally:
        clock.set_clock(None)
    sync(desk)
    listed = admin.call("GET", path).json()
    assert [(item["name"], item["committed"], item["state"]) for item in listed] == [("Mugs", 1, "open")]

    time.sleep(max(0.0, (deadline - datetime.now(UTC)).total_seconds()) + 0.1)
    closed = admin.call("POST", f"{path}/{group_buy_id}/close")
    assert closed.status_code == 200, closed.text
    assert (closed.json()["group_buy"]["state"], closed.json()["pickup_orders"]) == ("reached", 1)
    assert admin.call("POST", f"{path}/{group_buy_id}/close").json()["closed_now"] is False
    assert admin.call("POST", f"{path}/not-an-id/close").status_code == 404
    with store.engine.connect() as connection:
        (payload,) = connection.execute(
            select(webhook_outbox.c.payload).where(webhook_outbox.c.type == "group_buy.pickup_order")
        ).scalars()
    sent = json.loads(payload)
    data = sent.get("data", sent)
    assert (data["contact"], data["order_number"]) == ("mia@example.ch", "GB-P-000001")
    sync(desk)
    assert isinstance(scan_pickup(data["code"], desk.till.uow()), PickupCard)
    desk.till.close()
