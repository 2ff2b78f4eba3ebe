"""The narrow rows of the event's figures (sync/narrow_rows.py), written to and read from a real SQLite file
through the same queries the hub and the tills run, then added up by sync/event_figures.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sync.event_figures
from sync import narrow_rows
from sync.event_figures import event_figures
from sync.narrow_rows import TABLES, compacted, narrow_queries, read_source, return_rows, sale_rows
from sync.price_figures import BUNDLE, MARKDOWN, AutomaticAmounts, AutomaticDiscount


def a_sale(receipt_no: str, at: str, quantity: int, kind: str = "card") -> dict[str, Any]:
    line = {"maker_name": "Bergkeramik", "sku": "BER-003", "name": "Mug", "variant": "blue", "tax_rate": "0.081"}
    total = 3200 * quantity
    return {
        "receipt_no": receipt_no,
        "subtotal": total,
        "discount_total": 0,
        "tax_total": 240 * quantity,
        "total": total,
        "rounding": 0,
        "created_at": at,
        "lines": [{**line, "quantity": quantity, "discount": 0, "tax": 240 * quantity, "total": total}],
        "tenders": [{"kind": kind, "amount": total}],
    }


def a_return(return_no: str, at: str) -> dict[str, Any]:
    return {
        "return_id": f"id-{return_no}",
        "return_no": return_no,
        "created_at": at,
        "refund_total": 3200,
        "no_receipt": False,
        "lines": [
            {
                "maker": "Bergkeramik",
                "sku": "BER-003",
                "quantity": 1,
                "refund": 3200,
                "reason": "cracked",
                "disposition": "quality_hold",
            }
        ],
        "refunds": [{"kind": "card", "amount": 3200}],
    }


def test_rows_written_compacted_read_back_and_added_up(tmp_path: Path) -> None:
    database = sqlite3.connect(tmp_path / "figures.db")
    for table, columns in TABLES.items():
        database.execute(f"CREATE TABLE narrow_{table} ({', '.join(columns)})")
    rows: dict[str, list[tuple[Any, ...]]] = {}
    sales = [a_sale("B-000001", "2026-12-05T14:00:00+00:00", 2), a_sale("B-000002", "2026-12-05T15:00:00+00:00", 1)]
    for payload in sales:
        narrow_rows.add_rows(rows, sale_rows(payload))
    narrow_rows.add_rows(rows, return_rows(a_return("B-R00001", "2026-12-05T16:00:00+00:00")))
    written = compacted(rows)
    # Two sales of one till, of one item, paid one way: one row each; returns keep a row each.
    assert {table: len(found) for table, found in written.items()} == {
        "sales": 1,
        "sale_lines": 1,
        "tenders": 1,
        "returns": 1,
        "return_lines": 1,
        "refunds": 1,
    }
    for table, found in written.items():
        database.executemany(f"INSERT INTO narrow_{table} VALUES ({', '.join('?' * len(TABLES[table]))})", found)

    source = read_source(narrow_queries("narrow_", "1 = 1"), lambda query: database.execute(query).fetchall())
    figures = event_figures(source)
    database.close()

    assert (figures.totals.sales, figures.totals.items, figures.totals.sales_total) == (2, 3, 9600)
    assert (figures.totals.returns, figures.totals.returned_items, figures.totals.refunds) == (1, 1, 3200)
    assert (figures.first_sale_at, figures.last_sale_at) == ("2026-12-05T14:00:00+00:00", "2026-12-05T15:00:00+00:00")
    [item] = figures.items
    assert (item.name, item.units, item.revenue, item.returned_units, item.quality_holds) == ("Mug blue", 3, 9600, 1, 1)
    [till] = figures.tills
    assert (till.till_code, till.records, till.last_at) == ("B", 3, "2026-12-05T16:00:00+00:00")


def test_the_narrow_rows_are_still_importable_from_event_figures() -> None:
    """The till's migration 0018 and the hub's 0012 import them from sync/event_figures.py."""
    for name in ("COVERING_INDEXES", "TABLES", "Rows", "add_rows", "compacted", "return_rows", "sale_rows"):
        assert getattr(sync.event_figures, name) is getattr(narrow_rows, name)


def test_markdowns_and_bundles_are_summed_per_kind() -> None:
    class Figures(AutomaticAmounts):
        __slots__ = ("automatic",)

        def __init__(self, automatic: tuple[AutomaticDiscount, ...]) -> None:
            self.automatic = automatic

    figures = Figures(
        (
            AutomaticDiscount(MARKDOWN, "m-1", 2, 3, 450),
            AutomaticDiscount(BUNDLE, "b-1+b-2", 1, 2, 300),
            AutomaticDiscount(MARKDOWN, "m-2", 1, 1, 50),
        )
    )
    assert (figures.markdowns, figures.bundles) == (500, 300)
