"""Each till's line of the hub's close checklist, as this till last pulled it (feed kind ``till_status``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from app.store.schema import hub_till_statuses


@dataclass(frozen=True, slots=True)
class TillStatusRow:
    till_code: str
    closed: bool
    cash_closed: bool
    last_seq_declared: int | None
    last_seq_received: int
    missing: int
    conflicts_open: int
    event_frozen: bool
    updated_at: str


def save_till_status(connection: Connection, row: TillStatusRow) -> None:
    """The hub's newest word on a till replaces the one before."""
    connection.execute(delete(hub_till_statuses).where(hub_till_statuses.c.till_code == row.till_code))
    connection.execute(
        insert(hub_till_statuses).values(
            till_code=row.till_code,
            closed=int(row.closed),
            cash_closed=int(row.cash_closed),
            last_seq_declared=row.last_seq_declared,
            last_seq_received=row.last_seq_received,
            missing=row.missing,
            conflicts_open=row.conflicts_open,
            event_frozen=int(row.event_frozen),
            updated_at=row.updated_at,
        )
    )


def till_statuses(connection: Connection) -> list[TillStatusRow]:
    rows = connection.execute(select(hub_till_statuses).order_by(hub_till_statuses.c.till_code))
    return [
        TillStatusRow(
            till_code=row.till_code,
            closed=bool(row.closed),
            cash_closed=bool(row.cash_closed),
            last_seq_declared=row.last_seq_declared,
            last_seq_received=row.last_seq_received,
            missing=row.missing,
            conflicts_open=row.conflicts_open,
            event_frozen=bool(row.event_frozen),
            updated_at=row.updated_at,
        )
        for row in rows
    ]
