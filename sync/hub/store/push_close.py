"""What a push does about the event's close, once a batch: it reads the event's freeze once, flags the
records that came after it, and feeds the pushing till's line of the close checklist where it changed.

The checklist itself, the freeze and reviews are event_close.py's; these run on every batch, so their
statements go to the driver (docs/push_throughput.md, "Third pass").
"""

from __future__ import annotations

import json

from sqlalchemy import Connection

from sync.hub.store.conflict_log import Answer, conflict, flagged, raise_new
from sync.hub.store.driver_sql import driver_sql
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.event_close import AFTER_CLOSE, TillLine, feed_line, one_publisher, open_conflict_count
from sync.hub.store.schema import now
from sync.protocol import AnswerStatus, PushRecord
from sync.records import RecordType


def event_frozen_at(connection: Connection, event_id: str) -> str | None:
    """When the event was frozen (None while it is open): read once a push, through the driver."""
    row = connection.exec_driver_sql(
        driver_sql(connection, "SELECT frozen_at FROM event_freezes WHERE event_id = ?"), (event_id,)
    ).first()
    return None if row is None else str(row[0])


def flag_after_close(
    connection: Connection,
    till: AuthenticatedTill,
    records: list[PushRecord],
    answers: dict[str, Answer],
    frozen_at: str | None,
) -> None:
    """Records of a frozen event (``frozen_at``: when, ``event_frozen_at``) are kept and applied, and each is
    flagged once as having come after the close."""
    if not records or frozen_at is None:
        return
    raised = []
    for record in records:
        answer = answers[record.event_id]
        # A review changes no books: flagging it would raise a conflict about reviewing one.
        if answer[0] is AnswerStatus.REJECTED or record.type == RecordType.CONFLICT_REVIEWED:
            continue
        at = str(record.payload.get("at") or record.payload.get("created_at") or now())
        raised.append(conflict(AFTER_CLOSE, till.code, record.event_id, till, at, {"frozen_at": frozen_at}))
        answers[record.event_id] = flagged(
            answer, [f"the event was closed on the hub at {frozen_at}: a manager will look at this record"]
        )
    if raised:
        raise_new(connection, till.event_id, raised)


def publish_pushed_till(connection: Connection, till: AuthenticatedTill, conflicted: list[str], frozen: bool) -> None:
    """Feed the line of a till that has just pushed, where it changed; ``conflicted``: its records of the
    push answered with a conflict; ``frozen``: the event's freeze as the push read it (``event_frozen_at``).

    A push runs this on every batch, so the till's open conflicts are the count
    fed last plus those its new records raised (a review or the event's close
    counts every till's anew), and its statements go to the driver, the line's
    reads in one.
    """
    one_publisher(connection, till.event_id)
    fed, last_seq, cash_closed, received = connection.exec_driver_sql(
        driver_sql(connection, _PUSHED_LINE), (till.till_id,) * 4
    ).one()
    if fed is None:
        conflicts_open = open_conflict_count(connection, till.till_id)
    else:
        raised = 0
        if conflicted:
            counted = f"SELECT count(*) FROM conflicts WHERE record_id IN ({', '.join(['?'] * len(conflicted))})"
            raised = int(connection.exec_driver_sql(driver_sql(connection, counted), tuple(conflicted)).scalar() or 0)
        conflicts_open = int(json.loads(fed)["conflicts_open"]) + raised
    missing = 0
    if last_seq is not None:
        # A walk of the till's records: only once the till has declared its close (as event_close.py's _line).
        arrived = connection.exec_driver_sql(
            driver_sql(connection, "SELECT count(*) FROM inbox WHERE till_id = ? AND till_seq <= ?"),
            (till.till_id, last_seq),
        ).scalar()
        missing = int(last_seq) - int(arrived or 0)
    line = TillLine(
        till_id=till.till_id,
        code=till.code,
        closed=last_seq is not None,
        cash_closed=bool(cash_closed),
        last_seq_declared=None if last_seq is None else int(last_seq),
        last_seq_received=int(received or 0),
        missing=missing,
        conflicts_open=conflicts_open,
    )
    feed_line(connection, till.event_id, line, frozen, fed)


# The line fed last, the till's declared close and its last record received: what event_close.py's _fed and _line read.
_PUSHED_LINE = (
    "SELECT (SELECT data FROM till_statuses WHERE till_id = ?),"
    " (SELECT last_seq FROM till_closures WHERE till_id = ?),"
    " (SELECT cash_closed FROM till_closures WHERE till_id = ?),"
    " (SELECT max(till_seq) FROM inbox WHERE till_id = ?)"
)
