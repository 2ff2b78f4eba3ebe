"""Closing the event across its tills: each till's declared close, conflict reviews, and the event's freeze.

A till closes by sending ``till.closed`` as its last record (sync/records/closing.py).
The event's checklist is, per till: its cash is closed, every record up to its
declared last number has arrived (no gap in its sequence), and every conflict
its records raised has been reviewed. Freezing the event waits for all of
them, or for a manager's override, whose reason is kept with what it
overrode. A record arriving after the freeze is still a fact: it is applied,
flagged ``after_close`` and answered as a conflict.

Each till's line of the checklist is fed to every till of the event
(``till_status``) whenever it changes, so a manager on any till sees it.
What a push does about the close on every batch is push_close.py's.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy import Connection, func, insert, select, text, update

from sync.hub.store.conflict_log import Answer
from sync.hub.store.driver_sql import driver_sql
from sync.hub.store.enrollment import AuthenticatedTill, require_event
from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish_many
from sync.hub.store.schema import (
    conflict_reviews,
    conflicts,
    event_freezes,
    inbox,
    now,
    till_closures,
    till_statuses,
    tills,
)
from sync.hub.store.webhook_outbox import enqueue
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ChangeKind, TillStatusChanged

AFTER_CLOSE = "after_close"


@dataclass(frozen=True, slots=True)
class TillLine:
    """One till's line of the event's close checklist."""

    till_id: str
    code: str
    closed: bool
    cash_closed: bool
    last_seq_declared: int | None
    last_seq_received: int
    missing: int
    conflicts_open: int

    def problems(self) -> list[str]:
        """What this till still lacks, each with what to do."""
        left = []
        if not self.closed:
            left.append("cash not closed: close its cash session and the event on the till, then sync it")
        elif not self.cash_closed:
            left.append("cash still open: close its cash session on the till, then close the event there again")
        if self.missing:
            left.append(
                f"{self.missing} of its records up to number {self.last_seq_declared} have not arrived: "
                "sync the till, or import its outbox file"
            )
        if self.conflicts_open:
            left.append(
                f"{self.conflicts_open} conflict(s) not reviewed: see 'popup-hub conflicts', then "
                "'popup-hub conflicts review ID --note TEXT'"
            )
        return left


@dataclass(frozen=True, slots=True)
class Freeze:
    frozen_at: str
    frozen_by: str
    override_reason: str | None
    blocking: list[str]


@dataclass(frozen=True, slots=True)
class EventChecklist:
    event_id: str
    tills: list[TillLine]
    freeze: Freeze | None

    def blockers(self) -> list[str]:
        """One line per problem of every till, e.g. "Till B: cash not closed: ..."."""
        return [f"Till {line.code}: {problem}" for line in self.tills for problem in line.problems()]


def declare_close(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """Keep what a ``till.closed`` record declares; a later close of the same till (re-closed) replaces it."""
    payload = record.payload
    if payload["last_seq"] != record.till_seq:
        return AnswerStatus.REJECTED, "the close names another sequence number than its own as the till's last"
    values = {
        "last_seq": record.till_seq,
        "cash_closed": int(payload["cash_closed"]),
        "z_numbers": json.dumps(payload["z_numbers"]),
        "closed_at": payload["at"],
        "record_id": record.event_id,
    }
    known = connection.execute(
        select(till_closures.c.last_seq).where(till_closures.c.till_id == till.till_id)
    ).scalar_one_or_none()
    if known is None:
        connection.execute(insert(till_closures).values(till_id=till.till_id, **values))
    elif known < record.till_seq:
        connection.execute(update(till_closures).where(till_closures.c.till_id == till.till_id).values(**values))
    return AnswerStatus.APPLIED, None


def checklist(connection: Connection, event_id: str) -> EventChecklist:
    require_event(connection, event_id)
    event_tills = connection.execute(
        select(tills.c.id, tills.c.code).where(tills.c.event_id == event_id).order_by(tills.c.code)
    ).all()
    unreviewed: dict[str, int] = {}
    for item in open_conflicts(connection):
        unreviewed[item.till_id] = unreviewed.get(item.till_id, 0) + 1
    lines = [_line(connection, row.id, row.code, unreviewed.get(row.id, 0)) for row in event_tills]
    return EventChecklist(event_id, lines, _freeze(connection, event_id))


def _line(connection: Connection, till_id: str, code: str, conflicts_open: int) -> TillLine:
    close = connection.execute(select(till_closures).where(till_closures.c.till_id == till_id)).first()
    # A seek on the inbox's (till_id, till_seq) key.
    received = connection.scalar(select(func.max(inbox.c.till_seq)).where(inbox.c.till_id == till_id))
    missing = 0
    if close is not None:
        # A walk of the till's records: only once the till has declared its close.
        arrived = connection.scalar(
            select(func.count()).where(inbox.c.till_id == till_id, inbox.c.till_seq <= close.last_seq)
        )
        missing = close.last_seq - int(arrived or 0)
    return TillLine(
        till_id=till_id,
        code=code,
        closed=close is not None,
        cash_closed=bool(close is not None and close.cash_closed),
        last_seq_declared=close.last_seq if close is not None else None,
        last_seq_received=int(received or 0),
        missing=missing,
        conflicts_open=conflicts_open,
    )


def open_conflict_count(connection: Connection, till_id: str) -> int:
    """The till's conflicts nobody has reviewed (as ``open_conflicts`` attributes them), counted for it alone."""
    unreviewed = conflict_reviews.c.conflict_id.is_(None)
    reviewed_join = conflict_reviews, conflict_reviews.c.conflict_id == conflicts.c.id
    of_records = connection.scalar(
        select(func.count())
        .select_from(conflicts.join(inbox, inbox.c.event_id == conflicts.c.record_id).outerjoin(*reviewed_join))
        .where(inbox.c.till_id == till_id, unreviewed)
    )
    of_heads = connection.scalar(
        select(func.count())
        .select_from(conflicts.outerjoin(*reviewed_join))
        .where(conflicts.c.record_id.startswith(f"{till_id}/", autoescape=True), unreviewed)
    )
    return int(of_records or 0) + int(of_heads or 0)


@dataclass(frozen=True, slots=True)
class OpenConflict:
    conflict_id: int
    kind: str
    subject: str
    till_id: str


def open_conflicts(connection: Connection) -> list[OpenConflict]:
    """Conflicts nobody has reviewed, each with the till of the record that raised it.

    A record's conflict names the record (its till is in the inbox); a refused
    audit head names ``till_id/entry`` (sync/hub/store/audit_heads.py).
    """
    rows = connection.execute(
        select(conflicts.c.id, conflicts.c.kind, conflicts.c.subject, conflicts.c.record_id, inbox.c.till_id)
        .select_from(
            conflicts.outerjoin(inbox, inbox.c.event_id == conflicts.c.record_id).outerjoin(
                conflict_reviews, conflict_reviews.c.conflict_id == conflicts.c.id
            )
        )
        .where(conflict_reviews.c.conflict_id.is_(None))
        .order_by(conflicts.c.id)
    )
    return [OpenConflict(row.id, row.kind, row.subject, row.till_id or row.record_id.partition("/")[0]) for row in rows]


def conflicts_to_review(connection: Connection, current: EventChecklist) -> list[tuple[OpenConflict, str]]:
    """The open conflicts raised by the checklist's tills, each with its till's code."""
    codes = {line.till_id: line.code for line in current.tills}
    return [(item, codes[item.till_id]) for item in open_conflicts(connection) if item.till_id in codes]


def _freeze(connection: Connection, event_id: str) -> Freeze | None:
    row = connection.execute(select(event_freezes).where(event_freezes.c.event_id == event_id)).first()
    if row is None:
        return None
    return Freeze(row.frozen_at, row.frozen_by, row.override_reason, json.loads(row.blocking))


def one_publisher(connection: Connection, event_id: str) -> None:
    """Hold the event's lines until the transaction ends (PostgreSQL; SQLite has one writer anyway).

    Without it two pushes at once each compute every line from what was committed
    when they read, and the later writer feeds a line older than the other's
    records: a till closed on the hub stays "cash still open" on every till. Taken
    last in any transaction (a push publishes after applying all its records), so
    it never waits while holding a stock or voucher lock another waits for.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"till_status/{event_id}"})


def publish_statuses(connection: Connection, event_id: str) -> None:
    """Feed every till's line of the checklist to the event's tills where it differs from the one fed last."""
    one_publisher(connection, event_id)
    current = checklist(connection, event_id)
    fed = _fed(connection, [line.till_id for line in current.tills])
    for line in current.tills:
        feed_line(connection, event_id, line, current.freeze is not None, fed.get(line.till_id))


def _fed(connection: Connection, till_ids: list[str]) -> dict[str, str]:
    rows = connection.execute(select(till_statuses).where(till_statuses.c.till_id.in_(till_ids)))
    return {row.till_id: row.data for row in rows}


def feed_line(connection: Connection, event_id: str, line: TillLine, frozen: bool, fed: str | None) -> None:
    data = TillStatusChanged(
        closed=line.closed,
        cash_closed=line.cash_closed,
        last_seq_declared=line.last_seq_declared,
        last_seq_received=line.last_seq_received,
        missing=line.missing,
        conflicts_open=line.conflicts_open,
        event_frozen=frozen,
    ).to_payload()
    text = json.dumps(data, sort_keys=True)
    if fed == text:
        return
    # Through the driver: a push feeds its till's line on every batch.
    kept = "INSERT INTO till_statuses (data, till_id) VALUES (?, ?)" if fed is None else _UPDATE_LINE
    connection.exec_driver_sql(driver_sql(connection, kept), (text, line.till_id))
    publish_many(connection, event_id, [(ChangeKind.TILL_STATUS.value, line.code, json.dumps(data))])


_UPDATE_LINE = "UPDATE till_statuses SET data = ? WHERE till_id = ?"


def review_conflict(connection: Connection, conflict_id: int, by: str, note: str) -> str | None:
    """Record that ``by`` looked at the conflict and what was done, and feed the changed line to the tills;
    returns the event whose tills it concerns."""
    event_id = record_review(connection, conflict_id, by, note)
    if event_id is not None:
        publish_statuses(connection, event_id)
    return event_id


def record_review(connection: Connection, conflict_id: int, by: str, note: str) -> str | None:
    """``review_conflict`` without feeding the line: a push feeds its lines once, after all its records."""
    if not note.strip():
        raise HubError("Write what was done about the conflict: --note 'customer called, refund agreed'.")
    if not by.strip():
        raise HubError("Say who reviewed the conflict: --by NAME.")
    row = connection.execute(
        select(conflicts.c.id, conflicts.c.record_id, conflict_reviews.c.reviewed_at)
        .select_from(conflicts.outerjoin(conflict_reviews, conflict_reviews.c.conflict_id == conflicts.c.id))
        .where(conflicts.c.id == conflict_id)
    ).first()
    if row is None:
        raise HubError(f"No conflict {conflict_id} on this hub: see 'popup-hub conflicts' for their numbers.")
    if row.reviewed_at is not None:
        raise HubError(f"Conflict {conflict_id} was already reviewed at {row.reviewed_at}.")
    connection.execute(
        insert(conflict_reviews).values(conflict_id=conflict_id, reviewed_at=now(), reviewed_by=by, note=note.strip())
    )
    till_id = connection.scalar(select(inbox.c.till_id).where(inbox.c.event_id == row.record_id))
    till_id = till_id or row.record_id.partition("/")[0]
    return connection.scalar(select(tills.c.event_id).where(tills.c.id == till_id))


def close_event(connection: Connection, event_id: str, by: str, override: str | None) -> EventChecklist:
    """Freeze the event once every till is ready; ``override`` freezes it anyway, kept with what it overrode."""
    current = checklist(connection, event_id)
    if current.freeze is not None:
        raise HubError(f"The event was already closed at {current.freeze.frozen_at} by {current.freeze.frozen_by}.")
    if not by.strip():
        raise HubError("Say who closes the event: --by NAME.")
    blocking = current.blockers()
    if not current.tills:
        blocking.append("No till is enrolled on this event.")
    reason = override.strip() if override is not None else None
    if override is not None and not reason:
        raise HubError("An override needs its reason: --override 'till B's laptop was stolen, counted by hand'.")
    if blocking and reason is None:
        raise HubError(
            "The event cannot be closed yet:\n"
            + "\n".join(f"- {problem}" for problem in blocking)
            + "\nClose when these are done, or override with a reason: --override REASON."
        )
    connection.execute(
        insert(event_freezes).values(
            event_id=event_id,
            frozen_at=now(),
            frozen_by=by.strip(),
            override_reason=reason if blocking else None,
            blocking=json.dumps(blocking),
        )
    )
    publish_statuses(connection, event_id)
    closed = checklist(connection, event_id)
    if closed.freeze is not None:
        enqueue(connection, event_id, [("event.closed", asdict(closed.freeze))])
    return closed
