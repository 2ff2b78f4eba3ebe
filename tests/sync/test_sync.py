"""A till and the reference hub over real HTTP on 127.0.0.1: enroll, pull, push exactly once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.services.catalog import find_product
from app.services.sync_status import sync_status
from app.services.syncing import SyncRefused, push_outbox, single_sender
from app.store.outbox import OutboxRecord, OutboxStatus
from sync.client import HubClient, PayloadMismatch, StoredRecord, SyncError
from sync.hub.store import _publish
from sync.protocol import AnswerStatus, PushedHead, PushRecord, PushResponse
from tests.sync.conftest import EnrolledTill, HubEvent, free_port
from tests.sync.till_actions import STAFF_RECORDS, outbox_records, sell, sync


def test_an_enrolled_till_pulls_the_catalog_and_sells_it(hub: HubEvent, till_a: EnrolledTill) -> None:
    sync(till_a)
    product = find_product("2000000000114", till_a.till.uow())
    assert (product.item.sku, product.item.unit_price, product.item.maker_name) == ("BER-003", 3200, "Bergkeramik")
    sale = sell(till_a, "BER-003")
    assert sale.receipt_no == "A-000001"
    assert sync_status(till_a.till.uow()).waiting == 1


def test_sales_reach_the_hub_exactly_once(hub: HubEvent, till_a: EnrolledTill) -> None:
    sync(till_a)
    hub.hub.store.set_stock(hub.event_id, "BER-003", 10)
    sell(till_a, "BER-003", "ATE-001")
    sell(till_a, "BER-003")
    # What went out, as it went: an acknowledged record's payload is compacted on the till.
    sent = [record for record in outbox_records(till_a) if record.type == "sale.completed"]
    sync(till_a)
    assert hub.hub.store.inbox_count() == 2 + STAFF_RECORDS
    assert hub.hub.store.stock_level(hub.event_id, "BER-003") == 8
    status = sync_status(till_a.till.uow())
    assert (status.waiting, status.needing_attention, status.last_error) == (0, (), None)

    sync(till_a)
    assert hub.hub.store.inbox_count() == 2 + STAFF_RECORDS, "nothing is sent twice"

    # The answer was lost on the way back: the same batch arrives again.
    with till_a.till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    with HubClient(link.url, link.token) as client:
        again = client.push(sent)
    assert [answer.status for answer in again.answers] == [AnswerStatus.DUPLICATE, AnswerStatus.DUPLICATE]
    assert hub.hub.store.inbox_count() == 2 + STAFF_RECORDS
    assert hub.hub.store.stock_level(hub.event_id, "BER-003") == 8


def test_a_reused_id_with_another_payload_is_refused_whole(hub: HubEvent, till_a: EnrolledTill) -> None:
    sync(till_a)
    sell(till_a, "BER-003")
    sync(till_a)
    [record] = [record for record in outbox_records(till_a) if record.type == "sale.completed"]
    forged = record.model_copy(update={"payload": {**record.payload, "total": 1}})
    with till_a.till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    with HubClient(link.url, link.token) as client, pytest.raises(PayloadMismatch) as refused:
        client.push([forged])
    assert refused.value.event_ids == [record.event_id]
    assert hub.hub.store.inbox_count() == 1 + STAFF_RECORDS


def test_a_sale_below_zero_is_recorded_and_raises_a_conflict(hub: HubEvent, till_a: EnrolledTill) -> None:
    sync(till_a)
    hub.hub.store.set_stock(hub.event_id, "BER-003", 1)
    sell(till_a, "BER-003", "BER-003")
    sync(till_a)
    assert hub.hub.store.stock_level(hub.event_id, "BER-003") == -1
    [conflict] = hub.hub.store.conflicts()
    assert (conflict["kind"], conflict["subject"]) == ("stock_below_zero", "BER-003")
    status = sync_status(till_a.till.uow())
    assert status.waiting == 0
    assert len(status.conflicts) == 1 and "below zero" in status.conflicts[0].reason
    with till_a.till.uow() as uow:
        assert uow.hub.stock_level("BER-003") == -1, "the till pulled the hub's level"


def test_the_hub_down_keeps_everything_on_the_till_until_it_is_back(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path
) -> None:
    sync(till_a)
    sell(till_a, "BER-003")
    with till_a.till.uow() as uow:
        link = uow.hub.link()
        assert link is not None
        uow.hub.save_link(f"http://127.0.0.1:{free_port()}", link.token)
        uow.hub.save_cursor(link.cursor)
        uow.commit()
    with pytest.raises(SyncRefused, match="could not be reached"):
        sync(till_a)
    [record] = [r for r in _records(till_a) if r.type == "sale.completed"]
    assert (record.status, record.attempts) == (OutboxStatus.WAITING, 1)
    assert sync_status(till_a.till.uow()).last_error is not None

    with till_a.till.uow() as uow:
        uow.hub.save_link(hub.hub.url, link.token)
        uow.hub.save_cursor(link.cursor)
        uow.commit()
    sync(till_a)
    assert sync_status(till_a.till.uow()).waiting == 0
    assert hub.hub.store.inbox_count() == 1 + STAFF_RECORDS


def _records(till: EnrolledTill) -> list[OutboxRecord]:
    with till.till.uow() as uow:
        return uow.outbox.records()


def test_one_sender_at_a_time(till_a: EnrolledTill) -> None:
    with single_sender(till_a.till.data_dir / "sync.lock"), pytest.raises(SyncRefused, match="already running"):
        sync(till_a)


def test_a_revoked_till_and_another_protocol_version_get_clear_messages(hub: HubEvent, till_a: EnrolledTill) -> None:
    with till_a.till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    with HubClient(link.url, link.token) as client:
        client._http.headers["X-Popup-Protocol"] = "99"
        with pytest.raises(SyncError, match="speaks sync protocol v99, the hub speaks v1"):
            client.pull("")
    hub.hub.store.revoke_till(_till_id(till_a))
    with pytest.raises(SyncRefused, match="enroll it again"):
        sync(till_a)


def _till_id(till: EnrolledTill) -> str:
    with till.till.uow() as uow:
        return uow.tills.this_till().till_id


def test_an_enrollment_code_works_once(hub: HubEvent, tmp_path: Path) -> None:
    from app.bootstrap import open_till
    from app.services.syncing import enroll_till

    code = hub.hub.store.create_enroll_code(hub.event_id, "B")
    first, second = open_till(tmp_path / "b"), open_till(tmp_path / "c")
    try:
        assert enroll_till(hub.hub.url, code, first.uow()).code == "B"
        with pytest.raises(SyncRefused, match="unknown or already used"):
            enroll_till(hub.hub.url, code, second.uow())
    finally:
        first.close()
        second.close()


def test_the_openapi_document_in_the_repo_is_the_one_served(hub: HubEvent) -> None:
    import httpx

    served = httpx.get(f"{hub.hub.url}/openapi.json", timeout=5).json()
    kept = json.loads((Path(__file__).resolve().parents[2] / "sync" / "hub" / "openapi.json").read_text())
    assert served == kept, "run: python -m sync.hub.openapi > sync/hub/openapi.json"


@pytest.mark.postgres
def test_a_change_that_commits_late_is_not_skipped(
    postgres_server: str, till_a_on_postgres: tuple[HubEvent, EnrolledTill]
) -> None:
    hub, till = till_a_on_postgres
    sync(till)
    store = hub.hub.store
    # Transaction 1 writes a change and stays open; transaction 2 writes later and commits first.
    early = store.engine.connect()
    early_tx = early.begin()
    _publish(early, hub.event_id, "stock_level", "ATE-001", {"level": 41})
    store.set_stock(hub.event_id, "BER-003", 7)
    sync(till)
    with till.till.uow() as uow:
        assert uow.hub.stock_level("BER-003") is None, "a change behind a running transaction is held back"
    early_tx.commit()
    early.close()
    sync(till)
    with till.till.uow() as uow:
        assert uow.hub.stock_level("ATE-001") == 41, "the late commit was not skipped"
        assert uow.hub.stock_level("BER-003") == 7


def test_records_carried_on_a_usb_stick_follow_the_same_exactly_once_rules(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main as till_cli
    from sync.hub.cli import import_outbox

    sync(till_a)
    sell(till_a, "BER-003")
    sell(till_a, "ATE-001")
    stick = tmp_path / "usb"
    stick.mkdir()
    assert till_cli(["--data-dir", str(till_a.till.data_dir), "outbox", "export", str(stick / "outbox.jsonl")]) == 0
    assert import_outbox(hub.hub.store, stick / "outbox.jsonl", stick / "answers.jsonl") == 2
    assert import_outbox(hub.hub.store, stick / "outbox.jsonl", stick / "answers-again.jsonl") == 2
    assert hub.hub.store.inbox_count() == 2 + STAFF_RECORDS, "importing the same file twice stores nothing twice"

    assert till_cli(["--data-dir", str(till_a.till.data_dir), "outbox", "answers", str(stick / "answers.jsonl")]) == 0
    assert "2 record(s) answered" in capsys.readouterr().out
    assert sync_status(till_a.till.uow()).waiting == 0
    sync(till_a)
    assert hub.hub.store.inbox_count() == 2 + STAFF_RECORDS


class RecordingClient(HubClient):
    """The real client over HTTP, noting the record ids of each push it sends."""

    def __init__(self, url: str, token: str) -> None:
        super().__init__(url, token)
        self.batches: list[list[str]] = []

    def push(
        self,
        records: Sequence[PushRecord | StoredRecord],
        audit_head: PushedHead | None = None,
        records_waiting: int | None = None,
    ) -> PushResponse:
        self.batches.append([r.event_id if isinstance(r, PushRecord) else r.record_id for r in records])
        return super().push(records, audit_head, records_waiting)


def test_a_push_in_many_batches_sends_each_record_once_in_order_and_writes_every_answer(
    hub: HubEvent, till_a: EnrolledTill
) -> None:
    sync(till_a)
    hub.hub.store.set_stock(hub.event_id, "BER-003", 20)
    for _ in range(7):
        sell(till_a, "BER-003")
    with till_a.till.uow() as uow:
        link = uow.hub.link()
        waiting = [record.record_id for record in uow.outbox.waiting(100)]
    assert link is not None and len(waiting) == 7

    client = RecordingClient(link.url, link.token)
    with client:
        report = push_outbox(till_a.till.uow, client, batch_size=2)

    assert client.batches == [waiting[0:2], waiting[2:4], waiting[4:6], waiting[6:7]]
    assert (report.sent, report.applied) == (7, 7)
    with till_a.till.uow().for_reading() as uow:
        assert uow.outbox.count(OutboxStatus.WAITING) == 0
    assert hub.hub.store.stock_level(hub.event_id, "BER-003") == 13


def test_a_refused_batch_in_the_middle_of_a_push_is_sent_again_without_the_record_the_hub_holds_otherwise(
    hub: HubEvent, till_a: EnrolledTill
) -> None:
    sync(till_a)
    hub.hub.store.set_stock(hub.event_id, "BER-003", 20)
    for _ in range(5):
        sell(till_a, "BER-003")
    sales = [record for record in outbox_records(till_a) if record.type == "sale.completed"]
    forged = sales[2].model_copy(update={"payload": {**sales[2].payload, "till_id": "someone else"}})
    with till_a.till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    with HubClient(link.url, link.token) as client:
        client.push([forged])

    client = RecordingClient(link.url, link.token)
    with client:
        report = push_outbox(till_a.till.uow, client, batch_size=2)

    ids = [sale.event_id for sale in sales]
    assert client.batches == [ids[0:2], ids[2:4], ids[3:5]], "the refused batch goes again without the held id"
    assert report.sent == 4
    with till_a.till.uow().for_reading() as uow:
        attention = [record.record_id for record in uow.outbox.records(OutboxStatus.NEEDS_ATTENTION)]
        assert attention == [ids[2]]
        assert uow.outbox.count(OutboxStatus.WAITING) == 0
