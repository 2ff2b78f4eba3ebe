"""The event report on the manager's screen: totals, bar charts (Qt Charts) and the tables behind them.

The view only shows an :class:`EventReport` it is handed; the manager's
screen reads it through the worker (``event_report(uow)``) and calls
:meth:`EventReportView.show_report` with the event's money formatter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import texts
from app.domain.pickups import PickupState
from app.domain.returns import disposition_label
from app.services.event_report import (
    KIND_LABELS,
    MAKERS_IN_CHART,
    ClerkFigures,
    EventReport,
    HourFigures,
    MakerFigures,
    OutstandingPickup,
)
from app.store.reports import StaffFigures
from app.ui.event_report_reach import TaxRatesLabel, TillReachLabel
from app.ui.pickup_list import state_text
from app.ui.report_figures import BarChart, FiguresModel, ReportColumn, figures_table
from sync.event_figures import ItemFigures, ReturnGroup, TenderFigures


class EventReportView(QWidget):
    """Summary, charts and tables of the event report, in tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fmt: Callable[[int], str] = str
        self.title = QLabel()
        self.title.setObjectName("screenTitle")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.reach = TillReachLabel()
        self.tax_rates = TaxRatesLabel()

        self.summary: dict[str, QLabel] = {}
        summary_grid = QGridLayout()
        captions = {
            "sales": self.tr("Sales"),
            "items": self.tr("Items sold"),
            "gross": self.tr("Gross sales (before discounts)"),
            "discounts": self.tr("Discounts"),
            "markdowns": self.tr("of which markdowns"),
            "bundles": self.tr("of which bundles"),
            "sales_total": self.tr("Sales total"),
            "tax": self.tr("of which tax"),
            "cash_rounding": self.tr("Cash rounding"),
            "returns": self.tr("Returns"),
            "returned": self.tr("Returned value"),
            "refunds": self.tr("Refunds paid"),
            "net": self.tr("Net sales (after returns)"),
            "average_sale": self.tr("Average sale"),
            "gift_cards": self.tr("Gift cards sold (not sales)"),
        }
        # Two columns of caption and figure, read top to bottom.
        half = (len(captions) + 1) // 2
        for position, (key, caption) in enumerate(captions.items()):
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary[key] = value
            row, column = position % half, 3 * (position // half)
            summary_grid.addWidget(QLabel(caption), row, column)
            summary_grid.addWidget(value, row, column + 1)
        summary_grid.setHorizontalSpacing(16)
        summary_grid.setColumnMinimumWidth(2, 48)
        summary_grid.setColumnStretch(6, 1)

        self.hour_chart = BarChart(self.tr("Sales by hour"), self.tr("Sales"), horizontal=False)
        self.maker_chart = BarChart(self.tr("Sales by maker"), self.tr("Revenue"), horizontal=True)
        charts = QHBoxLayout()
        charts.addWidget(self.hour_chart.view, 3)
        charts.addWidget(self.maker_chart.view, 2)
        overview = QWidget()
        overview_column = QVBoxLayout(overview)
        overview_column.addLayout(summary_grid)
        overview_column.addWidget(self.tax_rates)
        overview_column.addLayout(charts, 1)

        money, count = self._money, self._count
        self.hour_model = FiguresModel[HourFigures](
            [
                ReportColumn(self.tr("Hour"), lambda h: h.label, figure=False),
                ReportColumn(self.tr("Sales"), lambda h: count(h.sales)),
                ReportColumn(self.tr("Total"), lambda h: money(h.total)),
            ],
            self,
        )
        self.product_model = FiguresModel[ItemFigures](
            [
                ReportColumn(self.tr("SKU"), lambda p: p.sku, figure=False),
                ReportColumn(self.tr("Product"), lambda p: p.name, figure=False),
                ReportColumn(self.tr("Maker"), lambda p: p.maker, figure=False),
                ReportColumn(self.tr("Units"), lambda p: count(p.units)),
                ReportColumn(self.tr("Revenue"), lambda p: money(p.revenue)),
                ReportColumn(self.tr("Discounts"), lambda p: money(p.discounts)),
                ReportColumn(self.tr("Returned"), lambda p: count(p.returned_units)),
                ReportColumn(self.tr("Refunds"), lambda p: money(p.refunds)),
            ],
            self,
        )
        self.maker_model = FiguresModel[MakerFigures](
            [
                ReportColumn(self.tr("Maker"), lambda m: m.maker, figure=False),
                ReportColumn(self.tr("Products"), lambda m: count(m.products)),
                ReportColumn(self.tr("Units"), lambda m: count(m.units)),
                ReportColumn(self.tr("Revenue"), lambda m: money(m.revenue)),
                ReportColumn(self.tr("Tax"), lambda m: money(m.tax)),
                ReportColumn(self.tr("Returned"), lambda m: count(m.returned_units)),
                ReportColumn(self.tr("Refunds"), lambda m: money(m.refunds)),
                ReportColumn(self.tr("Net"), lambda m: money(m.net)),
            ],
            self,
        )
        self.tender_model = FiguresModel[TenderFigures](
            [
                ReportColumn(self.tr("Tender"), lambda t: texts._(KIND_LABELS.get(t.kind, t.kind)), figure=False),
                ReportColumn(self.tr("Payments"), lambda t: count(t.payments)),
                ReportColumn(self.tr("Taken"), lambda t: money(t.taken)),
                ReportColumn(self.tr("Refunds"), lambda t: count(t.refund_count)),
                ReportColumn(self.tr("Refunded"), lambda t: money(t.refunds)),
                ReportColumn(self.tr("Net"), lambda t: money(t.net)),
            ],
            self,
        )
        self.staff_model = FiguresModel[StaffFigures](
            [
                ReportColumn(self.tr("Staff"), lambda s: s.name, figure=False),
                ReportColumn(self.tr("Sales"), lambda s: count(s.sales)),
                ReportColumn(self.tr("Total"), lambda s: money(s.sales_total)),
                ReportColumn(self.tr("Line discounts"), lambda s: money(s.line_discounts)),
                ReportColumn(self.tr("Cart discounts"), lambda s: money(s.cart_discounts)),
                ReportColumn(
                    self.tr("Price changes"),
                    lambda s: f"{count(s.price_changes)} · {money(s.price_change_amount)}" if s.price_changes else "0",
                    tooltip=self.tr("Lines sold at another price than the catalog's, and what that took off"),
                ),
                ReportColumn(
                    self.tr("Approved"),
                    lambda s: count(s.overrides_approved),
                    tooltip=self.tr("Lines and carts of this person's sales that carry a manager's approval"),
                ),
                ReportColumn(
                    self.tr("Approvals"),
                    lambda s: count(s.approvals_given),
                    tooltip=self.tr("Approvals this person gave as the manager"),
                ),
            ],
            self,
        )
        self.reason_model = FiguresModel[ReturnGroup](
            [
                ReportColumn(self.tr("Reason"), lambda r: texts._(r.key), figure=False),
                ReportColumn(self.tr("Returns"), lambda r: count(r.returns)),
                ReportColumn(self.tr("Units"), lambda r: count(r.units)),
                ReportColumn(self.tr("Refund"), lambda r: money(r.refund)),
            ],
            self,
        )
        self.disposition_model = FiguresModel[ReturnGroup](
            [
                ReportColumn(self.tr("Disposition"), lambda r: texts._(disposition_label(r.key)), figure=False),
                ReportColumn(self.tr("Returns"), lambda r: count(r.returns)),
                ReportColumn(self.tr("Units"), lambda r: count(r.units)),
                ReportColumn(self.tr("Refund"), lambda r: money(r.refund)),
            ],
            self,
        )
        self.outstanding_model = FiguresModel[OutstandingPickup](
            [
                ReportColumn(self.tr("Order"), lambda o: o.number, figure=False),
                ReportColumn(self.tr("Customer"), lambda o: o.customer_name, figure=False),
                ReportColumn(self.tr("State"), lambda o: state_text(o.state), figure=False),
                ReportColumn(self.tr("Items left"), lambda o: count(o.items_left)),
            ],
            self,
        )
        self.clerk_model = FiguresModel[ClerkFigures](
            [
                ReportColumn(self.tr("Clerk"), lambda c: c.name, figure=False),
                ReportColumn(self.tr("Handoffs"), lambda c: count(c.handoffs)),
                ReportColumn(self.tr("Items"), lambda c: count(c.items)),
            ],
            self,
        )

        self.products = figures_table(self.product_model, stretch=1)
        self.makers = figures_table(self.maker_model)
        self.tenders = figures_table(self.tender_model)
        self.staff = figures_table(self.staff_model)
        self.reasons = figures_table(self.reason_model)
        self.dispositions = figures_table(self.disposition_model)
        self.outstanding = figures_table(self.outstanding_model, stretch=1)
        self.clerks = figures_table(self.clerk_model)
        hours = figures_table(self.hour_model)
        returns = QWidget()
        returns_column = QVBoxLayout(returns)
        returns_column.addWidget(QLabel(self.tr("By reason")))
        returns_column.addWidget(self.reasons, 2)
        returns_column.addWidget(QLabel(self.tr("By disposition")))
        returns_column.addWidget(self.dispositions, 1)
        self.pickup_summary = QLabel()
        self.pickup_summary.setWordWrap(True)
        pickups = QWidget()
        pickups_column = QVBoxLayout(pickups)
        pickups_column.addWidget(self.pickup_summary)
        pickups_column.addWidget(QLabel(self.tr("Still to collect")))
        pickups_column.addWidget(self.outstanding, 2)
        pickups_column.addWidget(QLabel(self.tr("Handed over, by clerk")))
        pickups_column.addWidget(self.clerks, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(overview, self.tr("Overview"))
        self.tabs.addTab(hours, self.tr("By hour"))
        self.tabs.addTab(self.products, self.tr("Products"))
        self.tabs.addTab(self.makers, self.tr("Makers"))
        self.tabs.addTab(self.tenders, self.tr("Tenders"))
        self.tabs.addTab(self.staff, self.tr("Staff"))
        self.tabs.addTab(returns, self.tr("Returns"))
        self.tabs.addTab(pickups, self.tr("Pickups"))
        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.subtitle)
        outer.addWidget(self.reach)
        outer.addWidget(self.tabs, 1)

    def _money(self, minor: int) -> str:
        return self._fmt(minor)

    def _count(self, number: int) -> str:
        return f"{number:,}"

    def show_report(self, report: EventReport, fmt: Callable[[int], str]) -> None:
        self._fmt = fmt
        totals = report.totals
        self.title.setText(self.tr("{0}: event report").format(report.event.name))
        self.subtitle.setText(self.tr("Till {0} · times are {1}").format(report.till_code, report.event.zone_name()))
        figures = {
            "sales": self._count(totals.sales),
            "items": self._count(totals.items),
            "gross": fmt(totals.gross),
            "discounts": fmt(-totals.discounts),
            "markdowns": fmt(-report.markdowns),
            "bundles": fmt(-report.bundles),
            "sales_total": fmt(totals.sales_total),
            "tax": fmt(totals.tax),
            "cash_rounding": fmt(totals.cash_rounding),
            "returns": self._count(totals.returns),
            "returned": fmt(-totals.returned),
            "refunds": fmt(totals.refunds),
            "net": fmt(totals.net),
            "average_sale": fmt(totals.average_sale),
            "gift_cards": f"{self._count(totals.gift_cards)} · {fmt(totals.gift_card_amount)}",
        }
        for key, text in figures.items():
            self.summary[key].setText(text)
        self.reach.show_reach(report)
        self.tax_rates.show_rates(report, fmt)

        currency = report.event.currency
        self.hour_chart.plot(
            [hour.label for hour in report.by_hour],
            [hour.total for hour in report.by_hour],
            report.minor_unit,
            currency,
        )
        makers = list(report.by_maker[:MAKERS_IN_CHART])
        others = sum(maker.revenue for maker in report.by_maker[MAKERS_IN_CHART:])
        labels = [maker.maker for maker in makers] + ([self.tr("Others")] if others else [])
        values = [maker.revenue for maker in makers] + ([others] if others else [])
        # Horizontal bars stack from the bottom up: reversed, the best maker reads at the top.
        self.maker_chart.plot(labels[::-1], values[::-1], report.minor_unit, currency)

        self.hour_model.set_rows(report.by_hour)
        self.product_model.set_rows(report.by_product)
        self.maker_model.set_rows(report.by_maker)
        self.tender_model.set_rows(report.tenders)
        self.staff_model.set_rows(report.staff)
        self.reason_model.set_rows(report.returns_by_reason)
        self.disposition_model.set_rows(report.returns_by_disposition)
        pickups = report.pickups
        self.outstanding_model.set_rows(pickups.outstanding)
        self.clerk_model.set_rows(pickups.clerks)
        self.pickup_summary.setText(
            self.tr(
                "Orders: {0} waiting, {1} partly collected, {2} collected, {3} cancelled. "
                "Items: {4} ordered, {5} handed over, {6} still to collect."
            ).format(
                pickups.orders[PickupState.WAITING],
                pickups.orders[PickupState.PARTLY_COLLECTED],
                pickups.orders[PickupState.COLLECTED],
                pickups.orders[PickupState.CANCELLED],
                pickups.items_ordered,
                pickups.items_handed_over,
                pickups.items_outstanding,
            )
        )
