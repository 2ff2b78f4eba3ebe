"""The event report view shows a report read from a real store: charts by hour and maker, tables, totals."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.tenders import Tender, TenderKind
from app.services.event_report import event_report
from app.ui.event_report_view import EventReportView
from tests.conftest import DemoTill
from tests.ui.report_sales import CANDLE, MUG, sell


def test_the_view_charts_and_tabulates_the_report(qtbot: QtBot, qtmodeltester: ModelTester, demo: DemoTill) -> None:
    sell(demo, [CANDLE, CANDLE], Tender(TenderKind.CASH, 3000))
    sell(demo, [MUG], Tender(TenderKind.CARD, 3200, "TRM-7"))
    report = event_report(demo.till.uow())
    view = EventReportView()
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()

    view.show_report(report, report.event.format)

    assert view.title.text() == "Winter Makers Market: event report"
    assert view.summary["sales_total"].text() == report.event.format(2580 + 3200)
    hours = view.hour_chart
    assert sum(hours.bars.at(i) for i in range(hours.bars.count())) == (2580 + 3200) / 100
    assert hours.categories.categories() == [hour.label for hour in report.by_hour]
    assert hours.series.count() == 1 and hours.chart.series() == [hours.series]
    makers = view.maker_chart
    # Best maker at the top, which a horizontal bar chart draws last.
    assert makers.categories.categories() == ["Atelier Lumen", "Bergkeramik"]
    assert [makers.bars.at(i) for i in range(makers.bars.count())] == [25.80, 32.00]

    model = view.product_model
    qtmodeltester.check(model)
    first = [model.index(0, column).data() for column in range(model.columnCount())]
    assert first[:5] == ["BER-003", "Mug speckled", "Bergkeramik", "1", report.event.format(3200)]
    tenders = view.tender_model
    assert [tenders.index(row, 0).data() for row in range(tenders.rowCount())] == ["Card", "Cash"]
    assert view.staff_model.index(0, 0).data() == "Sam"
    assert "6 still to collect" in view.pickup_summary.text()

    # A fresh report replaces the old one rather than adding to it.
    view.show_report(report, report.event.format)
    assert hours.bars.count() == len(report.by_hour) and model.rowCount() == 2
