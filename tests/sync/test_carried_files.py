"""Signed files carried on a USB stick: the hub applies an outbox file once, refuses an altered one whole.

The till exports its waiting records (app.services.syncing.export_outbox), the
hub imports them (sync.hub.cli.import_outbox) and writes signed answers, which
the till applies (import_answers). Runs on SQLite and PostgreSQL hubs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.domain.errors import InvalidInput
from app.services.sync_status import sync_status
from app.services.syncing import export_outbox, import_answers, sync_once
from app.store.outbox import OutboxStatus
from sync.hub.cli import import_outbox
from sync.hub.store import HubError
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.till_actions import STAFF_RECORDS, sell

SKU = "ATE-001"


@pytest.fixture
def selling_till(hub: HubEvent, till_a: EnrolledTill) -> EnrolledTill:
    """Till A with the catalog pulled and the hub stocked with 10 of SKU."""
    sync_once(till_a.till.uow, till_a.till.data_dir / "sync.lock")
    hub.hub.store.set_stock(hub.event_id, SKU, 10)
    return till_a


def export(till: EnrolledTill, tmp_path: Path, name: str = "outbox.popup") -> Path:
    target = tmp_path / name
    export_outbox(target, till.till.uow())
    return target


def record_ids(outbox: Path) -> list[str]:
    lines = outbox.read_text(encoding="utf-8").splitlines()[1:]
    return [json.loads(json.loads(line)["body"])["event_id"] for line in lines if line.strip()]


def outbox_statuses(till: EnrolledTill) -> list[str]:
    with till.till.uow() as uow:
        return [record.status.value for record in uow.outbox.records() if record.type == "sale.completed"]


def test_an_untouched_file_is_applied_once_even_when_imported_twice(
    hub: HubEvent, selling_till: EnrolledTill, tmp_path: Path
) -> None:
    store = hub.hub.store
    sell(selling_till, SKU, SKU)
    outbox = export(selling_till, tmp_path)
    assert sync_status(selling_till.till.uow()).waiting == 1, "exporting changes nothing on the till"

    answers = tmp_path / "answers.popup"
    assert import_outbox(store, outbox, answers) == 1
    assert store.inbox_count() == 1 + STAFF_RECORDS
    assert store.stock_level(hub.event_id, SKU) == 8

    again = tmp_path / "answers-again.popup"
    assert import_outbox(store, outbox, again) == 1
    assert store.inbox_count() == 1 + STAFF_RECORDS
    assert store.stock_level(hub.event_id, SKU) == 8, "nothing is applied twice"
    assert '\\"status\\":\\"duplicate\\"' in again.read_text(encoding="utf-8")

    assert import_answers(answers, selling_till.till.uow()) == 1
    assert outbox_statuses(selling_till) == [OutboxStatus.ACKNOWLEDGED.value]
    assert sync_status(selling_till.till.uow()).waiting == 0


def test_a_file_with_one_changed_byte_is_refused_whole(
    hub: HubEvent, selling_till: EnrolledTill, tmp_path: Path
) -> None:
    store = hub.hub.store
    sell(selling_till, SKU)
    sell(selling_till, SKU)
    outbox = export(selling_till, tmp_path)
    text = outbox.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # One byte of the second record's payload: a quantity 1 becomes 9.
    changed, count = re.subn(r'(\\"quantity\\":)1([,}])', r"\g<1>9\g<2>", lines[2], count=1)
    assert count == 1, lines[2]
    assert len(changed) == len(lines[2])
    outbox.write_text("".join([*lines[:2], changed, *lines[3:]]), encoding="utf-8")

    with pytest.raises(HubError) as refused:
        import_outbox(store, outbox, tmp_path / "answers.popup")
    message = str(refused.value)
    assert "Record 2" in message
    assert record_ids(outbox)[1] in message
    assert "nothing" in message
    assert store.inbox_count() == STAFF_RECORDS, "not even the untouched first record was applied"
    assert store.stock_level(hub.event_id, SKU) == 10
    assert not (tmp_path / "answers.popup").exists()


def test_a_file_with_a_removed_line_is_refused(hub: HubEvent, selling_till: EnrolledTill, tmp_path: Path) -> None:
    store = hub.hub.store
    sell(selling_till, SKU)
    sell(selling_till, SKU)
    outbox = export(selling_till, tmp_path)
    lines = outbox.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 3
    outbox.write_text("".join(lines[:2]), encoding="utf-8")

    with pytest.raises(HubError, match="removed"):
        import_outbox(store, outbox, tmp_path / "answers.popup")
    assert store.inbox_count() == STAFF_RECORDS
    assert store.stock_level(hub.event_id, SKU) == 10


def test_a_file_with_two_lines_swapped_is_refused(hub: HubEvent, selling_till: EnrolledTill, tmp_path: Path) -> None:
    store = hub.hub.store
    sell(selling_till, SKU)
    sell(selling_till, SKU)
    outbox = export(selling_till, tmp_path)
    head, first, second = outbox.read_text(encoding="utf-8").splitlines(keepends=True)
    outbox.write_text(head + second + first, encoding="utf-8")

    with pytest.raises(HubError, match="reordered"):
        import_outbox(store, outbox, tmp_path / "answers.popup")
    assert store.inbox_count() == STAFF_RECORDS


def test_an_answers_file_with_one_changed_byte_is_refused_by_the_till(
    hub: HubEvent, selling_till: EnrolledTill, tmp_path: Path
) -> None:
    sell(selling_till, SKU)
    outbox = export(selling_till, tmp_path)
    answers = tmp_path / "answers.popup"
    import_outbox(hub.hub.store, outbox, answers)
    text = answers.read_text(encoding="utf-8")
    assert text.count('\\"applied\\"') == 1
    answers.write_text(text.replace('\\"applied\\"', '\\"applieD\\"'), encoding="utf-8")

    with pytest.raises(InvalidInput, match="changed"):
        import_answers(answers, selling_till.till.uow())
    assert outbox_statuses(selling_till) == [OutboxStatus.WAITING.value]

    # The genuine answers still apply afterwards.
    answers.write_text(text, encoding="utf-8")
    assert import_answers(answers, selling_till.till.uow()) == 1
    assert outbox_statuses(selling_till) == [OutboxStatus.ACKNOWLEDGED.value]


def test_a_file_once_imported_then_synced_online_is_not_applied_again(
    hub: HubEvent, selling_till: EnrolledTill, tmp_path: Path
) -> None:
    sell(selling_till, SKU)
    import_outbox(hub.hub.store, export(selling_till, tmp_path), tmp_path / "answers.popup")
    # The answers never came back by hand: the till pushes the same record online.
    sync_once(selling_till.till.uow, selling_till.till.data_dir / "sync.lock")
    assert hub.hub.store.inbox_count() == 1 + STAFF_RECORDS
    assert hub.hub.store.stock_level(hub.event_id, SKU) == 9
    assert outbox_statuses(selling_till) == [OutboxStatus.ACKNOWLEDGED.value]
