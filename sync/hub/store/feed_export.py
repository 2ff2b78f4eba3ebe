"""A till's feed written to a file, for a till with no network: the same changes, in the same order, as it
would pull over HTTP from its cursor (feed.py ``changes_since``), each with the cursor that follows it.

The till reports its cursor in the signed header of each outbox file it
exports; the hub keeps the last one reported, and starts the next feed file
for that till there unless told otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, update

from sync.carried_feed import FeedEntry, write_feed_file
from sync.hub.store.enrollment import AuthenticatedTill, file_key_of, till_by_id
from sync.hub.store.errors import HubError
from sync.hub.store.feed import changes_since
from sync.hub.store.schema import changes, now, till_feed_cursors, tills

# Changes read per page of the export, as many as a till pulls per request at most.
PAGE = 1000
# A cursor as changes_since writes it ("transaction.sequence"), or "" for the start.
_CURSOR = re.compile(r"([0-9]{1,19}\.[0-9]{1,19})?")


class UnservedCursor(HubError):
    """A cursor asked for that this hub cannot start a feed at."""


@dataclass(frozen=True, slots=True)
class ExportedFeed:
    since: str
    until: str
    resync: bool
    entries: list[FeedEntry]


def export_feed(connection: Connection, till: AuthenticatedTill, since: str) -> ExportedFeed:
    """Every change the till would pull from ``since``; a cursor the hub cannot serve from means the whole feed."""
    entries: list[FeedEntry] = []
    cursor, resync = since, False
    while True:
        page = changes_since(connection, till, cursor, PAGE)
        if page.resync:
            if resync or not cursor:
                break
            entries, cursor, resync = [], "", True
            continue
        transactions = dict(
            connection.execute(
                select(changes.c.seq, changes.c.tx).where(changes.c.seq.in_([change.seq for change in page.changes]))
            ).all()
        )
        entries += [FeedEntry(f"{transactions[change.seq]}.{change.seq}", change) for change in page.changes]
        cursor = page.next_cursor
        if not page.more:
            break
    return ExportedFeed("" if resync else since, cursor, resync, entries)


def till_feed_file(
    connection: Connection, till: str, event_id: str | None, since: str | None
) -> tuple[str, ExportedFeed]:
    """The feed file of ``till`` (its id, or its code with ``event_id``), signed for it, and what it holds.

    Without ``since`` it starts at the cursor the till last reported in an outbox file; a reported
    cursor the hub no longer serves gives the whole feed, which the till reads anew. A ``since``
    given by hand is refused instead: whoever gave it wants the file to start there.
    """
    till_id = till_id_by_code(connection, event_id, till) if event_id else till
    found = till_by_id(connection, till_id) if till_id else None
    key = file_key_of(connection, till_id) if till_id else None
    if found is None or key is None:
        raise HubError(
            f"No enrolled till {till} on this hub (or it was revoked): give its id, or its code with --event."
        )
    unserved = UnservedCursor(
        f"The hub cannot start a feed at cursor '{since}': give one it wrote (TRANSACTION.SEQUENCE, the "
        "'until' of an earlier feed file), an empty one for the whole feed, or none for the "
        "cursor the till last reported."
    )
    if since is not None and not servable(since):
        raise unserved
    start = since if since is not None else reported_cursor(connection, found.till_id)
    exported = export_feed(connection, found, start)
    if since and exported.resync:
        raise unserved
    text = write_feed_file(
        found.till_id, found.event_id, exported.since, exported.until, exported.resync, exported.entries, key
    )
    return text, exported


def servable(cursor: str) -> bool:
    """Whether ``cursor`` is one this hub writes: its numbers fit the database's 64-bit columns."""
    return bool(_CURSOR.fullmatch(cursor)) and all(int(part) < 2**63 for part in cursor.split(".") if part)


def note_pull_cursor(engine: Engine, till_id: str, cursor: str) -> None:
    """Keep the feed cursor a till reported in its outbox file: its next feed file starts there.

    One that is not a cursor this hub writes is not kept (the next file starts
    where the last good one did); the file's records are applied all the same.
    """
    if not servable(cursor):
        return
    with engine.begin() as connection:
        known = connection.scalar(select(till_feed_cursors.c.till_id).where(till_feed_cursors.c.till_id == till_id))
        values = {"cursor": cursor, "reported_at": now()}
        if known is None:
            connection.execute(insert(till_feed_cursors).values(till_id=till_id, **values))
        else:
            connection.execute(update(till_feed_cursors).where(till_feed_cursors.c.till_id == till_id).values(**values))


def reported_cursor(connection: Connection, till_id: str) -> str:
    """The cursor the till last reported, or the start of the feed if it never did."""
    cursor = connection.scalar(select(till_feed_cursors.c.cursor).where(till_feed_cursors.c.till_id == till_id))
    return str(cursor or "")


def till_id_by_code(connection: Connection, event_id: str, code: str) -> str | None:
    """The id of the event's till with this code (as printed on its receipts), or None."""
    return connection.scalar(select(tills.c.id).where(tills.c.event_id == event_id, tills.c.code == code.upper()))
