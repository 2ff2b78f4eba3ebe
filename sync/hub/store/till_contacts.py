"""Per till: its last contact with the hub, and how many records it says are still waiting on it (docs/event_page.md).

A till's last contact is its last authenticated request (a push or a pull of
the feed), not its last record: a till with nothing to send still shows it is
there. It is written at most once every ``CONTACT_EVERY_SECONDS``, so a till's
pulls stay reads. The count of waiting records is what the till put in its
last push that carried one, with that push's time, in the push's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from sync.hub.store.driver_sql import driver_sql
from sync.hub.store.schema import now, till_contacts

CONTACT_EVERY_SECONDS = 30


@dataclass(frozen=True, slots=True)
class TillContact:
    last_contact_at: str | None
    records_waiting: int | None
    waiting_reported_at: str | None


def note_contact(connection: Connection, till_id: str) -> None:
    """The till was just heard from: kept unless the time kept is younger than ``CONTACT_EVERY_SECONDS``."""
    kept = connection.scalar(select(till_contacts.c.last_contact_at).where(till_contacts.c.till_id == till_id))
    note_contact_after(connection, till_id, kept)


def note_contact_after(connection: Connection, till_id: str, kept: str | None) -> None:
    """``note_contact``, the time kept already read (``kept``, None when none): by the till's authentication."""
    at = now()
    recent = (datetime.now(UTC) - timedelta(seconds=CONTACT_EVERY_SECONDS)).isoformat(timespec="milliseconds")
    if kept is not None and kept > recent:
        return
    _upsert(connection, till_id, last_contact_at=at)


def note_waiting(connection: Connection, till_id: str, records_waiting: int) -> None:
    """The count the till's push carried, in the push's transaction: one statement through the driver, for a
    till sends it with every batch (docs/push_throughput.md)."""
    connection.exec_driver_sql(
        driver_sql(
            connection,
            "INSERT INTO till_contacts (till_id, records_waiting, waiting_reported_at) VALUES (?, ?, ?)"
            " ON CONFLICT (till_id) DO UPDATE SET records_waiting = excluded.records_waiting,"
            " waiting_reported_at = excluded.waiting_reported_at",
        ),
        (till_id, records_waiting, now()),
    )


def contacts_of(connection: Connection, till_ids: list[str]) -> dict[str, TillContact]:
    rows = connection.execute(select(till_contacts).where(till_contacts.c.till_id.in_(till_ids)))
    return {row.till_id: TillContact(row.last_contact_at, row.records_waiting, row.waiting_reported_at) for row in rows}


def _upsert(connection: Connection, till_id: str, **values: Any) -> None:
    """One statement, so that two hub processes writing the same till's row at once both succeed."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(till_contacts).values(till_id=till_id, **values)
    connection.execute(statement.on_conflict_do_update(index_elements=[till_contacts.c.till_id], set_=values))
