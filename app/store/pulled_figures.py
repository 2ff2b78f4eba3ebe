"""The event-wide figures on a till: its own sales and returns, and the narrow rows of the ones it pulled.

Other tills' sales and returns arrive through the feed (app/store/returns.py
keeps their payloads); as each is saved, its narrow rows (sync/event_figures.py)
go to the ``pulled_*`` tables (till migration 0018), so the report sums a few
columns instead of parsing a hundred thousand payloads. The till's own records
are read from its own tables in the same shapes, so that the event's figures
are ``event_figures(own, pulled)``, the hub's rules applied to the same records.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any

from sync.event_figures import (
    TABLES,
    Rows,
    SourceFigures,
    compacted,
    narrow_queries,
    read_source,
    return_rows,
    sale_rows,
)
from sync.price_figures import AUTOMATIC_COLUMNS, automatic_query, automatic_rows

_PULLED = {**narrow_queries("pulled_", "1 = 1"), "automatic": automatic_query("pulled_automatic_discounts", "1 = 1")}
_INSERT_AUTOMATIC = (
    f"INSERT INTO pulled_automatic_discounts ({', '.join(AUTOMATIC_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(AUTOMATIC_COLUMNS))})"
)
_INSERTS = {
    table: f"INSERT INTO pulled_{table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for table, columns in TABLES.items()
}

# The till's own tables answering the same questions as sync/event_figures.py narrow_queries, column for column.
_OWN = {
    "sales": "SELECT ?, count(*), coalesce(sum(subtotal), 0), coalesce(sum(discount_total), 0),"
    " coalesce(sum(total), 0), coalesce(sum(tax_total), 0), coalesce(sum(rounding), 0), min(created_at),"
    " max(created_at) FROM sales",
    "returns": "SELECT ?, count(*), coalesce(sum(refund_total), 0), coalesce(sum(no_receipt), 0), max(created_at)"
    " FROM returns",
    # Grouped by product id with nothing but sums, then named from the catalog (every sold product is in it,
    # by its foreign key, under its SKU): sorting 400,000 lines with their names takes twice as long.
    # NOT INDEXED: walking the lines by product to save the sort reads each line out of order (twice as slow).
    "lines": "SELECT g.maker_name, p.sku, g.tax_rate, trim(p.name || ' ' || p.variant), g.units, g.revenue, g.off,"
    " g.tax FROM (SELECT product_id, maker_name, tax_rate, sum(quantity) AS units, sum(total) AS revenue,"
    " sum(line_discount + cart_discount_share + markdown + bundle) AS off, sum(tax) AS tax FROM sale_lines"
    " NOT INDEXED GROUP BY product_id, maker_name, tax_rate) g JOIN products p ON p.id = g.product_id",
    "tenders": "SELECT kind, count(*), sum(amount) FROM sale_tenders GROUP BY kind",
    "refunds": "SELECT kind, count(*), sum(amount) FROM return_refunds GROUP BY kind",
    "returned": "SELECT maker_name, sku, sum(quantity), sum(refund),"
    " sum(CASE WHEN disposition = 'quality_hold' THEN quantity ELSE 0 END) FROM return_lines GROUP BY maker_name, sku",
    "reasons": "SELECT reason, count(DISTINCT return_id), sum(quantity), sum(refund) FROM return_lines GROUP BY reason",
    "dispositions": "SELECT disposition, count(DISTINCT return_id), sum(quantity), sum(refund) FROM return_lines"
    " GROUP BY disposition",
    # The automatic prices per rule (sync/price_figures.py); bundle ids from their JSON list to "b-1+b-2".
    "automatic": "SELECT 'markdown', markdown_id, count(*), sum(quantity), sum(markdown) FROM sale_lines"
    " WHERE markdown != 0 GROUP BY markdown_id UNION ALL SELECT 'bundle',"
    """ replace(replace(replace(bundle_ids, '["', ''), '"]', ''), '","', '+'), count(*), sum(quantity),"""
    " sum(bundle) FROM sale_lines WHERE bundle != 0 GROUP BY bundle_ids",
}


def save_pulled_sale(db: sqlite3.Connection, payload: Mapping[str, Any]) -> None:
    _save(db, sale_rows(payload))
    automatic = automatic_rows(payload)
    if automatic:
        db.executemany(_INSERT_AUTOMATIC, automatic)


def save_pulled_return(db: sqlite3.Connection, payload: Mapping[str, Any]) -> None:
    _save(db, return_rows(payload))


def _save(db: sqlite3.Connection, rows: Rows) -> None:
    for table, values in compacted(rows).items():
        db.executemany(_INSERTS[table], values)


def own_source(db: sqlite3.Connection, till_code: str) -> SourceFigures:
    return read_source(_OWN, lambda query: db.execute(query, (till_code,) * query.count("?")).fetchall())


def pulled_source(db: sqlite3.Connection) -> SourceFigures:
    return read_source(_PULLED, lambda query: db.execute(query).fetchall())


def pulled_hours(db: sqlite3.Connection, zone: tzinfo) -> dict[str, tuple[int, int]]:
    """Pulled sales and their takings per hour of the event's clock ('2026-12-05 14'), as reports.py groups its own.

    A till saves each pulled sale on its own, so each row's first time is its sale's."""
    hours: dict[str, tuple[int, int]] = {}
    for utc_hour, quarter, sales, total in db.execute(
        "SELECT substr(first_at, 1, 13), CAST(substr(first_at, 15, 2) AS INTEGER) / 15,"
        " sum(sales), sum(total) FROM pulled_sales GROUP BY 1, 2"
    ):
        start = datetime.fromisoformat(f"{utc_hour}:00+00:00") + timedelta(minutes=15 * quarter)
        hour = start.astimezone(zone).strftime("%Y-%m-%d %H")
        before = hours.get(hour, (0, 0))
        hours[hour] = (before[0] + sales, before[1] + total)
    return hours
