"""Records pushed by tills: each applied exactly once, in till order, a batch in one transaction.

The inbox keeps each record id forever with a hash of its payload, so a
repeat gets the stored answer and a reused id with another payload is
refused. Facts are accepted even when they hurt (stock below zero): the hub
records them and raises a conflict instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, text

from sync.hub.store.admission import admit
from sync.hub.store.catalog import levels
from sync.hub.store.conflict_log import Answer, raise_new
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import PayloadMismatchError
from sync.hub.store.feed import Published, publish_many
from sync.hub.store.handoffs import handoff_lines, record_handoffs
from sync.hub.store.returns import record_returns
from sync.hub.store.schema import inbox, now, stock_movements, tills
from sync.protocol import AnswerStatus, PushRecord, RecordAnswer, payload_hash
from sync.records import RecordType

# (sku, quantity) stock movements; a sale's are negative.
Movements = list[tuple[str, int]]


@dataclass(frozen=True, slots=True)
class Applied:
    """What one record does: move stock (then its answer depends on the levels) or answer at once.

    The rest is for the batch's later steps: a change the other tills pull,
    handoff lines and a return's payload checked against every till's.
    """

    outcome: Movements | Answer
    published: Published | None = None
    handoff: list[dict[str, Any]] | None = None
    returned: dict[str, Any] | None = None


def _apply_sale(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    payload = record.payload
    return Applied(
        [(line["sku"], -line["quantity"]) for line in payload["lines"]],
        # Other tills of the event pull sales and returns, so any till can take a return.
        published=("sale", payload["sale_id"], payload),
    )


def _apply_return(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    payload = record.payload
    # Only restocked items are sellable again; held and written-off ones are counted apart.
    restocked = [line for line in payload["lines"] if line["disposition"] == "restock"]
    return Applied(
        [(line["sku"], int(line["quantity"])) for line in restocked],
        published=("return", payload["return_id"], payload),
        returned=payload,
    )


def _apply_stock_move(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    return Applied([(sku, quantity) for sku, quantity in record.payload["deltas"]])


def _apply_handoff(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Applied:
    resolved = handoff_lines(connection, till, record.payload)
    if isinstance(resolved, str):
        return Applied((AnswerStatus.REJECTED, resolved))
    return Applied([(line["sku"], -int(line["quantity"])) for line in resolved], handoff=resolved)


def _keep_for_the_books(_connection: Connection, _till: AuthenticatedTill, _record: PushRecord) -> Applied:
    # Kept in the inbox for the marketplace's books; nothing on the hub derives from them yet.
    return Applied((AnswerStatus.APPLIED, None))


# A new record type is its contract in sync/records, one apply function and its entry here.
# Every record reaching these functions has passed its contract (admission.py).
APPLY: dict[str, Callable[[Connection, AuthenticatedTill, PushRecord], Applied]] = {
    RecordType.SALE_COMPLETED: _apply_sale,
    RecordType.RETURN_RECORDED: _apply_return,
    RecordType.STOCK_MOVED: _apply_stock_move,
    RecordType.PICKUP_HANDED_OFF: _apply_handoff,
    RecordType.VOUCHER_ISSUED: _keep_for_the_books,
    RecordType.CASH_SESSION: _keep_for_the_books,
}


def push_batch(connection: Connection, till: AuthenticatedTill, records: list[PushRecord]) -> list[RecordAnswer]:
    """Answer every record: the stored answer of one received before, else the answer of applying it now.

    A record that breaks its contract (sync/records), claims another till or
    event, or names what the marketplace does not sell is rejected on its own:
    kept in the inbox with the reason, applied nowhere, never fed to a till.
    """
    # One push at a time per till, across hub processes (PostgreSQL row lock;
    # SQLite's single writer already serialises).
    connection.execute(select(tills.c.id).where(tills.c.id == till.till_id).with_for_update())
    answers: dict[str, RecordAnswer] = {}
    mismatched: list[str] = []
    fresh: dict[str, PushRecord] = {}
    hashes = {id(record): payload_hash(record.payload) for record in records}
    known = {
        row.event_id: row
        for row in connection.execute(
            select(inbox.c.event_id, inbox.c.till_id, inbox.c.payload_hash, inbox.c.status, inbox.c.reason).where(
                inbox.c.event_id.in_({record.event_id for record in records})
            )
        )
    }
    for record in records:
        stored = known.get(record.event_id)
        twin = fresh.get(record.event_id)
        if twin is not None:
            # The same id twice in one batch: a repeat, unless its content differs.
            if hashes[id(twin)] != hashes[id(record)]:
                mismatched.append(record.event_id)
        elif stored is None:
            fresh[record.event_id] = record
        elif stored.payload_hash != hashes[id(record)] or stored.till_id != till.till_id:
            mismatched.append(record.event_id)
        else:
            # A refusal stays a refusal: a till whose first answer was lost must still see it needs a person.
            status = AnswerStatus.REJECTED if stored.status == AnswerStatus.REJECTED else AnswerStatus.DUPLICATE
            answers[record.event_id] = RecordAnswer(event_id=record.event_id, status=status, reason=stored.reason)
    if mismatched:
        raise PayloadMismatchError(mismatched)
    unstorable = _sequence_clashes(connection, till, list(fresh.values()))
    admitted, refused = admit(connection, till, [r for r in fresh.values() if r.event_id not in unstorable])
    for record, (status, reason) in zip(admitted, _apply_batch(connection, till, admitted), strict=True):
        answers[record.event_id] = RecordAnswer(event_id=record.event_id, status=status, reason=reason)
    for event_id, reason in [*unstorable.items(), *refused.items()]:
        answers[event_id] = RecordAnswer(event_id=event_id, status=AnswerStatus.REJECTED, reason=reason)
    stored_now = [record for record in fresh.values() if record.event_id not in unstorable]
    if stored_now:
        received_at = now()
        connection.execute(
            inbox.insert(),
            [
                {
                    "event_id": record.event_id,
                    "till_id": till.till_id,
                    "till_seq": record.till_seq,
                    "type": record.type,
                    "payload_hash": hashes[id(record)],
                    # A refused oversized payload is not kept whole: its hash answers its repeats.
                    "payload": json.dumps(record.payload, sort_keys=True) if record.event_id not in refused else "{}",
                    "status": answers[record.event_id].status.value,
                    "reason": answers[record.event_id].reason,
                    "received_at": received_at,
                }
                for record in stored_now
            ],
        )
    return [answers[record.event_id] for record in records]


def _sequence_clashes(connection: Connection, till: AuthenticatedTill, records: list[PushRecord]) -> dict[str, str]:
    """Records whose till sequence another record already holds: answered, never stored (the sequence is unique)."""
    if not records:
        return {}
    holders = {
        row.till_seq: row.event_id
        for row in connection.execute(
            select(inbox.c.till_seq, inbox.c.event_id).where(
                inbox.c.till_id == till.till_id, inbox.c.till_seq.in_({record.till_seq for record in records})
            )
        )
    }
    clashes: dict[str, str] = {}
    for record in records:
        holder = holders.setdefault(record.till_seq, record.event_id)
        if holder != record.event_id:
            clashes[record.event_id] = f"till sequence {record.till_seq} is already used by record {holder}"
    return clashes


def inbox_count(connection: Connection) -> int:
    return int(connection.scalar(select(func.count()).select_from(inbox)) or 0)


def _apply_batch(connection: Connection, till: AuthenticatedTill, records: list[PushRecord]) -> list[Answer]:
    """Apply new records in till order, with one query per kind of work rather than per record."""
    if not records:
        return []
    outcomes: list[Movements | Answer] = []
    handoffs: dict[str, list[dict[str, Any]]] = {}
    returned: dict[str, dict[str, Any]] = {}
    published: list[Published] = []
    for record in records:
        applied = APPLY[record.type](connection, till, record)
        outcomes.append(applied.outcome)
        if applied.published is not None:
            published.append(applied.published)
        if applied.handoff is not None:
            handoffs[record.event_id] = applied.handoff
        if applied.returned is not None:
            returned[record.event_id] = applied.returned
    skus = sorted({sku for outcome in outcomes if isinstance(outcome, list) for sku, _ in outcome})
    if connection.dialect.name == "postgresql":
        # Tills selling the same SKU at once must see each other's movements, or
        # a sale below zero would go unflagged; sorted, so two batches never deadlock.
        for sku in skus:
            connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"{till.event_id}/{sku}"})
    stock = levels(connection, till.event_id, skus)
    movements: list[dict[str, Any]] = []
    raised: list[dict[str, Any]] = []
    answers: list[Answer] = []
    for record, outcome in zip(records, outcomes, strict=True):
        if not isinstance(outcome, list):
            answers.append(outcome)
            continue
        below_zero = []
        for sku, quantity in outcome:
            stock[sku] += quantity
            movements.append({"event_id": till.event_id, "sku": sku, "quantity": quantity, "source": record.event_id})
            if quantity < 0 and stock[sku] < 0:
                below_zero.append(sku)
                raised.append(
                    {
                        "kind": "stock_below_zero",
                        "subject": sku,
                        "record_id": record.event_id,
                        "details": json.dumps({"level": stock[sku], "till": till.code}),
                        "raised_at": now(),
                    }
                )
        if below_zero:
            answers.append((AnswerStatus.CONFLICT, "recorded; stock went below zero for " + ", ".join(below_zero)))
        else:
            answers.append((AnswerStatus.APPLIED, None))
    if handoffs:
        record_handoffs(connection, till, records, handoffs, answers, raised)
    if returned:
        record_returns(connection, till, records, returned, answers, raised)
    if published:
        publish_many(connection, till.event_id, published)
    if movements:
        connection.execute(stock_movements.insert(), movements)
    if raised:
        raise_new(connection, raised)
    if skus:
        publish_many(connection, till.event_id, [("stock_level", sku, {"level": stock[sku]}) for sku in skus])
    return answers
