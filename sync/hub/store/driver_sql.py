"""Statements a push runs on every batch, written for the driver: SQLAlchemy's work on each of 500 rows or
bound values, and on each statement run once a batch, costs more than the database's (docs/push_throughput.md).

Each statement is written with ``?`` markers; ``driver_sql`` gives psycopg its ``%s``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Row

# Bound values per statement, well under SQLite's and PostgreSQL's limits.
IN_CHUNK = 500
# SQLite before 3.32 binds at most 999 values to a statement.
MAX_VALUES = 999


def driver_sql(connection: Connection, statement: str) -> str:
    """``statement``, written with ``?`` markers, for the connection's driver (psycopg takes ``%s``)."""
    return statement if connection.dialect.paramstyle == "qmark" else statement.replace("?", "%s")


def insert_rows(connection: Connection, into: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """``rows`` inserted ``into`` a table ("table (column, ...)"), as many to a statement as it binds.

    Not executemany: a driver takes the GIL back after each of its rows, so
    every other thread of the process (tills pushing at once) waits on each.
    """
    width = len(rows[0])
    per_statement = MAX_VALUES // width
    row_marks = f"({', '.join(['?'] * width)})"
    for start in range(0, len(rows), per_statement):
        chunk = rows[start : start + per_statement]
        statement = f"INSERT INTO {into} VALUES {', '.join([row_marks] * len(chunk))}"
        connection.exec_driver_sql(driver_sql(connection, statement), tuple(chain.from_iterable(chunk)))


def select_in(
    connection: Connection, statement: str, leading: tuple[Any, ...], values: Iterable[Any]
) -> list[Row[Any]]:
    """The rows of ``statement`` (its ``IN ({})`` filled with ``values``, after the ``leading`` parameters)."""
    ordered = list(values)
    rows: list[Row[Any]] = []
    for start in range(0, len(ordered), IN_CHUNK):
        chunk = ordered[start : start + IN_CHUNK]
        query = driver_sql(connection, statement.format(", ".join(["?"] * len(chunk))))
        rows += connection.exec_driver_sql(query, (*leading, *chunk)).all()
    return rows
