"""The running level of each SKU in an event: the sum of its ``stock_movements``, kept as they are written.

The movements stay the facts (append-only); ``stock_levels`` is what they add up to, so that a push, which
answers every SKU it moves with its level, reads one row a SKU however long the event's history has grown
(docs/push_throughput.md, "Third pass"). Every writer of ``stock_movements`` calls ``add_movements`` in
the same transaction, after taking the SKUs' locks (``lock_skus``, availability.py), so two writers of the
same SKU add one after the other; hub migration 0027 filled the table from the movements already there.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from sqlalchemy import Connection

# Bound values per statement, well under SQLite's and PostgreSQL's limits.
_CHUNK = 500
# SQLite before 3.32 binds at most 999 values to a statement: three a row.
_ROWS = 333


def _marks(connection: Connection, count: int) -> str:
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


def on_hand_levels(connection: Connection, event_id: str, skus: Iterable[str]) -> dict[str, int]:
    """Each of ``skus``' units on hand in the event (0 for a SKU never moved).

    Through the driver: a push asks for hundreds of SKUs, and SQLAlchemy's work on each bound value
    would cost more than the database's.
    """
    wanted = sorted(set(skus))
    levels = dict.fromkeys(wanted, 0)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        statement = (
            f"SELECT sku, on_hand FROM stock_levels WHERE event_id = {_marks(connection, 1)}"
            f" AND sku IN ({_marks(connection, len(chunk))})"
        )
        levels.update((sku, int(on_hand)) for sku, on_hand in connection.exec_driver_sql(statement, (event_id, *chunk)))
    return levels


def add_movements(connection: Connection, event_id: str, movements: Iterable[tuple[str, int]]) -> None:
    """Add ``(sku, quantity)`` movements, just written to ``stock_movements``, to their SKUs' running levels.

    The caller holds the SKUs' locks; the rows go in SKU order all the same, so that two writers that
    did not would still take the rows' locks in one order.
    """
    moved: dict[str, int] = {}
    for sku, quantity in movements:
        moved[sku] = moved.get(sku, 0) + quantity
    # A SKU whose movements sum to nothing gets its row too: the SKUs with a level are the SKUs with movements.
    rows = [(event_id, sku, quantity) for sku, quantity in sorted(moved.items())]
    for start in range(0, len(rows), _ROWS):
        chunk = rows[start : start + _ROWS]
        values = ", ".join([f"({_marks(connection, 3)})"] * len(chunk))
        connection.exec_driver_sql(
            f"INSERT INTO stock_levels (event_id, sku, on_hand) VALUES {values}"
            " ON CONFLICT (event_id, sku) DO UPDATE SET on_hand = stock_levels.on_hand + excluded.on_hand",
            tuple(chain.from_iterable(chunk)),
        )
