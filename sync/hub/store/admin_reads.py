"""What the admin API lists that no ``popup-hub`` command reads: the events, an event's tills, the conflicts with
their reviews."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from sync.hub.store.schema import conflict_reviews, conflicts, events, tills
from sync.protocol import EventInfo, TaxClassInfo


@dataclass(frozen=True, slots=True)
class TillState:
    till_id: str
    code: str
    revoked: bool


def event_infos(connection: Connection, event_id: str | None = None) -> list[EventInfo]:
    """Every event of the hub (or the one ``event_id``), as the tills receive them at enrollment."""
    query = select(events).order_by(events.c.name, events.c.id)
    if event_id is not None:
        query = query.where(events.c.id == event_id)
    return [
        EventInfo(
            event_id=row.id,
            name=row.name,
            place=row.place,
            currency=row.currency,
            locale=row.locale,
            prices_include_tax=bool(row.prices_include_tax),
            cash_rounding_step=row.cash_rounding_step,
            tax_classes=[TaxClassInfo(**tax) for tax in json.loads(row.tax_classes)],
        )
        for row in connection.execute(query)
    ]


def event_tills(connection: Connection, event_id: str) -> list[TillState]:
    rows = connection.execute(select(tills).where(tills.c.event_id == event_id).order_by(tills.c.code))
    return [TillState(row.id, row.code, bool(row.revoked)) for row in rows]


def reviewed_conflicts(
    connection: Connection, reviewed: bool | None, conflict_id: int | None = None
) -> list[dict[str, Any]]:
    """The conflicts with their review (None: not reviewed); ``reviewed``: only those, or only the open ones;
    ``conflict_id``: only that one."""
    query = (
        select(conflicts, conflict_reviews.c.reviewed_at, conflict_reviews.c.reviewed_by, conflict_reviews.c.note)
        .select_from(conflicts.outerjoin(conflict_reviews, conflict_reviews.c.conflict_id == conflicts.c.id))
        .order_by(conflicts.c.id)
    )
    if reviewed is not None:
        column = conflict_reviews.c.conflict_id
        query = query.where(column.is_not(None) if reviewed else column.is_(None))
    if conflict_id is not None:
        query = query.where(conflicts.c.id == conflict_id)
    return [
        {**row._mapping, "conflict_id": row.id, "details": json.loads(row.details)} for row in connection.execute(query)
    ]
