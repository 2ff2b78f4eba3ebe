"""A manager's group buy from a till: opened, changed, or cancelled before its deadline (docs/group_buys.md).

A ``group_buy.changed`` record (``GroupBuySet``, sync/records/group_buys.py)
carries what a manager sets, never the count nor the outcome: the hub keeps
counting the commitments and stays the one that closes a window
(group_buys.py). As with price rules, the change with the latest
``changed_at`` (then ``change_id``) is kept, under a row lock; an older one
arriving late is kept in the inbox for the books and changes nothing. A
change reaching a window already closed changes nothing either. A window with
commitments keeps its product, price and payment: the money taken was for
those. Cancelling refunds every counted commitment (``refund_due``, with its
webhook), as a missed close does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from sync.hub.store.conflict_log import Answer
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.group_buys import COUNTED, REFUND_DUE, _publish, _refund_due_webhook, _set_outcome
from sync.hub.store.relay_feed import relays
from sync.hub.store.schema import events, group_buy_commitments, group_buys, now
from sync.hub.store.webhook_outbox import enqueue
from sync.protocol import AnswerStatus, PushRecord
from sync.records import GroupBuySet, parse_fact

CANCELLED = "cancelled"


def _later(row: Any, change: GroupBuySet) -> bool:
    if row.changed_at is None:
        return True
    return (datetime.fromisoformat(row.changed_at), row.change_id or "") < change.order()


def _terms(change: GroupBuySet) -> dict[str, Any]:
    return {
        "name": change.name,
        "sku": change.sku,
        "minimum": change.minimum,
        "deadline": change.deadline,
        "price": change.price,
        "payment": change.payment,
        "changed_at": change.changed_at,
        "change_id": change.change_id,
        "changed_by": change.changed_by,
    }


def _cancel(connection: Connection, row: Any) -> int:
    """Every counted commitment refund-due, with its webhook; how many."""
    counted = connection.execute(
        select(group_buy_commitments)
        .where(group_buy_commitments.c.group_buy_id == row.id, group_buy_commitments.c.state == COUNTED)
        .order_by(group_buy_commitments.c.committed_at, group_buy_commitments.c.id)
    ).all()
    for commitment in counted:
        _set_outcome(connection, commitment, REFUND_DUE)
    if counted:
        enqueue(connection, row.event_id, [_refund_due_webhook(commitment, row) for commitment in counted])
    return len(counted)


def keep_group_buy(connection: Connection, event_id: str, change: GroupBuySet) -> Answer:
    """Apply a manager's change if it is the latest of its group buy; the answer for the till."""
    currency = connection.scalar(select(events.c.currency).where(events.c.id == event_id))
    if change.currency != currency:
        return AnswerStatus.REJECTED, f"the group buy is priced in {change.currency}, the event sells in {currency}"
    row = connection.execute(select(group_buys).where(group_buys.c.id == change.group_buy_id).with_for_update()).first()
    if row is None:
        if relays(connection):
            # A venue hub keeps no group buys: the upstream it forwards the record to keeps it.
            return AnswerStatus.APPLIED, "forwarded: the upstream hub keeps group buys"
        if change.cancelled:
            return AnswerStatus.REJECTED, f"no group buy {change.group_buy_id} at this event to cancel"
        connection.execute(
            insert(group_buys).values(
                id=change.group_buy_id, event_id=event_id, state="open", created_at=now(), **_terms(change)
            )
        )
        _publish(connection, event_id, change.group_buy_id)
        return AnswerStatus.APPLIED, None
    if row.event_id != event_id:
        return AnswerStatus.REJECTED, f"the group buy {change.group_buy_id} belongs to another event"
    if not _later(row, change):
        return AnswerStatus.APPLIED, f"kept for the books: a later change of group buy {row.name} is in force"
    if row.state != "open":
        return AnswerStatus.APPLIED, f"kept for the books: the group buy {row.name} is already {row.state}"
    has_commitments = connection.scalar(
        select(group_buy_commitments.c.id).where(group_buy_commitments.c.group_buy_id == row.id).limit(1)
    )
    if has_commitments and (row.sku, int(row.price), row.payment) != (change.sku, change.price, change.payment):
        # Fed again, so the till that showed its refused terms takes the hub's back at its next pull.
        _publish(connection, event_id, row.id)
        return AnswerStatus.REJECTED, (
            f"the group buy {row.name} has commitments: its product, price and payment stay as they are "
            "(cancel it and open another)"
        )
    values = _terms(change)
    note = None
    if change.cancelled:
        refunds = _cancel(connection, row)
        values |= {"state": CANCELLED, "closed_at": now()}
        note = f"cancelled: {refunds} commitment(s) to refund"
    connection.execute(update(group_buys).where(group_buys.c.id == row.id).values(**values))
    _publish(connection, event_id, row.id)
    return AnswerStatus.APPLIED, note


def apply_group_buy_set(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """A manager's group buy from a till (it passed its contract and the SKU check at admission)."""
    change = parse_fact(record.type, record.schema_version, record.payload)
    if not isinstance(change, GroupBuySet):
        raise TypeError(f"{record.type} is not a group buy change")
    return keep_group_buy(connection, till.event_id, change)
