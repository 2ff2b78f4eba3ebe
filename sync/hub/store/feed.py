"""The change feed the tills pull: products, stock levels, sales, returns, pickup orders and keys."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import BindParameter, Connection, TextClause, func, literal, select, text, tuple_

from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import changes
from sync.protocol import Change, ChangesPage

# (kind, key, data) of one change.
Published = tuple[str, str, dict[str, Any]]


def _transaction_id(connection: Connection) -> TextClause | BindParameter[int]:
    # See changes.tx: SQLite's single writer commits in sequence order, so 0 does there.
    if connection.dialect.name == "postgresql":
        return text("pg_current_xact_id()::text::bigint")
    return literal(0)


def publish(connection: Connection, event_id: str | None, kind: str, key: str, data: dict[str, Any]) -> None:
    connection.execute(
        changes.insert().values(
            event_id=event_id, kind=kind, key=key, data=json.dumps(data), tx=_transaction_id(connection)
        )
    )


def publish_many(connection: Connection, event_id: str, items: list[Published]) -> None:
    connection.execute(
        changes.insert().values(tx=_transaction_id(connection)),
        [{"event_id": event_id, "kind": kind, "key": key, "data": json.dumps(data)} for kind, key, data in items],
    )


def changes_since(connection: Connection, till: AuthenticatedTill, cursor: str, limit: int) -> ChangesPage:
    try:
        after_tx, after_seq = (int(part) for part in cursor.split(".")) if cursor else (-1, 0)
    except ValueError:
        return ChangesPage(changes=[], next_cursor="", more=True, resync=True)
    last = int(connection.scalar(select(func.coalesce(func.max(changes.c.seq), 0))) or 0)
    if after_seq > last:
        return ChangesPage(changes=[], next_cursor="", more=True, resync=True)
    query = (
        select(changes)
        .where(tuple_(changes.c.tx, changes.c.seq) > tuple_(literal(after_tx), literal(after_seq)))
        .where((changes.c.event_id.is_(None)) | (changes.c.event_id == till.event_id))
        .order_by(changes.c.tx, changes.c.seq)
        .limit(limit + 1)
    )
    if connection.dialect.name == "postgresql":
        query = query.where(changes.c.tx < text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
    rows = connection.execute(query).all()
    page = rows[:limit]
    return ChangesPage(
        changes=[Change(seq=row.seq, kind=row.kind, key=row.key, data=json.loads(row.data)) for row in page],
        next_cursor=f"{page[-1].tx}.{page[-1].seq}" if page else cursor,
        more=len(rows) > limit,
    )
