"""A group buy opened by a manager on a till, over real HTTP (docs/group_buys.md, "Set by a manager").

Opened on till A, it reaches the hub and till B; both take commitments and
show the progress the hub counts; the hub closes it. A change keeps the
terms the customers paid for; a cancellation refunds on every till; an older
change arriving late changes nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.domain.errors import PermissionDenied, RuleViolation
from app.domain.ids import new_id
from app.domain.tenders import Tender, TenderKind
from app.services.audit import verify_audit_trail
from app.services.group_buy_admin import GroupBuyInput, cancel_group_buy, set_group_buy
from app.services.group_buy_refunds import refunds_due
from sync.hub.store import group_buys as hub_group_buys
from sync.hub.store.group_buy_changes import keep_group_buy
from sync.hub.store.schema import group_buys, inbox, webhook_outbox
from sync.hub.store.webhook_outbox import subscribe
from sync.records import GroupBuySet
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.group_buy_actions import SKU, commit, line_of
from tests.sync.till_actions import sync


@pytest.fixture
def key(hub: HubEvent) -> bytes:
    _key_id, private_key = hub.hub.store.create_signing_key()
    return private_key


@pytest.fixture
def tills(hub: HubEvent, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill]]:
    a = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a", code="A")
    b = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B")
    sync(a)  # the catalog
    sync(b)
    yield a, b
    a.till.close()
    b.till.close()


def in_two_hours() -> str:
    return (datetime.now(UTC) + timedelta(hours=2)).replace(microsecond=0).isoformat()


def teapot(minimum: int = 3, price: str = "20.00", group_buy_id: str = "", deadline: str = "") -> GroupBuyInput:
    return GroupBuyInput("Teapot run", SKU, minimum, deadline or in_two_hours(), price, "deposit", group_buy_id)


def test_a_group_buy_opened_on_a_till_is_taken_on_another_and_closed_by_the_hub(
    hub: HubEvent, key: bytes, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    store = hub.hub.store
    a, b = tills
    with pytest.raises(PermissionDenied):
        set_group_buy(teapot(), a.cashier, a.till.uow())
    opened = set_group_buy(teapot(minimum=3), a.manager, a.till.uow())
    # Till A's own counter takes commitments before any sync.
    assert line_of(a, opened.group_buy_id).startswith("0 of 3, closes ")
    commit(a, opened.group_buy_id, 1, "ada@example.ch", Tender(TenderKind.CASH, 2000))
    sync(a)
    sync(b)
    assert line_of(b, opened.group_buy_id).startswith("1 of 3, closes ")
    commit(b, opened.group_buy_id, 2, "+41 79 555 12 34", Tender(TenderKind.CARD, 4000, "T-1"))
    sync(b)
    sync(a)
    assert line_of(a, opened.group_buy_id).startswith("3 of 3")
    assert line_of(b, opened.group_buy_id).startswith("3 of 3")

    with store.engine.connect() as connection:
        row = connection.execute(select(group_buys).where(group_buys.c.id == opened.group_buy_id)).one()
        statuses = connection.execute(select(inbox.c.status).where(inbox.c.type == "group_buy.changed")).scalars()
        assert list(statuses) == ["applied"]
    assert (row.event_id, row.minimum, row.price, row.changed_by, row.state) == (hub.event_id, 3, 2000, "Alex", "open")

    listed = hub_group_buys.list_group_buys
    with store.engine.connect() as connection:
        state = next(item for item in listed(connection, hub.event_id) if item.group_buy_id == opened.group_buy_id)
    after = datetime.fromisoformat(state.deadline) + timedelta(seconds=1)
    with store.engine.begin() as connection:
        closed = hub_group_buys.close_group_buy(connection, hub.event_id, opened.group_buy_id, key, after)
    assert (closed.group_buy.state, closed.pickup_orders) == ("reached", 2)
    sync(a)
    sync(b)
    assert "reached" in line_of(a, opened.group_buy_id)
    assert "reached" in line_of(b, opened.group_buy_id)
    # Closed, it can no longer be changed nor cancelled.
    with pytest.raises(RuleViolation, match="already closed"):
        cancel_group_buy(opened.group_buy_id, a.manager, a.till.uow())


def test_a_change_keeps_the_paid_terms_and_a_cancellation_refunds_everywhere(
    hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    store = hub.hub.store
    a, b = tills
    with store.engine.begin() as connection:
        subscribe(connection, hub.event_id, "https://shop.example/hooks", ["group_buy.refund_due"])
    opened = set_group_buy(teapot(minimum=10), a.manager, a.till.uow())
    sync(a)
    sync(b)
    commit(b, opened.group_buy_id, 2, "ben@example.ch", Tender(TenderKind.CASH, 4000))
    sync(b)
    sync(a)
    # The money taken was for CHF 20 a unit: the price stays; the minimum may move.
    with pytest.raises(RuleViolation, match="price and payment stay"):
        set_group_buy(teapot(minimum=10, price="25.00", group_buy_id=opened.group_buy_id), a.manager, a.till.uow())
    # A till that did not know of B's commitment yet would send a new price: the hub refuses it.
    with store.engine.begin() as connection:
        held = connection.execute(select(group_buys).where(group_buys.c.id == opened.group_buy_id)).one()
        repriced = GroupBuySet(
            group_buy_id=held.id,
            name=held.name,
            sku=held.sku,
            minimum=held.minimum,
            deadline=held.deadline,
            price=2500,
            payment="deposit",
            currency="CHF",
            cancelled=False,
            changed_at=datetime.now(UTC).isoformat(),
            change_id=new_id(),
            changed_by="Alex",
        )
        status, reason = keep_group_buy(connection, hub.event_id, repriced)
        assert status == "rejected" and reason is not None and "price and payment stay" in reason
        assert connection.scalar(select(group_buys.c.price).where(group_buys.c.id == held.id)) == 2000
    before = line_of(a, opened.group_buy_id)
    set_group_buy(teapot(minimum=5, group_buy_id=opened.group_buy_id), a.manager, a.till.uow())
    sync(a)
    sync(b)
    assert line_of(b, opened.group_buy_id).startswith("2 of 5") and before.startswith("2 of 10")

    cancel_group_buy(opened.group_buy_id, a.manager, a.till.uow())
    assert line_of(a, opened.group_buy_id) == "2 of 5: cancelled, commitments are refunded"
    sync(a)
    sync(b)
    assert line_of(b, opened.group_buy_id) == "2 of 5: cancelled, commitments are refunded"
    due = refunds_due(b.till.uow())
    assert [(item.receipt_no, item.amount, item.refunded) for item in due] == [("B-000001", 4000, False)]
    with pytest.raises(RuleViolation, match="is closed: no more commitments"):
        commit(b, opened.group_buy_id, 1, "late@example.ch", Tender(TenderKind.CASH, 2000))
    with store.engine.connect() as connection:
        row = connection.execute(select(group_buys).where(group_buys.c.id == opened.group_buy_id)).one()
        payloads = connection.execute(
            select(webhook_outbox.c.payload).where(webhook_outbox.c.type == "group_buy.refund_due")
        ).scalars()
        sent = [json.loads(payload) for payload in payloads]
    assert (row.state, row.minimum) == ("cancelled", 5)
    # The marketplace hears of the refund with the customer's contact, to tell them.
    assert [(item.get("data", item)["contact"], item.get("data", item)["amount"]) for item in sent] == [
        ("ben@example.ch", 4000)
    ]
    with a.till.uow() as uow:
        actions = [e.fields.action for e in uow.audit.entries() if e.fields.subject == opened.group_buy_id]
    assert actions == ["group_buy.changed", "group_buy.changed", "group_buy.cancelled"]
    assert verify_audit_trail(a.till.uow()).problems == ()


def test_an_older_change_arriving_late_changes_nothing(hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]) -> None:
    store = hub.hub.store
    a, _b = tills
    opened = set_group_buy(teapot(minimum=4), a.manager, a.till.uow())
    sync(a)
    with store.engine.connect() as connection:
        row = connection.execute(select(group_buys).where(group_buys.c.id == opened.group_buy_id)).one()
    older = GroupBuySet(
        group_buy_id=opened.group_buy_id,
        name="Teapot run",
        sku=SKU,
        minimum=40,
        deadline=row.deadline,
        price=2000,
        payment="deposit",
        currency="CHF",
        cancelled=False,
        changed_at=(datetime.fromisoformat(row.changed_at) - timedelta(minutes=5)).isoformat(),
        change_id=new_id(),
        changed_by="Alex",
    )
    with store.engine.begin() as connection:
        status, note = keep_group_buy(connection, hub.event_id, older)
        assert status == "applied" and note is not None and "later change" in note
        assert connection.scalar(select(group_buys.c.minimum).where(group_buys.c.id == opened.group_buy_id)) == 4
        wrong = older.model_copy(update={"currency": "EUR", "changed_at": datetime.now(UTC).isoformat()})
        assert keep_group_buy(connection, hub.event_id, wrong)[0] == "rejected"


def test_popup_pos_groupbuys_add_list_cancel(
    hub: HubEvent,
    tills: tuple[EnrolledTill, EnrolledTill],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, _b = tills
    folder = ["--data-dir", str(a.till.data_dir)]
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    deadline = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    add = ["groupbuys", "add", "Teapot run", "--sku", SKU, "--minimum", "50", "--deadline", deadline]
    assert main([*folder, *add, "--price", "20.00", "--staff", "Alex"]) == 0
    group_buy_id = capsys.readouterr().out.split()[2]
    assert main([*folder, "groupbuys", "list"]) == 0
    listed = capsys.readouterr().out
    assert f"{group_buy_id}\tTeapot run\t{SKU}\t" in listed and "0 of 50, closes " in listed

    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    past = ["groupbuys", "add", "Old", "--sku", SKU, "--minimum", "5", "--deadline", "2020-01-01 10:00"]
    assert main([*folder, *past, "--price", "5.00", "--staff", "Alex"]) == 2
    assert "already past" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))
    assert main([*folder, "groupbuys", "cancel", group_buy_id, "--staff", "Sam"]) == 2  # a cashier may not
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert main([*folder, "groupbuys", "cancel", group_buy_id, "--staff", "Alex"]) == 0
    assert "cancelled" in capsys.readouterr().out
