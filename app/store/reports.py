"""The event report's figures and the CSV exports, aggregated by SQLite itself.

A busy event holds a hundred thousand sales and several times as many lines:
every figure here is one ``GROUP BY`` over a single scan, run through the
sqlite3 driver (as the checkout path does), so the whole report reads in a
fraction of a second and never loads a sale into Python.

A till's store holds one event (``set_up_till`` refuses a second), so every
query covers the whole store. Hours are the machine's local time, as SQLite's
``'localtime'`` modifier and Python's ``astimezone()`` both read it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from enum import StrEnum

from sqlalchemy import Connection

from app.store.database import driver

ExportValue = str | int | None


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


# Staff are named, not identified by id, so the files read on their own in a spreadsheet.
_EXPORTS: dict[ExportTable, str] = {
    ExportTable.SALES: (
        "SELECT s.receipt_no, s.id AS sale_id, s.created_at, datetime(s.created_at, 'localtime') AS created_at_local,"
        " t.code AS till, who.name AS staff, s.currency, s.subtotal, s.discount_total, s.tax_total, s.total,"
        " s.rounding, s.change_given, ok.name AS cart_discount_approved_by"
        " FROM sales s JOIN tills t ON t.id = s.till_id LEFT JOIN staff who ON who.id = s.staff_id"
        " LEFT JOIN staff ok ON ok.id = s.cart_discount_approved_by"
        " ORDER BY s.till_id, s.receipt_seq"
    ),
    ExportTable.SALE_LINES: (
        "SELECT s.receipt_no, l.sale_id, l.line_no, l.sku, l.name, l.variant, l.maker_name AS maker, l.tax_class,"
        " l.tax_rate, l.quantity, s.currency, l.catalog_unit_price, l.unit_price, l.line_discount,"
        " l.cart_discount_share, l.tax, l.total, ok.name AS approved_by"
        " FROM sales s JOIN sale_lines l ON l.sale_id = s.id LEFT JOIN staff ok ON ok.id = l.approved_by"
        " ORDER BY s.till_id, s.receipt_seq, l.line_no"
    ),
    ExportTable.SALE_TENDERS: (
        "SELECT s.receipt_no, p.sale_id, p.kind, s.currency, p.amount, p.tendered, p.reference"
        " FROM sales s JOIN sale_tenders p ON p.sale_id = s.id"
        " ORDER BY s.till_id, s.receipt_seq, p.id"
    ),
    ExportTable.RETURNS: (
        "SELECT r.return_no, r.id AS return_id, r.created_at, datetime(r.created_at, 'localtime') AS created_at_local,"
        " t.code AS till, who.name AS staff, r.receipt_no, r.sale_id, r.no_receipt, r.currency, r.refund_total,"
        " r.rounding, ok.name AS approved_by, r.exchange_sale_id"
        " FROM returns r JOIN tills t ON t.id = r.till_id LEFT JOIN staff who ON who.id = r.staff_id"
        " LEFT JOIN staff ok ON ok.id = r.approved_by"
        " ORDER BY r.till_id, r.return_seq"
    ),
    ExportTable.RETURN_LINES: (
        "SELECT r.return_no, l.return_id, r.receipt_no, l.line_no AS sale_line_no, l.sku, l.name,"
        " l.maker_name AS maker, l.quantity, r.currency, l.refund, l.reason, l.disposition"
        " FROM returns r JOIN return_lines l ON l.return_id = r.id"
        " ORDER BY r.till_id, r.return_seq, l.id"
    ),
    # No voucher codes: a code is spendable store credit, and this file may travel on a USB stick.
    ExportTable.RETURN_REFUNDS: (
        "SELECT r.return_no, f.return_id, f.kind, r.currency, f.amount, f.tender_index, f.reference"
        " FROM returns r JOIN return_refunds f ON f.return_id = r.id"
        " ORDER BY r.till_id, r.return_seq, f.id"
    ),
    ExportTable.STOCK_MOVEMENTS: (
        "SELECT m.id AS movement_id, m.created_at, datetime(m.created_at, 'localtime') AS created_at_local, m.kind,"
        " p.sku, p.name, p.variant, m.location, m.quantity, m.source_id, who.name AS staff"
        " FROM stock_movements m LEFT JOIN products p ON p.id = m.product_id"
        " LEFT JOIN staff who ON who.id = m.staff_id"
        " ORDER BY m.created_at, m.id"
    ),
}


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

    def export(self, table: ExportTable) -> tuple[tuple[str, ...], Iterator[tuple[ExportValue, ...]]]:
        """The column names and the rows of one CSV export, read lazily from a cursor."""
        cursor = self._db().execute(_EXPORTS[table])
        return tuple(column[0] for column in cursor.description), cursor
