"""A conflict reviewed on a till reaches the hub (``conflict.reviewed``), over real HTTP on SQLite and PostgreSQL.

Two tills sell the last unit offline; the hub answers the later sale with a
conflict. The manager of that till reviews it there; once the till syncs, the
hub's close checklist no longer counts it open and keeps the note and who
reviewed it on which till. A till cannot review another till's records, nor a
record without a conflict, and a repeated push changes nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import InvalidInput
from app.services.event_close import close_checklist, review_conflict
from app.services.syncing import sync_once
from app.store.outbox import OutboxRecord, OutboxStatus
from sync.client import HubClient
from sync.hub.cli import main
from sync.hub.store.schema import conflict_reviews, conflicts
from sync.protocol import AnswerStatus, PushRecord
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.event_close_tills import SKU, sell


def sync(till: EnrolledTill) -> None:
    sync_once(till.till.uow, till.till.data_dir / "sync.lock")


def checklist(hub_url: str, event_id: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["--db", hub_url, "event", "checklist", event_id]) == 0
    return capsys.readouterr().out


def till_b_line(out: str) -> str:
    """Till B's line of ``popup-hub event checklist`` with its problems, up to the next till or section."""
    start = out.index("Till B\t")
    rest = out[start:].splitlines()
    return "\n".join([rest[0], *[line for line in rest[1:] if line.startswith("  - ")]])


def acknowledged(till: EnrolledTill, answer: str) -> list[OutboxRecord]:
    with till.till.uow() as uow:
        return [record for record in uow.outbox.records(OutboxStatus.ACKNOWLEDGED) if record.answer == answer]


def hub_reviews(hub: HubEvent, record_id: str) -> list[tuple[str, str]]:
    """Who reviewed the record's conflicts on the hub, and the note."""
    with hub.hub.store.engine.connect() as connection:
        rows = connection.execute(
            select(conflict_reviews.c.reviewed_by, conflict_reviews.c.note)
            .select_from(conflicts.join(conflict_reviews, conflict_reviews.c.conflict_id == conflicts.c.id))
            .where(conflicts.c.record_id == record_id)
        ).all()
    return [(row.reviewed_by, row.note) for row in rows]


@pytest.fixture
def oversold(hub: HubEvent, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill, OutboxRecord]]:
    """Tills A and B each sold the event's last unit offline; A synced first, so B's sale is the conflict."""
    hub.hub.store.set_stock(hub.event_id, SKU, 1)
    till_a = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a", "A")
    till_b = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", "B")
    for till in (till_a, till_b):
        sync(till)
    sell(till_a)
    sell(till_b)
    sync(till_a)
    sync(till_b)
    [conflicted] = acknowledged(till_b, "conflict")
    assert conflicted.type == "sale.completed"
    yield till_a, till_b, conflicted
    for till in (till_a, till_b):
        till.till.close()


def forged_review(record_id: str, seq: int, note: str = "customer called, refund agreed") -> PushRecord:
    payload = {"record_id": record_id, "note": note, "reviewed_by": "Alex", "reviewed_at": "2026-12-05T18:00:00+00:00"}
    return PushRecord(
        event_id=str(uuid.uuid4()),
        till_seq=seq,
        type="conflict.reviewed",
        schema_version=1,
        payload=payload,
    )


def push_as(hub: HubEvent, till: EnrolledTill, records: list[PushRecord]) -> list[tuple[AnswerStatus, str]]:
    with till.till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    with HubClient(hub.hub.url, link.token) as client:
        return [(answer.status, answer.reason or "") for answer in client.push(records).answers]


def test_a_review_on_the_till_clears_the_conflict_on_the_hubs_checklist(
    hub: HubEvent,
    hub_url: str,
    oversold: tuple[EnrolledTill, EnrolledTill, OutboxRecord],
    capsys: pytest.CaptureFixture[str],
) -> None:
    till_a, till_b, conflicted = oversold
    assert "1 conflict(s) not reviewed" in till_b_line(checklist(hub_url, hub.event_id, capsys))

    review_conflict(conflicted.record_id, "  customer called,\n refund agreed ", till_b.manager, till_b.till.uow())
    with till_b.till.uow() as uow:
        [waiting] = uow.outbox.records(OutboxStatus.WAITING)
    assert waiting.type == "conflict.reviewed"
    assert json.loads(waiting.payload)["note"] == "customer called, refund agreed", "one line of printable text"
    sync(till_b)

    assert acknowledged(till_b, "applied")[-1].record_id == waiting.record_id
    out = checklist(hub_url, hub.event_id, capsys)
    assert "not reviewed" not in till_b_line(out)
    assert "Conflicts to review:" not in out
    assert hub_reviews(hub, conflicted.record_id) == [("Alex on till B", "customer called, refund agreed")]
    view = close_checklist(till_b.till.uow())
    assert view.conflicts_reviewed
    assert not [line for line in view.event.tills if "not reviewed on the hub" in line.text()]
    sync(till_a)
    assert not [line for line in close_checklist(till_a.till.uow()).event.tills if "not reviewed" in line.text()]

    # The same review pushed again (its answer lost): a duplicate, the hub's review unchanged.
    again = PushRecord(
        event_id=waiting.record_id,
        till_seq=waiting.seq,
        type=waiting.type,
        schema_version=1,
        payload=json.loads(waiting.payload),
    )
    assert push_as(hub, till_b, [again]) == [(AnswerStatus.DUPLICATE, "")]
    assert hub_reviews(hub, conflicted.record_id) == [("Alex on till B", "customer called, refund agreed")]
    # Reviewing it on the till once more queues nothing new.
    review_conflict(conflicted.record_id, "again", till_b.manager, till_b.till.uow())
    with till_b.till.uow() as uow:
        assert uow.outbox.records(OutboxStatus.WAITING) == []


def test_a_conflict_already_reviewed_on_the_hub_keeps_the_first_review(
    hub: HubEvent,
    hub_url: str,
    oversold: tuple[EnrolledTill, EnrolledTill, OutboxRecord],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _till_a, till_b, conflicted = oversold
    [conflict] = [item for item in hub.hub.store.conflicts() if item["record_id"] == conflicted.record_id]
    assert main(["--db", hub_url, "conflicts", "review", str(conflict["id"]), "--note", "booked", "--by", "Kim"]) == 0

    review_conflict(conflicted.record_id, "refund agreed", till_b.manager, till_b.till.uow())
    sync(till_b)

    assert acknowledged(till_b, "applied")[-1].type == "conflict.reviewed"
    assert hub_reviews(hub, conflicted.record_id) == [("Kim", "booked")]
    assert "not reviewed" not in till_b_line(checklist(hub_url, hub.event_id, capsys))


def test_a_till_reviews_only_its_own_conflicts_with_a_printable_note(
    hub: HubEvent,
    hub_url: str,
    oversold: tuple[EnrolledTill, EnrolledTill, OutboxRecord],
    capsys: pytest.CaptureFixture[str],
) -> None:
    till_a, till_b, conflicted = oversold
    [a_sale] = [record for record in acknowledged(till_a, "applied") if record.type == "sale.completed"]
    hostile = [
        forged_review(conflicted.record_id, 1001, "it was fine\x1b[2J"),
        forged_review(conflicted.record_id, 1002, "x" * 501),
        forged_review(conflicted.record_id, 1003, "   "),
        forged_review(str(uuid.uuid4()), 1004),
    ]
    answers = push_as(hub, till_b, hostile)
    assert all(status is AnswerStatus.REJECTED for status, _reason in answers), answers
    assert "note" in answers[0][1] and "note" in answers[1][1] and "note" in answers[2][1]
    assert "has no record" in answers[3][1]

    # Till A reviewing B's conflicted sale, and its own sale that had no conflict.
    [(status, reason)] = push_as(hub, till_a, [forged_review(conflicted.record_id, 1001)])
    assert status is AnswerStatus.REJECTED and "another till" in reason
    [(status, reason)] = push_as(hub, till_a, [forged_review(a_sale.record_id, 1002, "fine")])
    assert status is AnswerStatus.REJECTED and "without a conflict" in reason

    assert hub_reviews(hub, conflicted.record_id) == []
    assert "1 conflict(s) not reviewed" in till_b_line(checklist(hub_url, hub.event_id, capsys))


def test_the_till_refuses_a_note_too_long_for_the_hub(
    oversold: tuple[EnrolledTill, EnrolledTill, OutboxRecord],
) -> None:
    _till_a, till_b, conflicted = oversold
    with pytest.raises(InvalidInput, match="shorten it to 500"):
        review_conflict(conflicted.record_id, "x" * 501, till_b.manager, till_b.till.uow())
    with till_b.till.uow() as uow:
        assert uow.outbox.records(OutboxStatus.WAITING) == []
    assert not close_checklist(till_b.till.uow()).conflicts_reviewed
