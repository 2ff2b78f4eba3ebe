"""Records pushed by tills: each applied exactly once, in till order, a batch in one transaction.

The inbox keeps each record id forever with a hash of its payload, so a
repeat gets the stored answer and a reused id with another payload is
refused. Facts are accepted even when they hurt (stock below zero): the hub
records them and raises a conflict instead. What each type of record does is
in push_records.py, the batch's effects in push_effects.py.
"""

from __future__ import annotations

from pydantic import TypeAdapter
from sqlalchemy import Connection, func, select

from sync.hub.store.admission import admit
from sync.hub.store.conflict_log import Answer
from sync.hub.store.driver_sql import insert_rows, select_in
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import PayloadMismatchError
from sync.hub.store.event_close import publish_statuses
from sync.hub.store.push_close import event_frozen_at, flag_after_close, publish_pushed_till
from sync.hub.store.push_effects import apply_batch
from sync.hub.store.schema import inbox, now, tills
from sync.protocol import AnswerStatus, PushRecord, RecordAnswer, canonical_hash, canonical_payload
from sync.records import RecordType


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
        for row in select_in(
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
    applied = apply_batch(connection, till, admitted, dumped)
    answers.update(zip([record.event_id for record in admitted], applied, strict=True))
    # The event's freeze, read once for the batch: its records are flagged by it and the till's line fed with it.
    frozen_at = event_frozen_at(connection, till.event_id) if kept else None
    flag_after_close(connection, till, admitted, answers, frozen_at)
    for event_id, reason in [*unstorable.items(), *refused.items()]:
        answers[event_id] = (AnswerStatus.REJECTED, reason)
    if kept:
        received_at = now()
        insert_rows(
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
        publish_pushed_till(connection, till, conflicted, frozen=frozen_at is not None)
    # In one call: a third of the cost of one RecordAnswer(...) each.
    return _ANSWERS.validate_python(
        [
            {"event_id": record.event_id, "status": status, "reason": reason}
            for record in records
            for status, reason in [answers[record.event_id]]
        ]
    )


_ANSWERS = TypeAdapter(list[RecordAnswer])


def _sequence_clashes(connection: Connection, till: AuthenticatedTill, records: list[PushRecord]) -> dict[str, str]:
    """Records whose till sequence another record already holds: answered, never stored (the sequence is unique)."""
    if not records:
        return {}
    holders = {
        row.till_seq: row.event_id
        for row in select_in(
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
