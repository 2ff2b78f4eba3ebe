"""A batch's admitted records applied in till order, with one query per kind of work rather than per record.

The levels of the SKUs the batch moves are read once (the running levels, stock_levels.py) under their
locks, each record's movements applied to them in order (an oversell answers a conflict), and the batch's
rows written together: stock movements and their running levels, locations, handoffs, returns, vouchers,
figures, the feed, conflicts and webhooks.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection

from sync.hub.store.availability import BatchLevels, lock_skus
from sync.hub.store.conflict_log import Answer, raise_new
from sync.hub.store.driver_sql import insert_rows
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.feed import publish_many
from sync.hub.store.handoffs import record_handoffs
from sync.hub.store.push_records import APPLY, Movements
from sync.hub.store.reports import record_figures
from sync.hub.store.returns import record_returns
from sync.hub.store.schema import now
from sync.hub.store.stock_levels import add_movements, on_hand_levels
from sync.hub.store.vouchers import record_vouchers
from sync.hub.store.webhook_outbox import enqueue_push
from sync.protocol import AnswerStatus, PushRecord


def apply_batch(
    connection: Connection, till: AuthenticatedTill, records: list[PushRecord], dumped: dict[str, str]
) -> list[Answer]:
    """Apply new records in till order, with one query per kind of work rather than per record.

    ``dumped``: each record's payload as its canonical JSON text, already made for its hash: a record the feed
    passes on as it came (a sale, a return, a stock move) is published as that text, not encoded again.
    """
    if not records:
        return []
    outcomes: list[Movements | Answer] = []
    handoffs: dict[str, list[dict[str, Any]]] = {}
    returned: dict[str, dict[str, Any]] = {}
    placed: list[tuple[str, str, str, int, str]] = []
    published: list[tuple[str, str, str]] = []
    for record in records:
        applied = APPLY[record.type](connection, till, record)
        outcomes.append(applied.outcome)
        if applied.published is not None:
            kind, key, data = applied.published
            published.append((kind, key, dumped[record.event_id] if data is record.payload else json.dumps(data)))
        if applied.handoff is not None:
            handoffs[record.event_id] = applied.handoff
        if applied.returned is not None:
            returned[record.event_id] = applied.returned
        if applied.placed is not None:
            placed += [
                (till.event_id, sku, location, quantity, record.event_id) for location, sku, quantity in applied.placed
            ]
    skus = sorted({sku for outcome in outcomes if isinstance(outcome, list) for sku, _ in outcome})
    # Tills selling the same SKU at once must see each other's movements, or
    # a sale below zero would go unflagged; sorted, so two batches never deadlock.
    lock_skus(connection, till.event_id, skus)
    # The running levels, read rather than summed: a SKU's history does not slow its push (stock_levels.py).
    stock = on_hand_levels(connection, till.event_id, skus)
    # Oversold means below what is available: pickup orders' reservations count (availability.py).
    levels = BatchLevels.load(connection, till.event_id, stock, handoffs.values())
    movements: list[tuple[str, str, int, str]] = []
    raised: list[dict[str, Any]] = []
    answers: list[Answer] = []
    for record, outcome in zip(records, outcomes, strict=True):
        if not isinstance(outcome, list):
            answers.append(outcome)
            continue
        below_zero = levels.apply(outcome, handoffs.get(record.event_id))
        movements += [(till.event_id, sku, quantity, record.event_id) for sku, quantity in outcome]
        for sku in below_zero:
            raised.append(
                {
                    "kind": "stock_below_zero",
                    "subject": sku,
                    "record_id": record.event_id,
                    "details": json.dumps({**levels.details(sku), "till": till.code}),
                    "raised_at": now(),
                }
            )
        if below_zero:
            answers.append((AnswerStatus.CONFLICT, levels.oversold_reason(below_zero)))
        else:
            answers.append((AnswerStatus.APPLIED, None))
    if handoffs:
        record_handoffs(connection, till, records, handoffs, answers, raised)
    if returned:
        record_returns(connection, till, records, returned, answers, raised)
    record_vouchers(connection, till, records, answers, raised)
    record_figures(connection, till.event_id, records, insert_rows)
    if published:
        publish_many(connection, till.event_id, published)
    if movements:
        insert_rows(connection, "stock_movements (event_id, sku, quantity, source)", movements)
        add_movements(connection, till.event_id, [(sku, quantity) for _event, sku, quantity, _source in movements])
    if placed:
        insert_rows(connection, "stock_locations (event_id, sku, location, quantity, source)", placed)
    if raised:
        raise_new(connection, till.event_id, raised)
    if skus:
        levels.write(connection, till.event_id)
    enqueue_push(connection, till, records, answers, handoffs, levels.crossings)
    return answers
