"""Drops set by a manager on a till and drop units given back at the returns desk, over real HTTP with the hub
(SQLite and PostgreSQL) and two tills: a drop set on till A is enforced on till B, the latest definition wins and
never resets the hub's counts, a restocked unit goes back to the counter's allocation at once on the till and on
the hub when the return arrives, a unit on quality hold does not (docs/drops.md)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from app.domain.returns import Disposition, ReturnLineRequest
from app.services import carts
from app.services.audit import verify_audit_trail
from app.services.drop_admin import DropInput, drop_rows, set_drop
from app.services.drop_counts import drop_left
from app.services.event_export import export_report_csv
from app.services.event_report import event_report
from app.services.returns import RecordReturn, record_return
from sync.hub.cli import main as popup_hub
from sync.hub.store.drops import drop_figures, find_drop, list_drops, move_allocation
from sync.hub.store.schema import drop_log
from sync.protocol import AnswerStatus, PushRecord
from tests.integration.drop_sales import drop_csv_rows
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.drop_answers import BLUE, SPECKLED, answers
from tests.sync.till_actions import sell, sync

MUGS = DropInput(
    name="Mugs",
    skus=(SPECKLED, BLUE),
    release_at="2026-01-01 14:00",
    online_allocation=30,
    counter_allocation=3,
    per_sale_cap=2,
)


@pytest.fixture
def tills(hub: HubEvent, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill]]:
    till_a = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a", code="A")
    sync(till_a)  # its staff reach the hub
    till_b = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B", staff_from_hub=True)
    yield till_a, till_b
    till_a.till.close()
    till_b.till.close()


def hub_counts(hub: HubEvent, drop_id: str) -> tuple[int, int, dict[str, int]]:
    with hub.hub.store.engine.connect() as connection:
        change = find_drop(connection, hub.event_id, drop_id).change
    return change.counter_allocation, change.online_allocation, dict(change.counter_sold)


def test_a_drop_set_on_till_a_is_enforced_on_till_b(hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]) -> None:
    till_a, till_b = tills
    row = set_drop(MUGS, till_a.manager, till_a.till.uow())
    assert (row.counter_left, row.per_sale_cap) == (3, 2)
    # A time typed without a zone is the event's, and travels with it.
    assert "+" in row.release_at or row.release_at.endswith("Z") or row.release_at[-6] in "+-"
    sync(till_a)
    sync(till_b)
    assert answers(till_a, "drop.set") == ["applied"]
    assert drop_left([SPECKLED, BLUE], till_b.till.uow()) == {SPECKLED: 3, BLUE: 3}
    cart_id = carts.current_cart(till_b.cashier, till_b.till.uow()).cart.cart_id
    carts.scan(cart_id, SPECKLED, till_b.cashier, till_b.till.uow())
    carts.scan(cart_id, BLUE, till_b.cashier, till_b.till.uow())
    with pytest.raises(RuleViolation, match="At most 2 per sale of drop Mugs"):
        carts.scan(cart_id, BLUE, till_b.cashier, till_b.till.uow())
    with hub.hub.store.engine.connect() as connection:
        logged = connection.execute(select(drop_log.c.changed_by, drop_log.c.action)).all()
    assert [tuple(entry) for entry in logged] == [("till A: Alex", "drop.set")]
    assert hub_counts(hub, row.drop_id) == (3, 30, {})
    with till_a.till.uow() as uow:
        [entry] = [e.fields for e in uow.audit.entries() if e.fields.action == "drop.set"]
    assert (entry.staff_id, entry.subject) == (till_a.manager, row.drop_id)
    assert json.loads(entry.details)["drop"]["counter_allocation"] == 3
    for till in tills:
        assert verify_audit_trail(till.till.uow()).problems == ()


def test_a_cashier_may_not_set_a_drop_and_a_bad_one_is_refused_with_what_to_change(
    tills: tuple[EnrolledTill, EnrolledTill],
) -> None:
    till_a = tills[0]
    with pytest.raises(PermissionDenied):
        set_drop(MUGS, till_a.cashier, till_a.till.uow())
    with pytest.raises(InvalidInput, match="per-sale cap is larger than the per-customer cap"):
        set_drop(replace(MUGS, per_sale_cap=3, per_customer_cap=2), till_a.manager, till_a.till.uow())
    with pytest.raises(InvalidInput, match="SKU NOPE-1"):
        set_drop(replace(MUGS, skus=("NOPE-1",)), till_a.manager, till_a.till.uow())
    with pytest.raises(InvalidInput, match="is not a date and time"):
        set_drop(replace(MUGS, release_at="tomorrow"), till_a.manager, till_a.till.uow())
    with pytest.raises(InvalidInput, match="whole numbers, 0 or more"):
        set_drop(replace(MUGS, counter_allocation=-1), till_a.manager, till_a.till.uow())
    with pytest.raises(InvalidInput, match="from 1 to 9999, or empty for none"):
        set_drop(replace(MUGS, per_sale_cap=0), till_a.manager, till_a.till.uow())
    with pytest.raises(InvalidInput, match="Give the drop a name"):
        set_drop(replace(MUGS, name="  "), till_a.manager, till_a.till.uow())
    with pytest.raises(InvalidInput, match="at least one product"):
        set_drop(replace(MUGS, skus=()), till_a.manager, till_a.till.uow())
    with till_a.till.uow() as uow:
        assert all(record.type != "drop.set" for record in uow.outbox.records())
    assert drop_rows(till_a.till.uow()) == []


def test_the_latest_definition_wins_and_never_resets_the_counts(
    hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_a, till_b = tills
    drop_id = set_drop(MUGS, till_a.manager, till_a.till.uow()).drop_id
    sync(till_a)
    sync(till_b)
    sell(till_b, BLUE)
    sync(till_b)
    assert hub_counts(hub, drop_id) == (3, 30, {"B": 1})
    # The hub moves 2 units from online to the counter: a definition made before the move does not undo it.
    older = replace(MUGS, drop_id=drop_id, counter_allocation=4)
    set_drop(older, till_b.manager, till_b.till.uow())
    with hub.hub.store.engine.begin() as connection:
        move_allocation(connection, hub.event_id, drop_id, 2)
    sync(till_b)
    assert answers(till_b, "drop.set") == ["applied"]  # kept in the hub's inbox, not in force
    assert hub_counts(hub, drop_id) == (5, 28, {"B": 1})
    # A later definition on A wins: the terms change, B's sale stays counted.
    set_drop(replace(older, counter_allocation=6, online_allocation=20), till_a.manager, till_a.till.uow())
    sync(till_a)
    sync(till_b)
    assert hub_counts(hub, drop_id) == (6, 20, {"B": 1})
    assert drop_left([BLUE], till_a.till.uow()) == drop_left([BLUE], till_b.till.uow()) == {BLUE: 5}


def test_a_restocked_drop_unit_goes_back_to_the_counter_and_a_held_one_does_not(
    hub: HubEvent, hub_url: str, tills: tuple[EnrolledTill, EnrolledTill], tmp_path: Path
) -> None:
    till_a, till_b = tills
    drop_id = set_drop(MUGS, till_a.manager, till_a.till.uow()).drop_id
    sync(till_a)
    sync(till_b)
    sale = sell(till_a, SPECKLED, BLUE)
    assert drop_left([SPECKLED], till_a.till.uow()) == {SPECKLED: 1}
    back = ReturnLineRequest(1, 1, "changed mind", Disposition.RESTOCK)
    record_return(
        RecordReturn(till_a.cashier, sale.sale_id, (back,), card_refund_references={0: "R-1"}), till_a.till.uow()
    )
    # On the till at once.
    assert drop_left([SPECKLED], till_a.till.uow()) == {SPECKLED: 2}
    held = ReturnLineRequest(2, 1, "chipped", Disposition.QUALITY_HOLD)
    record_return(
        RecordReturn(till_a.cashier, sale.sale_id, (held,), card_refund_references={0: "R-2"}), till_a.till.uow()
    )
    assert drop_left([SPECKLED], till_a.till.uow()) == {SPECKLED: 2}
    sync(till_a)
    assert answers(till_a, "drop.returned") == ["applied"]
    # On the hub when the return arrives, and so on every till.
    assert hub_counts(hub, drop_id) == (3, 30, {"A": 1})
    sync(till_b)
    assert drop_left([BLUE], till_b.till.uow()) == {BLUE: 2}
    with hub.hub.store.engine.connect() as connection:
        [figures] = drop_figures(connection, hub.event_id)
    assert (figures.counter_sold, figures.counter_allocation, figures.sold_out_after_seconds) == (1, 3, None)
    # The hub's CSV and till B's report (A's sale pulled) say the same.
    hub_csv = tmp_path / "hub.csv"
    assert popup_hub(["--db", hub_url, "report", "event", "--event", hub.event_id, "--csv", str(hub_csv)]) == 0
    key = f"Mugs / {figures.release_at}"
    expected = [
        ("drop_allocated", key, "3"),
        ("drop_sold", key, "1"),
        ("drop_sell_through_percent", key, "33"),
        ("drop_sold_out_after_seconds", key, ""),
    ]
    assert drop_csv_rows(hub_csv) == expected
    till_csv = export_report_csv(tmp_path / "till-b.csv", till_b.till.uow())
    assert drop_csv_rows(till_csv) == expected
    [on_b] = event_report(till_b.till.uow()).drops
    assert on_b.last_sale_at == figures.last_sale_at is not None


def test_hostile_drop_set_and_returned_records_are_answered_on_their_own(
    hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_a = tills[0]
    store = hub.hub.store
    drop_id = set_drop(MUGS, till_a.manager, till_a.till.uow()).drop_id
    sync(till_a)
    with till_a.till.uow() as uow:
        identity = store.till_by_id(uow.tills.this_till().till_id)
    assert identity is not None
    other = str(uuid.uuid4())

    def defined(seq: int, **changes: object) -> PushRecord:
        payload: dict[str, object] = {
            "drop_id": other,
            "name": "Cups",
            "skus": ["ATE-001"],
            "release_at": "2026-12-05T14:00:00+01:00",
            "online_allocation": 0,
            "counter_allocation": 5,
            "per_sale_cap": None,
            "per_customer_cap": None,
            "changed_at": "2026-12-05T10:00:00+00:00",
            "change_id": str(uuid.uuid4()),
            "changed_by": "Alex",
            **changes,
        }
        return PushRecord(event_id=str(uuid.uuid4()), till_seq=seq, type="drop.set", schema_version=1, payload=payload)

    def returned(seq: int, **changes: object) -> PushRecord:
        payload: dict[str, object] = {
            "return_id": str(uuid.uuid4()),
            "sale_id": str(uuid.uuid4()),
            "drop_id": drop_id,
            "till_code": "A",
            "lines": [{"sku": SPECKLED, "quantity": 1}],
            "returned_at": "2026-12-05T15:00:00+00:00",
            **changes,
        }
        record_type = "drop.returned"
        return PushRecord(event_id=str(uuid.uuid4()), till_seq=seq, type=record_type, schema_version=1, payload=payload)

    repeated = returned(108)
    answered = store.push(
        identity,
        [
            defined(101, skus=["NOPE-1"]),
            defined(102, skus=[SPECKLED]),
            defined(103, per_sale_cap=3, per_customer_cap=2),
            defined(104, release_at="2026-12-05 14:00"),
            returned(105, till_code="B"),
            returned(106, lines=[{"sku": "ATE-001", "quantity": 1}]),
            returned(107, drop_id=str(uuid.uuid4())),
            repeated,
            returned(109, return_id=repeated.payload["return_id"]),
        ],
    )
    assert [answer.status for answer in answered] == [
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.APPLIED,
        AnswerStatus.APPLIED,
    ]
    reasons = [str(answer.reason) for answer in answered]
    assert "no product NOPE-1" in reasons[0]
    assert f"{SPECKLED} already in another drop" in reasons[1]
    assert "per-sale cap is larger" in reasons[2]
    assert "names till B" in reasons[4]
    assert "ATE-001 not in drop Mugs" in reasons[5]
    assert "no drop" in reasons[6]
    assert "counted before" in reasons[8]
    # A return of a sale the hub never counted for the drop gives nothing back; the drop stands as set.
    assert hub_counts(hub, drop_id) == (3, 30, {})
    with store.engine.connect() as connection:
        assert [state.change.name for state in list_drops(connection, hub.event_id)] == ["Mugs"]


def test_a_unit_of_till_as_sale_restocked_on_till_b_comes_back_everywhere_after_sync(
    hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_a, till_b = tills
    drop_id = set_drop(MUGS, till_a.manager, till_a.till.uow()).drop_id
    sync(till_a)
    sale = sell(till_a, SPECKLED, BLUE)
    sync(till_a)
    sync(till_b)  # B learns A's sale (its receipt can come back there) and the count
    assert drop_left([BLUE], till_b.till.uow()) == {BLUE: 1}
    back = ReturnLineRequest(2, 1, "changed mind", Disposition.RESTOCK)
    returned = RecordReturn(till_b.cashier, sale.sale_id, (back,), card_refund_references={0: "R-9"})
    record_return(returned, till_b.till.uow())
    sync(till_b)
    assert answers(till_b, "drop.returned") == ["applied"]
    # Off the count of the till that sold it.
    assert hub_counts(hub, drop_id) == (3, 30, {"A": 1})
    sync(till_a)
    sync(till_b)
    assert drop_left([BLUE], till_a.till.uow()) == drop_left([BLUE], till_b.till.uow()) == {BLUE: 2}
