"""Reading each fact's rows back, part by part, as app/domain/fact_digest.py hashes them.

One query per part of a kind, over the whole store (``all``) or one fact
(``one``): checking 100,000 sales is four queries, not 400,000.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import Connection

from app.domain.fact_digest import PARTS, FactKind, Row, Value, canonical_json
from app.domain.staff_state import staff_state
from app.store.database import driver

AUDIT_HEAD_KEY = "audit_head"
# A catalog import's entry: {sku: [price before, price after]} for each price it changed.
PRICES_KEY = "prices"

_RETURN_MOVES = "'return_restock', 'quality_hold', 'write_off'"
# Per part of a kind: its table, the column that links a row to its fact, which rows are the fact's, and
# the order they were written in (their time-ordered ids, or line numbers), which the fact's hash follows.
_SOURCES: dict[FactKind, tuple[tuple[str, str, str, str], ...]] = {
    FactKind.SALE: (
        ("sales", "id", "", ""),
        ("sale_lines", "sale_id", "", "sale_id, line_no"),
        ("sale_tenders", "sale_id", "", "sale_id, tender_no"),
        # The view: a sale's movements are its lines (migration 0026), beside any stored one a hand left.
        ("stock_movements", "source_id", "kind = 'sale'", "id"),
        ("sale_lines", "sale_id", "(markdown != 0 OR bundle != 0)", "sale_id, line_no"),
    ),
    FactKind.RETURN: (
        ("returns", "id", "", ""),
        ("return_lines", "return_id", "", "id"),
        ("return_refunds", "return_id", "", "id"),
        ("stock_moves", "source_id", f"kind IN ({_RETURN_MOVES})", "id"),
    ),
    FactKind.HANDOFF: (
        ("pickup_handoffs", "handoff_id", "local = 1", "handoff_id, order_id, line_id"),
        ("stock_moves", "source_id", "kind = 'pickup'", "id"),
    ),
    FactKind.CASH_MOVEMENT: (("cash_movements", "id", "", ""),),
    FactKind.CASH_SESSION: (("cash_sessions", "id", "", ""),),
    FactKind.Z_REPORT: (("cash_session_closes", "session_id", "", ""),),
    # Goods received have no source record: the entry names the instant they were booked.
    FactKind.STOCK_RECEIVED: (("stock_moves", "created_at", "kind = 'receive' AND source_id IS NULL", "id"),),
    FactKind.STOCK_COUNT: (("stock_moves", "source_id", "kind = 'count_adjustment'", "id"),),
}


def _canonical_json_text(value: Value) -> Value:
    return canonical_json(json.loads(value)) if isinstance(value, str) else value


def z_report_text(value: Value) -> Value:
    """A stored Z report without the audit head printed on it: the head is the report's own entry."""
    if not isinstance(value, str):
        return value
    report = json.loads(value)
    report.pop(AUDIT_HEAD_KEY, None)
    return canonical_json(report)


# Columns kept as JSON text: hashed in their canonical form, whatever spacing wrote them.
_TEXT_FORMS: dict[str, Callable[[Value], Value]] = {
    "float_counts": _canonical_json_text,
    "counted_counts": _canonical_json_text,
    "report": z_report_text,
}


class FactRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def all(self, kind: FactKind) -> dict[str, list[list[Row]]]:
        """Every fact of ``kind`` in the store, by the key its audit entry names."""
        facts: defaultdict[str, list[list[Row]]] = defaultdict(lambda: [[] for _ in PARTS[kind]])
        for index, rows in enumerate(self._rows(kind, None)):
            for key, row in rows:
                facts[key][index].append(row)
        return dict(facts)

    def one(self, kind: FactKind, key: str) -> list[list[Row]]:
        return [[row for _key, row in rows] for rows in self._rows(kind, key)]

    def staff_states(self) -> dict[str, dict[str, object]]:
        """Each staff member's row as app/domain/staff_state.py records it, by id."""
        rows = driver(self._connection).execute("SELECT id, name, role, active, pin_hash FROM staff")
        return {
            staff_id: staff_state(name, role, bool(active), pin_hash) for staff_id, name, role, active, pin_hash in rows
        }

    def product_prices(self) -> dict[str, tuple[int, str]]:
        """Each product's price and when it was last written, by SKU."""
        rows = driver(self._connection).execute("SELECT sku, price, updated_at FROM products")
        return {sku: (price, updated_at) for sku, price, updated_at in rows}

    def _rows(self, kind: FactKind, key: str | None) -> list[list[tuple[str, Row]]]:
        db = driver(self._connection)
        parts: list[list[tuple[str, Row]]] = []
        for part, (table, link, where, order) in zip(PARTS[kind], _SOURCES[kind], strict=True):
            conditions = [condition for condition in (where, f"{link} = ?" if key is not None else "") if condition]
            query = f"SELECT {link}, {', '.join(part.columns)} FROM {table}"
            if conditions:
                query += " WHERE " + " AND ".join(conditions)
            if order:
                query += f" ORDER BY {order}"
            forms = [(index, _TEXT_FORMS[name]) for index, name in enumerate(part.columns) if name in _TEXT_FORMS]
            rows = []
            for found in db.execute(query, (key,) if key is not None else ()):
                row = found[1:]
                if forms:
                    values = list(row)
                    for index, form in forms:
                        values[index] = form(values[index])
                    row = tuple(values)
                rows.append((found[0], row))
            parts.append(rows)
        return parts
