"""Hostile pushes against a real hub over HTTP: a broken record is rejected on its own, never applied, never fed.

Every test runs on SQLite and on PostgreSQL (the ``hub`` fixture). The
property test mutates one field of a genuine sale and sends it between genuine
ones; an oracle built from the same contracts (sync/records) says what the hub
must answer, and the hub's stock and feed say what it did.
"""

from __future__ import annotations

import copy
import csv
import itertools
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.demo import DEMO_CATALOG
from app.services.selling import CompleteSale, complete_sale
from app.services.sync_status import sync_status
from app.services.syncing import sync_once
from sync.hub.store import changes
from sync.hub.store.admission import MAX_RECORD_BYTES
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, EventInfo, PushRecord, payload_hash
from sync.records import ContractError, SaleCompleted, TillIdentity, parse_change, parse_fact
from tests.sync.conftest import EnrolledTill, HubEvent

TAX_RATES = {"standard": "0.081", "reduced": "0.026"}
DROP = "'; DROP TABLE inbox; --"


def _catalog() -> dict[str, tuple[str, int, str]]:
    """SKU -> (name, price in minor units, tax rate), as the demo catalog the hub imports says."""
    with DEMO_CATALOG.open(encoding="utf-8", newline="") as source:
        return {
            row["sku"]: (row["name"], int(Decimal(row["price"]) * 100), TAX_RATES[row["tax_class"]])
            for row in csv.DictReader(source)
        }


CATALOG = _catalog()
SKUS = sorted(CATALOG)[:3]


@dataclass
class Sender:
    """A till enrolled over HTTP, pushing by hand with its bearer token."""

    url: str
    event_id: str
    till_id: str
    code: str
    token: str
    seqs: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    receipts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}

    @property
    def identity(self) -> TillIdentity:
        return TillIdentity(till_id=self.till_id, event_id=self.event_id, till_code=self.code)

    def push(self, records: list[Any]) -> httpx.Response:
        return self.push_raw(json.dumps({"records": records}).encode())

    def push_raw(self, body: bytes) -> httpx.Response:
        headers = {**self.headers, "Content-Type": "application/json"}
        return httpx.post(f"{self.url}/v1/push", content=body, headers=headers, timeout=60)


def enroll(hub: HubEvent, code: str) -> Sender:
    enroll_code = hub.hub.store.create_enroll_code(hub.event_id, code)
    response = httpx.post(
        f"{hub.hub.url}/v1/enroll", json={"code": enroll_code}, headers={PROTOCOL_HEADER: "1"}, timeout=30
    )
    assert response.status_code == 200, response.text
    body = response.json()
    return Sender(hub.hub.url, hub.event_id, body["till_id"], body["till_code"], body["token"])


def a_sale(sender: Sender, sku: str = SKUS[0], quantity: int = 1) -> dict[str, Any]:
    """A genuine sale of ``quantity`` x ``sku`` paid by card, whose numbers add up (prices include tax)."""
    name, price, rate = CATALOG[sku]
    total = quantity * price
    tax = int((Decimal(total) * Decimal(rate) / (1 + Decimal(rate))).quantize(Decimal(1), ROUND_HALF_UP))
    line = {
        "line_no": 1,
        "product_id": str(uuid.uuid4()),
        "sku": sku,
        "name": name,
        "variant": "",
        "maker_id": str(uuid.uuid4()),
        "maker_name": "Maker",
        "quantity": quantity,
        "unit_price": price,
        "discount": 0,
        "tax_rate": rate,
        "tax": tax,
        "total": total,
    }
    payload = {
        "sale_id": str(uuid.uuid4()),
        "receipt_no": f"{sender.code}-{next(sender.receipts):06d}",
        "till_id": sender.till_id,
        "event_id": sender.event_id,
        "staff_id": str(uuid.uuid4()),
        "created_at": "2026-12-05T14:00:00.000+00:00",
        "cash_session_id": None,
        "currency": "CHF",
        "prices_include_tax": True,
        "subtotal": total,
        "discount_total": 0,
        "tax_total": tax,
        "total": total,
        "rounding": 0,
        "change": 0,
        "lines": [line],
        "tenders": [{"kind": "card", "amount": total, "reference": "TRM-1"}],
    }
    assert isinstance(parse_fact("sale.completed", 1, payload), SaleCompleted)
    return payload


def a_record(payload: dict[str, Any], seq: int, record_type: str = "sale.completed") -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "till_seq": seq,
        "type": record_type,
        "schema_version": 1,
        "payload": payload,
    }


def feed_rows(hub: HubEvent, after: int = 0) -> list[tuple[int, str, str, str]]:
    with hub.hub.store.engine.connect() as connection:
        return [
            (row.seq, row.kind, row.key, row.data)
            for row in connection.execute(
                select(changes.c.seq, changes.c.kind, changes.c.key, changes.c.data)
                .where(changes.c.seq > after)
                .order_by(changes.c.seq)
            )
        ]


def last_feed_seq(hub: HubEvent) -> int:
    with hub.hub.store.engine.connect() as connection:
        return int(connection.scalar(select(func.max(changes.c.seq))) or 0)


def sales_in_feed(hub: HubEvent, after: int = 0) -> set[str]:
    """The sale ids fed since ``after``; every sale entry must parse through its contract."""
    keys = set()
    for _seq, kind, key, data in feed_rows(hub, after):
        if kind == "sale":
            parse_change(kind, key, json.loads(data))
            keys.add(key)
    return keys


def answers_of(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    return list(response.json()["answers"])


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


# The cases, one by one.


@pytest.fixture
def sender(hub: HubEvent) -> Sender:
    for sku in SKUS:
        hub.hub.store.set_stock(hub.event_id, sku, 100)
    return enroll(hub, "P")


def sell(till: EnrolledTill, *codes: str) -> None:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = None
    for code in codes:
        state = carts.scan(cart_id, code, till.cashier, till.till.uow())
    assert state is not None
    tender = Tender(TenderKind.CARD, state.priced.total, "TRM-1")
    complete_sale(CompleteSale(cart_id, till.cashier, (tender,)), till.till.uow())


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
