"""The event report as an A4 PDF with its charts, in the event's language and locale."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain import texts
from app.domain.errors import InvalidInput
from app.domain.group_buy_terms import OUTCOME_LABELS
from app.domain.pickups import STATE_LABELS, PickupState
from app.domain.progress import Cancelled, CancelToken, Progress, no_progress
from app.domain.returns import disposition_label
from app.domain.texts import _
from app.services.event_report import KIND_LABELS, MAKERS_IN_CHART, EventReport, event_report
from app.store.unit_of_work import UnitOfWork
from sync.maker_settlements import percent
from sync.price_figures import MARKDOWN

if TYPE_CHECKING:
    from printers.report_pdf import ReportDocument, ReportTable

TOP_PRODUCTS_IN_PDF = 50


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
        data = render_report_pdf(report_document(report))
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


def report_document(report: EventReport) -> ReportDocument:
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
        # The automatic prices apart, where there were any (docs/pricing_rules.md, "Reports").
        *(
            (
                ("  " + _("of which markdowns"), fmt(-report.markdowns)),
                ("  " + _("of which bundles"), fmt(-report.bundles)),
            )
            if report.automatic
            else ()
        ),
        (_("Sales total"), fmt(totals.sales_total)),
        ("  " + _("of which tax"), fmt(totals.tax)),
        (_("Cash rounding"), fmt(totals.cash_rounding)),
        (_("Returns"), count(totals.returns)),
        (_("Returned items"), count(totals.returned_items)),
        (_("Returned value"), fmt(-totals.returned)),
        (_("Refunds paid"), fmt(totals.refunds)),
        (_("Net sales (after returns)"), fmt(totals.net)),
        (_("Average sale"), fmt(totals.average_sale)),
        (
            _("Gift cards sold ({count}, not sales)").format(count=count(totals.gift_cards)),
            fmt(totals.gift_card_amount),
        ),
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
            _("Records per till"),
            (_("Till"), _("Sales and returns"), _("Records up to")),
            tuple(
                (
                    till.till_code,
                    count(till.records),
                    _("this till, up to now") if till.this_till else when(till.last_at),
                )
                for till in report.reach
            ),
            figures_from=1,
        ),
        ReportTable(
            _("Tax per rate"),
            (_("Rate"), _("Units"), _("Sales"), _("Tax")),
            tuple(
                (percent(Decimal(rate.rate)), count(rate.units), fmt(rate.total), fmt(rate.tax))
                for rate in report.tax_rates
            ),
        ),
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
            _("Markdowns and bundles"),
            (_("Price rule"), _("Rule type"), _("Sale lines"), _("Units"), _("Amount off")),
            tuple(
                (
                    report.rule_name(row.rule),
                    _("Markdown") if row.kind == MARKDOWN else _("Bundle"),
                    count(row.lines),
                    count(row.units),
                    fmt(-row.amount),
                )
                for row in report.automatic
            ),
            figures_from=2,
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
        ReportTable(
            _("Demand after sell-out (asked for at this till)"),
            (_("Product"), _("Asked for"), _("Units"), _("Sold out at"), _("Asked for after")),
            tuple(
                (
                    d.name if d.sku else _("{name} (not stocked)").format(name=d.name),
                    count(d.times),
                    count(d.units),
                    when(datetime.fromisoformat(d.sold_out_at)) if d.sold_out_at else "-",
                    count(d.times_after) if d.sold_out_at else "-",
                )
                for d in report.demand
            ),
        ),
        ReportTable(
            _("Group buys"),
            (
                _("Group buy"),
                _("Minimum"),
                _("Committed"),
                _("Amount"),
                _("Outcome"),
                _("Refunds due / done"),
                _("Orders"),
            ),
            tuple(
                (
                    f"{g.name} ({g.sku})",
                    count(g.minimum),
                    count(g.units),
                    fmt(g.amount),
                    _(OUTCOME_LABELS.get(g.outcome, g.outcome)),
                    f"{fmt(g.refunds_due_amount)} / {fmt(g.refunds_done_amount)}",
                    count(g.orders),
                )
                for g in report.group_buys
            ),
            note=_("Commitments are sales of their custom-amount line, already in the sales above: not added again."),
        ),
    )
    drops = (drop_table(report, _),) if report.drops else ()
    worded = tuple(dataclasses.replace(table, empty=_("None.")) for table in (*tables, *drops))
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


def drop_table(report: EventReport, _: Callable[[str], str]) -> ReportTable:
    """Per drop: sold at the counter over its allocation (sell-through) and release to the last unit."""
    from printers.report_pdf import ReportTable

    event = report.event

    def after(seconds: int | None) -> str:
        if seconds is None:
            return _("not sold out")
        hours, rest = divmod(seconds, 3600)
        return _("{hours} h {minutes:02d} min").format(hours=hours, minutes=rest // 60)

    return ReportTable(
        _("Drops"),
        (_("Drop"), _("Release"), _("Sold / allocated"), _("Sell-through"), _("Sold out after")),
        tuple(
            (
                d.name,
                event.format_datetime(datetime.fromisoformat(d.release_at)),
                f"{d.counter_sold} / {d.counter_allocation}",
                f"{d.sell_through:.0%}" if d.sell_through is not None else "-",
                after(d.sold_out_after_seconds),
            )
            for d in report.drops
        ),
        figures_from=2,
        note=_("At the counter: units restocked at a returns desk are not counted as sold."),
    )
