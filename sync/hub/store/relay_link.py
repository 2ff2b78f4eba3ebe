"""The venue hub's side of relaying (docs/relay.md): its link upstream and what the upstream has acknowledged
of each till; the feed coming down is relay_feed.py's."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Connection, select

from sync.hub.store.enrollment import create_event
from sync.hub.store.schema import events, inbox, relay_forwarded, relay_link, tills
from sync.protocol import AnswerStatus, EventInfo, PushRecord


@dataclass(frozen=True, slots=True)
class Link:
    upstream_url: str
    token: str
    event_id: str
    feed_cursor: str


@dataclass(frozen=True, slots=True)
class TillBatch:
    """A till's next records the upstream has not acknowledged, in till order."""

    till_id: str
    till_code: str
    records: list[PushRecord]


def save_link(connection: Connection, upstream_url: str, token: str, event: EventInfo) -> None:
    if connection.execute(select(relay_link.c.id)).first() is not None:
        raise ValueError("This hub already relays to an upstream hub: use a new database for another link.")
    if connection.execute(select(events.c.id).where(events.c.id == event.event_id)).first() is None:
        create_event(connection, event)
    connection.execute(
        relay_link.insert().values(
            id=1, upstream_url=upstream_url.rstrip("/"), token=token, event_id=event.event_id, feed_cursor=""
        )
    )


def link(connection: Connection) -> Link | None:
    row = connection.execute(select(relay_link).where(relay_link.c.id == 1)).first()
    return None if row is None else Link(row.upstream_url, row.token, row.event_id, row.feed_cursor)


def acknowledged_marks(connection: Connection) -> dict[str, int]:
    """Per till, the highest till sequence the upstream has acknowledged."""
    rows = connection.execute(select(relay_forwarded.c.till_id, relay_forwarded.c.forwarded_seq))
    return {row.till_id: int(row.forwarded_seq) for row in rows}


def next_batch(connection: Connection, limit: int) -> TillBatch | None:
    """The next records to forward, of one till: those above its acknowledged mark, not rejected here."""
    marks = acknowledged_marks(connection)
    for till in connection.execute(select(tills.c.id, tills.c.code).order_by(tills.c.id)):
        rows = connection.execute(
            select(inbox)
            .where(
                inbox.c.till_id == till.id,
                inbox.c.till_seq > marks.get(till.id, 0),
                inbox.c.status != AnswerStatus.REJECTED.value,
            )
            .order_by(inbox.c.till_seq)
            .limit(limit)
        ).all()
        if rows:
            records = [
                PushRecord(
                    event_id=row.event_id,
                    till_seq=row.till_seq,
                    type=row.type,
                    # The inbox keeps no schema version: every record contract is at its first (sync/records FACTS).
                    schema_version=1,
                    payload=json.loads(row.payload),
                )
                for row in rows
            ]
            return TillBatch(till.id, till.code, records)
    return None


def acknowledge(connection: Connection, till_id: str, through_seq: int) -> None:
    """The upstream answered every record of ``till_id`` up to ``through_seq``."""
    moved = connection.execute(
        relay_forwarded.update()
        .where(relay_forwarded.c.till_id == till_id, relay_forwarded.c.forwarded_seq < through_seq)
        .values(forwarded_seq=through_seq)
    ).rowcount
    if (
        not moved
        and connection.execute(select(relay_forwarded).where(relay_forwarded.c.till_id == till_id)).first() is None
    ):
        connection.execute(relay_forwarded.insert().values(till_id=till_id, forwarded_seq=through_seq))


def waiting(connection: Connection) -> int:
    """How many records the upstream has not acknowledged yet."""
    marks = acknowledged_marks(connection)
    rows = connection.execute(
        select(inbox.c.till_id, inbox.c.till_seq).where(inbox.c.status != AnswerStatus.REJECTED.value)
    )
    return sum(1 for row in rows if row.till_seq > marks.get(row.till_id, 0))
