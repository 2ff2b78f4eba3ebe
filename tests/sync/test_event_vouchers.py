"""Event-wide vouchers over real HTTP, on SQLite and PostgreSQL: a voucher issued anywhere pays on every till,
and one spent beyond its amount across tills is flagged once with the amounts, every sale kept."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.clock import now_iso
from app.domain.errors import NotFound, RuleViolation
from app.domain.returns import Disposition, RefundMethod, ReturnLineRequest
from app.services.returns import RecordReturn, record_return
from app.services.sync_status import sync_status
from app.services.vouchers import issue_voucher, voucher_for_payment
from app.store.schema import voucher_ledger
from sync.hub.cli import main as popup_hub
from sync.hub.store import AuthenticatedTill, HubStore, _publish
from sync.hub.store.vouchers import issue_voucher as issue_on_hub
from sync.hub.store.vouchers import list_vouchers
from sync.protocol import AnswerStatus, PushRecord
from sync.voucher_codes import new_voucher_code
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sell, sync
from tests.sync.voucher_payments import hub_voucher, pay_with_voucher, remaining
from tests.sync.voucher_records import issue_record, new_event, sale_record


def pulled_ledger(till: EnrolledTill, code: str) -> list[tuple[str, int, str]]:
    with till.till.uow() as uow:
        rows = uow.connection.execute(
            select(voucher_ledger.c.sale_id, voucher_ledger.c.amount, voucher_ledger.c.till_code)
            .where(voucher_ledger.c.voucher_code == code)
            .order_by(voucher_ledger.c.sale_id)
        )
        return [tuple(row) for row in rows]


def overspent_conflicts(store: HubStore) -> list[dict[str, object]]:
    return [conflict for conflict in store.conflicts() if conflict["kind"] == "voucher_overspent"]


@pytest.fixture
def tills_b_c(hub: HubEvent, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill]]:
    store = hub.hub.store
    till_b = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-b", code="B")
    till_c = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-c", code="C")
    for sku in ("BER-003", "BER-005", "BER-001", "ATE-001", "ATE-004"):
        store.set_stock(hub.event_id, sku, 20)
    yield till_b, till_c
    till_b.till.close()
    till_c.till.close()


def test_store_credit_from_a_return_on_till_a_is_spent_on_till_b(
    hub: HubEvent, till_a: EnrolledTill, tills_b_c: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_b, _till_c = tills_b_c
    sync(till_a)
    sync(till_b)
    sale = sell(till_a, "BER-003")
    back = (ReturnLineRequest(1, 1, "changed mind", Disposition.RESTOCK),)
    credit = record_return(
        RecordReturn(till_a.cashier, sale.sale_id, back, method=RefundMethod.STORE_CREDIT), till_a.till.uow()
    )
    code = credit.voucher_code
    assert code is not None and credit.refund_total == 3200
    with pytest.raises(NotFound, match="not known on this till"):
        voucher_for_payment(code, till_b.till.uow())

    sync(till_a)
    sync(till_b)
    assert voucher_for_payment(code, till_b.till.uow()).remaining == 3200
    pay_with_voucher(till_b, code, 1290, "ATE-001")
    # Till A spends from it too, offline from B's sale.
    pay_with_voucher(till_a, code, 950, "ATE-004")
    assert remaining(till_a, code) == 3200 - 950
    sync(till_b)
    sync(till_a)

    assert remaining(till_a, code) == 3200 - 950 - 1290, "B's sale counted, A's own counted once"
    sync(till_b)
    assert remaining(till_b, code) == 3200 - 950 - 1290
    state = hub_voucher(hub.hub.store, hub.event_id, code)
    assert (state.issued, state.spent, state.issued_by) == (3200, 2240, "A")
    assert sorted(r.till_code for r in state.redemptions) == ["A", "B"]
    assert overspent_conflicts(hub.hub.store) == []


def test_a_voucher_spent_offline_on_two_tills_beyond_its_amount_is_one_conflict_and_both_sales_stay(
    hub: HubEvent, till_a: EnrolledTill, tills_b_c: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_b, till_c = tills_b_c
    store = hub.hub.store
    code = issue_voucher(2500, "goodwill", till_a.manager, till_a.till.uow()).code
    for till in (till_a, till_b, till_c):
        sync(till)
    # Both offline, each within what it knows.
    sale_b = pay_with_voucher(till_b, code, 2000, "BER-005")
    sale_c = pay_with_voucher(till_c, code, 1800, "BER-001")
    sync(till_b)
    assert overspent_conflicts(store) == []
    sync(till_c)

    [flagged] = overspent_conflicts(store)
    assert flagged["subject"] == code
    details = json.loads(str(flagged["details"]))
    assert (details["issued"], details["spent"], details["over"], details["tills"]) == (2500, 3800, 1300, ["B", "C"])
    [reason] = [item.reason for item in sync_status(till_c.till.uow()).conflicts]
    assert f"voucher {code} is over-spent: CHF 38.00 spent of CHF 25.00 issued, CHF 13.00 over (tills B, C)" in (
        reason or ""
    )
    state = hub_voucher(store, hub.event_id, code)
    assert {r.sale_id for r in state.redemptions} == {sale_b.sale_id, sale_c.sale_id}
    assert (state.spent, state.left, state.overspent) == (3800, -1300, True)

    for till in (till_a, till_b, till_c):
        sync(till)
    ledger = pulled_ledger(till_b, code)
    assert len(ledger) == 2
    assert remaining(till_b, code) == -1300
    sync(till_b)
    assert pulled_ledger(till_b, code) == ledger, "pulling again changes nothing"
    assert remaining(till_b, code) == -1300
    with pytest.raises(RuleViolation, match="used up"):
        voucher_for_payment(code, till_a.till.uow())
    assert len(overspent_conflicts(store)) == 1, "flagged once, however often the tills sync"


def test_redemptions_that_arrive_before_the_issue_are_checked_when_it_arrives(
    hub: HubEvent, till_a: EnrolledTill, tills_b_c: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_b, till_c = tills_b_c
    store = hub.hub.store
    code = issue_voucher(2500, "prize", till_a.manager, till_a.till.uow()).code
    with till_a.till.uow() as uow:
        known = uow.vouchers.known(code)
    assert known is not None
    # B and C learn of it by hand before A has pushed (a gift card read out over the phone, say).
    for till in (till_b, till_c):
        sync(till)
        with till.till.uow() as uow:
            uow.vouchers.issue(code, "CHF", 2500, "by hand", None, now_iso(), voucher_id=known.voucher_id)
            uow.commit()
    pay_with_voucher(till_b, code, 2000, "BER-005")
    pay_with_voucher(till_c, code, 1500, "BER-001")
    sync(till_b)
    sync(till_c)
    waiting = hub_voucher(store, hub.event_id, code)
    assert (waiting.issued, waiting.spent) == (None, 3500)
    assert overspent_conflicts(store) == []

    sync(till_a)
    [flagged] = overspent_conflicts(store)
    assert json.loads(str(flagged["details"]))["over"] == 1000
    assert "over-spent" in (sync_status(till_a.till.uow()).conflicts[0].reason or "")
    sync(till_b)
    assert remaining(till_b, code) == -1000


def test_a_voucher_the_marketplace_issues_pays_at_a_till(
    hub_url: str, hub: HubEvent, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    assert popup_hub(["--db", hub_url, "voucher", "issue", "--event", hub.event_id, "--amount", "20.00"]) == 0
    code = capsys.readouterr().out.strip()
    hub.hub.store.set_stock(hub.event_id, "BER-003", 5)
    sync(till_a)
    assert voucher_for_payment(code, till_a.till.uow()).remaining == 2000
    sale = pay_with_voucher(till_a, code, 2000, "BER-003")
    sync(till_a)

    assert popup_hub(["--db", hub_url, "voucher", "list", "--event", hub.event_id]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["code", "issued", "spent", "left", "issued", "by", "state"]
    assert listing[1].split() == [code, "CHF", "20.00", "CHF", "20.00", "CHF", "0.00", "marketplace", "used", "up"]
    assert popup_hub(["--db", hub_url, "voucher", "show", code.lower()]) == 0
    shown = capsys.readouterr().out
    assert f"till A  sale {sale.sale_id}  CHF 20.00" in shown
    assert "issued CHF 20.00 by marketplace" in shown


def test_the_voucher_commands_refuse_bad_input_with_a_message(
    hub_url: str, hub: HubEvent, capsys: pytest.CaptureFixture[str]
) -> None:
    assert popup_hub(["--db", hub_url, "voucher", "issue", "--event", hub.event_id, "--amount", "0"]) == 2
    assert "more than zero" in capsys.readouterr().err
    assert popup_hub(["--db", hub_url, "voucher", "issue", "--event", hub.event_id, "--amount", "20.001"]) == 2
    assert "decimals" in capsys.readouterr().err
    assert popup_hub(["--db", hub_url, "voucher", "issue", "--event", "nope", "--amount", "5"]) == 2
    assert "No event nope" in capsys.readouterr().err
    assert popup_hub(["--db", hub_url, "voucher", "show", "V-123"]) == 2
    assert "is not a voucher code" in capsys.readouterr().err
    assert popup_hub(["--db", hub_url, "voucher", "list", "--event", hub.event_id]) == 0
    assert "No voucher at this event yet" in capsys.readouterr().out


def test_hostile_voucher_entries_are_quarantined_and_the_rest_applied(hub: HubEvent, till_a: EnrolledTill) -> None:
    store = hub.hub.store
    mine = issue_voucher(1000, "goodwill", till_a.manager, till_a.till.uow()).code
    with store.engine.connect() as connection:
        good_code = _marketplace_code(store, hub.event_id)
        [good] = [each for each in list_vouchers(connection, hub.event_id) if each.code == good_code]
    entry = {
        "voucher_id": "0190a0a0-0000-7000-8000-000000000001",
        "code": good_code,
        "currency": "CHF",
        "amount": 500,
        "issued_by": "marketplace",
        "issued_at": "2026-12-02T10:00:00+00:00",
        "note": "",
        "redemptions": [],
    }
    hostile = {
        "the key is not the code": ("V-0000000000" + "0", entry),
        "a negative amount": (good_code, {**entry, "amount": -500}),
        "no voucher code": ("V-123", {**entry, "code": "V-123"}),
        "another voucher of a code this till knows": (mine, {**entry, "code": mine}),
    }
    with store.engine.begin() as connection:
        for key, data in hostile.values():
            _publish(connection, hub.event_id, "voucher", key, data)
    sync(till_a)

    quarantine = sync_status(till_a.till.uow()).quarantine
    assert len(quarantine) == len(hostile)
    reasons = [item.reason for item in sorted(quarantine, key=lambda item: item.seq)]
    assert "its key is not its code" in reasons[0]
    assert "amount" in reasons[1]
    assert "is not a voucher code" in reasons[2]
    assert f"The hub's voucher {mine} is not the voucher of that code on this till" in reasons[3]
    assert voucher_for_payment(good_code, till_a.till.uow()).remaining == good.issued
    assert remaining(till_a, mine) == 1000


def _marketplace_code(store: HubStore, event_id: str) -> str:
    with store.engine.begin() as connection:
        return issue_on_hub(connection, event_id, "5.00", "prize", now_iso()).code


def test_a_reused_code_and_an_unreadable_voucher_tender_are_flagged_and_a_bad_code_refused(hub: HubEvent) -> None:
    store = hub.hub.store
    event_id, (till_a, till_b, _till_c) = new_event(store)
    code = new_voucher_code()
    first, again = issue_record(code, 1000), issue_record(code, 9000)
    answers = store.push(till_a, [push_record(1, "voucher.issued", first)])
    assert answers[0].status is AnswerStatus.APPLIED
    [reissued, unreadable, not_a_code] = store.push(
        till_b,
        [
            push_record(1, "voucher.issued", again),
            push_record(2, "sale.completed", sale_record(till_b, 2, "GIFT-1234", 500)),
            push_record(3, "voucher.issued", issue_record("ABCD-1234", 500)),
        ],
    )
    assert reissued.status is AnswerStatus.CONFLICT
    assert f"voucher {code} was issued before: the first issue stands" in (reissued.reason or "")
    assert unreadable.status is AnswerStatus.CONFLICT
    assert "'GIFT-1234' paid as a voucher is no voucher code" in (unreadable.reason or "")
    assert not_a_code.status is AnswerStatus.REJECTED
    kinds = sorted(str(c["kind"]) for c in store.conflicts() if c["kind"] in ("voucher_reissued", "voucher_unreadable"))
    assert kinds == ["voucher_reissued", "voucher_unreadable"]
    with store.engine.connect() as connection:
        [state] = list_vouchers(connection, event_id)
    assert (state.code, state.issued, state.issued_by) == (code, 1000, "A")


def push_record(seq: int, record_type: str, payload: dict[str, object]) -> PushRecord:
    return PushRecord(event_id=str(uuid.uuid4()), till_seq=seq, type=record_type, schema_version=1, payload=payload)


def test_two_tills_pushing_the_same_voucher_at_the_same_moment_see_each_other(hub: HubEvent) -> None:
    """Two pushes at once (PostgreSQL runs them side by side): without a lock each would miss the other's spend."""
    store = hub.hub.store
    _event_id, (till_a, till_b, till_c) = new_event(store)
    for round_no in range(1, 6):
        code = new_voucher_code()
        store.push(till_a, [push_record(round_no, "voucher.issued", issue_record(code, 1000))])
        barrier = threading.Barrier(2)
        spends = [
            (till, push_record(round_no, "sale.completed", sale_record(till, round_no, code, 600)))
            for till in (till_b, till_c)
        ]
        threads = [threading.Thread(target=push_when_both_ready, args=(store, barrier, *spend)) for spend in spends]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        flagged = [c for c in overspent_conflicts(store) if c["subject"] == code]
        assert len(flagged) == 1, f"round {round_no}: the second of two 6.00 spends of 10.00 is flagged"


def push_when_both_ready(
    store: HubStore, barrier: threading.Barrier, till: AuthenticatedTill, record: PushRecord
) -> None:
    barrier.wait()
    store.push(till, [record])
