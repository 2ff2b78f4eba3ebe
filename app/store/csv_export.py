"""The CSV exports, written by SQLite itself: each whole line, amounts formatted and text quoted.

Python only copies the bytes to the file: a Python object per line instead of
one per value, and no amount formatted in Python. Every text cell is
neutralized against spreadsheet formulas (OWASP's advice), amounts stay numbers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum, StrEnum

from app.domain.money import currency_exponent
from sync.catalog_rows import FORMULA_STARTS


class ExportTable(StrEnum):
    SALES = "sales"
    SALE_LINES = "sale_lines"
    SALE_TENDERS = "sale_tenders"
    RETURNS = "returns"
    RETURN_LINES = "return_lines"
    RETURN_REFUNDS = "return_refunds"
    STOCK_MOVEMENTS = "stock_movements"


class _Kind(Enum):
    # Written as SQLite renders it: record ids (UUIDs), timestamps, currency codes and integers,
    # none of which can hold a comma, a quote or a line break.
    PLAIN = "plain"
    # Anything a person typed (or a feed carried): quoted when it holds a comma, a quote or a line break,
    # and neutralized when it starts as a formula would (see _neutralized).
    TEXT = "text"
    # An amount in minor units (NOT NULL in the schema), written twice: in major units with a decimal
    # point (what a person reads and a spreadsheet sums) and as the integer the till keeps (what a
    # program re-imports exactly).
    MONEY = "money"


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    sql: str
    kind: _Kind

    @property
    def written(self) -> str:
        """The value as the file holds it: text neutralized, the rest as stored."""
        return _neutralized(self.sql) if self.kind is _Kind.TEXT else self.sql


# OWASP's advice against CSV injection: a text cell a spreadsheet would run as a formula (a product named
# =HYPERLINK(...), a maker called @SUM(...)) is written with a leading ', which spreadsheets show as text.
# Amounts and quantities are MONEY or PLAIN columns, never touched: a refund of -12.50 stays a number.
# unicode() reads the first character's code point without making a substring: half the cost of substr().
_FORMULA_START_CODES = ", ".join(str(ord(character)) for character in FORMULA_STARTS)


def _neutralized(sql: str) -> str:
    return f"CASE WHEN unicode({sql}) IN ({_FORMULA_START_CODES}) THEN '''' || {sql} ELSE {sql} END"


def _plain(name: str, sql: str) -> _Column:
    return _Column(name, sql, _Kind.PLAIN)


def _text(name: str, sql: str) -> _Column:
    return _Column(name, sql, _Kind.TEXT)


def _money(name: str, sql: str) -> _Column:
    return _Column(name, sql, _Kind.MONEY)


@dataclass(frozen=True, slots=True)
class _Export:
    columns: tuple[_Column, ...]
    source: str  # FROM ... ORDER BY ...
    # The row's currency, and the query of every currency the rows hold; None for a file without amounts.
    currency: tuple[str, str] | None = None


_SALES_CURRENCIES = "SELECT DISTINCT currency FROM sales"
# A line's bundle ids, kept as a JSON list of ids that hold no quote (sync/records/price_rules.py), as "b-1+b-2".
_BUNDLE_RULES = """coalesce(replace(replace(replace(l.bundle_ids, '["', ''), '"]', ''), '","', '+'), '')"""
_RETURNS_CURRENCIES = "SELECT DISTINCT currency FROM returns"

# Staff are named, not identified by id, so the files read on their own in a spreadsheet. CROSS JOIN keeps
# the sale (or return) as the outer loop, read in receipt order along its unique index, so SQLite only
# sorts each one's few tenders or lines by id instead of sorting the whole file.
_EXPORTS: dict[ExportTable, _Export] = {
    ExportTable.SALES: _Export(
        (
            _text("receipt_no", "s.receipt_no"),
            _plain("sale_id", "s.id"),
            _plain("created_at", "s.created_at"),
            _plain("created_at_local", "datetime(s.created_at, 'localtime')"),
            _text("till", "t.code"),
            _text("staff", "who.name"),
            _plain("currency", "s.currency"),
            _money("subtotal", "s.subtotal"),
            _money("discount_total", "s.discount_total"),
            _money("tax_total", "s.tax_total"),
            _money("total", "s.total"),
            _money("rounding", "s.rounding"),
            _money("change_given", "s.change_given"),
            _text("cart_discount_approved_by", "ok.name"),
        ),
        "FROM sales s JOIN tills t ON t.id = s.till_id LEFT JOIN staff who ON who.id = s.staff_id"
        " LEFT JOIN staff ok ON ok.id = s.cart_discount_approved_by"
        " ORDER BY s.till_id, s.receipt_seq",
        ("s.currency", _SALES_CURRENCIES),
    ),
    ExportTable.SALE_LINES: _Export(
        (
            _text("receipt_no", "s.receipt_no"),
            _plain("sale_id", "l.sale_id"),
            _plain("line_no", "l.line_no"),
            _text("sku", "l.sku"),
            _text("name", "l.name"),
            _text("variant", "l.variant"),
            _text("maker", "l.maker_name"),
            _text("tax_class", "l.tax_class"),
            _text("tax_rate", "l.tax_rate"),
            _plain("quantity", "l.quantity"),
            _plain("currency", "s.currency"),
            _money("catalog_unit_price", "l.catalog_unit_price"),
            _money("unit_price", "l.unit_price"),
            _money("line_discount", "l.line_discount"),
            _money("cart_discount_share", "l.cart_discount_share"),
            # The automatic prices (migration 0021): a bundle line in two bundles names both, "b-1+b-2".
            _money("markdown", "l.markdown"),
            _text("markdown_rule", "coalesce(l.markdown_id, '')"),
            _money("bundle", "l.bundle"),
            _text("bundle_rules", _BUNDLE_RULES),
            _money("tax", "l.tax"),
            _money("total", "l.total"),
            _text("approved_by", "ok.name"),
        ),
        # CROSS JOIN keeps the sales in receipt order as the outer loop: sale_lines is a view of two tables
        # (migration 0027), and SQLite would otherwise scan the lines and sort them all.
        "FROM sales s CROSS JOIN sale_lines l ON l.sale_id = s.id LEFT JOIN staff ok ON ok.id = l.approved_by"
        " ORDER BY s.till_id, s.receipt_seq, l.line_no",
        ("s.currency", _SALES_CURRENCIES),
    ),
    ExportTable.SALE_TENDERS: _Export(
        (
            _text("receipt_no", "s.receipt_no"),
            _plain("sale_id", "p.sale_id"),
            _text("kind", "p.kind"),
            _plain("currency", "s.currency"),
            _money("amount", "p.amount"),
            _money("tendered", "p.tendered"),
            _text("reference", "p.reference"),
        ),
        "FROM sales s CROSS JOIN sale_tenders p ON p.sale_id = s.id ORDER BY s.till_id, s.receipt_seq, p.tender_no",
        ("s.currency", _SALES_CURRENCIES),
    ),
    ExportTable.RETURNS: _Export(
        (
            _text("return_no", "r.return_no"),
            _plain("return_id", "r.id"),
            _plain("created_at", "r.created_at"),
            _plain("created_at_local", "datetime(r.created_at, 'localtime')"),
            _text("till", "t.code"),
            _text("staff", "who.name"),
            _text("receipt_no", "r.receipt_no"),
            _plain("sale_id", "r.sale_id"),
            _plain("no_receipt", "r.no_receipt"),
            _plain("currency", "r.currency"),
            _money("refund_total", "r.refund_total"),
            _money("rounding", "r.rounding"),
            _text("approved_by", "ok.name"),
            _plain("exchange_sale_id", "r.exchange_sale_id"),
        ),
        "FROM returns r JOIN tills t ON t.id = r.till_id LEFT JOIN staff who ON who.id = r.staff_id"
        " LEFT JOIN staff ok ON ok.id = r.approved_by"
        " ORDER BY r.till_id, r.return_seq",
        ("r.currency", _RETURNS_CURRENCIES),
    ),
    ExportTable.RETURN_LINES: _Export(
        (
            _text("return_no", "r.return_no"),
            _plain("return_id", "l.return_id"),
            _text("receipt_no", "r.receipt_no"),
            _plain("sale_line_no", "l.line_no"),
            _text("sku", "l.sku"),
            _text("name", "l.name"),
            _text("maker", "l.maker_name"),
            _plain("quantity", "l.quantity"),
            _plain("currency", "r.currency"),
            _money("refund", "l.refund"),
            _text("reason", "l.reason"),
            _text("disposition", "l.disposition"),
        ),
        "FROM returns r CROSS JOIN return_lines l ON l.return_id = r.id ORDER BY r.till_id, r.return_seq, l.id",
        ("r.currency", _RETURNS_CURRENCIES),
    ),
    # No voucher codes: a code is spendable store credit, and this file may travel on a USB stick.
    ExportTable.RETURN_REFUNDS: _Export(
        (
            _text("return_no", "r.return_no"),
            _plain("return_id", "f.return_id"),
            _text("kind", "f.kind"),
            _plain("currency", "r.currency"),
            _money("amount", "f.amount"),
            _plain("tender_index", "f.tender_index"),
            _text("reference", "f.reference"),
        ),
        "FROM returns r CROSS JOIN return_refunds f ON f.return_id = r.id ORDER BY r.till_id, r.return_seq, f.id",
        ("r.currency", _RETURNS_CURRENCIES),
    ),
    # In time order: the view of every movement, a sale's read from its lines (migration 0026).
    ExportTable.STOCK_MOVEMENTS: _Export(
        (
            _plain("movement_id", "m.id"),
            _plain("created_at", "m.created_at"),
            _plain("created_at_local", "datetime(m.created_at, 'localtime')"),
            _text("kind", "m.kind"),
            _text("sku", "p.sku"),
            _text("name", "p.name"),
            _text("variant", "p.variant"),
            _text("location", "m.location"),
            _plain("quantity", "m.quantity"),
            _text("source_id", "m.source_id"),
            _text("staff", "who.name"),
        ),
        "FROM stock_movements m LEFT JOIN products p ON p.id = m.product_id"
        " LEFT JOIN staff who ON who.id = m.staff_id"
        " ORDER BY m.created_at, m.id",
    ),
}


def export_query(table: ExportTable) -> str:
    """The rows of one export as the store holds them, amounts in minor units, text neutralized as written.

    The CSV lines are these rows formatted by SQLite; the benchmarks write them
    with Python's csv module as the floor to compare with, and the tests read
    them to check every value of the files.
    """
    export = _EXPORTS[table]
    return f"SELECT {', '.join(f'{column.written} AS {column.name}' for column in export.columns)} {export.source}"


def _csv_line(columns: tuple[_Column, ...], exponent: int) -> str:
    """One CSV line per row, formatted by SQLite's printf as Python's csv module writes it.

    Each value is one ``%s`` (NULL prints as nothing); an amount in a currency
    with decimals is its sign, whole units and zero-padded decimals in integer
    arithmetic (``x / 10^e`` truncates towards zero, hence ``abs``), so no
    amount ever passes through a float.
    """
    unit = 10**exponent
    formats: list[str] = []
    values: list[str] = []
    for column in columns:
        value = column.sql
        if column.kind is _Kind.MONEY and exponent:
            formats.append(f"%s%d.%0{exponent}d,%s")
            values += [
                f"CASE WHEN {value} < 0 THEN '-' ELSE '' END",
                f"abs({value} / {unit})",
                f"abs({value} % {unit})",
            ]
        elif column.kind is _Kind.MONEY:
            formats.append("%s,%s")
            values.append(value)
        else:
            formats.append("%s")
        if column.kind is _Kind.TEXT:
            # Quoted as the csv module quotes (QUOTE_MINIMAL): only a value holding the separator,
            # the quote or a line break, with its quotes doubled (printf's %w).
            needs_quotes = " OR ".join(f"instr({value}, {mark})" for mark in ("','", "'\"'", "char(10)", "char(13)"))
            # The leading ' of a neutralized value never changes whether it needs quotes: the check
            # reads the stored value, and the neutralizing CASE runs once per cell, in the branch taken.
            written = column.written
            value = f"CASE WHEN {needs_quotes} THEN printf('\"%w\"', {written}) ELSE {written} END"
        values.append(value)
    return f"printf('{','.join(formats)}' || char(13, 10), {', '.join(values)})"


def export_header(table: ExportTable) -> bytes:
    """The CSV header line of one export: each amount's column is followed by its ``_minor`` twin."""
    names: list[str] = []
    for column in _EXPORTS[table].columns:
        names += [column.name, f"{column.name}_minor"] if column.kind is _Kind.MONEY else [column.name]
    return (",".join(names) + "\r\n").encode()


def export_lines(db: sqlite3.Connection, table: ExportTable) -> Iterator[tuple[bytes]]:
    """The CSV lines of one export, UTF-8 (the store's text encoding), read lazily from a cursor.

    SQLite formats each whole line: a Python object per line instead of one
    per value, and no amount formatted in Python. Each currency the rows
    hold gets its own line format (its decimals are constants in it), so the
    file is exact for a zero-decimal currency too.
    """
    export = _EXPORTS[table]
    if export.currency is None:
        line, currencies = _csv_line(export.columns, 0), []
    else:
        row_currency, every_currency = export.currency
        currencies = [currency for (currency,) in db.execute(every_currency)]
        whens = " ".join(
            f"WHEN ? THEN {_csv_line(export.columns, currency_exponent(currency))}" for currency in currencies
        )
        # No currency: no rows either, as every row's currency is its sale's or return's.
        line = f"CASE {row_currency} {whens} END" if currencies else "NULL"
    return db.execute(f"SELECT CAST({line} AS BLOB) {export.source}", currencies)
