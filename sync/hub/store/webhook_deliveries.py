"""The deliveries of the webhook outbox: claimed by senders (sync/hub/webhooks.py), their attempts, the log.

Senders in any number of hub processes share the table: a claim is an UPDATE
that repeats the conditions of its SELECT, so two senders never hold the same
delivery, and a dead sender's deliveries come free when their lock runs out.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, insert, or_, select, update

from sync.hub.store.errors import HubError
from sync.hub.store.schema import webhook_attempts, webhook_outbox, webhook_subscriptions
from sync.hub.store.webhook_outbox import DELIVERED, FAILED, WAITING, timestamp


@dataclass(frozen=True, slots=True)
class Claimed:
    """A delivery a sender holds until ``locked_until``: what it sends and where."""

    delivery_id: str
    event_id: str
    type: str
    payload: str
    created_at: str
    attempts: int
    url: str
    secret: str
    claim: str


def anything_due(engine: Engine, at: datetime) -> bool:
    """Whether a delivery waits for its time ``at``, read on a bare driver connection.

    Through SQLAlchemy, the SQLite hub begins IMMEDIATE: an idle sender asking
    every second would take the writers' lock from the tills' pushes each time.
    """
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(
            f"SELECT 1 FROM webhook_outbox WHERE state = {mark} AND next_attempt_at <= {mark} LIMIT 1",
            (WAITING, timestamp(at)),
        )
        found = cursor.fetchone() is not None
        connection.rollback()
        return found
    finally:
        connection.close()


def claim_due(connection: Connection, sender: str, at: datetime, lock_for: timedelta, limit: int) -> list[Claimed]:
    """Take up to ``limit`` due deliveries for ``sender``.

    The UPDATE repeats the conditions of the SELECT: should two hub processes
    pick the same rows, the second finds them locked (PostgreSQL re-reads a row
    updated by a transaction that committed meanwhile) and takes none of them.
    """
    moment = timestamp(at)
    due = (
        (webhook_outbox.c.state == WAITING)
        & (webhook_outbox.c.next_attempt_at <= moment)
        & (webhook_outbox.c.locked_until.is_(None) | (webhook_outbox.c.locked_until < moment))
    )
    # On PostgreSQL, rows another sender is claiming right now are skipped, so that it takes the next ones
    # rather than waiting for them (SQLite has one writer at a time and renders no FOR UPDATE).
    candidates = list(
        connection.scalars(
            select(webhook_outbox.c.id)
            .where(due)
            .order_by(webhook_outbox.c.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not candidates:
        return []
    claim = f"{sender}/{uuid.uuid4().hex[:12]}"
    connection.execute(
        update(webhook_outbox)
        .where(due, webhook_outbox.c.id.in_(candidates))
        .values(locked_until=timestamp(at + lock_for), locked_by=claim)
    )
    rows = connection.execute(
        select(webhook_outbox, webhook_subscriptions.c.url, webhook_subscriptions.c.secret)
        .join(webhook_subscriptions, webhook_subscriptions.c.id == webhook_outbox.c.subscription_id)
        .where(webhook_outbox.c.locked_by == claim)
    )
    return [
        Claimed(row.id, row.event_id, row.type, row.payload, row.created_at, row.attempts, row.url, row.secret, claim)
        for row in rows
    ]


def delivery(connection: Connection, delivery_id: str) -> Claimed:
    """A delivery as a replay sends it, whatever its state (its claim is empty: a replay holds no lock)."""
    row = connection.execute(
        select(webhook_outbox, webhook_subscriptions.c.url, webhook_subscriptions.c.secret)
        .join(webhook_subscriptions, webhook_subscriptions.c.id == webhook_outbox.c.subscription_id)
        .where(webhook_outbox.c.id == delivery_id)
    ).first()
    if row is None:
        raise HubError(
            f"No delivery {delivery_id} (or its subscription was removed): 'popup-hub webhooks log' lists them."
        )
    return Claimed(row.id, row.event_id, row.type, row.payload, row.created_at, row.attempts, row.url, row.secret, "")


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try at a delivery: the receiver's status code, or why there was none."""

    at: datetime
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


# A delivery, its attempt, and when to try again (None: give up).
Settled = tuple[Claimed, Attempt, datetime | None]


def record_attempts(connection: Connection, sender: str, settled: Sequence[Settled]) -> None:
    """Log each attempt and settle its delivery: delivered, retried at its retry time, or given up (None).

    A claimed delivery is settled only while its sender holds it: one whose lock
    ran out (another sender has it now) only logs. A replay holds no lock: one
    that got through settles a delivery given up on, a failed one leaves its
    schedule as it was.
    """
    if not settled:
        return
    connection.execute(
        insert(webhook_attempts),
        [
            {
                "delivery_id": claimed.delivery_id,
                "at": timestamp(attempt.at),
                "status_code": attempt.status_code,
                "error": attempt.error,
                "duration_ms": attempt.duration_ms,
                "sender": sender,
            }
            for claimed, attempt, _retry_at in settled
        ],
    )
    claimed_rows = [
        {
            "b_id": claimed.delivery_id,
            "b_claim": claimed.claim,
            "b_state": DELIVERED if attempt.delivered else WAITING if retry_at is not None else FAILED,
            "b_next": timestamp(retry_at or attempt.at),
            "b_status": attempt.status_code,
            "b_error": attempt.error,
        }
        for claimed, attempt, retry_at in settled
        if claimed.claim
    ]
    if claimed_rows:
        connection.execute(
            update(webhook_outbox)
            .where(webhook_outbox.c.id == bindparam("b_id"), webhook_outbox.c.locked_by == bindparam("b_claim"))
            .values(
                state=bindparam("b_state"),
                next_attempt_at=bindparam("b_next"),
                attempts=webhook_outbox.c.attempts + 1,
                last_status=bindparam("b_status"),
                last_error=bindparam("b_error"),
                locked_until=None,
                locked_by=None,
            ),
            claimed_rows,
        )
    for claimed, attempt, _retry_at in settled:
        if not claimed.claim:
            connection.execute(
                update(webhook_outbox)
                .where(webhook_outbox.c.id == claimed.delivery_id)
                .values(
                    attempts=webhook_outbox.c.attempts + 1,
                    last_status=attempt.status_code,
                    last_error=attempt.error,
                    **({"state": DELIVERED} if attempt.delivered else {}),
                )
            )


# The log's filters by state: "failing" is a delivery still being retried after a failed attempt.
LOG_STATES = (WAITING, "failing", DELIVERED, FAILED)


def deliveries(
    connection: Connection,
    event_id: str | None,
    limit: int,
    *,
    after: str | None = None,
    subscription_id: str | None = None,
    state: str | None = None,
) -> list[dict[str, Any]]:
    """Up to ``limit`` deliveries, newest first, with their attempts (oldest first).

    ``after`` is a delivery's id: the page starts past it, seeking on
    (created_at, id), as one push makes many deliveries of one instant.
    """
    outbox = webhook_outbox.c
    query = select(webhook_outbox).order_by(outbox.created_at.desc(), outbox.id.desc()).limit(limit)
    if event_id is not None:
        query = query.where(outbox.event_id == event_id)
    if subscription_id is not None:
        query = query.where(outbox.subscription_id == subscription_id)
    if state == "failing":
        query = query.where(outbox.state == WAITING, outbox.attempts > 0)
    elif state is not None:
        query = query.where(outbox.state == state)
    if after is not None:
        cursor = select(outbox.created_at).where(outbox.id == after)
        if event_id is not None:
            cursor = cursor.where(outbox.event_id == event_id)
        created_at = connection.scalar(cursor)
        if created_at is None:
            raise HubError(f"No delivery {after} in the log: start again without a cursor, or use the last one given.")
        query = query.where(
            or_(outbox.created_at < created_at, and_(outbox.created_at == created_at, outbox.id < after))
        )
    found = [dict(row._mapping) for row in connection.execute(query)]
    attempts: dict[str, list[dict[str, Any]]] = {}
    if found:
        for row in connection.execute(
            select(webhook_attempts)
            .where(webhook_attempts.c.delivery_id.in_([each["id"] for each in found]))
            .order_by(webhook_attempts.c.id)
        ):
            attempts.setdefault(row.delivery_id, []).append(dict(row._mapping))
    return [{**each, "attempt_log": attempts.get(each["id"], [])} for each in found]
