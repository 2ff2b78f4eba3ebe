"""The event report's figures and the CSV exports, aggregated by SQLite itself.

A busy event holds a hundred thousand sales and several times as many lines:
every figure here is one ``GROUP BY`` over a single scan, run through the
sqlite3 driver (as the checkout path does), so the whole report reads in a
fraction of a second and never loads a sale into Python. The CSV exports go
further: SQLite writes each whole line, amounts formatted and text quoted, and
Python only copies the bytes to the file.

A till's store holds one event (``set_up_till`` refuses a second), so every
query covers the whole store. Hours are the machine's local time, as SQLite's
``'localtime'`` modifier and Python's ``astimezone()`` both read it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from enum import Enum, StrEnum

from sqlalchemy import Connection

from app.domain.money import currency_exponent
from app.store.database import driver


@dataclass(frozen=True, slots=True)
class SalesTotals:
    sales: int
    subtotal: int
    discounts: int
    tax: int
    total: int
    rounding: int
    first_at: str | None
    last_at: str | None


@dataclass(frozen=True, slots=True)
class ReturnsTotals:
    returns: int
    items: int
    refund_total: int
    rounding: int
    no_receipt: int
    approved: int
    exchanges: int


@dataclass(frozen=True, slots=True)
class HourRow:
    hour: str  # "YYYY-MM-DD HH", local time
    sales: int
    total: int


@dataclass(frozen=True, slots=True)
class ProductFigures:
    product_id: str
    sku: str
    name: str
    maker: str
    units: int
    revenue: int
    discounts: int
    tax: int
    returned_units: int
    refunds: int


@dataclass(frozen=True, slots=True)
class TenderFigures:
    kind: str
    payments: int
    taken: int
    refund_count: int
    refunds: int

    @property
    def net(self) -> int:
        return self.taken - self.refunds


@dataclass(frozen=True, slots=True)
class StaffFigures:
    name: str
    sales: int
    sales_total: int
    line_discounts: int
    cart_discounts: int
    # Lines sold at another price than the catalog's, and what that took off (negative: a price raised).
    price_changes: int
    price_change_amount: int
    # Lines and carts of this person's sales that carry a manager's approval.
    overrides_approved: int
    # Approvals this person gave as the manager, on anyone's sales.
    approvals_given: int


@dataclass(slots=True)
class _StaffTally:
    """StaffFigures being added up, query by query."""

    sales: int = 0
    sales_total: int = 0
    line_discounts: int = 0
    cart_discounts: int = 0
    price_changes: int = 0
    price_change_amount: int = 0
    overrides_approved: int = 0
    approvals_given: int = 0


@dataclass(frozen=True, slots=True)
class ReturnGroup:
    """Returns grouped by reason or by disposition."""

    key: str
    returns: int
    units: int
    refund: int


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
    # Anything a person typed (or a feed carried): quoted when it holds a comma, a quote or a line break.
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
            _money("tax", "l.tax"),
            _money("total", "l.total"),
            _text("approved_by", "ok.name"),
        ),
        "FROM sales s JOIN sale_lines l ON l.sale_id = s.id LEFT JOIN staff ok ON ok.id = l.approved_by"
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
        "FROM sales s CROSS JOIN sale_tenders p ON p.sale_id = s.id ORDER BY s.till_id, s.receipt_seq, p.id",
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
    # In time order along ix_stock_movements_created_at: no sort of the whole table.
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
    """The rows of one export as the store holds them, amounts in minor units.

    The CSV lines are these rows formatted by SQLite; the benchmarks write them
    with Python's csv module as the floor to compare with, and the tests read
    them to check every value of the files.
    """
    export = _EXPORTS[table]
    return f"SELECT {', '.join(f'{column.sql} AS {column.name}' for column in export.columns)} {export.source}"


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
            value = f"CASE WHEN {needs_quotes} THEN printf('\"%w\"', {value}) ELSE {value} END"
        values.append(value)
    return f"printf('{','.join(formats)}' || char(13, 10), {', '.join(values)})"


def export_header(table: ExportTable) -> bytes:
    """The CSV header line of one export: each amount's column is followed by its ``_minor`` twin."""
    names: list[str] = []
    for column in _EXPORTS[table].columns:
        names += [column.name, f"{column.name}_minor"] if column.kind is _Kind.MONEY else [column.name]
    return (",".join(names) + "\r\n").encode()


def _product_label(product_id: str, sku: str | None, name: str | None, variant: str | None) -> tuple[str, str]:
    """SKU and name of a product; a product gone from the catalog still shows, by the start of its id."""
    return sku or product_id[:8], f"{name or ''} {variant or ''}".strip()


class ReportRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _db(self) -> sqlite3.Connection:
        return driver(self._connection)

    def sales_totals(self) -> SalesTotals:
        # coalesce(sum()) rather than total(): total() answers in floating point, and money is never a float.
        row = (
            self._db()
            .execute(
                "SELECT count(*), coalesce(sum(subtotal), 0), coalesce(sum(discount_total), 0),"
                " coalesce(sum(tax_total), 0), coalesce(sum(total), 0), coalesce(sum(rounding), 0),"
                " min(created_at), max(created_at) FROM sales"
            )
            .fetchone()
        )
        return SalesTotals(*row)

    def returns_totals(self) -> ReturnsTotals:
        returns, refund_total, rounding, no_receipt, approved, exchanges = (
            self._db()
            .execute(
                "SELECT count(*), coalesce(sum(refund_total), 0), coalesce(sum(rounding), 0),"
                " coalesce(sum(no_receipt), 0), count(approved_by), count(exchange_sale_id) FROM returns"
            )
            .fetchone()
        )
        items = self._db().execute("SELECT coalesce(sum(quantity), 0) FROM return_lines").fetchone()[0]
        return ReturnsTotals(returns, items, refund_total, rounding, no_receipt, approved, exchanges)

    def sales_by_hour(self) -> list[HourRow]:
        rows = self._db().execute(
            "SELECT strftime('%Y-%m-%d %H', created_at, 'localtime') AS hour, count(*), sum(total)"
            " FROM sales GROUP BY hour ORDER BY hour"
        )
        return [HourRow(hour, sales, total) for hour, sales, total in rows]

    def products(self) -> list[ProductFigures]:
        """Every product sold or taken back, best revenue first, named as the catalog names it now.

        Grouped by product and maker together, so that a product moved to
        another maker during the event counts for each maker what it sold for
        them. The names are joined after grouping: sorting 400,000 lines with
        their names attached takes nearly twice as long as sorting their ids.
        """
        db = self._db()
        names: dict[str, tuple[str, str]] = {}
        sold: dict[tuple[str, str], tuple[int, int, int, int]] = {}
        for product_id, maker, sku, name, variant, units, revenue, off, tax in db.execute(
            "SELECT g.product_id, g.maker_name, p.sku, p.name, p.variant, g.units, g.revenue, g.off, g.tax FROM"
            " (SELECT product_id, maker_name, sum(quantity) AS units, sum(total) AS revenue,"
            " sum(line_discount + cart_discount_share) AS off, sum(tax) AS tax"
            " FROM sale_lines GROUP BY product_id, maker_name) g"
            " LEFT JOIN products p ON p.id = g.product_id"
        ):
            names[product_id] = _product_label(product_id, sku, name, variant)
            sold[(product_id, maker)] = (units, revenue, off, tax)
        back: dict[tuple[str, str], tuple[int, int]] = {}
        for product_id, maker, sku, name, variant, units, refunds in db.execute(
            "SELECT g.product_id, g.maker_name, p.sku, p.name, p.variant, g.units, g.refunds FROM"
            " (SELECT product_id, maker_name, sum(quantity) AS units, sum(refund) AS refunds"
            " FROM return_lines GROUP BY product_id, maker_name) g"
            " LEFT JOIN products p ON p.id = g.product_id"
        ):
            names[product_id] = _product_label(product_id, sku, name, variant)
            back[(product_id, maker)] = (units, refunds)
        products = [
            ProductFigures(key[0], *names[key[0]], key[1], *sold.get(key, (0, 0, 0, 0)), *back.get(key, (0, 0)))
            for key in sold.keys() | back.keys()
        ]
        products.sort(key=lambda p: (-p.revenue, -p.units, p.sku))
        return products

    def tenders(self) -> list[TenderFigures]:
        """Per tender kind what was taken and refunded; store credit only ever appears as a refund."""
        taken = {
            kind: (count, amount)
            for kind, count, amount in self._db().execute(
                "SELECT kind, count(*), sum(amount) FROM sale_tenders GROUP BY kind"
            )
        }
        refunded = {
            kind: (count, amount)
            for kind, count, amount in self._db().execute(
                "SELECT kind, count(*), sum(amount) FROM return_refunds GROUP BY kind"
            )
        }
        return [
            TenderFigures(kind, *taken.get(kind, (0, 0)), *refunded.get(kind, (0, 0)))
            for kind in sorted(taken.keys() | refunded.keys(), key=lambda k: -taken.get(k, (0, 0))[1])
        ]

    def staff(self) -> list[StaffFigures]:
        """Sales, discounts and price changes per person who sold, and the approvals each manager gave."""
        db = self._db()
        names = dict(db.execute("SELECT id, name FROM staff").fetchall())
        tallies: dict[str, _StaffTally] = {}

        def tally(staff_id: str) -> _StaffTally:
            return tallies.setdefault(staff_id, _StaffTally())

        for staff_id, sales, total, cart_approvals in db.execute(
            "SELECT staff_id, count(*), sum(total), count(cart_discount_approved_by) FROM sales GROUP BY staff_id"
        ):
            seller = tally(staff_id)
            seller.sales, seller.sales_total = sales, total
            seller.overrides_approved += cart_approvals
        # CROSS JOIN keeps sale_lines as the outer loop: SQLite filters the few discounted or
        # approved lines first, then looks up only their sales, instead of every sale's lines.
        for staff_id, approver, line_off, cart_off, changes, change_amount, lines in db.execute(
            "SELECT s.staff_id, l.approved_by, sum(l.line_discount), sum(l.cart_discount_share),"
            " sum(l.unit_price <> l.catalog_unit_price), sum((l.catalog_unit_price - l.unit_price) * l.quantity),"
            " count(*)"
            " FROM sale_lines l CROSS JOIN sales s ON s.id = l.sale_id"
            " WHERE l.line_discount <> 0 OR l.cart_discount_share <> 0 OR l.unit_price <> l.catalog_unit_price"
            " OR l.approved_by IS NOT NULL"
            " GROUP BY s.staff_id, l.approved_by"
        ):
            seller = tally(staff_id)
            seller.line_discounts += line_off
            seller.cart_discounts += cart_off
            seller.price_changes += changes
            seller.price_change_amount += change_amount
            if approver is not None:
                seller.overrides_approved += lines
                tally(approver).approvals_given += lines
        for approver, carts in db.execute(
            "SELECT cart_discount_approved_by, count(*) FROM sales"
            " WHERE cart_discount_approved_by IS NOT NULL GROUP BY cart_discount_approved_by"
        ):
            tally(approver).approvals_given += carts
        people = [
            StaffFigures(name=names.get(staff_id, staff_id[:8]), **asdict(counted))
            for staff_id, counted in tallies.items()
        ]
        people.sort(key=lambda person: (-person.sales_total, person.name))
        return people

    def returns_by(self, column: str) -> list[ReturnGroup]:
        """Returns grouped by ``reason`` or ``disposition``, largest refund first."""
        if column not in ("reason", "disposition"):
            raise ValueError(f"returns are grouped by reason or disposition, not {column}")
        rows = self._db().execute(
            f"SELECT {column}, count(DISTINCT return_id), sum(quantity), sum(refund) FROM return_lines"
            f" GROUP BY {column} ORDER BY sum(refund) DESC, {column}"
        )
        return [ReturnGroup(key, returns, units, refund) for key, returns, units, refund in rows]

    def export(self, table: ExportTable) -> Iterator[tuple[bytes]]:
        """The CSV lines of one export, UTF-8 (the store's text encoding), read lazily from a cursor.

        SQLite formats each whole line: a Python object per line instead of one
        per value, and no amount formatted in Python. Each currency the rows
        hold gets its own line format (its decimals are constants in it), so the
        file is exact for a zero-decimal currency too.
        """
        db = self._db()
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
