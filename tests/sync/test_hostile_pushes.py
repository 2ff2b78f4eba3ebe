"""Hostile pushes against a real hub over HTTP: a broken record is rejected on its own, never applied, never fed.

Every test runs on SQLite and on PostgreSQL (the ``hub`` fixture). The
property test mutates one field of a genuine sale and sends it between genuine
ones; an oracle built from the same contracts (sync/records) says what the hub
must answer, and the hub's stock and feed say what it did.
"""

from __future__ import annotations

import copy
import json

import httpx
import pytest

from app.services.sync_status import sync_status
from app.services.syncing import sync_once
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.hostile_records import SKUS, Sender, a_record, a_sale, answers_of, enroll, sales_in_feed
from tests.sync.till_actions import sell

# The cases, one by one.


@pytest.fixture
def sender(hub: HubEvent) -> Sender:
    for sku in SKUS:
        hub.hub.store.set_stock(hub.event_id, sku, 100)
    return enroll(hub, "P")


def test_a_sale_without_lines_is_rejected_and_other_tills_still_sync(
    hub: HubEvent, sender: Sender, till_a: EnrolledTill
) -> None:
    empty = a_sale(sender)
    empty["lines"] = []
    record = a_record(empty, next(sender.seqs))
    [answer] = answers_of(sender.push([record]))
    assert answer["status"] == "rejected"
    assert "lines" in answer["reason"]
    assert empty["sale_id"] not in sales_in_feed(hub)

    till_lock = till_a.till.data_dir / "sync.lock"
    sync_once(till_a.till.uow, till_lock)
    sell(till_a, SKUS[0])
    sync_once(till_a.till.uow, till_lock)
    status = sync_status(till_a.till.uow())
    assert (status.waiting, status.needing_attention, status.quarantined, status.last_error) == (0, (), 0, None)
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 99


def test_a_till_sequence_beyond_64_bits_is_rejected_not_a_server_error(hub: HubEvent, sender: Sender) -> None:
    record = a_record(a_sale(sender), 2**63)
    [answer] = answers_of(sender.push([record]))
    assert answer["status"] == "rejected"
    assert "till_seq" in answer["reason"]
    assert hub.hub.store.inbox_count() == 0


def test_a_quantity_of_10_to_the_30_is_rejected(hub: HubEvent, sender: Sender) -> None:
    sale = a_sale(sender)
    sale["lines"][0]["quantity"] = 10**30
    [answer] = answers_of(sender.push([a_record(sale, next(sender.seqs))]))
    assert answer["status"] == "rejected"
    assert "quantity" in answer["reason"]
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 100


def test_a_sale_claiming_another_till_is_rejected(hub: HubEvent, sender: Sender) -> None:
    other = enroll(hub, "Q")
    sale = a_sale(sender)
    sale["till_id"] = other.till_id
    [answer] = answers_of(sender.push([a_record(sale, next(sender.seqs))]))
    assert answer["status"] == "rejected"
    assert "another till" in answer["reason"]
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 100
    assert sales_in_feed(hub) == set()


def test_a_body_of_9_mb_is_refused_with_413(hub: HubEvent, sender: Sender) -> None:
    body = json.dumps({"records": [], "padding": "x" * (9 * 1024 * 1024)}).encode()
    response = sender.push_raw(body)
    assert response.status_code == 413
    assert hub.hub.store.inbox_count() == 0


def test_501_records_are_refused_with_413(hub: HubEvent, sender: Sender) -> None:
    records = [a_record(a_sale(sender), next(sender.seqs)) for _ in range(501)]
    response = sender.push(records)
    assert response.status_code == 413
    assert "500" in response.json()["detail"]
    assert hub.hub.store.inbox_count() == 0
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 100


def test_a_body_that_is_not_json_is_refused_with_400(hub: HubEvent, sender: Sender) -> None:
    assert sender.push_raw(b"{not json").status_code == 400
    assert sender.push_raw(b'{"records": {}}').status_code == 400
    assert sender.push_raw(b'{"records": [NaN]}').status_code == 200  # Python reads NaN; its envelope is broken


def test_a_cursor_beyond_64_bits_is_refused_with_400(hub: HubEvent, sender: Sender) -> None:
    response = httpx.get(
        f"{sender.url}/v1/changes", params={"cursor": "99999999999999999999.1"}, headers=sender.headers, timeout=30
    )
    assert response.status_code == 400


def test_a_nul_in_a_sku_is_rejected(hub: HubEvent, sender: Sender) -> None:
    sale = a_sale(sender)
    sale["lines"][0]["sku"] = SKUS[0] + "\x00"
    sale["lines"][0]["name"] = "cup\x00"
    [answer] = answers_of(sender.push([a_record(sale, next(sender.seqs))]))
    assert answer["status"] == "rejected"
    assert "sku" in answer["reason"]
    # The refused record is kept (its payload with the NUL too) and answers its repeat.
    assert hub.hub.store.inbox_count() == 1


def test_a_nul_in_a_payload_key_or_a_record_type_is_rejected_not_a_server_error(hub: HubEvent, sender: Sender) -> None:
    # Found by the hypothesis test above: the reason quoted the key, NUL and all, and PostgreSQL refused to
    # store it, failing the whole push with a 500.
    sale = a_sale(sender)
    sale["\x00odd"] = 1
    odd_type = a_record(a_sale(sender), 0, record_type="sale\x00completed")
    odd_type["till_seq"] = next(sender.seqs) + 1
    [by_key, by_type] = answers_of(sender.push([a_record(sale, next(sender.seqs) - 1), odd_type]))
    assert (by_key["status"], by_type["status"]) == ("rejected", "rejected")
    assert "?odd" in by_key["reason"] and "\x00" not in by_key["reason"]
    assert "type" in by_type["reason"] and "\x00" not in by_type["reason"]


def test_a_nul_in_a_record_id_is_rejected(hub: HubEvent, sender: Sender) -> None:
    record = a_record(a_sale(sender), next(sender.seqs))
    record["event_id"] = record["event_id"][:-1] + "\x00"
    [answer] = answers_of(sender.push([record]))
    assert answer["status"] == "rejected"
    assert hub.hub.store.inbox_count() == 0


def test_the_same_id_twice_in_a_batch_with_other_payloads_is_422(hub: HubEvent, sender: Sender) -> None:
    first = a_record(a_sale(sender), next(sender.seqs))
    second = copy.deepcopy(first)
    second["payload"]["lines"][0]["name"] = "Something else"
    response = sender.push([first, second])
    assert response.status_code == 422
    assert response.json()["event_ids"] == [first["event_id"]]
    assert hub.hub.store.inbox_count() == 0
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 100


def test_the_same_record_twice_in_a_batch_is_applied_once(hub: HubEvent, sender: Sender) -> None:
    first = a_record(a_sale(sender), next(sender.seqs))
    answers = answers_of(sender.push([first, copy.deepcopy(first)]))
    assert [answer["status"] for answer in answers] == ["applied", "applied"]
    assert hub.hub.store.inbox_count() == 1
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 99
    assert sales_in_feed(hub) == {first["payload"]["sale_id"]}


def test_an_id_received_before_with_another_payload_is_422(hub: HubEvent, sender: Sender) -> None:
    first = a_record(a_sale(sender), next(sender.seqs))
    answers_of(sender.push([first]))
    changed = copy.deepcopy(first)
    changed["payload"]["lines"][0]["name"] = "Something else"
    genuine = a_record(a_sale(sender), next(sender.seqs))
    response = sender.push([genuine, changed])
    assert response.status_code == 422
    assert response.json()["event_ids"] == [first["event_id"]]
    assert hub.hub.store.inbox_count() == 1
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 99


def test_a_rejected_record_sent_again_is_rejected_again_with_its_reason(hub: HubEvent, sender: Sender) -> None:
    sale = a_sale(sender)
    sale["lines"][0]["sku"] = "NOT-SOLD-HERE"
    record = a_record(sale, next(sender.seqs))
    [first] = answers_of(sender.push([record]))
    [again] = answers_of(sender.push([record]))
    assert first["status"] == "rejected"
    # Not "duplicate": a till whose first answer was lost must still see that the record needs a person.
    assert (again["status"], again["reason"]) == ("rejected", first["reason"])
    assert hub.hub.store.inbox_count() == 1
