"""The event report's figures, aggregated by SQLite itself.

A busy event holds a hundred thousand sales and several times as many lines:
every figure here (and the event-wide ones of app/store/pulled_figures.py:
totals, tax, tenders, makers, returns) is one ``GROUP BY`` over a single scan, run through the
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
from app.store.pulled_figures import own_source, pulled_hours, pulled_source
from sync.event_figures import SourceFigures


@dataclass(frozen=True, slots=True)
class HourRow:
    hour: str  # "YYYY-MM-DD HH", local time
    sales: int
    total: int


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


class ReportRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _db(self) -> sqlite3.Connection:
        return driver(self._connection)

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

    def event_sources(self, till_code: str) -> tuple[SourceFigures, SourceFigures]:
        """This till's own records and those pulled from the others, as sync/event_figures.py adds them up."""
        return own_source(self._db(), till_code), pulled_source(self._db())

    def pulled_hours(self, zone: tzinfo) -> dict[str, tuple[int, int]]:
        return pulled_hours(self._db(), zone)

    def export(self, table: ExportTable) -> Iterator[tuple[bytes]]:
        """The CSV lines of one export (app/store/csv_export.py), read lazily from a cursor."""
        return export_lines(self._db(), table)
