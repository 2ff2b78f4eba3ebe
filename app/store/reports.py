"""The event report's figures, aggregated by SQLite itself.

A busy event holds a hundred thousand sales and several times as many lines:
every figure here is one ``GROUP BY`` over a single scan, run through the
sqlite3 driver (as the checkout path does), so the whole report reads in a
fraction of a second and never loads a sale into Python. The CSV exports
(app/store/csv_export.py) go further.

A till's store holds one event (``set_up_till`` refuses a second), so every
query covers the whole store. Hours are the event's, in its time zone: SQLite
groups by the UTC quarter hour (every zone is offset from UTC by whole quarter
hours), and the few hundred groups of even a long event are moved to the
event's hours in Python, daylight-saving changes included.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, tzinfo

from sqlalchemy import Connection

from app.store.csv_export import ExportTable, export_lines
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

    def sales_by_hour(self, zone: tzinfo) -> list[HourRow]:
        """Sales and takings per hour of the event's clock in ``zone`` ('2026-12-05 14')."""
        rows = self._db().execute(
            "SELECT substr(created_at, 1, 13), CAST(substr(created_at, 15, 2) AS INTEGER) / 15 AS quarter,"
            " count(*), sum(total) FROM sales GROUP BY 1, 2"
        )
        hours: dict[str, tuple[int, int]] = {}
        for utc_hour, quarter, sales, total in rows:
            start = datetime.fromisoformat(f"{utc_hour}:00+00:00") + timedelta(minutes=15 * quarter)
            hour = start.astimezone(zone).strftime("%Y-%m-%d %H")
            before = hours.get(hour, (0, 0))
            hours[hour] = (before[0] + sales, before[1] + total)
        return [HourRow(hour, sales, total) for hour, (sales, total) in sorted(hours.items())]

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
        """The CSV lines of one export (app/store/csv_export.py), read lazily from a cursor."""
        return export_lines(self._db(), table)
