"""Webhook subscriptions and the hub's outbox of deliveries (docs/webhooks.md).

A delivery row is written in the transaction that makes its event (a push, a
conflict, the event's close, a pickup order's reservation), one per
subscription that wants the type, so an event is delivered exactly when it
was committed. Nothing here talks to the network: sync/hub/webhooks.py sends.
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, delete, insert, select, update

from sync.hub.store.demand_webhooks import demand_webhook
from sync.hub.store.driver_sql import driver_sql
from sync.hub.store.enrollment import AuthenticatedTill, require_event
from sync.hub.store.errors import HubError
from sync.hub.store.schema import now, pickup_orders, webhook_outbox, webhook_subscriptions
from sync.protocol import AnswerStatus, PushRecord
from sync.records import RecordType

EVENT_TYPES = (
    "sale.completed",
    "pickup.handed_over",
    "return.recorded",
    "voucher.issued",
    "stock.low",
    "stock.sold_out",
    "conflict.raised",
    "event.closed",
    "group_buy.pickup_order",
    "group_buy.refund_due",
    "demand.recorded",
)
# As the counter's "few left" (app/domain/stock_left.py FEW_LEFT): the marketplace hears when the counter shows it.
LOW_STOCK = 5
WAITING, DELIVERED, FAILED = "waiting", "delivered", "failed"
# A webhook type and its data.
Happened = tuple[str, dict[str, Any]]


def timestamp(at: datetime) -> str:
    """``at`` as the outbox's Text columns hold it (as schema.now): text order is time order."""
    return at.astimezone(UTC).isoformat(timespec="milliseconds")


def subscribe(connection: Connection, event_id: str, url: str, types: Sequence[str]) -> tuple[str, str]:
    """A new subscription of ``url`` to ``types`` of the event's webhooks; returns its id and signing secret."""
    require_event(connection, event_id)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HubError(f"'{url}' is not an http(s) URL: give the receiver's address, e.g. https://shop.example/hooks.")
    unknown = sorted(set(types) - set(EVENT_TYPES))
    if unknown or not types:
        raise HubError(
            f"Unknown webhook type(s) {', '.join(unknown) or '(none given)'}: choose from {', '.join(EVENT_TYPES)}."
        )
    subscription_id = str(uuid.uuid4())
    secret = "whsec_" + secrets.token_hex(32)
    connection.execute(
        insert(webhook_subscriptions).values(
            id=subscription_id,
            event_id=event_id,
            url=url,
            types=json.dumps(sorted(set(types))),
            secret=secret,
            created_at=now(),
        )
    )
    return subscription_id, secret


def subscriptions(connection: Connection, event_id: str | None = None) -> list[dict[str, Any]]:
    """The subscriptions (of one event, or all), without their secrets."""
    query = select(
        webhook_subscriptions.c.id,
        webhook_subscriptions.c.event_id,
        webhook_subscriptions.c.url,
        webhook_subscriptions.c.types,
        webhook_subscriptions.c.created_at,
    ).order_by(webhook_subscriptions.c.created_at, webhook_subscriptions.c.id)
    if event_id is not None:
        query = query.where(webhook_subscriptions.c.event_id == event_id)
    return [{**row._mapping, "types": json.loads(row.types)} for row in connection.execute(query)]


def unsubscribe(connection: Connection, subscription_id: str) -> int:
    """Remove a subscription; its deliveries still waiting are given up. Returns how many."""
    removed = connection.execute(delete(webhook_subscriptions).where(webhook_subscriptions.c.id == subscription_id))
    if removed.rowcount == 0:
        raise HubError(f"No webhook subscription {subscription_id}: 'popup-hub webhooks list' shows them.")
    dropped = connection.execute(
        update(webhook_outbox)
        .where(webhook_outbox.c.subscription_id == subscription_id, webhook_outbox.c.state == WAITING)
        .values(state=FAILED, last_error="unsubscribed", locked_until=None, locked_by=None)
    )
    return dropped.rowcount


def _subscribers(connection: Connection, event_id: str) -> list[tuple[str, set[str]]]:
    # Through the driver: every push asks, mostly to hear that nobody subscribed (docs/push_throughput.md).
    rows = connection.exec_driver_sql(
        driver_sql(connection, "SELECT id, types FROM webhook_subscriptions WHERE event_id = ?"), (event_id,)
    )
    return [(subscription, set(json.loads(types))) for subscription, types in rows]


def enqueue(connection: Connection, event_id: str, happened: Iterable[Happened]) -> None:
    """One delivery per (subscription wanting the type, event), in one statement."""
    subscribers = _subscribers(connection, event_id)
    if subscribers:
        _insert(connection, event_id, subscribers, list(happened))


def _insert(
    connection: Connection, event_id: str, subscribers: list[tuple[str, set[str]]], happened: list[Happened]
) -> None:
    at = now()
    rows = [
        {
            "id": str(uuid.uuid4()),
            "subscription_id": subscription_id,
            "event_id": event_id,
            "type": kind,
            "payload": json.dumps(data, separators=(",", ":")),
            "created_at": at,
            "next_attempt_at": at,
            "attempts": 0,
            "state": WAITING,
        }
        for kind, data in happened
        for subscription_id, types in subscribers
        if kind in types
    ]
    if rows:
        connection.execute(insert(webhook_outbox), rows)


def stock_crossings(before: Mapping[str, int], after: Mapping[str, tuple[int, int]]) -> list[Happened]:
    """stock.low and stock.sold_out of the SKUs whose available level crossed down past either line.

    ``before`` is each SKU's available level before the change, ``after`` its
    units on hand and reserved after: a sale within the low band crosses
    nothing, so the marketplace hears once per crossing.
    """
    happened: list[Happened] = []
    for sku, (on_hand, reserved) in sorted(after.items()):
        available = on_hand - reserved
        was = before.get(sku, available)
        figures = {"sku": sku, "available": available, "on_hand": on_hand, "reserved": reserved}
        if was > 0 >= available:
            happened.append(("stock.sold_out", figures))
        elif was > LOW_STOCK >= available:
            happened.append(("stock.low", figures))
    return happened


def enqueue_stock(
    connection: Connection, event_id: str, before: Mapping[str, int], after: Mapping[str, tuple[int, int]]
) -> None:
    enqueue(connection, event_id, stock_crossings(before, after))


def enqueue_push(
    connection: Connection,
    till: AuthenticatedTill,
    records: Sequence[PushRecord],
    answers: Sequence[tuple[AnswerStatus, str | None]],
    handoffs: Mapping[str, list[dict[str, Any]]],
    crossings: Callable[[], list[Happened]],
) -> None:
    """The webhooks of a push's applied records (a conflict's record too: the fact stands), and its stock crossings.

    Nothing is built when nobody subscribed to the event: one indexed SELECT.
    """
    subscribers = _subscribers(connection, till.event_id)
    if not subscribers:
        return
    wanted = set().union(*(types for _id, types in subscribers))
    happened: list[Happened] = []
    numbers = _order_numbers(connection, handoffs) if "pickup.handed_over" in wanted else {}
    for record, (status, _reason) in zip(records, answers, strict=True):
        made = WEBHOOK_OF.get(record.type)
        if status is AnswerStatus.REJECTED or made is None or made[0] not in wanted:
            continue
        kind, data_of = made
        happened.append((kind, data_of(Pushed(record.payload, till.code, handoffs.get(record.event_id, []), numbers))))
    _insert(connection, till.event_id, subscribers, [*happened, *crossings()])


def _order_numbers(connection: Connection, handoffs: Mapping[str, list[dict[str, Any]]]) -> dict[str, str]:
    order_ids = {line["order_id"] for lines in handoffs.values() for line in lines}
    if not order_ids:
        return {}
    rows = connection.execute(
        select(pickup_orders.c.id, pickup_orders.c.number).where(pickup_orders.c.id.in_(order_ids))
    )
    return {row.id: row.number for row in rows}


@dataclass(frozen=True, slots=True)
class Pushed:
    """What a record's webhook data is made of: its payload, its till, and for a handoff the lines it resolved
    to (push.py) and the marketplace's numbers of their orders."""

    payload: dict[str, Any]
    till: str
    handed: list[dict[str, Any]]
    numbers: Mapping[str, str]


def _sale(pushed: Pushed) -> dict[str, Any]:
    payload = pushed.payload
    return {
        "sale_id": payload["sale_id"],
        "receipt_no": payload["receipt_no"],
        "till": pushed.till,
        "created_at": payload["created_at"],
        "currency": payload["currency"],
        "total": payload["total"],
        "tax_total": payload["tax_total"],
        "lines": [
            {"sku": line["sku"], "quantity": line["quantity"], "total": line["total"]} for line in payload["lines"]
        ],
    }


def _return(pushed: Pushed) -> dict[str, Any]:
    payload = pushed.payload
    return {
        "return_id": payload["return_id"],
        "return_no": payload["return_no"],
        "sale_id": payload["sale_id"],
        "receipt_no": payload["receipt_no"],
        "till": pushed.till,
        "created_at": payload["created_at"],
        "currency": payload["currency"],
        "refund_total": payload["refund_total"],
        "lines": [
            {"sku": line["sku"], "quantity": line["quantity"], "disposition": line["disposition"]}
            for line in payload["lines"]
        ],
    }


def voucher_issued(voucher_id: str, till: str | None, currency: str, amount: int, issued_at: str) -> Happened:
    """A voucher.issued webhook: ``till`` is the issuing till's code, None when the hub issued it.

    The code is left out: it spends the voucher's money, and the marketplace needs only which and how much.
    """
    return "voucher.issued", {
        "voucher_id": voucher_id,
        "till": till,
        "currency": currency,
        "amount": amount,
        "issued_at": issued_at,
    }


def _voucher(pushed: Pushed) -> dict[str, Any]:
    payload = pushed.payload
    return voucher_issued(
        payload["voucher_id"], pushed.till, payload["currency"], payload["amount"], payload["issued_at"]
    )[1]


def _handoff(pushed: Pushed) -> dict[str, Any]:
    payload = pushed.payload
    return {
        "handoff_id": payload["handoff_id"],
        "order_id": payload["order_id"],
        "number": pushed.numbers.get(payload["order_id"]),
        "whole_order": payload["whole_order"],
        "till": pushed.till,
        "staff_name": payload["staff_name"],
        "at": payload["at"],
        "lines": [
            {"order_id": line["order_id"], "line_id": line["line_id"], "sku": line["sku"], "quantity": line["quantity"]}
            for line in pushed.handed
        ],
    }


# A record type's webhook type and its data; records of other types make none.
WEBHOOK_OF: dict[str, tuple[str, Callable[[Pushed], dict[str, Any]]]] = {
    RecordType.SALE_COMPLETED: ("sale.completed", _sale),
    RecordType.RETURN_RECORDED: ("return.recorded", _return),
    RecordType.VOUCHER_ISSUED: ("voucher.issued", _voucher),
    RecordType.PICKUP_HANDED_OFF: ("pickup.handed_over", _handoff),
    RecordType.DEMAND_RECORDED: ("demand.recorded", lambda pushed: demand_webhook(pushed.payload, pushed.till)),
}


def conflict_happened(row: Mapping[str, Any]) -> Happened:
    """A conflicts row (conflict_log.py) as its webhook."""
    return "conflict.raised", {
        "kind": row["kind"],
        "subject": row["subject"],
        "record_id": row["record_id"],
        "raised_at": row["raised_at"],
        "details": json.loads(row["details"]),
    }
