"""What the faster push path must keep (docs/push_throughput.md): every answer written, each record answered on
its own, the same reading of a body on its fast and its slow path, and hub migration 0026 on both databases."""

from __future__ import annotations

import json
from collections.abc import Sequence

from alembic import command
from alembic.config import Config
from fastapi.responses import JSONResponse
from sqlalchemy import inspect

from app.services.syncing import push_outbox
from app.store.outbox import OutboxStatus
from sync.client import HubClient, HubUnreachable, StoredRecord
from sync.hub.api import read_push
from sync.hub.store.engine import MIGRATIONS
from sync.protocol import PushedHead, PushRecord, PushResponse
from sync.records import StockMoved, StockMoveKind
from tests.sync.conftest import EnrolledTill, HubEvent

SKU = "BER-003"


def _queue_deliveries(till: EnrolledTill, count: int) -> list[str]:
    """``count`` deliveries queued behind what the till already holds (its staff, its drawer); every waiting id."""
    with till.till.uow() as uow:
        till_id = uow.tills.this_till().till_id
        for _ in range(count):
            uow.outbox.append(
                till_id,
                StockMoved(
                    kind=StockMoveKind.RECEIVE, location="stall", at="2026-12-05T10:00:00.000+00:00", deltas=[(SKU, 1)]
                ),
            )
        uow.commit()
    with till.till.uow().for_reading() as uow:
        return [record.record_id for record in uow.outbox.waiting(1000)]


class LinkFailsOnBatch(HubClient):
    """A till whose link goes down while it sends batch ``failing`` (counted from 1): the network, not the hub."""

    def __init__(self, url: str, token: str, failing: int) -> None:
        super().__init__(url, token)
        self.failing = failing
        self.calls = 0

    def push(
        self,
        records: Sequence[PushRecord | StoredRecord],
        audit_head: PushedHead | None = None,
        records_waiting: int | None = None,
    ) -> PushResponse:
        self.calls += 1
        if self.calls == self.failing:
            raise HubUnreachable("the venue's network went down")
        return super().push(records, audit_head, records_waiting)


def test_every_answer_received_is_written_when_the_link_fails_in_the_middle_of_a_push(
    hub: HubEvent, till_a: EnrolledTill
) -> None:
    ids = _queue_deliveries(till_a, 7)
    with till_a.till.uow().for_reading() as uow:
        link = uow.hub.link()
    assert link is not None

    with LinkFailsOnBatch(link.url, link.token, failing=3) as client:
        try:
            push_outbox(till_a.till.uow, client, batch_size=2)
        except HubUnreachable:
            pass
        else:
            raise AssertionError("the push must say the hub is out of reach")

    with till_a.till.uow().for_reading() as uow:
        acknowledged = [record.record_id for record in uow.outbox.records(OutboxStatus.ACKNOWLEDGED)]
        waiting = uow.outbox.records(OutboxStatus.WAITING)
    # The first two batches' answers came back before the link failed: both are written.
    assert acknowledged == ids[:4]
    assert [record.record_id for record in waiting] == ids[4:]
    failed = {record.record_id: record for record in waiting}
    assert all(failed[record_id].attempts == 1 for record_id in ids[4:6])
    assert all("network went down" in (failed[record_id].last_error or "") for record_id in ids[4:6])

    # Back online: the rest goes, each record applied once.
    with HubClient(link.url, link.token) as client:
        report = push_outbox(till_a.till.uow, client, batch_size=2)
    assert (report.sent, report.applied) == (len(ids) - 4, len(ids) - 4)
    with till_a.till.uow().for_reading() as uow:
        assert uow.outbox.count(OutboxStatus.WAITING) == 0
    assert hub.hub.store.inbox_count() == len(ids)


def _record(seq: int, **changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "event_id": f"01a23b6c-a140-7305-92df-{seq:012d}",
        "till_seq": seq,
        "type": "stock.moved",
        "schema_version": 1,
        "payload": {
            "kind": "receive",
            "location": "stall",
            "at": "2026-12-05T10:00:00.000+00:00",
            "deltas": [[SKU, 1]],
        },
    }
    record.update(changes)
    return record


def _body(records: list[dict[str, object]], **fields: object) -> bytes:
    return json.dumps({"records": records, **fields}).encode()


def test_a_sound_body_and_a_body_with_one_broken_envelope_are_read_alike() -> None:
    sound = [_record(1), _record(2), _record(3)]
    fast = read_push(_body(sound, records_waiting=4), max_batch=500)
    broken = [_record(1), _record(2, till_seq=2.0), _record(3)]
    slow = read_push(_body(broken, records_waiting=4), max_batch=500)
    assert not isinstance(fast, JSONResponse) and not isinstance(slow, JSONResponse)

    fast_answers, fast_envelopes, fast_head, fast_waiting = fast
    slow_answers, slow_envelopes, slow_head, slow_waiting = slow
    assert fast_answers == [None, None, None] and (fast_head, fast_waiting) == (None, 4)
    assert [index for index, _record in fast_envelopes] == [0, 1, 2]
    # The broken one is answered on its own; the others are the same envelopes the fast path reads.
    assert slow_answers[0] is None and slow_answers[2] is None
    assert slow_answers[1] is not None and slow_answers[1].status == "rejected"
    assert "till_seq" in (slow_answers[1].reason or "")
    assert [(index, record) for index, record in slow_envelopes] == [fast_envelopes[0], fast_envelopes[2]]
    assert (slow_head, slow_waiting) == (None, 4)


def test_a_broken_head_or_count_refuses_no_record_on_the_fast_path() -> None:
    read = read_push(_body([_record(1)], audit_head={"seq": "x"}, records_waiting=True), max_batch=500)
    assert not isinstance(read, JSONResponse)
    answers, envelopes, head, waiting = read
    assert answers == [None] and len(envelopes) == 1
    assert isinstance(head, str) and head.startswith("The audit head is broken")
    assert waiting is None


def test_too_many_records_or_no_json_are_refused_on_either_path() -> None:
    too_many = read_push(_body([_record(seq) for seq in range(1, 5)]), max_batch=3)
    assert isinstance(too_many, JSONResponse) and too_many.status_code == 413
    too_many_broken = read_push(_body([_record(seq, type="X") for seq in range(1, 5)]), max_batch=3)
    assert isinstance(too_many_broken, JSONResponse) and too_many_broken.status_code == 413
    for body in (b"{", b'{"records": 3}', b"[]", b'{"records": [1], "records": 2}'):
        refused = read_push(body, max_batch=3)
        assert isinstance(refused, JSONResponse) and refused.status_code == 400, body


def test_hub_migration_0026_drops_the_narrow_stock_index_and_its_downgrade_makes_it_again(hub: HubEvent) -> None:
    engine = hub.hub.store.engine
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))

    def stock_indexes() -> set[str]:
        with engine.connect() as connection:
            return {index["name"] or "" for index in inspect(connection).get_indexes("stock_movements")}

    assert "ix_stock_movements_event_sku" not in stock_indexes()
    assert "ix_stock_movements_levels" in stock_indexes()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0025")
    assert {"ix_stock_movements_event_sku", "ix_stock_movements_levels"} <= stock_indexes()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert "ix_stock_movements_event_sku" not in stock_indexes()
