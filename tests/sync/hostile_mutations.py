"""Ways to make a genuine ``sale.completed`` record hostile, for the property of hostile pushes
(tests/sync/test_hostile_push_property.py): the issue's named cases, and hypothesis strategies that set one field
to a hostile value, delete it, or add a key. The genuine records themselves: tests/sync/hostile_records.py.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from sync.protocol import EventInfo
from tests.sync.conftest import HubEvent
from tests.sync.hostile_records import DROP, SKUS, Sender, a_sale, enroll

Path_ = tuple[str | int, ...]
# The keys of a genuine sale and of its first line, as the builder makes them.
_GENUINE = a_sale(Sender("", str(uuid.uuid4()), str(uuid.uuid4()), "P", ""))
SALE_KEYS = list(_GENUINE)
LINE_KEYS = list(_GENUINE["lines"][0])
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


def hostile_values(others: dict[str, str]) -> st.SearchStrategy[Any]:
    """Values no field of a sale should take: out of range, of another type, control characters, SQL, huge."""
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


def set_at(record: dict[str, Any], path: Path_, value: Any) -> None:
    target: Any = record
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def delete_at(record: dict[str, Any], path: Path_) -> None:
    target: Any = record
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]


Mutation = tuple[str, Callable[[dict[str, Any]], None]]


def namedmutations(others: dict[str, str]) -> list[Mutation]:
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


def mutations(others: dict[str, str]) -> st.SearchStrategy[Mutation]:
    """One named case, or one field of a genuine record set to a hostile value, deleted, or a key added."""
    paths = st.sampled_from(PATHS)
    set_field = st.builds(
        lambda path, value: (f"set {path} = {value!r:.60}", lambda record: set_at(record, path, copy.deepcopy(value))),
        paths,
        hostile_values(others),
    )
    drop_field = st.builds(lambda path: (f"delete {path}", lambda record: delete_at(record, path)), paths)
    add_key = st.builds(
        lambda where, key: (f"add key {key!r} at {where}", lambda record: set_at(record, (*where, key), 1)),
        st.sampled_from([(), ("payload",), ("payload", "lines", 0), ("payload", "tenders", 0)]),
        st.text(min_size=1, max_size=10).filter(lambda key: key not in {*SALE_KEYS, *LINE_KEYS, "event_id"}),
    )
    return st.one_of(st.sampled_from(namedmutations(others)), set_field, drop_field, add_key)


def other_till_and_event(hub: HubEvent) -> dict[str, str]:
    """Another till and another event on the hub, whose ids a hostile record may borrow."""
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
