"""The property of hostile pushes: one field of a genuine sale made hostile, sent among genuine sales.

Runs on SQLite and on PostgreSQL (the ``hub`` fixture). An oracle built from the same contracts
(sync/records) says what the hub must answer, and the hub's stock and feed say what it did.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sync.hub.store.admission import MAX_RECORD_BYTES
from sync.protocol import EventInfo, PushRecord, payload_hash
from sync.records import ContractError, SaleCompleted, parse_fact
from tests.sync.conftest import HubEvent
from tests.sync.hostile_records import (
    CATALOG,
    DROP,
    SKUS,
    Sender,
    a_record,
    a_sale,
    answers_of,
    enroll,
    last_feed_seq,
    sales_in_feed,
)

# The property: one field of a genuine sale made hostile, sent among genuine sales.


@dataclass
class Oracle:
    """What the hub has stored (record ids with their payload hash, till sequences), to say what it must answer."""

    seen: dict[str, str] = field(default_factory=dict)
    refused: dict[str, bool] = field(default_factory=dict)
    used_seqs: set[int] = field(default_factory=set)
    catalog: frozenset[str] = frozenset(CATALOG)

    def expect(self, sender: Sender, record: Any) -> tuple[str, list[tuple[str, int]]]:
        """The answer a record must get (a status, or "422"), and the stock it moves if applied."""
        try:
            envelope = PushRecord.model_validate(record)
        except ValidationError:
            return "rejected", []
        digest = payload_hash(envelope.payload)
        if envelope.event_id in self.seen:
            if self.seen[envelope.event_id] != digest:
                return "422", []
            # A repeat keeps a refusal a refusal: the till must still see it needs a person.
            return ("rejected" if self.refused.get(envelope.event_id) else "duplicate"), []
        if envelope.till_seq in self.used_seqs:
            return "rejected", []
        self.seen[envelope.event_id] = digest
        self.used_seqs.add(envelope.till_seq)
        status, moves = self._first_answer(sender, envelope)
        self.refused[envelope.event_id] = status == "rejected"
        return status, moves

    def _first_answer(self, sender: Sender, envelope: PushRecord) -> tuple[str, list[tuple[str, int]]]:
        if len(json.dumps(envelope.payload)) > MAX_RECORD_BYTES:
            return "rejected", []
        try:
            fact = parse_fact(envelope.type, envelope.schema_version, envelope.payload)
        except ContractError:
            return "rejected", []
        if fact.identity_problem(sender.identity) is not None:
            return "rejected", []
        if not isinstance(fact, SaleCompleted):
            return "rejected", []  # only sales are built here; another type parsing would be a surprise
        if fact.currency != "CHF" or any(line.sku not in self.catalog for line in fact.lines):
            return "rejected", []
        return "applied", [(line.sku, -line.quantity) for line in fact.lines]


Path_ = tuple[str | int, ...]
SALE_KEYS = list(a_sale(Sender("", str(uuid.uuid4()), str(uuid.uuid4()), "P", "")))
LINE_KEYS = [
    "line_no",
    "product_id",
    "sku",
    "name",
    "variant",
    "maker_id",
    "maker_name",
    "quantity",
    "unit_price",
    "discount",
    "tax_rate",
    "tax",
    "total",
]
PATHS: list[Path_] = [
    ("event_id",),
    ("till_seq",),
    ("type",),
    ("schema_version",),
    ("payload",),
    *[("payload", key) for key in SALE_KEYS],
    *[("payload", "lines", 0, key) for key in LINE_KEYS],
    *[("payload", "tenders", 0, key) for key in ("kind", "amount", "reference")],
]


def _hostile_values(others: dict[str, str]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(
            [
                10**30,
                -(10**30),
                -5,
                0,
                2**63,
                2**63 - 1,
                -(2**63),
                1.5,
                float("nan"),
                float("inf"),
                True,
                None,
                "",
                "1",
                DROP,
                "\x00",
                "MUG\x00-1",
                "\x1b[2J",
                "x" * 100_000,
                "é" * 50_000,
                [],
                {},
                {"$ne": None},
                [1, 2, 3],
                others["till_id"],
                others["event_id"],
                others["receipt_no"],
                "0190A1B2-0000-7000-8000-000000000001",
            ]
        ),
        st.text(max_size=30),
        st.integers(min_value=-(2**70), max_value=2**70),
    )


def _set(record: dict[str, Any], path: Path_, value: Any) -> None:
    target: Any = record
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _delete(record: dict[str, Any], path: Path_) -> None:
    target: Any = record
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]


Mutation = tuple[str, Callable[[dict[str, Any]], None]]


def _named(others: dict[str, str]) -> list[Mutation]:
    """The issue's cases, each surely breaking the record."""

    def lines_as_string(record: dict[str, Any]) -> None:
        record["payload"]["lines"] = json.dumps(record["payload"]["lines"])

    def line_without_sku(record: dict[str, Any]) -> None:
        del record["payload"]["lines"][0]["sku"]

    def no_lines(record: dict[str, Any]) -> None:
        record["payload"]["lines"] = []

    def handoff_order_as_object(record: dict[str, Any]) -> None:
        record["type"] = "pickup.handed_off"
        record["payload"] = {
            "handoff_id": str(uuid.uuid4()),
            "order_id": {"id": str(uuid.uuid4())},
            "whole_order": True,
            "lines": [],
            "staff_name": "Jo",
            "till_code": "P",
            "at": "2026-12-05T14:00:00+00:00",
        }

    def return_line_no_as_word(record: dict[str, Any]) -> None:
        record["type"] = "return.recorded"
        record["payload"] = {
            "return_id": str(uuid.uuid4()),
            "return_no": "P-R00001",
            "event_id": others["own_event_id"],
            "sale_id": str(uuid.uuid4()),
            "receipt_no": "P-000001",
            "created_at": "2026-12-05T14:00:00+00:00",
            "currency": "CHF",
            "refund_total": 0,
            "no_receipt": False,
            "exchange_sale_id": None,
            "lines": [
                {
                    "line_no": "one",
                    "sku": SKUS[0],
                    "maker": "Maker",
                    "quantity": 1,
                    "refund": 0,
                    "reason": "broken",
                    "disposition": "restock",
                }
            ],
            "refunds": [],
        }

    def seq_too_large(record: dict[str, Any]) -> None:
        record["till_seq"] = 2**63

    def other_till(record: dict[str, Any]) -> None:
        record["payload"]["till_id"] = others["till_id"]

    def other_event(record: dict[str, Any]) -> None:
        record["payload"]["event_id"] = others["event_id"]

    def sql_sale_id(record: dict[str, Any]) -> None:
        record["payload"]["sale_id"] = DROP

    def sql_record_id(record: dict[str, Any]) -> None:
        record["event_id"] = DROP

    def huge_quantity(record: dict[str, Any]) -> None:
        record["payload"]["lines"][0]["quantity"] = 10**30

    def nul_in_sku(record: dict[str, Any]) -> None:
        record["payload"]["lines"][0]["sku"] = SKUS[0] + "\x00"

    def extra_key(record: dict[str, Any]) -> None:
        record["payload"]["lines"][0]["free"] = True

    def extra_envelope_key(record: dict[str, Any]) -> None:
        record["applied"] = True

    def unknown_sku(record: dict[str, Any]) -> None:
        record["payload"]["lines"][0]["sku"] = "NOT-SOLD-HERE"

    def wrong_currency(record: dict[str, Any]) -> None:
        record["payload"]["currency"] = "EUR"

    def payload_as_list(record: dict[str, Any]) -> None:
        record["payload"] = [record["payload"]]

    return [
        (function.__name__, function)
        for function in (
            lines_as_string,
            line_without_sku,
            no_lines,
            handoff_order_as_object,
            return_line_no_as_word,
            seq_too_large,
            other_till,
            other_event,
            sql_sale_id,
            sql_record_id,
            huge_quantity,
            nul_in_sku,
            extra_key,
            extra_envelope_key,
            unknown_sku,
            wrong_currency,
            payload_as_list,
        )
    ]


def _mutations(others: dict[str, str]) -> st.SearchStrategy[Mutation]:
    paths = st.sampled_from(PATHS)
    set_field = st.builds(
        lambda path, value: (f"set {path} = {value!r:.60}", lambda record: _set(record, path, copy.deepcopy(value))),
        paths,
        _hostile_values(others),
    )
    drop_field = st.builds(lambda path: (f"delete {path}", lambda record: _delete(record, path)), paths)
    add_key = st.builds(
        lambda where, key: (f"add key {key!r} at {where}", lambda record: _set(record, (*where, key), 1)),
        st.sampled_from([(), ("payload",), ("payload", "lines", 0), ("payload", "tenders", 0)]),
        st.text(min_size=1, max_size=10).filter(lambda key: key not in {*SALE_KEYS, *LINE_KEYS, "event_id"}),
    )
    return st.one_of(st.sampled_from(_named(others)), set_field, drop_field, add_key)


def _other_till_and_event(hub: HubEvent) -> dict[str, str]:
    other = enroll(hub, "Q")
    other_event = hub.hub.store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Another market",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[],
        )
    )
    return {
        "till_id": other.till_id,
        "event_id": other_event,
        "receipt_no": "Q-000001",
        "own_event_id": hub.event_id,
    }


def test_hostile_records_are_rejected_alone_and_never_applied_or_fed(hub: HubEvent) -> None:
    sender = enroll(hub, "P")
    others = _other_till_and_event(hub)
    oracle = Oracle()
    store = hub.hub.store
    for sku in SKUS:
        store.set_stock(hub.event_id, sku, 100_000)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(
        mutation=_mutations(others),
        genuine=st.lists(st.tuples(st.sampled_from(SKUS), st.integers(1, 5)), min_size=1, max_size=2),
        position=st.integers(0, 2),
    )
    def push_one(mutation: Mutation, genuine: list[tuple[str, int]], position: int) -> None:
        name, mutate = mutation
        # The hostile record's sequence is taken first, so a genuine record never shares it.
        hostile = a_record(a_sale(sender), next(sender.seqs))
        mutate(hostile)
        hostile_seq = hostile.get("till_seq")
        valid = []
        for sku, quantity in genuine:
            seq = next(sender.seqs)
            while seq == hostile_seq or seq in oracle.used_seqs:
                seq = next(sender.seqs)
            valid.append(a_record(a_sale(sender, sku, quantity), seq))
        batch = [*valid]
        batch.insert(min(position, len(batch)), hostile)

        # What the hub must do, decided from the contracts before sending (as JSON travels).
        try:
            wire = json.loads(json.dumps({"records": batch}))["records"]
        except ValueError:
            wire = None
        before_levels = {sku: store.stock_level(hub.event_id, sku) for sku in CATALOG if sku in SKUS}
        before_feed = last_feed_seq(hub)
        before_inbox = store.inbox_count()
        saved = (dict(oracle.seen), set(oracle.used_seqs))
        expected = [oracle.expect(sender, record) for record in wire] if wire is not None else None

        response = sender.push(batch)
        assert response.status_code < 500, (name, response.text)
        if expected is None or any(status == "422" for status, _ in expected):
            # A body Python cannot read back, or an id reused with another payload: nothing of it is stored.
            oracle.seen, oracle.used_seqs = saved
            assert response.status_code in (400, 422), (name, response.status_code, response.text)
            assert store.inbox_count() == before_inbox
            assert {sku: store.stock_level(hub.event_id, sku) for sku in before_levels} == before_levels
            assert sales_in_feed(hub, before_feed) == set()
            return
        answers = answers_of(response)
        assert len(answers) == len(batch), name
        moved: dict[str, int] = dict.fromkeys(before_levels, 0)
        applied_sales = set()
        for record, answer, (status, movements) in zip(wire, answers, expected, strict=True):
            got = answer["status"]
            if status == "applied":
                assert got in ("applied", "conflict"), (name, record is hostile, answer)
                for sku, quantity in movements:
                    moved[sku] += quantity
                applied_sales.add(record["payload"]["sale_id"])
            else:
                assert got == status, (name, answer)
        for record in valid:
            assert answers[batch.index(record)]["status"] in ("applied", "conflict"), (name, answers)
        after = {sku: store.stock_level(hub.event_id, sku) for sku in before_levels}
        assert after == {sku: before_levels[sku] + moved[sku] for sku in before_levels}, name
        fed = sales_in_feed(hub, before_feed)
        assert fed == applied_sales, name
        for record, answer in zip(batch, answers, strict=True):
            if answer["status"] == "rejected":
                payload = record.get("payload")
                sale_id = payload.get("sale_id") if isinstance(payload, dict) else None
                assert sale_id not in fed, name
                assert record.get("event_id") not in fed, name

    push_one()
    # Every sale the feed ever carried is one any till can apply.
    sales_in_feed(hub)
