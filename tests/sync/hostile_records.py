"""A genuine till's pushes built by hand, to be made hostile (tests/sync/test_hostile_pushes.py,
tests/sync/test_hostile_push_property.py): the sender, its sales and records, and what the hub fed."""

from __future__ import annotations

import csv
import itertools
import json
import uuid
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
from sqlalchemy import func, select

from app.services.demo import DEMO_CATALOG
from sync.hub.store import changes
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.records import SaleCompleted, TillIdentity, parse_change, parse_fact
from tests.sync.conftest import HubEvent

TAX_RATES = {"standard": "0.081", "reduced": "0.026"}
DROP = "'; DROP TABLE inbox; --"
STOCK_MOVED_AT = "2026-12-05T09:00:00.000+00:00"


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


def a_stock_move(seq: int, **payload: Any) -> dict[str, Any]:
    """A ``stock.moved`` record with an id of its own per ``seq`` (the same seq sent again is the same record)."""
    return {
        "event_id": f"0190a0a0-0000-7000-8000-{seq:012d}",
        "till_seq": seq,
        "type": "stock.moved",
        "schema_version": 1,
        "payload": {"at": STOCK_MOVED_AT, **payload},
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
