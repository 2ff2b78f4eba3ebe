"""The manager's event report: what sold, when, by whom, how it was paid, what came back, what is still to collect.

Figures come from the till's facts (sales, returns, handoffs), aggregated by
the store in SQL, read in one snapshot. The same report feeds the manager's
screen, the A4 PDF and, as raw rows, the CSV export for a spreadsheet.

Hours and times are the event's, in its locale and time zone (as the
receipts print them), not UTC as the store keeps timestamps.

Sales and returns are this till's own (the hub holds every till's); pickups
count the handoffs of every till pulled so far, since what matters at the
desk is what is still to collect anywhere at the event.
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from babel.dates import format_datetime

from app.domain import texts
from app.domain.dates import zone
from app.domain.errors import InvalidInput
from app.domain.events import EventSettings
from app.domain.money import currency_exponent, round_half_up
from app.domain.pickups import STATE_LABELS, HandedOff, PickupOrder, PickupState, collected_quantities, order_state
from app.domain.progress import Cancelled, CancelToken, Progress, Throttled, no_progress
from app.domain.returns import disposition_label
from app.domain.texts import _
from app.services.pickups import WHOLE_ORDER_LINE
from app.services.receipts import TENDER_LABELS
from app.services.returns import REFUND_LABELS
from app.store.csv_export import ExportTable, export_header
from app.store.reports import (
    HourRow,
    ProductFigures,
    ReturnGroup,
    StaffFigures,
    TenderFigures,
)
from app.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from printers.report_pdf import ReportDocument

TOP_PRODUCTS_IN_PDF = 50
MAKERS_IN_CHART = 12
KIND_LABELS = {**TENDER_LABELS, **REFUND_LABELS}


@dataclass(frozen=True, slots=True)
class ReportTotals:
    sales: int
    items: int
    gross: int  # at the prices charged, before discounts
    discounts: int
    sales_total: int  # what customers owed: gross less discounts (tax included or added, as the event says)
    tax: int
    cash_rounding: int
    returns: int
    returned_items: int
    returned: int  # the value of the returned lines
    refunds: int  # what was paid back: the returned value after cash rounding
    no_receipt_returns: int

    @property
    def net(self) -> int:
        """Sales less what came back."""
        return self.sales_total - self.returned

    @property
    def average_sale(self) -> int:
        return round_half_up(Decimal(self.sales_total) / self.sales) if self.sales else 0


@dataclass(frozen=True, slots=True)
class HourFigures:
    start: datetime  # wall-clock time of the event's zone, naive
    label: str
    sales: int
    total: int


@dataclass(frozen=True, slots=True)
class MakerFigures:
    maker: str
    products: int
    units: int
    revenue: int
    tax: int
    returned_units: int
    refunds: int

    @property
    def net(self) -> int:
        return self.revenue - self.refunds


@dataclass(frozen=True, slots=True)
class OutstandingPickup:
    number: str
    customer_name: str
    state: PickupState
    items_left: int


@dataclass(frozen=True, slots=True)
class ClerkFigures:
    name: str
    handoffs: int
    items: int


@dataclass(frozen=True, slots=True)
class PickupFigures:
    """Marketplace orders to collect at the event.

    A group-buy leader's order holds no lines of its own, so only its members
    are counted: an item is never counted twice.
    """

    orders: Mapping[PickupState, int]
    items_ordered: int
    items_handed_over: int
    items_outstanding: int
    handoffs: int
    # Whole orders handed over on a manager's approval before this till had pulled them.
    unpulled_handoffs: int
    outstanding: tuple[OutstandingPickup, ...]
    clerks: tuple[ClerkFigures, ...]


@dataclass(frozen=True, slots=True)
class EventReport:
    event: EventSettings
    till_code: str
    generated_at: datetime
    first_sale_at: datetime | None
    last_sale_at: datetime | None
    # Minor units in one major unit (100 for CHF, 1 for JPY): charts draw major units.
    minor_unit: int
    totals: ReportTotals
    by_hour: tuple[HourFigures, ...]
    by_product: tuple[ProductFigures, ...]
    by_maker: tuple[MakerFigures, ...]
    tenders: tuple[TenderFigures, ...]
    staff: tuple[StaffFigures, ...]
    returns_by_reason: tuple[ReturnGroup, ...]
    returns_by_disposition: tuple[ReturnGroup, ...]
    pickups: PickupFigures


def event_report(uow: UnitOfWork) -> EventReport:
    """Every figure of the event's report, read in one snapshot of the store."""
    with uow.for_reading():
        till, event = uow.tills.this_till_and_event()
        sales = uow.reports.sales_totals()
        returns = uow.reports.returns_totals()
        hours = uow.reports.sales_by_hour(zone(event.time_zone))
        products = uow.reports.products()
        tenders = uow.reports.tenders()
        staff = uow.reports.staff()
        by_reason = uow.reports.returns_by("reason")
        by_disposition = uow.reports.returns_by("disposition")
        orders = uow.pickups.orders()
        handoffs = uow.pickups.handoffs()
    totals = ReportTotals(
        sales=sales.sales,
        items=sum(product.units for product in products),
        gross=sales.subtotal,
        discounts=sales.discounts,
        sales_total=sales.total,
        tax=sales.tax,
        cash_rounding=sales.rounding,
        returns=returns.returns,
        returned_items=returns.items,
        returned=returns.refund_total - returns.rounding,
        refunds=returns.refund_total,
        no_receipt_returns=returns.no_receipt,
    )
    return EventReport(
        event=event,
        till_code=till.code,
        generated_at=datetime.now(UTC),
        first_sale_at=datetime.fromisoformat(sales.first_at) if sales.first_at else None,
        last_sale_at=datetime.fromisoformat(sales.last_at) if sales.last_at else None,
        minor_unit=10 ** currency_exponent(event.currency),
        totals=totals,
        by_hour=_hours(hours, event.locale),
        by_product=tuple(products),
        by_maker=_makers(products),
        tenders=tuple(tenders),
        staff=tuple(staff),
        returns_by_reason=tuple(by_reason),
        returns_by_disposition=tuple(by_disposition),
        pickups=_pickups(orders, handoffs),
    )


def _hours(rows: list[HourRow], locale: str) -> tuple[HourFigures, ...]:
    """Each hour with sales, and the quiet hours between them on the same day (a gap the chart should show)."""
    found = {datetime.strptime(row.hour, "%Y-%m-%d %H"): (row.sales, row.total) for row in rows}
    if not found:
        return ()
    several_days = len({start.date() for start in found}) > 1
    hours: list[HourFigures] = []
    for day in sorted({start.date() for start in found}):
        busy = sorted(start.hour for start in found if start.date() == day)
        for hour in range(busy[0], busy[-1] + 1):
            start = datetime(day.year, day.month, day.day, hour)
            label = format_datetime(start, "EEE HH:mm", locale=locale) if several_days else f"{hour:02d}:00"
            hours.append(HourFigures(start, label, *found.get(start, (0, 0))))
    return tuple(hours)


def _makers(products: Iterable[ProductFigures]) -> tuple[MakerFigures, ...]:
    by_maker: dict[str, list[ProductFigures]] = {}
    for product in products:
        by_maker.setdefault(product.maker, []).append(product)
    makers = [
        MakerFigures(
            maker,
            products=len(sold),
            units=sum(p.units for p in sold),
            revenue=sum(p.revenue for p in sold),
            tax=sum(p.tax for p in sold),
            returned_units=sum(p.returned_units for p in sold),
            refunds=sum(p.refunds for p in sold),
        )
        for maker, sold in by_maker.items()
    ]
    makers.sort(key=lambda maker: (-maker.revenue, maker.maker))
    return tuple(makers)


def _pickups(orders: list[PickupOrder], handoffs: list[HandedOff]) -> PickupFigures:
    collected = collected_quantities(handoffs)
    counts = dict.fromkeys(PickupState, 0)
    ordered = outstanding_items = 0
    outstanding: list[OutstandingPickup] = []
    for order in orders:
        if order.member_order_ids:
            continue
        state = order_state([order], collected)
        counts[state] += 1
        if order.cancelled:
            continue
        ordered += sum(line.quantity for line in order.lines)
        left = sum(max(line.quantity - collected.get((order.order_id, line.line_id), 0), 0) for line in order.lines)
        outstanding_items += left
        if left:
            outstanding.append(OutstandingPickup(order.number, order.customer_name, state, left))
    clerks: dict[str, tuple[set[str], int]] = {}
    for handed in handoffs:
        ids, items = clerks.get(handed.staff_name, (set(), 0))
        clerks[handed.staff_name] = (ids | {handed.handoff_id}, items + handed.quantity)
    return PickupFigures(
        orders=counts,
        items_ordered=ordered,
        items_handed_over=sum(handed.quantity for handed in handoffs),
        items_outstanding=outstanding_items,
        handoffs=len({handed.handoff_id for handed in handoffs}),
        unpulled_handoffs=len({h.handoff_id for h in handoffs if h.line_id == WHOLE_ORDER_LINE}),
        outstanding=tuple(outstanding),
        clerks=tuple(
            ClerkFigures(name, len(ids), items) for name, (ids, items) in sorted(clerks.items(), key=lambda c: c[0])
        ),
    )


# The PDF


# The steps of the PDF, for a progress bar: reading the figures, drawing the pages, saving the file.
PDF_STEPS = 3


def event_report_pdf(
    target: Path, uow: UnitOfWork, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> Path:
    """Write the event report as an A4 PDF with its charts; nothing is left behind if it cannot be written.

    ``cancel`` is honoured between the steps, up to the moment the file takes its name.
    """
    cancel = cancel or CancelToken()
    stopped = _("Report stopped: no file was written.")
    progress(0, PDF_STEPS, _("Reading the event's figures"))
    report = event_report(uow)
    cancel.check(stopped)
    progress(1, PDF_STEPS, _("Drawing the report"))
    # reportlab is loaded when the first report is asked for, not at the till's start-up.
    from printers.pdf_output import PdfFontsMissing
    from printers.report_pdf import render_report_pdf

    try:
        data = render_report_pdf(_report_document(report))
    except PdfFontsMissing as error:
        raise InvalidInput(str(error)) from None
    cancel.check(stopped)
    progress(2, PDF_STEPS, _("Saving {name}").format(name=target.name))
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        cancel.check(stopped)
        partial.replace(target)
    except (OSError, Cancelled) as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, Cancelled):
            raise
        raise InvalidInput(
            _("Cannot write {target}: {strerror}. Choose another folder.").format(
                target=target, strerror=error.strerror
            )
        ) from None
    progress(PDF_STEPS, PDF_STEPS, _("Saved {name}").format(name=target.name))
    return target


def _report_document(report: EventReport) -> ReportDocument:
    """The report worded and formatted for the PDF, in the event's locale."""
    from printers.report_pdf import BarChart, ReportDocument, ReportTable

    event, totals, fmt = report.event, report.totals, report.event.format
    _ = texts.for_locale(event.locale).gettext  # printed in the event's language, whoever exports it

    def when(moment: datetime | None) -> str:
        return event.format_datetime(moment) if moment else "-"

    def count(number: int) -> str:
        return f"{number:,}"

    summary = (
        (_("Sales"), count(totals.sales)),
        (_("Items sold"), count(totals.items)),
        (_("Gross sales (before discounts)"), fmt(totals.gross)),
        (_("Discounts"), fmt(-totals.discounts)),
        (_("Sales total"), fmt(totals.sales_total)),
        ("  " + _("of which tax"), fmt(totals.tax)),
        (_("Cash rounding"), fmt(totals.cash_rounding)),
        (_("Returns"), count(totals.returns)),
        (_("Returned items"), count(totals.returned_items)),
        (_("Returned value"), fmt(-totals.returned)),
        (_("Refunds paid"), fmt(totals.refunds)),
        (_("Net sales (after returns)"), fmt(totals.net)),
        (_("Average sale"), fmt(totals.average_sale)),
    )
    makers = report.by_maker[:MAKERS_IN_CHART]
    others = sum(maker.revenue for maker in report.by_maker[MAKERS_IN_CHART:])
    charts = (
        BarChart(
            _("Sales by hour"),
            tuple(hour.label for hour in report.by_hour),
            tuple(hour.total for hour in report.by_hour),
            report.minor_unit,
            event.currency,
        ),
        BarChart(
            _("Sales by maker"),
            tuple(maker.maker for maker in makers) + ((_("Others"),) if others else ()),
            tuple(maker.revenue for maker in makers) + ((others,) if others else ()),
            report.minor_unit,
            event.currency,
            horizontal=True,
        ),
    )
    products = report.by_product[:TOP_PRODUCTS_IN_PDF]
    pickups = report.pickups
    tables = (
        ReportTable(
            _("Sales by hour"),
            (_("Hour"), _("Sales"), _("Total")),
            tuple((hour.label, count(hour.sales), fmt(hour.total)) for hour in report.by_hour),
        ),
        ReportTable(
            _("Products (top {shown} of {count})").format(shown=len(products), count=count(len(report.by_product)))
            if len(report.by_product) > TOP_PRODUCTS_IN_PDF
            else _("Products"),
            (_("SKU"), _("Product"), _("Maker"), _("Units"), _("Revenue"), _("Returned"), _("Refunds")),
            tuple(
                (p.sku, p.name, p.maker, count(p.units), fmt(p.revenue), count(p.returned_units), fmt(p.refunds))
                for p in products
            ),
            figures_from=3,
        ),
        ReportTable(
            _("Makers"),
            (_("Maker"), _("Products"), _("Units"), _("Revenue"), _("Tax"), _("Returned"), _("Refunds"), _("Net")),
            tuple(
                (
                    m.maker,
                    count(m.products),
                    count(m.units),
                    fmt(m.revenue),
                    fmt(m.tax),
                    count(m.returned_units),
                    fmt(m.refunds),
                    fmt(m.net),
                )
                for m in report.by_maker
            ),
        ),
        ReportTable(
            _("Tenders"),
            (_("Tender"), _("Payments"), _("Taken"), _("Refunds"), _("Refunded"), _("Net")),
            tuple(
                (
                    _(KIND_LABELS.get(t.kind, t.kind)),
                    count(t.payments),
                    fmt(t.taken),
                    count(t.refund_count),
                    fmt(t.refunds),
                    fmt(t.net),
                )
                for t in report.tenders
            ),
        ),
        ReportTable(
            _("Discounts and overrides by staff"),
            (
                _("Staff"),
                _("Sales"),
                _("Total"),
                _("Line disc."),
                _("Cart disc."),
                _("Price chg."),
                _("Approved"),
                _("Approvals"),
            ),
            tuple(
                (
                    s.name,
                    count(s.sales),
                    fmt(s.sales_total),
                    fmt(s.line_discounts),
                    fmt(s.cart_discounts),
                    f"{s.price_changes} · {fmt(s.price_change_amount)}" if s.price_changes else "0",
                    count(s.overrides_approved),
                    count(s.approvals_given),
                )
                for s in report.staff
            ),
            note=_(
                "Approved: this person's lines and carts that carry a manager's approval. "
                "Approvals: the approvals this person gave as the manager."
            ),
        ),
        ReportTable(
            _("Returns by reason"),
            (_("Reason"), _("Returns"), _("Units"), _("Refund")),
            tuple((_(r.key), count(r.returns), count(r.units), fmt(r.refund)) for r in report.returns_by_reason),
        ),
        ReportTable(
            _("Returns by disposition"),
            (_("Disposition"), _("Returns"), _("Units"), _("Refund")),
            tuple(
                (_(disposition_label(r.key)), count(r.returns), count(r.units), fmt(r.refund))
                for r in report.returns_by_disposition
            ),
        ),
        ReportTable(
            _("Pickups"),
            ("", _("Count")),
            (
                *((_(STATE_LABELS[state]), count(pickups.orders[state])) for state in PickupState),
                (_("Items ordered"), count(pickups.items_ordered)),
                (_("Items handed over"), count(pickups.items_handed_over)),
                (_("Items outstanding"), count(pickups.items_outstanding)),
                (_("Handoffs"), count(pickups.handoffs)),
                (_("Whole orders on a manager's approval"), count(pickups.unpulled_handoffs)),
            ),
        ),
        ReportTable(
            _("Pickups outstanding"),
            (_("Order"), _("Customer"), _("State"), _("Items left")),
            tuple(
                (o.number, o.customer_name, _(STATE_LABELS[o.state]), count(o.items_left)) for o in pickups.outstanding
            ),
            figures_from=3,
        ),
        ReportTable(
            _("Handoffs by clerk"),
            (_("Clerk"), _("Handoffs"), _("Items")),
            tuple((c.name, count(c.handoffs), count(c.items)) for c in pickups.clerks),
        ),
    )
    worded = tuple(dataclasses.replace(table, empty=_("None.")) for table in tables)
    place = f" · {event.place}" if event.place else ""
    subtitle = _("Till {till}{place} · sales from {first} to {last} · made {made} (times are {zone})").format(
        till=report.till_code,
        place=place,
        first=when(report.first_sale_at),
        last=when(report.last_sale_at),
        made=when(report.generated_at),
        zone=event.zone_name(),
    )
    return ReportDocument(
        title=_("{event}: event report").format(event=event.name),
        subtitle=subtitle,
        summary=summary,
        charts=charts,
        tables=worded,
        footer=_("{event} · till {till}").format(event=event.name, till=report.till_code),
    )


# CSV


# Lines copied between two looks at the progress callback and the Cancel button.
EXPORT_CHECK_LINES = 2_000


def export_csv(
    target_dir: Path, uow: UnitOfWork, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> list[Path]:
    """Write sales, their lines and tenders, returns, their lines and refunds, and stock movements as CSV files.

    The files are UTF-8 with a byte-order mark, comma-separated, with a header
    row, quoted as Python's csv module quotes: Excel needs the mark to read
    UTF-8 (without it, "Zürich" arrives as "ZÃ¼rich"), and LibreOffice and
    Python's csv module (``utf-8-sig``) take it as well. Each amount is written
    in major units with a decimal point whatever the locale, then as the
    integer of minor units the till keeps (``total``, ``total_minor``); times
    are in UTC (``created_at``) and in this till's local time
    (``created_at_local``). All files are written before any replaces an
    earlier export. A cancelled export removes its partial files and leaves the earlier one whole.
    """
    cancel = cancel or CancelToken()
    report = Throttled(progress)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(target_dir, error) from None
    written: list[tuple[Path, Path]] = []
    try:
        with uow.for_reading():
            for table in ExportTable:
                target = target_dir / f"{table.value}.csv"
                partial = target.with_name(target.name + ".partial")
                written.append((partial, target))
                progress(0, None, _("Exporting {name}").format(name=target.name))
                with partial.open("wb") as file:
                    file.write(codecs.BOM_UTF8 + export_header(table))
                    # SQLite has formatted each line: copying them is all that is left to do.
                    for count, (line,) in enumerate(uow.reports.export(table), 1):
                        file.write(line)
                        if count % EXPORT_CHECK_LINES == 0:
                            cancel.check(_("Export stopped: no CSV file was changed."))
                            report(count, None, _("Exporting {name}").format(name=target.name))
        cancel.check(_("Export stopped: no CSV file was changed."))
        for partial, target in written:
            partial.replace(target)
    except (OSError, Cancelled) as error:
        for partial, _target in written:
            partial.unlink(missing_ok=True)
        if isinstance(error, Cancelled):
            raise
        raise _unwritable(target_dir, error) from None
    return [target for _partial, target in written]


def _unwritable(folder: Path, error: OSError) -> InvalidInput:
    return InvalidInput(
        _(
            "The CSV files cannot be written to {folder}: {strerror}. "
            "Choose a folder you can write to (a USB stick, your documents)."
        ).format(folder=folder, strerror=error.strerror or error)
    )
