"""Records pushed by tills: each applied exactly once, in till order, a batch in one transaction.

The inbox keeps each record id forever with a hash of its payload, so a
repeat gets the stored answer and a reused id with another payload is
refused. Facts are accepted even when they hurt (stock below zero): the hub
records them and raises a conflict instead.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any, cast

from pydantic import TypeAdapter
from sqlalchemy import Connection, Row, func, select

from sync.custom_lines import is_custom_sku
from sync.hub.store.admission import admit
from sync.hub.store.availability import BatchLevels, lock_skus
from sync.hub.store.conflict_log import Answer, raise_new
from sync.hub.store.demand import apply_demand
from sync.hub.store.drop_changes import apply_drop_returned, apply_drop_set
from sync.hub.store.drops import apply_drop_sold
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import PayloadMismatchError
from sync.hub.store.event_close import declare_close, flag_after_close, publish_pushed_till, publish_statuses
from sync.hub.store.event_settings import apply_pushed as apply_event_change
from sync.hub.store.feed import Published, publish_many
from sync.hub.store.group_buy_changes import apply_group_buy_set
from sync.hub.store.group_buys import apply_commitment
from sync.hub.store.handoffs import UNKNOWN_ORDER, handoff_lines, record_handoffs
from sync.hub.store.price_rules import apply_pushed as apply_price_rule
from sync.hub.store.relay_feed import unseen_answer
from sync.hub.store.reports import record_figures
from sync.hub.store.returns import record_returns
from sync.hub.store.schema import inbox, now, tills
from sync.hub.store.stock_locations import Placed, fold
from sync.hub.store.till_reviews import apply_review
from sync.hub.store.vouchers import record_vouchers
from sync.hub.store.webhook_outbox import enqueue_push
from sync.protocol import AnswerStatus, PushRecord, RecordAnswer, canonical_hash, canonical_payload
from sync.records import RecordType

# (sku, quantity) stock movements; a sale's are negative.
Movements = list[tuple[str, int]]


# Not frozen: one is made per record, and a frozen dataclass's __init__ costs nearly three times as much
# (about 0.7 ms a batch of 500, docs/push_throughput.md). Nothing changes one once made.
@dataclass(slots=True)
class Applied:
    """What one record does: move stock (then its answer depends on the levels) or answer at once.

    The rest is for the batch's later steps: a change the other tills pull,
    handoff lines and a return's payload checked against every till's.
    """

    outcome: Movements | Answer
    published: Published | None = None
    handoff: list[dict[str, Any]] | None = None
    returned: dict[str, Any] | None = None
    # A stock.moved record's units per location (stock_locations.py), inserted with the batch's.
    placed: list[Placed] | None = None


def _apply_sale(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    payload = record.payload
    return Applied(
        # A custom amount (sync/custom_lines.py) is no stocked product: it moves no level.
        [(line["sku"], -line["quantity"]) for line in payload["lines"] if not is_custom_sku(line["sku"])],
        # Other tills of the event pull sales and returns, so any till can take a return.
        published=("sale", payload["sale_id"], payload),
    )


def _apply_return(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    payload = record.payload
    # Only restocked items are sellable again; held and written-off ones are counted apart.
    restocked = [
        line for line in payload["lines"] if line["disposition"] == "restock" and not is_custom_sku(line["sku"])
    ]
    return Applied(
        [(line["sku"], int(line["quantity"])) for line in restocked],
        published=("return", payload["return_id"], payload),
        returned=payload,
    )


def _apply_stock_move(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    # Only what crosses into or out of the sellable places moves the level (stock_locations.py).
    sellable, placed = fold(record.payload)
    # Other tills pull it, keyed by the record's id, to reconcile each maker's consignment (docs/consignment.md).
    return Applied(sellable, placed=placed, published=("stock_move", record.event_id, record.payload))


def _apply_handoff(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Applied:
    resolved = handoff_lines(connection, till, record.payload)
    if resolved == UNKNOWN_ORDER:
        # A venue hub may not have pulled the order yet: the upstream, which has every order, judges it.
        return Applied(unseen_answer(connection) or (AnswerStatus.REJECTED, resolved))
    if isinstance(resolved, str):
        return Applied((AnswerStatus.REJECTED, resolved))
    return Applied([(line["sku"], -int(line["quantity"])) for line in resolved], handoff=resolved)


def _keep_for_the_books(_connection: Connection, _till: AuthenticatedTill, _record: PushRecord) -> Applied:
    # Kept in the inbox for the marketplace's books; nothing on the hub derives from them yet.
    return Applied((AnswerStatus.APPLIED, None))


def _apply_till_closed(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Applied:
    return Applied(declare_close(connection, till, record))


def _into_the_voucher_ledger(_connection: Connection, _till: AuthenticatedTill, _record: PushRecord) -> Applied:
    # Issues and the sales' voucher tenders are folded together once the batch's answers are known (vouchers.py).
    return Applied((AnswerStatus.APPLIED, None))


# A new record type is its contract in sync/records, one apply function and its entry here.
# Every record reaching these functions has passed its contract (admission.py).
APPLY: dict[str, Callable[[Connection, AuthenticatedTill, PushRecord], Applied]] = {
    RecordType.SALE_COMPLETED: _apply_sale,
    RecordType.RETURN_RECORDED: _apply_return,
    RecordType.STOCK_MOVED: _apply_stock_move,
    RecordType.PICKUP_HANDED_OFF: _apply_handoff,
    RecordType.VOUCHER_ISSUED: _into_the_voucher_ledger,
    RecordType.CASH_SESSION: _keep_for_the_books,
    # The latest change per subject is kept and fed to every till (event_settings.py).
    RecordType.EVENT_SETTING_CHANGED: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.STAFF_CHANGED: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.COMMISSION_SET: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.MAKER_TERMS_SET: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.TILL_CLOSED: _apply_till_closed,
    RecordType.CONFLICT_REVIEWED: lambda c, t, r: Applied(apply_review(c, t, r)),
    # Counted per drop, flagged once when the counter's allocation or a customer's cap is passed (drops.py).
    RecordType.DROP_SOLD: lambda c, t, r: Applied(apply_drop_sold(c, t, r)),
    # A manager's drop from a till: the latest definition kept, the counts untouched (drop_changes.py).
    RecordType.DROP_SET: lambda c, t, r: Applied(apply_drop_set(c, t, r)),
    # Restocked drop units go back to the counter's allocation, counted once per return (drop_changes.py).
    RecordType.DROP_RETURNED: lambda c, t, r: Applied(apply_drop_returned(c, t, r)),
    # Counted in its window and fed as progress, or flagged when late (group_buys.py).
    RecordType.GROUP_BUY_COMMITTED: lambda c, t, r: Applied(apply_commitment(c, t, r)),
    # A manager's group buy from a till: the latest change kept, a cancellation refunds (group_buy_changes.py).
    RecordType.GROUP_BUY_CHANGED: lambda c, t, r: Applied(apply_group_buy_set(c, t, r)),
    # The latest change per rule is kept, logged and fed to every till (price_rules.py).
    RecordType.PRICE_RULE_CHANGED: lambda c, t, r: Applied(apply_price_rule(c, t, r)),
    # Kept per product for the demand list, the webhook and the event report (demand.py).
    RecordType.DEMAND_RECORDED: lambda c, t, r: Applied(apply_demand(c, t, r)),
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
    # One canonical dump per payload: hashed, measured (admission.py) and kept.
    dumps = [canonical_payload(record.payload) for record in records]
    encoded = [dump.encode() for dump in dumps]
    hashes = [canonical_hash(data) for data in encoded]
    known = {
        row.event_id: row
        for row in _select_in(
            connection,
            "SELECT event_id, till_id, payload_hash, status, reason FROM inbox WHERE event_id IN ({})",
            (),
            {record.event_id for record in records},
        )
    }
    answers: dict[str, Answer] = {}
    mismatched: list[str] = []
    # Each new id, and where its first record is in the batch.
    fresh: dict[str, int] = {}
    for index, record in enumerate(records):
        first = fresh.get(record.event_id)
        stored = known.get(record.event_id)
        if first is not None:
            # The same id twice in one batch: a repeat, unless its content differs.
            if hashes[first] != hashes[index]:
                mismatched.append(record.event_id)
        elif stored is None:
            fresh[record.event_id] = index
        elif stored.payload_hash != hashes[index] or stored.till_id != till.till_id:
            mismatched.append(record.event_id)
        else:
            # A refusal stays a refusal: a till whose first answer was lost must still see it needs a person.
            status = AnswerStatus.REJECTED if stored.status == AnswerStatus.REJECTED else AnswerStatus.DUPLICATE
            answers[record.event_id] = (status, stored.reason)
    if mismatched:
        raise PayloadMismatchError(mismatched)
    unstorable = _sequence_clashes(connection, till, [records[index] for index in fresh.values()])
    kept = [index for index in fresh.values() if records[index].event_id not in unstorable]
    admitted, refused = admit(
        connection, till, [records[index] for index in kept], [len(encoded[index]) for index in kept]
    )
    dumped = {records[index].event_id: dumps[index] for index in kept}
    applied = _apply_batch(connection, till, admitted, dumped)
    answers.update(zip([record.event_id for record in admitted], applied, strict=True))
    flag_after_close(connection, till, admitted, answers)
    for event_id, reason in [*unstorable.items(), *refused.items()]:
        answers[event_id] = (AnswerStatus.REJECTED, reason)
    if kept:
        received_at = now()
        _insert(
            connection,
            "inbox (event_id, till_id, till_seq, type, payload_hash, payload, status, reason, received_at)",
            [
                (
                    record.event_id,
                    till.till_id,
                    record.till_seq,
                    record.type,
                    hashes[index],
                    # A refused payload is not kept whole (an oversized one would be huge): its hash answers repeats.
                    dumps[index] if record.event_id not in refused else "{}",
                    status.value,
                    reason,
                    received_at,
                )
                for index in kept
                for record in [records[index]]
                for status, reason in [answers[record.event_id]]
            ],
        )
    if any(
        record.type == RecordType.CONFLICT_REVIEWED and answers[record.event_id][0] is AnswerStatus.APPLIED
        for record in admitted
    ):
        publish_statuses(connection, till.event_id)  # a review changes the line of the till it concerns
    elif kept:
        conflicted = [record.event_id for record in admitted if answers[record.event_id][0] is AnswerStatus.CONFLICT]
        publish_pushed_till(connection, till, conflicted)
    # In one call: a third of the cost of one RecordAnswer(...) each.
    return _ANSWERS.validate_python(
        [
            {"event_id": record.event_id, "status": status, "reason": reason}
            for record in records
            for status, reason in [answers[record.event_id]]
        ]
    )


_ANSWERS = TypeAdapter(list[RecordAnswer])


def _driver_sql(connection: Connection, statement: str) -> str:
    """``statement``, written with ``?`` markers, for the connection's driver (psycopg takes ``%s``).

    A batch's statements go to the driver as they are: SQLAlchemy's work on
    each of 500 rows or bound values costs more than the database's.
    """
    return statement if connection.dialect.paramstyle == "qmark" else statement.replace("?", "%s")


# Bound values per statement, well under SQLite's and PostgreSQL's limits.
_IN_CHUNK = 500
# SQLite before 3.32 binds at most 999 values to a statement.
_MAX_VALUES = 999


def _insert(connection: Connection, into: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``rows`` inserted ``into`` a table ("table (column, ...)"), as many to a statement as it binds.

    Not executemany: a driver takes the GIL back after each of its rows, so
    every other thread of the process (tills pushing at once) waits on each.
    """
    width = len(rows[0])
    per_statement = _MAX_VALUES // width
    row_marks = f"({', '.join(['?'] * width)})"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        statement = f"INSERT INTO {into} VALUES {', '.join([row_marks] * len(chunk))}"
        connection.exec_driver_sql(_driver_sql(connection, statement), tuple(chain.from_iterable(chunk)))


def _select_in(
    connection: Connection, statement: str, leading: tuple[Any, ...], values: Iterable[Any]
) -> list[Row[Any]]:
    """The rows of ``statement`` (its ``IN ({})`` filled with ``values``, after the ``leading`` parameters)."""
    ordered = list(values)
    rows: list[Row[Any]] = []
    for start in range(0, len(ordered), _IN_CHUNK):
        chunk = ordered[start : start + _IN_CHUNK]
        query = _driver_sql(connection, statement.format(", ".join(["?"] * len(chunk))))
        rows += connection.exec_driver_sql(query, (*leading, *chunk)).all()
    return rows


def _sequence_clashes(connection: Connection, till: AuthenticatedTill, records: list[PushRecord]) -> dict[str, str]:
    """Records whose till sequence another record already holds: answered, never stored (the sequence is unique)."""
    if not records:
        return {}
    holders = {
        row.till_seq: row.event_id
        for row in _select_in(
            connection,
            "SELECT till_seq, event_id FROM inbox WHERE till_id = ? AND till_seq IN ({})",
            (till.till_id,),
            {record.till_seq for record in records},
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


def _apply_batch(
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
    # Levels as catalog.levels sums them, through the driver like the rest of the batch.
    stock = dict.fromkeys(skus, 0)
    summed = _select_in(
        connection,
        "SELECT sku, sum(quantity) AS level FROM stock_movements WHERE event_id = ? AND sku IN ({}) GROUP BY sku",
        (till.event_id,),
        skus,
    )
    # Rows unpacked as tuples: a Row's attribute lookup, once per SKU, cost more than the rest of this loop.
    stock.update((sku, int(level)) for sku, level in cast("list[tuple[str, int]]", summed))
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
    record_figures(connection, till.event_id, records, _insert)
    if published:
        publish_many(connection, till.event_id, published)
    if movements:
        _insert(connection, "stock_movements (event_id, sku, quantity, source)", movements)
    if placed:
        _insert(connection, "stock_locations (event_id, sku, location, quantity, source)", placed)
    if raised:
        raise_new(connection, till.event_id, raised)
    if skus:
        levels.write(connection, till.event_id)
    enqueue_push(connection, till, records, answers, handoffs, levels.crossings)
    return answers
