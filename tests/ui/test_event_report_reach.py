"""The event report view names how far each till's records go, and the event's tax per rate."""

from __future__ import annotations

import random
from decimal import Decimal

from pytestqt.qtbot import QtBot

from app.domain.tenders import Tender, TenderKind
from app.services.event_report import event_report
from app.ui.event_report_view import EventReportView
from sync.maker_settlements import percent
from tests.bench.sale_payloads import sale_payload
from tests.conftest import DemoTill
from tests.ui.report_sales import CANDLE, sell


def test_the_view_says_up_to_when_each_tills_records_go(qtbot: QtBot, demo: DemoTill) -> None:
    sell(demo, [CANDLE], Tender(TenderKind.CASH, 2000))
    pulled = sale_payload("B", 7, random.Random(1)) | {"created_at": "2026-12-05T13:32:10.000+00:00"}
    with demo.till.uow() as uow:
        uow.returns.save_foreign_sale(pulled)
        uow.commit()
    report = event_report(demo.till.uow())
    view = EventReportView()
    qtbot.addWidget(view)
    view.show_report(report, report.event.format)

    reach = view.reach.text()
    assert reach.startswith(f"Till {report.till_code} (this till): up to now")
    assert f"Till B: records up to {report.event.format_datetime('2026-12-05T13:32:10.000+00:00')}" in reach
    assert view.summary["sales"].text() == "2", "the pulled sale counts in the event's figures"
    rates = view.tax_rates.lines.text()
    assert [line.split(":")[0] for line in rates.splitlines()] == [percent(Decimal(r.rate)) for r in report.tax_rates]
    assert "8.1%" in rates
    assert all(f": {report.event.format(rate.tax)} tax on" in rates for rate in report.tax_rates)
