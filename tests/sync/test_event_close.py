"""The event's close across its tills, on the hub over real HTTP (SQLite and PostgreSQL).

Each till's close sends ``till.closed`` as its last record; ``popup-hub event
checklist|close`` names per till what is missing (cash, records, conflict
reviews), refuses to freeze the event until every till is ready unless a
manager overrides with a reason (kept), and a record arriving after the freeze
is accepted and flagged once. The tills pull every till's line of the
checklist (feed kind ``till_status``) and show it in their close checklist.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.services.event_close import close_checklist
from app.services.syncing import export_outbox
from app.store.outbox import OutboxStatus
from sync.client import HubClient
from sync.hub.cli import import_outbox
from sync.protocol import AnswerStatus, PushRecord
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.event_close_tills import close_till, hub_command, sell, tills
from tests.sync.till_actions import sync

__all__ = ["tills"]


def test_the_close_names_the_till_whose_cash_is_open_and_freezes_only_once_it_closed(
    hub: HubEvent, hub_url: str, tills: tuple[EnrolledTill, EnrolledTill], capsys: pytest.CaptureFixture[str]
) -> None:
    till_a, till_b = tills
    close_till(till_a)
    sync(till_a)

    code, out = hub_command(hub_url, capsys, "event", "checklist", hub.event_id)
    assert code == 0
    assert "Till A\tready" in out
    assert "Till B\tNOT ready" in out and "cash not closed" in out

    code, out = hub_command(hub_url, capsys, "event", "close", hub.event_id, "--by", "Marta")
    assert code == 2
    assert "cannot be closed yet" in out and "Till B: cash not closed" in out
    assert "Till A:" not in out, "a ready till is not named"

    sync(till_a)  # till A pulls every till's line of the hub's checklist
    lines = [line.text() for line in close_checklist(till_a.till.uow()).event.tills]
    assert lines == ["Till A: ready for the event's close", "Till B: cash still open (the till has not closed)"]

    close_till(till_b)
    sync(till_b)
    code, out = hub_command(hub_url, capsys, "event", "close", hub.event_id, "--by", "Marta")
    assert code == 0, out
    assert "closed at" in out and "by Marta" in out and "overridden" not in out
    code, out = hub_command(hub_url, capsys, "event", "close", hub.event_id)
    assert code == 2 and "already closed" in out

    sync(till_b)
    view = close_checklist(till_b.till.uow()).event
    assert view.frozen and all(line.ready for line in view.tills)


def test_a_manager_overrides_with_a_reason_kept_and_a_late_record_is_flagged_once(
    hub: HubEvent,
    hub_url: str,
    tills: tuple[EnrolledTill, EnrolledTill],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    till_a, till_b = tills
    close_till(till_a)
    sync(till_a)
    code, out = hub_command(hub_url, capsys, "event", "close", hub.event_id, "--override", " ")
    assert code == 2 and "needs its reason" in out
    code, out = hub_command(
        hub_url, capsys, "event", "close", hub.event_id, "--override", "till B's drawer counted by hand", "--by", "Kim"
    )
    assert code == 0, out
    code, out = hub_command(hub_url, capsys, "event", "checklist", hub.event_id)
    assert "by Kim" in out and "overridden: till B's drawer counted by hand" in out
    assert "(was: Till B: cash not closed" in out

    sell(till_b)  # after the freeze: still a fact
    late = export_outbox(tmp_path / "late.popup", till_b.till.uow())
    assert late == 1
    store = hub.hub.store
    inbox_before = store.inbox_count()
    import_outbox(store, tmp_path / "late.popup", tmp_path / "answers.popup")
    import_outbox(store, tmp_path / "late.popup", tmp_path / "answers-again.popup")
    assert store.inbox_count() == inbox_before + 1
    after_close = [conflict for conflict in store.conflicts() if conflict["kind"] == "after_close"]
    assert len(after_close) == 1, "flagged once, however often it is carried"
    assert json.loads(after_close[0]["details"])["till"] == "B"
    sync(till_b)  # the record is already on the hub: its answer is a duplicate of the stored conflict
    with till_b.till.uow() as uow:
        answered = [
            record for record in uow.outbox.records(OutboxStatus.ACKNOWLEDGED) if record.type == "sale.completed"
        ]
    assert answered[-1].answer in ("conflict", "duplicate")
    assert len([c for c in store.conflicts() if c["kind"] == "after_close"]) == 1

    code, out = hub_command(hub_url, capsys, "event", "checklist", hub.event_id)
    assert "Conflicts to review:" in out and "after_close" in out
    conflict_id = after_close[0]["id"]
    code, out = hub_command(hub_url, capsys, "conflicts", "review", str(conflict_id), "--note", " ")
    assert code == 2 and "Write what was done" in out
    code, out = hub_command(
        hub_url, capsys, "conflicts", "review", str(conflict_id), "--note", "sold after close, booked", "--by", "Kim"
    )
    assert code == 0 and f"Conflict {conflict_id} reviewed" in out
    code, out = hub_command(hub_url, capsys, "conflicts", "review", str(conflict_id), "--note", "again")
    assert code == 2 and "already reviewed" in out


def test_a_till_with_a_missing_record_is_named_until_it_arrives(
    hub: HubEvent, hub_url: str, tills: tuple[EnrolledTill, EnrolledTill], capsys: pytest.CaptureFixture[str]
) -> None:
    till_a, _till_b = tills
    sell(till_a)
    sell(till_a)
    close_till(till_a)
    with till_a.till.uow() as uow:
        waiting = uow.outbox.records(OutboxStatus.WAITING)
        token = uow.hub.link()
    assert token is not None
    skipped = waiting[0]
    with HubClient(hub.hub.url, token.token) as client:
        answers = client.push([record for record in waiting if record is not skipped]).answers
    assert {answer.status for answer in answers} == {AnswerStatus.APPLIED}
    closed = waiting[-1]
    assert closed.type == "till.closed" and json.loads(closed.payload)["last_seq"] == closed.seq

    _code, out = hub_command(hub_url, capsys, "event", "checklist", hub.event_id)
    assert f"Till A\tNOT ready\tlast record received {closed.seq} of {closed.seq}" in out
    assert f"1 of its records up to number {closed.seq} have not arrived" in out

    sync(till_a)  # sends the missing one (and the others again, as duplicates)
    _code, out = hub_command(hub_url, capsys, "event", "checklist", hub.event_id)
    assert "Till A\tready" in out


def test_a_close_that_claims_another_sequence_number_is_refused(hub: HubEvent, till_a: EnrolledTill) -> None:
    sync(till_a)  # the catalog, for the stock count
    close_till(till_a)
    with till_a.till.uow() as uow:
        closed = uow.outbox.records(OutboxStatus.WAITING)[-1]
        link = uow.hub.link()
    assert link is not None
    payload = {**json.loads(closed.payload), "last_seq": closed.seq + 5}
    forged = PushRecord(
        event_id=closed.record_id, till_seq=closed.seq, type=closed.type, schema_version=1, payload=payload
    )
    with HubClient(hub.hub.url, link.token) as client:
        [answer] = client.push([forged]).answers
    assert answer.status is AnswerStatus.REJECTED
    assert "another sequence number" in (answer.reason or "")
