"""The change feed the tills pull: products, stock levels, sales, returns, pickup orders and keys."""

from __future__ import annotations

import heapq
import json
from itertools import chain, islice
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Connection, Row, TextClause, func, literal, select, text, tuple_

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


def publish_many(connection: Connection, event_id: str, items: list[tuple[str, str, str]]) -> None:
    """Changes of (kind, key, data as JSON text): a push publishes hundreds, so its caller dumps each only once.

    Through the driver, for SQLAlchemy's work on each row costs more than the
    database's; and 200 rows to a statement, not executemany, which takes the
    GIL back after each row and makes the process's other threads wait on each.
    """
    # The transaction id _transaction_id gives, as SQL text.
    tx = "pg_current_xact_id()::text::bigint" if connection.dialect.name == "postgresql" else "0"
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    row = f"({tx}, {mark}, {mark}, {mark}, {mark})"
    for start in range(0, len(items), 200):
        chunk = items[start : start + 200]
        connection.exec_driver_sql(
            f"INSERT INTO changes (tx, event_id, kind, key, data) VALUES {', '.join([row] * len(chunk))}",
            tuple(chain.from_iterable((event_id, kind, key, data) for kind, key, data in chunk)),
        )


def changes_since(connection: Connection, till: AuthenticatedTill, cursor: str, limit: int) -> ChangesPage:
    found = _page(connection, till, cursor, limit)
    if found is None:
        return ChangesPage(changes=[], next_cursor="", more=True, resync=True)
    page, next_cursor, more = found
    # One parse for the page: json.loads per entry costs twice as much.
    data = json.loads(f"[{','.join(row.data for row in page)}]")
    return ChangesPage(
        changes=[
            Change(seq=row.seq, kind=row.kind, key=row.key, data=entry) for row, entry in zip(page, data, strict=True)
        ],
        next_cursor=next_cursor,
        more=more,
    )


def changes_json(connection: Connection, till: AuthenticatedTill, cursor: str, limit: int) -> str:
    """``changes_since`` as the JSON text of its ``ChangesPage``, each entry's data as the feed stores it.

    What the hub serves: parsing each entry's data only to encode it again, and a
    model for each entry, were most of a page's time on the hub.
    """
    found = _page(connection, till, cursor, limit)
    if found is None:
        return ChangesPage(changes=[], next_cursor="", more=True, resync=True).model_dump_json()
    page, next_cursor, more = found
    entries = ",".join(
        f'{{"seq":{int(row.seq)},"kind":{_text(row.kind)},"key":{_text(row.key)},"data":{row.data}}}' for row in page
    )
    return (
        f'{{"changes":[{entries}],"next_cursor":{_text(next_cursor)},'
        f'"more":{"true" if more else "false"},"resync":false}}'
    )


_text = json.JSONEncoder(ensure_ascii=False).encode


def _page(
    connection: Connection, till: AuthenticatedTill, cursor: str, limit: int
) -> tuple[list[Row[Any]], str, bool] | None:
    """The rows of the page after ``cursor``, the cursor after them and whether more follow; None: resync."""
    try:
        after_tx, after_seq = (int(part) for part in cursor.split(".")) if cursor else (-1, 0)
    except ValueError:
        return None
    last = int(connection.scalar(select(func.coalesce(func.max(changes.c.seq), 0))) or 0)
    if after_seq > last:
        return None
    horizon = _horizon(connection)
    # The till's feed is the changes for every event (event_id NULL) merged with its own event's: each
    # is one range of ix_changes_event_tx_seq, so a page seeks to the cursor instead of reading the
    # whole feed before it, and other events' changes are never read at all.
    owners = (changes.c.event_id.is_(None), changes.c.event_id == till.event_id)
    ranges = [_after(connection, owner, after_tx, after_seq, horizon, limit + 1) for owner in owners]
    rows = list(islice(heapq.merge(*ranges, key=lambda row: (row.tx, row.seq)), limit + 1))
    page = rows[:limit]
    return page, f"{page[-1].tx}.{page[-1].seq}" if page else cursor, len(rows) > limit


def _horizon(connection: Connection) -> int | None:
    """On PostgreSQL the oldest running transaction: the feed is served only below it (see changes.tx).

    Every transaction below it has ended, so the changes below it are final;
    it is read once per page because every query of the page must see the same set.
    """
    if connection.dialect.name != "postgresql":
        return None
    return int(connection.scalar(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")))


def _after(
    connection: Connection,
    owner: ColumnElement[bool],
    after_tx: int,
    after_seq: int,
    horizon: int | None,
    count: int,
) -> list[Row[Any]]:
    """The first ``count`` changes of ``owner`` after the cursor, in (tx, seq) order."""

    def first(wanted: int, *where: ColumnElement[bool]) -> list[Row[Any]]:
        # event_id leads the order as it leads the index: PostgreSQL does not
        # count "event_id IS NULL" as an equality, and would otherwise sort
        # every change after the cursor to return the first few.
        order = (changes.c.event_id, changes.c.tx, changes.c.seq)
        return list(connection.execute(select(changes).where(owner, *where).order_by(*order).limit(wanted)).all())

    if horizon is not None:
        # PostgreSQL seeks on the row comparison (with "tx = :tx AND seq > :seq" it
        # may walk the primary key instead, filtering whatever lies after the cursor).
        after = tuple_(changes.c.tx, changes.c.seq) > tuple_(literal(after_tx), literal(after_seq))
        return first(count, after, changes.c.tx < horizon)
    # SQLite seeks on the row comparison's first column only, tx, which is always
    # 0 there: the rest of the cursor's transaction, then the later ones.
    rows = first(count, changes.c.tx == after_tx, changes.c.seq > after_seq)
    if len(rows) < count:
        rows += first(count - len(rows), changes.c.tx > after_tx)
    return rows
