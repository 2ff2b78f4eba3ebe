"""The narrow rows of an event's sales and returns: what each pushed or pulled record becomes, and the queries
that read them back (docs/event_reports.md).

A sale or return pushed by a till becomes a few narrow rows (``sale_rows``,
``return_rows``): the hub writes them at push time, a till writes them for the
records it pulls from other tills. Both read their rows back with the same
queries (``narrow_queries``) into a ``SourceFigures``, which
``sync/event_figures.py`` adds up.

Plain Python: no database driver, no web stack, no app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# The columns of the narrow tables, in order: one row per return and returned line; sales are summed per
# till, their lines per item (maker, SKU, name, tax rate), tenders and refunds per kind, over the records
# written together (``compacted``: a push, or one pulled sale), since no report asks which sale it was.
SALE_COLUMNS = ("till_code", "sales", "gross", "discounts", "tax", "total", "rounding", "first_at", "last_at")
SALE_LINE_COLUMNS = ("maker", "sku", "name", "tax_rate", "quantity", "discount", "tax", "total")
TENDER_COLUMNS = ("kind", "payments", "amount")
RETURN_COLUMNS = ("record_id", "till_code", "created_at", "refund_total", "no_receipt")
RETURN_LINE_COLUMNS = ("record_id", "maker", "sku", "quantity", "refund", "reason", "disposition")
REFUND_COLUMNS = ("kind", "refunds", "amount")
# How many leading columns of a summed table are its key.
_SUMMED_KEYS = {"sale_lines": 4, "tenders": 1, "refunds": 1}
TABLES = {
    "sales": SALE_COLUMNS,
    "sale_lines": SALE_LINE_COLUMNS,
    "tenders": TENDER_COLUMNS,
    "returns": RETURN_COLUMNS,
    "return_lines": RETURN_LINE_COLUMNS,
    "refunds": REFUND_COLUMNS,
}

Rows = dict[str, list[tuple[Any, ...]]]


def till_code_of(number: str) -> str:
    """The till that numbered a receipt or return ("B-000012", "B-R00003"): tills are checked to number their own."""
    return number.partition("-")[0]


def sale_rows(payload: Mapping[str, Any]) -> Rows:
    """The narrow rows of one ``sale.completed`` payload (sync/records/facts.py SaleCompleted)."""
    return {
        "sales": [
            (
                till_code_of(str(payload["receipt_no"])),
                1,
                int(payload["subtotal"]),
                int(payload["discount_total"]),
                int(payload["tax_total"]),
                int(payload["total"]),
                int(payload["rounding"]),
                str(payload["created_at"]),
                str(payload["created_at"]),
            )
        ],
        "sale_lines": [
            (
                str(line["maker_name"]),
                str(line["sku"]),
                f"{line['name']} {line.get('variant', '')}".strip(),
                str(line["tax_rate"]),
                int(line["quantity"]),
                int(line["discount"]),
                int(line["tax"]),
                int(line["total"]),
            )
            for line in payload["lines"]
        ],
        "tenders": [(str(tender["kind"]), 1, int(tender["amount"])) for tender in payload["tenders"]],
    }


def return_rows(payload: Mapping[str, Any]) -> Rows:
    """The narrow rows of one ``return.recorded`` payload (sync/records/facts.py ReturnRecorded)."""
    record_id = str(payload["return_id"])
    return {
        "returns": [
            (
                record_id,
                till_code_of(str(payload["return_no"])),
                str(payload["created_at"]),
                int(payload["refund_total"]),
                1 if payload["no_receipt"] else 0,
            )
        ],
        "return_lines": [
            (
                record_id,
                str(line["maker"]),
                str(line["sku"]),
                int(line["quantity"]),
                int(line["refund"]),
                str(line["reason"]),
                str(line["disposition"]),
            )
            for line in payload["lines"]
        ],
        "refunds": [(str(refund["kind"]), 1, int(refund["amount"])) for refund in payload["refunds"]],
    }


def add_rows(into: Rows, rows: Rows) -> None:
    for table, found in rows.items():
        into.setdefault(table, []).extend(found)


def compacted(rows: Rows) -> Rows:
    """``rows`` with the sale lines, tenders and refunds of the same key summed into one row each."""
    written = dict(rows)
    for table, width in _SUMMED_KEYS.items():
        if table in rows:
            written[table] = [(*key, *sums) for key, sums in summed(rows[table], width).items()]
    if "sales" in rows:
        times: dict[str, tuple[str, str]] = {}
        for till_code, *_sums, first_at, last_at in rows["sales"]:
            before = times.get(till_code, (first_at, last_at))
            times[till_code] = (min(before[0], first_at), max(before[1], last_at))
        written["sales"] = [
            (till_code, *sums, *times[till_code])
            for (till_code,), sums in summed([row[:7] for row in rows["sales"]], 1).items()
        ]
    return written


# What each source answers, query by query: the same shapes from the narrow tables and from a till's own.
@dataclass(slots=True)
class SourceFigures:
    # (till_code, count, gross, discounts, total, tax, rounding, first_at, last_at) per till
    sales: list[tuple[Any, ...]] = field(default_factory=list)
    # (till_code, count, refund_total, no_receipt, last_at) per till
    returns: list[tuple[Any, ...]] = field(default_factory=list)
    # (maker, sku, tax_rate, name, units, revenue, discounts, tax)
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    tenders: list[tuple[Any, ...]] = field(default_factory=list)  # (kind, count, amount)
    refunds: list[tuple[Any, ...]] = field(default_factory=list)  # (kind, count, amount)
    returned: list[tuple[Any, ...]] = field(default_factory=list)  # (maker, sku, units, refunds, held)
    reasons: list[tuple[Any, ...]] = field(default_factory=list)  # (reason, returns, units, refund)
    dispositions: list[tuple[Any, ...]] = field(default_factory=list)  # (disposition, returns, units, refund)
    # (kind, rule, lines, units, amount): markdowns and bundles (sync/price_figures.py), read apart from the rest
    automatic: list[tuple[Any, ...]] = field(default_factory=list)


# The index that answers the lines' GROUP BY in its own order, with every column it sums (no sort, no
# table lookup): the one big table of a report (a row per item per push) is read as one index scan.
COVERING_INDEXES = {"sale_lines": ("maker", "sku", "tax_rate", "name", "quantity", "discount", "tax", "total")}


def narrow_queries(prefix: str, scope: str) -> dict[str, str]:
    """The queries over the narrow tables named ``prefix`` + table, each row kept by the condition ``scope``.

    Plain SQL that SQLite and PostgreSQL both run; the lines group in the
    order of their covering index (``COVERING_INDEXES``).
    """
    sales, lines, tenders = f"{prefix}sales", f"{prefix}sale_lines", f"{prefix}tenders"
    returns, returned, refunds = f"{prefix}returns", f"{prefix}return_lines", f"{prefix}refunds"
    return {
        "sales": "SELECT till_code, sum(sales), sum(gross), sum(discounts), sum(total), sum(tax), sum(rounding),"
        f" min(first_at), max(last_at) FROM {sales} WHERE {scope} GROUP BY till_code",
        "returns": "SELECT till_code, count(*), sum(refund_total), sum(no_receipt), max(created_at)"
        f" FROM {returns} WHERE {scope} GROUP BY till_code",
        "lines": "SELECT maker, sku, tax_rate, max(name), sum(quantity), sum(total), sum(discount), sum(tax)"
        f" FROM {lines} WHERE {scope} GROUP BY maker, sku, tax_rate",
        "tenders": f"SELECT kind, sum(payments), sum(amount) FROM {tenders} WHERE {scope} GROUP BY kind",
        "refunds": f"SELECT kind, sum(refunds), sum(amount) FROM {refunds} WHERE {scope} GROUP BY kind",
        "returned": "SELECT maker, sku, sum(quantity), sum(refund),"
        " sum(CASE WHEN disposition = 'quality_hold' THEN quantity ELSE 0 END)"
        f" FROM {returned} WHERE {scope} GROUP BY maker, sku",
        "reasons": f"SELECT reason, count(DISTINCT record_id), sum(quantity), sum(refund) FROM {returned}"
        f" WHERE {scope} GROUP BY reason",
        "dispositions": f"SELECT disposition, count(DISTINCT record_id), sum(quantity), sum(refund) FROM {returned}"
        f" WHERE {scope} GROUP BY disposition",
    }


def read_source(queries: Mapping[str, str], run: Callable[[str], Sequence[Sequence[Any]]]) -> SourceFigures:
    """Every query of ``narrow_queries`` through ``run`` (which binds the scope's parameters)."""
    found = SourceFigures()
    for name, query in queries.items():
        setattr(found, name, [tuple(row) for row in run(query)])
    return found


def summed(rows: Iterable[tuple[Any, ...]], key_width: int) -> dict[tuple[Any, ...], list[int]]:
    """The integer columns after the first ``key_width`` of ``rows`` summed per key (a missing value is 0)."""
    totals: dict[tuple[Any, ...], list[int]] = {}
    for row in rows:
        values = [int(value or 0) for value in row[key_width:]]
        before = totals.setdefault(tuple(row[:key_width]), [0] * len(values))
        for index, value in enumerate(values):
            before[index] += value
    return totals
