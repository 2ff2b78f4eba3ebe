"""Pickup handoffs pushed by tills: the lines each hands over, and the flags when single use is broken."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from sync.hub.store.conflict_log import Answer, conflict, flagged
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.feed import publish
from sync.hub.store.schema import now, pickup_handoffs, pickup_orders
from sync.protocol import PushRecord

UNKNOWN_ORDER = "no such pickup order at this till's event"


@dataclass(frozen=True, slots=True)
class _HandoffRow:
    """Field for field a row of pickup_handoffs, stored with asdict."""

    record_id: str
    order_id: str
    line_id: str
    quantity: int
    till_id: str
    till_code: str
    staff_name: str
    at: str


def handoff_lines(
    connection: Connection, till: AuthenticatedTill, payload: dict[str, Any]
) -> list[dict[str, Any]] | str:
    """The lines a handoff record hands over, from the hub's own orders; a string says why it is rejected."""
    scanned = connection.execute(select(pickup_orders).where(pickup_orders.c.id == payload.get("order_id"))).first()
    if scanned is None or scanned.event_id != till.event_id:
        return UNKNOWN_ORDER
    member_ids = json.loads(scanned.member_order_ids)
    orders = {scanned.id: scanned}
    if member_ids:
        for member in connection.execute(select(pickup_orders).where(pickup_orders.c.id.in_(member_ids))):
            orders[member.id] = member
    ordered = {(order_id, line["line_id"]): line for order_id, row in orders.items() for line in json.loads(row.lines)}
    if payload.get("whole_order"):
        # Handed over on a manager's approval before the till had pulled the order:
        # the hub knows its lines.
        return [
            {"order_id": order_id, "line_id": line_id, "sku": line["sku"], "quantity": line["quantity"]}
            for (order_id, line_id), line in ordered.items()
        ]
    lines = []
    for line in payload.get("lines", []):
        known = ordered.get((line.get("order_id"), line.get("line_id")))
        if known is None:
            return f"line {line.get('line_id')} is not part of pickup order {scanned.number}"
        lines.append({**line, "sku": known["sku"], "quantity": int(line["quantity"])})
    return lines


def record_handoffs(
    connection: Connection,
    till: AuthenticatedTill,
    records: list[PushRecord],
    handoffs: dict[str, list[dict[str, Any]]],
    answers: list[Answer],
    raised: list[dict[str, Any]],
) -> None:
    """Store handoffs and flag the ones that break single use: after a cancellation, or a line handed twice.

    Both are facts (the goods left the table): they are recorded, and the
    later of two handoffs is the one flagged, whichever reached the hub first.
    """
    order_ids = sorted({line["order_id"] for lines in handoffs.values() for line in lines})
    if connection.dialect.name == "postgresql":
        for order_id in order_ids:
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"pickup/{order_id}"})
    orders = {row.id: row for row in connection.execute(select(pickup_orders).where(pickup_orders.c.id.in_(order_ids)))}
    earlier: dict[tuple[str, str], list[Any]] = {}
    for row in connection.execute(select(pickup_handoffs).where(pickup_handoffs.c.order_id.in_(order_ids))):
        earlier.setdefault((row.order_id, row.line_id), []).append(row)
    rows: list[dict[str, Any]] = []
    for index, record in enumerate(records):
        lines = handoffs.get(record.event_id)
        if lines is None:
            continue
        at = str(record.payload.get("at") or now())
        staff_name = str(record.payload.get("staff_name", ""))
        problems: list[str] = []
        for line in lines:
            order = orders[line["order_id"]]
            key = (line["order_id"], line["line_id"])
            ordered = next(item["quantity"] for item in json.loads(order.lines) if item["line_id"] == line["line_id"])
            if order.cancelled_at is not None:
                raised.append(conflict("pickup_after_cancel", order.number, record.event_id, till, at))
                problems.append(f"order {order.number} had been cancelled online")
            before = earlier.get(key, [])
            mine = _HandoffRow(
                record.event_id,
                line["order_id"],
                line["line_id"],
                line["quantity"],
                till.till_id,
                till.code,
                staff_name,
                at,
            )
            if sum(row.quantity for row in before) + line["quantity"] > ordered:
                # Earliest handoffs stand up to the ordered quantity; every later one is flagged,
                # whatever order they reached the hub in (a flag raised before is not raised again).
                standing, flags = 0, []
                for row in sorted([*before, mine], key=lambda row: (row.at, row.record_id)):
                    standing += row.quantity
                    if standing > ordered:
                        flags.append(row)
                subject = f"{order.number}/{line['line_id']}"
                details = {
                    "tills": sorted({till.code, *(row.till_code for row in before)}),
                    "line": line["line_id"],
                }
                for row in flags:
                    raised.append(conflict("pickup_double_handoff", subject, row.record_id, till, at, details))
                others = sorted({row.till_code for row in flags if row.record_id != record.event_id})
                if any(row.record_id == record.event_id for row in flags):
                    stands = "the earlier handoff stands, this one is flagged"
                else:
                    stands = f"this handoff was earlier and stands; till {', '.join(others)}'s is flagged"
                last = max(before, key=lambda row: row.at) if before else mine
                problems.append(
                    f"order {order.number} line {line['line_id']} was also handed over at till "
                    f"{last.till_code} on {last.at[:16]} ({stands})"
                )
            rows.append(asdict(mine))
            earlier.setdefault(key, []).append(mine)
        publish(
            connection,
            till.event_id,
            "pickup_handoff",
            str(record.payload.get("handoff_id") or record.event_id),
            {
                "lines": [
                    {"order_id": line["order_id"], "line_id": line["line_id"], "quantity": line["quantity"]}
                    for line in lines
                ],
                "till_code": till.code,
                "staff_name": staff_name,
                "at": at,
            },
        )
        if problems:
            answers[index] = flagged(answers[index], problems)
    if rows:
        connection.execute(pickup_handoffs.insert(), rows)
